"""Answer metrics on hand-made answers, with the expected values worked out in each docstring."""

import pytest

from citeqa.eval.answers import Quote, exact_match, f1, normalize_answer, question_scores, summarize
from citeqa.eval.datasets import EvalQuestion, Side, Span

Q = EvalQuestion(id="q", question="Who?", answers=("Koizumi",), gold_docs={"story": 1})


def quote(doc, text, passage=None, start=-1, end=-1):
    return Quote(doc, text, passage if passage is not None else text, start, end)


def test_recall_at_1_and_3():
    """Gold 'Koizumi' is in the 2nd distinct quote only: recall@1 = 0, recall@3 = 1. The first sentence is
    cited twice (two citations, one sentence), so it counts once when taking the first 3 sentences."""
    quotes = [
        quote("story", "The minister spoke.", start=0, end=19),
        quote("newsweek", "The minister spoke.", start=0, end=19),
        quote("story", "It was KOIZUMI.", start=20, end=35),
    ]
    row = question_scores(Q, False, quotes)
    assert row["answer_recall@1"] == 0.0
    assert row["answer_recall@3"] == 1.0
    assert row["citations"] == 3 and row["supported_citations"] == 1
    assert row["gold_doc_citations"] == 2


def test_abstention_scores():
    """Abstaining on an answerable question: recall 0, no-answer accuracy 0. On a no-answer question: 1."""
    assert question_scores(Q, True, [])["answer_recall@3"] == 0.0
    assert question_scores(Q, True, [])["no_answer_correct"] == 0.0
    none = EvalQuestion(id="n", question="Pilot's name?", kind="no-answer")
    assert question_scores(none, True, []) == {"no_answer_correct": 1.0, "abstained_on_no_answer": 1.0}
    assert question_scores(none, False, [quote("story", "x")])["no_answer_correct"] == 0.0


def test_summary_micro_averages_citation_precision():
    """Two questions: 1 of 3 citations and 2 of 2 supported -> precision (1 + 2) / (3 + 2) = 0.6, not the
    mean of 1/3 and 1 (0.667). Recall@1 mean = (0 + 1) / 2."""
    rows = {
        "a": {"answer_recall@1": 0.0, "citations": 3.0, "supported_citations": 1.0, "no_answer_correct": 1.0},
        "b": {"answer_recall@1": 1.0, "citations": 2.0, "supported_citations": 2.0, "no_answer_correct": 1.0},
    }
    s = summarize(rows)
    assert s["citation_precision"] == pytest.approx(0.6)
    assert s["answer_recall@1"] == 0.5 and s["n_answer_recall@1"] == 2


def test_disagreement_needs_every_side_from_its_own_document():
    """Side A's value cited from A's document, side B's value quoted but from A's document: not covered."""
    q = EvalQuestion(
        id="d",
        question="How many?",
        kind="sources-disagree",
        answers=("48", "40"),
        gold_docs={"a": 1, "b": 1},
        sides=(Side("a", ("48",)), Side("b", ("40",))),
    )
    assert question_scores(q, False, [quote("a", "48 jets"), quote("a", "not 40")])["sides_covered"] == 0.0
    assert question_scores(q, False, [quote("a", "48 jets"), quote("b", "40 jets")])["sides_covered"] == 1.0


def test_span_recall_requires_the_gold_span():
    """SQuAD gold span [10, 17) in doc p: a quote [0, 30) of p holds it; the same words elsewhere do not."""
    q = EvalQuestion(
        id="s", question="?", answers=("Denver",), gold_docs={"p": 1}, spans=(Span("p", 10, 17, "Denver"),)
    )
    row = question_scores(
        q, False, [quote("other", "Denver", start=0, end=30), quote("p", "x Denver", start=0, end=30)]
    )
    assert row["span_recall@1"] == 0.0 and row["span_recall@3"] == 1.0
    assert row["answer_recall@1"] == 1.0


def test_squad_official_normalisation_em_f1():
    """normalize('The  Denver Broncos!') = 'denver broncos'. F1 of 'Denver Broncos won' vs 'the Denver
    Broncos': 2 shared tokens, precision 2/3, recall 2/2 -> F1 = 2 * (2/3 * 1) / (2/3 + 1) = 0.8."""
    assert normalize_answer("The  Denver Broncos!") == "denver broncos"
    assert exact_match("Denver Broncos.", "the Denver Broncos") == 1.0
    assert f1("Denver Broncos won", "the Denver Broncos") == pytest.approx(0.8)
    assert f1("nothing", "Denver") == 0.0


def test_timeline_recall_and_order():
    """Three events; the answer quotes the 2nd date before the 1st and never the 3rd: recall 2/3, and the
    one pair of found events is out of order: order 0."""
    q = EvalQuestion(
        id="t",
        question="Timeline?",
        kind="timeline",
        answers=("2019",),
        events=(("2019", "a"), ("2020", "b"), ("2021", "c")),
    )
    row = question_scores(q, False, [quote("s", "in 2020 b"), quote("s", "in 2019 a")])
    assert row["timeline_event_recall"] == pytest.approx(2 / 3)
    assert row["timeline_order"] == 0.0


def test_false_disagreement_rate_and_reported_disagreements():
    """Four answered questions: a factual one that reports a conflict (false), a factual one that does not, a
    flagged factual one that reports one (not false: its sources disagree), a sources-disagree one that
    reports one. An abstention is no answer and is not counted. False rate = 1/2; reported = 2/2."""
    fact = EvalQuestion(id="f", question="Who?", answers=("x",))
    flagged = EvalQuestion(id="g", question="Who?", answers=("x",), disagree=True)
    disagree = EvalQuestion(id="d", question="When?", kind="sources-disagree", answers=("x",))
    none = EvalQuestion(id="n", question="Who?", kind="no-answer")
    rows = {
        "f1": question_scores(fact, False, [quote("a", "x")], True),
        "f2": question_scores(fact, False, [quote("a", "x")], False),
        "g": question_scores(flagged, False, [quote("a", "x")], True),
        "d": question_scores(disagree, False, [quote("a", "x")], True),
        "n": question_scores(none, True, [], False),
    }
    assert rows["f1"]["false_disagreement"] == 1.0 and "disagreement_reported" not in rows["f1"]
    assert "false_disagreement" not in rows["g"] and rows["g"]["disagreement_reported"] == 1.0
    assert "false_disagreement" not in rows["n"]
    out = summarize(rows)
    assert out["false_disagreement_rate"] == 0.5 and out["n_false_disagreement_rate"] == 2
    assert out["disagreement_reported"] == 1.0 and out["n_disagreement_reported"] == 2


def test_an_unanswered_no_answer_question_that_reports_a_conflict_is_false():
    """A no-answer question answered anyway with "Sources disagree" counts as a false disagreement."""
    none = EvalQuestion(id="n", question="Who?", kind="no-answer")
    assert question_scores(none, False, [quote("a", "x")], True)["false_disagreement"] == 1.0
    assert "false_disagreement" not in question_scores(none, False, [quote("a", "x")])


def test_disagree_flag_is_read_from_the_set(tmp_path):
    from citeqa.eval.datasets import load_set

    path = tmp_path / "s.jsonl"
    path.write_text(
        '{"id": "a", "question": "Q?", "answers": ["x"], "gold_docs": ["d"], "disagree": true}\n'
        '{"id": "b", "question": "Q?", "answers": ["x"], "gold_docs": ["d"]}\n',
        encoding="utf-8",
    )
    a, b = load_set(path).questions
    assert a.disagree and not b.disagree
