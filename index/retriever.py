"""Search: a dense leg (FAISS), a lexical leg (BM25), fused; ranked `Hit`s of passages.

Hybrid search takes each leg's top `candidates` passages and fuses them in one of two ways:
- "rrf": reciprocal rank fusion of the two rankings;
- "minmax" (the default, chosen by measurement: eval/RESULTS.md): a second stage over the union of the two
  legs' candidates. Every candidate is scored on four kinds of evidence, each computed for every candidate
  (not only for those the leg that measures it returned, which would give the others that leg's floor):
  its cosine to the query, its BM25, its whole document's BM25 (a passage of a document that matches the
  query as a whole is the likelier one), and the cosine of its best sentence (the stored sentence vectors:
  a sentence that states the claim is not diluted by its neighbours). Cosines are min-max scaled over the
  candidates, BM25 scores taken as a share of the best (`share_of_best` says why); their weighted sum
  (weights in `RetrievalSettings`) ranks them.
Dense-only and lexical-only search return one leg's ranking as it is, for comparison. A cross-encoder the
user names (`RetrievalSettings.reranker`, see `rerank.py`) then reorders the top `rerank_depth`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from citeqa.config import RetrievalSettings
from citeqa.errors import ConfigError
from citeqa.index.embedder import Embedder
from citeqa.index.passages import Passage
from citeqa.index.rerank import CrossEncoderReranker
from citeqa.index.store import Index

MODES = ("dense", "lexical", "hybrid")
FUSIONS = ("rrf", "minmax")


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float  # the fused score that ranks it
    rank: int  # 1-based
    dense: float | None = None  # cosine to the query, when known
    lexical: float | None = None  # BM25, when known
    document: float | None = None  # BM25 of its whole document ("minmax" fusion)
    sentence: float | None = None  # cosine of its best sentence ("minmax" fusion)


@dataclass(frozen=True)
class Query:
    """A query as both legs see it, embedded once so that later stages can reuse the vector."""

    text: str
    vector: np.ndarray


@dataclass(frozen=True)
class Evidence:
    """The second stage's scores of candidate passages, row-aligned with `rows`."""

    rows: np.ndarray
    dense: np.ndarray
    lexical: np.ndarray
    document: np.ndarray
    sentence: np.ndarray


class Retriever:
    def __init__(self, index: Index, embedder: Embedder, settings: RetrievalSettings) -> None:
        if settings.mode not in MODES:
            raise ConfigError(f"--mode {settings.mode!r}: choose one of {', '.join(MODES)}")
        if settings.fusion not in FUSIONS:
            raise ConfigError(f"--fusion {settings.fusion!r}: choose one of {', '.join(FUSIONS)}")
        if index.manifest.model.name != embedder.info.name:
            raise ConfigError(
                f"the index was built with {index.manifest.model.name!r}, the embedder is {embedder.info.name!r}"
            )
        self.index = index
        self.embedder = embedder
        self.settings = settings
        self.reranker = (
            CrossEncoderReranker(settings.reranker, embedder.device) if settings.reranker else None
        )

    def embed(self, text: str) -> Query:
        return Query(text, self.embedder.encode_queries([text])[0])

    def search(self, query: str | Query, top_k: int | None = None) -> list[Hit]:
        q = query if isinstance(query, Query) else self.embed(query)
        k = top_k or self.settings.top_k
        if self.reranker is None:
            return self._fused(q, k)
        depth = max(k, self.settings.rerank_depth)
        hits = self._fused(q, depth)
        texts = [h.passage.embedding_text(self.index.documents[h.passage.doc_id].title) for h in hits]
        return self.reranker.rerank(q.text, hits, texts, self.settings.rerank_depth)[:k]

    def _fused(self, q: Query, k: int) -> list[Hit]:
        n = len(self.index.passages)
        depth = min(n, max(self.settings.candidates, k))
        dense: dict[int, float] = {}
        lexical: dict[int, float] = {}
        all_lexical = np.zeros(0, dtype=np.float32)
        if self.settings.mode in ("dense", "hybrid"):
            scores, rows = self.index.vectors.search(q.vector[None, :], depth)
            dense = {int(r): float(s) for r, s in zip(rows[0], scores[0], strict=True) if r >= 0}
        if self.settings.mode in ("lexical", "hybrid"):
            all_lexical = self.index.lexical.scores(q.text)
            top = np.argsort(-all_lexical, kind="stable")[:depth]
            lexical = {int(r): float(all_lexical[r]) for r in top if all_lexical[r] > 0}
        if self.settings.mode == "hybrid" and self.settings.fusion == "minmax":
            return self._second_stage(q, dense, all_lexical, sorted(set(dense) | set(lexical)), k)
        fused = self._fuse(dense, lexical)
        ranked = sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
        return [
            Hit(self.index.passages[row], score, i + 1, dense.get(row), lexical.get(row))
            for i, (row, score) in enumerate(ranked)
        ]

    def _fuse(self, dense: dict[int, float], lexical: dict[int, float]) -> dict[int, float]:
        if self.settings.mode == "dense":
            return dense
        if self.settings.mode == "lexical":
            return lexical
        return reciprocal_rank_fusion([dense, lexical], self.settings.rrf_k)

    def _second_stage(
        self, q: Query, dense: dict[int, float], all_lexical: np.ndarray, candidates: list[int], k: int
    ) -> list[Hit]:
        if not candidates:
            return []
        ev = self._evidence(q, dense, all_lexical, np.asarray(candidates, dtype=np.int64))
        s = self.settings
        fused = (
            s.dense_weight * scale(ev.dense)
            + s.lexical_weight * share_of_best(ev.lexical)
            + s.document_weight * share_of_best(ev.document)
            + s.sentence_weight * scale(ev.sentence)
        )
        order = np.lexsort((ev.rows, -fused))[:k]
        return [
            Hit(
                self.index.passages[int(ev.rows[i])],
                float(fused[i]),
                rank + 1,
                float(ev.dense[i]),
                float(ev.lexical[i]),
                float(ev.document[i]),
                float(ev.sentence[i]),
            )
            for rank, i in enumerate(order)
        ]

    def _evidence(
        self, q: Query, dense: dict[int, float], all_lexical: np.ndarray, rows: np.ndarray
    ) -> Evidence:
        """Every kind of evidence for every candidate row; cosines the dense search did not return are
        computed from the stored vectors. Only the candidates are looked up, so nothing is precomputed
        per passage when an index is opened."""
        index = self.index
        passages = [index.passages[int(r)] for r in rows]
        cosine = np.array([dense.get(int(r), np.nan) for r in rows], dtype=np.float32)
        missing = np.isnan(cosine)
        if missing.any():
            cosine[missing] = index.vectors.vectors(rows[missing]) @ q.vector
        document = np.zeros(len(rows), dtype=np.float32)
        if self.settings.document_weight and index.document_lexical is not None:
            doc_rows = [index.document_row(p.doc_id) for p in passages]
            document = index.document_lexical.scores(q.text)[doc_rows]
        sentence = np.zeros(len(rows), dtype=np.float32)
        if self.settings.sentence_weight:
            sentence_rows = [index.sentence_rows(p) for p in passages]
            flat = np.concatenate(sentence_rows)
            sims = self.index.sentence_vectors[flat] @ q.vector
            bounds = np.cumsum([0] + [len(x) for x in sentence_rows])
            sentence = np.maximum.reduceat(sims, bounds[:-1]).astype(np.float32)
        lexical = all_lexical[rows].astype(np.float32)
        return Evidence(rows, cosine, lexical, document.astype(np.float32), sentence)


def reciprocal_rank_fusion(runs: list[dict[int, float]], k: int = 60) -> dict[int, float]:
    """RRF (Cormack et al., SIGIR 2009): sum over runs of 1 / (k + rank)."""
    fused: dict[int, float] = {}
    for run in runs:
        for rank, row in enumerate(sorted(run, key=lambda r: -run[r]), start=1):
            fused[row] = fused.get(row, 0.0) + 1.0 / (k + rank)
    return fused


def scale(values: np.ndarray) -> np.ndarray:
    """Min-max scale to [0, 1]; all-equal values (no information) become zeros."""
    if len(values) == 0:
        return values
    lo, hi = float(values.min()), float(values.max())
    return (values - lo) / (hi - lo) if hi > lo else np.zeros_like(values)


def share_of_best(values: np.ndarray) -> np.ndarray:
    """BM25 as a share of the best candidate's: zero means no query term, so zero stays zero.

    Min-max scaling would stretch the smallest spread to the whole range: in a corpus of three documents on
    one topic, the document BM25 of the weakest would become 0 and of the strongest 1, and every passage of
    the longest document would outrank the other sources. Cosines have no such zero; they are min-max scaled.
    """
    best = float(values.max()) if len(values) else 0.0
    return values / best if best > 0 else np.zeros_like(values)
