"""The dense leg's storage and search, behind one small seam.

`VectorIndex` is what the retriever talks to; `FaissIndex` is the backend we ship. A second backend (an
OpenSearch k-NN index, say) implements the same four methods and is picked by `make_vector_index`; nothing
in `qa/` changes. The FAISS index type follows the corpus size: exact inner product for small corpora
(vectors are normalised, so inner product is cosine), HNSW beyond, or any FAISS factory string given.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import faiss
import numpy as np

from citeqa.errors import ConfigError

EXACT_UP_TO = 200_000  # passages; beyond this an exact scan costs more than 20 ms a query on 2 cores


class VectorIndex(Protocol):
    description: str

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]: ...

    def save(self, path: Path) -> None: ...

    def __len__(self) -> int: ...


def choose_factory(n_vectors: int, override: str = "") -> str:
    """The FAISS factory string for a corpus of this size (or the user's)."""
    if override:
        return override
    return "Flat" if n_vectors <= EXACT_UP_TO else "HNSW32"


class FaissIndex:
    def __init__(self, index: faiss.Index, factory: str) -> None:
        self._index = index
        self.description = f"faiss:{factory}"
        if hasattr(index, "hnsw"):
            index.hnsw.efSearch = max(index.hnsw.efSearch, 128)

    @classmethod
    def build(cls, vectors: np.ndarray, factory: str) -> FaissIndex:
        try:
            index = faiss.index_factory(vectors.shape[1], factory, faiss.METRIC_INNER_PRODUCT)
        except RuntimeError as exc:
            raise ConfigError(f"--faiss-factory {factory!r}: FAISS cannot build it ({exc})") from exc
        if not index.is_trained:
            index.train(vectors)
        index.add(vectors)
        return cls(index, factory)

    @classmethod
    def load(cls, path: Path, factory: str) -> FaissIndex:
        return cls(faiss.read_index(str(path)), factory)

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        k = min(k, self._index.ntotal)
        if k == 0:
            empty = np.zeros((len(queries), 0))
            return empty.astype(np.float32), empty.astype(np.int64)
        return self._index.search(np.ascontiguousarray(queries, dtype=np.float32), k)

    def __len__(self) -> int:
        return int(self._index.ntotal)


def make_vector_index(backend: str, vectors: np.ndarray, factory: str) -> VectorIndex:
    if backend == "faiss":
        return FaissIndex.build(vectors, factory)
    raise ConfigError(f"--vector-backend {backend!r}: only 'faiss' is available")


def load_vector_index(backend: str, path: Path, factory: str) -> VectorIndex:
    if backend == "faiss":
        return FaissIndex.load(path, factory)
    raise ConfigError(f"vector backend {backend!r} in the manifest is not available here")
