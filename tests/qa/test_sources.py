"""A question that names its source is answered from that source alone (qa/sources.py)."""

import pytest

from citeqa.corpus.demo import demo_corpus
from citeqa.qa.sources import Sources


@pytest.fixture(scope="module")
def sources():
    return Sources({d.id: d for d in demo_corpus()})


@pytest.mark.parametrize(
    ("question", "doc_id", "rest"),
    [
        (
            "According to Newsweek, for how long did the Kareliya operate near Japan?",
            "newsweek",
            "For how long did the Kareliya operate near Japan?",
        ),
        (
            "in which years did china and russia fly joint air patrols, per the chinese site?",
            "toutiao",
            "in which years did china and russia fly joint air patrols?",
        ),
        (
            "How many F-35A are going to Misawa according to newsweek",
            "newsweek",
            "How many F-35A are going to Misawa",
        ),
        # The naming is the question's own frame: it stays.
        (
            "What does the Chinese article say about Russia's protest?",
            "toutiao",
            "What does the Chinese article say about Russia's protest?",
        ),
        # The source opens the question: the rest is what it is asked.
        (
            "the chinese site says japan used which jets to intercept the bombers?",
            "toutiao",
            "japan used which jets to intercept the bombers?",
        ),
        (
            "give me newsweek's timeline of the ship's moves",
            "newsweek",
            "give me newsweek's timeline of the ship's moves",
        ),
        # an interview with an outlet is what the outlet reported (demo-dev28); "X version" closes (demo-dev26)
        (
            "In his interview with Newsweek, what did Koizumi say the operations were aimed at?",
            "newsweek",
            "What did Koizumi say the operations were aimed at?",
        ),
        (
            "run me kareliya's movements start to finish, newsweek version",
            "newsweek",
            "run me kareliya's movements start to finish",
        ),
        # the language a source is written in names it; a colon ends the naming phrase (demo-dev29)
        (
            "Per the Chinese-language write-up, what day were the Tu-95MS intercepted?",
            "toutiao",
            "What day were the Tu-95MS intercepted?",
        ),
        (
            "Using the Newsweek-based article, describe the movements of the Kareliya in order.",
            "newsweek",
            "Describe the movements of the Kareliya in order.",
        ),
        (
            "Sequence Kareliya's movements per Newsweek: arrival, southwestern islands, exit",
            "newsweek",
            "Sequence Kareliya's movements: arrival, southwestern islands, exit",
        ),
    ],
)
def test_a_named_source_picks_its_documents(sources, question, doc_id, rest):
    scope = sources.named(question)
    assert scope is not None
    assert scope.doc_ids == {doc_id}
    assert scope.rest == rest


@pytest.mark.parametrize(
    "question",
    [
        # A speaker inside the documents, not a document.
        "According to Japan's Joint Staff, did the flights stay in international airspace?",
        # Which article is a guess.
        "Which bombers are deployed in the Far East, per that article?",
        "What was the per capita income in 2010?",
        # A speaker who opens the question is not a source.
        "Japan says the bombers stayed in international airspace?",
    ],
)
def test_other_phrases_scope_nothing(sources, question):
    assert sources.named(question) is None


def test_the_answer_quotes_only_the_named_source_and_reports_no_disagreement(assistant):
    # The story page dates the same stay "Jan 7-24": asked for Newsweek's figure, that is no disagreement.
    answer = assistant.ask("According to Newsweek, for how long did the Kareliya operate near Japan?")
    assert not answer.abstained
    assert answer.scope == ("newsweek",)
    assert {c.doc_id for c in answer.citations} == {"newsweek"}
    assert not answer.conflicts


def test_without_a_named_source_every_document_may_be_quoted(assistant):
    answer = assistant.ask("How long did the Kareliya operate near Japan?")
    assert answer.scope == ()
    assert len({c.doc_id for c in answer.citations}) > 1


def test_a_follow_up_keeps_to_the_source_the_conversation_named(assistant):
    history = [
        "What does the Chinese article say about Russia's protest to Japan?",
        "Which Russian bombers are deployed in the Far East, per that article?",
    ]
    answer = assistant.ask("Where have most of their crews been sent?", history)
    assert answer.scope == ("toutiao",)
    assert "Ukraine battlefield" in answer.citations[0].quote
    assert not answer.conflicts
    # A question that does not lean on the conversation starts afresh.
    assert assistant.ask("Where did the Kareliya go after the Tsushima Strait?", history).scope == ()


def test_as_a_source_tells_it(sources):
    scope = sources.named("Lay out the Kareliya's movements in January step by step, as Newsweek tells it")
    assert scope is not None and scope.doc_ids == {"newsweek"}
    assert scope.rest == "Lay out the Kareliya's movements in January step by step"


def test_a_question_naming_two_sources_is_answered_from_both(sources):
    scope = sources.named(
        "Compare how the news summary page and the article from the Chinese news site describe where the "
        "bombers were flying."
    )
    assert scope is not None and scope.doc_ids == {"story", "toutiao"}
    assert "Chinese news site" not in scope.rest and "describe where the bombers were flying" in scope.rest
