"""Plain text (`.txt`) and Markdown (`.md`, with optional YAML front matter) files."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .document import Document
from .fields import Unreadable, as_text, decode_text, first_line_title, iso_date, one_line

# Front matter: a `---` line at the very start, YAML, then a closing `---` (or `...`) line.
_FRONT_MATTER = re.compile(
    r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE
)
_ATX_H1 = re.compile(r"^[ ]{0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)


def read_txt(path: Path, doc_id: str) -> Document:
    """A text file is its own text; its title is a short first line, else the file name's stem."""
    text = decode_text(path.read_bytes())
    return Document(
        id=doc_id, text=text, title=first_line_title(text) or path.stem, source=path.name, path=str(path)
    )


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split YAML front matter from the body; the body is returned exactly as it follows the closing line.

    A block that parses to something other than a mapping is not front matter (a Markdown rule can
    open a file too), so the whole text is the body. Broken YAML is the user's to fix: it raises.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise Unreadable(f"front matter is not valid YAML ({one_line(exc)})") from exc
    if meta is None:
        return {}, text[match.end() :]
    if not isinstance(meta, dict):
        return {}, text
    return {str(key).lower(): value for key, value in meta.items()}, text[match.end() :]


def read_markdown(path: Path, doc_id: str) -> Document:
    """A Markdown file: front matter fields win; the title falls back to the first `# heading`."""
    meta, body = split_front_matter(decode_text(path.read_bytes()))
    heading = _ATX_H1.search(body)
    title = as_text(meta.get("title")) or (heading.group(1).strip() if heading else "") or path.stem
    published = meta.get("published", meta.get("date"))
    return Document(
        id=as_text(meta.get("id")) or doc_id,
        text=body,
        title=title,
        source=as_text(meta.get("source")) or path.name,
        url=as_text(meta.get("url")),
        published=iso_date(published),
        path=str(path),
    )
