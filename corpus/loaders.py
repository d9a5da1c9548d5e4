"""Turn files and folders into a `Corpus`: pick a reader by extension, assign ids, report what was left out.

One bad file never stops a corpus from loading: it becomes a `Skipped` with a reason and a warning in the
log. Only a path that does not exist at all is an error, since that is almost always a typo.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from tqdm import tqdm

from citeqa.errors import DocumentError

from .document import Document, Skipped
from .docx_format import read_docx
from .fields import Unreadable
from .html_format import read_html
from .jsonl_format import read_jsonl
from .pdf_format import read_pdf
from .text_formats import read_markdown, read_txt

# Readers of one-document formats, by lower-cased extension; `.jsonl` (many documents) is handled apart.
_READERS: MappingProxyType[str, Callable[[Path, str], Document]] = MappingProxyType(
    {
        ".txt": read_txt,
        ".md": read_markdown,
        ".markdown": read_markdown,
        ".html": read_html,
        ".htm": read_html,
        ".pdf": read_pdf,
        ".docx": read_docx,
    }
)
_JSONL = ".jsonl"
KNOWN_EXTENSIONS = (*_READERS, _JSONL)


@dataclass(frozen=True)
class Corpus:
    """The loaded documents, in load order, and everything that was reported and left out."""

    documents: tuple[Document, ...]
    skipped: tuple[Skipped, ...]


def load_file(path: str | Path) -> list[Document]:
    """Read one file into its documents (one, or one per line of a `.jsonl` file).

    Raises `DocumentError` naming the file when it yields no document. Bad lines of a `.jsonl` file
    that still has good ones are logged and left out, as `load_corpus` would.
    """
    file = Path(path)
    if file.is_dir():
        raise DocumentError(f"{file}: is a folder; use load_corpus for folders")
    try:
        documents, skipped = _read(file, file.name)
    except Unreadable as exc:
        raise DocumentError(f"{file}: {exc.reason}") from None
    documents, duplicates = _claim_ids(documents, {})
    skipped = skipped + duplicates
    for entry in skipped:
        _warn(entry)
    if not documents:
        first = skipped[0].reason
        raise DocumentError(f"{file}: no documents ({len(skipped)} line(s) skipped; first: {first})")
    return documents


def load_corpus(paths: Iterable[str | Path] | str | Path, *, progress: bool = False) -> Corpus:
    """Load files and folders (recursively, in sorted order, hidden files ignored) into one corpus.

    A document's id is the one its front matter or JSON line gives, else its path relative to the folder
    named (posix style), or its file name for a file named directly. Ids are unique across the corpus: a
    later document with a taken id is skipped, naming both files. A file named twice is read once.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]  # a lone path, not an iterable of its characters
    jobs: list[tuple[Path, str]] = []
    for given in paths:
        root = Path(given)
        if root.is_dir():
            jobs.extend((file, file.relative_to(root).as_posix()) for file in _files_under(root))
        elif root.exists():
            jobs.append((root, root.name))
        else:
            raise DocumentError(f"{root}: no such file or folder")

    documents: list[Document] = []
    skipped: list[Skipped] = []
    seen_files: set[Path] = set()
    owners: dict[str, str] = {}  # document id -> where it was loaded from
    for file, doc_id in tqdm(jobs, desc="Reading documents", unit="file", disable=not progress):
        if (key := file.resolve()) in seen_files:
            continue
        seen_files.add(key)
        try:
            found, bad = _read(file, doc_id)
        except Unreadable as exc:
            found, bad = [], [Skipped(str(file), exc.reason)]
        kept, duplicates = _claim_ids(found, owners)
        documents.extend(kept)
        bad.extend(duplicates)
        for entry in bad:
            _warn(entry)
        skipped.extend(bad)
    return Corpus(documents=tuple(documents), skipped=tuple(skipped))


def _read(file: Path, doc_id: str) -> tuple[list[Document], list[Skipped]]:
    """Dispatch on the extension; raises `Unreadable` when the file as a whole yields nothing."""
    suffix = file.suffix.lower()
    try:
        if suffix == _JSONL:
            documents, skipped = read_jsonl(file, doc_id)
            if not documents and not skipped:
                raise Unreadable("empty file (no JSON lines)")
            return documents, skipped
        reader = _READERS.get(suffix)
        if reader is None:
            known = ", ".join(KNOWN_EXTENSIONS)
            raise Unreadable(f"unknown extension {suffix or '(none)'!r}; known: {known}")
        document = reader(file, doc_id)
    except OSError as exc:
        raise Unreadable(f"cannot read ({exc.strerror or exc})") from exc
    if not document.text.strip():
        raise Unreadable("empty document (no text)")
    return [document], []


def _claim_ids(documents: list[Document], owners: dict[str, str]) -> tuple[list[Document], list[Skipped]]:
    """Keep the first document of each id (recording it in `owners`); skip later ones, naming both places."""
    kept: list[Document] = []
    duplicates: list[Skipped] = []
    for document in documents:
        if document.id in owners:
            reason = f"duplicate id {document.id!r} (already loaded from {owners[document.id]})"
            duplicates.append(Skipped(document.path, reason))
        else:
            owners[document.id] = document.path
            kept.append(document)
    return kept, duplicates


def _files_under(root: Path) -> list[Path]:
    """Every non-hidden file below `root`, not entering hidden folders, sorted by relative path."""
    found: list[Path] = []
    for directory, folders, names in os.walk(root):
        folders[:] = [name for name in folders if not name.startswith(".")]
        found.extend(Path(directory, name) for name in names if not name.startswith("."))
    return sorted(found, key=lambda file: file.relative_to(root).as_posix())


def _warn(entry: Skipped) -> None:
    logging.getLogger(__name__).warning("skipped %s: %s", entry.path, entry.reason)
