"""`citeqa bench`: how fast citeqa is, and what the fast paths cost, measured side by side in one run.

What it measures, per corpus (the demo corpus, SciFact, and a synthetic scale test):
- indexing: passages a second, and the share of the build spent inside the embedding model (the
  onnxruntime/torch forward passes) versus our own work (chunking, tokenising, batching, FAISS, BM25);
- the model's own speed: our embedder against a plain `SentenceTransformer.encode` of the same passages,
  interleaved round by round so that a busy machine slows both alike, with the cosine between them;
- query latency p50/p95 for `Assistant.search` and for a full `Assistant.ask`, model loaded and warm;
- peak memory (the process' maximum resident set so far, from `resource.getrusage`) and index size on disk;
- scale: recall@10 against exact search, p50/p95 latency and index size for FAISS index types over N
  synthetic vectors made from real MiniLM vectors (see `synthetic_vectors`).

Speed goals live here, never in the tests: numbers on a shared 2-core machine are noisy, so every ratio is
taken between two things timed in the same run.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from citeqa.cli import embedder_flags, set_flag, settings_from
from citeqa.config import Settings

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SCIFACT = REPO.parent / "shared" / "datasets" / "scifact"
SCALE_FACTORIES = ("Flat", "auto")  # add "HNSW32,SQ8" to compare; its 1M build takes tens of minutes


# ---- the command -----------------------------------------------------------------------------------


def add_bench_command(sub) -> argparse.ArgumentParser:
    """Register `citeqa bench` on the `citeqa` subparsers (called by citeqa.eval.cli)."""
    p = sub.add_parser("bench", help="indexing throughput, query latency, memory, index size, scale test")
    p.add_argument(
        "--out", type=Path, default=Path("bench.json"), help="the JSON report (default bench.json)"
    )
    p.add_argument("--no-demo", action="store_true", help="skip the demo corpus")
    p.add_argument(
        "--scifact",
        type=Path,
        default=DEFAULT_SCIFACT if DEFAULT_SCIFACT.is_dir() else None,
        metavar="DIR",
        help="a SciFact BEIR folder (default ../shared/datasets/scifact when present)",
    )
    p.add_argument("--no-scifact", action="store_true")
    p.add_argument(
        "--scifact-docs",
        type=int,
        default=0,
        metavar="N",
        help="index only the first N SciFact documents for the latency test (default all)",
    )
    p.add_argument(
        "--index-sample",
        type=int,
        default=300,
        metavar="N",
        help="documents of SciFact indexed from scratch for indexing throughput (default 300)",
    )
    p.add_argument(
        "--speed-sample",
        type=int,
        default=192,
        metavar="N",
        help="SciFact passages for the side-by-side model speed test (default 192; 0 skips it)",
    )
    p.add_argument("--queries", type=int, default=100, help="queries timed per corpus (default 100)")
    p.add_argument(
        "--scale",
        type=int,
        default=1_000_000,
        metavar="N",
        help="synthetic vectors for the scale test (default 1000000; 0 skips it)",
    )
    p.add_argument(
        "--scale-factories",
        default=";".join(SCALE_FACTORIES),
        help="FAISS factory strings for the scale test, ';'-separated when they hold commas; 'auto' is "
        "citeqa's choice for N (default: Flat;auto; e.g. 'Flat;auto;HNSW32,SQ8')",
    )
    embedder_flags(p)
    set_flag(p)
    p.add_argument("--cache", type=Path, default=None, help="index cache for SciFact (default: eval's)")
    p.add_argument("-v", "--verbose", action="store_true")
    p.set_defaults(run=run_bench)
    return p


def run_bench(args: argparse.Namespace) -> int:
    """Run every part asked for, write the JSON report, print the table."""
    settings = settings_from(args)
    report: dict = {"machine": machine(), "command": "citeqa " + " ".join(sys.argv[2:]), "corpora": {}}
    report["settings"] = {
        "model": settings.model_name,
        "backend": settings.embed_backend,
        "precision": settings.precision_name,
    }
    embedder = make_embedder(settings)
    report["settings"]["backend_in_use"] = embedder.backend
    if not args.no_demo:
        from citeqa.corpus.demo import demo_corpus

        questions = demo_questions()
        report["corpora"]["demo"] = bench_corpus(
            "demo", demo_corpus(), questions[: args.queries], settings, embedder, index_docs=None
        )
    base = None
    if args.scifact is not None and not args.no_scifact:
        docs, queries = read_beir(args.scifact)
        if args.scifact_docs:
            docs = docs[: args.scifact_docs]
        entry = bench_corpus(
            "scifact",
            docs,
            queries[: args.queries],
            settings,
            embedder,
            index_docs=docs[: args.index_sample],
            cache=args.cache,
        )
        if args.speed_sample:
            entry["model_speed"] = bench_model_speed(docs, settings, embedder, args.speed_sample)
        report["corpora"]["scifact"] = entry
        base = entry.pop("_vectors", None)
    if args.scale:
        if base is None:
            base = demo_vectors(settings, embedder)
        factories = parse_factories(args.scale_factories)
        report["scale"] = bench_scale(args.scale, base[0], base[1], factories, args.queries)
    for entry in report["corpora"].values():
        entry.pop("_vectors", None)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(table(report))
    print(f"citeqa bench: report written to {args.out}", file=sys.stderr)
    return 0


def make_embedder(settings: Settings, backend: str | None = None):
    from citeqa.index.embedder import Embedder

    if backend:
        settings = replace(settings, embed_backend=backend, embed_precision="")
    return Embedder.from_settings(settings)


def parse_factories(spec: str) -> list[str]:
    """'Flat;auto;HNSW32,SQ8' -> three factory strings (';' separates, since factories hold commas)."""
    return [s.strip() for s in spec.split(";") if s.strip()]


# ---- one corpus ----------------------------------------------------------------------------------


def bench_corpus(
    name: str,
    documents: Sequence,
    queries: Sequence[str],
    settings: Settings,
    embedder,
    index_docs: Sequence | None,
    cache: Path | None = None,
) -> dict:
    """Index `documents` (or load the cached index), then time search and ask over `queries`.

    `index_docs`, when given, is indexed from scratch separately for the throughput numbers, so a large
    corpus' latency test can come from a cached index while throughput is still measured on a real build.
    """
    from citeqa.qa.assistant import Assistant

    out: dict = {"documents": len(documents), "queries": len(queries)}
    if index_docs is None:
        index, throughput = timed_build(documents, settings, embedder)
        out["indexing"] = throughput
    else:
        _, throughput = timed_build(index_docs, settings, embedder)
        out["indexing"] = throughput | {"sample_documents": len(index_docs)}
        index = cached_index(documents, settings, embedder, cache)
    out["passages"] = len(index.passages)
    out["sentences"] = len(index.sentences)
    out["faiss"] = index.manifest.faiss_factory
    with tempfile.TemporaryDirectory(prefix="citeqa-bench-") as tmp:
        folder = index.save(Path(tmp) / "index")
        out["index_bytes"] = folder_bytes(folder)
        out["index_files"] = {p.name: p.stat().st_size for p in sorted(folder.iterdir()) if p.is_file()}
    assistant = Assistant(index, embedder, settings, label=name)
    for q in queries[:3]:  # warm-up: first calls pay for lazy imports and allocations
        assistant.ask(q)
    out["search_ms"] = latency(lambda q: assistant.search(q), queries)
    out["ask_ms"] = latency(lambda q: assistant.ask(q), queries)
    out["peak_rss_mb"] = peak_rss_mb()
    if name == "scifact":
        out["_vectors"] = (index.sentence_vectors, embedder.encode_queries(list(queries)))
    return out


def timed_build(documents: Sequence, settings: Settings, embedder) -> tuple:
    """Build an index and say where the time went: inside the model, or in our code around it."""
    from citeqa.index.store import Index

    before = model_seconds(embedder)
    t = time.perf_counter()
    index = Index.build(documents, settings, embedder)
    total = time.perf_counter() - t
    in_model = model_seconds(embedder) - before
    timings = dict(index.manifest.timings)
    texts = len(index.passages) + len(index.sentences)
    return index, {
        "seconds": round(total, 3),
        "passages": len(index.passages),
        "sentences": len(index.sentences),
        "passages_per_s": round(len(index.passages) / total, 2),
        "texts_per_s": round(texts / total, 2),
        "timings": timings,
        "model_seconds": round(in_model, 3),
        "model_share": round(in_model / total, 4) if total else 0.0,
        "embedding_share": round(timings.get("embedding", 0.0) / total, 4) if total else 0.0,
    }


def model_seconds(embedder) -> float:
    """Seconds the embedder has spent inside the model's forward passes (its own counter)."""
    return float(getattr(embedder, "model_seconds", 0.0))


def cached_index(documents: Sequence, settings: Settings, embedder, cache: Path | None):
    """SciFact's full index, from eval's index cache when it is there (built and cached otherwise)."""
    try:
        from citeqa.eval.cache import build_or_load, default_cache_root
    except ImportError:
        from citeqa.index.store import Index

        return Index.build(documents, settings, embedder)
    index, where = build_or_load(documents, settings, embedder, cache or default_cache_root())
    log.info("scifact index: %s", where)
    return index


def bench_model_speed(
    documents: Sequence, settings: Settings, embedder, sample: int, rounds: int = 3
) -> dict:
    """Our embedder against plain `SentenceTransformer.encode` on the same SciFact passages, interleaved.

    The passages are split into `rounds` slices; each slice is encoded by both, one after the other,
    and the ratio is taken per slice, so load from other processes affects both sides alike.
    """
    from sentence_transformers import SentenceTransformer

    from citeqa.index.embedder import resolve_model_path

    texts = [f"{d.title}\n{d.text}" if d.title else d.text for d in documents[:sample]]
    plain = SentenceTransformer(resolve_model_path(settings.model_name), device="cpu")
    slices = [texts[i::rounds] for i in range(rounds)]
    ours_s, plain_s, cosines = [], [], []
    for chunk in slices:
        t = time.perf_counter()
        ref = plain.encode(chunk, batch_size=settings.batch_size, normalize_embeddings=True)
        plain_s.append(time.perf_counter() - t)
        t = time.perf_counter()
        got = embedder.encode_passages(chunk)
        ours_s.append(time.perf_counter() - t)
        cosines.extend((np.asarray(ref, dtype=np.float32) * got).sum(axis=1).tolist())
    ratios = [p / o for p, o in zip(plain_s, ours_s, strict=True)]
    return {
        "passages": len(texts),
        "backend": embedder.backend,
        "plain_passages_per_s": round(len(texts) / sum(plain_s), 2),
        "ours_passages_per_s": round(len(texts) / sum(ours_s), 2),
        "speedup": round(sum(plain_s) / sum(ours_s), 3),
        "speedup_per_round": [round(r, 3) for r in ratios],
        "cosine_mean": round(float(np.mean(cosines)), 6),
        "cosine_min": round(float(np.min(cosines)), 6),
    }


def latency(fn: Callable[[str], object], queries: Sequence[str]) -> dict:
    times = []
    for q in queries:
        t = time.perf_counter()
        fn(q)
        times.append((time.perf_counter() - t) * 1000.0)
    if not times:
        return {"p50": None, "p95": None, "n": 0}
    return {
        "p50": round(float(np.percentile(times, 50)), 2),
        "p95": round(float(np.percentile(times, 95)), 2),
        "n": len(times),
    }


# ---- scale ---------------------------------------------------------------------------------------


def synthetic_vectors(base: np.ndarray, n: int, seed: int = 0, noise: float = 0.6) -> np.ndarray:
    """n unit vectors shaped like real embeddings: mixtures of two real vectors plus Gaussian noise.

    Each is normalize(a * x_i + (1 - a) * x_j + e), with x_i, x_j real MiniLM vectors (SciFact sentences),
    a ~ U(0.5, 1) and e Gaussian with norm about `noise`. Unlike uniform random vectors (on which every
    ANN index looks bad, since no structure exists to exploit), these keep the clustered, anisotropic shape
    of real embeddings, and unlike exact copies they do not collapse into a few tight clusters.
    """
    rng = np.random.default_rng(seed)
    dim = base.shape[1]
    out = np.empty((n, dim), dtype=np.float32)
    step = 100_000
    for start in range(0, n, step):
        m = min(step, n - start)
        i = rng.integers(0, len(base), m)
        j = rng.integers(0, len(base), m)
        a = rng.uniform(0.5, 1.0, (m, 1)).astype(np.float32)
        block = a * base[i] + (1 - a) * base[j]
        block += rng.standard_normal((m, dim), dtype=np.float32) * (noise / np.sqrt(dim))
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        out[start : start + m] = block
    return out


def bench_scale(
    n: int, base: np.ndarray, queries: np.ndarray, factories: Sequence[str], n_queries: int
) -> dict:
    """Recall@10 against exact search, latency and size for each FAISS index type over n synthetic vectors."""
    import faiss

    from citeqa.index.vectors import FaissIndex, choose_factory

    t = time.perf_counter()
    vectors = synthetic_vectors(base, n)
    q = queries[:n_queries].astype(np.float32)
    if len(q) < n_queries:  # too few real queries: add synthetic ones from the same base, other seed
        q = np.vstack([q, synthetic_vectors(base, n_queries - len(q), seed=1)])
    made = time.perf_counter() - t
    exact = faiss.IndexFlatIP(vectors.shape[1])
    exact.add(vectors)
    _, truth = exact.search(q, 10)
    del exact
    out: dict = {
        "vectors": n,
        "dimension": int(vectors.shape[1]),
        "raw_float32_mb": round(vectors.nbytes / 2**20, 1),
        "synthetic": "mixtures of two real MiniLM SciFact sentence vectors + Gaussian noise (norm 0.6), "
        "normalised; queries are real SciFact query vectors",
        "base_vectors": int(len(base)),
        "generate_seconds": round(made, 2),
        "indexes": {},
    }
    for spec in factories:
        factory = choose_factory(n) if spec == "auto" else spec
        t = time.perf_counter()
        index = FaissIndex.build(vectors, factory)
        built = time.perf_counter() - t
        with tempfile.TemporaryDirectory(prefix="citeqa-scale-") as tmp:
            path = Path(tmp) / "x.faiss"
            index.save(path)
            size = path.stat().st_size
        for row in q[:5]:
            index.search(row[None, :], 10)
        times, found = [], []
        for i, row in enumerate(q):
            t = time.perf_counter()
            _, ids = index.search(row[None, :], 10)
            times.append((time.perf_counter() - t) * 1000.0)
            found.append(len(set(ids[0].tolist()) & set(truth[i].tolist())) / 10.0)
        out["indexes"][spec if spec != "auto" else f"auto ({factory})"] = {
            "factory": factory,
            "recall_at_10": round(float(np.mean(found)), 4),
            "p50_ms": round(float(np.percentile(times, 50)), 3),
            "p95_ms": round(float(np.percentile(times, 95)), 3),
            "size_mb": round(size / 2**20, 1),
            "build_seconds": round(built, 1),
        }
        del index
    out["peak_rss_mb"] = peak_rss_mb()
    return out


def demo_vectors(settings: Settings, embedder) -> tuple[np.ndarray, np.ndarray]:
    """Base vectors for the scale test when SciFact is not benchmarked: the demo corpus' sentences."""
    from citeqa.corpus.demo import demo_corpus
    from citeqa.index.store import Index

    index = Index.build(demo_corpus(), settings, embedder)
    return index.sentence_vectors, embedder.encode_queries(demo_questions())


# ---- inputs, machine, output ------------------------------------------------------------------------


def demo_questions() -> list[str]:
    """The demo eval set's questions (first turn only), shipped in the package."""
    path = Path(__file__).resolve().parent / "sets" / "demo.jsonl"
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            out.append(json.loads(line)["question"])
    return out


def read_beir(folder: Path) -> tuple[list, list[str]]:
    """A BEIR folder's documents (through citeqa.corpus) and its query texts, in file order."""
    from citeqa.corpus import load_corpus
    from citeqa.errors import ConfigError

    corpus_path = folder / "corpus.jsonl"
    if not corpus_path.is_file():
        raise ConfigError(f"--scifact {folder}: no corpus.jsonl there")
    documents = list(load_corpus([corpus_path]).documents)
    queries = []
    with open(folder / "queries.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                queries.append(json.loads(line)["text"])
    return documents, queries


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def peak_rss_mb() -> float:
    """The process' peak resident set so far (Linux reports ru_maxrss in KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def machine() -> dict:
    info = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }
    if shutil.which("lscpu"):
        text = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        info["cpu"] = fields.get("Model name", "").strip()
        flags = fields.get("Flags", "").split()
        info["simd"] = [
            f for f in ("avx2", "avx512f", "avx512_vnni", "avx512_bf16", "amx_bf16") if f in flags
        ]
    try:
        info["load_average"] = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        pass
    return info


def table(report: dict) -> str:
    """The short table printed on the terminal."""
    rows = [
        (
            "corpus",
            "passages",
            "index p/s",
            "in model",
            "search p50/p95 ms",
            "ask p50/p95 ms",
            "disk MB",
            "RSS MB",
        )
    ]
    for name, e in report.get("corpora", {}).items():
        ix = e["indexing"]
        rows.append(
            (
                name,
                str(e["passages"]),
                f"{ix['passages_per_s']:.1f}",
                f"{ix['model_share']:.0%}",
                f"{e['search_ms']['p50']}/{e['search_ms']['p95']}",
                f"{e['ask_ms']['p50']}/{e['ask_ms']['p95']}",
                f"{e['index_bytes'] / 2**20:.1f}",
                f"{e['peak_rss_mb']:.0f}",
            )
        )
    lines = [_row(r) for r in rows]
    speed = report.get("corpora", {}).get("scifact", {}).get("model_speed")
    if speed:
        lines.append(
            f"model speed ({speed['backend']} vs SentenceTransformer.encode, {speed['passages']} SciFact "
            f"passages): {speed['speedup']:.2f}x, cosine mean {speed['cosine_mean']:.5f}"
        )
    scale = report.get("scale")
    if scale:
        lines.append(f"scale: {scale['vectors']:,} vectors x {scale['dimension']}")
        lines.append(_row(("index", "recall@10", "p50 ms", "p95 ms", "size MB", "build s")))
        for name, e in scale["indexes"].items():
            lines.append(
                _row(
                    (
                        name,
                        f"{e['recall_at_10']:.4f}",
                        f"{e['p50_ms']:.2f}",
                        f"{e['p95_ms']:.2f}",
                        f"{e['size_mb']:.0f}",
                        f"{e['build_seconds']:.0f}",
                    )
                )
            )
    return "\n".join(lines)


def _row(cells: Sequence[str]) -> str:
    widths = (22, 10, 10, 10, 18, 18, 8, 8)
    return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=False)).rstrip()
