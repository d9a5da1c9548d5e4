"""`citeqa bench` runs end to end on tiny inputs (no timing assertions: speed goals live in the bench)."""

from __future__ import annotations

import argparse
import json

import numpy as np

from citeqa.eval.bench import (
    add_bench_command,
    bench_scale,
    parse_factories,
    synthetic_vectors,
    table,
    timed_build,
)


def test_synthetic_vectors_are_unit_and_not_copies():
    rng = np.random.default_rng(0)
    base = rng.standard_normal((50, 16)).astype(np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    x = synthetic_vectors(base, 300)
    assert x.shape == (300, 16) and x.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(x, axis=1), 1.0, atol=1e-5)
    assert (x @ base.T).max(axis=1).mean() < 0.999  # noise: not the base vectors again
    assert np.array_equal(x, synthetic_vectors(base, 300))  # seeded


def test_scale_reports_recall_latency_and_size():
    rng = np.random.default_rng(1)
    base = rng.standard_normal((100, 32)).astype(np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    out = bench_scale(3000, base, base[:5], ["Flat", "IVF32,SQ8"], n_queries=8)
    assert out["indexes"]["Flat"]["recall_at_10"] == 1.0
    ivf = out["indexes"]["IVF32,SQ8"]
    assert 0.0 < ivf["recall_at_10"] <= 1.0 and ivf["size_mb"] > 0 and ivf["p50_ms"] >= 0


def test_parse_factories():
    assert parse_factories("Flat;auto;HNSW32,SQ8") == ["Flat", "auto", "HNSW32,SQ8"]
    assert parse_factories("IVF1024,SQ8") == ["IVF1024,SQ8"]


def test_timed_build_splits_model_and_overhead(embedder):
    from citeqa.config import Settings
    from citeqa.corpus.document import Document

    docs = [Document(id="a", text="One fact here. Another one.", title="A")]
    _, numbers = timed_build(docs, Settings(), embedder)
    assert numbers["passages"] >= 1 and 0.0 < numbers["model_share"] <= 1.0


def test_bench_command_smoke(tmp_path, capsys):
    parser = argparse.ArgumentParser()
    add_bench_command(parser.add_subparsers())
    out = tmp_path / "bench.json"
    args = parser.parse_args(
        ["bench", "--no-scifact", "--scale", "2000", "--queries", "3", "--out", str(out)]
        + ["--scale-factories", "Flat;IVF16,SQ8"]
    )
    assert args.run(args) == 0
    report = json.loads(out.read_text())
    demo = report["corpora"]["demo"]
    assert demo["passages"] > 0 and demo["index_bytes"] > 0 and demo["ask_ms"]["n"] == 3
    assert set(report["scale"]["indexes"]) == {"Flat", "IVF16,SQ8"}
    assert "demo" in capsys.readouterr().out
    assert "scale" in table(report)
