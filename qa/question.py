"""What a question asks for: the kind of value that would answer it, and whether it wants a timeline.

Extractive answers cannot be checked against a model's understanding, so the assistant checks them
against the question's form instead: "how many sailors" is only answered by a sentence with a number
next to "sailors"; "when" only by a sentence with a date; "who" only by a name. These checks are what
lets the assistant abstain on a close-but-wrong sentence rather than quote it (see `qa/abstain.py`).
The rules read the wh-form of English questions only; any other question is typed "other" and is
judged on its scores alone.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from citeqa.index.lexical import canonical
from citeqa.qa.dates import DateMention, find_dates, plain
from citeqa.qa.values import LENGTH_UNITS, UNIT_DAYS, Quantity, Values, durations, is_length, read_values

# Expected answer types.
DATE = "date"
NUMBER = "number"
MONEY = "money"
NAME = "name"
PLACE = "place"
DURATION = "duration"  # "how long": a count of time units or a date range
YESNO = "yesno"
OTHER = "other"
FIGURES = (NUMBER, MONEY)  # the kinds of value whose absence vetoes an answer (qa/abstain.py)

_WORD = re.compile(r"[\w‑'’-]+")
_YESNO_START = {
    "did", "does", "do", "was", "were", "is", "are", "has", "have", "had", "can", "could", "will",
    "would", "should", "may", "might",
}  # fmt: skip
_MONEY_WORDS = {
    "cost",
    "costs",
    "price",
    "priced",
    "spend",
    "spent",
    "pay",
    "paid",
    "worth",
    "budget",
    "funding",
    "spending",
    "paying",
    "invest",
    "invested",
    "investing",
    "investment",
    "expense",
    "expenses",
    "money",  # "how much money is the US putting into it" (demo-dev17)
    "costing",  # "how much is the misawa air base upgrade costing" (demo-dev23)
    "spends",
    "pays",
    "funded",
    "financed",
    "financing",
    "dollars",
    "funds",
}
# Nouns of a measure: "what is the X of ..." is answered by a figure (money when X is a cost or a price).
_MEASURES = (
    "number", "count", "cost", "price", "range", "speed", "altitude", "length", "height", "weight",
    "distance", "population", "capacity", "depth", "size",
)  # fmt: skip
# Words for one kind of craft: a question's "jets" are the documents' "fighters" or "aircraft".
CRAFT_WORDS = (
    ("fighter", "jet", "interceptor", "warplane", "aircraft", "plane"),
    ("bomber", "aircraft", "plane", "warplane"),
    ("missile",),
    ("drone",),
    ("tank",),
    ("helicopter",),
)
_GENERIC_CRAFT = {"aircraft", "plane", "warplane"}
# Nouns for a number of things taken together: "three groups of bombers" is no count of bombers.
_COLLECTIVES = (
    "groups", "formations", "waves", "squadrons", "fleets", "convoys", "batches", "units", "teams",
    "swarms", "flocks", "clusters", "columns",
)  # fmt: skip
_NUMBER_LEAD = {"the", "total", "exact", "overall", "combined", "what", "whats", "s"}
_PLACE_NOUNS = {
    "country", "countries", "city", "place", "sea", "strait", "island", "base", "region", "port", "area",
    "waters", "location", "airspace", "zone",
}  # fmt: skip
_TIMELINE = re.compile(
    r"\b(timeline|chronolog\w*|in (?:the )?order|date by date|day by day|step by step|sequence of events|what happened|what went on|walk me through|"
    r"order of (?:events|things)|(?:in )?what order|history of|start to finish|beginning to end|first to last|"
    r"earliest to latest|blow by blow)\b"
    # "Sequence Kareliya's movements in January: ..." (demo-dev29): the verb, opening the question
    r"|^\W*sequence\b",
    re.IGNORECASE,
)
# "Put these in order: the tenth joint air patrol, the Miyako transit, the intercept, Koizumi's X post"
# (demo-dev29): the events to order, listed after a colon; each is looked for on its own.
_LISTED = re.compile(r":\s*(?P<items>[^:]+?)\s*[.?!]*\s*$")
_ITEM_SPLIT = re.compile(r"\s*(?:[,;]\s*(?:and\s+|then\s+)?|\s+(?:and|then)\s+)", re.IGNORECASE)


def listed_events(form: QuestionForm) -> tuple[str, ...]:
    """The events a timeline question lists to be put in order (three or more, after a colon), each with
    the names the question gives before the colon: "arrival" is the Kareliya's in "Sequence Kareliya's
    movements in January: arrival, southwestern islands, exit to the Sea of Japan". Only the names: the
    rest of the lead ("movements") would match the same sentence for every event."""
    m = _LISTED.search(form.text) if form.timeline else None
    items = [i for i in _ITEM_SPLIT.split(m.group("items")) if _WORD.search(i)] if m else []
    names = [w for w in _WORD.findall(form.text[: m.start()])[1:] if w[:1].isupper()] if m else []
    return tuple(" ".join([item, *names]) for item in items) if len(items) >= 3 else ()


_EVENTS_IN_SPAN = re.compile(
    r"^\W*(?:[\w'’-]+\W+){0,3}?(?:which|what)\b.*\b(?:took place|take place|occurred|happened|were held)\b",
    re.IGNORECASE,
)
# "Per Newsweek, what did the Kareliya do between 7 and 26 January?" (demo-dev23): what someone did over a
# span from one date to another. Over a single year it asks one thing ("what did Tesla do in 1879", SQuAD).
_DOINGS = re.compile(
    r"^\W*(?:[\w'’-]+\W+){0,3}?what\s+(?:did|has|have|had|was|were)\b.*\b(?:do|doing|done|up\s+to)\b",
    re.IGNORECASE,
)
_STOP_HEAD = {"the", "a", "an", "of", "did", "do", "does", "were", "was", "are", "is", "have", "has", "had"}
_MOTION = {
    "go",
    "goes",
    "went",
    "head",
    "heads",
    "headed",
    "move",
    "moved",
    "travel",
    "sail",
    "fly",
    "flew",
    "proceed",
    # where it ended up: "where did the plane land", "where did the ship dock"
    "land",
    "landed",
    "arrive",
    "arrived",
    "return",
    "returned",
    "dock",
    "docked",
}
_CONTRACTIONS = {
    "what's": ("what", "is"),
    "where's": ("where", "is"),
    "who's": ("who", "is"),
    "when's": ("when", "is"),
    # typed without the apostrophe
    "whats": ("what", "is"),
    "wheres": ("where", "is"),
    "whos": ("who", "is"),
}
_ORDINAL_NOUN = re.compile(
    r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)\s+"
    r"(?!(?:and|or|of|the|to|in|time|half)\b)([a-z]{3,})\b"
)
_ORDINAL_WORDS = {
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth",
}  # fmt: skip
# Where the phrase an ordinal qualifies ends: a function word, a verb of the frame, or "time"/"half".
_PHRASE_END = _YESNO_START | {
    "and", "or", "of", "the", "a", "an", "to", "in", "on", "at", "by", "for", "with", "from", "that",
    "which", "who", "when", "where", "take", "took", "happen", "happened", "occur", "occurred", "time",
    "half", "it", "they", "he", "she", "this",
}  # fmt: skip
# A single date after these bounds the span on one side only: "up to 2024", "since January".
_UP_TO = re.compile(
    r"\b(?:through|thru|until|till|up\s+to|up\s+until|before|prior\s+to)\s+(?:the\s+end\s+of\s+|the\s+)?$"
    # "from the very first one up to the one that went around Japan late last year" (demo-dev31)
    r"|\bfrom\b.*\bup\s+(?:to|until)\s+the\s+(?:one|last)\b[^,;?]*$",
    re.I,
)
# "from the first one in 2019 up to the tenth" (demo-dev30): a span from the date to an end named otherwise
# ("in 2019 to the patrols" is no span: a bare "to" only after a "from")
_ON_TO = re.compile(r"\s+(?:up\s+to|until|till|through|thru)\b", re.I)
_FROM_ON = re.compile(r"\b(?:since|after|from|starting(?:\s+in)?|beginning(?:\s+in)?)\s+(?:the\s+)?$", re.I)
_WHY = re.compile(r"^\s*(?:and\s+|but\s+|so\s+)?why\b", re.IGNORECASE)
_OTHER_WH = {"what", "who", "whom", "whose", "which", "where", "why", "how"}
_BOUNDS = (("up", "to"), ("more", "than"), ("at", "least"), ("over",), ("about",), ("nearly",), ("almost",),
           ("around",), ("some",), ("approximately",), ("roughly",))  # fmt: skip
_LINKS = {"with", "of", "at", "numbering", "totaling", "totalling", "total", "was", "were", "is", "are"}
# Words of a counted phrase that are not the thing counted ("how many people could ...", "took part in")
_FRAME_WORDS = {
    "in", "on", "at", "of", "to", "for", "by", "with", "from", "and", "or", "the", "a", "an", "could", "can",
    "would", "will", "did", "does", "do", "were", "was", "is", "are", "have", "has", "had", "be", "been",
}  # fmt: skip
_ARTICLES = {"the", "a", "an", "of"}
# Words that end a counted phrase: "how many people could Apollo hold", "how many killed by plague in Naples"
_HEAD_ENDS = {
    "could", "can", "would", "will", "should", "may", "might", "must",
    "in", "by", "at", "on", "for", "from", "with", "to", "during", "since", "before", "after",
}  # fmt: skip
_NOT_COUNTED = {"each", "them", "those", "these", "it", "they", "there", "times"}


@dataclass(frozen=True)
class QuestionForm:
    """The parts of a question that the selection and the abstention rules read."""

    text: str
    expects: str  # one of DATE, DURATION, NUMBER, MONEY, NAME, PLACE, YESNO, OTHER
    timeline: bool  # a "when did things happen, in order" question
    counted: tuple[str, ...] = ()  # for "how many X": the words of X a number must stand next to
    dates: tuple[DateMention, ...] = ()  # dates the question names ("on Jan 23", "in December 2025")
    years_given: tuple[bool, ...] = ()  # per date: was its year written, or only assumed?
    words: frozenset[str] = frozenset()  # lower-cased, ASCII-hyphened words, to tell new names from echoes
    destination: bool = False  # "where did it go / head": a place it went to, not one it was at
    given_counts: frozenset[tuple[float, str]] = frozenset()  # (figure, noun) it states: "the three groups"

    def names_a_span(self) -> bool:
        """Does the question name a span with two ends ("between 7 and 26 January", "from 2019 to 2024")?"""
        return two_ended(self.dates)

    def date_window(self) -> tuple[str, str] | None:
        """The span of time the question is about, as ISO bounds, when it names dates."""
        if not self.dates:
            return None
        given = [d.value[:4] for d, g in zip(self.dates, self.years_given, strict=True) if g]
        # "between January 23 and January 27, 2026": a written year holds for the dates written without one.
        values = [
            (d.value, d.until or d.value)
            if g or not given
            else (given[-1] + d.value[4:], given[-1] + (d.until or d.value)[4:])
            for d, g in zip(self.dates, self.years_given, strict=True)
        ]
        known = bool(given)
        lows = [_bound(v, known, low=True) for v, _ in values]
        highs = [_bound(u, known, low=False) for _, u in values]
        lo, hi = min(lows), max(highs)
        # "through 2024", "since December": one bound named, the other left open. Without a year, the open
        # side is no bound at all: "from the December transit through Koizumi's post" runs on into January,
        # which a span of months and days ("--12-01" to "--12-31") cannot hold (demo-dev33).
        if len(self.dates) == 1:
            before = self.text[: self.dates[0].start]
            if _UP_TO.search(before):
                lo = _bound("0000", known, low=True)
            elif _FROM_ON.search(before) or _span_on(before, self.text[self.dates[0].end :]):
                hi = _bound("9999", known, low=False)
            else:
                return lo, hi
            if not known:
                return None
        return lo, hi


# Question words as people type them in a hurry ("wat's the top speed", demo-dev23), and what they mean.
_TYPED_WH = {
    "wat": "what", "wut": "what", "wht": "what", "whta": "what", "waht": "what", "wat's": "what's",
    "wats": "what's", "whats": "what's", "wen": "when", "whn": "when", "wher": "where", "whre": "where",
    "wher's": "where's", "wich": "which", "whch": "which", "hw": "how", "howmany": "how many",
    "whos": "who's",
}  # fmt: skip
_TYPED_WH_WORD = re.compile(
    r"(?<![\w'’-])(?:" + "|".join(map(re.escape, _TYPED_WH)) + r")(?![\w'’-])", re.IGNORECASE
)


def mend_question_words(question: str) -> str:
    """The question with hurried spellings of its question words written out ("wat's" -> "what's"), so
    that the rules that read "what ..." read it; the case of the first letter is kept."""

    def mended(m: re.Match[str]) -> str:
        word = _TYPED_WH[m.group(0).lower().replace("’", "'")]
        return word[:1].upper() + word[1:] if m.group(0)[:1].isupper() else word

    return _TYPED_WH_WORD.sub(mended, question)


# What an editor says the quote is for ("for the caption — the minister's full name", "hull no. for the
# graphic", demo-dev26): a purpose, not part of what is asked. Leading, it ends at a dash or a colon;
# trailing, only after the nouns of a newsroom, as "the reason for the protest" is a question.
_PURPOSE_LEAD = re.compile(
    r"^\s*for\s+(?:the|my|our|a|this)\s+[\w\s-]{1,30}?\s*(?:[—–:]|\s-)\s*", re.IGNORECASE
)
_PURPOSE_TAIL = re.compile(
    r",?\s+for\s+(?:the|my|our|a|this)\s+(?:graphic|caption|story|piece|draft|headline|lede|copy|chart|map"
    r"|sidebar|timeline\s+graphic|record)\s*(?=[?.!]*\s*$)",
    re.IGNORECASE,
)
_NUMBER_ABBREVIATION = re.compile(r"\b(?<![\w'’-])no\.(?=\s|$|[?,])", re.IGNORECASE)  # "hull no." (not "no")


# The asker's own guess, after the question proper (demo-dev31: "... that northern base? I want to say
# 40-something.", "which year's was it, 2024?", "what did japan send up? f-35s?", "was it 2027 or
# thereabouts?"): what the documents say is the answer, so the guess is no part of what is asked.
_WH_WORDS = "|".join(sorted(_OTHER_WH | {"when"}))  # "...? Which airbase?" asks, it does not guess
_SAID_GUESS = (
    r"i\s+(?:want\s+to\s+say|think|believe|guess|reckon|seem\s+to\s+remember)\b[^?]*"
    r"|(?:or\s+)?(?:was|is)\s+it\s+(?:around\s+|about\s+)?[^,?;]{1,30}?\s+or\s+(?:so|thereabouts)"
)
_FIGURE = r"[\w‑-]*\d[\w‑-]*(?:\s+or\s+so)?"
_GUESS = re.compile(
    r"(?:"
    # after the question mark: a fragment of its own ("? f-35s?", "? I want to say 40-something.")
    rf"(?<=\?)\s*(?:{_SAID_GUESS}|{_FIGURE}|(?!(?:{_WH_WORDS})\b)[\w‑'’-]+(?:\s+[\w‑'’-]+)?)"
    # after a comma or a spaced dash, only a guess said as one ("..., was it 2027 or thereabouts?")
    rf"|(?:(?<=[,;]\s)|(?<=\s[—–-]\s))(?:{_SAID_GUESS})"
    # "which year's was it, 2024?"
    rf"|(?<=\bit,\s){_FIGURE}"
    r")\s*[?.!]*\s*$"
    r"|\s+i\s+think\s*[?.!]*\s*$",
    re.IGNORECASE,
)


def drop_guess(question: str) -> str:
    """The question without the asker's guess at its answer, when a question comes before the guess."""
    m = _GUESS.search(question)
    if m is None or _TIMELINE.search(m.group(0)):
        return question  # "What happened in December? Timeline." asks a timeline
    kept = question[: m.start()].rstrip(" ,;—-")
    return kept if _WORD.search(kept) and len(kept.split()) >= 3 else question


def drop_purpose(question: str) -> str:
    """The question without what the asker says the answer is for; "hull no." written "hull number"."""
    stripped = _PURPOSE_TAIL.sub("", _PURPOSE_LEAD.sub("", question))
    stripped = _NUMBER_ABBREVIATION.sub("number", stripped)
    return stripped if stripped.strip() else question


# A request framed politely ("Could you tell me the hull number of ...", demo-dev27) asks what follows it; it is
# no yes-or-no question, unless what follows is one ("can you tell me whether ...").
_POLITE = re.compile(
    r"^\s*(?:(?:(?:could|can|would|will)\s+you\s+(?:please\s+)?|please\s+)?(?:tell|give|show|walk|take|run)\s+me"
    r"(?:\s+about|\s+through)?|(?:do|does)\s+(?:you|anyone)\s+know|i\s+(?:would\s+like|want|wish)\s+to\s+know"
    # a reporter's check: "Can you confirm who delivered ...?" asks who; "... confirm that ..." asks yes or no
    r"|(?:(?:could|can|would)\s+you\s+(?:please\s+)?)?(?:confirm|verify|check)(?=\s+(?:that|if|whether|who|what|when|"
    r"where|which|why|how)\b))\b,?\s*",
    re.IGNORECASE,
)


def two_ended(dates: Sequence[DateMention]) -> bool:
    """Two dates, or one that is a range: a span with a start and an end."""
    return len(dates) > 1 or any(d.until for d in dates)


def read_question(question: str) -> QuestionForm:
    """Type a question by its wh-form; "other" when the form says nothing certain."""
    words = [w.lower() for w in _WORD.findall(question)]
    timeline = bool(_TIMELINE.search(question))
    if not words:
        return QuestionForm(question, OTHER, timeline)
    asked = _POLITE.sub("", question, count=1)
    # "what % of components": the sign read as the word, so that the question asks for a figure (demo-dev18)
    asked_words = [w.lower() for w in _WORD.findall(asked.replace("%", " percent "))] or words
    expects, counted = (
        (YESNO, ())
        if asked_words[0] in ("if", "whether", "that") and asked != question
        else _expects(asked_words)
    )
    dates = find_dates(question, lenient=True)
    # "Which joint patrols took place in 2024?": the events of a named span, a timeline of it.
    timeline = timeline or bool(
        dates and (_EVENTS_IN_SPAN.search(question) or two_ended(dates) and _DOINGS.search(question))
    )
    flat = plain(question)
    given = tuple(bool(re.search(r"\b(1[89]|20)\d\d\b", flat[d.start : d.end])) for d in dates)
    own = frozenset(w.lower() for w in _WORD.findall(plain(question).replace("’", "'")))
    destination = expects == PLACE and _asks_where_to(words)
    stated = frozenset(_count_key(q) for q in read_values(question).quantities)
    return QuestionForm(question, expects, timeline, counted, dates, given, own, destination, stated)


def asks_why(form: QuestionForm) -> bool:
    """ "Why did ...", "and why ...": a question answered by a reason."""
    return bool(_WHY.match(plain(form.text)))


def _asks_where_to(words: list[str]) -> bool:
    """Does "where" ask where something went ("where did the ship go / head next")?"""
    if "where" not in words:
        return False
    return bool(_MOTION & set(words[words.index("where") + 1 :]))


def _bound(value: str, year_given: bool, low: bool) -> str:
    """ISO bound of a date; without a written year the bound keeps only month and day ("--01-23")."""
    full = (
        value
        if len(value) == 10
        else (
            value + ("-01" if low else "-31") if len(value) == 7 else value + ("-01-01" if low else "-12-31")
        )
    )
    return full if year_given else "--" + full[5:]


def _span_on(before: str, after: str) -> bool:
    """Does the span run on past the question's one date: "in 2019 up to the tenth", "from the first one in
    2019 to the tenth"?"""
    return bool(_ON_TO.match(after) or (re.search(r"\bfrom\b", before) and re.match(r"\s+to\b", after)))


def in_window(form: QuestionForm, mention: DateMention) -> bool:
    """Does a sentence's date fall in the span the question names (loosely: a month contains its days)?"""
    window = form.date_window()
    if window is None:
        return True
    lo, hi = window
    start = _bound(mention.value, True, low=True)
    end = _bound(mention.until or mention.value, True, low=False)
    if lo.startswith("--"):
        start, end = "--" + start[5:], "--" + end[5:]
    return start <= hi and lo <= end


def is_new_name(form: QuestionForm, name: str) -> bool:
    """A name the question did not already say (so it can be an answer, not an echo of the question)."""
    parts = [w.lower() for w in _WORD.findall(plain(name).replace("’", "'"))]
    parts = [p.removesuffix("'s") for p in parts]
    return not any(
        p in form.words or any(w.startswith(p) or p.startswith(w) for w in form.words if len(w) > 3)
        for p in parts
    )


def is_new_place(form: QuestionForm, name: str) -> bool:
    """A place the question does not say as a whole: "Sea of Japan" is new to "where near Japan ..."
    (a place is often named after another), where `is_new_name` would take it for an echo of "Japan". The
    places a closing "A or B?" offers to choose from are asked, not given (demo-dev29: "Where were the
    Tu-95MS operating ...? Sea of Japan or further out?")."""
    norm = plain(name).lower().replace("’", "'").removesuffix("'s")
    return norm not in _OFFERED.sub("", plain(form.text)).lower().replace("’", "'")


# A closing choice offered after the question proper: "...? Sea of Japan or further out?", ", X or Y?"
_OFFERED = re.compile(
    r"(?<=[?,:;—])\s*(?:(?:was|is) it\s+)?(?:[^?,:;—]+?\s+)or\s+[^?,:;—]+\?*\s*$"
    # said without a pause: "... where were they flying sea of japan or somewhere else" (demo-dev30)
    r"|(?:\s+[\w'’-]+){1,4}\s+or\s+(?:somewhere\s+else|elsewhere|not|what)\W*$"
)


# Kinds of place whose names say the kind ("Tsushima Strait", "Sea of Okhotsk"); a base or an island is
# often named without it ("Misawa", "Hokkaido").
NAMED_CLASSES = {"strait", "sea"}


def asked_class(form: QuestionForm) -> str:
    """The kind of place a "which strait" / "what island" question names ("strait"), or "" for none."""
    found = re.search(r"\b(?:which|what) (" + "|".join(_PLACE_NOUNS) + r")\b", form.text.lower())
    return found.group(1) if found else ""


def asks_a_proper_name(form: QuestionForm) -> bool:
    """ "What was the name of the spy ship", "what is the plane called": the name of a thing, which a
    country is not (unless the thing asked about is a country)."""
    text = form.text.lower()
    return bool(re.search(r"\bname of\b|\bcalled\b|\bnamed\b", text)) and not re.search(
        r"\b(?:country|countries|nation|nations|state)\b", text
    )


def carries_answer(form: QuestionForm, values: Values) -> bool:
    """Does a sentence hold a value of the kind the question asks for (one the question did not give)?"""
    if form.expects == DATE:
        return bool(values.dates) or values.period
    if form.expects == MONEY:
        return values.money
    if form.expects == NUMBER:
        # "How many bombers were in the three groups?" is not answered by "three groups": that echoes it.
        counts = [q for q in values.quantities if _count_key(q) not in form.given_counts] + list(values.rough)
        if not form.counted:
            return bool(counts)
        # The counted noun after the number ("28-yard punt", "three interceptions"); "yard" counts "yards".
        stems = {_stem(w) for w in form.counted}
        return any(
            stems & {_stem(w) for w in _counts(q)} or _counted_before(form, q) or _same_craft(form, q)
            for q in counts
        )
    if form.expects == NAME:
        return any(is_new_name(form, n.text) for n in values.names)
    if form.expects == PLACE and form.destination:
        return any(is_new_place(form, n.text) for n in values.destinations)
    if form.expects == PLACE:
        # "which strait": a strait's name ("Tsushima Strait"), not the seas it links (demo-dev19)
        noun = asked_class(form)
        if noun in NAMED_CLASSES:  # the name says the asked word: new as a whole, not word by word
            return any(
                is_new_place(form, n.text) and any(w.lower().startswith(noun) for w in n.text.split())
                for n in values.names
            )
        return any(is_new_name(form, n.text) for n in values.names)
    if form.expects == DURATION:
        return bool(durations(values))
    return True


def counts_the_head(form: QuestionForm, values: Values) -> bool:
    """Does a sentence count the very noun the question counts ("three groups" for "how many groups of
    russian bombers"), a figure the question did not give? Stricter than `carries_answer`, which takes any
    word of the counted phrase ("48 F-35A fighters" for "how many Japanese fighter jets")."""
    if form.expects != NUMBER or not form.counted:
        return False
    # "How many square miles large was the region": a unit of length is what is counted, and "1,160,000
    # square miles" counts it with a word before it
    units = [w for w in form.counted if w.lower().removesuffix("s") in LENGTH_UNITS]
    head = _stem(units[-1] if units else form.counted[-1])
    return any(
        _count_key(q) not in form.given_counts and head in {_stem(w) for w in q.counts[:2]}
        for q in values.quantities
    )


def counts_it_otherwise(form: QuestionForm, text: str, values: Values) -> bool:
    """Does a sentence count the asked thing under another word: "three interceptions" for "how many picks",
    "8 tonnes" for "how many tons", "one astronaut" for "how many people"? Such a sentence answers though
    it does not fit (`carries_answer`); on SQuAD, 42 of the 57 count questions abstained for want of a
    fitting sentence had the answer in the best one. It does not when it names the asked thing without
    counting it ("Japan scrambles fighter jets to intercept three groups of bombers" counts no jets), nor
    with a figure of time ("an 11-hour flight") or a year; and "how many hours" is never counted otherwise
    ("48 F-35A fighters" in a sentence about the Il-20's flight, demo-dev12)."""
    if form.expects != NUMBER or not form.counted:
        return False
    if any(w.lower().removesuffix("s") in UNIT_DAYS for w in form.counted):
        return False  # "how many hours": a length of time is said in its unit, never in other words
    if any(w.lower().removesuffix("s") in LENGTH_UNITS for w in form.counted):
        # "how many nm": a length, in this unit or another ("6,400 km"); "48 F-35A fighters" is no distance
        return any(is_length(q) for q in values.quantities)
    said = {_stem(w) for w in _WORD.findall(plain(text))}
    if any(_stem(w) in said for w in form.counted if w.lower() not in _FRAME_WORDS):
        return False
    return any(
        _count_key(q) not in form.given_counts and not _of_time(q) and not _year(q) for q in values.quantities
    )


def _of_time(quantity: Quantity) -> bool:
    return bool(quantity.counts) and quantity.counts[0].lower().removesuffix("s") in UNIT_DAYS


def _year(quantity: Quantity) -> bool:
    return bool(re.fullmatch(r"1\d{3}|20\d{2}", quantity.text))


def _counts(quantity: Quantity) -> tuple[str, ...]:
    """The words a number counts: "three groups of Tu-95MS bombers" counts groups, not bombers, so it does
    not answer "how many bombers"; any other number counts the words after it."""
    collective = quantity.counts[:1] and _stem(quantity.counts[0]) in {_stem(w) for w in _COLLECTIVES}
    if collective and quantity.counts[1:2] == ("of",):
        return quantity.counts[:1]
    return quantity.counts


def _same_craft(form: QuestionForm, quantity: Quantity) -> bool:
    """Does a number count the asked craft by its model: "two H-6K aircraft" for "how many Chinese bombers"
    (demo-dev17)? Only a model (a designation with a digit) counted as aircraft or planes, whose kind is in
    its name: "48 F-35A fighters" say their kind, and it is not the asked one when the words differ
    (the US fighters are not the "Japanese jets scrambled" of demo-dev16)."""
    words = [plain(w).lower().removesuffix("s") for w in quantity.counts[:2]]
    if len(words) < 2 or not re.search(r"\d", words[0]) or words[1] not in _GENERIC_CRAFT:
        return False
    asked = {plain(w).lower().removesuffix("s") for w in form.counted}
    return any(words[1] in group and asked & set(group) for group in CRAFT_WORDS)


def _counted_before(form: QuestionForm, quantity: Quantity) -> bool:
    """Is the number written after the noun it counts: "interceptions with 24", "a staff of 300"?
    Only the counted phrase's head noun, right before the number (a bound between them aside: "seats up to
    2,500") or one linking word before it."""
    head = _stem(form.counted[-1])
    before = quantity.before
    # "seats up to 2,500 people", "employs over 300": a bound on the figure stands between them
    for bound in _BOUNDS:
        if before[-len(bound) :] == bound and len(before) > len(bound):
            before = before[: -len(bound)]
            break
    if before and _stem(before[-1]) == head:
        return True
    return len(before) >= 2 and before[-1] in _LINKS and _stem(before[-2]) == head


def _count_key(quantity: Quantity) -> tuple[float, str]:
    """A figure and the noun it counts, to tell an echo of the question's own count ("three groups")."""
    return quantity.value, _stem(quantity.counts[0]) if quantity.counts else ""


def _stem(word: str) -> str:
    """A counted noun's first five letters, singular: "yards" and "yard" are one unit. A designation is
    read up to its number: "F-35s", "F-35As" and "F‑35A" count one aircraft."""
    word = plain(word).lower()
    designation = re.match(r"\D*\d+", word)
    return designation.group(0) if designation else word.removesuffix("s")[:5]


def _expects(words: list[str]) -> tuple[str, tuple[str, ...]]:
    words = [part for w in words for part in _CONTRACTIONS.get(w.replace("’", "'"), (w,))]
    joined = " ".join(words)
    for i, w in enumerate(words[:-1]):
        if w == "how" and words[i + 1] == "many":
            return NUMBER, _head(words[i + 2 :])
        # "the total number of Tu-95MS bombers", "number of ships": a count, like "how many"
        # (the counted phrase stops at the clause after it: "... bombers japan intercepted")
        # Only when the number is what is asked: "the number of colonists declined after what year" asks a year.
        if (
            w == "number"
            and words[i + 1] == "of"
            and (i == 0 or words[i - 1] in _NUMBER_LEAD)
            and not _OTHER_WH.intersection(words[i + 2 :]) | {"when"}.intersection(words[i + 2 :])
        ):
            rest = list(itertools.takewhile(lambda v: not v.endswith("ed"), words[i + 2 :]))
            return NUMBER, _head(rest)
        if w == "how" and words[i + 1] == "much":
            rest = set(words[i + 2 :])
            return (MONEY if rest & _MONEY_WORDS else NUMBER), ()
    if re.search(r"\bhow long\b", joined):
        return DURATION, ()  # "17 days", "nearly two weeks" or "Jan 7-24": a fit, never a veto
    # "How close did the ship come", "how high did it fly": a distance or a measure, written as a figure.
    if re.search(r"\bhow (far|close|near|high|fast|deep|tall|wide|heavy)\b", joined):
        return NUMBER, ()
    # "When did...", "And when...": a date; "What happens when...", "How does it react when...": a clause.
    if ("when" in words[:3] and words[0] not in _OTHER_WH) or re.search(
        r"\b(what|which) (date|year|years|day|month)\b", joined
    ):
        return DATE, ()
    if re.search(r"\bwhat (time|day)\b", joined):
        return DATE, ()
    # "exact date the beijixing went thru the strait?": a date asked without a question word (demo-dev17)
    if re.match(
        r"(?:the |its )?(?:exact |precise |specific )?(?:date|day)\b(?! of the week)", joined
    ) and not (_OTHER_WH & set(words)):
        return DATE, ()
    if words[0] in {"who", "whom", "whose"} or re.search(r"\bnames? of\b", joined):
        return NAME, ()
    # "What hull number ...", "what percent", "what will the upgrade cost": a number, or money.
    if re.search(
        r"\b(?:what|which) (?:\w+ ){0,3}?(?:number|percent|percentage|share|proportion|fraction)\b", joined
    ):
        return NUMBER, ()
    if re.search(r"\bwhat (?:will|would|does|did|do|could|might) .*\bcost\b", joined):
        return MONEY, ()
    # "what is the range of the JL-1", "what was the bomber's top speed": a measure, written as a figure.
    if re.search(
        r"\b(what|which) (is|was|are|were) the (\w+(?:'s|’s)? )?(\w+ )?(" + "|".join(_MEASURES) + r")\b",
        joined,
    ):
        last = next(w for w in reversed(words) if w in _MEASURES)
        return (MONEY if last in _MONEY_WORDS else NUMBER), ()
    if (
        "where" in words[:5]
        or re.search(r"\bwhere (" + "|".join(_YESNO_START) + r")\b", joined)
        # "compare how the two articles describe where the bombers were flying" (demo-dev32)
        or re.search(r"\b(?:describe|describes|say|says|state|states|report|reports)\s+where\b", joined)
        or re.search(r"\b(which|what) (" + "|".join(_PLACE_NOUNS) + r")\b", joined)
    ):
        return PLACE, ()
    if words[0] in _YESNO_START:
        return YESNO, ()
    if not (_OTHER_WH | {"when"}) & set(words):
        return _labelled(words)
    return OTHER, ()


# What a question without a question word asks for, by the noun that labels it ("Su-35S count?", "F-35As —
# arrival date at Misawa?", "Il-20 flight duration, hrs?", "exact figure: Tu-95s deployed", "Kareliya hull
# number", demo-dev26).
_LABELS = {
    "count": NUMBER, "tally": NUMBER, "total": NUMBER, "number": NUMBER, "figure": NUMBER, "date": DATE,
    "duration": DURATION, "name": NAME, "names": NAME,
}  # fmt: skip
_COUNTING = {
    "count",
    "tally",
    "total",
}  # "JASDF scramble total" (demo-dev29)  # "Su-35S count": the words before are what is counted; a "hull number" is not


def _labelled(words: list[str]) -> tuple[str, tuple[str, ...]]:
    """The kind the first label noun asks for and, for a count, the counted phrase: the one after "count
    of" or "number of", else the words just before "count" ("Su-35S count")."""
    for i, w in enumerate(words):
        kind = _LABELS.get(w)
        if kind is None:
            continue
        if kind != NUMBER:
            return kind, ()
        if words[i + 1 : i + 2] in (["of"], ["for"]):
            # "number of ships" counts ships; the "atomic number of oxygen" or "hull number of" one is no count
            counts = i == 0 or words[i - 1] in _NUMBER_LEAD
            return NUMBER, _head(words[i + 2 :]) if counts else ()
        before = [v for v in words[max(0, i - 3) : i] if v not in _STOP_HEAD and v not in _NUMBER_LEAD]
        return NUMBER, tuple(before[-2:]) if w in _COUNTING else ()
    return OTHER, ()


def _head(rest: list[str]) -> tuple[str, ...]:
    """The counted noun phrase after "how many": words up to the verb, a modal or a preposition, at most
    four. "How many were killed" counts no noun: any count answers it."""
    out: list[str] = []
    for w in rest:
        if w in _STOP_HEAD and w not in _ARTICLES and not out:
            return ()
        if (w in _STOP_HEAD or w in _HEAD_ENDS) and out:
            break
        if w in _NOT_COUNTED:
            break
        if w not in _STOP_HEAD:
            out.append(w)
        if len(out) == 4:
            break
    return tuple(out)


def ordinal_phrases(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Each ordinal with the words of the phrase after it, up to a function word: "the eleventh Russia-China
    joint bomber patrol take place" -> ("eleventh", {"russia-china", "joint", "bomber", "patrol"}, ...)."""
    out = []
    flat = re.sub(r"\b(" + "|".join(_ORDINAL_WORDS) + r")[‑-]", r"\1 ", canonical(plain(text)).lower())
    words = _WORD.findall(flat)  # "fourth-quarter" is the fourth quarter
    for i, w in enumerate(words):
        if w not in _ORDINAL_WORDS:
            continue
        phrase = []
        for nxt in words[i + 1 : i + 5]:
            if nxt in _PHRASE_END:
                break
            phrase.append(nxt.removesuffix("s"))
        out.append((w, tuple(phrase)))  # empty when its noun is left unsaid ("early in the fourth")
    return out


def ordinals(text: str) -> dict[str, set[str]]:
    """The word each ordinal qualifies -> the ordinals: "the 8th patrol", "the eighth patrol" -> {"patrol": {"eighth"}}."""
    out: dict[str, set[str]] = {}
    for m in _ORDINAL_NOUN.finditer(canonical(plain(text)).lower()):
        noun = m.group(2).removesuffix("s")
        out.setdefault(noun, set()).add(m.group(1))
    return out
