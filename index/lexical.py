"""The lexical leg: BM25 through bm25s, stored beside the vectors as bm25s' own readable files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np


def _stemmer():
    """English Snowball stemming when PyStemmer is installed (it is a dependency; this guards old envs)."""
    try:
        import Stemmer

        return Stemmer.Stemmer("english")
    except ImportError:  # pragma: no cover - PyStemmer is in the dependencies
        return None


class LexicalIndex:
    """BM25 over the same passage order as the vector index (row i is passage i in both)."""

    def __init__(self, retriever: bm25s.BM25) -> None:
        self._bm25 = retriever
        self._stemmer = _stemmer()

    @classmethod
    def build(cls, texts: Sequence[str]) -> LexicalIndex:
        bm25 = bm25s.BM25(k1=1.2, b=0.75)
        tokens = bm25s.tokenize(list(texts), stopwords="en", stemmer=_stemmer(), show_progress=False)
        bm25.index(tokens, show_progress=False)
        return cls(bm25)

    def save(self, folder: Path) -> None:
        self._bm25.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        return cls(bm25s.BM25.load(str(folder), mmap=False, show_progress=False))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every passage for `query` (zeros when no query term is in the vocabulary)."""
        terms = self.terms(query)
        vocab = self._bm25.vocab_dict
        known = [t for t in terms if t in vocab]
        n = self._bm25.scores["num_docs"]
        if not known:
            return np.zeros(n, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)

    def terms(self, text: str) -> list[str]:
        """The stemmed, stopword-free terms BM25 sees, also used by sentence selection for overlap."""
        tokenized = bm25s.tokenize(
            [text], stopwords="en", stemmer=self._stemmer, return_ids=False, show_progress=False
        )
        return list(tokenized[0])
