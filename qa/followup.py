"""Follow-up questions: rewrite "And when did it leave?" into a self-contained search, without an LLM.

A question that leans on the conversation (it has a pronoun or demonstrative, or too few content words
to search on) is searched together with the content words of the earlier question it follows. The
rewrite is shown to the user as "searched for: ...", so a wrong guess is visible, not silent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from citeqa.qa.dates import plain
from citeqa.qa.facts import same_stem
from citeqa.qa.values import read_values

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
    "besides",
} | _ANAPHORA
_WORD = re.compile(r"[\w‑'’-]+", re.UNICODE)


def content_words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text) if w.lower() not in _STOP]


# Words ending in "-ing" that open a whole question ("According to Newsweek, ...", "During the patrol, ...").
_NOT_ELLIPTIC = {
    "during", "according", "including", "following", "regarding", "concerning", "considering", "given",
    "nothing", "anything", "something", "everything", "morning", "evening", "spring", "king", "beijing",
}  # fmt: skip


def needs_context(question: str) -> bool:
    """Does the question lean on the conversation: a pronoun, too few words of its own, or no subject
    ("heading into what sea?" after a question about a ship, demo-dev26)?"""
    words = [w.lower() for w in _WORD.findall(question)]
    elided = bool(words) and words[0].endswith("ing") and words[0] not in _NOT_ELLIPTIC
    return elided or any(w in _ANAPHORA for w in words) or len(content_words(question)) < 2


_PERSON = {"he", "him", "his", "she", "her", "hers"}
# Pronouns for a thing: "which strait did it sail through?" after "what Chinese spy ship was spotted?"
_THING = {"it", "its", "they", "them", "their", "this", "these", "those"}
# The earlier question asked for a thing, which its answer then names: "what/which/who ...", or "was there a
# Chinese ship too?", whose answer names the ship.
_ASKS_WHICH = re.compile(
    r"^\W*(?:\w+\W+){0,2}?(?:what|which|who)\b|\b(?:is|was|are|were)\s+there\b", re.IGNORECASE
)
# "Besides the Kareliya, was there a Chinese ship too?": the question sets that thing aside; a follow-up's
# "it" is the other one, so its words are not carried into the rewrite.
_SET_ASIDE = re.compile(
    r"\b(?:besides|apart\s+from|aside\s+from|other\s+than|except(?:\s+for)?)\s+([^,;?!]+)", re.IGNORECASE
)
_WHAT_ABOUT = re.compile(
    r"^\s*(?:and\s+|but\s+|so\s+)?(?:what|how)\s+about\s+(?:the\s+)?(?P<other>.+?)(?:\s+ones?)?\s*[?.!]*\s*$",
    re.IGNORECASE,
)
# A nation's adjective, or a country: the word "what about the Chinese one?" swaps for its like.
_NATION_LIKE = re.compile(r"^[A-Za-z]+(?:an|ese|ish)$")


# "the Chinese one(s)"; in the earlier question, the noun after a nation's adjective, up to the verb or a
# function word ("spy ship" in "Which Russian spy ship was operating near Japan?").
_NATION_ONE = re.compile(r"\b(?P<nation>[A-Za-z]+)\s+(?P<one>ones?)\b")
_PHRASE_END = (
    r"(?:was|were|is|are|did|does|do|has|have|had|that|which|who|in|on|at|of|to|for|from|near|with|by)\b"
)
_NOUN_AFTER = re.compile(
    r"\s+((?:(?!" + _PHRASE_END + r")[\w‑-]+\s*){1,3}?)(?=\s+" + _PHRASE_END + r"|\s*[?.!,]|\s*$)"
)


def expand(question: str, history: Sequence[str]) -> str:
    """ "What about the Chinese one?" after "Which Russian spy ship was operating near Japan?" is that question
    again with "Chinese" for "Russian"; "what about Newsweek?" after "When did the ship leave?" asks the
    earlier question of it ("When did the ship leave (Newsweek)?"). Any other question is returned as it is."""
    earlier = [h for h in history if h.strip()]
    m = _WHAT_ABOUT.match(question)
    if earlier and not m:
        return _one_named(question, earlier[-1])
    if not earlier:
        return question
    other = m.group("other").strip()
    previous = earlier[-1].strip()
    if _NATION_LIKE.match(other):
        for w in _WORD.findall(previous):
            if _NATION_LIKE.match(w) and w[:1].isupper() and w.lower() != other.lower():
                swapped = other[:1].upper() + other[1:]
                return re.sub(r"\b" + re.escape(w) + r"\b", swapped, previous, count=1)
    return f"{previous.rstrip('?.! ')} ({other})?"


def _one_named(question: str, previous: str) -> str:
    """ "And what was the Chinese one called?" after "Which Russian spy ship was operating near Japan?" is
    "And what was the Chinese spy ship called?": "one" stands for the noun the earlier question put after its
    own nation's adjective (demo-dev22). Any other question is returned as it is."""
    one = _NATION_ONE.search(question)
    if not one or not _NATION_LIKE.match(one.group("nation")):
        return question
    for m in re.finditer(r"\b[A-Z][a-z]+\b", previous):
        if not _NATION_LIKE.match(m.group(0)) or m.group(0).lower() == one.group("nation").lower():
            continue
        after = _NOUN_AFTER.match(previous, m.end())
        if after:
            noun = after.group(1).strip()
            if one.group("one").lower() == "ones" and not noun.endswith("s"):
                noun += "s"
            return question[: one.start("one")] + noun + question[one.end("one") :]
    return question


def rewrite(question: str, history: Sequence[str], earlier_answer: str = "") -> str:
    """The question to search for: itself, or itself plus the topic of the turn it follows.

    The topic is the earlier question's content words. When the question refers to a person ("she",
    "his"), or to a thing ("it", "they") after a "what/which/who" question, and the earlier answer names
    one the earlier question did not, that name comes first: "Where was she born?" after "Who wrote
    Frankenstein?" searches for the author, not the novel; "Which strait did it sail through?" after "What
    Chinese spy ship was spotted?" searches for the ship the answer named (CNS Beijixing), not for every
    spy ship.
    """
    earlier = [h for h in history if h.strip()]
    if not earlier or not needs_context(question):
        return question
    own = {w.lower() for w in content_words(question)}
    aside = {w.lower() for m in _SET_ASIDE.finditer(earlier[-1]) for w in content_words(m.group(1))}
    topic = [w for w in content_words(earlier[-1]) if w.lower() not in own | aside]
    words = {w.lower() for w in _WORD.findall(question)}
    refers = words & _PERSON or (words & _THING and _ASKS_WHICH.search(earlier[-1]))
    if refers and earlier_answer:
        names = _new_names(earlier_answer, earlier[-1])
        if names:
            topic = [names[0], *topic]
    if not topic and len(earlier) > 1:
        topic = [w for w in content_words(earlier[-2]) if w.lower() not in own]
    return f"{question} ({' '.join(dict.fromkeys(topic))})" if topic else question


def _new_names(answer: str, asked: str) -> list[str]:
    """Names in the earlier answer that the earlier question did not say ("Chinese" says "China")."""
    said = [w.lower().removesuffix("'s") for w in _WORD.findall(plain(asked).replace("’", "'"))]
    out = []
    for name in read_values(answer).names:
        parts = [w.lower().removesuffix("'s") for w in _WORD.findall(plain(name.text).replace("’", "'"))]
        if not all(any(same_stem(p, w) for w in said) for p in parts):
            out.append(name.text)
    return out
