"""Helpers every format reader shares: the reader's error, decoding bytes, dates and titles.

They live in one place so that a `.md` file and a `.html` page decode, date and title the same way.
"""

from __future__ import annotations

import datetime as dt

from citeqa.errors import DocumentError

UTF8_BOM = b"\xef\xbb\xbf"
TITLE_MAX_CHARS = 120  # a first line longer than this is prose, not a title


class Unreadable(DocumentError):
    """A reader's reason for leaving a file (or one line of it) out; the loader adds the path.

    The reason is kept apart from the path so that `load_corpus` can record it in a `Skipped` while
    `load_file` raises one line that names the file.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def one_line(text: object, limit: int = 200) -> str:
    """Squeeze a (library's, often multi-line) message into one short line for a skip reason."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def decode_text(data: bytes) -> str:
    """Decode a text file as UTF-8, dropping a byte-order mark; refuse binary data.

    No guessing of legacy encodings: a wrong guess would silently corrupt the text that citations quote,
    while a clear skip tells the user to re-save the file as UTF-8.
    """
    if b"\x00" in data:
        raise Unreadable("binary file (contains NUL bytes), not UTF-8 text")
    for encoding in ("utf-8-sig", "utf-8") if data.startswith(UTF8_BOM) else ("utf-8",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            error = exc
    raise Unreadable(f"not UTF-8 text (undecodable byte at offset {error.start}); re-save it as UTF-8")


def iso_date(value: object) -> str:
    """Normalise a date to ISO `YYYY-MM-DD`, or "" when it does not name a full day.

    Accepts `date`/`datetime` objects (YAML front matter parses `2024-03-05` into one) and strings in
    ISO or common written forms. A year or a month alone gives "": a made-up day would look precise.
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return ""
    text = value.strip()
    try:
        return dt.datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    import dateparser  # imported here: it costs about half a second and most corpora never need it

    parsed = dateparser.parse(
        text,
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "PARSERS": ["custom-formats", "absolute-time"]},
    )
    return parsed.date().isoformat() if parsed else ""


def first_line_title(text: str) -> str:
    """The first non-empty line when it is short enough to be a title, else ""."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= TITLE_MAX_CHARS else ""
    return ""


def as_text(value: object) -> str:
    """A metadata value (front matter, JSON) as a stripped string; None and containers give ""."""
    if value is None or isinstance(value, dict | list | tuple | set):
        return ""
    return str(value).strip()
