"""Follow-up questions: rewrite "And when did it leave?" into a self-contained search, without an LLM.

A question that leans on the conversation (it has a pronoun or demonstrative, or too few content words
to search on) is searched together with the content words of the earlier question it follows. The
rewrite is shown to the user as "searched for: ...", so a wrong guess is visible, not silent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_ANAPHORA = {
    "it",
    "its",
    "they",
    "them",
    "their",
    "theirs",
    "he",
    "him",
    "his",
    "she",
    "her",
    "hers",
    "this",
    "that",
    "these",
    "those",
    "there",
    "then",
    "such",
    "the same",
    "the latter",
    "the former",
}
_STOP = {
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "to",
    "in",
    "on",
    "at",
    "for",
    "by",
    "with",
    "from",
    "about",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "do",
    "does",
    "did",
    "what",
    "which",
    "who",
    "whom",
    "whose",
    "when",
    "where",
    "why",
    "how",
    "many",
    "much",
    "any",
    "some",
    "as",
    "into",
    "than",
    "also",
    "else",
    "more",
    "after",
    "before",
    "during",
    "so",
    "tell",
    "me",
    "please",
    "can",
    "could",
    "would",
    "you",
} | _ANAPHORA
_WORD = re.compile(r"[\w‑'’-]+", re.UNICODE)


def content_words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text) if w.lower() not in _STOP]


def needs_context(question: str) -> bool:
    words = [w.lower() for w in _WORD.findall(question)]
    return any(w in _ANAPHORA for w in words) or len(content_words(question)) < 2


_PERSON = {"he", "him", "his", "she", "her", "hers"}
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:[\s\u202f][A-Z][a-z]+)+")


def rewrite(question: str, history: Sequence[str], earlier_answer: str = "") -> str:
    """The question to search for: itself, or itself plus the topic of the turn it follows.

    The topic is the earlier question's content words; when the question refers to a person ("she",
    "his") and the earlier answer names one the earlier question did not, that name comes first:
    "Where was she born?" after "Who wrote Frankenstein?" searches for the author, not the novel.
    """
    earlier = [h for h in history if h.strip()]
    if not earlier or not needs_context(question):
        return question
    own = {w.lower() for w in content_words(question)}
    topic = [w for w in content_words(earlier[-1]) if w.lower() not in own]
    words = {w.lower() for w in _WORD.findall(question)}
    if words & _PERSON and earlier_answer:
        asked = earlier[-1].lower()
        names = [n for n in _NAME.findall(earlier_answer) if n.lower() not in asked]
        if names:
            topic = [names[0], *topic]
    if not topic and len(earlier) > 1:
        topic = [w for w in content_words(earlier[-2]) if w.lower() not in own]
    return f"{question} ({' '.join(dict.fromkeys(topic))})" if topic else question
