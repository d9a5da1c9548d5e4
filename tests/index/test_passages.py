import pytest

from citeqa.config import ChunkSettings
from citeqa.corpus.demo import demo_corpus
from citeqa.corpus.document import Document
from citeqa.index.passages import chunk_documents
from citeqa.index.tokens import ModelTokenCounter, TiktokenCounter, load_tiktoken_offline

LONG = " ".join(f"Sentence number {i} talks about the harbour and the ships in it." for i in range(60))


@pytest.fixture(scope="module")
def counter(embedder):
    return ModelTokenCounter(embedder.tokenizer)


def test_passages_are_exact_spans_within_the_budget(counter):
    doc = Document(id="d", text=LONG, title="Harbour")
    passages = chunk_documents([doc], ChunkSettings(max_tokens=64, overlap_sentences=1), counter, 254)
    assert len(passages) > 5
    for p in passages:
        assert p.text == doc.text[p.start : p.end]
        assert all(p.start <= a < b <= p.end for a, b in p.sentences)
        assert counter.count([p.embedding_text(doc.title)])[0] <= 64 + 2


def test_consecutive_passages_overlap_by_one_sentence(counter):
    doc = Document(id="d", text=LONG)
    passages = chunk_documents([doc], ChunkSettings(max_tokens=64, overlap_sentences=1), counter, 254)
    for first, second in zip(passages, passages[1:], strict=False):
        assert first.sentences[-1] == second.sentences[0]
    covered = {s for p in passages for s in p.sentences}
    assert len(covered) == 60


def test_a_sentence_longer_than_the_model_window_is_cut_not_truncated(counter):
    words = " ".join(["word"] * 1000) + "."
    doc = Document(id="d", text=words)
    passages = chunk_documents([doc], ChunkSettings(max_tokens=200), counter, 254)
    assert len(passages) >= 5
    assert max(counter.count([p.text for p in passages])) <= 200
    assert passages[0].start == 0 and passages[-1].end == len(words)


def test_demo_corpus_passages_fit_the_model(counter, embedder):
    docs = demo_corpus()
    titles = {d.id: d.title for d in docs}
    passages = chunk_documents(docs, ChunkSettings(), counter, embedder.info.max_tokens - 2)
    counts = counter.count([p.embedding_text(titles[p.doc_id]) for p in passages])
    assert max(counts) <= embedder.info.max_tokens - 2
    assert {p.doc_id for p in passages} == {"story", "newsweek", "toutiao"}


def test_tiktoken_works_offline_with_the_stock_token_ids():
    import quicktok

    text = "Kareliya transited the Tsushima Strait on 25–26 January; 48 F‑35A fighters."
    for name in ("cl100k_base", "o200k_base"):
        assert load_tiktoken_offline(name).encode_ordinary(text) == list(
            quicktok.get_encoding(name).encode(text)
        )
    assert TiktokenCounter("cl100k_base").count(["hello world"]) == [2]
