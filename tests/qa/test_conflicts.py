"""Conflicts a careful reader trusts: no "Sources disagree" over look-alike names, lists or a vaguer date on a
question that asks for none; the genuine disagreements of the demo set are still reported."""

from citeqa.qa.conflicts import _date_differences, _demonym, _heading_like, _part_of, _shape
from citeqa.qa.values import read_values


def _conflicts(assistant, question, history=()):
    return assistant.ask(question, list(history)).conflicts


def test_demonyms_and_headings_are_no_names(assistant):
    # Was: 'X; Russian; Chinese' against a headline's 'Sent Fighter Jets; Intercept Tu-95 Bombers; ...'.
    answer = assistant.ask("who is japan's defense minister", [])
    assert not answer.conflicts and not answer.answer.startswith("Sources disagree")


def test_a_ship_name_and_a_sea_fill_different_roles(assistant):
    assert not _conflicts(assistant, "Name of the Chinese spy ship that went through the Miyako Strait?")


def test_a_list_of_years_holding_the_date_is_no_disagreement(assistant):
    # "Jul 23, 2019" against "in 2019, 2021, 2022, and 2024": the list's best match, 2019, holds the date.
    assert not _conflicts(assistant, "When did Russia and China fly their very first joint bomber patrol?")


def test_a_vaguer_date_is_no_disagreement(assistant):
    # The story gives "Jan 2026", Newsweek "26 January": one is vaguer, and both may be quoted.
    assert not _conflicts(assistant, "What kind of Russian reconnaissance plane flew over northern Japan?")
    assert not _conflicts(assistant, "What date was the Il-20 reconnaissance flight over the Sea of Okhotsk?")


def test_a_range_and_its_ends_written_apart_agree(assistant):
    history = ["Which Russian spy ship was operating near Japan in January?"]
    assert not _conflicts(assistant, "When did it stop patrolling the southwestern islands?", history)


def test_a_place_both_sentences_share_with_the_question(assistant):
    q = "Which countries' fighters intercepted the joint Russian-Chinese bombers near Alaska?"
    assert not _conflicts(assistant, q)


def test_genuine_disagreements_are_still_reported(assistant):
    dates = _conflicts(assistant, "When did the Russian spy ship Kareliya pass through the Tsushima Strait?")
    assert [c.kind for c in dates] == ["date"]
    place = _conflicts(
        assistant, "Once it was done near Japan's southwestern islands, where did the Kareliya go?"
    )
    assert [c.kind for c in place] == ["place"]
    assert {v for c in place for v in c.values} == {"Sea of Japan", "Russia’s Far East"}
    who = _conflicts(assistant, "Who made the January 23 Tu-95MS bomber flight public?")
    assert who and "News Weekly" in who[0].values[0]


def test_date_rules():
    assert _date_differences({"2026-01-07": ""}, {"2026-01-25": ""}) == (
        {"2026-01-07": ""},
        {"2026-01-25": ""},
    )
    assert _date_differences({"2026-01-26": "a"}, {"2026-01": "b"}) == ({}, {})
    ranges = {"2026-01-12/2026-01-24": ""}
    assert _date_differences(ranges, {"2026-01-12": "", "2026-01-24": ""}) == ({}, {})
    listed = {"2019": "", "2021": "", "2022": "", "2024": ""}
    assert _date_differences({"2019-07-23": ""}, listed) == ({}, {})
    only_a, only_b = _date_differences({"2018-05-01": ""}, listed)
    assert only_a and only_b  # no date of the list matches: still a disagreement


def test_name_rules():
    assert _demonym("Russian") and _demonym("Japanese") and _demonym("Americans") and not _demonym("Kareliya")
    assert _heading_like(
        "Russian Defense Ministry Rarely Protested Japan, Sent Fighter Jets to Intercept Tu-95 Bombers, "
        "Sending a Secret Message to China!"
    )
    assert not _heading_like(
        "From 25 January to 26 January, it transited from the East China Sea to the Sea of Japan via the "
        "Tsushima Strait."
    )
    assert _part_of("Japan", "Japanese Air Self-Defense Force F-15s") and _part_of(
        "Koizumi", "Shinjiro Koizumi"
    )
    assert not _part_of("East China Sea", "South China Sea")
    assert _shape("Su-35S") != _shape("News Weekly")


def _two_paragraph_assistant(embedder, second_title):
    from citeqa.config import Settings
    from citeqa.corpus.document import Document
    from citeqa.index.store import Index
    from citeqa.qa.assistant import Assistant

    docs = [
        Document(
            id="a-0",
            title="Harbour history",
            source="Wiki",
            text="The harbour bridge opened in 1932 after years of work.",
        ),
        Document(
            id="a-1",
            title=second_title,
            source="Wiki",
            text="The harbour bridge opened in 1934 after a long delay.",
        ),
    ]
    return Assistant(Index.build(docs, Settings(), embedder), embedder, Settings())


def test_one_source_does_not_disagree_with_itself(embedder):
    # Two paragraphs of one article (same title and source) are one source; two articles are two.
    question = "When did the harbour bridge open?"
    same = _two_paragraph_assistant(embedder, "Harbour history").ask(question)
    other = _two_paragraph_assistant(embedder, "Bridges of the city").ask(question)
    assert {c.doc_id for c in same.citations} == {c.doc_id for c in other.citations} == {"a-0", "a-1"}
    assert not same.conflicts
    assert other.conflicts and other.answer.startswith("Sources disagree")


def test_a_place_named_after_one_the_question_says_is_still_compared(assistant):
    # "Sea of Japan" is a place of its own, not an echo of the question's "Japan".
    q = "Where were the Russian Tu-95s flying when they were intercepted by Japan on January 23?"
    place = _conflicts(assistant, q)
    assert [c.kind for c in place] == ["place"]
    assert {v for c in place for v in c.values} == {"Western Pacific", "Sea of Japan"}


def test_the_places_a_question_offers_to_choose_from_are_asked_not_given(assistant):
    q = "Where were the Tu-95MS operating when Japan intercepted them on 23 Jan? Sea of Japan or further out?"
    place = _conflicts(assistant, q)
    assert {v for c in place for v in c.values} == {"Western Pacific", "Sea of Japan"}


def test_where_something_heads_is_not_where_it_is(assistant):
    # Newsweek places the strait "between the Korean Peninsula and the Japanese archipelago"; the story's
    # Kareliya "heads toward Russia's Far East" after it: a destination, not another answer to "where is".
    answer = assistant.ask("Where is the Tsushima Strait?")
    assert "Korean Peninsula" in answer.citations[0].quote
    assert not answer.conflicts


def test_another_source_is_a_side_of_the_first_one_only_when_it_speaks_of_the_first(assistant):
    # The story dates the first joint bomber patrol; toutiao only says such patrols were repeated.
    answer = assistant.ask("When was the very first Russia-China joint bomber patrol flown?")
    assert not answer.abstained and "2019" in answer.citations[0].quote
    assert not answer.conflicts


def test_a_strait_or_a_place_west_of_one_is_no_name_asked_for(assistant):
    # The Kareliya sentence names the Tsushima Strait; Newsweek's Il-20 took off "west of Hokkaido".
    question = "whats the name of the russian spy ship that was hanging around japan in january?"
    assert not _conflicts(assistant, question)


def test_a_lone_ordinal_is_no_name():
    # "the First and Second Island Chains" gave a place "First" that other sentences lacked (demo-dev)
    names = [n.text for n in read_values("its deployment between the First and Second Island Chains").names]
    assert names == ["Second Island Chains"]
    assert [n.text for n in read_values("The First Amendment was passed.").names] == ["First Amendment"]


def test_another_nations_ship_is_no_other_side(assistant):
    # The Russian ship Kareliya's strait is no other side of where the Chinese intelligence ship went (demo-dev)
    answer = assistant.ask("Where was the Chinese intelligence ship heading after the Miyako Strait?")
    assert not answer.abstained and not answer.conflicts
    # ... and the Kareliya's own destinations still disagree between the sources
    assert assistant.ask(
        "After its patrol near Japan's southwestern islands, where did the Kareliya head?"
    ).conflicts


def test_which_strait_compares_straits(assistant):
    # The story's Kareliya "enters ... via the Tsushima Strait on Jan 7"; Newsweek's "first entered the East
    # China Sea on 7 January": a sea is no other answer to "which strait" (demo-dev15)
    question = "which strait did it take to get into the sea of japan?"
    history = ["what russian intelligence ship was operating near japan in january 2026?"]
    answer = assistant.ask(question, history)
    assert any("Tsushima Strait" in c.quote for c in answer.citations)
    assert not answer.conflicts
    # ... and two ships' straits in sentences that share the rest of their route are not two answers (demo-dev5)
    assert not assistant.ask(
        "Which strait did it pass through?",
        ["Which Chinese intelligence ship was spotted near Japan in January?"],
    ).conflicts


def test_a_country_is_no_name_of_a_thing(assistant):
    # "Russia and China simultaneously deployed ...": China is not the name of the Russian spy ship (demo-dev15)
    answer = assistant.ask(
        "what was the name of the russian electronic spy ship tracked near japan this january?"
    )
    assert any("Kareliya" in c.quote for c in answer.citations)
    assert not answer.conflicts


def test_who_is_the_minister_compares_people_only(assistant):
    # "posts on X" names a platform, "Moscow and Beijing" two capitals: neither is another minister (demo-dev9)
    q = "Who is the Japanese defence minister that warned the Russian and Chinese moves look like intelligence gathering?"
    assert not assistant.ask(q).conflicts
