"""Who did what to whom: whether the quoted sentences state the question's relation, not only its words.

Similarity and word overlap cannot tell "Russia protested to Japan" from "Japan protested to Russia", nor a
sentence naming aircraft from one naming their pilots: both score like an answer. Three checks a careful
reader makes; each returns what the documents leave unsaid (for the "missing" line), or "" when it holds:
1. `reversed_roles`: "Did Japan file a protest ...?" asks whether Japan acted. When every quoted sentence
   that states the act names Japan only after it, with someone else before it ("Russia's Defense Ministry
   made a protest against Japan"), the roles are the other way round.
2. `unnamed_people`: "the names of the pilots", "which commanders" ask for people; a sentence that names
   only aircraft, ministries or places does not answer.
3. `unstated_author`: "who wrote the article" is answered only by a sentence that says who wrote something.
These are vetoes even for a close paraphrase: swapped roles are exactly what a paraphrase score misses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from citeqa.qa.dates import plain
from citeqa.qa.facts import SentenceFacts, same_stem
from citeqa.qa.question import QuestionForm, is_new_name
from citeqa.qa.values import Name, is_person, without_titles

_WORD = re.compile(r"[\w‑'’-]+")
# A government spoken of by its seat: "what did Moscow say" is answered by "Russia's Defense Ministry said".
SEATS = {
    "moscow": "russia", "kremlin": "russia", "beijing": "china", "tokyo": "japan", "seoul": "korea",
    "pyongyang": "korea", "taipei": "taiwan", "washington": "america united states", "kyiv": "ukraine",
    "london": "britain", "paris": "france", "berlin": "germany", "delhi": "india",
    "pentagon": "america united states",
}  # fmt: skip
_ACTIVE_YESNO = re.compile(r"^\s*(did|does|do|has|have|had)\s+(.+)$", re.IGNORECASE)
_WH_ACTIVE = re.compile(r"^\s*(?:when|where|why|how)\s+(did|does|do|has|have|had)\s+(.+)$", re.IGNORECASE)
# Prepositions that name the other party of a two-party act: "lodge a protest with Moscow", "against Japan".
_PARTIES = {"with", "to", "against", "toward", "towards"}
# "Is it true that Japan lodged a protest ...?": the claim is read like "Did Japan lodge a protest ...?".
_CLAIM = re.compile(
    r"^\s*(?:is|was)\s+it\s+(?:true|the\s+case|correct|right|so)\s+that\s+(?P<rest>.+)$", re.IGNORECASE
)
_DETERMINERS = {"the", "a", "an", "this", "that", "its", "their"}
# "Who delivered Japan's formal protest to Moscow?": the owner of the act is its actor (demo-dev33).
_OWNED_ACT = re.compile(
    r"\b(?:who|when|where|why|how|what|which)\b[^?]*?\b(?P<owner>[A-Z][\w‑-]*)['’]s\s+(?:[a-z]+\s+){0,3}?"
    r"(?P<act>[a-z]+)\s+(?:to|with|against|toward|towards)\s+(?:the\s+)?(?P<other>[A-Z][\w‑-]*)"
)
# Where a question's predicate ("file a formal protest") ends and its circumstances begin.
_PREPOSITIONS = {
    "with", "to", "against", "over", "on", "in", "at", "for", "from", "about", "during", "near", "by",
    "into", "after", "before", "because", "when", "while", "since", "through", "toward", "towards",
}  # fmt: skip
# Nouns for people: a question asking their names wants a person named, not the aircraft they flew.
PEOPLE = {
    "pilot", "pilots", "crew", "crews", "crewmen", "commander", "commanders", "captain", "captains",
    "author", "authors", "writer", "writers", "soldier", "soldiers", "sailor", "sailors", "officer",
    "officers", "official", "officials", "leader", "leaders", "minister", "ministers", "spokesman",
    "spokeswoman", "spokesperson", "diplomat", "diplomats", "journalist", "journalists", "reporter",
    "reporters", "person", "people", "persons", "victim", "victims", "passenger", "passengers",
    "ambassador", "ambassadors", "analyst", "analysts", "expert", "experts", "founder", "founders",
    "president", "presidents", "general", "generals", "admiral", "admirals", "individuals", "men", "women",
}  # fmt: skip
# Verbs only a person does: "who commanded the bombers" is not answered by the aircraft that intercepted them,
# nor "who leaked the tracking data" by the ship that was tracked (demo-dev33).
_ASKS_PERSON = re.compile(
    r"^\s*who\s+(?:(?:was|were|is|are)\s+(?P<doing>commanding|piloting|captaining|skippering)|"
    r"(?P<verb>commanded|commands|piloted|pilots|captained|captains|skippered|ordered|leaked|leaks|"
    r"(?:gave|issued)\s+the\s+orders?)|"
    r"(?:was|were|is|are)\s+in\s+(?P<noun>command))\b",
    re.IGNORECASE,
)
_A_KIND = re.compile(r"\b(?:type|kind|sort)s?\s+of\b", re.IGNORECASE)  # "what type of person": no name asked
_NAMES_OF = re.compile(r"\bnames?\s+of\b", re.IGNORECASE)
# Someone writing something: a verb ("wrote", "written by"), or the noun with the name after it ("author John
# Smith"). "The personal views of the author" names no one.
_WRITING = re.compile(
    r"(?i:\b(?:wr[io]te|writes|written|writing|authored|penned)\b)|(?i:\b(?:author|writer)s?\b),?\s+[A-Z]"
)
_ASKS_AUTHOR = re.compile(
    # "who wrote of the pump" asks who described it, not who wrote a text; "who is the author of" asks it
    r"^\s*who\s+(?:(?:wrote|writes|authored|penned|(?:has|had)\s+written)\b(?!\s+(?:of|about|on)\b)|"
    r"(?:is|was)\s+(?:the\s+)?(?:author|writer)\b)",
    re.IGNORECASE,
)


def reversed_roles(facts: SentenceFacts, form: QuestionForm, rows: Sequence[int]) -> str:
    """ "Japan filing a protest" when the sentences that state a protest name Japan only as its object.

    "When did Japan lodge its protest with Moscow?" asks the same of a wh-question, but only when it names
    the other party too and a sentence names that party before the act: "When did Menich serve as
    President?" names one party, and a sentence naming Menich after "President" says nothing reversed."""
    index = facts.index
    text = plain(form.text)
    yesno = _ACTIVE_YESNO.match(text)
    wh = None if yesno else _WH_ACTIVE.match(text)
    m = yesno or wh
    claim = None if m else _CLAIM.match(text)
    owned = None if m or claim else _OWNED_ACT.search(text)
    if owned:
        wh, aux = owned, ""
        names, predicate, other_names = [owned.group("owner")], [owned.group("act")], [owned.group("other")]
    elif m or claim:
        aux, rest = (m.group(1).lower(), m.group(2)) if m else ("", claim.group("rest"))
        names, predicate, other_names = _parties(rest)
    else:
        return ""
    if not names or not predicate:
        return ""
    actors = {
        t for w in names for t in index.lexical.terms(f"{w} {SEATS.get(w.lower(), '')}")
    }  # Tokyo: Japan
    # A wh-question needs the other party too, and both parties must be nations (or their seats of
    # government): "the F-35A deployment to Misawa" names a place it goes to, not a party that could have
    # done it instead.
    if wh and not (_nations_only(facts, names) and _nations_only(facts, other_names)):
        return ""
    others = {t for w in other_names for t in index.lexical.terms(f"{w} {SEATS.get(w.lower(), '')}")}
    acts = {t for w in (predicate[0], predicate[-1]) for t in index.lexical.terms(w)}
    if not actors or not acts:
        return ""
    reversed_seen = False
    for row in rows:
        tokens = [
            (tok.group(0), set(index.lexical.terms(tok.group(0))))
            for tok in _WORD.finditer(plain(facts.text(row)))
        ]
        at_act = [i for i, (_, terms) in enumerate(tokens) if terms & acts]
        at_actor = [
            i for i, (_, terms) in enumerate(tokens) if any(same_stem(t, a) for t in terms for a in actors)
        ]
        if not at_act or not at_actor:
            continue
        # The actor before the act, or after "by" ("a protest was filed by Japan"), is the one acting.
        if at_actor[0] < at_act[-1] or any(i > 0 and tokens[i - 1][0].lower() == "by" for i in at_actor):
            return ""
        if wh:  # the other party acting: named before the act
            before = tokens[: at_act[0]]
            someone_else = any(any(same_stem(t, o) for t in terms for o in others) for _, terms in before)
        else:
            someone_else = any(w[:1].isupper() for w, _ in tokens[1 : at_act[0]])
        reversed_seen = reversed_seen or someone_else
    said = (
        f"a {predicate[0]} by {names[0]}"
        if owned
        else " ".join(["whether", *names, *([aux] if aux else []), *predicate])
    )
    return said if reversed_seen else ""


def _parties(rest: str) -> tuple[list[str], list[str], list[str]]:
    """The names of a question's subject ("Japan"), its predicate up to a preposition ("lodge its
    protest"), and the other party named after that preposition ("with Moscow")."""
    words = _WORD.findall(rest)
    subject = []
    for w in words:
        if w[:1].isupper() or (w.lower() in _DETERMINERS and not subject):
            subject.append(w)
        else:
            break
    predicate = []
    for w in words[len(subject) :]:
        if w.lower() in _PREPOSITIONS:
            break
        predicate.append(w)
    after = words[len(subject) + len(predicate) :]
    other_names = [w for w in after[1:4] if w[:1].isupper()] if after and after[0].lower() in _PARTIES else []
    return [w for w in subject if w[:1].isupper()], predicate, other_names


def _nations_only(facts: SentenceFacts, names: Sequence[str]) -> bool:
    """Are the names (some at least) all countries the documents name, or seats of their governments?"""
    countries = set(facts.nations().values())
    return bool(names) and all(w.lower() in countries or w.lower() in SEATS for w in names)


def unnamed_people(
    facts: SentenceFacts, form: QuestionForm, focus: Sequence[str], rows: Sequence[int]
) -> str:
    """ "The names of the pilots", "who commanded" answered by sentences whose only new names are not people's.

    Unless the question says "names of": a sentence that speaks of the people asked about ("the architect
    Edwin Lutyens", "led by Henri of Navarre" for "which leader") may well name them without a title, so
    only sentences that do not mention them at all are held to naming a titled person."""
    asks_person = _ASKS_PERSON.match(plain(form.text))
    if _A_KIND.search(form.text) or (not asks_person and (not focus or focus[-1] not in PEOPLE)):
        return ""
    people = facts.person_words()
    act = asks_person and (
        asks_person.group("verb") or asks_person.group("doing") or asks_person.group("noun")
    )
    asked = [t for w in ([act] if act else focus[-1:]) for t in facts.index.lexical.terms(w)]
    by_name = _NAMES_OF.search(form.text)
    for row in rows:
        # The stem itself: "the Russian Defense Ministry" does not speak of a minister.
        text = plain(facts.text(row))
        if not by_name and _speaks_of(facts, text, focus, asked, facts.terms(row)):
            return ""
        for name in facts.values(row).names:
            if (
                is_person(name, text, people)
                and is_new_name(form, without_titles(name.text))
                and not _of_another_nation(facts, name, text, focus)
            ):
                return ""
    if not asks_person:
        return f"the names of the {' '.join(focus)}"
    if asks_person.group("noun"):
        return f"who was in {act}"
    if asks_person.group("doing"):
        return f"who was {act} it"
    return f"who {act}" if act.endswith(("order", "orders")) else f"who {act} it"


def _of_another_nation(facts: SentenceFacts, name: Name, text: str, focus: Sequence[str]) -> bool:
    """Is a titled person said to be of another nation than the one asked about? "Defense Minister Shinjiro
    Koizumi ... Japan will keep utmost vigilance" does not answer "who is the Russian defense minister" and
    does answer "who is the Japanese defense minister". Only when the question names a nation ("russian"):
    the nation in the name or just before it ("Russian Defense Minister X", "Russia's"), else the countries
    the sentence names ("Japan", not the adjectives of "Russian and Chinese activities"); a sentence that
    names no country does not say."""
    nations = facts.nations()
    asked = {nations[w] for w in focus if w in nations}
    if not asked:
        return False
    near = [_bare(w) for w in _WORD.findall(name.text) + _WORD.findall(text[: name.start])[-3:]]
    if any(nations.get(w, w) in asked for w in near):
        return False
    countries = {_bare(w) for w in _WORD.findall(text) if w[:1].isupper()} & set(nations.values())
    return bool(countries) and not countries & asked


def _bare(word: str) -> str:
    return word.lower().removesuffix("'s").removesuffix("’s")


def _speaks_of(
    facts: SentenceFacts, text: str, focus: Sequence[str], asked_terms: Sequence[str], terms: frozenset[str]
) -> bool:
    """Does the sentence speak of the people asked about: their noun, qualified by the asked nation when
    the question names one ("the Russian defense minister" is not "Defense Minister Koizumi")?"""
    if not any(t in terms for t in asked_terms):
        return False
    nations = facts.nations()
    asked = [w for w in focus if w in nations]
    if not asked:
        return True
    words = [w.lower().removesuffix("'s").removesuffix("’s") for w in _WORD.findall(text)]
    head = focus[-1]
    for i, w in enumerate(words):
        if any(same_stem(w, a) for a in asked) and any(same_stem(v, head) for v in words[i + 1 : i + 4]):
            return True
    return False


def unstated_author(facts: SentenceFacts, form: QuestionForm, rows: Sequence[int]) -> str:
    """ "Who wrote the article" answered by sentences that name no one as having written anything."""
    if not _ASKS_AUTHOR.match(plain(form.text)):
        return ""
    for row in rows:
        if _WRITING.search(facts.text(row)) and any(
            is_new_name(form, n.text) for n in facts.values(row).names
        ):
            return ""
    return "who wrote it"
