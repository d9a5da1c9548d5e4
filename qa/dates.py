"""Dates in a sentence, resolved against the document's own date, with dateparser.

dateparser does the reading (absolute and relative dates, many formats, "last Tuesday" against a base
date); this module only decides which of its matches are dates at all and how precise each one is, so a
year alone stays a year and "Jan 2026" stays a month instead of becoming an invented day. Text is first
mapped character for character (narrow no-break spaces to spaces, non-breaking hyphens and en dashes to
hyphens), so every offset found is an offset into the original sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

_MONTHS = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
_MONTH = re.compile(rf"\b(?:{_MONTHS})\b\.?")
_MONTH_ANY_CASE = re.compile(rf"\b(?:{_MONTHS})\b\.?", re.IGNORECASE)
_RELATIVE = re.compile(
    # "the last week of January" is a part of January, not the week before the question (demo-dev31)
    r"\b(?:yesterday|today|tomorrow|ago|(?:last|next) (?:week|month|year)(?!\s+of\b)|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    re.IGNORECASE,
)
# Years from 1000 to 2099 standing alone (not "1500-ton", not "F-2000"); a count of that size is rarer.
_YEAR = re.compile(
    r"(?<![\w.,$€£-])(1\d\d\d|20\d\d)(?![\w%-]|,\d| (?:people|troops|men|tons|km|miles|meters|feet))"
)
# "1973–1974", and "1973–74" with the century said once
_YEAR_RANGE = re.compile(r"(?<![\w.-])(1\d\d\d|20\d\d)\s*[-–]\s*(1\d\d\d|20\d\d|\d\d)(?![\w])")
# "dated c1180", "c. 1750", "circa 1496": a year, written as museums and historians write it
_CIRCA_YEAR = re.compile(r"(?<![\w.-])(?:c\.\s?|c(?=\d)|ca\.\s?|circa\s)(1\d\d\d|20\d\d)(?![\w%-])")
_DAY_AFTER = re.compile(r"^\s*(\d{1,2})(?:st|nd|rd|th)?\b(?!\s*[-–:]?\s*(?:hour|minute|day|week|%))")
_DAY_BEFORE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s*$")
_RANGE_END = re.compile(r"^\s*-\s*(\d{1,2})\b")
# The first day of "7-26 January", "between 7 and 26 January", "from 12 to 24 January" (the month said once)
_RANGE_START = re.compile(r"(?<![\w-])(\d{1,2})(?:st|nd|rd|th)?\s*(?:-|to|and|until|till|through)\s*$")
_MAP = str.maketrans(
    {"\u202f": " ", "\u00a0": " ", "\u2009": " ", "\u2011": "-", "\u2010": "-", "\u2013": "-"}
)


@dataclass(frozen=True)
class DateMention:
    """A date as written in a sentence: `sentence[start:end]` is its text."""

    start: int
    end: int
    value: str  # ISO: "2026-01-07", "2026-01" or "2026", as precise as the text is
    until: str = ""  # the end of a range ("Jan 7-24", "2020 - 2023"), same precision, or ""

    @property
    def precision(self) -> str:
        return {10: "day", 7: "month", 4: "year"}[len(self.value)]


def plain(text: str) -> str:
    """The same text with typographic spaces and hyphens made ASCII, one character for one."""
    return text.translate(_MAP)


def may_have_dates(text: str) -> bool:
    """A cheap check before calling dateparser, which is slow (milliseconds a sentence)."""
    return bool(
        _MONTH_ANY_CASE.search(text)
        or _YEAR.search(text)
        or _YEAR_RANGE.search(text)  # "(1677–1683)": neither year stands alone
        or _CIRCA_YEAR.search(text)
        or _RELATIVE.search(text)
    )


def find_dates(text: str, published: str = "", lenient: bool = False) -> tuple[DateMention, ...]:
    """The dates in `text`, in order of position, relative ones resolved against `published`.

    `lenient` accepts lower-case month names (questions are typed in lower case; documents capitalise
    months, and there "may" is far more often a verb than a month).
    """
    flat = plain(text)
    if not may_have_dates(flat):
        return ()
    base = _base(published)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for match in _dateparser_matches(flat, base):
        mention = _mention(flat, match, base, lenient, taken)
        if mention is not None:
            found.append(mention)
            taken.append((mention.start, mention.end))
    # dateparser's search skips dates it reads as one phrase ("January 23 and January 27, 2026"): read any
    # month name it left alone again, in a window around it.
    pattern = _MONTH_ANY_CASE if lenient else _MONTH
    for m in pattern.finditer(flat):
        if _overlaps(m.start(), m.end(), taken):
            continue
        lo, hi = max(0, m.start() - 6), min(len(flat), m.end() + 10)
        window = flat[lo:hi]
        for raw, parsed in _dateparser_matches(window, base):
            mention = _mention(flat, (raw, parsed), base, lenient, taken, lo)
            if mention is not None and mention.start <= m.start() < mention.end:
                found.append(mention)
                taken.append((mention.start, mention.end))
                break
    for m in _YEAR_RANGE.finditer(flat):
        start, end = m.group(1), m.group(2)
        end = start[:2] + end if len(end) == 2 else end
        if end > start and not _overlaps(m.start(), m.end(), taken):
            found.append(DateMention(m.start(), m.end(), start, end))
            taken.append((m.start(), m.end()))
    for pattern in (_YEAR, _CIRCA_YEAR):
        for m in pattern.finditer(flat):
            if not _overlaps(m.start(), m.end(), taken):
                found.append(DateMention(m.start(), m.end(), m.group(1)))
                taken.append((m.start(), m.end()))
    return tuple(sorted(found, key=lambda d: d.start))


def _base(published: str) -> datetime:
    try:
        return datetime.combine(date.fromisoformat(published[:10]), datetime.min.time())
    except ValueError:
        return datetime.now().replace(hour=0, minute=0, second=0, microsecond=0)


def _dateparser_matches(flat: str, base: datetime) -> list[tuple[str, datetime]]:
    from dateparser.search import search_dates

    settings = {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "STRICT_PARSING": False,
    }
    try:
        return search_dates(flat, languages=["en"], settings=settings) or []
    except Exception:  # dateparser raises assorted errors on odd input; a sentence without dates is fine
        return []


def _mention(
    flat: str,
    match: tuple[str, datetime],
    base: datetime,
    lenient: bool,
    taken: list[tuple[int, int]],
    after: int = 0,
) -> DateMention | None:
    raw, parsed = match
    pos = _locate(flat, raw, taken, after)
    if pos < 0:
        return None
    pattern = _MONTH_ANY_CASE if lenient else _MONTH
    month = pattern.search(flat, pos, pos + len(raw))
    relative = _RELATIVE.search(flat, pos, pos + len(raw))
    if month is None and relative is None:
        return None  # years alone are read below; "an 11-hour" is not a date
    if relative is not None and month is None:
        # "last year" is a year and "next month" a month, not the day a year or a month from the base date
        unit = relative.group(0).lower()
        value = parsed.date().isoformat()
        value = value[:4] if unit.endswith("year") else value[:7] if unit.endswith("month") else value
        return DateMention(relative.start(), relative.end(), value)
    start, end = month.start(), month.end()
    day = _DAY_AFTER.match(flat[end : end + 8])
    until_day = ""
    if day is not None:
        end += day.end()
        rng = _RANGE_END.match(flat[end : end + 6])
        if rng is not None:
            until_day = rng.group(1)
            end += rng.end()
    else:
        before = _DAY_BEFORE.search(flat[max(0, start - 6) : start])
        if before is not None:
            day = before
            start -= len(flat[max(0, start - 6) : start]) - before.start()
            first = _RANGE_START.search(flat[max(0, start - 14) : start])
            if first is not None:
                until_day, day = day.group(1), first
                start -= len(flat[max(0, start - 14) : start]) - first.start()
    year_m = re.match(r"^,?\s*(1[89]\d\d|20\d\d)(?![\w])", flat[end : end + 7])
    if year_m is not None:
        year = int(year_m.group(1))
        end += year_m.end()
    else:
        year = _year_in_context(flat, start, parsed, base)
    month_no = parsed.month
    if day is None:
        return DateMention(start, end, f"{year:04d}-{month_no:02d}")
    day_no = int(day.group(1))
    if not 1 <= day_no <= 31:
        return None
    value = f"{year:04d}-{month_no:02d}-{day_no:02d}"
    until = f"{year:04d}-{month_no:02d}-{int(until_day):02d}" if until_day else ""
    return DateMention(start, end, value, until)


def _year_in_context(flat: str, start: int, parsed: datetime, base: datetime) -> int:
    """A date written without its year takes the year written nearest before it, else the document's."""
    earlier = list(_YEAR.finditer(flat, 0, start))
    if earlier:
        return int(earlier[-1].group(1))
    if parsed.year == base.year or parsed.year == base.year - 1:
        return parsed.year
    return base.year


def _locate(flat: str, raw: str, taken: list[tuple[int, int]], after: int = 0) -> int:
    pos = flat.find(raw, after)
    while pos >= 0 and _overlaps(pos, pos + len(raw), taken):
        pos = flat.find(raw, pos + 1)
    return pos


def _overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < e and s < b for s, e in spans)
