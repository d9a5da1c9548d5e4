"""Retrieval metrics by ranx (not by hand), document runs from passage hits, and the TREC run format.

Benchmarks such as BEIR judge documents, while citeqa retrieves passages: a document is ranked by its best
passage (MaxP). Scores written to a run are made strictly decreasing in rank order (a tie is lowered by 1e-9
per place), so that any tool that re-sorts by score, trec_eval included, sees exactly our ranking.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from pathlib import Path

from ranx import Qrels, Run, evaluate

from citeqa.errors import ConfigError

METRICS = ("ndcg@10", "recall@10", "recall@100", "mrr@10")
TIE_STEP = 1e-9

DocRanking = list[tuple[str, float]]  # (doc id, score), best first


def documents_by_best_passage(hits: Iterable[tuple[str, float]], depth: int) -> DocRanking:
    """Passage hits (doc id, score), best first, to at most `depth` documents ranked by their best passage.

    The passage order is kept as given (the retriever's order), so the first passage of a document is its
    best; scores are then made strictly decreasing (see the module docstring).
    """
    ranking: dict[str, float] = {}
    for doc_id, score in hits:
        if doc_id not in ranking:
            ranking[doc_id] = float(score)
            if len(ranking) == depth:
                break
    return strictly_decreasing(list(ranking.items()))


def strictly_decreasing(ranking: DocRanking) -> DocRanking:
    out: DocRanking = []
    for doc_id, score in ranking:
        if out and not score < out[-1][1]:
            score = out[-1][1] - TIE_STEP
        out.append((doc_id, score))
    return out


def evaluate_runs(
    qrels: Mapping[str, Mapping[str, int]],
    runs: Mapping[str, DocRanking],
    metrics: Iterable[str] = METRICS,
) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    """ranx means and per-query scores over every query of `qrels`.

    A query absent from `runs` or with an empty ranking scores zero (it is added empty, never dropped).
    Queries in `runs` but not in `qrels` are not judged and are left out of the means.
    Returns (means, per_query[qid][metric]).
    """
    metrics = list(metrics)
    if not qrels:
        raise ConfigError("no judged queries to evaluate")
    qrels_dict = {q: {d: int(r) for d, r in judged.items()} for q, judged in qrels.items()}
    run_dict = {q: {d: s for d, s in runs.get(q, [])} for q in qrels_dict}
    ranx_qrels = Qrels(qrels_dict)
    nonempty = {q: r for q, r in run_dict.items() if r}
    ranx_run = Run(nonempty) if nonempty else Run()
    ranx_run = ranx_run.make_comparable(ranx_qrels)
    scores = evaluate(ranx_qrels, ranx_run, metrics, return_mean=False)
    if len(metrics) == 1:
        scores = {metrics[0]: scores}
    order = list(ranx_run.get_query_ids())
    per_query = {q: {} for q in order}
    for m in metrics:
        for q, value in zip(order, scores[m], strict=True):
            per_query[q][m] = float(value)
    means = {m: float(sum(row[m] for row in per_query.values()) / len(per_query)) for m in metrics}
    return means, per_query


# ---- TREC run format -----------------------------------------------------------------------------------


def write_trec_run(path: str | Path, runs: Mapping[str, DocRanking], tag: str = "citeqa") -> Path:
    """`qid Q0 docid rank score tag`, one line per retrieved document, ranks from 1.

    A query with no retrieved document has no line (the format has no way to say "nothing"); the report
    counts such queries.
    """
    path = Path(path)
    if any(c.isspace() for c in tag):
        raise ConfigError(f"run tag {tag!r} must not contain spaces")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            for qid, ranking in runs.items():
                for rank, (doc_id, score) in enumerate(ranking, start=1):
                    if any(c.isspace() for c in doc_id) or any(c.isspace() for c in qid):
                        raise ConfigError(f"--run {path}: id {qid!r}/{doc_id!r} contains whitespace")
                    f.write(f"{qid} Q0 {doc_id} {rank} {score!r} {tag}\n")
    except OSError as exc:
        raise ConfigError(f"--run {path}: {exc.strerror or exc}") from exc
    return path


def read_trec_run(path: str | Path) -> dict[str, DocRanking]:
    """Read a TREC run back, ordered by score (then as written), as any scorer would."""
    path = Path(path)
    rows: dict[str, list[tuple[str, float, int]]] = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) != 6:
                raise ConfigError(f"{path}:{number}: not 'qid Q0 docid rank score tag'")
            qid, _, doc_id, rank, score, _ = parts
            value = float(score)
            if not math.isfinite(value):
                raise ConfigError(f"{path}:{number}: score {score!r} is not finite")
            rows.setdefault(qid, []).append((doc_id, value, int(rank)))
    return {q: [(d, s) for d, s, _ in sorted(r, key=lambda x: (-x[1], x[2]))] for q, r in rows.items()}
