"""Choosing the sentences that answer a question, from the passages retrieval found.

Each sentence of the top passages is scored by three signals (weights in `AnswerSettings`):
semantic similarity of its precomputed vector to the question's, the share of the question's (stemmed)
terms it contains, and the retrieval score of its passage. Sentences saying the same thing (vectors
closer than `redundancy`) become one quoted statement with several citations.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from citeqa.index.retriever import Hit, Query
from citeqa.index.store import Index

from citeqa.config import AnswerSettings

_MIN_WORDS = 4  # fragments make poor answers
_HEADING_WORDS = 12  # a line this short with no stop and no date is a heading, not a statement


@dataclass(frozen=True)
class Candidate:
    row: int  # row in index.sentences
    doc_id: str
    passage_id: str
    start: int
    end: int
    score: float
    semantic: float
    overlap: float


@dataclass(frozen=True)
class Statement:
    """One quoted sentence of the answer and the other sources that say the same."""

    main: Candidate
    also: tuple[Candidate, ...] = ()


def score_sentences(index: Index, query: Query, hits: list[Hit], settings: AnswerSettings) -> list[Candidate]:
    """Every distinct sentence of the hit passages, scored and sorted best first."""
    if not hits:
        return []
    q_terms = set(index.lexical.terms(query.text))
    best_hit = max(h.score for h in hits) or 1.0
    seen: dict[int, Candidate] = {}
    for hit in hits:
        rows = index.sentence_rows(hit.passage)
        sims = index.sentence_vectors[rows] @ query.vector
        for row, sim in zip(rows, sims.tolist(), strict=True):
            if row in seen:
                continue
            _, start, end = (int(x) for x in index.sentences[row])
            text = index.documents[hit.passage.doc_id].text[start:end]
            if not is_statement(text):
                continue
            terms = set(index.lexical.terms(text))
            overlap = len(q_terms & terms) / len(q_terms) if q_terms else 0.0
            score = (
                settings.semantic_weight * sim
                + settings.overlap_weight * overlap
                + settings.passage_weight * (hit.score / best_hit)
            )
            seen[row] = Candidate(row, hit.passage.doc_id, hit.passage.id, start, end, score, sim, overlap)
    return sorted(seen.values(), key=lambda c: -c.score)


def is_statement(text: str) -> bool:
    """Headings and fragments are context, not answers."""
    words = text.split()
    if len(words) < _MIN_WORDS:
        return False
    has_stop = text.rstrip("\"'”’)").endswith((".", "!", "?"))
    return has_stop or len(words) > _HEADING_WORDS or " – " in text


def choose(index: Index, candidates: list[Candidate], settings: AnswerSettings) -> list[Statement]:
    """The best sentences within `relative` of the top one, merged where they say the same thing."""
    if not candidates or candidates[0].score < settings.min_score:
        return []
    floor = max(settings.min_score, candidates[0].score * settings.relative)
    statements: list[Statement] = []
    for cand in candidates:
        if cand.score < floor:
            break
        twin = _same_statement(index, statements, cand, settings.redundancy)
        if twin is not None:
            s = statements[twin]
            if cand.doc_id != s.main.doc_id and all(c.doc_id != cand.doc_id for c in s.also):
                statements[twin] = Statement(s.main, s.also + (cand,))
            continue
        if len(statements) < settings.max_sentences:
            statements.append(Statement(cand))
    return statements


def _same_statement(
    index: Index, statements: list[Statement], cand: Candidate, threshold: float
) -> int | None:
    if not statements:
        return None
    mains = np.stack([index.sentence_vectors[s.main.row] for s in statements])
    sims = mains @ index.sentence_vectors[cand.row]
    best = int(np.argmax(sims))
    return best if sims[best] >= threshold else None
