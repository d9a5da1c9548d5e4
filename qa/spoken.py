"""Questions spoken to a voice assistant, as transcribed: hesitations ("um") dropped, and numbers said in
words ("the twenty third of january", "twenty twenty five", "forty eight", "tu ninety five ms") written in
digits as the documents write them, so that the date and count readers and the index read them.

Only what a typist would have written in digits is rewritten: a number of two words or more ("forty
eight", a year said in two halves), and a day of a month said as an ordinal ("the third of january"). A
number said in one word stays a word ("three groups", "the Ten Commandments", "the fourth quarter"): the
documents write those in words too. The designation a number is part of ("il twenty", "h six n") is joined
by `SentenceFacts.respell`, which knows the documents' designations, with `number_value`.
"""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}  # fmt: skip
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_CENTURIES = {"nineteen": 19, "twenty": 20}  # a year said in two halves: "twenty twenty five"
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_NUMBER_WORD = "|".join([*_UNITS, *_TEENS, *_TENS])
NUMBER_WORDS = rf"(?i:{_NUMBER_WORD})"  # one number word, for patterns elsewhere
_ORDINAL_WORD = "|".join(_ORDINALS)
# A run of number words, then an ordinal or not: "twenty twenty five", "forty eight", "twenty third"
_RUN = re.compile(
    rf"\b(?:(?:{_NUMBER_WORD})[\s-]+)*(?:{_NUMBER_WORD}|{_ORDINAL_WORD})\b(?:[\s-]+(?:{_ORDINAL_WORD})\b)?",
    re.IGNORECASE,
)
_DAY_OF_MONTH = re.compile(rf"\b(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)\s+of\s+({_MONTHS})\b", re.IGNORECASE)
_MONTH_DAY = re.compile(rf"\b({_MONTHS})\s+(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)\b", re.IGNORECASE)
# Hesitations a transcript keeps ("what's the um air launched missile"): no word of the question. "like" and
# "I mean" are words too often meant to be dropped by rule.
_FILLERS = re.compile(r"\b(?:u+m+|u+h+|uhm|erm|hmm+)\b,?\s*", re.IGNORECASE)


def as_written(question: str) -> str:
    """A spoken question as it would have been typed: without its hesitations, its numbers in digits."""
    return spoken_numbers_as_digits(_FILLERS.sub("", question)).strip()


def number_value(words: list[str]) -> tuple[int, bool] | None:
    """The number the words say, and whether it is an ordinal; None when they say none. "twenty twenty
    five" is a year, 2025; "nineteen ninety" 1990; "twenty third" 23rd."""
    words = [w.lower() for w in words]
    if len(words) in (2, 3) and words[0] in _CENTURIES:
        century = _CENTURIES[words[0]] * 100
        if words[1:2] == ["oh"] and len(words) == 3 and words[2] in _UNITS:
            return century + _UNITS[words[2]], False  # "nineteen oh five"
        rest = number_value(words[1:])
        if rest is not None and not rest[1] and 10 <= rest[0] <= 99:
            return century + rest[0], False
    if len(words) == 1:
        w = words[0]
        for table, ordinal in ((_UNITS, False), (_TEENS, False), (_TENS, False), (_ORDINALS, True)):
            if w in table and w != "oh":
                return table[w], ordinal
        return None
    if len(words) == 2 and words[0] in _TENS:
        second = words[1]
        if second in _UNITS and second not in ("zero", "oh"):
            return _TENS[words[0]] + _UNITS[second], False
        if second in _ORDINALS and _ORDINALS[second] < 10:
            return _TENS[words[0]] + _ORDINALS[second], True
    return None


def _written(value: int, ordinal: bool) -> str:
    """ "23", or "23rd" for an ordinal."""
    if not ordinal:
        return str(value)
    suffix = "th" if value % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def spoken_numbers_as_digits(question: str) -> str:
    """The question with numbers said in two words or more, and ordinal days of a month, in digits:
    "the twenty third of january twenty twenty six" -> "23 january 2026"."""

    def digits(m: re.Match[str]) -> str:
        words = re.split(r"[\s-]+", m.group(0))
        found = number_value(words)
        if found is None:
            return _split_run(words)
        if len(words) == 1 and not (found[1] and _next_to_month(question, m)):
            return m.group(0)
        return _written(*found)

    out = _RUN.sub(digits, question)
    out = _DAY_OF_MONTH.sub(r"\1 \2", out)
    return _MONTH_DAY.sub(r"\1 \2", out)


def _split_run(words: list[str]) -> str:
    """A run that is no one number ("twenty twenty four one"): its longest leading number, then the rest."""
    for end in range(len(words), 0, -1):
        found = number_value(words[:end])
        if found is not None and end > 1:
            rest = words[end:]
            return " ".join([_written(*found), _split_run(rest)]) if rest else _written(*found)
    return " ".join([words[0], _split_run(words[1:])]) if len(words) > 1 else words[0]


def _next_to_month(question: str, m: re.Match[str]) -> bool:
    """Is the ordinal a day of a month: "the third of january", "january third"?"""
    before, after = question[: m.start()], question[m.end() :]
    return bool(
        re.match(rf"\s+of\s+(?:{_MONTHS})\b", after, re.IGNORECASE)
        or re.search(rf"\b(?:{_MONTHS})\s+(?:the\s+)?$", before, re.IGNORECASE)
    )
