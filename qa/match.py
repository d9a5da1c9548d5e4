"""Reading the best few candidate sentences word by word: how well each of the question's topic words is
matched by some word of the sentence, in the embedder's own token vectors.

A sentence vector is the average of its tokens, so a sentence that says much besides the answer drifts
away from the question even when every asked word is in it, in other words. Here each of the question's
topic tokens finds its closest token in the sentence (cosine of the model's contextual token vectors, as
late-interaction retrievers do), and the sentence scores the weighted mean of those best matches. Weights are
the token's rarity squared (IDF over the index's sentences, in the model's own word pieces), and zero for
frame words ("what", "did", "the"), so "Which NFL team ..." is matched on "nfl" and "team", not "which".

No model is trained for this: it is the default embedder's hidden states, one extra forward pass over the
question and the top `match_depth` sentences (`AnswerSettings`). On SQuAD v1.1 dev part 1, ranking alone,
on each of two article halves: recall@1 +0.022 / +0.019, recall@3 +0.012 / +0.014; through the whole
answer, recall@1 0.774 -> 0.791 (eval/ANSWERS.md, session 7).
"""

from __future__ import annotations

import math
import re
from collections import Counter, OrderedDict
from collections.abc import Sequence

import numpy as np

from citeqa.index.embedder import Embedder
from citeqa.qa.facts import QUESTION_WORDS, SentenceFacts

_CACHE_TOKENS = 100_000  # about 77 MB of float16 token vectors at 384 dimensions
_WORD = re.compile(r"[\w'’‑-]+")


class TokenMatch:
    """Scores sentences by their token-level match to a question (`scores`, as a cross-encoder reader)."""

    def __init__(self, embedder: Embedder, facts: SentenceFacts, cache_tokens: int = _CACHE_TOKENS) -> None:
        self.embedder = embedder
        self.facts = facts
        self._idf: dict[int, float] | None = None  # word-piece id -> IDF over the sentences, at first use
        self._rare = 0.0  # the IDF of a word piece no sentence has
        # Sentence -> its token vectors (float16), the most recently read kept up to `cache_tokens` tokens in
        # all: a conversation, or the questions about one document, come back to the same sentences.
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cached_tokens = 0
        self._cache_limit = cache_tokens

    def scores(self, question: str, texts: Sequence[str]) -> list[float]:
        """Per text: the weighted mean, over the question's topic tokens, of each one's best cosine to a
        token of the text; 0 for every text when the question has no topic word."""
        if not texts:
            return []
        weights = self.weights(question)
        if not weights.any():
            return [0.0] * len(texts)
        vectors = {t: self._cache[t] for t in texts if t in self._cache}
        missing = [t for t in dict.fromkeys(texts) if t not in vectors]
        q, *read = self.embedder.encode_tokens([question, *missing])
        vectors.update((t, tokens.astype(np.float16)) for t, tokens in zip(missing, read, strict=True))
        for text in dict.fromkeys(texts):
            self._remember(text, vectors[text])
        weights = weights[: len(q)]  # a question longer than the model reads is cut as the model cuts it
        if not weights.any():
            return [0.0] * len(texts)
        weights = weights / weights.sum()
        return [
            float(weights @ (q @ vectors[t].T.astype(np.float32)).max(axis=1)) if len(vectors[t]) else 0.0
            for t in texts
        ]

    def _remember(self, text: str, tokens: np.ndarray) -> None:
        """Keep `text`'s token vectors as the most recently used, dropping the least recent over the limit."""
        if text in self._cache:
            self._cache.move_to_end(text)
            return
        self._cache[text] = tokens
        self._cached_tokens += len(tokens)
        while self._cached_tokens > self._cache_limit and len(self._cache) > 1:
            _, dropped = self._cache.popitem(last=False)
            self._cached_tokens -= len(dropped)

    def weights(self, question: str) -> np.ndarray:
        """One weight per word piece of the question (special tokens aside): IDF squared for the pieces of
        a topic word, 0 for the rest."""
        idf = self._piece_idf()
        enc = self.embedder.tokenizer(question, add_special_tokens=False, return_offsets_mapping=True)
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(question)]
        lexical = self.facts.index.lexical
        weights = []
        for piece, (start, _) in zip(enc["input_ids"], enc["offset_mapping"], strict=True):
            word = next((w for s, e, w in words if s <= start < e), "")
            topic = any(t not in QUESTION_WORDS for t in lexical.terms(word)) if word else False
            weights.append(idf.get(piece, self._rare) ** 2 if topic else 0.0)
        return np.asarray(weights, dtype=np.float32)

    def _piece_idf(self) -> dict[int, float]:
        """IDF of each word piece over the index's sentences, computed once (a second for 50,000 sentences)."""
        if self._idf is None:
            rows = range(len(self.facts.index.sentences))
            texts = [self.facts.text(r) for r in rows]
            df: Counter[int] = Counter()
            for ids in self.embedder.tokenizer(texts, add_special_tokens=False)["input_ids"] if texts else []:
                df.update(set(ids))
            n = len(texts)
            self._idf = {piece: math.log((n + 1) / (k + 1)) for piece, k in df.items()}
            self._rare = math.log(n + 1)
        return self._idf
