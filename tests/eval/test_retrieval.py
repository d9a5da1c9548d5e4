"""Retrieval metric plumbing (ranx underneath) on tiny runs scored on paper, MaxP document runs, TREC runs."""

import math

import pytest

from citeqa.eval.retrieval import (
    documents_by_best_passage,
    evaluate_runs,
    read_trec_run,
    strictly_decreasing,
    write_trec_run,
)

QRELS = {"q1": {"d1": 1, "d2": 1}, "q2": {"d3": 1}, "q3": {"d4": 1}}
RUNS = {
    "q1": [("x", 0.9), ("d1", 0.8), ("y", 0.7), ("d2", 0.6)],
    "q2": [("d3", 0.5)],
    "q3": [],  # nothing retrieved: must still count, as zero
}


def test_means_and_per_query_match_paper():
    """On paper, binary relevance, DCG = sum rel / log2(rank + 1):

    q1: relevant at ranks 2 and 4. DCG = 1/log2(3) + 1/log2(5) = 0.63093 + 0.43068 = 1.06161;
        IDCG (two relevant) = 1 + 1/log2(3) = 1.63093; nDCG@10 = 0.65092. Recall@10 = 2/2 = 1.
        MRR@10 = 1/2 (first relevant at rank 2).
    q2: the one relevant at rank 1: nDCG 1, recall 1, MRR 1.
    q3: empty run: all 0. It stays in the mean (3 queries, not 2).
    Means: nDCG@10 = (0.65092 + 1 + 0) / 3 = 0.55031; Recall@10 = 2/3; MRR@10 = 1.5 / 3 = 0.5.
    """
    means, per_query = evaluate_runs(QRELS, RUNS)
    q1 = (1 / math.log2(3) + 1 / math.log2(5)) / (1 + 1 / math.log2(3))
    assert per_query["q1"]["ndcg@10"] == pytest.approx(q1)
    assert q1 == pytest.approx(0.65092, abs=1e-5)
    assert per_query["q1"]["mrr@10"] == pytest.approx(0.5)
    assert per_query["q2"] == pytest.approx({"ndcg@10": 1, "recall@10": 1, "recall@100": 1, "mrr@10": 1})
    assert per_query["q3"] == {"ndcg@10": 0, "recall@10": 0, "recall@100": 0, "mrr@10": 0}
    assert set(per_query) == {"q1", "q2", "q3"}
    assert means["ndcg@10"] == pytest.approx((q1 + 1) / 3)
    assert means["recall@10"] == pytest.approx(2 / 3)
    assert means["mrr@10"] == pytest.approx(0.5)


def test_cutoffs_10_and_100():
    """The only relevant document at rank 11: outside every @10 metric (all 0), inside Recall@100 (1)."""
    run = {"q": [(f"n{i}", 1.0 - i / 100) for i in range(10)] + [("g", 0.5)]}
    means, _ = evaluate_runs({"q": {"g": 1}}, run)
    assert means == {"ndcg@10": 0.0, "recall@10": 0.0, "recall@100": 1.0, "mrr@10": 0.0}


def test_query_missing_from_runs_scores_zero_and_unjudged_run_is_ignored():
    """A judged query absent from the runs counts as zero; a run for an unjudged query is left out."""
    means, per_query = evaluate_runs({"a": {"d": 1}, "b": {"d": 1}}, {"a": [("d", 1.0)], "zz": [("d", 1.0)]})
    assert set(per_query) == {"a", "b"}
    assert means["ndcg@10"] == pytest.approx(0.5)


def test_graded_relevance_zero_is_not_relevant():
    """A qrels line with relevance 0 is judged non-relevant: the relevant doc at rank 2 gives MRR 1/2."""
    means, _ = evaluate_runs({"q": {"a": 0, "b": 1}}, {"q": [("a", 2.0), ("b", 1.0)]})
    assert means["mrr@10"] == pytest.approx(0.5)


def test_documents_ranked_by_best_passage():
    """Passages (doc, score) best first: d1 twice counts once, at its best; depth caps the documents."""
    hits = [("d1", 0.9), ("d2", 0.8), ("d1", 0.7), ("d3", 0.6), ("d4", 0.5)]
    assert documents_by_best_passage(hits, 3) == [("d1", 0.9), ("d2", 0.8), ("d3", 0.6)]


def test_ties_become_strictly_decreasing_in_rank_order():
    """Equal scores (frequent with RRF) are lowered by 1e-9 per place, so re-sorting keeps our order."""
    out = strictly_decreasing([("a", 0.5), ("b", 0.5), ("c", 0.5), ("d", 0.1)])
    assert [d for d, _ in out] == ["a", "b", "c", "d"]
    scores = [s for _, s in out]
    assert all(x > y for x, y in zip(scores, scores[1:], strict=False))
    assert scores[2] == pytest.approx(0.5 - 2e-9, abs=1e-12)


def test_trec_run_round_trip(tmp_path):
    """Six columns `qid Q0 docid rank score tag`, ranks from 1; reading it back gives the same ranking."""
    runs = {"q1": strictly_decreasing([("d1", 0.5), ("d2", 0.5)]), "q2": [("d9", 3.25)], "q3": []}
    path = write_trec_run(tmp_path / "run.trec", runs, tag="test")
    lines = path.read_text().splitlines()
    assert lines[0].split() == ["q1", "Q0", "d1", "1", "0.5", "test"]
    assert lines[1].split()[:4] == ["q1", "Q0", "d2", "2"]
    assert lines[2] == "q2 Q0 d9 1 3.25 test"
    assert len(lines) == 3
    back = read_trec_run(path)
    assert back["q1"] == runs["q1"] and back["q2"] == runs["q2"]
