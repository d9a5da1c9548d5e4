"""The best candidate sentences are read word by word: the question's topic words matched in each
(`qa/match.py`), and the best few put in the order of their scores plus a share of that match
(`AnswerSettings.match_weight`)."""

from dataclasses import replace

from citeqa.qa.assistant import Assistant

QUESTION = "Which fighters escorted the Tu-95MS bombers?"


def _with(assistant, **answer):
    settings = replace(assistant.settings, answer=replace(assistant.settings.answer, **answer))
    return Assistant(assistant.index, assistant.embedder, settings)


def test_frame_words_weigh_nothing_and_rare_words_most(assistant):
    tokenizer = assistant.embedder.tokenizer
    pieces = tokenizer.convert_ids_to_tokens(tokenizer(QUESTION, add_special_tokens=False)["input_ids"])
    weights = dict(zip(pieces, assistant.match.weights(QUESTION).tolist(), strict=True))
    assert weights["which"] == weights["the"] == weights["?"] == 0.0
    assert weights["escorted"] > 0 and weights["bombers"] > 0
    assert weights["escorted"] > weights["bombers"]  # "bombers" is in many of the demo's sentences


def test_a_sentence_that_says_the_asked_words_matches_best(assistant):
    said = "Russian Tu-95MS bombers flew over the Sea of Japan, escorted by Su-35S fighters."
    unrelated = "The Chinese intelligence ship transited the Miyako Strait into the Philippine Sea."
    near, far = assistant.match.scores(QUESTION, [said, unrelated])
    assert near > far + 0.2
    assert assistant.match.scores(QUESTION, []) == []
    assert assistant.match.scores("what is it?", [said]) == [0.0]  # no topic word: nothing to match


def test_only_the_head_moves_and_keeps_its_scores(assistant):
    off = _with(assistant, match_weight=0.0).deliberate(QUESTION).candidates
    on = _with(assistant, match_weight=0.7, match_depth=4).deliberate(QUESTION).candidates
    assert {c.row for c in on[:4]} == {c.row for c in off[:4]}
    assert [c.score for c in on] == [c.score for c in off]  # the scale min_score was calibrated on
    assert [c.row for c in on[4:]] == [c.row for c in off[4:]]


def test_the_escorts_are_quoted_first(assistant):
    answer = assistant.ask("Which fighter jets were flying escort for the Tu-95MS bombers?")
    assert "Su‑35S" in answer.citations[0].quote
