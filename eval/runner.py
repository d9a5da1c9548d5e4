"""Run an `EvalSet` through the retriever (document runs) and the assistant (answers), question by question.

The runner only collects; metrics live in `retrieval.py` and `answers.py`, the report in `report.py`.
Every question of the set is run and kept, including one with an empty question text (it gets an empty run).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from tqdm import tqdm

from citeqa.eval.answers import Quote
from citeqa.eval.datasets import EvalSet
from citeqa.eval.retrieval import DocRanking, documents_by_best_passage
from citeqa.qa.assistant import Assistant
from citeqa.qa.followup import rewrite


@dataclass
class QuestionRun:
    id: str
    searched_for: str
    ranking: DocRanking
    passages_searched: int
    abstained: bool | None = None
    quotes: list[Quote] = field(default_factory=list)
    answer_text: str = ""
    conflict: bool | None = None  # did the answer report that sources disagree
    seconds_search: float = 0.0
    seconds_answer: float = 0.0


def deep_document_ranking(assistant: Assistant, query_text: str, depth: int) -> tuple[DocRanking, int]:
    """At least `depth` distinct documents (when the corpus has them), by their best passage.

    Passages are searched 3 x `depth` deep and deeper still (doubling) until `depth` distinct documents are
    found or every passage has been ranked. Both legs are searched to that depth, so their fusion sees them.
    """
    retriever = assistant.retriever
    total = len(assistant.index.passages)
    n_docs = len(assistant.index.documents)
    want = min(depth, n_docs)
    if not query_text.strip():
        return [], 0
    query = retriever.embed(query_text)
    k = min(total, 3 * depth)
    while True:
        hits = retriever.search(query, top_k=k)
        ranking = documents_by_best_passage(((h.passage.doc_id, h.score) for h in hits), depth)
        if len(ranking) >= want or k >= total or len(hits) < k:
            return ranking, k
        k = min(total, 2 * k)


def run_set(
    evalset: EvalSet,
    assistant: Assistant,
    *,
    depth: int = 100,
    answers: bool = True,
    progress: bool = True,
) -> tuple[list[QuestionRun], dict[str, float]]:
    """Retrieval runs for every question, and answers too when `answers` (BEIR has no answer strings)."""
    runs: list[QuestionRun] = []
    t_all = time.perf_counter()
    search_s = answer_s = 0.0
    passage_text = {p.id: p.text for p in assistant.index.passages} if answers else {}
    for q in tqdm(evalset.questions, desc=f"eval {evalset.name}", unit="q", disable=not progress):
        searched_for = rewrite(q.question, q.history) if q.question.strip() else ""
        t = time.perf_counter()
        ranking, k = deep_document_ranking(assistant, searched_for, depth)
        run = QuestionRun(q.id, searched_for, ranking, k, seconds_search=time.perf_counter() - t)
        search_s += run.seconds_search
        if answers and q.question.strip():
            t = time.perf_counter()
            answer = assistant.ask(q.question, list(q.history))
            run.seconds_answer = time.perf_counter() - t
            answer_s += run.seconds_answer
            run.abstained = answer.abstained
            run.answer_text = answer.answer
            run.conflict = bool(answer.conflicts)
            run.quotes = [
                Quote(c.doc_id, c.quote, passage_text.get(c.passage_id, ""), c.start, c.end)
                for c in answer.citations
            ]
        elif answers:
            run.abstained = True
        runs.append(run)
    timings = {
        "total_s": time.perf_counter() - t_all,
        "search_s": search_s,
        "answer_s": answer_s,
        "questions": len(runs),
    }
    return runs, timings
