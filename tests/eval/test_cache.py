"""The index cache: a key that changes with anything that changes the index, and never otherwise."""

from dataclasses import replace

from citeqa.config import ChunkSettings, Settings
from citeqa.corpus.document import Document
from citeqa.eval import cache

DOCS = [Document(id="a", text="One sentence here.", title="A"), Document(id="b", text="Another one.")]


def test_key_is_stable_and_follows_what_builds_the_index(monkeypatch):
    base = cache.cache_key(DOCS, Settings())
    assert cache.cache_key(DOCS, Settings()) == base
    assert cache.cache_key(DOCS[:1], Settings()) != base
    assert cache.cache_key([replace(DOCS[0], text="Changed."), DOCS[1]], Settings()) != base
    assert cache.cache_key(DOCS, Settings(chunk=ChunkSettings(max_tokens=64))) != base
    assert cache.cache_key(DOCS, Settings(embed_precision="fp32")) != base
    # Code that makes different vectors from the same texts (int8 batching) makes a new key too.
    monkeypatch.setattr(cache, "VECTORS_REVISION", cache.VECTORS_REVISION + 1)
    assert cache.cache_key(DOCS, Settings()) != base
