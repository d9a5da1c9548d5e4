"""PDF files: the text layer pypdf can extract, page by page."""

from __future__ import annotations

from pathlib import Path

from .document import Document
from .fields import Unreadable, as_text, one_line


def read_pdf(path: Path, doc_id: str) -> Document:
    """Pages with text, joined by blank lines; a PDF without a text layer is refused, not indexed empty.

    The title comes from the PDF's metadata when set, else the file name: a paper's first extracted line
    is as often a journal banner as its title.
    """
    from pypdf import PdfReader  # imported here: only corpora with PDFs pay for it

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Unreadable("encrypted PDF (needs a password)")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = as_text(reader.metadata.title) if reader.metadata else ""
    except Unreadable:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files; any of them means "unreadable"
        raise Unreadable(f"not a readable PDF ({type(exc).__name__}: {one_line(exc)})") from exc
    text = "\n\n".join(page for page in pages if page.strip())
    if not text:
        raise Unreadable(f"PDF has no extractable text in {len(pages)} page(s) (scanned? it needs OCR first)")
    return Document(id=doc_id, text=text, title=title or path.stem, source=path.name, path=str(path))
