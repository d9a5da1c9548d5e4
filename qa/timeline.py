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


def dated_events(
    facts: SentenceFacts, form: QuestionForm, candidates: list[Candidate], floor: float, limit: int
) -> list[Dated]:
    """The best `limit` dated candidates scoring at least `floor`, in date order (ties: document order)."""
    chosen: list[Dated] = []
    summaries: list[Dated] = []
    # A span named to the day or month is not answered by "2026 onward": a date vaguer than the question's
    # holds the span without saying anything happened in it.
    finest = min((len(d.value) for d in form.dates), default=0)
    for cand in candidates:
        if cand.score < floor or len(chosen) >= limit:
            break
        dates = [
            d
            for d in most_precise(facts.values(cand.row).dates)
            if in_window(form, d) and len(d.value) >= finest
        ]
        if not dates:
            continue
        first = min(dates, key=lambda d: (-len(d.value), d.value))
        (summaries if _years_apart(dates) >= 3 else chosen).append(Dated(cand, first.value, first.until))
    if len(chosen) < 2:
        chosen = (chosen + summaries)[:limit]
    return sorted(chosen, key=lambda e: (sort_key(e.date), e.candidate.doc_id, e.candidate.start))


def _years_apart(dates: Sequence[DateMention]) -> int:
    """How many different years `dates` fall in, counting only dates that are not ranges ("2020 – 2023"
    is one period, and "Jan 7 ... Jan 12-24" one year)."""
    return len({d.value[:4] for d in dates if not d.until})


def sort_key(value: str) -> str:
    """A year sorts before its months, a month before its days: "2026" < "2026-01" < "2026-01-07"."""
    return value


def most_precise(dates: Sequence[DateMention]) -> list[DateMention]:
    """The sentence's most precise dates: "Jan 27, 2026 ... the 2025 white paper" happened on Jan 27."""
    if not dates:
        return []
    best = max(len(d.value) for d in dates)
    return [d for d in dates if len(d.value) == best]
