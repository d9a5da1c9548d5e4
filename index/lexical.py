"""The lexical leg: BM25 through bm25s, stored beside the vectors as bm25s' own readable files."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np

# Bumped when the terms an index is built from change (2: ordinals written as words, `canonical`), so
# that caches keyed on it (`eval/cache.py`) rebuild instead of mixing old and new terms.
LEXICAL_REVISION = 2
_ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
_ORDINAL = re.compile(r"\b([1-9]|1[0-9]|20)(?:st|nd|rd|th)\b", re.IGNORECASE)


def canonical(text: str) -> str:
    """`text` with ordinals written one way: "the 8th patrol" and "the eighth patrol" share a term."""
    return _ORDINAL.sub(lambda m: _ORDINAL_WORDS[int(m.group(1)) - 1], text)


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
        tokens = bm25s.tokenize(
            [canonical(t) for t in texts], stopwords="en", stemmer=_stemmer(), show_progress=False
        )
        bm25.index(tokens, show_progress=False)
        return cls(bm25)

    def save(self, folder: Path) -> None:
        self._bm25.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        return cls(bm25s.BM25.load(str(folder), mmap=False, show_progress=False))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every passage for `query` (zeros when no query term is in the vocabulary).

        The query's terms as written are looked up too: an index built before `canonical` holds "8th"."""
        terms = list(dict.fromkeys(self.terms(query) + self._terms(query)))
        vocab = self._bm25.vocab_dict
        known = [t for t in terms if t in vocab]
        n = self._bm25.scores["num_docs"]
        if not known:
            return np.zeros(n, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)

    def terms(self, text: str) -> list[str]:
        """The stemmed, stopword-free terms BM25 sees, also used by sentence selection for overlap."""
        return self._terms(canonical(text))

    def _terms(self, text: str) -> list[str]:
        tokenized = bm25s.tokenize(
            [text], stopwords="en", stemmer=self._stemmer, return_ids=False, show_progress=False
        )
        return list(tokenized[0])
