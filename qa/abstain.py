"""Whether the chosen sentences answer the question, and what part of it they leave unanswered.

Three checks, each a reason a careful reader would give for "that is not in the documents":
1. the question names something (a capitalised name) that no document mentions at all;
2. it asks for a kind of value (a date, a number of X, a name, a cost) that no chosen sentence holds;
3. the best sentence's confidence is below `AnswerSettings.min_score`: its selection score, less a
   penalty for the share of the question's topic (IDF-weighted) that the corpus never mentions.
The threshold is calibrated on the eval set by `python -m citeqa.qa.calibrate` (see that module).
Topic words that no document uses are reported as `missing` even when the rest is answered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citeqa.config import AnswerSettings
from citeqa.index.store import Index
from citeqa.qa.dates import plain
from citeqa.qa.facts import QUESTION_WORDS, SentenceFacts
from citeqa.qa.question import DATE, MONEY, NAME, NUMBER, OTHER, PLACE, YESNO, QuestionForm
from citeqa.qa.select import Statement

_KIND_WORDS = {
    DATE: "a date",
    NUMBER: "a number",
    MONEY: "an amount of money",
    NAME: "a name",
    PLACE: "a place",
}
_WORD = re.compile(r"[\w‑'’-]+")
_MONTH_OR_DAY = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)",
    re.IGNORECASE,
)
# "Americans", "Japanese", "Russians": the documents may name the country instead.
_DEMONYM = re.compile(r"(?:ans|ese|ians|ish)$")


@dataclass(frozen=True)
class Verdict:
    abstain: bool
    confidence: float
    missing: tuple[str, ...] = ()
    reason: str = ""


def judge(
    index: Index,
    facts: SentenceFacts,
    form: QuestionForm,
    statements: list[Statement],
    settings: AnswerSettings,
) -> Verdict:
    """Answer, or abstain; either way, name what the documents do not cover."""
    unknown_names = _unknown_names(index, facts, form.text)
    unknown_words = _unknown_words(index, facts, form.text)
    confidence = confidence_of(index, facts, form, statements, settings)
    missing = tuple(dict.fromkeys(unknown_names + unknown_words))
    parts = _unanswered_parts(facts, form, statements)
    if not statements:
        return Verdict(True, 0.0, missing, "nothing retrieved")
    # The question names something no document mentions, and no sentence is a close paraphrase of it
    # (a close one means a spelling the index does not know, "Boleslaw" for "Bolesław").
    if unknown_names and statements[0].main.semantic < settings.paraphrase_similarity:
        return Verdict(True, confidence, missing, f"no document mentions {', '.join(unknown_names)}")
    if form.expects not in (OTHER, YESNO) and not statements[0].main.fits:
        kind = _KIND_WORDS.get(form.expects, form.expects)
        return Verdict(True, confidence, missing + (f"{kind} that answers it",), f"no sentence gives {kind}")
    if confidence < settings.min_score:
        return Verdict(True, confidence, missing, "best evidence below the calibrated threshold")
    return Verdict(False, confidence, tuple(dict.fromkeys(unknown_names + parts)))


def _unanswered_parts(facts: SentenceFacts, form: QuestionForm, statements: list[Statement]) -> list[str]:
    """Parts of a two-part question ("which aircraft, and how many?") whose kind of value no sentence holds."""
    from citeqa.qa.question import carries_answer, read_question

    pieces = re.split(
        r",?\s+and\s+(?=(?:what|which|who|when|where|why|how)\b)", form.text, flags=re.IGNORECASE
    )
    if len(pieces) < 2:
        return []
    return [
        piece.strip()
        for piece in pieces
        if (sub := read_question(piece)).expects not in (OTHER, YESNO)
        and not any(carries_answer(sub, facts.values(c.row)) for s in statements for c in (s.main, *s.also))
    ]


def confidence_of(
    index: Index,
    facts: SentenceFacts,
    form: QuestionForm,
    statements: list[Statement],
    settings: AnswerSettings,
) -> float:
    """The top statement's score, less `unknown_penalty` times the unknown share of the question's topic."""
    if not statements:
        return 0.0
    terms = [t for t in dict.fromkeys(index.lexical.terms(form.text)) if t not in QUESTION_WORDS]
    weights = {t: facts.idf(t) for t in terms}
    total = sum(weights.values()) or 1.0
    unknown = sum(w for t, w in weights.items() if not facts.known(t)) / total
    return statements[0].main.score - settings.unknown_penalty * unknown


def _unknown_names(index: Index, facts: SentenceFacts, question: str) -> list[str]:
    """Capitalised words of the question (past its first) whose terms no document has."""
    out = []
    words = list(_WORD.finditer(plain(question)))
    for m in words[1:]:
        word = m.group(0)
        if not word[:1].isupper() or _MONTH_OR_DAY.fullmatch(word) or _DEMONYM.search(word):
            continue
        terms = index.lexical.terms(word)
        if terms and not any(facts.known(t) for t in terms):
            out.append(word)
    return out


def _unknown_words(index: Index, facts: SentenceFacts, question: str) -> list[str]:
    """Lower-case topic words of the question that no document uses."""
    out = []
    for m in _WORD.finditer(plain(question)):
        word = m.group(0)
        if word[:1].isupper():
            continue
        terms = [t for t in index.lexical.terms(word) if t not in QUESTION_WORDS]
        if terms and not any(facts.known(t) for t in terms):
            out.append(word)
    return out
