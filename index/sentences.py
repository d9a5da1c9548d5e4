"""Sentence spans: where each sentence of a document starts and ends, as character offsets.

A rule-based splitter rather than a model: it must be fast on a whole corpus at index time, deterministic,
and, above all, return exact offsets into the original text (citations are those offsets). The rules:

- a sentence never crosses a blank line, and a single newline ends a sentence when the line before it
  ends in terminal punctuation or looks like a heading (short, no terminal punctuation);
- `. ! ?` (with closing quotes/brackets) followed by space and an upper-case letter, digit or quote ends a
  sentence, unless the word before is a known abbreviation (`U.S.`, `Jan.`, `Dr.`) or a single initial;
- bracketed reference marks of aggregator pages (`[1][2]`) are trimmed off the end of a sentence, so a
  quote never carries a foreign citation number that could be confused with ours.
"""

from __future__ import annotations

import re

_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sr",
    "jr",
    "st",
    "mt",
    "vs",
    "etc",
    "e.g",
    "i.e",
    "al",
    "fig",
    "no",
    "inc",
    "ltd",
    "co",
    "corp",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "adm",
    "gov",
    "sen",
    "rep",
    "u.s",
    "u.k",
    "u.n",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "approx",
    "dept",
    "est",
    "vol",
    "p",
    "pp",
    "cf",
    "a.m",
    "p.m",
    "ph.d",
}
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9À-Ý])")
_REFERENCE_MARKS = re.compile(r"(?:\s*\[\d+\])+\s*$")
_TERMINAL = re.compile(r"[.!?:;][\"'”’)\]]*$|\[\d+\]$")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return `(start, end)` spans of the sentences in `text[start:end]`, as offsets into `text`."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for line_start, line_end in _blocks(text, start, end):
        cut = line_start
        for m in _BOUNDARY.finditer(text, line_start, line_end):
            if _is_abbreviation(text, line_start, m.start()):
                continue
            spans.append((cut, m.end()))
            cut = m.end()
        spans.append((cut, line_end))
    return [s for s in (_trim(text, a, b) for a, b in spans) if s is not None]


def _blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Runs of lines that a sentence may span: split at blank lines and after finished or heading lines."""
    blocks: list[tuple[int, int]] = []
    block_start = start
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        if nl < 0:
            break
        line = text[pos:nl].strip()
        if not line or _TERMINAL.search(line) or _looks_like_heading(line):
            blocks.append((block_start, nl))
            block_start = nl + 1
        pos = nl + 1
    blocks.append((block_start, end))
    return blocks


def _looks_like_heading(line: str) -> bool:
    return len(line.split()) <= 14 and not line.endswith((",", "-", "–"))


def _is_abbreviation(text: str, floor: int, dot: int) -> bool:
    word_start = dot
    while word_start > floor and not text[word_start - 1].isspace() and text[word_start - 1] not in '("“':
        word_start -= 1
    word = text[word_start:dot].lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Strip whitespace and trailing reference marks; drop spans with no letters or digits."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    m = _REFERENCE_MARKS.search(text, start, end)
    if m:
        end = m.start()
    # "…cooperation[3]." keeps its words: cut before the marks, losing the final stop.
    m = re.search(r"(?:\[\d+\])+[.!?]$", text[start:end])
    if m:
        end = start + m.start()
    if not any(ch.isalnum() for ch in text[start:end]):
        return None
    return start, end
