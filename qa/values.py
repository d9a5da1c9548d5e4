"""The checkable values a sentence states: dates, numbers, names. What conflicts and answer-type checks compare.

Numbers are digits or English number words (with the noun they count, so "three groups" and "48 F-35A"
can be told apart); names are runs of capitalised words that do not start the sentence. Dates come from
`qa/dates.py`. Everything is an offset into the sentence, so a value can always be shown in its quote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from citeqa.qa.dates import DateMention, find_dates, plain

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "hundred": 100, "dozen": 12, "dozens": 24, "hundreds": 200, "thousand": 1000,
    "thousands": 2000, "million": 10**6, "millions": 2 * 10**6, "billion": 10**9,
    "thirteen": 13, "fourteen": 14, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# Counts without a figure, which still answer "how many" ("several lakes", "won the cup twice", "a single
# output") but are too rough to compare: kept apart from the quantities that conflicts compare.
_ROUGH = re.compile(
    r"\b(?:several|(?:a |only a |very )?few|twice|thrice|a single|a couple of)\b", re.IGNORECASE
)
_NUMBER = re.compile(
    r"(?<![\w.-])(?:[$€£¥]\s?)?\d+(?:[.,]\d+)*(?:\s?(?:%|percent|per cent))?(?![\w-]*[A-Za-z])"
    # A figure that is the first half of a compound counts its second half: "a 28-yard punt", "an
    # 11-year veteran", "an 18-karat gold-plated 50".
    r"|(?<![\w.-])\d+(?:[.,]\d+)*(?=-[A-Za-z]+\b)"
    r"|\b(?:" + "|".join(_NUMBER_WORDS) + r")\b",
    re.IGNORECASE,
)
# A currency named by its word ("6 million Lira", "400 francs", "a thousand guineas"; SQuAD)
_CURRENCIES = (
    r"dollars|euros|yen|pounds|yuan|rubles|roubles|lira|lire|francs|pesos|rupees|guineas|shillings|"
    r"pence|florins|ducats|kronor|kroner|dinars|cents|USD|EUR|JPY|GBP"
)
_MONEY = re.compile(
    r"[$€£¥]\s?\d|\b\d[\d.,]*\s?(?:(?:million|billion|trillion|thousand|hundred)\s)?(?:"
    + _CURRENCIES
    + r")\b"
    r"|\b(?:million|billion|trillion|thousand|hundred)\s(?:" + _CURRENCIES + r")\b",
    re.IGNORECASE,
)
_PERIOD = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)[\s-]+(?:and\s+\d{1,2}(?:st|nd|rd|th)\s+)?centur|\b\d{2,4}0s\b|\b\d+\s?(?:BC|AD|BCE|CE)\b",
    re.IGNORECASE,
)
_DIRECTIVE = re.compile(
    r"\b(?:to|toward|towards|into|for|(?:land|landed|lands|arrive|arrived|arrives|dock|docked|docks)\s+"
    r"(?:at|in|on))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_CAPITAL = re.compile(r"[A-Z][\w‑'’.-]*")
_TOKEN = re.compile(r"[\w‑'’-]+")
# Words that mark the capitalised words after them (or around them) as a person's name.
_TITLES = {
    "mr", "mrs", "ms", "dr", "sir", "president", "minister", "secretary", "spokesman", "spokeswoman",
    "spokesperson", "general", "gen", "admiral", "captain", "capt", "colonel", "col", "lieutenant", "lt",
    "major", "sergeant", "sgt", "commander", "pilot", "premier", "chancellor", "king", "queen", "prince",
    "princess", "senator", "sen", "governor", "mayor", "professor", "prof", "ambassador", "chairman",
    "chairwoman", "author", "writer", "journalist", "reporter", "analyst", "quarterback", "coach",
}  # fmt: skip
_TITLED = re.compile(r"(?i:\b(?:" + "|".join(sorted(_TITLES)) + r"))\.?\s+((?:[A-Z][\w'’-]+\s?){1,3})")
_COMMON_STARTS = {
    "one",
    "another",
    "there",
    "here",
    "what",
    "who",
    "which",
    "where",
    "why",
    "how",
    "each",
    "every",
    "no",
    "not",
    "all",
    "only",
    "even",
    "also",
    "then",
    "so",
    "yet",
    "still",
    "despite",
    "since",
    "because",
    "with",
    "without",
    "under",
    "over",
    "among",
    "between",
    "through",
    "until",
    "unlike",
    "like",
    "according",
}
_LOCATIVE = re.compile(
    r"\b(?:in|over|near|into|through|across|off|around|toward|towards|via|at|to|from|between|inside|"
    r"within|along|approached|approaching|reached|reaching|(?:north|south|east|west)(?:east|west)?\s+of)\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
# A name whose last word is a kind of place is one wherever it stands ("transited the Tsushima Strait").
_PLACE_NAME = re.compile(
    r"\b(?:Straits?|Seas?|Ocean|Islands?|Peninsula|Bay|Gulf|Channel|Pacific|Atlantic|Mountains?|River|Lake|"
    r"Valley|Coast)$"
)
_NAME_JOINERS = {"of", "the", "de", "van", "von", "al"}
_NOT_NAMES = {
    "The", "A", "An", "In", "On", "At", "By", "For", "From", "To", "And", "But", "Or", "If", "When", "While",
    "This", "That", "These", "Those", "It", "Its", "They", "He", "She", "We", "I", "As", "After", "Before",
    "During", "Although", "However", "Firstly", "Secondly", "Thus", "Both", "Such", "Some", "Many", "Most",
}  # fmt: skip


@dataclass(frozen=True)
class Quantity:
    """A number and the words after it ("three groups of bombers": 3, ("groups", "of", "bombers"))."""

    start: int
    end: int
    text: str
    value: float
    counts: tuple[str, ...]
    before: tuple[str, ...] = ()  # the words just before it ("interceptions with 24", "allowed (296)")


@dataclass(frozen=True)
class Name:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Values:
    """Everything checkable in one sentence."""

    dates: tuple[DateMention, ...]
    quantities: tuple[Quantity, ...]
    names: tuple[Name, ...]
    places: tuple[Name, ...]  # names after "in", "over", "west of", ... or named as a sea, a strait, ...
    money: bool
    period: bool = False  # a time that is no calendar date: "the 10th century", "the 1920s", "300 BC"
    destinations: tuple[Name, ...] = ()  # names after "to", "toward", "into": where something went
    rough: tuple[Quantity, ...] = ()  # counts without a figure ("several lakes", "twice"), never compared


def read_values(sentence: str, published: str = "") -> Values:
    """The dates, numbers and names of `sentence`; numbers that are part of a date are not quantities."""
    dates = find_dates(sentence, published)
    in_date = [(d.start, d.end) for d in dates]
    flat = plain(sentence)
    quantities = tuple(q for q in _quantities(flat) if not any(a <= q.start < b for a, b in in_date))
    names = tuple(n for n in _names(flat) if not any(a <= n.start < b for a, b in in_date))
    places = tuple(
        n
        for n in names
        if _LOCATIVE.search(flat[max(0, n.start - 16) : n.start]) or _PLACE_NAME.search(n.text)
    )
    destinations = tuple(n for n in names if _DIRECTIVE.search(flat[max(0, n.start - 20) : n.start]))
    money, period = bool(_MONEY.search(flat)), bool(_PERIOD.search(flat))
    rough = tuple(_quantity(flat, m, 0.0) for m in _ROUGH.finditer(flat))
    return Values(dates, quantities, names, places, money, period, destinations, rough)


def _quantities(flat: str) -> list[Quantity]:
    out = []
    for m in _NUMBER.finditer(flat):
        text = m.group(0)
        if text.lower() == "one" and re.match(r"\s+of\b", flat[m.end() :]):
            continue  # "one of the detected assets" is not a count
        value = _value(text)
        if value is None:
            continue
        out.append(_quantity(flat, m, value))
    return out


def _quantity(flat: str, m: re.Match[str], value: float) -> Quantity:
    """A number with the four words after it (a compound's second half first: "28-yard" -> "yard") and
    the three before it."""
    after = [w.lower().lstrip("-") for w in _TOKEN.findall(flat[m.end() : m.end() + 40])][:4]
    before = [w.lower() for w in _TOKEN.findall(flat[max(0, m.start() - 30) : m.start()])][-3:]
    return Quantity(m.start(), m.end(), m.group(0), value, tuple(after), tuple(before))


def _value(text: str) -> float | None:
    word = text.lower()
    if word in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[word])
    digits = re.sub(r"[^\d.]", "", text.replace(",", ""))
    try:
        return float(digits)
    except ValueError:
        return None


_ORDINAL_WORDS = {
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
}  # fmt: skip


def _names(flat: str) -> list[Name]:
    """Runs of capitalised words, joined by "of"/"the"; the sentence's first word only when followed by more."""
    out: list[Name] = []
    tokens = list(_TOKEN.finditer(flat))
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not _CAPITAL.fullmatch(tok.group(0)) or tok.group(0) in _NOT_NAMES:
            i += 1
            continue
        j = i
        while j + 1 < len(tokens):
            nxt = tokens[j + 1].group(0)
            gap = flat[tokens[j].end() : tokens[j + 1].start()]
            if gap.strip() not in ("", "-"):
                break
            if _CAPITAL.fullmatch(nxt) and nxt not in _NOT_NAMES:
                j += 1
            elif nxt in _NAME_JOINERS and j + 2 < len(tokens) and _CAPITAL.fullmatch(tokens[j + 2].group(0)):
                j += 2
            else:
                break
        first_word = flat[: tok.start()].strip() == ""
        word = tok.group(0)
        # A sentence's first word is capitalised anyway: a name only if it is no number word or adverb.
        ordinary = word.lower() in _NUMBER_WORDS or word.endswith("ly") or word.lower() in _COMMON_STARTS
        # "the First and Second Island Chains": a lone ordinal is the first half of a name, none by itself
        lone_ordinal = j == i and word.lower() in _ORDINAL_WORDS
        if not (first_word and j == i and ordinary) and not lone_ordinal:
            out.append(Name(tok.start(), tokens[j].end(), flat[tok.start() : tokens[j].end()]))
        i = j + 1
    return out


UNIT_DAYS = {
    "second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7, "fortnight": 14,
    "month": 30, "year": 365, "decade": 3652, "century": 36524, "centurie": 36524,
}  # fmt: skip
LENGTH_UNITS = {
    "km", "kilometre", "kilometer", "mile", "mi", "metre", "meter", "m", "ft", "feet", "foot",
    "yard", "inch", "inche", "cm", "mm", "nautical", "nm", "league", "light-year", "lap",
}  # fmt: skip


def is_length(quantity: Quantity) -> bool:
    """ "6,400 km", "3 nautical miles", "one-half mile": a unit of length first or second after the figure."""
    return any(w.lower().removesuffix("s") in LENGTH_UNITS for w in quantity.counts[:2])


def durations(values: Values) -> dict[str, str]:
    """Spans of time a sentence states, in whole days -> as written: "nearly two weeks", "Jan 7-24".

    A "how long" answer is either a count of time units or a date range; both are read here so two
    sources that give the same stay in different words ("17 days", "Jan 7-24") compare as equal.
    """
    out: dict[str, str] = {}
    for q in values.quantities:
        unit = q.counts[0].lower().rstrip("s") if q.counts else ""
        if unit in UNIT_DAYS:
            out[f"{q.value * UNIT_DAYS[unit]:.4g} days"] = f"{q.text} {q.counts[0]}"
    for d in values.dates:
        if d.until and len(d.value) == len(d.until) == 10:
            days = (date.fromisoformat(d.until) - date.fromisoformat(d.value)).days
            out[f"{days:g} days"] = f"{d.value}/{d.until}"
    return out


def person_words(texts: Sequence[str]) -> frozenset[str]:
    """Capitalised words the documents introduce with a title anywhere: "Defense Minister Shinjiro Koizumi"
    makes a later bare "Koizumi" a person."""
    return frozenset(
        w.lower() for text in texts for m in _TITLED.finditer(plain(text)) for w in _TOKEN.findall(m.group(1))
    )


def without_titles(name: str) -> str:
    """A person's name less the titles run into it: "Defense Minister Shinjiro Koizumi" -> "Shinjiro Koizumi"."""
    words = name.split()
    titled = [i for i, w in enumerate(words) if w.lower().rstrip(".") in _TITLES]
    return " ".join(words[titled[-1] + 1 :]) if titled and titled[-1] < len(words) - 1 else name


def is_person(name: Name, sentence: str, people: frozenset[str]) -> bool:
    """A name with a title in it or just before it ("Defense Minister Shinjiro Koizumi", "pilot Sato"), or one
    the documents titled elsewhere (`people`, from `person_words`)."""
    words = [w.lower().rstrip(".") for w in _TOKEN.findall(name.text)]
    before = [w.lower().rstrip(".") for w in _TOKEN.findall(sentence[: name.start])[-2:]]
    return any(w in _TITLES or w in people for w in words) or any(w in _TITLES for w in before)


# Words that link a reason to what it explains; broad on purpose (see `qa/nearmiss.no_reason`).
_CAUSE = re.compile(
    r"\b(?:because|since|as|due|owing|thanks|so|therefore|thus|hence|to|for|amid|after|given|reasons?|why|"
    r"aims?|aimed|intend|intended|intention|purpose|goal|results?|resulted|leads?|led|causes?|caused|driven|"
    r"motivated|stems?|stemmed|seek|seeking|sought|want|wanted|need|needed|concerns?|fears?|feared|response|"
    r"order|effort|attempt|meant|allow|allowed|allowing|enable|enabled|make|made|which|when|being|by\s+\w+ing)\b",
    re.IGNORECASE,
)
# "from 12 January to 24 January", "up to 30", "to 1.5 m": a "to" that ends a range links no reason. ("by"
# links one only as "by doing": "monitoring by Tokyo" names who, not why.)
_RANGE_TO = re.compile(
    r"\bto\s+(?=\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)", re.IGNORECASE
)


def gives_reason(sentence: str) -> bool:
    """Could the sentence give a reason: does it have a word that links one ("because", "to", "due to")?"""
    return bool(_CAUSE.search(_RANGE_TO.sub(" ", sentence)))
