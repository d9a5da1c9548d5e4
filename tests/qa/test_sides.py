"""Every source's side of a disagreement is shown, even when a source gives it only in a headline."""

from __future__ import annotations

from citeqa.qa.question import DURATION, PLACE, read_question
from citeqa.qa.select import is_statement
from citeqa.qa.values import durations, read_values

HEADLINE = "Russian intelligence ship operates near Japan for nearly two weeks"


def test_how_long_asks_for_a_duration_and_a_late_where_for_a_place():
    assert read_question("How long did the ship stay?").expects == DURATION
    assert read_question("Once it left the islands, where did the ship go?").expects == PLACE


def test_a_count_of_time_units_and_a_date_range_are_both_durations_in_days():
    assert durations(read_values(HEADLINE)) == {"14 days": "two weeks"}
    assert list(durations(read_values("Jan 7-24, 2026 – the ship patrols the islands."))) == ["17 days"]
    assert durations(read_values("The ship carried three boats.")) == {}


def test_a_headline_is_the_only_source_of_its_side(assistant):
    assert not is_statement(HEADLINE)
    answer = assistant.ask("For how long did the Kareliya stay near Japan?")
    quotes = {c.doc_id: [] for c in answer.citations}
    for c in answer.citations:
        quotes[c.doc_id].append(c.quote)
    assert any("two weeks" in q for q in quotes.get("newsweek", []))
    assert any("7‑24" in q for q in quotes.get("story", []))
    assert answer.conflicts and answer.conflicts[0].kind == DURATION
    assert answer.answer.startswith("Sources disagree:")


def test_where_did_it_go_asks_for_a_destination_new_to_the_question():
    from citeqa.qa.question import carries_answer

    form = read_question("After its stay near Japan, where did the ship head?")
    assert form.expects == PLACE and form.destination
    assert carries_answer(form, read_values("It then sailed into the Sea of Japan."))
    assert not carries_answer(form, read_values("It stayed near Japan for weeks."))
    assert not read_question("Where was the ship built?").destination


def test_a_destination_disagreement_shows_both_places(assistant):
    answer = assistant.ask("After its patrol near Japan's southwestern islands, where did the Kareliya head?")
    assert {c.doc_id for c in answer.citations} >= {"story", "newsweek"}
    assert answer.conflicts and answer.conflicts[0].kind == PLACE
    assert set(answer.conflicts[0].values) == {"Sea of Japan", "Russia’s Far East"}
