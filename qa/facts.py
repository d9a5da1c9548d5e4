"""Per-sentence facts that several stages read, computed once per assistant and kept with it.

Dates (dateparser takes milliseconds a sentence), stemmed terms and corpus term frequencies are asked for
again and again by selection, conflicts, timelines and abstention; this cache lives on the `Assistant`
(never at module level), so a second question about the same passages costs nothing extra.
"""

from __future__ import annotations

import math
import os
import re
import unicodedata

import numpy as np

from citeqa.index.store import Index
from citeqa.qa.dates import plain
from citeqa.qa.question import ordinal_phrases
from citeqa.qa.spoken import NUMBER_WORDS, number_value
from citeqa.qa.values import Values, person_words, read_values

_PRONOUN_START = re.compile(
    r"^(?:\W*\w+\W+){0,6}?(?:it|its|they|their|them|he|she|his|her|this|these|those|"
    r"that (?:year|time|day|month|season|decade|century|period|night|week|point))\b",
    re.IGNORECASE,
)
# "The stadium opened in 2014.", "The $1.2 billion stadium ...": a definite noun phrase naming nothing, whose
# referent the sentence before names.
_DEFINITE_START = re.compile(r"^The\s+(?:[$€£]?[\d.,]+\s+\w+\s+)?[a-z]")
# Abbreviations of news writing and the ways documents spell them out (see `SentenceFacts.respell`).
_ABBREVIATIONS = {
    "mod": ("Defense Ministry", "Ministry of Defense", "Defence Ministry", "Ministry of Defence"),
    "mofa": ("Foreign Ministry", "Ministry of Foreign Affairs"),
    "sdf": ("Self-Defense Forces", "Self-Defence Forces"),
    "jsdf": ("Self-Defense Forces", "Self-Defence Forces"),
    "jasdf": ("Air Self-Defense Force", "Air Self-Defence Force"),
    "msdf": ("Maritime Self-Defense Force", "Maritime Self-Defence Force"),
    "jmsdf": ("Maritime Self-Defense Force", "Maritime Self-Defence Force"),
    "gsdf": ("Ground Self-Defense Force", "Ground Self-Defence Force"),
    "jgsdf": ("Ground Self-Defense Force", "Ground Self-Defence Force"),
    "jso": ("Joint Staff Office", "Joint Staff"),
    "pla": ("People's Liberation Army",),
    # A service named by its nation when the documents name neither it nor its long form (demo-dev29's
    # analyst: "which VKS fighters", "which new PLAAF bomber", "the joint RU-CN patrols").
    "vks": ("Aerospace Forces", "Russian Air Force", "Russian"),
    "plaaf": ("People's Liberation Army Air Force", "PLA Air Force", "Chinese Air Force", "Chinese"),
    "plan": ("People's Liberation Army Navy", "PLA Navy", "Chinese Navy", "Chinese"),
    "ru": ("Russia",),
    "cn": ("China",),
    "prc": ("People's Republic of China", "China"),
    "elint": ("electronic intelligence", "intelligence"),
    "sigint": ("signals intelligence", "intelligence"),
    "isr": ("intelligence, surveillance and reconnaissance", "reconnaissance"),
    "pm": ("Prime Minister",),
    "un": ("United Nations",),
    "eu": ("European Union",),
    "wwii": ("World War II", "Second World War"),  # SQuAD: "the largest insurrection of WWII"
    "wwi": ("World War I", "First World War"),
}
# "Most Valuable Player (MVP)", "Air Defense Identification Zone (ADIZ)": a long form and its abbreviation
_DEFINED = re.compile(r"((?:[A-Z][\w-]*\s+(?:(?:of|the|and|for)\s+)*){2,8})\(([A-Z]{2,6})\)")
# A designation said aloud: letters, a number in digits or words, maybe letters ("tu 95 ms", "h six n")
_SPOKEN_DESIGNATION = re.compile(
    r"\b(?P<letters>[A-Za-z]{1,3})\s+(?P<number>\d{1,3}|"
    + NUMBER_WORDS
    + r"(?:[\s-]+"
    + NUMBER_WORDS
    + r")?)"
    r"(?![\w-])(?:\s+(?P<tail>[A-Za-z]{1,3})\b)?"
)
# British and American spellings, each way: defence/defense, programme/program, analyse/analyze, centre/center
_OTHER_SPELLINGS = (
    (r"ence$", "ense"), (r"ense$", "ence"), (r"our(?=s?$|ed$|ing$|able$)", "or"), (r"(?<=[^o])or(?=s?$)", "our"),
    (r"is(e|es|ed|ing|ation|ations)$", r"iz\1"), (r"iz(e|es|ed|ing|ation|ations)$", r"is\1"),
    (r"yse$", "yze"), (r"yze$", "yse"), (r"tre$", "ter"), (r"ter$", "tre"), (r"mme$", "m"), (r"gue$", "g"),
)  # fmt: skip
_HEARD_MIN = 6  # a word heard as a name is this long: shorter words two letters apart are other words
_MISTYPED_MIN = 6  # a word read as mistyped is this long: shorter words one letter apart are other words
_CAPITALISED = re.compile(r"(?<=[\w,;:)] )[A-Z][\w'’‑-]+")  # a capitalised word not opening a sentence
# "It took off", "Its appearance was ...", "In 1890, he moved ...": the subject is a pronoun (or its owner),
# after at most a short opening phrase; who "it" is, the sentence before says.
_SUBJECT_PRONOUN = re.compile(
    r"^(?:[^,.;:]{1,40},\s+)?(?:it|they|he|she|this|these|those|its|their|his|her)\s", re.IGNORECASE
)
# How a nation's adjective is made from its country's name: Russia-n, Japan-ese, Chin(a)-ese, Americ(a)-an.
_ADJECTIVE_ENDINGS = (("n", ""), ("ese", ""), ("ese", "a"), ("an", "a"), ("ian", "y"), ("ish", "land"))
# Words of the question's frame, not of its topic: never counted as missing, never weighted.
QUESTION_WORDS = {
    "what", "which", "who", "whom", "whose", "when", "where", "why", "whi", "how", "mani", "much", "me", "give",
    "tell", "pleas", "list", "name", "kind", "sort", "type", "did", "doe", "do", "happen", "s", "t",
    "anyon", "exact", "actual", "realli", "veri", "date", "timelin", "order", "walk", "put", "event",
    "guy", "fella", "bloke", "dude",  # "the defence minister guy who posted online" (demo-dev31)
    "lone",  # "the lone MLS team": the only one (SQuAD)
}  # fmt: skip


class SentenceFacts:
    """Lazily computed facts about the index's sentences, keyed by sentence row."""

    def __init__(self, index: Index, dictionary: frozenset[str] = frozenset()) -> None:
        self.index = index
        self.dictionary = dictionary  # common words, lower-cased: none of them is read as mistyped
        self._values: dict[int, Values] = {}
        self._terms: dict[int, frozenset[str]] = {}
        self._df: dict[str, int] | None = None
        self._folded: set[str] = set()  # known terms without diacritics
        self._near_names: set[str] | None = None  # names the documents use, also with a letter deleted
        self._sounds: dict[str, set[str]] | None = None  # each name, by its spellings two letters shorter
        self._typed: dict[str, set[str]] | None = None  # each word, by its spellings a letter shorter
        self._people: frozenset[str] | None = None  # words of names the documents give a title
        self._ordinals: list[tuple[str, tuple[str, ...]]] | None = None
        self._nations: dict[str, str] | None = None  # nation adjective -> country, see `nations`
        self._designations: dict[str, str] | None = None  # "il20" -> "Il-20", see `respell`
        self._spelt_out: dict[str, str] | None = None  # "mod" -> "Defense Ministry", see `respell`
        self._aliases: list[tuple[str, frozenset[str]]] | None = None  # see `with_aliases`
        self._cased: dict[str, str] | None = (
            None  # lower-cased word -> the capitalised way documents write it
        )

    def text(self, row: int) -> str:
        d, a, b = (int(x) for x in self.index.sentences[row])
        return self.index.documents[self.index.doc_order[d]].text[a:b]

    def doc_id(self, row: int) -> str:
        return self.index.doc_order[int(self.index.sentences[row][0])]

    def values(self, row: int) -> Values:
        if row not in self._values:
            doc = self.index.documents[self.doc_id(row)]
            self._values[row] = read_values(self.text(row), doc.published)
        return self._values[row]

    def terms(self, row: int) -> frozenset[str]:
        if row not in self._terms:
            self._terms[row] = frozenset(self.index.lexical.terms(self.text(row)))
        return self._terms[row]

    def ordinals_said(self) -> list[tuple[str, tuple[str, ...]]]:
        """Every ordinal the documents use, with the phrase it qualifies (`question.ordinal_phrases`)."""
        if self._ordinals is None:
            self._ordinals = [o for d in self.index.documents.values() for o in ordinal_phrases(d.text)]
        return self._ordinals

    def person_words(self) -> frozenset[str]:
        """Words of every name the documents introduce with a title ("Minister", "Dr", "pilot")."""
        if self._people is None:
            self._people = person_words([d.text for d in self.index.documents.values()])
        return self._people

    def capitalised(self) -> dict[str, str]:
        """Words the documents write capitalised inside sentences, by their lower-case form."""
        if self._cased is None:
            self._cased = _capitalised_words(p.text for p in self.index.passages)
        return self._cased

    def nations(self) -> dict[str, str]:
        """Nation adjectives the documents use, each to its country as they write it: "russian" -> "russia",
        "chinese" -> "china", "japanese" -> "japan" (only pairs the documents both write capitalised)."""
        if self._nations is None:
            cased = self.capitalised()
            self._nations = {}
            for word in cased:
                for ending, country_ending in _ADJECTIVE_ENDINGS:
                    if word.endswith(ending) and (country := word[: -len(ending)] + country_ending) in cased:
                        self._nations[word] = country
                        break
        return self._nations

    def respell(self, question: str) -> str:
        """The question's names written as the documents write them, so that the index finds them:
        - a designation typed without its hyphen ("il20", "F35A", "tu95ms"): the documents' "Il-20", which
          the index knows only with its hyphen, as two terms. Only words with a digit that the documents
          write hyphenated. Spoken and transcribed, its parts come apart and its number in words ("il
          twenty", "tu 95 ms", "h six n", demo-dev30): joined when the documents write what they make;
        - a word spelt the other side of the Atlantic ("defence", "programme", "analyze"), as the documents
          spell it, when they use it only that way (demo-dev29, demo-dev31);
        - a word no document uses and no dictionary lists, of six letters or more, one slip of the keyboard
          from one word they use ("snowbaorder", "depedent", "biosmass": SQuAD): that word; or two words a
          document writes apart, typed as one ("Superbowl");
        - a common abbreviation of news writing that no document uses ("the russian MoD", three blind sets
          typed it), spelt out as a document does ("Defense Ministry"). Only typed with two capitals, so that
          "3 pm" stays a time and a sentence's first word a word.
        The rest is left as typed."""
        if self._designations is None:
            self._designations = {
                re.sub(r"[-‑]", "", lower): cased
                for lower, cased in self.capitalised().items()
                if re.search(r"\d", lower) and re.search(r"[-‑]", lower)
            }
        question = _SPOKEN_DESIGNATION.sub(self._joined_designation, question)
        question = re.sub(
            r"\b[A-Za-z]+\d[\w]*\b",
            lambda m: self._designations.get(m.group(0).lower(), m.group(0)),
            question,
        )
        question = re.sub(r"\b[A-Za-z]{5,}\b", self._spelt_as_documents, question)
        question = re.sub(rf"\b[A-Za-z]{{{_MISTYPED_MIN},}}\b", self._mistyped, question)
        spelt_out = self._spelt_out_abbreviations()
        return re.sub(
            r"\b(?=[a-z]*[A-Z][a-z]*[A-Z])[A-Za-z]{2,6}\b",
            lambda m: spelt_out.get(m.group(0).lower(), m.group(0)),
            question,
        )

    def _spelt_as_documents(self, m: re.Match[str]) -> str:
        word = m.group(0)
        used = self._document_frequency()
        if all(t in used for t in self.index.lexical.terms(word)):
            return word
        for pattern, other in _OTHER_SPELLINGS:
            variant = re.sub(pattern, other, word)
            terms = self.index.lexical.terms(variant)
            if variant != word and terms and all(t in used for t in terms):
                return variant
        return word

    def _mistyped(self, m: re.Match[str]) -> str:
        """The one word of the documents a slip of the keyboard away from an unknown word (see `respell`): a
        letter left out, added, swapped with its neighbour or put in another's place, with the same first
        letter, in the case it was typed in; else two words a document writes apart, typed as one. Never a
        word of the `dictionary`, which is a word as typed ("spending" is not "sending", nor "altitude"
        "attitude"); without one, no word is read as mistyped."""
        word = m.group(0)
        lower = word.lower()
        terms = self.index.lexical.terms(word)
        used = self._document_frequency()
        if not terms or any(t in used for t in terms):
            return word
        if not self.dictionary or lower in self.dictionary:
            return self._compound(word)
        if self._typed is None:
            self._typed = {}
            words = {w.lower() for p in self.index.passages for w in re.findall(r"[A-Za-z]{5,}", p.text)}
            for known in words:
                for variant in _deletions(known):
                    self._typed.setdefault(variant, set()).add(known)
        near = {k for v in _deletions(lower) for k in self._typed.get(v, ()) if k[0] == lower[0]}
        near = {k for k in near if _edits(lower, k) == 1}
        if len(near) != 1:
            return self._compound(word)
        (known,) = near
        return known.capitalize() if word[:1].isupper() else known

    def _compound(self, word: str) -> str:
        """Two words the documents write apart, typed as one ("Superbowl": "Super Bowl", "onboard": "on
        board"), as a document writes them; else the word as typed. Only passages holding both words' terms
        are read for the pair."""
        used = self._document_frequency()
        lexical = self.index.lexical
        for i in range(2, len(word) - 2):
            left, right = word[:i], word[i:]
            terms = [lexical.terms(part) for part in (left, right)]
            if not any(terms) or not all(t in used for ts in terms for t in ts):
                continue  # a stopword is a word ("on board"), but one part at least must be a term
            holding = np.logical_and.reduce(
                [lexical.scores(part) > 0 for part, ts in zip((left, right), terms, strict=True) if ts]
            )
            pattern = re.compile(rf"\b{left}\s+{right}\b", re.IGNORECASE)
            for row in np.flatnonzero(holding):
                if found := pattern.search(self.index.passages[row].text):
                    return found.group(0)
        return word

    def _joined_designation(self, m: re.Match[str]) -> str:
        """ "tu 95 ms" -> "Tu-95MS", "il twenty" -> "Il-20", "f 35 as" -> "F-35As"; else as said."""
        said = m.group("number")
        found = (int(said), False) if said.isdigit() else number_value(re.split(r"[\s-]+", said))
        if found is None:
            return m.group(0)
        stem = f"{m.group('letters').lower()}{found[0]}"
        tail = m.group("tail") or ""
        ways = [(stem + tail.lower(), "")]  # the letters after are the designation's: "tu 95 ms"
        if tail.lower().endswith("s"):
            ways.append((stem + tail.lower()[:-1], "s"))  # its plural: "f 35 as"
        ways.append((stem, f" {tail}" if tail else ""))  # a word after it: "il 20 flight"
        for key, rest in ways:
            if key in self._designations:
                return self._designations[key] + rest
        return m.group(0)

    def _spelt_out_abbreviations(self) -> dict[str, str]:
        """Each abbreviation of `_ABBREVIATIONS` that no document writes, to the first of its long forms that
        one does (in the document's own capitals)."""
        if self._spelt_out is None:
            self._spelt_out = {}
            texts = [plain(d.text) for d in self.index.documents.values()]
            for short, longs in _ABBREVIATIONS.items():
                if any(re.search(rf"\b{re.escape(short)}\b", t, re.IGNORECASE) for t in texts):
                    continue
                for long in longs:
                    found = next(
                        (m for t in texts if (m := re.search(rf"\b{re.escape(long)}\b", t, re.IGNORECASE))),
                        None,
                    )
                    if found:
                        self._spelt_out[short] = found.group(0)
                        break
        return self._spelt_out

    def with_aliases(self, terms: frozenset[str]) -> frozenset[str]:
        """A sentence's terms with those of the abbreviations the documents define: "Super Bowl MVP" also says
        "most valuable player", and "the AFC championship game" also "american football conference", so
        that either matches a question that writes the other (the question's own terms stay as typed)."""
        if self._aliases is None:
            self._aliases = []
            for d in self.index.documents.values():
                for short, long in defined_abbreviations(d.text):
                    short_terms = self.index.lexical.terms(short)
                    long_terms = frozenset(self.index.lexical.terms(long))
                    if long_terms and len(short_terms) == 1:
                        self._aliases.append((short_terms[0], long_terms))
        out = set(terms)
        for short, long in self._aliases:
            if short in terms:
                out |= long
            elif long <= terms:
                out.add(short)
        return frozenset(out)

    def of_another_nation(self, question: str, row: int) -> bool:
        """Is the sentence about another nation's thing than the one asked of? For "where was the Chinese
        intelligence ship heading", "the Russian electronic intelligence ship Kareliya ... via the Tsushima
        Strait" is about another ship. Only when the question puts one nation before its subject and the
        sentence puts another nation, and never the asked one, before that same noun."""
        nations = self.nations()
        asked = _nation_nouns(plain(question), nations)
        if len({country for country, _ in asked}) != 1:
            return False  # none, or "the Russian and Chinese bombers": things of both
        said = _nation_nouns(plain(self.text(row)), nations)
        for country, nouns in asked:
            before_same = {c for c, ns in said if nouns & ns}
            if before_same and country not in before_same:
                return True
        return False

    def truecase(self, question: str) -> str:
        """An all-lower-case question ("what did china's foreign ministry say") with the words the documents
        write capitalised inside their sentences written so again ("China's"): the rules that tell a name
        by its capital then read a casually typed question as they read a carefully typed one. A word no
        document uses that is two letters or fewer from one name they capitalise, and from no other, is
        that name heard and spelt as it sounds ("korelia", "newsweak": demo-dev30's transcribed speech). A
        question with any capital letter is left as its writer typed it: a name typed with a capital that no
        document uses is one they do not mention."""
        if question != question.lower():
            return question
        cased = self.capitalised()
        return re.sub(r"[\w‑-]+", lambda m: cased.get(m.group(0)) or self._heard_as(m.group(0)), question)

    def _heard_as(self, word: str) -> str:
        """The one capitalised name of the documents two edits or fewer from `word`, else `word`."""
        terms = self.index.lexical.terms(word)
        used = self._document_frequency()
        if len(word) < _HEARD_MIN or not word.isalpha() or not terms or any(t in used for t in terms):
            return word
        if self._sounds is None:
            self._sounds = {}
            for name in self.capitalised():
                if len(name) >= _HEARD_MIN - 1 and name.isalpha():
                    for variant in _two_deletions(name):
                        self._sounds.setdefault(variant, set()).add(name)
        near = {n for v in _two_deletions(word) for n in self._sounds.get(v, ()) if n[0] == word[0]}
        ranked = sorted((_edits(word, n), n) for n in near)
        ranked = [(d, n) for d, n in ranked if d <= 2]
        if not ranked or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
            return word
        return self.capitalised()[ranked[0][1]]

    def previous(self, row: int) -> int | None:
        """The sentence before this one in the same document, if the index holds it."""
        if row <= 0 or self.index.sentences[row - 1][0] != self.index.sentences[row][0]:
            return None
        return row - 1

    def beside(self, row: int) -> list[int]:
        """The sentences just before and after `row` in its paragraph (no line break between them)."""
        out = []
        for a, b in ((row - 1, row), (row, row + 1)):
            if a < 0 or b >= len(self.index.sentences):
                continue
            (da, _, end), (db, start, _) = self.index.sentences[a], self.index.sentences[b]
            if da == db and "\n" not in self.index.documents[self.doc_id(a)].text[int(end) : int(start)]:
                out.append(a if b == row else b)
        return out

    def opens_with_pronoun(self, row: int) -> bool:
        """Does the sentence's subject come first and is it a pronoun ("It took off", "They said")?
        Then the sentence before it is quoted too, so the reader knows who "it" is."""
        return bool(_SUBJECT_PRONOUN.match(self.text(row)))

    def leans_back(self, row: int) -> bool:
        """Does the sentence name its subject by a pronoun ("it", "that year") or a common noun ("The stadium
        opened in 2014.") whose referent is in the sentence before?"""
        text = self.text(row)
        return bool(_PRONOUN_START.match(text) or _DEFINITE_START.match(text))

    def idf(self, term: str) -> float:
        """Inverse passage frequency; a term the corpus never uses weighs the most."""
        df = self._document_frequency()
        n = max(1, len(self.index.passages))
        return math.log(1 + n / (1 + df.get(term, 0)))

    def abbreviates(self, term: str) -> bool:
        """Is the term a clipped form of one the documents use ("intel" of "intelligence", "admin" of
        "administration")? Only five letters or more, clipped by three or more, so that "speed" is not
        taken for "speedy" nor "land" for "landmark"."""
        if len(term) < 5:
            return False
        return any(t.startswith(term) and len(t) >= len(term) + 3 for t in self._document_frequency())

    def derives(self, term: str) -> bool:
        """Is the term another form of one the documents use, sharing all but its last three letters and at
        least `_DERIVED_MIN` ("topological" of "topology", "evolutionist" of "evolution", "monarchs" of
        "monarchy")? A question about "the Earth's topological features" is about what the documents say
        of topology. Words of the near misses share far less with the documents' ("speed", "altitude",
        "captain": three letters at most on the demo sets)."""
        if len(term) < _DERIVED_MIN:
            return False
        need = max(_DERIVED_MIN, len(term) - 3)
        return any(t[:need] == term[:need] for t in self._document_frequency() if len(t) >= need)

    def known(self, term: str) -> bool:
        """Does some document use the term, spelt without diacritics ("Gospic" is the documents'
        "Gospić") or, for a name, one letter apart ("Karistadt" is their "Karlstadt", "Counil" the
        "Council" of "Warsaw City Council")? A misspelt name is not a name no document mentions. Only
        names the documents capitalise are matched loosely, and only terms of `_NEAR_MIN` letters or more:
        ordinary words one letter apart are often different words ("altitude", "attitude")."""
        if term in self._document_frequency():
            return True
        folded = fold(term)
        self._spellings()
        if folded in self._folded:
            return True
        return len(folded) >= _NEAR_MIN and any(v in self._near_names for v in _deletions(folded))

    def _spellings(self) -> None:
        """Every known term folded to ASCII; every capitalised one, also with each letter deleted."""
        if self._near_names is not None:
            return
        self._folded = {fold(t) for t in self._document_frequency()}
        near: set[str] = set()
        for p in self.index.passages:
            for t in set(self.index.lexical.terms(" ".join(_CAPITALISED.findall(p.text)))):
                f = fold(t)
                near |= _deletions(f) if len(f) >= _NEAR_MIN - 1 else {f}
        self._near_names = near

    def _document_frequency(self) -> dict[str, int]:
        if self._df is None:
            df: dict[str, int] = {}
            for p in self.index.passages:
                for t in set(self.index.lexical.terms(p.text)):
                    df[t] = df.get(t, 0) + 1
            self._df = df
        return self._df


# Words for a people or a region's people: who someone is, not a name ("Russian", "Japanese").
DEMONYMS = frozenset(
    """
    afghan african albanian algerian american arab argentine argentinian armenian asian australian austrian
    azerbaijani belarusian belgian brazilian british bulgarian burmese cambodian canadian chilean chinese
    colombian croatian cuban czech danish dutch egyptian emirati english estonian ethiopian european filipino
    finnish french georgian german ghanaian greek hungarian icelandic indian indonesian iranian iraqi irish
    israeli italian japanese jordanian kazakh kenyan korean kuwaiti latvian lebanese libyan lithuanian
    malaysian mexican mongolian moroccan nepalese nigerian norwegian pakistani palestinian peruvian polish
    portuguese qatari romanian russian saudi scottish serbian singaporean slovak somali soviet spanish
    sudanese swedish swiss syrian taiwanese thai tibetan turkish ukrainian uzbek venezuelan vietnamese welsh
    western eastern northern southern yemeni
    """.split()
)
_NEAR_MIN = 5  # letters a term needs before a one-letter slip is forgiven
_DERIVED_MIN = 6  # letters a term shares with a document's before it is taken for another form of it
_WORD = re.compile(r"[\w‑-]+")  # without apostrophes: "China’s" is read as "China"
_LINKING = {"and", "or", "the", "a", "an", "of", "in", "on", "to", "with", "by", "for", "from", "at"}
_WORD_WITH_APOSTROPHES = re.compile(r"[\w‑'’-]+")


def _nation_nouns(text: str, nations: dict[str, str]) -> list[tuple[str, set[str]]]:
    """(country, the words of the next three) for each nation adjective: "the Chinese intelligence ship
    heading" gives ("china", {"intelligence", "ship", "heading"})."""
    words = [w.lower().removesuffix("'s").removesuffix("’s") for w in _WORD_WITH_APOSTROPHES.findall(text)]
    return [
        (nations[w], set(words[i + 1 : i + 4]) - DEMONYMS - _LINKING)
        for i, w in enumerate(words)
        if w in nations
    ]


def _capitalised_words(texts) -> dict[str, str]:
    """Words written capitalised inside sentences more often than in lower case, by their lower-case form
    ("china" -> "China"; "china's" is read as "china" and "'s"); a headline's "Fighter" is outnumbered by "fighter"."""
    upper: dict[str, dict[str, int]] = {}
    lower: dict[str, int] = {}
    for text in texts:
        for m in _WORD.finditer(text):
            word = m.group(0)
            if word.islower():
                lower[word] = lower.get(word, 0) + 1
        for found in _CAPITALISED.findall(text):
            word = _WORD.match(found).group(0)
            forms = upper.setdefault(word.lower(), {})
            forms[word] = forms.get(word, 0) + 1
    return {
        low: max(forms, key=forms.get)
        for low, forms in upper.items()
        if sum(forms.values()) > lower.get(low, 0)
    }


_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})


def fold(term: str) -> str:
    """The term without diacritics: "gospić" -> "gospic", "płock" -> "plock", "müntzer" -> "muntzer"."""
    decomposed = unicodedata.normalize("NFKD", term.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _two_deletions(term: str) -> set[str]:
    """The term and every spelling of it with one or two letters deleted (two terms two edits apart share
    one)."""
    return {d2 for d1 in _deletions(term) for d2 in _deletions(d1)}


def _edits(a: str, b: str) -> int:
    """Insertions, deletions, substitutions and swaps of two neighbours that turn `a` into `b`."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, prev2[j - 2] + 1)
            row.append(cost)
        prev2, prev = prev, row
    return prev[-1]


def _deletions(term: str) -> set[str]:
    """The term and every spelling of it with one letter deleted: two terms share one of these when
    they are at most one insertion, deletion or substitution apart."""
    return {term} | {term[:i] + term[i + 1 :] for i in range(len(term))}


def defined_abbreviations(text: str) -> list[tuple[str, str]]:
    """Every abbreviation the text defines, with its long form: "the NFL Most Valuable Player (MVP)" gives
    ("MVP", "Most Valuable Player"), the capitalised words before the brackets whose initials spell it."""
    found = []
    for m in _DEFINED.finditer(text):
        words, short = m.group(1).split(), m.group(2)
        capitals = [i for i, w in enumerate(words) if w[0].isupper()][-len(short) :]
        if len(capitals) == len(short) and "".join(words[i][0] for i in capitals) == short:
            found.append((short, " ".join(words[capitals[0] :])))
    return found


def topic_terms(index: Index, question: str) -> list[str]:
    """The question's stemmed content terms, without its frame words ("what", "how many", ...)."""
    return [t for t in dict.fromkeys(index.lexical.terms(question)) if t not in QUESTION_WORDS]


def same_stem(a: str, b: str) -> bool:
    """Stems of one word, allowing a country for its people ("russia"/"russian", "china"/"chines")."""
    if a == b:
        return True
    shared = len(os.path.commonprefix([a, b]))
    return shared >= 4 and shared >= min(len(a), len(b)) - 1
