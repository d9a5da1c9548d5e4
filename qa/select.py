"""Choosing the sentences that answer a question, from the passages retrieval found.

Each sentence of the top passages is scored by (weights in `AnswerSettings`):
- semantic similarity of its precomputed vector to the question's (no passage is re-embedded);
- IDF-weighted overlap with the question's topic terms, so a rare name counts more than "Japan";
- how well its passage matched: the passage's cosine to the question and its BM25 score as a share of
  the best hit's (the raw scores of the two legs, not their rank fusion, which carries less; see
  `AnswerSettings` for how the weights were fitted);
- its fit to what the question asks for (a date for "when", a number next to X for "how many X");
- a penalty when it is dated, and none of its dates is the one the question names;
- for the best few, how well each of the question's topic words is matched by a word of the sentence, in
  the model's token vectors (`qa/match.py`), and, only when the user names one (`AnswerSettings.reader`),
  a cross-encoder's reading of the question with each sentence (`read_again`).
A sentence that opens with a pronoun ("On 26 January, it took off...") is also read with the sentence
before it, where its antecedent is, and that sentence is quoted before it when it is chosen.
Sentences saying the same thing (vectors closer than `redundancy`) become one statement with several
citations. The sentence after the best one in its paragraph, often its details, is quoted second when
there is room. For questions that ask for a value, the best sentence of every other document that states
such a value is kept too, so that a disagreement between sources is shown, not hidden.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np

from citeqa.config import AnswerSettings
from citeqa.index.retriever import Hit, Query
from citeqa.index.store import Index
from citeqa.qa.facts import SentenceFacts, topic_terms
from citeqa.qa.followup import content_words
from citeqa.qa.nearmiss import asks_next_place, names_asked_thing, states_extent, went_next
from citeqa.qa.question import (
    DURATION,
    FIGURES,
    MONEY,
    OTHER,
    YESNO,
    QuestionForm,
    asks_why,
    carries_answer,
    counts_it_otherwise,
    counts_the_head,
    in_window,
    ordinals,
)
from citeqa.qa.values import gives_reason


class Reader(Protocol):
    """Reads sentences with the question: a cross-encoder (`index/rerank.py`) or `qa/match.py`'s tokens."""

    def scores(self, query: str, texts: Sequence[str]) -> list[float]: ...


_MIN_WORDS = 4  # fragments make poor answers
_HEADING_WORDS = 12  # a line this short with no stop and no date is a heading, not a statement
# Note marks after a sentence's stop ("graduating in 1873.:33", "left Colorado Springs.[citation needed]")
_NOTE_MARKS = re.compile(r"(?:\[[^\]]{1,30}\]|:\d+(?:[–-]\d+)?)+\s*$")


@dataclass(frozen=True)
class Candidate:
    row: int  # row in index.sentences
    doc_id: str
    passage_id: str
    start: int
    end: int
    score: float
    semantic: float
    overlap: float
    fits: bool = True  # holds a value of the kind the question asks for
    context: int = -1  # row of the sentence that holds its pronoun's antecedent, or -1
    heading: bool = False  # a headline-like line, kept only for the value it carries (see `_other_sides`)


@dataclass(frozen=True)
class Statement:
    """One quoted sentence of the answer and the other sources that say the same."""

    main: Candidate
    also: tuple[Candidate, ...] = ()


def score_sentences(
    index: Index,
    query: Query,
    hits: list[Hit],
    settings: AnswerSettings,
    form: QuestionForm | None = None,
    facts: SentenceFacts | None = None,
) -> list[Candidate]:
    """Every distinct sentence of the hit passages, scored and sorted best first."""
    if not hits:
        return []
    facts = facts or SentenceFacts(index)
    q_terms = topic_terms(index, query.text)
    weights = {t: facts.idf(t) for t in q_terms}
    # A follow-up is searched for with the earlier turn's words added ("how was it identified? (Kareliya
    # russian spy ship ...)"): those say where to look, its own words what is asked. Its overlap is the mean
    # of the two shares, else a sentence that repeats the earlier topic outranks the one that answers
    # (demo-dev25). Frame words ("were", "them") are not its own words: they say nothing of what is asked.
    own: set[str] = set()
    if form is not None and weights.keys() - set(topic_terms(index, form.text)):
        own = set(topic_terms(index, " ".join(content_words(form.text)))) & weights.keys()
    own_total = sum(weights[t] for t in own) or 1.0
    total = sum(weights.values()) or 1.0
    support = passage_support(hits)
    rows_of = {h.passage.id: index.sentence_rows(h.passage) for h in hits}
    all_rows = sorted({r for rows in rows_of.values() for r in rows})
    sims = dict(zip(all_rows, (index.sentence_vectors[all_rows] @ query.vector).tolist(), strict=True))
    typed = form is not None and form.expects not in (OTHER, YESNO)
    asked_ordinals = ordinals(form.text) if form is not None else {}
    seen: dict[int, Candidate] = {}
    for hit in hits:
        for row in rows_of[hit.passage.id]:
            if row in seen:
                continue
            _, start, end = (int(x) for x in index.sentences[row])
            text = facts.text(row)
            heading = not is_statement(text)
            if heading and not (typed and _is_heading(text) and carries_answer(form, facts.values(row))):
                continue
            sim = sims[row]
            terms = facts.terms(row)
            context = -1
            prev = facts.previous(row)
            if prev is not None and facts.leans_back(row):
                context = prev
                prev_sim = sims.get(prev)
                if prev_sim is None:
                    prev_sim = float(index.sentence_vectors[prev] @ query.vector)
                sim = max(sim, (sim + prev_sim) / 2)
                terms = terms | facts.terms(prev)
            terms = facts.with_aliases(terms)
            overlap = sum(w for t, w in weights.items() if t in terms) / total
            if own:
                overlap = (overlap + sum(weights[t] for t in own if t in terms) / own_total) / 2
            fits = True
            dense, lexical = support[hit.passage.id]
            score = (
                settings.semantic_weight * sim
                + settings.overlap_weight * overlap
                + settings.passage_dense_weight * dense
                + settings.passage_lexical_weight * lexical
            )
            if form is not None and (typed or form.dates):
                values = facts.values(row)
                if typed:
                    fits = carries_answer(form, values)
                    score += settings.type_weight * (1.0 if fits else 0.0)
                if form.dates and values.dates and not any(in_window(form, d) for d in values.dates):
                    score -= settings.date_clash_penalty
            if asked_ordinals:
                score += settings.ordinal_weight * _ordinal_agreement(asked_ordinals, ordinals(text))
            seen[row] = Candidate(
                row,
                hit.passage.doc_id,
                hit.passage.id,
                start,
                end,
                score,
                sim,
                overlap,
                fits,
                context,
                heading,
            )
    return sorted(seen.values(), key=lambda c: -c.score)


def _ordinal_agreement(asked: dict[str, set[str]], said: dict[str, set[str]]) -> int:
    """+1 when the sentence says the asked ordinal of the asked thing, -1 when only another one, else 0."""
    shared = [noun for noun in asked if noun in said]
    if any(asked[noun] & said[noun] for noun in shared):
        return 1
    return -1 if shared else 0


def read_again(
    candidates: list[Candidate],
    reader: Reader,
    question: str,
    facts: SentenceFacts,
    weight: float,
    depth: int,
    form: QuestionForm | None = None,
) -> list[Candidate]:
    """The top `depth` candidates put in a new order by their scores plus `weight` times a reader's score of
    each sentence with the question. The head keeps its scores, handed out again in the new order: the scale
    that `min_score` and the `relative` share were calibrated on stays, and so does how many sentences are
    quoted (adding the reader's score instead spread the head apart and quoted a third fewer on SQuAD).
    For a count or an amount, whose absence vetoes the answer (`FIGURES`), the reorder leaves that decision
    as it was: a sentence holding one takes the place of another that does."""
    head, tail = candidates[:depth], candidates[depth:]
    if len(head) < 2 or not weight:
        return candidates
    read = _read(reader, question, facts, head)
    order = sorted(zip(head, read, strict=True), key=lambda cr: -(cr[0].score + weight * cr[1]))
    return _reordered(head, [c for c, _ in order], form) + tail


def other_nations_last(
    candidates: list[Candidate], facts: SentenceFacts, form: QuestionForm, depth: int
) -> list[Candidate]:
    """The top `depth` candidates with those about another nation's thing put last: for "the name of the
    chinese spy ship", "The Russian spy ship Kareliya ..." is about another ship however close its words
    (demo-dev17), and so is the sentence whose "it" is that ship (demo-dev22). Scores are kept, as in
    `read_again`."""
    head, tail = candidates[:depth], candidates[depth:]
    other = [any(facts.of_another_nation(form.text, r) for r in (c.row, c.context) if r >= 0) for c in head]
    if not any(other) or all(other):
        return candidates
    order = [c for c, o in zip(head, other, strict=True) if not o] + [
        c for c, o in zip(head, other, strict=True) if o
    ]
    return _reordered(head, order, form) + tail


def _reordered(head: list[Candidate], order: list[Candidate], form: QuestionForm | None) -> list[Candidate]:
    """`head` put in `order`, each place keeping its score (the head is sorted, best first). For a count or
    an amount, whose absence vetoes the answer (`abstain.judge`), each place keeps a sentence that holds
    one, or one that does not, as before; only those are reordered."""
    if form is not None and form.expects in FIGURES:
        holding = iter([c for c in order if c.fits])
        lacking = iter([c for c in order if not c.fits])
        order = [next(holding) if c.fits else next(lacking) for c in head]
    return [replace(c, score=h.score) for c, h in zip(order, head, strict=True)]


def _read(reader: Reader, question: str, facts: SentenceFacts, head: list[Candidate]) -> list[float]:
    """The reader's score of each sentence; a sentence whose pronoun leans on the one before it scores
    the mean of its own reading and its reading with that sentence ("Japan also recorded a flight by an
    Il-20. On 26 January, it took off ..."), as its cosine does in `score_sentences`."""
    leaning = [c for c in head if c.context >= 0]
    texts = [facts.text(c.row) for c in head]
    texts += [f"{facts.text(c.context)} {facts.text(c.row)}" for c in leaning]
    read = reader.scores(question, texts)
    with_lead = dict(zip((c.row for c in leaning), read[len(head) :], strict=True))
    return [
        (r + with_lead[c.row]) / 2 if c.row in with_lead else r
        for c, r in zip(head, read[: len(head)], strict=True)
    ]


def passage_support(hits: list[Hit]) -> dict[str, tuple[float, float]]:
    """Per hit passage: its cosine to the question, and its BM25 score as a share of the best hit's.

    A passage the dense leg did not return gets the lowest cosine among the hits (it ranked below them
    all); one the lexical leg did not return shares no term with the question and gets 0.
    """
    cosines = [h.dense for h in hits if h.dense is not None]
    floor = min(cosines) if cosines else 0.0
    best_bm25 = max((h.lexical or 0.0 for h in hits), default=0.0) or 1.0
    return {
        h.passage.id: (floor if h.dense is None else h.dense, (h.lexical or 0.0) / best_bm25) for h in hits
    }


def is_statement(text: str) -> bool:
    """Headings and fragments are context, not answers; a question in the text answers nothing."""
    words = text.split()
    if len(words) < _MIN_WORDS or text.rstrip("\"'”’)").endswith("?"):
        return False
    has_stop = _NOTE_MARKS.sub("", text).rstrip("\"'”’)").endswith((".", "!"))
    return has_stop or len(words) > _HEADING_WORDS or " – " in text


def _is_heading(text: str) -> bool:
    """A headline-like line ("Russian ship operates near Japan for nearly two weeks"): no stop, not a
    question, not a fragment. It is no statement, but may be a source's only line giving a value."""
    return len(text.split()) >= _MIN_WORDS and not text.rstrip("\"'”’)").endswith("?")


def choose(
    index: Index,
    candidates: list[Candidate],
    settings: AnswerSettings,
    form: QuestionForm | None = None,
    facts: SentenceFacts | None = None,
) -> list[Statement]:
    """The best sentences within `relative` of the top one, merged where they say the same thing."""
    if not candidates:
        return []
    top = candidates[0].score
    floor = top * settings.relative
    statements: list[Statement] = []
    for cand in candidates:
        if cand.score < floor:
            break
        if cand.heading:
            continue
        if _merge(index, statements, cand, settings.redundancy):
            continue
        if len(statements) < settings.max_sentences:
            statements.append(Statement(cand))
    if facts is not None and statements:
        statements = _with_next(
            facts, candidates, statements, top * settings.next_relative, settings.max_sentences
        )
    if form is not None and form.expects not in (OTHER, YESNO) and any(s.main.fits for s in statements):
        statements = _other_sides(
            index, candidates, statements, settings, top, _asked_ordinal(index, form, statements)
        )
    if form is not None and facts is not None and statements and asks_why(form):
        statements = _with_reason(facts, candidates, statements)
    if form is not None and facts is not None and form.expects == DURATION:
        statements = _first_that(
            statements, lambda s: states_extent(facts.text(s.main.row), facts.values(s.main.row))
        )
    if form is not None and facts is not None and statements and asks_next_place(form):
        statements = _first_that(statements, lambda s: _went_next_by_name(facts, form, s.main))
    if form is not None and facts is not None and statements and _vetoed(form, facts, statements[0].main):
        statements = _first_that(statements, lambda s: _states_the_figure(form, facts, s.main))
    return statements


def _states_the_figure(form: QuestionForm, facts: SentenceFacts, cand: Candidate) -> bool:
    """A sentence that may stand first for a count or an amount: for a count, one that counts the very noun
    asked (see `_first_that`); for an amount of money, any that states one ("Tesla spent over $2,000" for
    "how much did Tesla spend on the injured pigeon", below a sentence about the pigeons; SQuAD)."""
    if form.expects == MONEY:
        return cand.fits and not cand.heading
    return counts_the_head(form, facts.values(cand.row))


def _went_next_by_name(facts: SentenceFacts, form: QuestionForm, cand: Candidate) -> bool:
    """ "Where did the Kareliya go after the southwestern islands?": a sentence naming where it went next
    ("... and then heads toward Russia's Far East") and naming it, by a name the question gives, itself or
    in its lead-in; a sentence about another ship's course is no answer (demo-dev24)."""
    rows = [r for r in (cand.row, cand.context) if r >= 0]
    return not cand.heading and went_next(facts, form, cand.row) and names_asked_thing(facts, form, rows)


def _vetoed(form: QuestionForm, facts: SentenceFacts, cand: Candidate) -> bool:
    """Would the count veto (`abstain.judge`) refuse this sentence as the first one?"""
    return not cand.fits and not counts_it_otherwise(form, facts.text(cand.row), facts.values(cand.row))


def _first_that(statements: list[Statement], answers: Callable[[Statement], bool]) -> list[Statement]:
    """The first statement that `answers` put first. "How long was their flight?" best matched by the
    sentence about the interception, with "an 11-hour flight" quoted third (demo-dev18): a length of time is
    what was asked, and `abstain.judge` vetoes an answer whose first sentence has none. For a count, only a
    sentence that counts the very noun asked ("three groups" for "how many groups of russian bombers did the
    JSDF intercept", demo-dev23): one that holds some other figure is the near miss's ("48 F-35A fighters"
    for "how many Japanese jets were scrambled on January 23"), which the veto on the first one stops."""
    i = next((i for i, s in enumerate(statements) if answers(s)), 0)
    return [statements[i], *statements[:i], *statements[i + 1 :]]


def _with_next(
    facts: SentenceFacts, candidates: list[Candidate], statements: list[Statement], floor: float, most: int
) -> list[Statement]:
    """The best sentence is often a paragraph's lead and the next one its details ("... Universal Studios
    and Walt Disney Studios paid for movie trailers to be aired during the Super Bowl." then "Fox paid for
    Deadpool, ..., Lionsgate paid for Gods of Egypt, ..."): the next sentence of its paragraph is quoted
    second when it scores at least `floor`, though below `relative` of the best, in a free place only: put
    before sentences that do score within `relative`, it displaced as many answers as it added on SQuAD."""
    if len(statements) >= most:
        return statements
    top = statements[0].main
    after = [n for n in facts.beside(top.row) if n > top.row]
    quoted = {c.row for s in statements for c in (s.main, *s.also)}
    if not after or after[0] in quoted:
        return statements
    following = next((c for c in candidates if c.row == after[0]), None)
    if following is None or following.score < floor or following.heading:
        return statements
    return [statements[0], Statement(following), *statements[1:]]


def _with_reason(
    facts: SentenceFacts, candidates: list[Candidate], statements: list[Statement]
) -> list[Statement]:
    """ "Why ...?" best matched by a sentence that restates the question ("Russia's air presence ... has
    significantly decreased."): its reason is often the sentence beside it in the paragraph ("... have been
    transferred to support the Ukraine battlefield."), which is then quoted second."""
    top = statements[0].main
    rows = [r for r in (top.row, top.context) if r >= 0]
    if any(gives_reason(facts.text(r)) for r in rows):
        return statements
    quoted = {c.row for s in statements for c in (s.main, *s.also)}
    by_row = {c.row: c for c in candidates}
    beside = [
        by_row[n]
        for r in rows
        for n in facts.beside(r)
        if n in by_row and n not in quoted and gives_reason(facts.text(n))
    ]
    if not beside:
        return statements
    return [statements[0], Statement(max(beside, key=lambda c: c.score)), *statements[1:]]


def _asked_ordinal(index: Index, form: QuestionForm, statements: list[Statement]) -> dict[str, set[str]]:
    """The ordinals the question asks ("the first joint patrol") when the answer says them: another source's
    side must then speak of the same one, not of the patrols in general."""
    asked = ordinals(form.text)
    said = ordinals(_text(index, statements[0].main)) if statements else {}
    return {noun: which for noun, which in asked.items() if which & said.get(noun, set())}


def _text(index: Index, cand: Candidate) -> str:
    return index.documents[cand.doc_id].text[cand.start : cand.end]


def _other_sides(
    index: Index,
    candidates: list[Candidate],
    statements: list[Statement],
    settings: AnswerSettings,
    top: float,
    ordinal: dict[str, set[str]],
) -> list[Statement]:
    """Add the best value-carrying sentence of each document not yet quoted, if it is close enough.

    A heading stands for its document only when none of that document's statements carries the value:
    then it is the only place that source gives its side ("... near Japan for nearly two weeks").
    """
    # A document quoted only by sentences without the value has not given its side yet.
    quoted = {c.doc_id for s in statements for c in (s.main, *s.also) if c.fits}
    stated = {c.doc_id for c in candidates if c.fits and not c.heading}
    floor = top * settings.side_relative
    for cand in candidates:
        if cand.score < floor:
            break
        if cand.doc_id in quoted or not cand.fits or (cand.heading and cand.doc_id in stated):
            continue
        if ordinal and _ordinal_agreement(ordinal, ordinals(_text(index, cand))) < 1:
            continue
        if _merge(index, statements, cand, settings.redundancy):
            quoted.add(cand.doc_id)
            continue
        statements.append(Statement(cand))
        quoted.add(cand.doc_id)
    return statements


def _merge(index: Index, statements: list[Statement], cand: Candidate, threshold: float) -> bool:
    """Fold `cand` into a statement that says the same; True when it was folded (or is a repeat)."""
    twin = _same_statement(index, statements, cand, threshold)
    if twin is None:
        return False
    s = statements[twin]
    if cand.fits and not s.main.fits and not cand.heading:
        # The same statement, but this wording carries the value asked for: it is the one to quote.
        others = tuple(c for c in s.also if c.doc_id != cand.doc_id)
        kept = () if s.main.doc_id == cand.doc_id else (s.main,)
        statements[twin] = Statement(cand, kept + others)
    elif cand.doc_id != s.main.doc_id and all(c.doc_id != cand.doc_id for c in s.also):
        statements[twin] = Statement(s.main, s.also + (cand,))
    return True


def _same_statement(
    index: Index, statements: list[Statement], cand: Candidate, threshold: float
) -> int | None:
    if not statements:
        return None
    mains = np.stack([index.sentence_vectors[s.main.row] for s in statements])
    sims = mains @ index.sentence_vectors[cand.row]
    best = int(np.argmax(sims))
    return best if sims[best] >= threshold else None
