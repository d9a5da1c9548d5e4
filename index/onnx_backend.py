"""A faster CPU backend for sentence-transformers models: the same vectors, through an exported ONNX graph.

Why: a plain `SentenceTransformer.encode` spends its time in PyTorch's eager CPU kernels; the same
transformer exported once to ONNX and run by onnxruntime (fused attention and GELU, no Python per layer)
is markedly faster on this kind of CPU, with vectors equal to the torch ones up to float rounding
(cosine > 0.9999). So an fp32 index built by either backend is the same index; the manifest records the
precision (`EmbeddingInfo`) because int8 vectors are not the same.

The export runs once per model, offline (`torch.onnx.export` of the local weights), into
`~/.cache/citeqa/onnx/<hash of the model's files>/`, written to a temporary file and renamed into place,
so two processes exporting at once, or a crash mid-export, never leave a half-written graph. Before it is
kept, the graph is checked against the torch model on a few sentences.

Only the shapes we can reproduce exactly are exported: a `Transformer` module, then `Pooling` by mean or
CLS token, then optionally `Normalize` (we always normalise). Anything else (a `Dense` head, weighted
pooling, a model that is not in a local folder) raises `OnnxUnavailable` with the reason, and the
`Embedder` falls back to torch.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

EXPORT_VERSION = 2  # bump when the exported graph changes shape, so old cache entries are not reused
OPSET = 17
PRECISIONS = ("fp32", "int8")
# Padded tokens a batch may hold (see `token_batches`): measured on SciFact passages and sentences, 2 cores.
TOKENS_PER_BATCH = 512
# Bumped whenever a change here (export, quantisation, batching) changes the vectors made: int8 activations
# are quantised per batch, so regrouping the same texts moves their vectors slightly. Caches of built
# indexes key on it (eval/cache.py), so an index made by older code is not reused as if it were current.
# 2: batches by a token budget (was: a fixed count of texts).
VECTORS_REVISION = 2
INT8_MIN_COSINE = 0.99  # on the check sentences: a guard against a broken graph, not a quality bar
_SUPPORTED_MODULES = {
    "sentence_transformers.models.Transformer",
    "sentence_transformers.models.Pooling",
    "sentence_transformers.models.Normalize",
}
_WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")
_CHECK_SENTENCES = (
    "Which countries' fighters intercepted the bombers?",
    "A short one.",
    "The minister said the drills near the coast were a concern, echoing an earlier report from the agency "
    "that described the flights in more detail than the official statement had done.",
)


class OnnxUnavailable(Exception):
    """This model cannot run on the ONNX backend; the message says why (the caller logs it and uses torch)."""


@dataclass(frozen=True)
class ModelLayout:
    """What we read from a sentence-transformers folder: where the transformer is and how it is pooled."""

    folder: Path  # the sentence-transformers folder (modules.json)
    transformer: Path  # the Hugging Face model folder (config.json, weights, tokenizer)
    pooling: str  # "mean" or "cls"
    dimension: int
    max_tokens: int
    do_lower_case: bool


def cache_root() -> Path:
    """`$CITEQA_CACHE` or `$XDG_CACHE_HOME/citeqa` or `~/.cache/citeqa`."""
    if os.environ.get("CITEQA_CACHE"):
        return Path(os.environ["CITEQA_CACHE"]).expanduser()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "citeqa"


def local_folder(name_or_path: str) -> Path:
    """The local folder of a model: a path as given, or a hub name already in the Hugging Face cache."""
    path = Path(name_or_path).expanduser()
    if path.is_dir():
        return path
    try:
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(name_or_path, local_files_only=True))
    except Exception as exc:  # not cached, not a repo id, offline: many kinds
        raise OnnxUnavailable(f"{name_or_path} is not a local folder nor in the Hugging Face cache") from exc


def read_layout(folder: Path) -> ModelLayout:
    """Check the module pipeline is one we reproduce exactly; say why not otherwise."""
    modules_file = folder / "modules.json"
    if not modules_file.is_file():
        raise OnnxUnavailable(f"{folder}: no modules.json (not a sentence-transformers folder)")
    modules = json.loads(modules_file.read_text())
    kinds = [m.get("type", "") for m in modules]
    unsupported = [k for k in kinds if k not in _SUPPORTED_MODULES]
    if unsupported or not kinds or kinds[0] != "sentence_transformers.models.Transformer":
        raise OnnxUnavailable(f"{folder}: module pipeline {kinds} is not Transformer + Pooling [+ Normalize]")
    pool_modules = [m for m in modules if m["type"].endswith(".Pooling")]
    if len(pool_modules) != 1:
        raise OnnxUnavailable(f"{folder}: expected one Pooling module, found {len(pool_modules)}")
    pool_cfg = json.loads((folder / pool_modules[0]["path"] / "config.json").read_text())
    modes = [k for k, v in pool_cfg.items() if k.startswith("pooling_mode") and v]
    if modes == ["pooling_mode_mean_tokens"]:
        pooling = "mean"
    elif modes == ["pooling_mode_cls_token"]:
        pooling = "cls"
    else:
        raise OnnxUnavailable(f"{folder}: pooling {modes} is not mean or CLS alone")
    transformer = folder / modules[0].get("path", "")
    sbert_file = transformer / "sentence_bert_config.json"
    if not sbert_file.is_file():
        sbert_file = folder / "sentence_bert_config.json"
    sbert = json.loads(sbert_file.read_text()) if sbert_file.is_file() else {}
    config = json.loads((transformer / "config.json").read_text())
    max_tokens = int(sbert.get("max_seq_length") or config.get("max_position_embeddings", 512))
    if not any((transformer / w).is_file() for w in _WEIGHT_FILES):
        raise OnnxUnavailable(f"{transformer}: no model.safetensors or pytorch_model.bin")
    return ModelLayout(
        folder=folder,
        transformer=transformer,
        pooling=pooling,
        dimension=int(pool_cfg.get("word_embedding_dimension") or config["hidden_size"]),
        max_tokens=max_tokens,
        do_lower_case=bool(sbert.get("do_lower_case", False)),
    )


def model_key(layout: ModelLayout) -> str:
    """A content hash of the files that decide the graph: weights, configs, pooling, export version."""
    digest = hashlib.sha256(f"citeqa-onnx-v{EXPORT_VERSION}-opset{OPSET}-{layout.pooling}".encode())
    for name in ("config.json", *_WEIGHT_FILES):
        path = layout.transformer / name
        if path.is_file():
            digest.update(name.encode())
            with open(path, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 22), b""):
                    digest.update(block)
    return digest.hexdigest()[:20]


def _pooled_module(layout: ModelLayout):
    """The Hugging Face model wrapped so that its outputs are the pooled (not yet normalised) vector and the
    token vectors it pools (which `OnnxEncoder.encode_tokens` reads for matching words, `qa/match.py`)."""
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(layout.transformer), attn_implementation="eager")
    model.eval()
    pooling = layout.pooling

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids=None):
            kwargs = {"input_ids": input_ids, "attention_mask": attention_mask}
            if token_type_ids is not None:
                kwargs["token_type_ids"] = token_type_ids
            hidden = self.model(**kwargs).last_hidden_state
            if pooling == "cls":
                return hidden[:, 0], hidden
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9), hidden

    return Pooled().eval()


def export(layout: ModelLayout, tokenizer, out: Path) -> None:
    """Export to `out` atomically, after checking the graph against the torch model on a few sentences."""
    import onnxruntime as ort
    import torch

    module = _pooled_module(layout)
    enc = tokenizer(list(_CHECK_SENTENCES), padding=True, truncation=True, return_tensors="pt")
    names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in enc]
    args = tuple(enc[n] for n in names)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".model-", suffix=".onnx.tmp", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with torch.no_grad():
            torch.onnx.export(
                module,
                args,
                str(tmp),
                input_names=names,
                output_names=["embedding", "tokens"],
                dynamic_axes={n: {0: "batch", 1: "tokens"} for n in names}
                | {"embedding": {0: "batch"}, "tokens": {0: "batch", 1: "tokens"}},
                opset_version=OPSET,
                dynamo=False,
            )
            expected = module(*args)[0].numpy()
        session = ort.InferenceSession(str(tmp), providers=["CPUExecutionProvider"])
        got = session.run(["embedding"], {n: enc[n].numpy() for n in names})[0]
        cos = _cosines(expected, got)
        if cos.min() < 0.9999:
            raise OnnxUnavailable(f"the exported graph disagrees with torch (cosine {cos.min():.5f})")
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)


def quantize(fp32: Path, out: Path, tokenizer) -> None:
    """Dynamic int8 quantisation of the weight MatMuls, written atomically, checked against fp32.

    Quantising every MatMul (per-channel weights, per-tensor dynamic activations) leaves all-MiniLM-L6-v2
    at cosine 0.995 to fp32 on SciFact passages. The error comes mostly from two kinds of projection: the
    feed-forward output (its GELU input has wide outliers) and attention's value projection. Keeping
    those two in fp32 brings the cosine to 0.998 while the other 7/12 of the MatMul work stays in int8.
    """
    import onnx
    import onnxruntime as ort
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(fp32), load_external_data=False)
    keep_fp32 = [n.name for n in graph.graph.node if n.op_type == "MatMul" and _sensitive(n.name)]
    fd, tmp_name = tempfile.mkstemp(prefix=".model-", suffix=".int8.tmp", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        quantize_dynamic(
            str(fp32),
            str(tmp),
            weight_type=QuantType.QInt8,
            per_channel=True,
            op_types_to_quantize=["MatMul"],
            nodes_to_exclude=keep_fp32,
        )
        enc = tokenizer(list(_CHECK_SENTENCES), padding=True, truncation=True, return_tensors="np")
        names = [i.name for i in ort.InferenceSession(str(fp32)).get_inputs()]
        feed = {n: enc[n].astype(np.int64) for n in names}
        expected = ort.InferenceSession(str(fp32)).run(None, feed)[0]
        got = ort.InferenceSession(str(tmp)).run(None, feed)[0]
        cos = _cosines(expected, got)
        if cos.mean() < INT8_MIN_COSINE:
            raise OnnxUnavailable(f"int8 graph too far from fp32 (mean cosine {cos.mean():.4f})")
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)


def _sensitive(node: str) -> bool:
    """BERT-style names of the projections int8 hurts most: attention's value, the feed-forward output."""
    return "/value/" in node or ("/output/dense/" in node and "/attention/" not in node)


class OnnxEncoder:
    """One onnxruntime session and its tokenizer; encodes texts in length-sorted, tightly padded batches."""

    def __init__(self, layout: ModelLayout, graph: Path, tokenizer, threads: int = 0) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        if threads:
            options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # Spinning threads burn the other core while it waits; on a shared 2-core machine that time is
        # taken from the tokenizer and from everyone else, so threads sleep instead.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}
        self.layout = layout
        self.graph = graph
        self.precision = "int8" if graph.name.endswith(".int8.onnx") else "fp32"
        self.model_seconds = 0.0  # time inside session.run, so a benchmark can tell model from overhead
        self.tokens_per_batch = TOKENS_PER_BATCH
        self.tokenizer = tokenizer

    @classmethod
    def open(cls, name_or_path: str, precision: str = "fp32", threads: int = 0) -> OnnxEncoder:
        """Load (exporting first if this model has no cached graph yet); `OnnxUnavailable` says why not."""
        if precision not in PRECISIONS:
            raise OnnxUnavailable(f"precision {precision!r} is not one of {', '.join(PRECISIONS)}")
        try:
            import onnxruntime  # noqa: F401
        except ImportError as exc:
            raise OnnxUnavailable("onnxruntime is not installed (pip install onnxruntime)") from exc
        from transformers import AutoTokenizer

        layout = read_layout(local_folder(name_or_path))
        tokenizer = AutoTokenizer.from_pretrained(str(layout.transformer))
        folder = cache_root() / "onnx" / model_key(layout)
        fp32 = folder / "model.onnx"
        if not fp32.is_file():
            log.info("exporting %s to ONNX in %s (once per model)", name_or_path, folder)
            try:
                export(layout, tokenizer, fp32)
            except OnnxUnavailable:
                raise
            except Exception as exc:  # the exporter raises many kinds for architectures it cannot trace
                raise OnnxUnavailable(f"ONNX export failed ({type(exc).__name__}: {exc})") from exc
        graph = fp32
        if precision == "int8":
            int8 = folder / "model.int8.onnx"
            if not int8.is_file():
                log.info("quantising %s to int8 (once per model)", name_or_path)
                try:
                    quantize(fp32, int8, tokenizer)
                except Exception as exc:  # OnnxUnavailable or the quantiser's own errors
                    log.warning("%s: int8 unavailable, using fp32 ONNX (%s)", name_or_path, exc)
            if int8.is_file():
                graph = int8
        return cls(layout, graph, tokenizer, threads)

    @property
    def dimension(self) -> int:
        return self.layout.dimension

    @property
    def max_tokens(self) -> int:
        return self.layout.max_tokens

    def encode(self, texts: Sequence[str], batch_size: int = 32, progress: bool = False) -> np.ndarray:
        """Normalised float32 vectors, in the order of `texts`.

        Texts are tokenised once, sorted by token count and padded only to the longest of their batch,
        so short sentences do not pay for long passages' padding (sentence-transformers sorts by
        characters; tokens are what the model pays for).
        """
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        bar = None
        if progress and texts:
            from tqdm import tqdm

            bar = tqdm(total=len(texts), desc="embedding", unit="text")
        for rows, feed in self._batches(texts, batch_size):
            out[rows] = self._run("embedding", feed)
            if bar is not None:
                bar.update(len(rows))
        if bar is not None:
            bar.close()
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        out /= np.maximum(norms, 1e-12)
        return out

    def encode_tokens(self, texts: Sequence[str], batch_size: int = 4) -> list[np.ndarray]:
        """Per text, the unit-normalised vectors of its tokens, special tokens ([CLS], [SEP]) left out: a
        (tokens x dimension) float32 array each, in the order of the tokenizer's ids without special tokens.
        Small batches: a question's few sentences vary in length, and padding is what costs here."""
        out: list[np.ndarray] = [np.zeros((0, self.dimension), dtype=np.float32)] * len(texts)
        special = self.tokenizer.all_special_ids
        for rows, feed in self._batches(texts, batch_size):
            hidden = self._run("tokens", feed)
            for j, r in enumerate(rows):
                out[r] = _token_rows(hidden[j], feed["input_ids"][j], feed["attention_mask"][j], special)
        return out

    def _batches(self, texts: Sequence[str], batch_size: int):
        """(rows of `texts`, model inputs) per batch: tokenised once, longest first, tightly padded."""
        if not texts:
            return
        if self.layout.do_lower_case:  # as sentence-transformers' Transformer module does
            texts = [t.lower() for t in texts]
        enc = self.tokenizer(
            list(texts),
            truncation=True,
            max_length=self.max_tokens,
            padding=False,
            return_attention_mask=False,
            return_token_type_ids=False,
        )
        ids: list[list[int]] = enc["input_ids"]
        lengths = np.fromiter((len(x) for x in ids), dtype=np.int64, count=len(ids))
        order = np.argsort(-lengths, kind="stable")
        pad = self.tokenizer.pad_token_id or 0
        for rows in token_batches(order, lengths, batch_size, self.tokens_per_batch):
            width = int(lengths[rows].max())
            input_ids = np.full((len(rows), width), pad, dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for j, r in enumerate(rows):
                n = lengths[r]
                input_ids[j, :n] = ids[r]
                mask[j, :n] = 1
            feed = {"input_ids": input_ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feed["token_type_ids"] = np.zeros_like(input_ids)
            yield rows, feed

    def _run(self, output: str, feed: dict[str, np.ndarray]) -> np.ndarray:
        t = time.perf_counter()
        result = self._session.run([output], feed)[0]
        self.model_seconds += time.perf_counter() - t
        return result


def _token_rows(hidden: np.ndarray, ids: np.ndarray, mask: np.ndarray, special: Sequence[int]) -> np.ndarray:
    """The unit-normalised rows of `hidden` for the real (unpadded, not special) tokens."""
    keep = (mask == 1) & ~np.isin(ids, special)
    rows = hidden[keep].astype(np.float32)
    return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)


def token_batches(order: np.ndarray, lengths: np.ndarray, max_rows: int, max_tokens: int) -> list[np.ndarray]:
    """Consecutive runs of `order` (longest first) of at most `max_rows` rows and `max_tokens` padded tokens.

    On a CPU a batch of long passages is slower per text than a few small ones (the attention maps of 32 x
    256 tokens leave the cache), while short sentences gain from wide batches: a token budget serves both.
    """
    batches, start = [], 0
    while start < len(order):
        width = int(lengths[order[start]])  # the longest of the batch: `order` is sorted longest first
        rows = max(1, min(max_rows, max_tokens // max(width, 1)))
        batches.append(order[start : start + rows])
        start += rows
    return batches


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a = a / np.maximum(np.linalg.norm(a, axis=1, keepdims=True), 1e-12)
    b = b / np.maximum(np.linalg.norm(b, axis=1, keepdims=True), 1e-12)
    return (a * b).sum(axis=1)
