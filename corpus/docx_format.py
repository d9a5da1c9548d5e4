"""Word files (`.docx`): paragraphs and table rows in reading order."""

from __future__ import annotations

from pathlib import Path

from .document import Document
from .fields import Unreadable, as_text, one_line

_TITLE_STYLES = ("Title", "Heading 1")


def read_docx(path: Path, doc_id: str) -> Document:
    """Non-empty paragraphs (and table rows, cells joined by " | ") separated by blank lines.

    The title is the document property when set, else the first paragraph styled Title or Heading 1,
    else the file name.
    """
    import docx  # imported here: only corpora with Word files pay for it
    from docx.table import Table

    try:
        document = docx.Document(str(path))
        blocks: list[str] = []
        styled_title = ""
        for item in document.iter_inner_content():
            if isinstance(item, Table):
                blocks.extend(_row_text(row.cells) for row in item.rows)
                continue
            style = item.style.name if item.style is not None else ""
            if not styled_title and style in _TITLE_STYLES and item.text.strip():
                styled_title = item.text.strip()
            blocks.append(item.text)
        title = as_text(document.core_properties.title)
    except Exception as exc:  # python-docx raises zip, XML and key errors on damaged files
        raise Unreadable(f"not a readable .docx ({type(exc).__name__}: {one_line(exc)})") from exc
    text = "\n\n".join(block for block in blocks if block.strip())
    return Document(
        id=doc_id, text=text, title=title or styled_title or path.stem, source=path.name, path=str(path)
    )


def _row_text(cells: list) -> str:
    """A table row as one line; merged cells repeat in python-docx, so consecutive repeats are dropped."""
    texts: list[str] = []
    for cell in cells:
        text = " ".join(cell.text.split())
        if not texts or texts[-1] != text:
            texts.append(text)
    return " | ".join(text for text in texts if text)
