"""JSON Lines files (`.jsonl`): one document per line, including BEIR's and Pyserini's `corpus.jsonl`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .document import Document, Skipped
from .fields import UTF8_BOM, Unreadable, as_text, iso_date

ID_KEYS = ("id", "_id", "doc_id", "docid")
TEXT_KEYS = ("text", "contents", "body")
DATE_KEYS = ("published", "date")


def read_jsonl(path: Path, id_prefix: str) -> tuple[list[Document], list[Skipped]]:
    """Every good line becomes a document; a bad line becomes a `Skipped` at `path:LINE`, and reading goes on.

    A line without an id gets `id_prefix:LINE`. The text is the text field exactly: the title is not
    prepended, so citation offsets point into what the file holds.
    """
    data = path.read_bytes()
    if b"\x00" in data:
        raise Unreadable("binary file (contains NUL bytes), not JSON Lines")
    documents: list[Document] = []
    skipped: list[Skipped] = []
    for number, raw in enumerate(data.removeprefix(UTF8_BOM).split(b"\n"), start=1):
        if not raw.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            skipped.append(Skipped(where, "not UTF-8 text"))
            continue
        except json.JSONDecodeError as exc:
            skipped.append(Skipped(where, f"not valid JSON ({exc.msg} at column {exc.colno})"))
            continue
        try:
            documents.append(_document(record, where, f"{id_prefix}:{number}"))
        except Unreadable as exc:
            skipped.append(Skipped(where, exc.reason))
    return documents, skipped


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    return next((record[key] for key in keys if record.get(key) not in (None, "")), None)


def _document(record: Any, where: str, default_id: str) -> Document:
    if not isinstance(record, dict):
        raise Unreadable(f"a JSON {type(record).__name__}, not an object")
    text = _first(record, TEXT_KEYS)
    if text is None:
        if any(key in record for key in TEXT_KEYS):
            raise Unreadable("empty text")
        raise Unreadable(f"no text field (one of {', '.join(TEXT_KEYS)})")
    if not isinstance(text, str):
        raise Unreadable(f"text field is a JSON {type(text).__name__}, not a string")
    if not text.strip():
        raise Unreadable("empty text")
    # BEIR puts extra fields under "metadata"; top-level fields win.
    extra = record.get("metadata") if isinstance(record.get("metadata"), dict) else {}
    merged = {**extra, **record}
    return Document(
        id=as_text(_first(record, ID_KEYS)) or default_id,
        text=text,
        title=as_text(merged.get("title")),
        source=as_text(merged.get("source")),
        url=as_text(merged.get("url")),
        published=iso_date(_first(merged, DATE_KEYS)),
        path=where,
    )
