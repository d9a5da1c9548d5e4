"""`citeqa eval --check`: the comparison on synthetic numbers, and one tiny end-to-end run (3 documents)."""

import json
import math

import pytest

from citeqa.cli import main
from citeqa.errors import ConfigError
from citeqa.eval.regressions import (
    Regression,
    check,
    drifts,
    measured_metrics,
    read_regressions,
    write_regressions,
)

REG = Regression("tiny", ("--beir", "x"), {"retrieval ndcg@10": 0.7267, "retrieval mrr@10": 0.6947}, 0.002)


def report(ndcg: float, mrr: float = 0.6947) -> dict:
    return {"metrics": {"retrieval": {"ndcg@10": ndcg, "mrr@10": mrr}, "answers": {}}}


def test_within_tolerance_is_no_drift():
    for ndcg in (0.7267, 0.7250, 0.7287, 0.7247):
        assert drifts(REG, measured_metrics(report(ndcg))) == []


@pytest.mark.parametrize("ndcg", [0.7246, 0.7288, 0.0, 1.0, math.nan])
def test_outside_tolerance_is_one_drift_naming_metric_and_values(ndcg):
    (drift,) = drifts(REG, measured_metrics(report(ndcg)))
    assert drift.metric == "retrieval ndcg@10" and drift.expected == 0.7267
    line = drift.message()
    assert (
        "\n" not in line and line.startswith("tiny: retrieval ndcg@10") and "expected 0.7267 ± 0.002" in line
    )


def test_a_missing_metric_is_a_drift():
    (drift,) = drifts(REG, {"retrieval ndcg@10": 0.7267})
    assert drift.measured is None and "not in the report" in drift.message()


def test_file_round_trip_and_one_line_errors(tmp_path):
    path = tmp_path / "r.yaml"
    write_regressions(path, [REG])
    assert read_regressions(path) == [REG]
    assert path.read_text().startswith("# Regression checks")
    path.write_text("tiny:\n  args: [--beir, x, --out, r.json]\n  expected: {a: 1}\n")
    with pytest.raises(ConfigError, match=r"--check .*tiny: 'args' may not hold --out"):
        read_regressions(path)
    path.write_text("tiny:\n  args: [--beir, x]\n  expected: {a: high}\n")
    with pytest.raises(ConfigError, match="must be numbers"):
        read_regressions(path)


def test_check_exits_1_per_drift_and_update_writes_the_measured_values(tmp_path, capsys):
    path = tmp_path / "r.yaml"
    other = Regression("other", ("--set", "y"), {"retrieval ndcg@10": 0.5})
    write_regressions(path, [REG, other])
    runs = {("--beir", "x"): report(0.7100), ("--set", "y"): report(0.5)}

    assert check(path, lambda args: runs[tuple(args)]) == 1
    err = capsys.readouterr().err
    assert "tiny: retrieval ndcg@10 0.7100, expected 0.7267" in err and "other: ok" in err
    assert "expected {retrieval ndcg@10: 0.71}" in err  # the suggested value
    assert check(path, lambda args: runs[tuple(args)], only=["other"]) == 0
    with pytest.raises(ConfigError, match="--only nope"):
        check(path, lambda args: runs[tuple(args)], only=["nope"])

    assert check(path, lambda args: runs[tuple(args)], update=True) == 0
    assert read_regressions(path)[0].expected == {"retrieval ndcg@10": 0.71, "retrieval mrr@10": 0.6947}
    assert read_regressions(path)[1] == other
    assert check(path, lambda args: runs[tuple(args)]) == 0


def _tiny_beir(folder):
    docs = [
        ("d1", "Ships", "The spy ship entered the strait on Monday and left on Friday."),
        ("d2", "Bombers", "Two long-range bombers flew over the sea, escorted by fighters."),
        ("d3", "Rice", "Rice prices rose after the poor harvest in the north."),
    ]
    queries = [("q1", "when did the spy ship leave the strait"), ("q2", "why did rice prices rise")]
    folder.mkdir()
    (folder / "corpus.jsonl").write_text(
        "".join(json.dumps({"_id": i, "title": t, "text": x}) + "\n" for i, t, x in docs)
    )
    (folder / "queries.jsonl").write_text(
        "".join(json.dumps({"_id": i, "text": x}) + "\n" for i, x in queries)
    )
    (folder / "qrels").mkdir()
    (folder / "qrels" / "test.tsv").write_text("query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td3\t1\n")


def test_check_through_the_cli_on_a_tiny_benchmark(tmp_path, capsys):
    _tiny_beir(tmp_path / "tiny")
    path = tmp_path / "r.yaml"
    write_regressions(
        path, [Regression("tiny", ("--beir", str(tmp_path / "tiny")), {"retrieval ndcg@10": 0.3})]
    )
    assert main(["eval", "--check", str(path), "--no-cache"]) == 1
    assert "tiny: retrieval ndcg@10 1.0000, expected 0.3000" in capsys.readouterr().err
    assert main(["eval", "--check", str(path), "--no-cache", "--update"]) == 0
    assert read_regressions(path)[0].expected == {"retrieval ndcg@10": 1.0}
    assert main(["eval", "--check", str(path), "--no-cache"]) == 0
    assert main(["eval", "--set", str(path), "--update"]) == 2
    assert "--update go with --check" in capsys.readouterr().err
