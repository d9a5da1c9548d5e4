"""The Assistant: a question (and the conversation so far) in, a cited extractive `Answer` out."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from citeqa.corpus.document import Document
from citeqa.index.embedder import Embedder
from citeqa.index.retriever import Hit, Retriever
from citeqa.index.store import Index
from citeqa.qa.answer import Answer, Citation, PassageView
from citeqa.qa.followup import rewrite
from citeqa.qa.select import Candidate, choose, score_sentences

from citeqa.config import Settings

log = logging.getLogger(__name__)

NOT_FOUND = "I could not find an answer to that in the documents."


class Assistant:
    """Holds one loaded model and one index; `ask` and `search` are safe to call repeatedly."""

    def __init__(self, index: Index, embedder: Embedder, settings: Settings, label: str = "") -> None:
        self.index = index
        self.embedder = embedder
        self.settings = settings
        self.retriever = Retriever(index, embedder, settings.retrieval)
        self._label = label or "index"

    @classmethod
    def open(cls, settings: Settings | None = None) -> Assistant:
        """Load the index in `settings.index_dir`, or index the demo corpus in memory when there is none."""
        settings = settings or Settings()
        if settings.index_dir is not None:
            index = Index.load(settings.index_dir, expect_model=settings.model or None)
            embedder = Embedder(index.manifest.model.name, settings.device, settings.batch_size)
            return cls(index, embedder, settings, label=str(settings.index_dir))
        from citeqa.corpus.demo import demo_corpus

        return cls.over(demo_corpus(), settings, label="demo corpus")

    @classmethod
    def over(
        cls, documents: Sequence[Document], settings: Settings | None = None, label: str = ""
    ) -> Assistant:
        """Index `documents` in memory (nothing is written) and answer over them."""
        settings = settings or Settings()
        embedder = Embedder(settings.model_name, settings.device, settings.batch_size)
        return cls(Index.build(documents, settings, embedder), embedder, settings, label=label)

    @property
    def description(self) -> str:
        m = self.index.manifest
        return f"{self._label}: {m.documents} documents, {m.passages} passages, model {m.model.name}"

    def search(self, query: str, top_k: int | None = None) -> list[Hit]:
        return self.retriever.search(query, top_k)

    def ask(self, question: str, history: Sequence[str] = ()) -> Answer:
        question = question.strip()
        searched_for = rewrite(question, history)
        query = self.retriever.embed(searched_for)
        hits = self.retriever.search(query)
        candidates = score_sentences(self.index, query, hits, self.settings.answer)
        statements = choose(self.index, candidates, self.settings.answer)
        if not statements:
            return self._abstain(question, searched_for, hits)
        citations: list[Citation] = []
        parts: list[str] = []
        for statement in statements:
            marks = ""
            for cand in (statement.main, *statement.also):
                citations.append(self._cite(len(citations) + 1, cand))
                marks += f"[{len(citations)}]"
            parts.append(f"{citations[-1 - len(statement.also)].quote} {marks}")
        cited_passages = dict.fromkeys(c.passage_id for c in citations)
        by_id = {h.passage.id: h for h in hits}
        return Answer(
            question=question,
            answer=" ".join(parts),
            abstained=False,
            citations=tuple(citations),
            passages=tuple(self._view(by_id[pid]) for pid in cited_passages),
            searched_for=searched_for,
        )

    def _abstain(self, question: str, searched_for: str, hits: list[Hit]) -> Answer:
        leads = tuple(self._view(h) for h in hits[: self.settings.answer.passages_shown])
        return Answer(question, NOT_FOUND, True, (), leads, searched_for)

    def _cite(self, n: int, cand: Candidate) -> Citation:
        doc = self.index.documents[cand.doc_id]
        return Citation(
            n=n,
            doc_id=doc.id,
            title=doc.title,
            source=doc.source,
            published=doc.published,
            quote=doc.text[cand.start : cand.end],
            passage_id=cand.passage_id,
            start=cand.start,
            end=cand.end,
            score=round(cand.score, 4),
            url=doc.url,
        )

    def _view(self, hit: Hit) -> PassageView:
        doc = self.index.documents[hit.passage.doc_id]
        p = hit.passage
        return PassageView(
            p.id, doc.id, doc.title, doc.source, doc.published, p.text, p.start, p.end, round(hit.score, 4)
        )

    def save_index(self, folder: str | Path) -> Path:
        return self.index.save(folder)
