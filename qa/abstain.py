"""Whether the chosen sentences answer the question, and what part of it they leave unanswered.

Seven checks, each a reason a careful reader would give for "that is not in the documents":
1. the question names something (a capitalised name) that no document mentions at all;
2. the thing it asks about (the noun after "what"/"which", or in "the X of", "names of the X") is a
   word no document uses: "the population of Hokkaido", "which companies", "the top speed";
3. it asks what someone said, thought or how they reacted, and no chosen sentence names that someone
   ("What did China's foreign ministry say ...?" answered by a sentence about Koizumi);
4. the chosen sentences do not state the relation asked about (`qa/roles.py`): the roles are reversed
   ("Did Japan protest?" against "Russia protested against Japan"), no person is named where people are
   asked for ("the names of the pilots"), or nothing says who wrote what "who wrote" asks about;
5. the answering sentence is a near miss (`qa/nearmiss.py`): no base named for "which air base", no place
   it came to for "where did it land", nothing of its making for "where was it built", no ship's name for
   "which ship", no model for "what type of fighters", no date to come for "when
   will", another ordinal than the asked one, an ordinal no document says of the thing asked about;
6. it asks for a count, an amount or a length of time that the answering sentence does not hold;
7. the best sentence's confidence is below `AnswerSettings.min_score`: its selection score, less a
   penalty for the share of the question's topic (IDF-weighted) that the corpus never mentions.
Checks 1-2 yield when the best sentence is a close paraphrase of the question (the words differ, the
meaning does not). The threshold is calibrated on the eval sets by `python -m citeqa.qa.calibrate`.
Topic words that no document uses are reported as `missing` even when the rest is answered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citeqa.config import AnswerSettings
from citeqa.index.store import Index
from citeqa.qa.dates import plain
from citeqa.qa.facts import QUESTION_WORDS, SentenceFacts, same_stem
from citeqa.qa.nearmiss import (
    no_arrival,
    no_arrival_time,
    no_comparison,
    no_day,
    no_distance,
    no_future_date,
    no_next_place,
    no_origin,
    no_reason,
    no_taking_office,
    only_denied,
    only_doubted,
    other_date,
    other_designation,
    other_ordinal,
    states_extent,
    unnamed_facility,
    unnamed_model,
    unnamed_sea_or_strait,
    unnamed_ship,
    unsaid_ordinal,
)
from citeqa.qa.question import (
    DATE,
    DURATION,
    FIGURES,
    MONEY,
    NAME,
    NUMBER,
    OTHER,
    PLACE,
    YESNO,
    QuestionForm,
    counts_it_otherwise,
)
from citeqa.qa.roles import PEOPLE, SEATS, reversed_roles, unnamed_people, unstated_author
from citeqa.qa.select import Statement

_KIND_WORDS = {
    DATE: "a date",
    NUMBER: "a number",
    MONEY: "an amount of money",
    NAME: "a name",
    PLACE: "a place",
    DURATION: "a length of time",
}
_WORD = re.compile(r"[\w‑'’-]+")
# "stated" and "states" in lower case only: "the United States" says nothing.
_REPORTS = re.compile(
    r"\b(?:said|says|say|(?-i:stated|states)|told|warned|warns|noted|notes|added|argued|claimed|claims|called|"
    r"described|describes|insisted|denied|dismissed|rejected|protested|emphasi[sz]ed|stressed|announced|"
    r"posted|posts|pledged|vowed|accused|criticized|condemned|urged|responded|replied|according to|"
    r"believed|believes|thought|thinks|felt|feels|considered|considers|regarded|saw|sees)\b",
    re.IGNORECASE,
)
_REACTION = re.compile(
    r"\b(?:response|responses|reaction|reactions|statement|statements|protest|protests|warning|warnings|"
    r"comment|comments|remarks?|denial|criticism|condemnation|dismissal|reply|replies|position|view|views|"
    r"opposition|opposed|objected|welcomed|refused|demanded|asked|requested|expressed|declared|reported)\b",
    re.IGNORECASE,
)
_ASKS_REACTION = re.compile(
    r"\b(?:respond|responded|react|reacted|reply|replied|reaction|response|comment|commented|answer|answered)\b",
    re.IGNORECASE,
)
# "Has South Korea commented on ...?", "did Seoul respond?": whether someone said something.
_SPEECH_YESNO = re.compile(
    r"(?i:^\s*(?:has|have|did|does|do|was|were)\s+((?:[\w.'-]+\s+){1,4}?)"
    r"(?:said|say|commented|comment|responded|respond|reacted|react|replied|reply|protested|protest|"
    r"condemned|condemn|criticized|criticised|criticize|criticise|issued\s+a\s+statement|spoken|spoke|"
    r"answered|answer))\b"
)
_SAID_ANYTHING = re.compile(
    r"(?i:^\s*(?:has|have|did|does|do)\s+(?:[\w.'-]+\s+){1,4}?"
    r"(?:say|said|comment|commented|spoke|spoken|issued\s+a\s+statement)\b)"
)
_RESPONDED_TO = re.compile(
    r"(?i:\b(?:(?:respond|responded|react|reacted|reply|replied|reaction|response)\s+to|answer|answered)"
    r"\s+([^?.!,]+))"
)
_REACTION_OF = re.compile(
    r"(?i:\b(?:what|how)\s+(?:was|were|is|are)\s+((?:[\w-]+\s+){0,3}?[\w-]+)'s\s+"
    r"(?:reaction|response|view|position|stance|comment|statement|answer|reply))\b"
)
# A speaker phrase that names no one in particular: a pronoun, a determiner, people in general.
_SOMEONE = re.compile(
    r"(?i:^(?:the|a|an|this|that|these|those|some|any|many|most|other|others|he|she|it|they|we|you|i|"
    r"anyone|anybody|someone|somebody|everyone|people|experts?|officials?|analysts?|critics?|observers?|"
    r"authorities|media|reports?|sources?)\b)"
)
_NAME_WORD = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z]")  # a capitalised word inside a sentence
_QUOTATION = re.compile(r"[\"“«]([^\"”»]+)[\"”»]")
_QUOTED_WORDS = 5  # a quotation this long reports someone's words; a shorter one may be a coinage
# "Who said it?", "Attribution for ...", "who is quoted saying ...": the one who spoke is what is asked.
_ASKS_SPEAKER = re.compile(
    r"(?i:\bwho\s+(?:first\s+)?(?:said|says|described|describes|called|calls|coined|dubbed)\b"
    r"|\bwho\s+(?:is|was|are|were)\s+quoted\b|^\s*attribution\b)"
)
# Words a sentence gives a source for, beside the verbs of saying: "as per Ukraine's Foreign Intelligence
# Service", "Japan's Joint Staff confirmed".
_ATTRIBUTED = re.compile(
    r"(?i:\b(?:as\s+per|per|confirmed|confirms|revealed|reveals|disclosed|discloses|cited|cites|quoted|"
    r"quotes|wrote|writes|reported|reports|citing)\b)"
)
# Words reported with no one saying them: "often described as", "is said to", "has been called" (and no
# "by X" after them).
_AGENTLESS = re.compile(
    r"(?i:\b(?:is|are|was|were|been|being|be|often|widely|commonly|sometimes|reportedly)\s+"
    r"(?:said|described|called|dubbed|termed|labell?ed|characteri[sz]ed)\b(?![^.;]*\bby\s+[A-Z]))"
)
_MONTH_OR_DAY = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)",
    re.IGNORECASE,
)
# "Americans", "Japanese", "Russians": the documents may name the country instead.
_DEMONYM = re.compile(r"(?:ans|ese|ians|ish)$")
# A people's word whose country is named otherwise: known when the documents name the country.
_COUNTRY_OF = {
    "american": ("United States", "America", "U.S."), "british": ("Britain", "United Kingdom"),
    "dutch": ("Netherlands", "Holland"), "soviet": ("Soviet Union", "USSR"), "korean": ("Korea",),
}  # fmt: skip
# Words that carry no topic of their own: pronouns, light verbs and particles ("where did it go",
# "show up", "get into"). A question using them is not asking about something the documents lack.
_LIGHT = {
    "he", "she", "him", "her", "it", "its", "they", "them", "their", "we", "us", "you", "i", "one",
    "go", "goe", "went", "gone", "get", "got", "take", "took", "taken", "make", "made", "come", "came",
    "done", "put", "set", "keep", "kept", "show", "up", "off", "out", "back", "thing", "happen",
    "didn't", "doesn't", "don't", "wasn't", "weren't", "isn't", "aren't",
    "true", "false", "really", "actually",  # "is it true that ...": the frame of a claim, not its topic
    "run", "start", "finish",  # "run me through its movements, start to finish" (demo-dev26)
}  # fmt: skip
# Nouns that name the form of an answer, not a topic: "what phrase", "which document", "what position".
# A document states the phrase or the position without calling it one, so their absence says nothing.
_FORM_NOUNS = {
    "phrase", "word", "words", "term", "terms", "point", "position", "stance", "view", "views",
    "label", "labels", "nickname", "expression", "slogan", "motto", "publication", "publications",
    # a category the documents fill without naming it: "what two landmasses", "which location"
    "landmass", "landmasses", "location", "locations", "entity", "entities", "object", "objects",
    "place", "places", "organisation", "organisations", "organization", "organizations",  # demo-dev32
    "framework", "role", "reason", "reasons", "purpose", "way", "ways", "thing", "things", "kind", "sort",
    "type", "types", "document", "message", "claim", "argument", "statement", "description", "aspect",
    "factor", "factors", "effect", "era", "share", "part", "parts", "step", "steps", "idea", "name", "names",
    "example", "sign", "signal", "goal", "aim", "concern", "concerns", "issue", "problem", "detail",
    "details", "fact", "facts", "information", "answer", "option", "options", "method", "approach",
    "facet", "facets", "feature", "features", "characteristic", "property", "quality", "category", "form",
    # "which Japanese outlet first broke the story": a source, which sentences name without the word
    "outlet", "outlets", "source", "sources", "media",
    # "the chinese site's theory on what russia's protest is for": a view, which sentences state unnamed
    "theory", "theories", "explanation", "interpretation", "opinion", "assessment", "analysis",
    # "on what day", "in which year": the form of a date, which sentences give without the word
    "day", "days", "date", "dates", "year", "years", "month", "months", "week", "weeks", "time", "hour",
    "century", "centuries", "decade", "decades", "season", "period", "age",
    # "what percent", "what share": the form of a figure ("80%")
    "percent", "percentage", "proportion", "fraction",
}  # fmt: skip
# Nouns that point at a document itself ("the Chinese article", "the commentator"): not a speaker to find.
_DOCUMENT_NOUNS = {
    "article", "articles", "story", "report", "reports", "author", "writer", "commentator", "piece",
    "site", "page", "source", "sources", "paper", "outlet", "post", "text", "document", "documents",
    "letter", "book", "study", "survey", "note", "speech", "essay", "account", "passage",
}  # fmt: skip
_AUX = {
    "is", "was", "are", "were", "did", "does", "do", "has", "have", "had", "can", "could", "will",
    "would", "should", "may", "might",
}  # fmt: skip
_NP_STOP = _AUX | {
    "of", "in", "on", "at", "to", "for", "with", "from", "by", "that", "who", "which", "whose", "the",
    "a", "an", "and", "or", "as", "about", "during", "near", "when", "where",
}  # fmt: skip
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their"}
_SPEECH = re.compile(
    r"(?i:\b(?:what|how)\s+(?:did|does|do|has|have|had|would|will)\s+((?:[\w.'-]+\s+){1,4}?)"
    r"(?:say|said|think|thought|respond|responded|react|reacted|comment|commented|claim|claimed|"
    r"announce|announced|describe|described|characteri[sz]e|characteri[sz]ed|feel|felt|argue|argued|"
    r"believe|believed|reply|replied|answer|answered|state|stated|warn|warned|pledge|pledged)\b)"
)


@dataclass(frozen=True)
class Verdict:
    abstain: bool
    confidence: float
    missing: tuple[str, ...] = ()
    reason: str = ""


def judge(
    index: Index,
    facts: SentenceFacts,
    form: QuestionForm,
    statements: list[Statement],
    settings: AnswerSettings,
) -> Verdict:
    """Answer, or abstain; either way, name what the documents do not cover."""
    unknown_names = _unknown_names(index, facts, form.text)
    unknown_words = _unknown_words(index, facts, form.text)
    confidence = confidence_of(index, facts, form, statements, settings)
    missing = tuple(dict.fromkeys(unknown_names + unknown_words))
    parts = _unanswered_parts(facts, form, statements)
    if not statements:
        return Verdict(True, 0.0, missing, "nothing retrieved")
    # The question names something no document mentions, and no sentence is a close paraphrase of it
    # (a close one means a spelling the index does not know, "Boleslaw" for "Bolesław").
    paraphrase = statements[0].main.semantic >= settings.paraphrase_similarity
    if unknown_names and not paraphrase:
        return Verdict(True, confidence, missing, f"no document mentions {', '.join(unknown_names)}")
    unknown_focus = _unknown_focus(index, facts, form.text)
    # A paraphrase that also holds a name the question lacks may be naming the thing in other words
    # ("which agency" answered by "Ukraine's Foreign Intelligence Service"); one without cannot be, nor can
    # a figure's: "the top speed of the Tu-95MS bombers that flew near Japan" is no name (demo-dev23).
    named = paraphrase and form.expects not in FIGURES and _new_names(facts, form, statements[0].main.row)
    if unknown_focus and not named:
        return Verdict(True, confidence, missing, f"no document speaks of {', '.join(unknown_focus)}")
    absent = _absent_speaker(index, facts, form.text, statements)
    if absent:
        return Verdict(
            True, confidence, missing + (f"what {absent} said",), f"no quoted sentence is by {absent}"
        )
    rows = _quoted_rows(statements)
    answering = _quoted_rows(statements[:1])  # the statement that answers, with its lead-in
    gap = (
        reversed_roles(facts, form, rows)
        or unnamed_people(facts, form, focus_phrase(form.text), rows)
        or unstated_author(facts, form, rows)
        or unnamed_speaker(facts, form, answering)
        or unnamed_facility(facts, form, answering)
        or no_arrival(facts, form, answering)
        or no_next_place(facts, form, answering)
        or no_arrival_time(facts, form, answering, _lead_ins(statements[:1]))
        or no_distance(facts, form, answering)
        or other_designation(facts, form, answering)
        or no_origin(facts, form, answering)
        or no_taking_office(facts, form, answering)
        or no_comparison(facts, form, rows)
        or unnamed_ship(facts, form, answering)
        or unnamed_sea_or_strait(form, [c.fits for s in statements for c in (s.main, *s.also)])
        or unnamed_model(facts, form, answering, rows)
        or no_future_date(facts, form, statements[0].main.row)
        or no_day(facts, form, _quoted_pairs(_answer_and_continuations(statements)))
        or ("" if form.timeline else other_date(facts, form, answering))
        # a timeline lists the other ones on purpose
        or ("" if form.timeline else other_ordinal(form, [facts.text(r) for r in answering]))
        or ("" if form.timeline else only_doubted(form, [facts.text(r) for r in answering]))
        or only_denied(form, [facts.text(r) for r in rows])
        or ("" if form.timeline else unsaid_ordinal(facts, form))
        or no_reason(facts, form, answering)
    )
    if gap:
        return Verdict(True, confidence, missing + (gap,), f"no quoted sentence states {gap}")
    # Only a count or an amount is vetoed by its form: such an answer is always written as a figure. A date
    # asked by "when", a name or a place may be a period, a common noun or a phrase ("the Oligocene",
    # "teachers", "the clergy") the value readers do not see; for those the form is a score feature
    # (`type_weight`), not a veto. A date asked for by that very word ("date of the protest?", "arrival
    # date", demo-dev26) is written as one, and is vetoed too.
    top = statements[0].main
    asks_the_date = form.expects == DATE and bool({"date", "dates"} & form.words) and "when" not in form.words
    if (
        (form.expects in FIGURES or asks_the_date)
        and not top.fits
        and not counts_it_otherwise(form, facts.text(top.row), facts.values(top.row))
    ):
        kind = _KIND_WORDS.get(form.expects, form.expects)
        return Verdict(True, confidence, missing + (f"{kind} that answers it",), f"no sentence gives {kind}")
    # "How long did the flight last?" is answered by a figure ("11-hour", "nearly two weeks", "6,400 km": how
    # long may ask for a length too), a rough count ("several years") or a range of dates ("Jan 7-24", "from 12
    # January to 24 January": two dates), and by nothing else.
    if form.expects == DURATION and not states_extent(
        facts.text(statements[0].main.row), facts.values(statements[0].main.row)
    ):
        return Verdict(
            True,
            confidence,
            missing + ("a length of time that answers it",),
            "no sentence gives a length of time",
        )
    if confidence < settings.min_score:
        return Verdict(True, confidence, missing, "best evidence below the calibrated threshold")
    return Verdict(False, confidence, tuple(dict.fromkeys(unknown_names + parts)))


def _unanswered_parts(facts: SentenceFacts, form: QuestionForm, statements: list[Statement]) -> list[str]:
    """Parts of a two-part question ("which aircraft, and how many?") whose kind of value no sentence holds."""
    from citeqa.qa.question import carries_answer, read_question

    pieces = re.split(
        r",?\s+and\s+(?=(?:what|which|who|when|where|why|how)\b)", form.text, flags=re.IGNORECASE
    )
    if len(pieces) < 2:
        return []
    return [
        piece.strip()
        for piece in pieces
        if (sub := read_question(piece)).expects not in (OTHER, YESNO)
        and not any(carries_answer(sub, facts.values(c.row)) for s in statements for c in (s.main, *s.also))
    ]


def confidence_of(
    index: Index,
    facts: SentenceFacts,
    form: QuestionForm,
    statements: list[Statement],
    settings: AnswerSettings,
) -> float:
    """The top statement's score, less `unknown_penalty` times the unknown share of the question's topic."""
    if not statements:
        return 0.0
    terms = [t for t in dict.fromkeys(index.lexical.terms(form.text)) if t not in QUESTION_WORDS]
    weights = {t: facts.idf(t) for t in terms}
    total = sum(weights.values()) or 1.0
    topical = {t for w in _topic_words(form.text) for t in index.lexical.terms(w)}
    unknown = sum(w for t, w in weights.items() if t in topical and not facts.known(t)) / total
    return statements[0].main.score - settings.unknown_penalty * unknown


def _topic_words(question: str) -> list[str]:
    """The question's words less pronouns, light verbs and names of months and days, whose absence
    from the documents says nothing about the topic ("where did it go", "in December 2025")."""
    return [
        w
        for w in _WORD.findall(plain(question))
        if w.lower() not in _LIGHT and not _MONTH_OR_DAY.fullmatch(w)
    ]


def _unknown_names(index: Index, facts: SentenceFacts, question: str) -> list[str]:
    """Capitalised words of the question (past its first) whose terms no document has."""
    out = []
    text = plain(question)
    words = list(_WORD.finditer(text))
    for m in words[1:]:
        word = m.group(0)
        if not word[:1].isupper() or _MONTH_OR_DAY.fullmatch(word) or _DEMONYM.search(word):
            continue
        if any(
            all(facts.known(t) for t in index.lexical.terms(c)) for c in _COUNTRY_OF.get(word.lower(), ())
        ):
            continue  # "American stealth jets" of documents that say "the United States" (demo-dev31)
        after = text[m.end() :].split(maxsplit=1)[:1]
        if after and after[0][:1].isupper() and not _unknown_terms(index, facts, after[0]):
            continue  # a first name the documents leave out: "Vladimir Putin" of their "Putin" (demo-dev32)
        if re.search(r"[.?!]\s*$", text[: m.start()]):
            continue  # "What happened in December 2025? Order of events please.": a sentence's first word
        # "F-35As", "Il-20s": a designation's plural is its name with an "s" the documents may not write.
        singular = re.sub(r"(?<=[A-Z0-9])s$", "", word)
        if _unknown_terms(index, facts, word) and _unknown_terms(index, facts, singular):
            out.append(word)
    return out


def _unknown_terms(index: Index, facts: SentenceFacts, word: str) -> bool:
    """Does `word` have terms, none of which any document uses?"""
    terms = index.lexical.terms(word)
    return bool(terms) and not any(facts.known(t) for t in terms)


# Nouns a question may put right after "is"/"was" with its article left out: "what was name of", "who is
# author of".
_FORM_OF = {"name", "names", "kind", "sort", "type"}
_NAMED_BARE = PEOPLE | _FORM_OF


def focus_phrase(question: str) -> list[str]:
    """The words of the thing a question asks about, lower-cased: "the population of Hokkaido" ->
    ["population"]; "which Chinese companies make ..." -> ["chinese", "companies", "make"];
    "names of the Japanese pilots who ..." -> ["japanese", "pilots"]; "who was the commanding officer"
    -> ["commanding", "officer"]. Empty when the form is not one of
    these ("what makes ...", "how ...", "who ..."): only the noun phrase after the wh-word is read."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(plain(question))]
    # "what's the top speed": "what is the top speed"
    words = [p for w in words for p in ((w[:-2], "is") if w in ("what's", "who's") else (w,))]
    for i, w in enumerate(words):
        if w in ("what", "which"):
            rest = words[i + 1 :]
            break
        # "who was the commanding officer of ...": the people asked for are named by the noun phrase.
        if (
            w == "who"
            and words[i + 1 : i + 2]
            and words[i + 1] in ("is", "was", "are", "were")
            and (words[i + 2 : i + 3] and words[i + 2] in _DETERMINERS | _NAMED_BARE)
        ):
            rest = words[i + 1 :]
            break
        if w in ("name", "names") and i + 1 < len(words) and words[i + 1] == "of":
            rest = words[i:]
            break
    else:
        return []
    opener = w  # "what", "which", "who" or "name"
    # "what is the X of ...", "what are the names of the X": skip the copula and the form noun.
    if rest and rest[0] in _AUX - {"did", "does", "do"} and len(rest) > 1 and rest[1] in _DETERMINERS:
        rest = rest[2:]
    # "what was name of the ...", "who is author of ...": the article left out (demo-dev27); not "what were
    # analysts unsure about", whose analysts are no answer's form
    elif rest and rest[0] in _AUX - {"did", "does", "do"} and len(rest) > 1:
        bare = _FORM_OF if opener in ("what", "which") else _NAMED_BARE
        rest = rest[1:] if rest[1] in bare else rest
    while len(rest) > 1 and rest[0] in ("name", "names", "kind", "sort", "type") and rest[1] == "of":
        rest = [w for w in rest[2:3] if w not in _DETERMINERS] + rest[3:] if rest[2:3] else []
        rest = rest[1:] if rest and rest[0] in _DETERMINERS else rest
    phrase = []
    for i, w in enumerate(rest[:4]):
        if w in _NP_STOP or (w.endswith("ed") and not w.endswith("eed")):
            break
        # "which official personally issued ...": an adverb before the verb ends the noun phrase too
        if w.endswith("ly") and rest[i + 1 : i + 2] and rest[i + 1].endswith("ed"):
            break
        phrase.append(w)
    # "the russian defense ministry official who ...": a person noun ending it heads the phrase, however long,
    # and ends it ("the russian defence minister behind the protest", demo-dev22); without one, a long
    # phrase is cut to two words ("the general term": an adjective, heading nothing)
    people = [i for i, w in enumerate(phrase) if w in PEOPLE]
    if len(phrase) > 3:
        phrase = phrase[: people[-1] + 1] if people else phrase[:2]
    # "which legal framework": when the head names the answer's form, so do its modifiers.
    return [] if phrase and phrase[-1] in _FORM_NOUNS else phrase


def _unknown_focus(index: Index, facts: SentenceFacts, question: str) -> list[str]:
    """Words of the asked-about thing (see `focus_phrase`) that no document uses."""
    out = []
    for word in focus_phrase(question):
        if word in _FORM_NOUNS or word in _LIGHT or word.endswith("'s"):
            continue
        terms = [t for t in index.lexical.terms(word) if t not in QUESTION_WORDS]
        if terms and not any(facts.known(t) or facts.abbreviates(t) or facts.derives(t) for t in terms):
            out.append(word)
    return out


def _new_names(facts: SentenceFacts, form: QuestionForm, row: int) -> list[str]:
    """Names in the sentence that the question did not say, counting "China" as said by "Chinese"."""
    said = [w.removesuffix("'s") for w in form.words]
    return [
        n.text
        for n in facts.values(row).names
        if not any(same_stem(p, w) for p in _WORD.findall(plain(n.text).lower()) for w in said)
    ]


def speaker(question: str) -> str:
    """Who a "what did X say / how did X react" question asks about, lower-cased; "" for any other form,
    for a pronoun, for the document itself ("what does the article expect") and for a speaker without a
    name ("what do critics think"): only a named speaker is one the quoted sentence must name."""
    text = plain(question).replace("’", "'")
    m = _SPEECH.search(text)
    # "did tokyo answer moscow's protest, and what did it say?": "it" is the one named before
    if m and m.group(1).split()[0].lower() in _LIGHT:
        m = None
    # "What was South Korea's reaction to ...": the owner of the reaction is the speaker.
    m = m or _SPEECH_YESNO.search(text)
    owner = None if m else _REACTION_OF.search(text)
    who = m.group(1) if m else owner.group(1) + "'s" if owner else ""
    # A capital names the speaker, and so does an owner or a seat of government, typed in any case:
    # "china's foreign ministry", "what did washington say". In a question typed in lower case (its first
    # letter says so: `truecase` has given capitals only to the names the documents know), so does a bare
    # phrase that is no one in general ("did south korea say anything", demo-dev16; not "did officials
    # say", "did they", "did the navy").
    casual = text.lstrip()[:1].islower() and bool(who.split()) and not _SOMEONE.search(who)
    if not casual and not any(w[:1].isupper() or w.endswith("'s") or w.lower() in SEATS for w in who.split()):
        return ""
    # "Tesla mistakenly", "washington officially": the adverb is no part of the name
    words = [w.lower().removesuffix("'s") for w in who.split() if w[:1].isupper() or not w.endswith("ly")]
    words = [w for w in words if w not in _DETERMINERS]
    if not words or words[-1] in _LIGHT or words[-1] in _DOCUMENT_NOUNS:
        return ""
    return " ".join(words)


def _absent_speaker(index: Index, facts: SentenceFacts, question: str, statements: list[Statement]) -> str:
    """The speaker the question asks about, when no chosen sentence (or its lead-in) names all of them:
    "China's foreign ministry" is not named by a sentence about Russia's defense ministry."""
    who = speaker(question)
    if not who:
        return ""
    words = who.split()
    # Each word of the speaker, as the terms that name it: "Moscow" is also said as Russia.
    wanted = [
        {t, *index.lexical.terms(SEATS.get(w, ""))}
        for w in words
        for t in index.lexical.terms(w)
        if t not in QUESTION_WORDS
    ]
    if not wanted:
        return ""
    # The top sentence's document counts too when that sentence reports speech ("he said", "it warned"): it
    # may name the speaker once and then say "he" or "it". A sentence that reports nothing is no one's word.
    top = statements[0].main
    # A reply asked of the speaker, not one the speaker spoke of: "how did moscow characterise japan's
    # response" asks Moscow's words about Japan's reply (demo-dev18).
    reaction = any(
        not (owner := re.search(r"([\w-]+)'s\s+$", plain(question)[: m.start()]))
        or owner.group(1).lower() in who.split()
        for m in _ASKS_REACTION.finditer(plain(question))
    )
    # "Did the Pentagon say anything about ...": whether they said something, which only a sentence that
    # reports their words answers ("while the United States prepares to station ..." does not; demo-dev18).
    reaction = reaction or bool(_SAID_ANYTHING.search(plain(question)))
    # For a reaction, only when the top sentence's reply has no named subject of its own ("It warned ...",
    # not "Koizumi posts on X that ...": that names who spoke, demo-dev16).
    subject = _subject_side(facts.text(top.row))
    speech = (
        [frozenset(index.lexical.terms(index.documents[top.doc_id].text))]
        if _REPORTS.search(facts.text(top.row)) and not (reaction and _NAME_WORD.search(subject))
        else []
    )
    # "How did X respond": a quoted sentence that names X must also report a reply, said or done ("activity
    # by Moscow and Beijing" names Beijing and says nothing of how it responded). A sentence and its lead-in
    # are read together. What someone thought or said is worded too many ways to ask the same of it
    # ("Dalton assumed", "Luther held"): naming them is enough.
    pairs = _quoted_pairs(statements)
    # What X reacted to is no reaction of X's: for "how did Beijing react to Russia's protest", a sentence
    # about "the Russian protest" reports Russia's words, not Beijing's.
    asked = {w.lower() for w in _WORD.findall(plain(question))}
    # What X responded to is what the reply is about: Beijing's dismissal of "these claims" (of drone parts)
    # is no response to "Koizumi's post on X" (demo-dev16). The pair must name something of it.
    about = _reaction_object(index, question) if reaction else set()
    # And the one who replied is named before the reply (or in the lead-in of a pronoun's reply): "Koizumi
    # posts on X that the Russian and Chinese activities ..." is Koizumi's word, not China's.
    reporting = [
        (
            frozenset().union(*(facts.terms(r) for r in pair))
            if not reaction
            else frozenset(index.lexical.terms(_subject_side(facts.text(pair[0])))).union(
                *(facts.terms(r) for r in pair[1:])
            ),
            reaction or any(_reports(facts.text(r), asked) for r in pair),
        )
        for pair in pairs
        if not reaction
        or (
            any(_reports(facts.text(r), asked) for r in pair)
            and (not about or any(same_stem(t, u) for t in about for r in pair for u in facts.terms(r)))
        )
    ]
    for have, reports in (*reporting, *((terms, True) for terms in speech)):
        if not all(any(same_stem(t, u) for t in names for u in have) for names in wanted):
            continue
        # A government speaks only in reported words: "the Chinese intelligence ship CNS Beijixing transits
        # the Miyako Strait" names China and says nothing Beijing said (demo-dev29), while what a person
        # "held" or "assumed" is their word, said in too many ways to ask for a verb of saying.
        if reports or not any(w in SEATS for w in words):
            return ""
    return who


def unnamed_speaker(facts: SentenceFacts, form: QuestionForm, rows: list[int]) -> str:
    """ "Attribution for the 'no limits' description — who said it?" answered by "... often described as
    'no limits'" (demo-dev33): the words are reported, but no one is named as saying them. A sentence
    answers only when it reports someone's words (`_reports`) or gives their source ("as per ...",
    "confirmed"), and not as said by no one."""
    if not _ASKS_SPEAKER.search(plain(form.text)):
        return ""
    for row in rows:
        text = plain(facts.text(row))
        if (_reports(text) or _ATTRIBUTED.search(text)) and not _AGENTLESS.search(text):
            return ""
    return "who said it"


def _subject_side(sentence: str) -> str:
    """Where the one who said something is named: the words before a sentence's first word of saying or
    reacting, and the few after it when they name the speaker ("as described by Moscow's defense ministry",
    "according to Newsweek")."""
    found = [m for p in (_REPORTS, _REACTION) if (m := p.search(sentence))]
    if not found:
        return sentence
    first = min(found, key=lambda m: m.start())
    by = re.match(r"(?:\s+by\b)?((?:\s+[\w‑'’.-]+){1,5})", sentence[first.end() :])
    named_after = first.group().lower().endswith(" to") or bool(re.match(r"\s+by\b", sentence[first.end() :]))
    return sentence[: first.start()] + (by.group(1) if by and named_after else "")


def _reaction_object(index: Index, question: str) -> set[str]:
    """The names and owners in what a "how did X respond to Y" question says X responded to ("koizumi's post
    on X" -> koizumi, x). Only those: a reply names again whose words it answers, while a common noun is said
    in many ways ("how did Morgan react to the request": "Tesla's ... asking for more funds", SQuAD)."""
    m = _RESPONDED_TO.search(plain(question))
    if not m:
        return set()
    return {
        t
        for w in _WORD.findall(m.group(1))
        if w[:1].isupper() or w.lower().endswith(("'s", "’s"))  # a name, or an owner typed in lower case
        for t in index.lexical.terms(w)
        if t not in QUESTION_WORDS
    }


def _reports(sentence: str, asked: set[str] = frozenset()) -> bool:
    """Does a sentence report words or a reaction: a verb of saying, a noun of one, or a quotation? Words
    of saying that the question itself uses (`asked`: the protest reacted to) do not count, nor does a
    quoted phrase of a few words (a "dual strategic strike platform" is a coinage, not someone's reply)."""
    said = (m.group().lower() for pattern in (_REPORTS, _REACTION) for m in pattern.finditer(sentence))
    if any(not any(same_stem(w, a) for a in asked) for w in said):
        return True
    return any(len(q.split()) >= _QUOTED_WORDS for q in _QUOTATION.findall(sentence))


def _answer_and_continuations(statements: list[Statement]) -> list[Statement]:
    """The first statement and those that continue it ("Japan also recorded a flight by an Il-20." then "On
    26 January, it took off ...": "it" is the first one's)."""
    first = statements[:1]
    return first + [s for s in statements[1:] if first and s.main.context == first[0].main.row]


def _quoted_pairs(statements: list[Statement]) -> list[list[int]]:
    """Every quoted sentence with its lead-in (read together: the lead-in names what "it" is)."""
    return [[r for r in (c.row, c.context) if r >= 0] for s in statements for c in (s.main, *s.also)]


def _lead_ins(statements: list[Statement]) -> frozenset[int]:
    """Rows quoted only as the lead-in of a sentence that opens with its pronoun."""
    quoted = {c.row for s in statements for c in (s.main, *s.also)}
    return frozenset(c.context for s in statements for c in (s.main, *s.also) if c.context >= 0) - quoted


def _quoted_rows(statements: list[Statement]) -> list[int]:
    """Rows of every quoted sentence and of the lead-ins quoted with them."""
    return [r for s in statements for c in (s.main, *s.also) for r in (c.row, c.context) if r >= 0]


def _unknown_words(index: Index, facts: SentenceFacts, question: str) -> list[str]:
    """Lower-case topic words of the question that no document uses (names of months aside: a date
    in the question is matched as a date, not as a word; and the form of the answer, "what share")."""
    out = []
    for m in _WORD.finditer(plain(question)):
        word = m.group(0)
        if word[:1].isupper() or word.lower() in _LIGHT | _FORM_NOUNS or _MONTH_OR_DAY.fullmatch(word):
            continue
        terms = [t for t in index.lexical.terms(word) if t not in QUESTION_WORDS]
        if terms and not any(facts.known(t) for t in terms):
            out.append(word)
    return out
