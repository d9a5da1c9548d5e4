"""Counts the value readers must see (so a "how many" answer is not vetoed) and misspelt names that are
still names the documents mention (so the question is not refused as being about something unknown)."""

import re
from types import SimpleNamespace

import pytest

from citeqa.qa.facts import SentenceFacts, fold
from citeqa.qa.question import carries_answer, read_question
from citeqa.qa.values import read_values


@pytest.mark.parametrize(
    ("question", "sentence", "fits"),
    [
        # A figure that opens a compound counts its second half, singular or plural.
        ("How many yards did the punt travel?", "Norwood received Nortman's short 28-yard punt.", True),
        ("How many years had he played?", "Davis, an 11-year veteran, broke his arm.", True),
        # The counted noun right before the number, or one linking word before it.
        ("How many interceptions did the defense get?", "It led the NFL in interceptions with 24.", True),
        # Counts without a figure.
        ("How many lakes are there in Warsaw?", "There are also several lakes in Warsaw.", True),
        (
            "How many biomolecules contain no oxygen?",
            "Only a few common biomolecules contain no oxygen.",
            True,
        ),
        # A number counting something else is still no answer, wherever the counted noun stands.
        (
            "How many Japanese fighter jets were scrambled on January 23?",
            "Japan scrambles fighter jets to intercept three groups of Russian bombers.",
            False,
        ),
        ("How many sailors were aboard?", "The ship, with sailors aboard, sailed 300 miles.", False),
    ],
)
def test_counts(question, sentence, fits):
    assert carries_answer(read_question(question), read_values(sentence)) is fits


def test_rough_counts_are_not_compared():
    values = read_values("There are several lakes and 12 ponds.")
    assert [q.value for q in values.quantities] == [12.0]
    assert [q.text for q in values.rough] == ["several"]


def test_compound_reads_its_unit():
    (q,) = read_values("McManus kicked a 33-yard field goal.").quantities
    assert (q.text, q.value, q.counts[:2]) == ("33", 33.0, ("yard", "field"))


def _facts(*texts: str) -> SentenceFacts:
    lexical = SimpleNamespace(terms=lambda text: [w.lower() for w in re.findall(r"[\w’'-]+", text)])
    index = SimpleNamespace(passages=[SimpleNamespace(text=t) for t in texts], lexical=lexical)
    return SentenceFacts(index)  # type: ignore[arg-type]


def test_misspelt_names_are_known():
    facts = _facts(
        "In 1879 Tesla was returned to Gospić under guard.",
        "Andreas Karlstadt led the reform, in the Warsaw City Council and in Płock.",
        "The pilot kept a steady attitude.",
    )
    assert fold("płock") == "plock"
    assert facts.known("gospic")  # the documents write it with a diacritic
    assert facts.known("karistadt")  # one letter apart from a name the documents capitalise
    assert facts.known("counil")
    # Ordinary words one letter apart are different words, and short names are matched exactly.
    assert not facts.known("altitude")
    assert not facts.known("plok")
    assert not facts.known("zwickau")
