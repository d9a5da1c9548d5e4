"""The dense leg's storage and search, behind one small seam.

`VectorIndex` is what the retriever talks to; `FaissIndex` is the backend we ship. A second backend (an
OpenSearch k-NN index, say) implements the same four methods and is picked by `make_vector_index`; nothing
in `qa/` changes. The FAISS index type follows the corpus size: exact inner product for small corpora
(vectors are normalised, so inner product is cosine), an inverted file with 8-bit scalar quantisation beyond,
or any FAISS factory string given.

Why IVF + SQ8 and not HNSW for large corpora: at 1M x 384 float32 the raw vectors alone are 1.5 GB, so
any index under 1 GB must compress them; SQ8 keeps one byte a dimension (384 MB for 1M) with a cosine
error far below the ranking noise of the model. HNSW32,SQ8 would also fit, but building its graph over
1M vectors takes tens of minutes on two cores, while IVF trains k-means on a sample and adds in a minute.
`citeqa bench --scale 1000000` measures recall@10 against exact search, latency and size for both
(eval/BENCH.md has the numbers).
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import faiss
import numpy as np

from citeqa.errors import ConfigError

EXACT_UP_TO = 200_000  # passages; an exact scan of 200k x 384 is about 10 ms a query on 2 cores
TRAIN_PER_LIST = 64  # k-means training sample: this many vectors per inverted list (FAISS wants >= 39)


class VectorIndex(Protocol):
    description: str

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]: ...

    def vectors(self, rows: np.ndarray) -> np.ndarray: ...

    def save(self, path: Path) -> None: ...

    def __len__(self) -> int: ...


def choose_factory(n_vectors: int, override: str = "") -> str:
    """The FAISS factory string for a corpus of this size (or the user's).

    Up to `EXACT_UP_TO` vectors: exact ("Flat"). Beyond: "IVF<nlist>,SQ8" with nlist about 4 sqrt(n),
    a power of two (4096 lists at 1M), so that a query scans `nprobe` lists of about 250 vectors each.
    """
    if override:
        return override
    if n_vectors <= EXACT_UP_TO:
        return "Flat"
    return f"IVF{ivf_lists(n_vectors)},SQ8"


def ivf_lists(n_vectors: int) -> int:
    """Inverted lists for n vectors: the power of two nearest 4 sqrt(n), between 256 and 65536."""
    target = 4.0 * float(np.sqrt(max(n_vectors, 1)))
    return int(min(65536, max(256, 2 ** round(np.log2(target)))))


def search_defaults(index: faiss.Index) -> dict[str, int]:
    """Search-time parameters FAISS does not choose well by itself: HNSW's efSearch, IVF's nprobe.

    nprobe = nlist / 64 (64 of 4096 lists at 1M): recall@10 about 0.97 of exact on MiniLM-like vectors,
    measured by `citeqa bench --scale`; efSearch 128 for HNSW, likewise.
    """
    out: dict[str, int] = {}
    if hasattr(index, "hnsw"):
        out["efSearch"] = max(int(index.hnsw.efSearch), 128)
    ivf = _ivf_of(index)
    if ivf is not None:
        out["nprobe"] = max(int(ivf.nprobe), min(int(ivf.nlist), max(16, int(ivf.nlist) // 64)))
    return out


def _ivf_of(index: faiss.Index):
    try:
        return faiss.extract_index_ivf(index)
    except RuntimeError:  # not an IVF index (or one FAISS cannot see into)
        return None


class FaissIndex:
    def __init__(self, index: faiss.Index, factory: str) -> None:
        self._index = index
        self.description = f"faiss:{factory}"
        params = search_defaults(index)
        if "efSearch" in params:
            index.hnsw.efSearch = params["efSearch"]
        if "nprobe" in params:
            _ivf_of(index).nprobe = params["nprobe"]

    @classmethod
    def build(cls, vectors: np.ndarray, factory: str) -> FaissIndex:
        try:
            index = faiss.index_factory(vectors.shape[1], factory, faiss.METRIC_INNER_PRODUCT)
        except RuntimeError as exc:
            raise ConfigError(f"--faiss-factory {factory!r}: FAISS cannot build it ({exc})") from exc
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        try:
            if not index.is_trained:
                index.train(_training_sample(vectors, index))
            index.add(vectors)
        except RuntimeError as exc:  # e.g. fewer vectors than an IVF index has lists
            raise ConfigError(
                f"--faiss-factory {factory!r}: FAISS cannot train it on {len(vectors)} vectors ({exc})"
            ) from exc
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

    def vectors(self, rows: np.ndarray) -> np.ndarray:
        """The stored vectors of these rows (decoded, for a compressed index), to score candidates the
        dense search did not return. An inverted file needs its direct map for this; it is made once."""
        ivf = _ivf_of(self._index)
        if ivf is not None and ivf.direct_map.type == faiss.DirectMap.NoMap:
            ivf.make_direct_map()
        rows = np.asarray(rows, dtype=np.int64)
        if len(rows) == 0:
            return np.zeros((0, self._index.d), dtype=np.float32)
        return np.stack([self._index.reconstruct(int(r)) for r in rows])

    def __len__(self) -> int:
        return int(self._index.ntotal)

    @property
    def faiss_index(self) -> faiss.Index:
        """The FAISS object itself, for benchmarks and tuning (nprobe, efSearch)."""
        return self._index


def _training_sample(vectors: np.ndarray, index: faiss.Index) -> np.ndarray:
    """A fixed random sample big enough for k-means (FAISS subsamples at 256 a list anyway, slower)."""
    ivf = _ivf_of(index)
    limit = TRAIN_PER_LIST * int(ivf.nlist) if ivf is not None else 100_000
    if len(vectors) <= limit:
        return vectors
    rows = np.random.default_rng(0).choice(len(vectors), size=limit, replace=False)
    return vectors[np.sort(rows)]


def make_vector_index(backend: str, vectors: np.ndarray, factory: str) -> VectorIndex:
    if backend == "faiss":
        return FaissIndex.build(vectors, factory)
    raise ConfigError(f"--vector-backend {backend!r}: only 'faiss' is available")


def load_vector_index(backend: str, path: Path, factory: str) -> VectorIndex:
    if backend == "faiss":
        return FaissIndex.load(path, factory)
    raise ConfigError(f"vector backend {backend!r} in the manifest is not available here")
