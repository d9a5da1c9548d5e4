"""A pronoun-led answer is quoted together with its antecedent sentence, as one verbatim citation."""

from __future__ import annotations

import pytest

from citeqa.config import Settings
from citeqa.corpus.document import Document
from citeqa.index.store import Index
from citeqa.qa.assistant import Assistant

TEXT = (
    "The Halvorsen Bridge crosses the Tessel river north of Marrow. "
    "It opened to traffic in 1962 after six years of construction. "
    "The old ferry across the river stopped running soon after. "
    "Tolls on the crossing were abolished in 1990."
)


@pytest.fixture(scope="module")
def bridge(embedder) -> Assistant:
    settings = Settings()
    docs = [Document("bridge", TEXT, title="Halvorsen Bridge", source="test")]
    return Assistant(Index.build(docs, settings, embedder), embedder, settings)


def test_pronoun_led_answer_is_one_citation_of_the_two_sentence_slice(bridge):
    answer = bridge.ask("When did the Halvorsen Bridge open to traffic?")
    assert not answer.abstained
    first = answer.citations[0]
    text = bridge.index.documents["bridge"].text
    assert first.quote == text[first.start : first.end]
    assert first.quote.startswith("The Halvorsen Bridge crosses")
    assert first.quote.endswith("construction.")
    assert "1962" in first.quote
    view = next(p for p in answer.passages if p.passage_id == first.passage_id)
    assert view.start <= first.start and first.end <= view.end
    assert answer.timeline and answer.timeline[0].citation == first.n  # read from the answering sentence


def test_only_the_sentence_just_before_is_joined(bridge):
    question = "When did the Halvorsen Bridge open to traffic?"
    opened = next(c for c in bridge.deliberate(question).candidates if "1962" in bridge.facts.text(c.row))
    assert bridge._joined_with_lead(opened.row - 1, opened) is not None
    assert bridge._joined_with_lead(opened.row + 1, opened) is None


def test_a_pronoun_sentence_ranked_after_its_lead_takes_the_leads_place(assistant):
    # "Japan also separately recorded a reconnaissance flight by a Russian Il-20 aircraft." read best word by
    # word; "On 26 January, it took off ..." follows it and is quoted with it, as one first quote.
    answer = assistant.ask("On what day did the Il-20 make its reconnaissance flight?")
    first = answer.citations[0].quote
    assert first.startswith("Japan also separately recorded") and "On 26 January, it took off" in first
    assert not any("Japan also separately" in c.quote for c in answer.citations[1:])


ARENA = (
    "The 2031 final was played at Varga Arena in the city of Holmsted. "
    "The $900 million arena opened in 2027 after a public vote. "
    "Tickets for the final sold out within an hour. "
    "The city also hosted a semi-final in 2019."
)


def test_a_sentence_naming_its_subject_by_a_common_noun_is_quoted_with_the_sentence_naming_it(embedder):
    # "The $900 million arena opened in 2027." is chosen for the name its lead gives ("Varga Arena"): the
    # reader must see that name in the quote, or it answers a question about some arena.
    settings = Settings()
    docs = [Document("arena", ARENA, title="Varga Arena", source="test")]
    arena = Assistant(Index.build(docs, settings, embedder), embedder, settings)
    answer = arena.ask("When did Varga Arena open?")
    assert not answer.abstained
    first = answer.citations[0]
    assert first.quote == ARENA[first.start : first.end]
    assert first.quote.startswith("The 2031 final was played at Varga Arena")
    assert first.quote.endswith("after a public vote.")
    assert answer.timeline and answer.timeline[0].date.startswith("2027")
