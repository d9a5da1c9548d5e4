"""Cutting documents into passages on sentence boundaries, within a token budget, with overlap."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from citeqa.config import ChunkSettings
from citeqa.corpus.document import Document
from citeqa.index.sentences import split_sentences
from citeqa.index.tokens import TokenCounter

Span = tuple[int, int]


@dataclass(frozen=True)
class Passage:
    """A run of whole sentences of one document: `text == document.text[start:end]`."""

    id: str
    doc_id: str
    start: int
    end: int
    text: str
    sentences: tuple[Span, ...]  # absolute offsets into the document text, in order

    def embedding_text(self, title: str) -> str:
        """What the embedder sees: the title gives a passage the context its sentences leave implicit."""
        return f"{title}\n{self.text}" if title and not self.text.startswith(title) else self.text


def chunk_documents(
    documents: Iterable[Document], settings: ChunkSettings, counter: TokenCounter, hard_limit: int
) -> list[Passage]:
    """Pack each document's sentences greedily into passages of at most `settings.max_tokens` tokens.

    `hard_limit` is what the model can see (its max sequence length, less special tokens, in the model's
    own tokens); a single sentence longer than the budget is cut on word boundaries so no passage is ever
    silently truncated by the model. When the budget is counted in another tokenizer than the model's,
    the caller checks the result against the model (see `Indexer`).
    """
    passages: list[Passage] = []
    for doc in documents:
        spans = split_sentences(doc.text)
        if not spans:
            continue
        budget = max(32, min(settings.max_tokens, hard_limit) - _title_cost(doc.title, counter))
        spans = _split_long(doc.text, spans, counter, budget)
        counts = counter.count([doc.text[a:b] for a, b in spans])
        passages.extend(_pack(doc, spans, counts, budget, settings.overlap_sentences))
    return passages


def _title_cost(title: str, counter: TokenCounter) -> int:
    return counter.count([title])[0] + 1 if title else 0


def _pack(doc: Document, spans: list[Span], counts: list[int], budget: int, overlap: int) -> list[Passage]:
    out: list[Passage] = []
    first = 0
    while first < len(spans):
        last, used = first, counts[first]
        while last + 1 < len(spans) and used + counts[last + 1] + 1 <= budget:
            last += 1
            used += counts[last] + 1
        group = spans[first : last + 1]
        start, end = group[0][0], group[-1][1]
        out.append(
            Passage(
                id=f"{doc.id}#{len(out)}",
                doc_id=doc.id,
                start=start,
                end=end,
                text=doc.text[start:end],
                sentences=tuple(group),
            )
        )
        if last + 1 >= len(spans):
            break
        first = max(first + 1, last + 1 - overlap)
    return out


def _split_long(text: str, spans: list[Span], counter: TokenCounter, budget: int) -> list[Span]:
    """Cut any sentence over the budget into word-boundary pieces that fit."""
    counts = counter.count([text[a:b] for a, b in spans])
    out: list[Span] = []
    for (a, b), n in zip(spans, counts, strict=True):
        if n <= budget:
            out.append((a, b))
            continue
        # Word counts add up (WordPiece exactly, BPE nearly): keep a tenth in reserve for the difference.
        words = _word_spans(text, a, b)
        word_counts = counter.count([" " + text[ws:we] for ws, we in words])
        piece_start, used, prev_end = words[0][0], 0, words[0][1]
        for (ws, we), wn in zip(words, word_counts, strict=True):
            if used and used + wn > budget * 0.9:
                out.append((piece_start, prev_end))
                piece_start, used = ws, 0
            used += wn
            prev_end = we
        out.append((piece_start, prev_end))
    return out


def _word_spans(text: str, start: int, end: int) -> list[Span]:
    spans, pos = [], start
    while pos < end:
        while pos < end and text[pos].isspace():
            pos += 1
        word_start = pos
        while pos < end and not text[pos].isspace():
            pos += 1
        if pos > word_start:
            spans.append((word_start, pos))
    return spans
