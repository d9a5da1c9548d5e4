"""Who did what to whom: answers that state the question's relation, not only its words (qa/roles.py)."""

import pytest

from citeqa.qa.values import is_person, person_words, read_values, without_titles


@pytest.mark.parametrize(
    "question",
    [
        # Russia protested against Japan: the roles are the other way round.
        "Did Japan lodge a protest with Russia about the bomber flight?",
        # The documents name aircraft and ministries, never a pilot or a crew member.
        "What were the names of the crews of the Tu-95 bombers?",
        "Who piloted the Japanese F-15s on January 23?",
        # The toutiao article only says it is "the personal views of the author".
        "Who authored the toutiao piece?",
        # A reporter's checks (demo-dev33): the protest was Russia's; no leaker and no speaker is named.
        "Can you confirm who delivered Japan's formal diplomatic protest to Moscow over the bomber flights?",
        "Who leaked the Kareliya tracking data to Newsweek?",
        'Attribution for the "no limits" description of the Moscow–Beijing partnership — who said it?',
    ],
)
def test_abstains_when_no_sentence_states_the_relation(assistant, question):
    assert assistant.ask(question).abstained


@pytest.mark.parametrize(
    ("question", "quoted"),
    [
        ("Did Russia protest to Japan about the interception?", "protest"),
        ("Did Japan scramble fighter jets against the Russian bombers?", "scramble"),
        ("What is the name of Japan's defense minister?", "Koizumi"),
        ("Who is the Japanese defense minister?", "Koizumi"),
        # attributed by "as per" and "confirmed", not by a verb of saying
        ("Who says China has been supplying parts for Russian ammunition?", "as per Ukraine"),
        (
            "Attribution for the line that the Russian flights stayed in international airspace?",
            "Joint Staff",
        ),
        ("Can you confirm who protested against Japan?", "Russian Defense Ministry"),
    ],
)
def test_answers_when_a_sentence_states_it(assistant, question, quoted):
    answer = assistant.ask(question)
    assert not answer.abstained
    assert any(quoted in c.quote for c in answer.citations)


def test_missing_line_says_which_relation_is_unstated(assistant):
    answer = assistant.ask("Did Japan file a formal diplomatic protest with Moscow over the bomber flights?")
    assert answer.abstained
    assert "whether Japan did file a formal diplomatic protest" in answer.missing


def test_titles_mark_people_and_are_left_out_of_their_names():
    sentence = "Defense Minister Shinjiro Koizumi spoke, and later Koizumi met the News Weekly editors."
    people = person_words([sentence])
    assert {"shinjiro", "koizumi"} <= people and "news" not in people
    names = {n.text: n for n in read_values(sentence).names}
    assert without_titles("Defense Minister Shinjiro Koizumi") == "Shinjiro Koizumi"
    assert is_person(names["Defense Minister Shinjiro Koizumi"], sentence, frozenset())
    assert is_person(names["Koizumi"], sentence, people)  # titled elsewhere
    assert not is_person(names["News Weekly"], sentence, people)
