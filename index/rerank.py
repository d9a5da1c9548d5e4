"""An optional cross-encoder over the fused top passages (or, as `AnswerSettings.reader`, over the top
candidate sentences: `qa/select.py`'s `read_again`), when the user names one.

None ships: no cross-encoder installs offline from the registry (DESIGN.md), so the default second stage is
the evidence fusion in `retriever.py`. A user with a local copy (or a hub) names any sentence-transformers
`CrossEncoder` with `--setting reranker=NAME_OR_PATH`; it then reorders the top `rerank_depth` fused
passages by its own score, which becomes the hits' `score`. Passages below that depth keep their order,
scored below the reranked ones.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from citeqa.errors import ModelError
from citeqa.index.embedder import resolve_model_path

if TYPE_CHECKING:
    from citeqa.index.retriever import Hit

log = logging.getLogger(__name__)


class CrossEncoderReranker:
    def __init__(
        self, name: str, device: str = "cpu", batch_size: int = 32, setting: str = "reranker"
    ) -> None:
        """`setting` names the setting that chose the model, for the error message (`reranker`, `reader`)."""
        from sentence_transformers import CrossEncoder

        self.name = name
        self.batch_size = batch_size
        try:
            self._model = CrossEncoder(resolve_model_path(name), device=device)
        except Exception as exc:  # hub lookups, missing files, foreign formats: one line for the user
            raise ModelError(
                f"--setting {setting}={name}: cannot load it as a cross-encoder ({exc})"
            ) from exc

    def scores(self, query: str, texts: Sequence[str]) -> list[float]:
        """The model's relevance score of each (query, text) pair."""
        if not texts:
            return []
        pairs = [(query, t) for t in texts]
        return [
            float(s) for s in self._model.predict(pairs, batch_size=self.batch_size, show_progress_bar=False)
        ]

    def rerank(self, query: str, hits: list[Hit], texts: Sequence[str], depth: int) -> list[Hit]:
        """The first `depth` hits reordered by the model (`texts[i]` is what it reads of `hits[i]`)."""
        head, tail = hits[:depth], hits[depth:]
        scored = sorted(zip(self.scores(query, texts[: len(head)]), head, strict=True), key=lambda sh: -sh[0])
        floor = min((s for s, _ in scored), default=0.0) - 1.0  # the rest rank below, in their order
        ordered = [replace(h, score=s) for s, h in scored]
        ordered += [replace(h, score=floor - i * 1e-6) for i, h in enumerate(tail)]
        return [replace(h, rank=i + 1) for i, h in enumerate(ordered)]
