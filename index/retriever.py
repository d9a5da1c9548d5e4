"""Search: a dense leg (FAISS), a lexical leg (BM25), fused; ranked `Hit`s of passages."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from citeqa.config import RetrievalSettings
from citeqa.errors import ConfigError
from citeqa.index.embedder import Embedder
from citeqa.index.passages import Passage
from citeqa.index.store import Index

MODES = ("dense", "lexical", "hybrid")
FUSIONS = ("rrf", "minmax")


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float  # the fused score that ranks it
    rank: int  # 1-based
    dense: float | None = None  # cosine, when the dense leg saw it
    lexical: float | None = None  # BM25, when the lexical leg saw it


@dataclass(frozen=True)
class Query:
    """A query as both legs see it, embedded once so that later stages can reuse the vector."""

    text: str
    vector: np.ndarray


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

    def embed(self, text: str) -> Query:
        return Query(text, self.embedder.encode_queries([text])[0])

    def search(self, query: str | Query, top_k: int | None = None) -> list[Hit]:
        q = query if isinstance(query, Query) else self.embed(query)
        k = top_k or self.settings.top_k
        n = len(self.index.passages)
        depth = min(n, max(self.settings.candidates, k))
        dense: dict[int, float] = {}
        lexical: dict[int, float] = {}
        if self.settings.mode in ("dense", "hybrid"):
            scores, rows = self.index.vectors.search(q.vector[None, :], depth)
            dense = {int(r): float(s) for r, s in zip(rows[0], scores[0], strict=True) if r >= 0}
        if self.settings.mode in ("lexical", "hybrid"):
            all_scores = self.index.lexical.scores(q.text)
            top = np.argsort(-all_scores, kind="stable")[:depth]
            lexical = {int(r): float(all_scores[r]) for r in top if all_scores[r] > 0}
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
        if self.settings.fusion == "rrf":
            return reciprocal_rank_fusion([dense, lexical], self.settings.rrf_k)
        w = self.settings.dense_weight
        return weighted_sum([min_max(dense), min_max(lexical)], [w, 1.0 - w])


def reciprocal_rank_fusion(runs: list[dict[int, float]], k: int = 60) -> dict[int, float]:
    """RRF (Cormack et al., SIGIR 2009): sum over runs of 1 / (k + rank)."""
    fused: dict[int, float] = {}
    for run in runs:
        for rank, row in enumerate(sorted(run, key=lambda r: -run[r]), start=1):
            fused[row] = fused.get(row, 0.0) + 1.0 / (k + rank)
    return fused


def min_max(run: dict[int, float]) -> dict[int, float]:
    """Scale a run's scores to [0, 1]; a passage a leg did not return counts as 0 in the sum."""
    if not run:
        return {}
    lo, hi = min(run.values()), max(run.values())
    span = hi - lo or 1.0
    return {row: (s - lo) / span for row, s in run.items()}


def weighted_sum(runs: list[dict[int, float]], weights: list[float]) -> dict[int, float]:
    fused: dict[int, float] = {}
    for run, w in zip(runs, weights, strict=True):
        for row, s in run.items():
            fused[row] = fused.get(row, 0.0) + w * s
    return fused
