"""The `Document`: what every loader produces and every later stage points back into."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    """One source document.

    `text` is kept exactly as read (after format decoding) and never normalised afterwards:
    every passage, sentence and citation is a character span into it, so that
    `document.text[start:end]` is always the quoted string.
    """

    id: str
    text: str
    title: str = ""
    source: str = ""  # who published it: a site, a newspaper, a file name
    url: str = ""
    published: str = ""  # ISO date (YYYY-MM-DD) or "" when unknown
    path: str = ""  # where it was loaded from, for error messages and display


@dataclass(frozen=True)
class Skipped:
    """A file (or a line of a JSONL file) that was reported and left out of the corpus."""

    path: str
    reason: str
