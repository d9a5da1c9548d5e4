"""An index: documents, passages, their vectors and BM25, sentence vectors; built, saved and loaded.

On disk it is a folder a person can read with `ls` and `json.load`:

    manifest.json          model (name, dimension, prefixes), how vectors were made (backend, precision),
                           chunking, counts, content hash per document
    documents.jsonl        the documents, text included (citations are offsets into it)
    passages.jsonl         passage id, document id, span, sentence spans
    passages.faiss         passage vectors (row i = line i of passages.jsonl)
    sentences.npy          int32 rows (document row, start, end) of every distinct sentence
    sentence_vectors.npy   float32 sentence vectors, for answer selection without re-embedding
    bm25/                  bm25s' own files (parameters JSON + .npy arrays), one row a passage
    bm25_documents/        the same over whole documents (title and text), one row a document

Saving writes a sibling temporary folder and swaps it in with two renames; until the swap the old index
is untouched, and a crash between the renames leaves `DIR.previous`, which `load` falls back to.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np

from citeqa.config import ChunkSettings, Settings
from citeqa.corpus.document import Document
from citeqa.errors import ConfigError, IndexMismatchError
from citeqa.index.embedder import Embedder, EmbeddingInfo, ModelInfo
from citeqa.index.lexical import LexicalIndex
from citeqa.index.passages import Passage, chunk_documents
from citeqa.index.tokens import ModelTokenCounter, TiktokenCounter, TokenCounter
from citeqa.index.vectors import VectorIndex, choose_factory, load_vector_index, make_vector_index

log = logging.getLogger(__name__)
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Manifest:
    model: ModelInfo
    chunk: ChunkSettings
    vector_backend: str
    faiss_factory: str
    documents: int
    passages: int
    sentences: int
    content_hashes: dict[str, str] = field(default_factory=dict)
    format_version: int = FORMAT_VERSION
    built_seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    # None: written by a citeqa that did not record it (before issue 4); read as fp32 (`vector_precision`).
    embedding: EmbeddingInfo | None = None

    @classmethod
    def from_json(cls, data: dict) -> Manifest:
        data = dict(data)
        data["model"] = ModelInfo(**data["model"])
        data["chunk"] = ChunkSettings(**data["chunk"])
        if data.get("embedding"):
            data["embedding"] = EmbeddingInfo(**data["embedding"])
        return cls(**data)

    @property
    def vector_precision(self) -> str:
        """The precision of the stored vectors; an unrecorded one counts as fp32 (torch-compatible)."""
        return self.embedding.precision if self.embedding is not None else "fp32"


@dataclass
class Index:
    """Everything retrieval and answer selection read. Rows align: passage i is vector i and BM25 doc i."""

    manifest: Manifest
    documents: dict[str, Document]
    passages: list[Passage]
    vectors: VectorIndex
    lexical: LexicalIndex
    sentences: np.ndarray  # (n, 3) int32: document row, start, end
    sentence_vectors: np.ndarray  # (n, dim) float32, normalised
    doc_order: list[str] = field(default_factory=list)  # document row -> id
    # BM25 over whole documents (row = `doc_order` row): the retriever's document-level lexical evidence.
    # None on an index saved before it existed; `load` then builds it from the documents.
    document_lexical: LexicalIndex | None = None

    def __post_init__(self) -> None:
        if not self.doc_order:
            self.doc_order = list(self.documents)
        rows = {doc_id: i for i, doc_id in enumerate(self.doc_order)}
        self._sentence_row = {
            (int(d), int(a), int(b)): i for i, (d, a, b) in enumerate(self.sentences.tolist())
        }
        self._doc_row = rows

    def document_row(self, doc_id: str) -> int:
        """Row of a document in `doc_order`, `sentences[:, 0]` and `document_lexical`."""
        return self._doc_row[doc_id]

    def sentence_row(self, doc_id: str, start: int, end: int) -> int:
        """Row of `sentences`/`sentence_vectors` for the sentence at this span of a document."""
        return self._sentence_row[(self._doc_row[doc_id], start, end)]

    def sentence_rows(self, passage: Passage) -> list[int]:
        """Rows of `sentences`/`sentence_vectors` for the sentences of a passage, in order."""
        return [self.sentence_row(passage.doc_id, a, b) for a, b in passage.sentences]

    def passage_texts_for_embedding(self) -> list[str]:
        return [p.embedding_text(self.documents[p.doc_id].title) for p in self.passages]

    # ---- building -----------------------------------------------------------------------------

    @classmethod
    def build(cls, documents: Sequence[Document], settings: Settings, embedder: Embedder) -> Index:
        if not documents:
            raise ConfigError("nothing to index: no readable documents were given")
        timings: dict[str, float] = {}
        t0 = time.perf_counter()
        counter = make_counter(settings.chunk.tokenizer, embedder)
        hard_limit = (
            embedder.info.max_tokens - 2 - len(embedder.tokenizer.tokenize(embedder.info.passage_prefix))
        )
        passages = chunk_documents(documents, settings.chunk, counter, hard_limit)
        if not isinstance(counter, ModelTokenCounter):
            passages = _rechunk_overlong(documents, passages, settings.chunk, embedder, hard_limit)
        docs = {d.id: d for d in documents}
        doc_order = [d.id for d in documents]
        sentences = _distinct_sentences(passages, doc_order)
        timings["chunking"] = time.perf_counter() - t0

        t = time.perf_counter()
        passage_texts = [p.embedding_text(docs[p.doc_id].title) for p in passages]
        log.info("embedding %d passages and %d sentences", len(passages), len(sentences))
        passage_vectors = embedder.encode_passages(passage_texts, progress=len(passage_texts) > 200)
        sentence_texts = [docs[doc_order[d]].text[a:b] for d, a, b in sentences.tolist()]
        sentence_vectors = embedder.encode_passages(sentence_texts, progress=len(sentence_texts) > 200)
        timings["embedding"] = time.perf_counter() - t

        t = time.perf_counter()
        factory = choose_factory(len(passages), settings.faiss_factory)
        vectors = make_vector_index(settings.vector_backend, passage_vectors, factory)
        lexical = LexicalIndex.build(passage_texts)
        document_lexical = LexicalIndex.build([searchable_text(docs[d]) for d in doc_order])
        timings["indexing"] = time.perf_counter() - t
        manifest = Manifest(
            model=embedder.info,
            chunk=settings.chunk,
            vector_backend=settings.vector_backend,
            faiss_factory=factory,
            documents=len(docs),
            passages=len(passages),
            sentences=len(sentences),
            content_hashes={d.id: content_hash(d) for d in documents},
            built_seconds=round(time.perf_counter() - t0, 3),
            timings={k: round(v, 3) for k, v in timings.items()},
            embedding=embedder.embedding,
        )
        return cls(
            manifest,
            docs,
            passages,
            vectors,
            lexical,
            sentences,
            sentence_vectors,
            doc_order,
            document_lexical,
        )

    # ---- disk ---------------------------------------------------------------------------------

    def save(self, folder: str | Path) -> Path:
        folder = Path(folder).expanduser().resolve()
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.tmp-", dir=folder.parent))
        try:
            self._write(tmp)
            _swap_in(tmp, folder)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return folder

    def _write(self, out: Path) -> None:
        with open(out / "documents.jsonl", "w", encoding="utf-8") as f:
            for doc_id in self.doc_order:
                f.write(json.dumps(asdict(self.documents[doc_id]), ensure_ascii=False) + "\n")
        with open(out / "passages.jsonl", "w", encoding="utf-8") as f:
            for p in self.passages:
                row = {"id": p.id, "doc_id": p.doc_id, "start": p.start, "end": p.end}
                f.write(json.dumps(row | {"sentences": [list(s) for s in p.sentences]}) + "\n")
        self.vectors.save(out / "passages.faiss")
        np.save(out / "sentences.npy", self.sentences)
        np.save(out / "sentence_vectors.npy", self.sentence_vectors)
        self.lexical.save(out / "bm25")
        if self.document_lexical is not None:
            self.document_lexical.save(out / "bm25_documents")
        # The manifest goes last: a folder without one was never finished.
        (out / "manifest.json").write_text(json.dumps(asdict(self.manifest), indent=2) + "\n")
        for path in out.rglob("*"):
            if path.is_file():
                with open(path, "rb") as fh:
                    os.fsync(fh.fileno())

    @classmethod
    def load(
        cls,
        folder: str | Path,
        expect_model: str | None = None,
        assume_embedding: EmbeddingInfo | None = None,
    ) -> Index:
        """Load an index; refuse one built with another model (`query_precision` checks the vectors' kind).

        `assume_embedding` fills in a manifest that predates the `embedding` record, for a caller that
        knows how the vectors were made (the eval cache's key records it); without one it is read as fp32.
        """
        folder = _readable_folder(Path(folder).expanduser())
        try:
            manifest = Manifest.from_json(json.loads((folder / "manifest.json").read_text()))
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise IndexMismatchError(
                f"{folder}: not a citeqa index or damaged manifest.json ({exc})"
            ) from exc
        manifest = _with_embedding(folder, manifest, assume_embedding)
        if manifest.format_version != FORMAT_VERSION:
            raise IndexMismatchError(
                f"{folder}: index format {manifest.format_version}, this citeqa reads {FORMAT_VERSION}; "
                "rebuild it with `citeqa index`"
            )
        if expect_model is not None and expect_model != manifest.model.name:
            raise IndexMismatchError(
                f"{folder} was built with model {manifest.model.name!r}, not {expect_model!r}: "
                f"search it with --model {manifest.model.name} or rebuild it with --model {expect_model}"
            )
        documents: dict[str, Document] = {}
        with open(folder / "documents.jsonl", encoding="utf-8") as f:
            for line in f:
                doc = Document(**json.loads(line))
                documents[doc.id] = doc
        passages = []
        with open(folder / "passages.jsonl", encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                text = documents[r["doc_id"]].text[r["start"] : r["end"]]
                spans = tuple((a, b) for a, b in r["sentences"])
                passages.append(Passage(r["id"], r["doc_id"], r["start"], r["end"], text, spans))
        vectors = load_vector_index(
            manifest.vector_backend, folder / "passages.faiss", manifest.faiss_factory
        )
        lexical = LexicalIndex.load(folder / "bm25")
        if (folder / "bm25_documents").is_dir():
            document_lexical = LexicalIndex.load(folder / "bm25_documents")
        else:  # saved before document-level BM25 existed: seconds to build, so build rather than refuse
            log.info("%s: no document-level BM25 (an older index); building it", folder)
            document_lexical = LexicalIndex.build([searchable_text(d) for d in documents.values()])
        sentences = np.load(folder / "sentences.npy")
        sentence_vectors = np.load(folder / "sentence_vectors.npy")
        if len(vectors) != len(passages) or len(sentence_vectors) != len(sentences):
            raise IndexMismatchError(f"{folder}: vector and passage counts differ; rebuild the index")
        return cls(
            manifest, documents, passages, vectors, lexical, sentences, sentence_vectors, [], document_lexical
        )


def _with_embedding(folder: Path, manifest: Manifest, assumed: EmbeddingInfo | None) -> Manifest:
    """An old manifest (no `embedding`) gets the caller's knowledge, or is logged once as fp32."""
    if manifest.embedding is not None:
        return manifest
    if assumed is not None:
        return replace(manifest, embedding=assumed)
    log.info(
        "%s: its manifest does not record how the vectors were made (an older citeqa); treating them as fp32",
        folder,
    )
    return manifest


def query_precision(folder: str | Path, manifest: Manifest, settings: Settings) -> str:
    """The precision to embed queries in for this index: the index's own unless the user asked for one.

    Queries and passages must be embedded alike (int8 and fp32 vectors are not mixed silently); fp32 ONNX
    and torch vectors are the same, so only the precision is compared, never the backend. A precision
    asked for that differs from the index's is refused, as is torch (fp32 only) over int8 vectors.
    """
    stored = manifest.vector_precision
    asked = settings.embed_precision
    if asked and asked != stored:
        raise IndexMismatchError(
            f"{folder} holds {stored} vectors, not {asked}: search it without --precision (or with "
            f"--precision {stored}), or rebuild it with --precision {asked}"
        )
    if settings.embed_backend == "torch" and stored != "fp32":
        raise IndexMismatchError(
            f"{folder} holds {stored} vectors, which --backend torch cannot make (fp32 only): "
            "search it with --backend onnx, or rebuild it with --backend torch"
        )
    return stored


def make_counter(tokenizer: str, embedder: Embedder) -> TokenCounter:
    if tokenizer == "model":
        return ModelTokenCounter(embedder.tokenizer)
    return TiktokenCounter(tokenizer)


def searchable_text(doc: Document) -> str:
    """A whole document as its lexical index sees it: the title, then the text."""
    return f"{doc.title}\n{doc.text}" if doc.title and not doc.text.startswith(doc.title) else doc.text


def content_hash(doc: Document) -> str:
    return hashlib.sha256(doc.text.encode("utf-8")).hexdigest()


def _distinct_sentences(passages: list[Passage], doc_order: list[str]) -> np.ndarray:
    rows = {doc_id: i for i, doc_id in enumerate(doc_order)}
    seen: dict[tuple[int, int, int], None] = {}
    for p in passages:
        for a, b in p.sentences:
            seen.setdefault((rows[p.doc_id], a, b), None)
    return np.array(list(seen) or np.zeros((0, 3)), dtype=np.int32).reshape(-1, 3)


def _rechunk_overlong(
    documents: Sequence[Document],
    passages: list[Passage],
    chunk: ChunkSettings,
    embedder: Embedder,
    hard_limit: int,
) -> list[Passage]:
    """A budget in tiktoken tokens can still exceed the model's window: re-cut those documents by the model."""
    titles = {d.id: d.title for d in documents}
    counts = ModelTokenCounter(embedder.tokenizer).count(
        [p.embedding_text(titles[p.doc_id]) for p in passages]
    )
    overlong = {p.doc_id for p, n in zip(passages, counts, strict=True) if n > hard_limit}
    if not overlong:
        return passages
    log.info(
        "%d documents had passages over the model's %d tokens; re-cut by the model", len(overlong), hard_limit
    )
    model_counter = ModelTokenCounter(embedder.tokenizer)
    redo = chunk_documents([d for d in documents if d.id in overlong], chunk, model_counter, hard_limit)
    by_doc: dict[str, list[Passage]] = {}
    for p in [p for p in passages if p.doc_id not in overlong] + redo:
        by_doc.setdefault(p.doc_id, []).append(p)
    return [p for d in documents for p in by_doc.get(d.id, [])]


def _swap_in(tmp: Path, folder: Path) -> None:
    previous = folder.with_name(folder.name + ".previous")
    if folder.exists():
        if not (folder / "manifest.json").exists() and any(folder.iterdir()):
            raise ConfigError(f"--out {folder}: exists and is not a citeqa index; refusing to replace it")
        shutil.rmtree(previous, ignore_errors=True)
        os.rename(folder, previous)
    os.rename(tmp, folder)
    shutil.rmtree(previous, ignore_errors=True)


def _readable_folder(folder: Path) -> Path:
    if (folder / "manifest.json").exists():
        return folder
    previous = folder.with_name(folder.name + ".previous")
    if (previous / "manifest.json").exists():
        log.warning("%s is missing; using %s, left by an interrupted save", folder, previous)
        return previous
    raise IndexMismatchError(
        f"--index {folder}: no citeqa index there (no manifest.json); build one with `citeqa index`"
    )
