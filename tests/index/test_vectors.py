"""FAISS index type by corpus size, the override, and the search-time defaults."""

from __future__ import annotations

import numpy as np
import pytest

from citeqa.errors import ConfigError
from citeqa.index.vectors import EXACT_UP_TO, FaissIndex, choose_factory, ivf_lists, search_defaults


def clustered(n: int, dim: int = 32, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((20, dim))
    x = centres[rng.integers(0, 20, n)] + 0.3 * rng.standard_normal((n, dim))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    return x.astype(np.float32)


def test_small_corpora_are_exact():
    assert choose_factory(10) == "Flat"
    assert choose_factory(EXACT_UP_TO) == "Flat"


def test_large_corpora_get_compressed_ivf():
    assert choose_factory(1_000_000) == "IVF4096,SQ8"
    assert choose_factory(EXACT_UP_TO + 1).startswith("IVF")
    assert choose_factory(50_000_000) == "IVF32768,SQ8"
    assert ivf_lists(1) == 256


def test_override_wins():
    assert choose_factory(10, "HNSW32") == "HNSW32"
    assert choose_factory(1_000_000, "IVF1024,PQ48") == "IVF1024,PQ48"


def test_ivf_gets_an_nprobe_and_finds_neighbours():
    x = clustered(4000)
    index = FaissIndex.build(x, "IVF64,SQ8")
    assert search_defaults(index.faiss_index)["nprobe"] >= 16
    exact = FaissIndex.build(x, "Flat")
    _, got = index.search(x[:50], 10)
    _, truth = exact.search(x[:50], 10)
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(got.tolist(), truth.tolist(), strict=True)])
    assert recall >= 0.9
    assert len(index) == 4000


def test_hnsw_gets_ef_search():
    index = FaissIndex.build(clustered(500), "HNSW16")
    assert index.faiss_index.hnsw.efSearch >= 128


def test_bad_factory_is_a_config_error():
    with pytest.raises(ConfigError, match="faiss-factory"):
        FaissIndex.build(clustered(100), "NotAnIndex")


def test_search_more_than_stored():
    index = FaissIndex.build(clustered(5), "Flat")
    scores, rows = index.search(clustered(1, seed=1), 10)
    assert rows.shape == (1, 5)


@pytest.mark.parametrize("factory", ["Flat", "IVF64,SQ8", "HNSW16"])
def test_stored_vectors_come_back_for_any_index_type(factory):
    x = clustered(4000)
    rows = np.array([0, 17, 3999])
    back = FaissIndex.build(x, factory).vectors(rows)
    assert back.shape == (3, x.shape[1])
    assert np.abs(back - x[rows]).max() < 0.01  # SQ8 decodes to within a quantisation step
