"""A question spoken to a voice assistant and transcribed reads as if it had been typed (demo-dev30)."""

import pytest

from citeqa.qa.spoken import as_written, number_value


@pytest.mark.parametrize(
    ("said", "typed"),
    [
        ("on the twenty third of january", "on 23 january"),
        ("january twenty third", "january 23"),
        (
            "from december twenty twenty five through january twenty twenty six",
            "from december 2025 through january 2026",
        ),
        ("how many of the forty eight fighters", "how many of the 48 fighters"),
        ("back in nineteen oh five", "back in 1905"),
        ("what's the um air launched missile", "what's the air launched missile"),
        # one word stays a word, as the documents write it
        ("the first patrol of three groups", "the first patrol of three groups"),
        ("which one", "which one"),
        (
            "What year did the Broncos win for the third time?",
            "What year did the Broncos win for the third time?",
        ),
    ],
)
def test_numbers_said_in_words_are_written_in_digits(said, typed):
    assert as_written(said) == typed


def test_number_value_reads_years_compounds_and_ordinals():
    assert number_value(["twenty", "twenty", "four"]) == (2024, False)
    assert number_value(["ninety", "five"]) == (95, False)
    assert number_value(["twenty", "third"]) == (23, True)
    assert number_value(["twenty", "twenty", "four", "one"]) is None


def test_a_designation_said_aloud_is_the_documents_name(assistant):
    respell, truecase = assistant.facts.respell, assistant.facts.truecase
    assert respell(as_written("how long was the il twenty up")) == "how long was the Il-20 up"
    assert respell(as_written("the tu ninety five ms bombers")) == "the Tu-95MS bombers"
    assert respell("the h six n and the su 35 s") == "the H\u20116N and the Su\u201135S"
    assert respell("when do the f 35 as arrive") == "when do the F-35As arrive"
    # typed with its hyphen, it is already the documents' name (and keeps the question in lower case)
    assert respell("the tu-95 flight") == "the tu-95 flight"
    # a name heard and spelt as it sounds, two letters from one the documents write
    assert truecase("after korelia left the islands") == "after Kareliya left the islands"
    assert truecase("what did newsweak say") == "what did Newsweek say"
