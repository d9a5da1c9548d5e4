"""The ONNX backend gives the torch model's vectors, and says why when it cannot run a model."""

from __future__ import annotations

import json

import numpy as np
import pytest

from citeqa.config import Settings
from citeqa.index.embedder import Embedder, resolve_model_path
from citeqa.index.onnx_backend import OnnxUnavailable, read_layout

SENTENCES = [
    "Russian and Chinese bombers flew a joint patrol near Alaska.",
    "Fighters from the United States and Canada intercepted them.",
    "The defense minister said the flights were a concern.",
    "x",
    "A much longer passage about " + "the joint exercises and what the ministry said about them " * 12,
]


@pytest.fixture(scope="module")
def torch_embedder():
    return Embedder(Settings().model_name, backend="torch")


@pytest.fixture(scope="module")
def fp32_embedder():
    return Embedder(Settings().model_name, backend="onnx", precision="fp32")


def test_default_embedder_runs_on_onnx(embedder):
    assert embedder.backend.startswith("onnx")


def test_onnx_vectors_match_torch(fp32_embedder, torch_embedder):
    embedder = fp32_embedder
    assert embedder.backend == "onnx-fp32"
    fast = embedder.encode_passages(SENTENCES)
    ref = torch_embedder.encode_passages(SENTENCES)
    assert fast.shape == ref.shape == (len(SENTENCES), 384)
    assert fast.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)
    assert (fast * ref).sum(axis=1).min() >= 0.998
    q_fast = embedder.encode_queries(["who intercepted the bombers?"])
    q_ref = torch_embedder.encode_queries(["who intercepted the bombers?"])
    assert float((q_fast * q_ref).sum()) >= 0.998


def test_onnx_token_vectors_match_torch(fp32_embedder, torch_embedder):
    """The token vectors `qa/match.py` reads: one unit vector per word piece, [CLS] and [SEP] left out."""
    texts = SENTENCES[:3]
    fast, ref = fp32_embedder.encode_tokens(texts), torch_embedder.encode_tokens(texts)
    for text, f, r in zip(texts, fast, ref, strict=True):
        pieces = fp32_embedder.tokenizer(text, add_special_tokens=False)["input_ids"]
        assert f.shape == r.shape == (len(pieces), 384)
        np.testing.assert_allclose(np.linalg.norm(f, axis=1), 1.0, atol=1e-5)
        assert (f * r).sum(axis=1).min() >= 0.999
    assert fp32_embedder.encode_tokens([]) == []


def test_onnx_order_and_batching_do_not_change_vectors(fp32_embedder):
    embedder = fp32_embedder
    one_by_one = np.vstack([embedder.encode_passages([s]) for s in SENTENCES])
    batched = embedder.encode_passages(SENTENCES)
    assert (one_by_one * batched).sum(axis=1).min() >= 0.9999


def test_int8_stays_close_to_torch(torch_embedder):
    int8 = Embedder(Settings().model_name, precision="int8")
    assert int8.backend == "onnx-int8"
    cos = (int8.encode_passages(SENTENCES) * torch_embedder.encode_passages(SENTENCES)).sum(axis=1)
    assert cos.mean() >= 0.995  # 0.9987 on 1,000 SciFact passages (eval/BENCH.md); short texts vary more


def test_same_info_as_torch(embedder, torch_embedder):
    """The manifest's model record does not depend on the backend: indexes stay interchangeable."""
    assert embedder.info == torch_embedder.info
    assert embedder.tokenizer.tokenize("hello world") == torch_embedder.tokenizer.tokenize("hello world")


def test_unsupported_pipeline_says_why(tmp_path):
    source = resolve_model_path(Settings().model_name)
    modules = json.loads((__import__("pathlib").Path(source) / "modules.json").read_text())
    modules.append({"idx": 3, "name": "3", "path": "3_Dense", "type": "sentence_transformers.models.Dense"})
    (tmp_path / "modules.json").write_text(json.dumps(modules))
    with pytest.raises(OnnxUnavailable, match="Dense"):
        read_layout(tmp_path)


def test_not_a_model_folder_says_why(tmp_path):
    with pytest.raises(OnnxUnavailable, match="modules.json"):
        read_layout(tmp_path)


def test_batches_hold_a_token_budget_longest_first():
    from citeqa.index.onnx_backend import token_batches

    lengths = np.array([10, 256, 30, 128, 12])
    order = np.argsort(-lengths, kind="stable")  # 256, 128, 30, 12, 10
    batches = token_batches(order, lengths, max_rows=32, max_tokens=512)
    assert [b.tolist() for b in batches] == [[1, 3], [2, 4, 0]]  # 2 x 256 <= 512; 17 x 30 would fit, 3 remain
    assert [len(b) for b in token_batches(order, lengths, max_rows=2, max_tokens=10**6)] == [2, 2, 1]
    assert [len(b) for b in token_batches(order[:1], lengths, max_rows=32, max_tokens=100)] == [1]  # never 0
