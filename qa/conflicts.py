"""Disagreements: cited sentences from different sources that give different values for the same thing.

Two sentences are taken to be about the same thing when both were chosen to answer the same question and
share enough meaning (cosine of their vectors at least `_SAME_THING`; for a question that asks for no
particular kind of value, at least `_SAME_TOPIC`). They disagree when each states a value of the compared
kind (the kind the question asks for, else dates and counts) that the other does not, leaving out values
the question itself gave. A careful reader would not call these a disagreement, so neither do we:

- dates: a range and its own endpoints written apart ("Jan 12-24" and "12 January ... 24 January"); a
  sentence that lists many dates (a timeline or enumeration: "in 2019, 2021, 2022, and 2024") against a
  date one of them holds ("Jul 23, 2019"): only its best-matching date is compared. A month and a day
  inside it ("Jan 2026" and "26 January") agree: one source is vaguer, which is no disagreement (both are
  still quoted when both are chosen).
- names and places: words that only look like names (demonyms such as "Russian", title-case headings such
  as "Sent Fighter Jets to Intercept Tu-95 Bombers"), places when the question asks who or what, and a
  possessive ("Japan's borders") when it asks where; a value the other sentence also says, or that is
  part of one of its names ("Japan" and "Japanese Air Self-Defense Force F-15s"); and values of different
  shapes, a designation with digits ("Su-35S") against a name in words ("News Weekly"), which fill
  different roles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from citeqa.index.store import Index
from citeqa.qa.answer import Conflict
from citeqa.qa.dates import plain
from citeqa.qa.facts import DEMONYMS, SentenceFacts
from citeqa.qa.question import (
    DATE,
    DURATION,
    NAME,
    NUMBER,
    OTHER,
    PLACE,
    YESNO,
    QuestionForm,
    asked_class,
    asks_a_proper_name,
    is_new_name,
    is_new_place,
)
from citeqa.qa.roles import PEOPLE
from citeqa.qa.values import Name, durations, is_person, read_values

_ASKS_A_PERSON = re.compile(r"^\s*who(?:'s|\s+(?:is|was|are|were))\b", re.IGNORECASE)
_SAME_TOPIC = 0.65  # cosine between two sentences, for questions that ask for no particular value
_SAME_THING = 0.5  # below this, two sentences are about different things whatever question chose them
_LIST = 3  # a sentence with this many distinct values of a kind enumerates them
_WORD = re.compile(r"[\w‑'’-]+")


def find_conflicts(
    index: Index,
    facts: SentenceFacts,
    form: QuestionForm,
    cited: Sequence[tuple[int, int]],
) -> list[Conflict]:
    """Conflicts among `cited` (citation number, sentence row) pairs, one per pair of documents and kind."""
    kinds = _kinds(form)
    out: list[Conflict] = []
    by_doc: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for n, row in cited:
        by_doc.setdefault(_source(index, facts.doc_id(row)), []).append((n, row))
    docs = list(by_doc)
    for i, a in enumerate(docs):
        for b in docs[i + 1 :]:
            for kind in kinds:
                found = _compare(index, facts, form, kind, by_doc[a], by_doc[b])
                if found is not None:
                    out.append(found)
                    break
    return out


def _source(index: Index, doc_id: str) -> tuple[str, ...]:
    """Who is speaking: documents with the same title, source and address are one source (the sections or
    paragraphs of one article), and one source does not disagree with itself: two of its passages that give
    different values are about different things."""
    doc = index.documents[doc_id]
    return (doc.title, doc.source, doc.url) if doc.title else (doc_id,)


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
    floor = _SAME_THING if typed else _SAME_TOPIC
    for n_a, row_a in side_a:
        va = _values(facts, row_a, kind, form)
        if not va:
            continue
        for n_b, row_b in side_b:
            vb = _values(facts, row_b, kind, form)
            if not vb:
                continue
            if float(index.sentence_vectors[row_a] @ index.sentence_vectors[row_b]) < floor:
                continue
            if facts.of_another_nation(form.text, row_a) or facts.of_another_nation(form.text, row_b):
                continue
            # the two sides' values as compared: for "which strait", their straits only
            xa, xb = _of_asked_class(form, va, vb) if kind == PLACE else (va, vb)
            if kind == DATE:
                only_a, only_b = _date_differences(xa, xb)
            else:
                only_a = {k: v for k, v in xa.items() if k not in xb}
                only_b = {k: v for k, v in xb.items() if k not in xa}
            if not (only_a and only_b):
                continue
            # Agreement reads all their places: sharing "the East China Sea", two sentences about two ships'
            # straits are about different legs of one story (demo-dev5), not two answers to one question.
            if kind in (NAME, PLACE) and _names_agree(
                facts, form, kind, row_a, row_b, va, vb, only_a, only_b
            ):
                continue
            if kind == NUMBER and set(xa) & set(xb):
                continue  # a count both sides give
            values = ("; ".join(dict.fromkeys(only_a.values())), "; ".join(dict.fromkeys(only_b.values())))
            return Conflict(about=form.text, kind=kind, citations=(n_a, n_b), values=values)
    return None


def _of_asked_class(
    form: QuestionForm, va: dict[str, str], vb: dict[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    """For "which strait", when either side names a strait, only straits compare: "entered the East China
    Sea on 7 January" is no other side to "via the Tsushima Strait" (demo-dev15)."""
    noun = asked_class(form)
    if not noun:
        return va, vb

    def of_class(values: dict[str, str]) -> dict[str, str]:
        return {k: v for k, v in values.items() if any(w.startswith(noun) for w in _stems(v))}

    if of_class(va) or of_class(vb):
        return of_class(va), of_class(vb)
    return va, vb


def _values(facts: SentenceFacts, row: int, kind: str, form: QuestionForm) -> dict[str, str]:
    """Comparable key -> the value as written, for one kind; values the question gave are left out."""
    values = facts.values(row)
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
    flat = plain(facts.text(row))
    if _heading_like(flat):
        return {}  # "Sent Fighter Jets to Intercept Tu-95 Bombers": capitals of a title, not names
    if kind == PLACE and form.destination:
        names = [n for n in values.destinations if is_new_place(form, n.text)]
    elif kind == PLACE:  # "the Sea of Japan" is new to "where ... Japan intercepted them" (is_new_place)
        # A place something heads for ("then heads toward Russia's Far East") is not where it is.
        gone_to = {(d.start, d.end) for d in values.destinations}
        names = [
            n
            for n in values.places
            if is_new_place(form, n.text) and not _possessive(flat, n) and (n.start, n.end) not in gone_to
        ]
    else:  # who / which name: a place ("over the Sea of Japan") is where, not who
        places = {(p.start, p.end) for p in values.places}
        names = [n for n in values.names if is_new_name(form, n.text) and (n.start, n.end) not in places]
        if (
            _ASKS_A_PERSON.match(flat_question := plain(form.text))
            and set(_WORD.findall(flat_question.lower())) & PEOPLE
        ):
            # "who is the Japanese defence minister ...": people only, not "X" he posted on (demo-dev9)
            people = facts.person_words()
            names = [n for n in names if is_person(n, flat, people)]
        if asks_a_proper_name(form):
            countries = set(facts.nations().values())
            names = [n for n in names if _key(n.text) not in countries]
    return {_key(n.text): n.text for n in names if not _demonym(n.text)}


def _key(text: str) -> str:
    return plain(text).lower().replace("’", "'").removesuffix("'s")


def _demonym(text: str) -> bool:
    """ "Russian", "Japanese", "Americans": who someone is, not a name that answers anything."""
    word = plain(text).lower()
    return word in DEMONYMS or (word.endswith("s") and word[:-1] in DEMONYMS)


def _possessive(flat: str, name: Name) -> bool:
    """ "Japan's borders", "Moscow's defense ministry": the name qualifies what follows it."""
    return bool(re.fullmatch(r"['’]s", flat[name.end - 2 : name.end])) and bool(
        re.match(r"\s+[a-z0-9]", flat[name.end :])
    )


def _heading_like(flat: str) -> bool:
    """A title in title case: its words of four letters or more all start with a capital (one in ten may not)."""
    words = [w for w in _WORD.findall(flat) if len(w) > 3 and w[0].isalpha()]
    if len(words) < 4:
        return False
    return sum(w[0].islower() for w in words) <= 0.1 * len(words)


def _stems(text: str) -> set[str]:
    return {w.lower().removesuffix("'s").removesuffix("’s") for w in _WORD.findall(plain(text))}


def _part_of(a: str, b: str) -> bool:
    """Every word of name `a` begins a word of name `b` ("Japan" in "Japanese Air Self-Defense Force")."""
    sa, sb = _stems(a), _stems(b)
    return bool(sa) and all(any(w == x or (len(w) > 3 and x.startswith(w)) for x in sb) for w in sa)


def _shape(text: str) -> str:
    return "code" if any(c.isdigit() for c in text) else "words"


def _names_agree(
    facts: SentenceFacts,
    form: QuestionForm,
    kind: str,
    row_a: int,
    row_b: int,
    va: dict[str, str],
    vb: dict[str, str],
    only_a: dict[str, str],
    only_b: dict[str, str],
) -> bool:
    """Names that overlap, that the other sentence says too, or that fill different roles agree."""
    if set(va) & set(vb):
        return True
    text_a, text_b = _key(plain(facts.text(row_a))), _key(plain(facts.text(row_b)))
    if any(k in text_b for k in va) or any(k in text_a for k in vb):
        return True
    if any(_part_of(x, y) or _part_of(y, x) for x in va.values() for y in vb.values()):
        return True
    if kind == PLACE and not form.destination:
        # Both place it where the question does ("near Alaska"): the rest is detail, not a disagreement.
        asked = [_key(p.text) for p in read_values(form.text).places if not _demonym(p.text)]
        if any(p in text_a and p in text_b for p in asked):
            return True
    return not ({_shape(v) for v in only_a.values()} & {_shape(v) for v in only_b.values()})


def _date_differences(va: dict[str, str], vb: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """The dates of each side that no date of the other agrees with; none when a list side agrees at all.

    Dates agree when equal, when one is an end of the other's range (a range agrees when both its ends
    are on the other side), and when one holds the other (a vaguer date: "Jan 2026" holds "26 January").
    """
    listing = len(va) >= _LIST or len(vb) >= _LIST

    def agrees(x: str, other: dict[str, str]) -> bool:
        lo, _, hi = x.partition("/")
        points = {p for k in other for p in k.split("/")}
        if x in other or (hi and lo in points and hi in points) or any(x in k.split("/") for k in other):
            return True
        return any(_holds(x, k) or _holds(k, x) for k in other)

    only_a = {k: v for k, v in va.items() if not agrees(k, vb)}
    only_b = {k: v for k, v in vb.items() if not agrees(k, va)}
    if listing and (len(only_a) < len(va) or len(only_b) < len(vb)):
        return {}, {}  # a list compares by its best-matching date, and one matches
    return only_a, only_b


def _holds(outer: str, inner: str) -> bool:
    """Does date or range `outer` contain `inner` ("2019" holds "2019-07-23"; "2020/2023" holds "2022")?"""
    lo, _, hi = outer.partition("/")
    hi = hi or lo
    ilo, _, ihi = inner.partition("/")
    ihi = ihi or ilo
    return lo <= ilo[: len(lo)] and ihi[: len(hi)] <= hi and (lo, hi) != (ilo, ihi)
