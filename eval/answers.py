"""Answer metrics for extractive, cited answers: one function per question, means over the set.

Definitions (all matching is case-insensitive substring matching on the raw characters, as
eval/sets/README.md documents; no other normalisation, except SQuAD EM/F1 which use the official one):

- answer recall@k (sentence level, as in ReQA, Ahmad et al. 2019): 1 when one of the first k distinct quoted
  sentences of the answer contains a gold answer string; 0 otherwise, abstentions included.
  `span_recall@k` is the stricter ReQA reading for sets with gold spans (SQuAD): the quoted sentence must
  contain a gold answer's character span in the gold document.
- EM / F1 (SQuAD v1.1 official script's normalisation: lower case, no punctuation, no articles, single
  spaces): of the answer's best span, its first quoted sentence, against every gold answer, maximum taken.
  Our answers are whole sentences, so EM is close to 0 by construction and F1 is bounded by sentence length.
- citation precision: of all citations given to answerable questions, the share whose cited passage contains
  a gold answer string; `citation_doc_precision` is the share whose document is a gold document.
- no-answer accuracy: abstained on a no-answer question, answered any other; also split into both halves.
- disagreement recall: of `sources-disagree` questions with `sides`, the share where every side is cited
  (a citation from that side's document whose quote holds one of that side's values).
- false disagreement rate (conflict precision): of the answers (not abstentions) to questions that are neither
  `sources-disagree` nor flagged `"disagree": true`, the share that report a conflict (start "Sources
  disagree:"). `disagreement_reported` is its other half: of the answers to `sources-disagree` (or flagged)
  questions, the share that report one. Both need the run's conflict flag; without it they are absent.
- timeline event recall / order: share of `events` whose date string is in a quote, and the share of pairs of
  found events that the answer quotes in chronological order.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from citeqa.eval.datasets import EvalQuestion


@dataclass(frozen=True)
class Quote:
    """What the metrics need of a citation: which document and passage, and the quoted text and span."""

    doc_id: str
    quote: str
    passage_text: str
    start: int = -1
    end: int = -1


def contains_answer(text: str, answers: Iterable[str]) -> bool:
    folded = text.casefold()
    return any(a and a.casefold() in folded for a in answers)


def distinct_quotes(quotes: Sequence[Quote]) -> list[Quote]:
    """Citations in answer order, one per distinct sentence (a sentence cited twice counts once)."""
    seen: set[tuple[str, int, int, str]] = set()
    out = []
    for q in quotes:
        key = (q.doc_id, q.start, q.end, q.quote)
        if key not in seen:
            seen.add(key)
            out.append(q)
    return out


def answer_recall_at(question: EvalQuestion, quotes: Sequence[Quote], k: int) -> float:
    return float(any(contains_answer(q.quote, question.answers) for q in distinct_quotes(quotes)[:k]))


def span_recall_at(question: EvalQuestion, quotes: Sequence[Quote], k: int) -> float:
    return float(
        any(
            q.doc_id == s.doc_id and q.start <= s.start and s.end <= q.end
            for q in distinct_quotes(quotes)[:k]
            for s in question.spans
        )
    )


# ---- SQuAD v1.1 official normalisation, EM and F1 ------------------------------------------------------


def normalize_answer(s: str) -> str:
    """As in the official SQuAD v1.1 evaluate script."""
    s = s.lower()
    s = "".join(ch for ch in s if ch not in set(string.punctuation))
    s = re.sub(r"\b(a|an|the)\b", " ", s)
    return " ".join(s.split())


def exact_match(prediction: str, truth: str) -> float:
    return float(normalize_answer(prediction) == normalize_answer(truth))


def f1(prediction: str, truth: str) -> float:
    pred, gold = normalize_answer(prediction).split(), normalize_answer(truth).split()
    common = Counter(pred) & Counter(gold)
    same = sum(common.values())
    if same == 0:
        return 0.0
    precision, recall = same / len(pred), same / len(gold)
    return 2 * precision * recall / (precision + recall)


# ---- one question ----------------------------------------------------------------------------------------


def question_scores(
    question: EvalQuestion, abstained: bool, quotes: Sequence[Quote], conflict: bool | None = None
) -> dict[str, float]:
    """Every metric that applies to this question (a metric that does not apply is absent, not zero).

    `conflict`: did the answer report that sources disagree (None when the run does not say)."""
    row: dict[str, float] = {}
    if conflict is not None and not abstained:
        if question.kind == "sources-disagree" or question.disagree:
            row["disagreement_reported"] = float(conflict)
        else:
            row["false_disagreement"] = float(conflict)
    answerable = question.kind != "no-answer"
    row["no_answer_correct"] = float(abstained) if not answerable else float(not abstained)
    if not answerable:
        row["abstained_on_no_answer"] = float(abstained)
        return row
    row["answered"] = float(not abstained)
    if question.answers:
        row["answer_recall@1"] = answer_recall_at(question, quotes, 1)
        row["answer_recall@3"] = answer_recall_at(question, quotes, 3)
        first = distinct_quotes(quotes)[0].quote if quotes else ""
        row["em"] = max(exact_match(first, a) for a in question.answers) if first else 0.0
        row["f1"] = max(f1(first, a) for a in question.answers) if first else 0.0
        row["citations"] = float(len(quotes))
        row["supported_citations"] = float(
            sum(contains_answer(q.passage_text, question.answers) for q in quotes)
        )
    if question.spans:
        row["span_recall@1"] = span_recall_at(question, quotes, 1)
        row["span_recall@3"] = span_recall_at(question, quotes, 3)
    if question.gold_docs:
        row["gold_doc_citations"] = float(sum(q.doc_id in question.relevant for q in quotes))
    if question.kind == "sources-disagree" and question.sides:
        row["sides_covered"] = float(
            all(
                any(q.doc_id == side.doc_id and contains_answer(q.quote, side.answers) for q in quotes)
                for side in question.sides
            )
        )
    if question.kind == "timeline" and question.events:
        positions = []
        for date, _ in question.events:
            at = next((i for i, q in enumerate(quotes) if contains_answer(q.quote, [date])), None)
            positions.append(at)
        found = [p for p in positions if p is not None]
        row["timeline_event_recall"] = len(found) / len(positions)
        pairs = [(a, b) for i, a in enumerate(found) for b in found[i + 1 :]]
        if pairs:
            row["timeline_order"] = sum(a <= b for a, b in pairs) / len(pairs)
    return row


# ---- the set ------------------------------------------------------------------------------------------------


def summarize(rows: Mapping[str, Mapping[str, float]]) -> dict[str, float | int]:
    """Means over the questions each metric applies to; citation precision is micro-averaged."""

    def mean(key: str) -> tuple[float, int]:
        values = [r[key] for r in rows.values() if key in r]
        return (sum(values) / len(values) if values else float("nan")), len(values)

    out: dict[str, float | int] = {}
    for key, name in (
        ("answer_recall@1", "answer_recall@1"),
        ("answer_recall@3", "answer_recall@3"),
        ("span_recall@1", "span_recall@1"),
        ("span_recall@3", "span_recall@3"),
        ("em", "em"),
        ("f1", "f1"),
        ("no_answer_correct", "no_answer_accuracy"),
        ("abstained_on_no_answer", "abstain_rate_no_answer"),
        ("answered", "answer_rate_answerable"),
        ("sides_covered", "disagreement_recall"),
        ("disagreement_reported", "disagreement_reported"),
        ("false_disagreement", "false_disagreement_rate"),
        ("timeline_event_recall", "timeline_event_recall"),
        ("timeline_order", "timeline_order"),
    ):
        value, n = mean(key)
        if n:
            out[name] = value
            out[f"n_{name}"] = n
    cited = sum(r.get("citations", 0.0) for r in rows.values())
    if cited:
        out["citation_precision"] = sum(r.get("supported_citations", 0.0) for r in rows.values()) / cited
        doc_cited = sum(r.get("citations", 0.0) for r in rows.values() if "gold_doc_citations" in r)
        if doc_cited:
            out["citation_doc_precision"] = (
                sum(r.get("gold_doc_citations", 0.0) for r in rows.values()) / doc_cited
            )
        out["n_citations"] = int(cited)
    return out
