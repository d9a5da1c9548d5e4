"""The eval report: one JSON document (settings, model, index, metrics, per-query rows, timings), a plain-text
table of it, and a side-by-side comparison of two reports with per-query wins and losses."""

from __future__ import annotations

import json
import math
import os
import platform
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from citeqa.config import Settings
from citeqa.errors import ConfigError
from citeqa.eval.datasets import EvalSet
from citeqa.eval.runner import QuestionRun

REPORT_VERSION = 1
RANKING_NOTE = (
    "documents are ranked by their best passage (MaxP): passages are retrieved, and each document takes "
    "the fused score of its highest-ranked passage; ties are broken by passage rank and scores made "
    "strictly decreasing by 1e-9 steps"
)


def build_report(
    *,
    evalset: EvalSet,
    settings: Settings,
    index_manifest: Any,
    index_origin: str,
    runs: Sequence[QuestionRun],
    retrieval_means: Mapping[str, float] | None,
    retrieval_rows: Mapping[str, Mapping[str, float]],
    answer_summary: Mapping[str, float | int] | None,
    answer_rows: Mapping[str, Mapping[str, float]],
    depth: int,
    timings: Mapping[str, float],
    command: Sequence[str],
    limit: int | None,
) -> dict[str, Any]:
    questions = {q.id: q for q in evalset.questions}
    judged = [q for q in evalset.questions if q.relevant]
    per_query = []
    for run in runs:
        q = questions[run.id]
        row: dict[str, Any] = {"id": q.id, "question": q.question, "kind": q.kind}
        if q.history:
            row["history"] = list(q.history)
        if run.searched_for != q.question:
            row["searched_for"] = run.searched_for
        if run.id in retrieval_rows:
            row["retrieval"] = {k: round(v, 6) for k, v in retrieval_rows[run.id].items()}
        row["gold_docs"] = sorted(q.relevant)
        row["top_docs"] = [d for d, _ in run.ranking[:10]]
        row["documents_retrieved"] = len(run.ranking)
        if run.abstained is not None:
            row["abstained"] = run.abstained
            row["answer"] = run.answer_text
            row["quotes"] = [{"doc_id": c.doc_id, "start": c.start, "end": c.end} for c in run.quotes]
        if run.id in answer_rows:
            row["answer_metrics"] = dict(answer_rows[run.id])
        per_query.append(row)
    m = index_manifest
    run_ids = {r.id for r in runs}
    empty = sum(1 for r in runs if not r.ranking)
    short = sum(1 for r in runs if 0 < len(r.ranking) < depth)
    return {
        "report_version": REPORT_VERSION,
        "name": evalset.name,
        "source": evalset.source,
        "command": "citeqa " + " ".join(command),
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": machine(),
        "code": code_version(),
        "settings": _jsonable(asdict(settings)),
        "model": asdict(m.model),
        "index": {
            "origin": index_origin,
            "documents": m.documents,
            "passages": m.passages,
            "sentences": m.sentences,
            "chunk": asdict(m.chunk),
            "faiss_factory": m.faiss_factory,
            "built_seconds": m.built_seconds,
            "build_timings": dict(m.timings),
        },
        "ranking": RANKING_NOTE,
        "run_depth_documents": depth,
        "counts": {
            "questions_in_set": len(evalset.questions) if limit is None else None,
            "questions_run": len(runs),
            "limit": limit,
            "judged_queries": len([q for q in judged if q.id in run_ids]),
            "queries_evaluated": len(retrieval_rows),
            "queries_with_empty_run": empty,
            "queries_with_fewer_documents_than_depth": short,
            "corpus_documents_skipped": evalset.skipped_documents,
        },
        "notes": list(evalset.notes),
        "metrics": {
            "retrieval": dict(retrieval_means or {}),
            "answers": dict(answer_summary or {}),
        },
        "timings": {k: round(v, 3) if isinstance(v, float) else v for k, v in timings.items()},
        "per_query": per_query,
    }


def machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": _cpu_name(),
        "cpus": os.cpu_count(),
    }


def code_version() -> dict[str, Any]:
    """The git commit of the checkout the code runs from, and whether it had uncommitted changes."""
    import subprocess

    root = Path(__file__).resolve().parents[1]
    try:
        commit = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return {}
    return {"commit": commit, "uncommitted_changes": bool(dirty)} if commit else {}


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    return value


def write_report(report: Mapping[str, Any], path: str | Path) -> Path:
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        raise ConfigError(f"--out {path}: {exc.strerror or exc}") from exc
    return path


def read_report(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"--compare {path}: not a readable report ({exc})") from exc
    if not isinstance(report, dict) or "metrics" not in report or "per_query" not in report:
        raise ConfigError(f"--compare {path}: not a citeqa eval report (no metrics/per_query)")
    return report


# ---- text ---------------------------------------------------------------------------------------------


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return "nan" if math.isnan(value) else f"{value:.4f}"
    return str(value)


def format_table(report: Mapping[str, Any]) -> str:
    """A plain two-column table of the metrics, with the counts and timings a reader checks first."""
    lines = [f"citeqa eval: {report['name']} ({report['source']}), model {report['model']['name']}"]
    s = report["settings"]["retrieval"]
    lines.append(f"retrieval: mode={s['mode']} fusion={s['fusion']} top_k={s['top_k']}")
    c = report["counts"]
    lines.append(
        f"questions run {c['questions_run']}, judged {c['judged_queries']}, evaluated {c['queries_evaluated']}, "
        f"empty runs {c['queries_with_empty_run']}"
    )
    rows = [(f"retrieval {k}", v) for k, v in report["metrics"]["retrieval"].items()]
    rows += [(f"answers {k}", v) for k, v in report["metrics"]["answers"].items() if not k.startswith("n_")]
    width = max((len(k) for k, _ in rows), default=10)
    lines.append("-" * (width + 12))
    for key, value in rows:
        n = report["metrics"]["answers"].get(f"n_{key.removeprefix('answers ')}")
        lines.append(f"{key:<{width}}  {_fmt(value):>8}" + (f"  (n={n})" if n is not None else ""))
    lines.append("-" * (width + 12))
    t = report["timings"]
    lines.append(
        f"time: total {t.get('total_s', 0):.1f} s (index {t.get('index_s', 0):.1f} s, "
        f"search {t.get('search_s', 0):.1f} s, answers {t.get('answer_s', 0):.1f} s)"
    )
    return "\n".join(lines)


def _flat_metrics(report: Mapping[str, Any]) -> dict[str, float]:
    out = {}
    for group, values in report["metrics"].items():
        for k, v in values.items():
            if not k.startswith("n_"):
                out[f"{group} {k}"] = v
    return out


def _per_query_values(report: Mapping[str, Any]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for row in report["per_query"]:
        values = {f"retrieval {k}": v for k, v in row.get("retrieval", {}).items()}
        for k, v in row.get("answer_metrics", {}).items():
            if k in {"answer_recall@1", "answer_recall@3", "f1", "no_answer_correct", "sides_covered"}:
                values[f"answers {k}"] = v
        out[str(row["id"])] = values
    return out


def compare(a: Mapping[str, Any], b: Mapping[str, Any]) -> dict[str, Any]:
    """Means side by side, and per metric how many shared queries B wins, loses and ties against A."""
    ma, mb = _flat_metrics(a), _flat_metrics(b)
    qa, qb = _per_query_values(a), _per_query_values(b)
    shared = [q for q in qa if q in qb]
    rows = []
    for key in [k for k in ma if k in mb] + [k for k in mb if k not in ma]:
        wins = losses = ties = 0
        for q in shared:
            if key in qa[q] and key in qb[q]:
                d = qb[q][key] - qa[q][key]
                wins += d > 1e-12
                losses += d < -1e-12
                ties += abs(d) <= 1e-12
        rows.append(
            {
                "metric": key,
                "a": ma.get(key),
                "b": mb.get(key),
                "delta": (mb[key] - ma[key]) if key in ma and key in mb else None,
                "b_wins": wins,
                "b_losses": losses,
                "ties": ties,
            }
        )
    return {
        "a": a.get("command", ""),
        "b": b.get("command", ""),
        "same_queries": len(shared),
        "only_in_a": len(qa) - len(shared),
        "only_in_b": len([q for q in qb if q not in qa]),
        "rows": rows,
    }


def format_compare(result: Mapping[str, Any], name_a: str, name_b: str) -> str:
    lines = [f"A: {name_a}  ({result['a']})", f"B: {name_b}  ({result['b']})"]
    lines.append(
        f"shared queries {result['same_queries']}, only in A {result['only_in_a']}, only in B {result['only_in_b']}"
    )
    width = max((len(r["metric"]) for r in result["rows"]), default=10)
    lines.append(
        f"{'metric':<{width}}  {'A':>8}  {'B':>8}  {'B-A':>8}  {'B wins':>6}  {'B loses':>7}  {'ties':>5}"
    )
    for r in result["rows"]:
        a = _fmt(r["a"]) if r["a"] is not None else "-"
        b = _fmt(r["b"]) if r["b"] is not None else "-"
        d = f"{r['delta']:+.4f}" if r["delta"] is not None else "-"
        lines.append(
            f"{r['metric']:<{width}}  {a:>8}  {b:>8}  {d:>8}  {r['b_wins']:>6}  {r['b_losses']:>7}  {r['ties']:>5}"
        )
    return "\n".join(lines)
