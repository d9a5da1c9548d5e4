"""Timelines: the dated sentences that answer a "when" or "what happened" question, ordered in time.

Each event is one quoted sentence placed at the earliest date it states (resolved against its
document's date by `qa/dates.py`), so every event carries its own citation. When the question names a
span ("in December 2025", "between January 23 and 27"), only sentences dated inside it, and at least as
precisely as it, are kept. A sentence that lists dates in three or more separate years ("in 2019, 2021,
2022, and 2024") sums a history up rather than stating one event; it is an event only when nothing else is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from citeqa.qa.dates import DateMention
from citeqa.qa.facts import SentenceFacts
from citeqa.qa.question import QuestionForm, in_window
from citeqa.qa.select import Candidate


@dataclass(frozen=True)
class Dated:
    """A candidate sentence and the date it is placed at."""

    candidate: Candidate
    date: str  # ISO, as precise as the source
    until: str = ""

    @property
    def span(self) -> str:
        return span_of(self.date, self.until)


def span_of(value: str, until: str = "") -> str:
    """ "2026-01-07", or "2026-01-07/2026-01-24" for a range: the `TimelineEvent.date` of an answer."""
    return f"{value}/{until}" if until else value


def dated_events(
    facts: SentenceFacts,
    form: QuestionForm,
    candidates: list[Candidate],
    relative: float,
    limit: int,
    span_relative: float | None = None,
) -> list[Dated]:
    """The best `limit` dated candidates, in date order (ties: document order).

    Whether there is a timeline at all is as before: two events scoring `relative` of the best sentence.
    Then every event scoring `relative` of the best dated one is listed: an undated sentence that restates
    the question ("The activity was recorded by Japan's Self-Defense Forces ...") says nothing of how well
    the events match it, and measured against it the Kareliya's later transit was left out (demo-dev3). A
    looser test of whether to tell a timeline at all turned SQuAD's "what happened to the light bulbs?" into
    one."""
    # A span named to the day or month is not answered by "2026 onward": a date vaguer than the question's
    # holds the span without saying anything happened in it.
    finest = min((len(d.value) for d in form.dates), default=0)
    dated: list[tuple[Candidate, list[DateMention]]] = []
    for cand in candidates:
        dates = [
            d
            for d in most_precise(facts.values(cand.row).dates)
            if in_window(form, d) and len(d.value) >= finest
        ]
        if dates:
            dated.append((cand, dates))
    if not dated:
        return []
    # "What happened between the tenth patrol in December 2025 and Koizumi's statement in January 2026?"
    # (demo-dev24): a span with two ends asks for what lies between them, however its events are worded; its
    # words describe the two ends. Its events are measured against the best dated one, at `span_relative`.
    if span_relative is not None and form.names_a_span():
        return _events(dated, dated[0][0].score * span_relative, limit)
    events = _events(dated, candidates[0].score * relative, limit)
    if len(events) < 2:
        return events
    return _events(dated, dated[0][0].score * relative, limit)


def first_dated(
    facts: SentenceFacts, form: QuestionForm, candidates: list[Candidate], taken: set[int], relative: float
) -> Dated | None:
    """One listed event of "put these in order: ...": the best candidate that states a date inside the
    question's window, placed at it. When an earlier event took that sentence, the next dated one that
    scores `relative` of it: "exit to the Sea of Japan" is the Kareliya's transit of 25 January, not again
    its arrival, whose sentence names it (demo-dev29)."""
    dated = [
        (cand, dates)
        for cand in candidates
        if (dates := [d for d in most_precise(facts.values(cand.row).dates) if in_window(form, d)])
    ]
    if not dated:
        return None
    best = dated[0][0].score
    fresh = next(((c, d) for c, d in dated if c.row not in taken and c.score >= best * relative), dated[0])
    return placed(*fresh)


def placed(cand: Candidate, dates: Sequence[DateMention]) -> Dated:
    """A sentence placed at the most precise, then earliest, of its dates."""
    first = placing(dates)
    return Dated(cand, first.value, first.until)


def placing(dates: Sequence[DateMention]) -> DateMention:
    """The date a sentence is placed at: its most precise, then earliest."""
    return min(dates, key=lambda d: (-len(d.value), d.value))


def in_time_order(events: Sequence[Dated]) -> list[Dated]:
    return sorted(events, key=lambda e: (sort_key(e.date), e.candidate.doc_id, e.candidate.start))


def _events(dated: list[tuple[Candidate, list[DateMention]]], floor: float, limit: int) -> list[Dated]:
    chosen: list[Dated] = []
    summaries: list[Dated] = []
    for cand, dates in dated:
        if cand.score < floor or len(chosen) >= limit:
            break
        (summaries if _years_apart(dates) >= 3 else chosen).append(placed(cand, dates))
    if len(chosen) < 2:
        chosen = (chosen + summaries)[:limit]
    return in_time_order(chosen)


def _years_apart(dates: Sequence[DateMention]) -> int:
    """How many different years `dates` fall in, counting only dates that are not ranges ("2020 – 2023"
    is one period, and "Jan 7 ... Jan 12-24" one year)."""
    return len({d.value[:4] for d in dates if not d.until})


def sort_key(value: str) -> str:
    """A day sorts before its month, a month before its year: "2026-01-07" < "2026-01" < "2026". An event
    known only to the month happened some time in it, so it follows the month's dated events, as the demo
    story page puts "2026 onward" after "Jan 27, 2026"; put first, it would read as the month's first event."""
    return value + "~"  # "~" sorts after "-" and every digit


def most_precise(dates: Sequence[DateMention]) -> list[DateMention]:
    """The sentence's most precise dates: "Jan 27, 2026 ... the 2025 white paper" happened on Jan 27."""
    if not dates:
        return []
    best = max(len(d.value) for d in dates)
    return [d for d in dates if len(d.value) == best]
