"""Loaders: the project's JSONL eval sets, BEIR folders and SQuAD v1.1 json, all into one `EvalSet` shape.

One shape means one runner and one set of metrics for every source: a question with its gold documents
(graded relevance, as in qrels), its acceptable answer strings, and optionally gold character spans,
disagreement sides and timeline events. A loader never drops a question silently: a question it cannot use
is an error that names the file and line.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from citeqa.corpus import load_corpus
from citeqa.corpus.document import Document
from citeqa.errors import ConfigError

KINDS = ("factual", "no-answer", "sources-disagree", "timeline", "follow-up")


@dataclass(frozen=True)
class Side:
    """One document's own values in a `sources-disagree` question."""

    doc_id: str
    answers: tuple[str, ...]


@dataclass(frozen=True)
class Span:
    """A gold answer as a character span of a document (SQuAD's `answer_start`)."""

    doc_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class EvalQuestion:
    id: str
    question: str
    kind: str = "factual"
    history: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()
    gold_docs: dict[str, int] = field(default_factory=dict)  # doc id -> graded relevance (> 0 relevant)
    spans: tuple[Span, ...] = ()
    sides: tuple[Side, ...] = ()
    events: tuple[tuple[str, str], ...] = ()
    note: str = ""
    disagree: bool = False  # a question of another kind whose sources genuinely disagree

    @property
    def relevant(self) -> set[str]:
        return {d for d, rel in self.gold_docs.items() if rel > 0}


@dataclass(frozen=True)
class EvalSet:
    """Questions and the corpus they are asked over. `documents` is None for a JSONL set with no corpus."""

    name: str
    source: str  # "set", "beir" or "squad"
    questions: tuple[EvalQuestion, ...]
    documents: tuple[Document, ...] | None = None
    skipped_documents: int = 0
    notes: tuple[str, ...] = ()


# ---- the project's JSONL sets ------------------------------------------------------------------


def load_set(path: str | Path, documents: Sequence[Document] | None = None) -> EvalSet:
    """Read an eval set (format: eval/sets/README.md). `documents` is the corpus it is asked over, if known."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"--set {path}: {exc.strerror or exc}") from exc
    questions: list[EvalQuestion] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"--set {path}:{number}"
        try:
            row = json.loads(line)
            q = _set_question(row)
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{where}: not an eval-set line ({exc})") from exc
        if q.id in seen:
            raise ConfigError(f"{where}: duplicate id {q.id!r}")
        seen.add(q.id)
        questions.append(q)
    if not questions:
        raise ConfigError(f"--set {path}: no questions in it")
    return EvalSet(path.stem, "set", tuple(questions), tuple(documents) if documents is not None else None)


def _set_question(row: dict) -> EvalQuestion:
    kind = row.get("kind", "factual")
    if kind not in KINDS:
        raise ValueError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    question = row["question"]
    if not isinstance(question, str) or not question.strip():
        raise ValueError("question must be a non-empty string")
    spans = tuple(
        Span(str(s["doc_id"]), int(s["start"]), int(s["end"]), str(s.get("text", "")))
        for s in row.get("spans", [])
    )
    return EvalQuestion(
        id=str(row["id"]),
        question=question,
        kind=kind,
        history=tuple(str(h) for h in row.get("history") or []),
        answers=tuple(str(a) for a in row.get("answers") or []),
        gold_docs={str(d): 1 for d in row.get("gold_docs") or []},
        spans=spans,
        sides=tuple(
            Side(str(s["doc_id"]), tuple(str(a) for a in s["answers"])) for s in row.get("sides") or []
        ),
        events=tuple((str(d), str(e)) for d, e in row.get("events") or []),
        note=str(row.get("note", "")),
        disagree=_flag(row, "disagree"),
    )


def _flag(row: dict, key: str) -> bool:
    value = row.get(key, False)
    if not isinstance(value, bool):
        raise ValueError(f"{key} must be true or false")
    return value


# ---- BEIR ----------------------------------------------------------------------------------------


def beir_splits(folder: str | Path) -> list[str]:
    """The split names whose `qrels/<split>.tsv` exists."""
    return sorted(p.stem for p in (Path(folder) / "qrels").glob("*.tsv"))


def load_beir(folder: str | Path, split: str = "test", with_corpus: bool = True) -> EvalSet:
    """A BEIR folder: `corpus.jsonl`, `queries.jsonl`, `qrels/<split>.tsv` (header optional, CRLF accepted).

    Every query id in the qrels becomes a question, also one whose text is missing from `queries.jsonl`
    (it is kept with an empty question, so it scores zero and is counted, never dropped).
    """
    folder = Path(folder)
    qrels_path = folder / "qrels" / f"{split}.tsv"
    if not qrels_path.is_file():
        found = ", ".join(beir_splits(folder)) or "none"
        raise ConfigError(f"--split {split}: no {qrels_path} (splits found: {found})")
    qrels = read_qrels(qrels_path)
    queries = _read_queries(folder / "queries.jsonl")
    notes = []
    missing = [q for q in qrels if q not in queries]
    if missing:
        notes.append(f"{len(missing)} qrels queries have no text in queries.jsonl; they score zero")
    questions = tuple(
        EvalQuestion(id=qid, question=queries.get(qid, ""), gold_docs=judged) for qid, judged in qrels.items()
    )
    documents = None
    skipped = 0
    if with_corpus:
        corpus_path = folder / "corpus.jsonl"
        if not corpus_path.is_file():
            raise ConfigError(f"--beir {folder}: no corpus.jsonl")
        corpus = load_corpus([corpus_path])
        documents, skipped = corpus.documents, len(corpus.skipped)
        if skipped:
            notes.append(f"{skipped} corpus lines could not be read and were left out")
    return EvalSet(f"{folder.name}/{split}", "beir", questions, documents, skipped, tuple(notes))


def read_qrels(path: str | Path) -> dict[str, dict[str, int]]:
    """BEIR qrels TSV (`query-id corpus-id score`, with or without header) or TREC qrels (`qid 0 docid rel`)."""
    path = Path(path)
    out: dict[str, dict[str, int]] = {}
    with open(path, encoding="utf-8", newline=None) as f:  # universal newlines: CRLF is fine
        for number, line in enumerate(f, start=1):
            parts = line.split()
            if not parts:
                continue
            if number == 1 and not parts[-1].lstrip("-").isdigit():
                continue  # the header line
            if len(parts) == 3:
                qid, doc_id, rel = parts
            elif len(parts) == 4:
                qid, _, doc_id, rel = parts
            else:
                raise ConfigError(
                    f"{path}:{number}: expected 'query-id corpus-id score', got {line.strip()!r}"
                )
            try:
                out.setdefault(qid, {})[doc_id] = int(rel)
            except ValueError as exc:
                raise ConfigError(f"{path}:{number}: score {rel!r} is not an integer") from exc
    if not out:
        raise ConfigError(f"{path}: no judgments in it")
    return out


def _read_queries(path: Path) -> dict[str, str]:
    if not path.is_file():
        raise ConfigError(f"--beir {path.parent}: no queries.jsonl")
    out: dict[str, str] = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                out[str(row["_id"])] = str(row["text"])
            except (ValueError, KeyError) as exc:
                raise ConfigError(f"{path}:{number}: not a BEIR query line ({exc})") from exc
    return out


# ---- SQuAD v1.1 --------------------------------------------------------------------------------------


def squad_doc_id(title: str, paragraph: int) -> str:
    return f"{title}-{paragraph}"


def load_squad(path: str | Path) -> EvalSet:
    """SQuAD v1.1 json: every paragraph a document `<article title>-<paragraph index>` (0-based).

    The gold of a question is its paragraph, its answer strings (deduplicated, in order) and their character
    spans in the paragraph. Offsets are checked: a span that does not slice its answer text is an error.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        articles = data["data"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"--squad {path}: not a SQuAD json file ({exc})") from exc
    documents: list[Document] = []
    questions: list[EvalQuestion] = []
    for article in articles:
        title = article["title"]
        for p_index, paragraph in enumerate(article["paragraphs"]):
            doc_id = squad_doc_id(title, p_index)
            context = paragraph["context"]
            documents.append(Document(id=doc_id, text=context, title=title.replace("_", " "), source="SQuAD"))
            for qa in paragraph["qas"]:
                spans = []
                for a in qa.get("answers", []):
                    start, text = int(a["answer_start"]), a["text"]
                    if context[start : start + len(text)] != text:
                        raise ConfigError(
                            f"--squad {path}: question {qa['id']}: answer offset does not match"
                        )
                    spans.append(Span(doc_id, start, start + len(text), text))
                answers = tuple(dict.fromkeys(s.text for s in spans))
                questions.append(
                    EvalQuestion(
                        id=str(qa["id"]),
                        question=qa["question"],
                        kind="factual" if answers else "no-answer",
                        answers=answers,
                        gold_docs={doc_id: 1},
                        spans=tuple(spans),
                    )
                )
    if not questions:
        raise ConfigError(f"--squad {path}: no questions in it")
    return EvalSet(path.stem, "squad", tuple(questions), tuple(documents))
