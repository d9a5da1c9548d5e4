"""Disagreements: cited sentences from different documents that give different values for the same thing.

Two sentences are taken to be about the same thing when both were chosen to answer the same question
(or, for a question that asks for no particular kind of value, when their vectors are close). They
disagree when each states a value of the compared kind (the kind the question asks for, else dates and
counts) that the other does not, leaving out values the question itself gave. A month and a day inside
it ("Jan 2026" and "26 January") are reported too: one source is vaguer, and a reader should see both.
"""

from __future__ import annotations

from collections.abc import Sequence

from citeqa.index.store import Index
from citeqa.qa.answer import Conflict
from citeqa.qa.facts import SentenceFacts
from citeqa.qa.question import (
    DATE,
    DURATION,
    NAME,
    NUMBER,
    OTHER,
    PLACE,
    YESNO,
    QuestionForm,
    is_new_name,
    is_new_place,
)
from citeqa.qa.values import Values, durations

_SAME_TOPIC = 0.55  # cosine between two sentences, for questions that ask for no particular value


def find_conflicts(
    index: Index,
    facts: SentenceFacts,
    form: QuestionForm,
    cited: Sequence[tuple[int, int]],
) -> list[Conflict]:
    """Conflicts among `cited` (citation number, sentence row) pairs, one per pair of documents and kind."""
    kinds = _kinds(form)
    out: list[Conflict] = []
    by_doc: dict[str, list[tuple[int, int]]] = {}
    for n, row in cited:
        by_doc.setdefault(facts.doc_id(row), []).append((n, row))
    docs = list(by_doc)
    for i, a in enumerate(docs):
        for b in docs[i + 1 :]:
            for kind in kinds:
                found = _compare(index, facts, form, kind, by_doc[a], by_doc[b])
                if found is not None:
                    out.append(found)
                    break
    return out


def _kinds(form: QuestionForm) -> tuple[str, ...]:
    if form.expects in (DATE, DURATION, NUMBER, NAME, PLACE):
        return (form.expects,)
    return (DATE, NUMBER)


def _compare(
    index: Index,
    facts: SentenceFacts,
    form: QuestionForm,
    kind: str,
    side_a: list[tuple[int, int]],
    side_b: list[tuple[int, int]],
) -> Conflict | None:
    typed = form.expects not in (OTHER, YESNO)
    for n_a, row_a in side_a:
        va = _values(facts.values(row_a), kind, form)
        if not va:
            continue
        for n_b, row_b in side_b:
            vb = _values(facts.values(row_b), kind, form)
            if not vb:
                continue
            if (
                not typed
                and float(index.sentence_vectors[row_a] @ index.sentence_vectors[row_b]) < _SAME_TOPIC
            ):
                continue
            only_a = {k: v for k, v in va.items() if k not in vb}
            only_b = {k: v for k, v in vb.items() if k not in va}
            if only_a and only_b and not _compatible(kind, va, vb):
                values = (
                    "; ".join(dict.fromkeys(only_a.values())),
                    "; ".join(dict.fromkeys(only_b.values())),
                )
                return Conflict(about=form.text, kind=kind, citations=(n_a, n_b), values=values)
    return None


def _values(values: Values, kind: str, form: QuestionForm) -> dict[str, str]:
    """Comparable key -> the value as written, for one kind; values the question gave are left out."""
    if kind == DATE:
        out = {}
        for d in values.dates:
            if form.dates and any(d.value == q.value or d.value[4:] == q.value[4:] for q in form.dates):
                continue
            key = d.value + ("/" + d.until if d.until else "")
            out[key] = key
        return out
    if kind == DURATION:
        return durations(values)
    if kind == NUMBER:
        out = {}
        for q in values.quantities:
            if form.counted and not {w[:5] for w in form.counted} & {w[:5] for w in q.counts}:
                continue
            if not form.counted and not q.counts:
                continue
            noun = q.counts[0] if q.counts else ""
            out[f"{q.value:g} {noun[:5]}"] = f"{q.text} {noun}".strip()
        return out
    if kind == PLACE and form.destination:
        return {n.text.lower(): n.text for n in values.destinations if is_new_place(form, n.text)}
    names = values.places if kind == PLACE else values.names
    return {n.text.lower().replace("‑", "-"): n.text for n in names if is_new_name(form, n.text)}


def _compatible(kind: str, a: dict[str, str], b: dict[str, str]) -> bool:
    """Values that overlap are not a disagreement: shared names, or a count both sides give."""
    if kind in (NAME, PLACE):
        return bool(set(a) & set(b))
    if kind == NUMBER:
        return bool(set(a) & set(b))
    return False
