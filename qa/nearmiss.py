"""Near misses: a sentence on the question's topic that does not say what the question's form asks for.

Blind-written questions (eval/sets/demo-dev2 to 5) ask for a base, a model, a future date, a length of
time or "the first" one with most of a real sentence's words; such a sentence scores like an answer, and no
threshold on its score tells them apart (eval/ANSWERS.md, "Session 4"). Each check here reads one form of
question and what an answering sentence must then say; each returns what is missing (for the "missing"
line) or "" when the sentence says it. Every one was run over all of SQuAD part 1 before it was kept, and
cut back to the forms where open-domain answers do say it ("Misawa Air Base", "Su-35S fighters").
"""

from __future__ import annotations

import re

from citeqa.index.lexical import canonical
from citeqa.qa.dates import plain
from citeqa.qa.facts import SentenceFacts
from citeqa.qa.question import (
    CRAFT_WORDS,
    DATE,
    DURATION,
    MONEY,
    NAMED_CLASSES,
    NUMBER,
    PLACE,
    YESNO,
    QuestionForm,
    asked_class,
    asks_why,
    in_window,
    is_new_name,
    is_new_place,
    ordinal_phrases,
    ordinals,
    two_ended,
)
from citeqa.qa.values import UNIT_DAYS, Quantity, Values, gives_reason, is_length

_ARRIVAL_QUESTION = re.compile(
    r"\bwhere\s+(?:did|does|do|will|would)\s+(?:[\w‑'’-]+\s+){1,5}?(land|arrive|dock|touch\s+down)\b",
    re.IGNORECASE,
)
# "When (on what date) did it get back / return / arrive": the time of an arrival, which a sentence dating it says it made.
_ARRIVAL_WHEN = re.compile(
    r"(?i:\b(?:when|what\s+(?:date|day)|which\s+day)(?:\s+exactly|\s+precisely)?\s+(?:did|does|do|will|would)"
    # "need the date the first F-35As actually arrive at Misawa" (demo-dev33)
    r"|\bthe\s+(?:date|day)(?:\s+(?:when|that|on\s+which))?)"
    r"\s+(?:[\w‑'’-]+\s+){1,6}?"
    r"(?i:(?:(?:get|gets|got|come|comes|came|make\s+it|made\s+it)\s+back|returns?|returned|arrive[sd]?|docks?|"
    r"docked|lands?|landed)\s+(?:back\s+)?(?:to|in|at|into|on)|reach(?:es|ed)?)"
    r"\s+(?:the\s+)?[A-Z]",  # to a place by name: "arrive at a record of 13-0" is no arrival
)
# A model's designation: letters, a hyphen or none, then a digit ("Il-20", "F-35A", "Tu-95MS", "H-6K")
_DESIGNATION = re.compile(r"\b[A-Za-z]{1,4}[-‑]?\d[\w‑-]*")
_ARRIVED = re.compile(
    r"\b(?:arriv\w*|reach\w*|return\w*|back|land(?:s|ed|ing)?|dock(?:s|ed|ing)?|touch\w*\s+down)\b",
    re.IGNORECASE,
)
_HOW_FAR = re.compile(
    r"\bhow\s+far\b(?!\s+(?:back|ahead|in\s+advance|along|into))"
    # "How close did the bombers get to Japanese airspace, in km?" (demo-dev23)
    r"|\bhow\b.*\bin\s+(?:kms?|kilomet(?:er|re)s|miles|nautical\s+miles|nm|metres|meters|feet)\b",
    re.IGNORECASE,
)
_SPAN_WORDS = re.compile(
    r"\b(?:since|until|till|throughout|lifetime|(?:an?|one)\s+(?:few\s+)?(?:second|minute|hour|day|week|"
    r"fortnight|month|year|decade|century|generation))\b",
    re.IGNORECASE,
)
_ORDINAL_ALONE = re.compile(
    r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)(?=\s*(?:[,.;:)]|$))"
)
# "Which air base", "what port", and in any form a ship's or a unit's "home port" or "home base".
_ORDINAL_WORD = re.compile(
    r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)\b"
)
_DOUBT = re.compile(
    r"\b(?:whether|if|uncertain|uncertainty|unclear|doubts?|doubtful|possibly|might|may)\b[^.;]*$"
)
# Words that end a question's "which ..." phrase: "which Air Self-Defense Force air base" asks a base,
# "which country to use their airfield" and "what was the naval base called" do not (SQuAD).
_FUNCTION_WORDS = "was|is|were|are|did|does|do|to|the|a|an|their|his|her|its|of|in|on|at|for|from|with|by"
_FACILITIES = r"(bases?|airbases?|airports?|airfields?|ports?|harbou?rs?|shipyards?)\b"
_FACILITY_QUESTION = re.compile(
    r"\b(?:which|what)\s+(?:(?!(?:"
    + _FUNCTION_WORDS
    + r")\b)[\w-]+\s+){0,4}?"
    + _FACILITIES
    + r"|\bhome\s*(port|base)(?:s|ed)?\b"
    # "name of the airfield it took off from" (demo-dev26)
    + r"|\bnames?\s+of\s+(?:the|its|their)\s+(?:[\w-]+\s+){0,2}?"
    + _FACILITIES,
    re.IGNORECASE,
)
_LEAVING = r"(?:(?:take|took|taken|taking)\s+off|depart\w*|launch\w*|scrambl\w*|fl(?:y|ew|own)|sortied?)"
_DEPARTURE = re.compile(
    r"\b" + _LEAVING + r"\b.*\bfrom\b|\bfrom\s+(?:which|what)\b.*\b" + _LEAVING + r"\b", re.IGNORECASE
)
_LEFT_FROM = r"(?:\bfrom|\bout\s+of|\bbased\s+(?:at|in|on)|\bleft|\bleaving)\s+(?:the\s+)?"
_ORIGIN_QUESTION = re.compile(
    r"\b(?:where|when|what\s+year|which\s+year|in\s+what\s+year)\b.*?\b(?:was|were|did|is|are)\s+"
    r"(?:[\w‑'’-]+\s+){1,5}?(built|constructed|manufactured|born|commissioned|enter\s+service|"
    r"entered\s+service)\b",
    re.IGNORECASE,
)
_ORIGIN_WORDS = (
    (
        r"built|constructed|manufactured",
        r"\b(?:buil[dt]\w*|construct\w*|made|mak\w+|manufactur\w*|produc\w*|shipyards?|yards?|"
        r"factor(?:y|ies)|laid\s+down|launch\w*)\b",
    ),
    (r"born", r"\b(?:born|birth\w*|native)\b"),
    (
        r"commissioned|enter service|entered service",
        r"\b(?:commission\w*|launch\w*|service|delivered|introduced|maiden)\b",
    ),
)
# "When did Koizumi become defense minister?", "when was she appointed chancellor": the taking of an office,
# which a sentence that merely calls him "Defense Minister Koizumi" does not date (demo-dev21).
_OFFICES = (
    r"minister|president|premier|chancellor|secretary|governor|mayor|king|queen|emperor|pope|chief|director|"
    r"ceo|chair(?:man|woman|person)?|commander|admiral|ambassador|spokes(?:man|woman|person)|leader|head"
)
_OFFICE_QUESTION = re.compile(
    r"\b(?:when|what\s+year|which\s+year|in\s+what\s+year|since\s+when)\b.*?"
    r"\b(?:become|became|appointed|named|elected|made|sworn\s+in)\s+(?:as\s+)?"
    r"(?:[\w‑'’-]+\s+){0,3}?(?:" + _OFFICES + r")s?\b",
    re.IGNORECASE,
)
_TOOK_OFFICE = re.compile(
    r"\b(?:becom\w*|became|appoint\w*|named|elect\w*|sworn|took\s+office|tak\w+\s+office|assum\w*|took\s+over|"
    r"succeed\w*|nominat\w*|install\w*|inaugurat\w*|crowned|promot\w*|since|tenure|took\s+up)\b",
    re.IGNORECASE,
)
# "Is the Kareliya a bigger ship than the Beijixing?": a comparison, which a sentence makes in so many words.
_COMPARES = re.compile(
    r"\b(?!(?:other|rather)\b)(?:more|less|fewer|[a-z]{2,}er)\s+(?:[\w‑'’-]+\s+){0,3}?than\b", re.IGNORECASE
)
_COMPARED = re.compile(
    r"\b(?:than|compar\w*|same\s+as|as\s+\w+\s+as|twice|half\s+(?:as|the)|times\s+(?:as|the|more|larger))\b",
    re.IGNORECASE,
)
# "Where did the bombers go next", "where was it headed once it got into the Philippine Sea": a movement after
# one the question states, which a sentence says as a place it went toward ("continued south toward waters
# near the northern coast of Honshu", "heads toward Russia's Far East").
_NEXT_MOVE = re.compile(r"\b(?:next|afterwards?|then|from\s+there|once|after)\b", re.IGNORECASE)
_WENT_TOWARD = re.compile(
    r"\b(?:toward|towards|for|to|into|back\s+to)\s+(?:(?:the|a|an|[a-z][\w‑'’-]*)\s+){0,7}?"
    r"(?P<name>[A-Z][\w‑'’-]*(?:\s+(?:of\s+)?[A-Z][\w‑'’-]*)*)"
)
_NATION_WORD = re.compile(r"^[A-Z][a-z]+(?:an|ese|ish|ians?)$")
_PLACE_NOUNS = {
    "sea", "strait", "ocean", "island", "islands", "bay", "gulf", "river", "coast", "east", "west", "north",
    "south", "air", "base", "port", "far",
}  # fmt: skip
_SHIP_QUESTION = re.compile(
    r"\b(?:(?:what|which)\s+|name\s+of\s+the\s+)"  # "what was the name of the Japanese warship" (demo-dev32)
    r"(?:(?!(?:type|kind|sort|class|of|is|are|was|were|do|does|did|the|a|an)\b)[\w-]+\s+){0,2}?"
    r"(ship|vessel|destroyer|frigate|warship|submarine|cruiser)\b(?!\s+(?:type|class|kind))",
    re.IGNORECASE,
)
_SHIP_NOUNS = r"\b(?:ship|vessel|destroyer|frigate|warship|submarine|cruiser|carrier|cns|js|hms|uss)\b"
# Words for one kind of craft: a question's "jets" are the documents' "fighters".
_MODEL_QUESTION = re.compile(
    r"\b(?:what|which)\s+((?:type|kind|model|sort|class)s?\s+of\s+)?"
    r"(?:(?!(?:do|does|did|is|are|was|were|has|have|had|can|could|will|would)\b)[\w-]+\s+){0,2}?"
    r"(fighters?|jets?|bombers?|interceptors?|missiles?|drones?|tanks?|helicopters?)\b",
    re.IGNORECASE,
)
# "When will ...", "when is X going to ...", "when is the next patrol scheduled?", "on what date are the
# jets scheduled to arrive": a date still to come. "When did they say it will ..." asks about the past.
_FUTURE = re.compile(
    r"\b(?:will|shall|going\s+to|(?:is|are)\b.*\b(?:next|scheduled|planned|expected|due|set\s+to|upcoming|"
    r"supposed\s+to|slated|projected|meant\s+to|intended\s+to))\b",
    re.IGNORECASE,
)
# "What day", "which exact date": a day asked for, not a month or a year ("what day of the week" is not).
_ASKS_DAY = re.compile(
    r"\b(?:what|which)\s+(?:exact\s+|precise\s+|specific\s+)?day\b(?!\s+of\s+the\s+week)"
    r"|\b(?:exact|precise|specific)\s+(?:day|date)\b|\bwhat\s+date\b",
    re.IGNORECASE,
)
_NAMED_DAY = re.compile(
    r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\b[A-Z][\w']+\s+(?:Eve|Day)\b|\btoday\b|\byesterday\b"
)
_NAME_RUN = re.compile(r"\b[A-Z][\w‑'’-]*(?:\s+[A-Z][\w‑'’-]*)*")  # "Miyako Strait", "Il-20"
_MONTH = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?", re.IGNORECASE)
# Owning up to a claim, and denying one (`only_denied`); not the passive "was admitted to the Union"
_ADMITS = re.compile(
    r"(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bbe )\b(?:admit(?:s|ted|ting)?|acknowledg(?:e|es|ed|ing)|"
    r"conced(?:e|es|ed|ing)|confess(?:es|ed|ing)?|own(?:s|ed)?\s+up)\b",
    re.IGNORECASE,
)
_DENIES = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial)|dismiss(?:es|ed|ing)?|reject(?:s|ed|ing)?|refut(?:e|es|ed|ing)|"
    r"rebuff(?:s|ed)?|baseless)\b",
    re.IGNORECASE,
)
_VIOLATION_WORDS = r"(?:violat\w*|breach\w*|intru\w*|incursions?)"
_VIOLATES = re.compile(rf"\b{_VIOLATION_WORDS}\b", re.IGNORECASE)
_NO_VIOLATION = re.compile(
    rf"\b(?:no|not|none|never|without)\b(?:\s+[\w‑-]+){{0,3}}?\s+(?:{_VIOLATION_WORDS}|enter\w*)\b"
    r"|\b(?:stayed|remained|kept)\s+(?:with)?in\s+international\s+airspace\b",
    re.IGNORECASE,
)
_DENIED_CLAIMS = (
    (_ADMITS, _DENIES, "an admission: the documents report a denial"),
    (_VIOLATES, _NO_VIOLATION, "a violation: the documents report none"),
)
_PAST = re.compile(r"\b(?:did|was|were|had)\b", re.IGNORECASE)


def unnamed_facility(facts: SentenceFacts, form: QuestionForm, rows: list[int]) -> str:
    """ "From which air base did the jets take off?" answered by sentences that name no base.

    Bases, ports and airports are named with their noun ("Misawa Air Base", "Port of Tianjin"), so a
    sentence that answers says the noun as part of a name; one that only names the seas the jets flew
    over does not. Only these nouns: a city or a country is named without its noun ("Warsaw")."""
    m = _FACILITY_QUESTION.search(plain(form.text))
    if not m:
        return ""
    noun = next(g for g in m.groups() if g).lower().removesuffix("s")
    name = (
        r"(?:[A-Z][\w‑'’.-]*(?:\s+[A-Z][\w‑'’.-]*)*\s+"
        + noun.capitalize()
        + r"s?\b|\b"
        + noun.capitalize()
        + r"\s+(?:of\s+)?[A-Z])"
    )
    # "Which base did the interceptors take off from?": the base they left, not one named for another
    # reason ("upgrade Misawa Air Base", demo-dev21), so the name follows "from" or "based at".
    leaving = _DEPARTURE.search(plain(form.text))
    named = re.compile(_LEFT_FROM + name if leaving else r"\b" + name)
    if any(named.search(plain(facts.text(r))) for r in rows):
        return ""
    return f"the name of the {noun} it left from" if leaving else f"the name of the {noun}"


def no_arrival(facts: SentenceFacts, form: QuestionForm, rows: list[int]) -> str:
    """ "Where did the Il-20 land?" answered by sentences that name only where it took off and flew over.

    Where something ended up is said as a place it went to or came down at ("to Guam", "landed at
    Misawa Air Base", `Values.destinations`); the route it flew is not that."""
    m = _ARRIVAL_QUESTION.search(plain(form.text))
    if not m or any(facts.values(r).destinations for r in rows):
        return ""
    return "the place it arrived at"


def asks_next_place(form: QuestionForm) -> bool:
    """ "Where did the Russian bombers go next?", "where was it headed once it got into the Philippine Sea?"."""
    return form.expects == PLACE and form.destination and bool(_NEXT_MOVE.search(plain(form.text)))


def went_next(facts: SentenceFacts, form: QuestionForm, row: int) -> bool:
    """Does the sentence name a place something went toward, new to the question (not the Philippine Sea it
    "got into") and not a nation's adjective ("adding to Chinese surveillance")?"""
    return any(
        is_new_place(form, m.group("name")) and not _NATION_WORD.match(m.group("name").split()[0])
        for m in _WENT_TOWARD.finditer(plain(facts.text(row)))
    )


def names_asked_thing(facts: SentenceFacts, form: QuestionForm, rows: list[int]) -> bool:
    """Do the sentences name what the question names (a capitalised word past its first, not a nation's
    adjective nor a kind of place: "Kareliya", not "Russian" nor the "Sea" of "Philippine Sea")? False when
    the question names nothing."""
    names = [
        w
        for w in re.findall(r"(?<=\S )[A-Z][\w‑-]+", plain(form.text))
        if not _NATION_WORD.match(w) and w.lower() not in _PLACE_NOUNS
    ]
    text = plain(" ".join(facts.text(r) for r in rows))
    return any(re.search(rf"\b{re.escape(n)}\b", text) for n in names)


def no_next_place(facts: SentenceFacts, form: QuestionForm, rows: list[int]) -> str:
    """ "After the Japanese intercept, where did the Russian bombers go next?" answered by the sentence about
    the intercept, which names only where it happened (demo-dev24)."""
    if not asks_next_place(form) or any(went_next(facts, form, r) for r in rows):
        return ""
    return "where it went next"


def other_designation(facts: SentenceFacts, form: QuestionForm, rows: list[int]) -> str:
    """ "How many hours was the Il-20 airborne?" answered by "Tu-95MS bombers conducted an 11-hour flight":
    a figure of another model than the one asked about (demo-dev17). Only for figures and dates, and only
    when the answering sentence (with its lead-in) names another model and never the asked one."""
    if form.expects not in (NUMBER, MONEY, DURATION, DATE):
        return ""
    models = _DESIGNATION.findall(plain(form.text))
    if not models:
        return ""
    asked = {_model_key(m) for m in models}
    said = {_model_key(m) for r in rows for m in _DESIGNATION.findall(plain(facts.text(r)))}
    # "Tu-95" asked, "Tu-95MS" said: one model and its variant
    if not said or any(a.startswith(b) or b.startswith(a) for a in asked for b in said):
        return ""
    return f"the answer for the {' and '.join(sorted(models))}"


def _model_key(designation: str) -> str:
    """ "Il-20", "il20", "IL-20s": one model."""
    return re.sub(r"[-‑]", "", designation.lower()).removesuffix("s")


def no_arrival_time(
    facts: SentenceFacts, form: QuestionForm, rows: list[int], leads: frozenset[int] = frozenset()
) -> str:
    """ "When did the Kareliya get back to the Far East?" answered by a sentence that says only that it
    "heads toward Russia's Far East" (demo-dev15): its dates are of the voyage, not of the arrival.

    A sentence that dates an arrival says it arrived: "arrived", "reached", "returned", "landed", "back". A
    lead-in quoted only for its antecedent (`leads`) must also give a date: "After reaching the Pacific
    Ocean ...", before a sentence on the 48 F-35As planned for Misawa, dates no arrival of theirs
    (demo-dev28)."""
    if form.expects != DATE or not _ARRIVAL_WHEN.search(plain(form.text)):
        return ""
    if any(_ARRIVED.search(plain(facts.text(r))) and (r not in leads or facts.values(r).dates) for r in rows):
        return ""
    return "when it arrived"


def no_origin(facts: SentenceFacts, form: QuestionForm, rows: list[int]) -> str:
    """ "Where was the CNS Beijixing built?", "when did the carrier enter service?" answered by sentences that
    say nothing of the thing's making or start: where it sailed is not where it was built. Each asked verb
    has its few words ("built": constructed, shipyard, laid down); only these verbs, whose wording is narrow:
    "made", "founded" or "launched" are said too many ways ("made king", "established") to ask it of."""
    m = _ORIGIN_QUESTION.search(plain(form.text))
    if not m:
        return ""
    verb = re.sub(r"\s+", " ", m.group(1).lower())
    words = next(w for key, w in _ORIGIN_WORDS if re.fullmatch(key, verb))
    if any(re.search(words, plain(facts.text(r)), re.IGNORECASE) for r in rows):
        return ""
    return f"when or where it was {verb}" if not verb.startswith("enter") else "when it entered service"


def no_taking_office(facts: SentenceFacts, form: QuestionForm, rows: list[int]) -> str:
    """ "When did Koizumi become defense minister?" answered by a sentence that only calls him Defense
    Minister: a sentence that dates the taking of an office says it ("became", "was appointed", "took
    office", "since")."""
    if not _OFFICE_QUESTION.search(plain(form.text)):
        return ""
    if any(_TOOK_OFFICE.search(plain(facts.text(r))) for r in rows):
        return ""
    return "when the office was taken"


def no_comparison(facts: SentenceFacts, form: QuestionForm, rows: list[int]) -> str:
    """ "Is the Kareliya a bigger ship than the Beijixing?" answered by sentences that describe each ship and
    compare nothing (demo-dev23): a comparison is said with "than", "compared", "as ... as", "twice". Only
    a yes-or-no question: on SQuAD, "how much older was Manning than Newton" is answered by their ages."""
    if form.expects != YESNO or not _COMPARES.search(plain(form.text)):
        return ""  # "which phylum is more complex than sponges" is answered by what the sentence says of it
    if any(_COMPARED.search(plain(facts.text(r))) for r in rows):
        return ""
    return "a comparison that answers it"


def unnamed_ship(facts: SentenceFacts, form: QuestionForm, rows: list[int]) -> str:
    """ "Which Japanese ship was sent to shadow the Kareliya?" answered by sentences that name no ship the
    question did not: a ship is named by its name ("the spy ship Kareliya", "CNS Beijixing"), and the
    Kareliya is the one the question already has."""
    m = _SHIP_QUESTION.search(plain(form.text))
    if not m:
        return ""
    nations = facts.nations()  # "the Russian spy ship": "Russian" is no ship's name
    for r in rows:
        text = plain(facts.text(r))
        for name in facts.values(r).names:
            before, after = text[max(0, name.start - 30) : name.start], text[name.end : name.end + 24]
            # "the spy ship Kareliya", "CNS Beijixing", "the Liaoning aircraft carrier"
            beside = re.search(_SHIP_NOUNS + r"\s+(?:[\w‑-]+\s+)?$", before, re.IGNORECASE) or re.match(
                r"\s+(?:[\w‑-]+\s+)?" + _SHIP_NOUNS, after, re.IGNORECASE
            )
            if beside and name.text.lower() not in nations and is_new_name(form, name.text):
                return ""
    return f"the name of the {m.group(1).lower()}"


def unnamed_model(facts: SentenceFacts, form: QuestionForm, answering: list[int], quoted: list[int]) -> str:
    """ "What type of fighters", "which Chinese bombers" answered by sentences that name no model.

    Only for crafts named by their role (fighters, bombers, missiles): their type is a model. The type of
    an aircraft or a ship is as often a category ("a reconnaissance aircraft", "an intelligence ship").

    A model of a craft is a designation ("Su-35S fighters", "Il-20 reconnaissance aircraft"): a word with a
    digit, before the craft noun (or another word for it: jets are fighters) with at most two words between.
    "U.S. and Canadian fighters" names none. "What type of" asks it of the answering sentence; a bare
    "which jets" of any quoted one (the model may follow a sentence that only says "fighter jets")."""
    m = _MODEL_QUESTION.search(plain(form.text))
    if not m:
        return ""
    craft = m.group(2).lower()
    stem = craft[:-1] if craft.endswith("s") and not craft.endswith("ss") else craft
    nouns = next((g for g in CRAFT_WORDS if stem in g), (stem,))
    named = re.compile(
        r"\b[\w‑-]*\d[\w‑-]*(?:\s+[\w‑-]+){0,2}\s+(?i:(?:" + "|".join(map(re.escape, nouns)) + r")s?)\b"
        r"|\b[A-Z][\w‑-]*\d[\w‑-]*s\b"
    )
    rows = answering if m.group(1) else quoted
    if any(named.search(plain(facts.text(r))) for r in rows):
        return ""
    return f"the type of {craft}"


def unnamed_sea_or_strait(form: QuestionForm, fits: list[bool]) -> str:
    """ "Over which sea did the ninth patrol fly?" answered by sentences that name no sea (demo-dev30): a
    sea or a strait is named with its kind ("the Sea of Okhotsk", "the Tsushima Strait"), so a quoted
    sentence that names one fits the question (`carries_answer`); when none does, none is named. Other
    places ("which island", "which base") are often named without their kind ("Hokkaido", "Misawa")."""
    noun = asked_class(form)
    if form.expects != PLACE or noun not in NAMED_CLASSES or any(fits):
        return ""
    return f"the {noun}"


def no_future_date(facts: SentenceFacts, form: QuestionForm, row: int) -> str:
    """ "When will the F-35As arrive?" asks for a date after the documents were written; an answering sentence
    (`row`) whose dates all lie before its own document's date tells what happened, not when the asked thing will. Only
    for documents that carry a date: an undated one cannot tell past from future."""
    text = plain(form.text)
    if form.expects != DATE or not _FUTURE.search(text) or _PAST.search(text):
        return ""
    published = facts.index.documents[facts.doc_id(row)].published
    dates = facts.values(row).dates
    if not published or not dates:
        return ""
    if any(d.value > published[: len(d.value)] or (d.until or "") > published for d in dates):
        return ""
    return "a date still to come"


def no_day(facts: SentenceFacts, form: QuestionForm, pairs: list[list[int]]) -> str:
    """ "What day in January did the Beijixing pass the Miyako Strait?" answered by "Jan 2026 - the Beijixing
    transits ...": the asked day is finer than any date the quoted sentences give of the asked thing.

    The answering sentence, the sources saying the same and the sentences continuing it (read with their
    lead-ins, `pairs`; a day quoted further down, "On January 23, ... Russian Tu-95MS bombers", is no answer
    to "what date did the Russian defense ministry protest") answer when one gives a day (a date, a weekday
    or a named day, "Christmas Eve"). Those that say the question's first name whole ("Beijixing", "Il-20")
    answer for all: another ship's day, quoted beside, is not the asked one."""
    text = plain(form.text)
    if form.expects != DATE or not _ASKS_DAY.search(text):
        return ""
    names = [
        " ".join(w for w in m.group().split() if not _MONTH.fullmatch(w)).lower()
        for m in _NAME_RUN.finditer(text)
        if m.start() > 0  # the first word is capitalised as the question's start
    ]
    names = [n for n in names if n]
    said = [" ".join(plain(facts.text(r)).lower() for r in pair) for pair in pairs]
    # The first name is what the day is asked of: the day of another formation's transit of the same strait
    # is not the Beijixing's (demo-dev17). When no sentence says it, they say it otherwise ("the two
    # finalists" for "Super Bowl 50's top two stadium choices", SQuAD), and every one counts.
    if names and any(names[0] in text for text in said):
        pairs = [pair for pair, text in zip(pairs, said, strict=True) if names[0] in text]
    for pair in pairs:
        days = (d.precision == "day" for r in pair for d in facts.values(r).dates)
        if any(days) or any(_NAMED_DAY.search(facts.text(r)) for r in pair):  # "on Monday"
            return ""
    return "the day"


def other_date(facts: SentenceFacts, form: QuestionForm, rows: list[int]) -> str:
    """ "By early 2024" asked, "By early 2025, 80% ..." answering: the asked time is not the one stated.

    Only for a question whose dates carry a written year, and only when every answering sentence (with its
    lead-in) is dated and none of its dates falls in the asked span: an undated sentence may be about any time."""
    if not form.dates or not all(form.years_given):
        return ""
    dated = [facts.values(r).dates for r in rows]
    if not dated or not all(dated) or any(in_window(form, d) for ds in dated for d in ds):
        return ""
    return "anything dated " + " or ".join(plain(form.text)[d.start : d.end] for d in form.dates)


def only_doubted(form: QuestionForm, quoted: list[str]) -> str:
    """ "When did the second 2025 patrol happen?" answered by "uncertainty about whether a second 2025 patrol
    will occur": the asked one is only wondered about. Read for ordinals, which name one event of a series:
    each time an asked ordinal is said, a word of doubt stands just before it."""
    asked = {o for which in ordinals(form.text).values() for o in which} | set(
        _ORDINAL_WORD.findall(canonical(plain(form.text)).lower())
    )
    if not asked:
        return ""
    said = [
        m
        for text in quoted
        for m in _ORDINAL_WORD.finditer(canonical(plain(text)).lower())
        if m.group(1) in asked
    ]
    if not said or not all(_DOUBT.search(m.string[max(0, m.start() - 40) : m.start()]) for m in said):
        return ""
    return f"that a {said[0].group(1)} one happened, which is only doubted"


def only_denied(form: QuestionForm, quoted: list[str]) -> str:
    """What the question takes for granted, where the quoted sentences deny it and none reports it
    (demo-dev28's false premises):
    - "Beijing admitted supplying the drone electronics: when did it admit it?" answered by "Beijing has
      dismissed these claims as baseless accusations". Only the verbs of owning up to a claim ("was admitted
      to the Union" is no admission) and of denying one;
    - "the Il-20 violated Japanese airspace: over which island?" answered by "no aircraft breaches Japanese
      sovereign airspace". Only a violation said in so many words, and denied with a "no", "not" or "none"
      before it, or as flights kept to international airspace.
    A yes-or-no question asks the claim rather than taking it for granted: "did any aircraft violate
    Japanese airspace?" is answered by the denial."""
    if form.expects == YESNO:
        return ""
    texts = [plain(t) for t in quoted]
    for claim, denial, what in _DENIED_CLAIMS:
        # "who confirmed that the bombers did not breach ..." takes no breach for granted
        if not claim.search(plain(form.text)) or denial.search(plain(form.text)):
            continue
        denied = [bool(denial.search(t)) for t in texts]
        if any(denied) and not any(claim.search(t) and not d for t, d in zip(texts, denied, strict=True)):
            return what
    return ""


def other_ordinal(form: QuestionForm, quoted: list[str]) -> str:
    """ "Its first deployment" asked, "its second deployment" answering: the one asked about is not there.
    An ordinal is read with the word after it; a quoted sentence without that word says nothing either way,
    and one that says the asked ordinal anywhere may say it elliptically ("the third quarter ... early in
    the fourth")."""
    asked = ordinals(form.text)
    if not asked:
        return ""
    flat = canonical(plain(" ".join(quoted))).lower()
    alone = {o for o in _ORDINAL_ALONE.findall(flat)}  # "early in the fourth, ...": its noun left unsaid
    if any(which & alone for which in asked.values()):
        return ""
    said: dict[str, set[str]] = {}
    for text in quoted:
        for noun, which in ordinals(text).items():
            said.setdefault(noun, set()).update(which)
    for noun, which in asked.items():
        # "first deploy" asked, "second deployment" said: a verb and its noun are one word here
        same = [
            n
            for n in said
            if n == noun or min(len(n), len(noun)) >= 5 and (n.startswith(noun) or noun.startswith(n))
        ]
        if same and not which & set().union(*(said[n] for n in same)):
            return f"the {' or '.join(sorted(which))} {noun}"
    return ""


def unsaid_ordinal(facts: SentenceFacts, form: QuestionForm) -> str:
    """ "When did the eleventh joint patrol take place?" when the documents number the patrols (the first,
    the ninth, the tenth) and never say an eleventh: the one asked about is not in them. Only when the
    documents number the same thing (the asked phrase's last word, "patrol") with two other ordinals or more,
    and say the asked ordinal of nothing: a thing they do not number as a series ("the second F-35A") may
    be told without one, and an ordinal they say anywhere may be the asked one with its noun left unsaid
    ("early in the fourth", "the eighth most populous in the nation")."""
    said = facts.ordinals_said()
    anywhere = {o for o, _ in said}
    for which, phrase in ordinal_phrases(form.text):
        if not phrase or which in anywhere:
            continue
        others = {o for o, words in said if phrase[-1] in words}
        if len(others) >= 2:
            return f"the {which} {' '.join(phrase)}"
    return ""


def no_reason(facts: SentenceFacts, form: QuestionForm, rows: list[int]) -> str:
    """ "Why did the ship head back?" answered by sentences that only say it headed back.

    A reason is written with a word that links it (`gives_reason`). Of SQuAD part 1's 61 "why" questions,
    the 3 whose top sentence has none of these words were all answered wrongly; a sentence with one may
    still give no reason, which this check does not try to tell. A writer often states a fact and gives its
    reason in the next or the previous sentence ("Russia urgently needs Chinese support." after "... its
    ability is weakening"), so the sentences beside the answering one in its paragraph count too (and
    `qa/select.py` quotes such a sentence)."""
    if not asks_why(form):
        return ""
    near = {n for r in rows for n in (r, *facts.beside(r))}
    return "" if any(gives_reason(facts.text(r)) for r in near) else "a reason"


def no_distance(facts: SentenceFacts, form: QuestionForm, rows: list[int]) -> str:
    """ "How far off the coast did the Il-20 get?" answered by a sentence that names the waters it crossed
    and no distance (demo-dev15): how far is a length ("6,400 km", "30 miles"), not any figure."""
    if not _HOW_FAR.search(plain(form.text)):
        return ""
    if any(is_length(q) for r in rows for q in facts.values(r).quantities):
        return ""
    return "a distance that answers it"


def states_extent(sentence: str, values: Values) -> bool:
    """Does a sentence state how long: a figure, a range, or a span from or until a time ("since 1951",
    "until the third generation", "less than a year", "from 1596 to 1795")?"""
    return bool(
        any(_is_extent(q) for q in values.quantities)
        or values.rough
        or two_ended(values.dates)
        or _SPAN_WORDS.search(sentence)
    )


def _is_extent(quantity: Quantity) -> bool:
    """A figure of time or of length ("11-hour", "17 days", "6,400 km"); "48 F-35A fighters" is a count."""
    unit = quantity.counts[0].lower() if quantity.counts else ""
    return unit.removesuffix("s") in UNIT_DAYS or is_length(quantity)
