"""Build an index once per (corpus, model, chunking) and reuse it: benchmarks are re-run far more than rebuilt.

The cache key hashes exactly what decides the index's contents: every document's id and content hash, the
model name, the chunk settings, the FAISS factory, the embedder's precision (int8 vectors differ from
fp32 ones; fp32 ONNX and torch do not) and the revision of the code that makes vectors. Any change to one
of them is a new key, so a stale index is never reused. Indexes are saved with `Index.save` (atomic), so an
interrupted build leaves no half index.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Sequence
from dataclasses import asdict, replace
from pathlib import Path

from citeqa.config import Settings
from citeqa.corpus.document import Document
from citeqa.errors import IndexMismatchError
from citeqa.index.embedder import Embedder
from citeqa.index.lexical import LEXICAL_REVISION
from citeqa.index.onnx_backend import VECTORS_REVISION
from citeqa.index.store import Index, content_hash

log = logging.getLogger(__name__)


def default_cache_root() -> Path:
    """`$XDG_CACHE_HOME/citeqa/indexes`, else `~/.cache/citeqa/indexes`."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "citeqa" / "indexes"


def cache_key(documents: Sequence[Document], settings: Settings) -> str:
    """A short hex digest of the corpus' content hashes, the model and the chunk settings."""
    h = hashlib.sha256()
    spec = {
        "model": settings.model_name,
        "chunk": asdict(settings.chunk),
        "faiss_factory": settings.faiss_factory,
        "vector_backend": settings.vector_backend,
        "vectors_revision": VECTORS_REVISION,
        "lexical_revision": LEXICAL_REVISION,
    }
    precision = settings.precision_name
    if precision != "fp32":  # fp32 ONNX and torch give the same vectors; int8 does not
        spec["embed_precision"] = precision
    h.update(json.dumps(spec, sort_keys=True).encode())
    for doc in documents:
        h.update(f"{doc.id}\t{content_hash(doc)}\t{doc.title}\n".encode())
    return h.hexdigest()[:20]


def build_or_load(
    documents: Sequence[Document],
    settings: Settings,
    embedder: Embedder,
    cache_root: Path | None,
) -> tuple[Index, str]:
    """The index of `documents`; from `cache_root/<key>` when present, else built (and saved there).

    Returns the index and where it came from ("built", "built, cached at ...", "cache ..."). With
    `cache_root=None` nothing is read or written.
    """
    if cache_root is None:
        return Index.build(documents, settings, embedder), "built (not cached)"
    # Keyed by the vectors this embedder makes (after any fallback to torch), whatever was asked for.
    settings = replace(settings, embed_precision=embedder.embedding.precision)
    folder = cache_root.expanduser() / cache_key(documents, settings)
    if (folder / "manifest.json").exists():
        try:
            # The key fixes the precision, so a manifest older than the `embedding` record is known.
            index = Index.load(folder, expect_model=settings.model_name, assume_embedding=embedder.embedding)
            return index, f"cache {folder}"
        except IndexMismatchError as exc:  # damaged or from another format: rebuild over it
            log.warning("cached index unusable, rebuilding: %s", exc)
    index = Index.build(documents, settings, embedder)
    index.save(folder)
    return index, f"built, cached at {folder}"
