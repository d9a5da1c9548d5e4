"""The Assistant: a question (and the conversation so far) in, a cited extractive `Answer` out."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from citeqa.config import Settings
from citeqa.corpus.document import Document
from citeqa.index.embedder import Embedder
from citeqa.index.passages import Passage
from citeqa.index.rerank import CrossEncoderReranker
from citeqa.index.retriever import Hit, Query, Retriever
from citeqa.index.store import Index, query_precision
from citeqa.qa.abstain import Verdict, judge
from citeqa.qa.answer import Answer, Citation, PassageView, TimelineEvent
from citeqa.qa.conflicts import find_conflicts
from citeqa.qa.facts import SentenceFacts
from citeqa.qa.followup import expand, needs_context, rewrite
from citeqa.qa.match import TokenMatch
from citeqa.qa.question import (
    DATE,
    QuestionForm,
    drop_guess,
    drop_purpose,
    in_window,
    listed_events,
    mend_question_words,
    read_question,
)
from citeqa.qa.select import Candidate, Statement, choose, other_nations_last, read_again, score_sentences
from citeqa.qa.sources import NamedSource, Sources
from citeqa.qa.spoken import as_written
from citeqa.qa.timeline import (
    Dated,
    dated_events,
    first_dated,
    in_time_order,
    most_precise,
    placing,
    span_of,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Deliberation:
    """The intermediate results of answering one question."""

    searched_for: str
    form: QuestionForm
    hits: list[Hit]
    candidates: list[Candidate]
    statements: list[Statement]
    verdict: Verdict
    scope: NamedSource | None = None  # the source the question names ("according to Newsweek")


NOT_FOUND = "I could not find an answer to that in the documents."


class Assistant:
    """Holds one loaded model and one index; `ask` and `search` are safe to call repeatedly."""

    def __init__(self, index: Index, embedder: Embedder, settings: Settings, label: str = "") -> None:
        self.index = index
        self.embedder = embedder
        self.settings = settings
        self.retriever = Retriever(index, embedder, settings.retrieval)
        self._label = label or "index"
        # per-sentence dates, terms and counts, filled as questions come; the model's words tell a slip of
        # the keyboard from a word the documents do not use
        self.facts = SentenceFacts(index, dictionary=embedder.vocabulary())
        reader = settings.answer.reader
        self.reader = CrossEncoderReranker(reader, embedder.device, setting="reader") if reader else None
        self.match = TokenMatch(embedder, self.facts)  # the top sentences read word by word
        self._doc_passages: dict[str, list[Passage]] | None = None  # doc id -> its passages, built on demand
        self._sources: Sources | None = None  # what each document says of itself, read at the first question

    @classmethod
    def open(cls, settings: Settings | None = None) -> Assistant:
        """Load the index in `settings.index_dir`, or index the demo corpus in memory when there is none.

        Queries are embedded with the index's model and precision (int8 or fp32, from its manifest), so a
        user who asked for neither gets matching vectors, and one who asked for another gets an error.
        """
        settings = settings or Settings()
        if settings.index_dir is not None:
            index = Index.load(settings.index_dir, expect_model=settings.model or None)
            precision = query_precision(settings.index_dir, index.manifest, settings)
            embedder = Embedder.from_settings(settings, name=index.manifest.model.name, precision=precision)
            return cls(index, embedder, settings, label=str(settings.index_dir))
        from citeqa.corpus.demo import demo_corpus

        return cls.over(demo_corpus(), settings, label="demo corpus")

    @classmethod
    def over(
        cls, documents: Sequence[Document], settings: Settings | None = None, label: str = ""
    ) -> Assistant:
        """Index `documents` in memory (nothing is written) and answer over them."""
        settings = settings or Settings()
        embedder = Embedder.from_settings(settings)
        return cls(Index.build(documents, settings, embedder), embedder, settings, label=label)

    @property
    def description(self) -> str:
        m = self.index.manifest
        return f"{self._label}: {m.documents} documents, {m.passages} passages, model {m.model.name}"

    def search(self, query: str, top_k: int | None = None) -> list[Hit]:
        return self.retriever.search(query, top_k)

    def ask(self, question: str, history: Sequence[str] = ()) -> Answer:
        """Answer `question`; `history` holds the earlier questions of the conversation, oldest first."""
        question = question.strip()
        d = self.deliberate(question, history)
        answer = self._answer(question, d)
        return replace(answer, scope=tuple(sorted(d.scope.doc_ids))) if d.scope else answer

    def _answer(self, question: str, d: Deliberation) -> Answer:
        searched_for, form, hits, candidates = d.searched_for, d.form, d.hits, d.candidates
        settings = self.settings.answer
        if form.timeline:
            events = self._listed_events(d) or dated_events(
                self.facts,
                form,
                candidates,
                settings.timeline_relative,
                settings.timeline_events,
                settings.span_relative,
            )
            if len(events) >= 2:
                verdict = judge(self.index, self.facts, form, [Statement(events[0].candidate)], settings)
                # Events dated inside the span the question names answer it, however loosely worded.
                if not verdict.abstain or (form.dates and not verdict.reason.startswith("no document")):
                    return self._timeline_answer(question, searched_for, hits, events)
        if d.verdict.abstain:
            return self._abstain(question, searched_for, hits, d.verdict.missing)
        return self._compose(question, searched_for, hits, form, d.statements, d.verdict.missing)

    def deliberate(self, question: str, history: Sequence[str] = ()) -> Deliberation:
        """Everything `ask` decides before writing the answer; `qa.calibrate` reads its confidence."""
        if self._sources is None:
            self._sources = Sources(self.index.documents)
        history = [as_written(h) for h in history]  # "on the twenty third of january" as the question's
        scope = self._sources.named(question) or self._sources.in_conversation(question, history)
        # "what about the Chinese one?"; "il20" written as the documents write it, "Il-20"
        # "for the caption — ..." says what the answer is for, not what is asked (`drop_purpose`)
        # "... that northern base? I want to say 40-something.": the asker's guess is not asked (`drop_guess`)
        asked = drop_guess(drop_purpose(mend_question_words(scope.rest if scope else question)))
        # "um, the twenty third of january", "il twenty": a spoken question as typed (`qa/spoken.py`); a
        # question typed in lower case gets its names' capitals before a designation gets its own
        asked = self.facts.respell(self.facts.truecase(as_written(expand(asked, history))))
        # The earlier answer is re-derived only for a question that leans on it (a pronoun, an ellipsis).
        earlier = self._earlier_answer(history) if history and needs_context(asked) else ""
        searched_for = rewrite(asked, history, earlier)
        form = read_question(self.facts.truecase(asked))
        query = self.retriever.embed(searched_for)
        hits = self._search(query, scope)
        settings = self.settings.answer
        candidates = score_sentences(self.index, query, hits, settings, form, self.facts)
        if not form.timeline:  # a timeline is told in time order: which events pass is not the reader's
            candidates = read_again(
                candidates,
                self.match,
                searched_for,
                self.facts,
                settings.match_weight,
                settings.match_depth,
                form,
            )
        candidates = other_nations_last(candidates, self.facts, form, settings.match_depth)
        if self.reader is not None:
            candidates = read_again(
                candidates,
                self.reader,
                searched_for,
                self.facts,
                settings.reader_weight,
                settings.reader_depth,
            )
        statements = choose(self.index, candidates, settings, form, self.facts)
        verdict = judge(self.index, self.facts, form, statements, settings)
        return Deliberation(searched_for, form, hits, candidates, statements, verdict, scope)

    def _search(self, query: Query, scope: NamedSource | None) -> list[Hit]:
        """The top passages, only from the named source's documents when the question names one."""
        if scope is None:
            return self.retriever.search(query)
        k = self.settings.retrieval.top_k
        deep = self.retriever.search(query, k * 10)
        kept = [h for h in deep if h.passage.doc_id in scope.doc_ids][:k]
        return [replace(h, rank=i + 1) for i, h in enumerate(kept)]

    def _compose(
        self,
        question: str,
        searched_for: str,
        hits: list[Hit],
        form: QuestionForm,
        statements: list[Statement],
        missing: tuple[str, ...],
    ) -> Answer:
        citations: list[Citation] = []
        groups: list[list[Citation]] = []
        rows: dict[int, int] = {}  # citation n -> the sentence row it answers with (its main sentence)
        statements = self._absorb_leads(statements)
        quoted: set[int] = {c.row for s in statements for c in (s.main, *s.also)}
        for statement in statements:
            main = statement.main
            context = main.context
            if context >= 0 and context not in quoted:
                joined = self._joined_with_lead(context, main, frozenset(quoted))
                if joined is not None:
                    quoted.add(context)
                    main = joined
                elif self.facts.opens_with_pronoun(main.row):
                    # no passage shows both: the antecedent goes first, as its own citation
                    quoted.add(context)
                    lead = self._context_candidate(context, main)
                    citations.append(self._cite(len(citations) + 1, lead))
                    rows[citations[-1].n] = lead.row
                    groups.append([citations[-1]])
            group = []
            for cand in (main, *statement.also):
                citations.append(self._cite(len(citations) + 1, cand))
                rows[citations[-1].n] = cand.row
                group.append(citations[-1])
            groups.append(group)
        conflicts = find_conflicts(self.index, self.facts, form, [(n, r) for n, r in rows.items()])
        if conflicts:
            parts = ["Sources disagree:"] + [
                f"According to {self._who(g[0])}: {g[0].quote} {''.join(f'[{c.n}]' for c in g)}"
                for g in groups
            ]
        else:
            parts = [f"{g[0].quote} {''.join(f'[{c.n}]' for c in g)}" for g in groups]
        timeline: tuple[TimelineEvent, ...] = ()
        if form.expects == DATE:
            timeline = self._events_of(form, citations, rows)
        return Answer(
            question=question,
            answer=" ".join(parts),
            abstained=False,
            citations=tuple(citations),
            passages=self._views_of(citations, hits),
            searched_for=searched_for,
            conflicts=tuple(conflicts),
            timeline=timeline,
            missing=missing,
        )

    def _listed_events(self, d: Deliberation) -> list[Dated]:
        """Each event a "put these in order: A, B, C" question lists, found on its own: its best dated
        sentence. Searched together, the best-worded events crowd out the others (demo-dev29)."""
        settings = self.settings.answer
        whole = {c.row: c.score for c in d.candidates}
        found: dict[int, Dated] = {}
        for item in listed_events(d.form):
            query = self.retriever.embed(item)
            hits = self._search(query, d.scope)
            candidates = score_sentences(self.index, query, hits, settings, read_question(item), self.facts)
            weight = settings.listed_question_weight
            candidates = sorted(
                (replace(c, score=c.score + weight * whole.get(c.row, 0.0)) for c in candidates),
                key=lambda c: -c.score,
            )
            event = first_dated(self.facts, d.form, candidates, set(found), settings.timeline_relative)
            if event is not None:
                found.setdefault(event.candidate.row, event)
        return in_time_order(found.values())

    def _timeline_answer(self, question: str, searched_for: str, hits: list[Hit], events: list) -> Answer:
        citations = [self._cite(i + 1, e.candidate) for i, e in enumerate(events)]
        timeline = tuple(TimelineEvent(e.span, c.quote, c.n) for e, c in zip(events, citations, strict=True))
        text = " ".join(f"{c.quote} [{c.n}]" for c in citations)
        return Answer(
            question=question,
            answer=text,
            abstained=False,
            citations=tuple(citations),
            passages=self._views_of(citations, hits),
            searched_for=searched_for,
            timeline=timeline,
        )

    def _events_of(
        self, form: QuestionForm, citations: list[Citation], rows: dict[int, int]
    ) -> tuple[TimelineEvent, ...]:
        events = []
        for c in citations:
            dates = [d for d in most_precise(self.facts.values(rows[c.n]).dates) if in_window(form, d)]
            if dates:
                first = placing(dates)
                events.append(TimelineEvent(span_of(first.value, first.until), c.quote, c.n))
        return tuple(sorted(events, key=lambda e: (e.date, e.citation)))

    def _absorb_leads(self, statements: list[Statement]) -> list[Statement]:
        """One quote for a leaning statement and its antecedent, wherever each was ranked: a later
        statement that is only the antecedent of an earlier one ("At the same time, Japan detected ... CNS
        Beijixing." after "Its appearance was ...") is dropped, and a pronoun-led statement ranked after its
        antecedent ("Japan also recorded a flight by an Il-20." then "On 26 January, it took off ...") takes
        the antecedent's place. Either way it is quoted with its lead, never trailing after or before a
        sentence whose "it" the reader cannot place. A statement naming its subject by a common noun ("The
        $1.2 billion stadium opened in 2014.") absorbs its lead ranked later, where one passage shows both
        sentences, but does not take an earlier lead's place: "The old ferry ..." after "It opened in 1962"
        may be about something else, and that lead has a lead of its own to be quoted with."""
        out: list[Statement] = []
        leads: set[int] = set()
        for s in statements:
            if s.main.row in leads and not s.also:
                continue
            pronoun = s.main.context >= 0 and self.facts.opens_with_pronoun(s.main.row)
            led = pronoun or (
                s.main.context >= 0 and self._joined_with_lead(s.main.context, s.main) is not None
            )
            lead_at = (
                [i for i, o in enumerate(out) if o.main.row == s.main.context and not o.also]
                if pronoun
                else []
            )
            if lead_at:
                out[lead_at[0]] = s
            else:
                out.append(s)
            if led:
                leads.add(s.main.context)
        return out

    def _earlier_answer(self, history: Sequence[str]) -> str:
        """What the assistant answered to the previous question (it keeps no conversation, so the answer is
        re-derived): its first statement, with the sentence before it when that one names what its
        pronoun stands for ("At the same time, Japan detected ... CNS Beijixing. Its appearance ...")."""
        earlier = [h for h in history if h.strip()]
        if not earlier:
            return ""
        d = self.deliberate(earlier[-1], earlier[-3:-1])  # its own context, not the whole conversation
        if d.verdict.abstain or not d.statements:
            return ""
        main = d.statements[0].main
        lead = main.context if main.context >= 0 and self.facts.opens_with_pronoun(main.row) else -1
        return " ".join(self.facts.text(r) for r in (lead, main.row) if r >= 0)

    def _who(self, c: Citation) -> str:
        name = c.source or c.title or c.doc_id
        return f"{name} ({c.published})" if c.published else name

    def _joined_with_lead(
        self, lead_row: int, of: Candidate, taken: frozenset[int] = frozenset()
    ) -> Candidate | None:
        """`of` widened to start at its antecedent sentence: one citation quoting both, verbatim.

        A pronoun-led answer ("It opened in 1962.") needs the sentence before it to be understood; quoting
        that sentence as a citation of its own pushed the answer to second place. Joined, the quote is the
        contiguous slice `text[lead.start:of.end]` and keeps `of.row` (the sentence that answers), so
        conflicts and timelines read the answering sentence. None when the lead is not the sentence just
        before `of` in the same document, or when no passage holds both (the reader must see the quote in
        its passage).

        A lead that leans back itself starts the quote one sentence earlier, where one passage holds all
        three: "It is the first Super Bowl held in the Bay Area ..." after "The $1.2 billion stadium opened
        in 2014." after "The game was played ... at Levi's Stadium" (SQuAD).
        """
        if self.facts.previous(of.row) != lead_row:
            return None
        first = self.facts.previous(lead_row)
        # ... unless that sentence is quoted on its own (`taken`)
        leaning = first is not None and first not in taken and self.facts.leans_back(lead_row)
        rows = [first, lead_row] if leaning else [lead_row]
        for row in rows:
            _, start, _ = (int(x) for x in self.index.sentences[row])
            passage = self._passage_holding(of.doc_id, start, of.end, prefer=of.passage_id)
            if passage is not None:
                return replace(of, start=start, passage_id=passage.id, context=-1)
        return None

    def _passage_holding(self, doc_id: str, start: int, end: int, prefer: str = "") -> Passage | None:
        """A passage of the document containing the span `start:end` (the `prefer`red one if it does)."""
        if self._doc_passages is None:
            self._doc_passages = {}
            for p in self.index.passages:
                self._doc_passages.setdefault(p.doc_id, []).append(p)
        holding = [p for p in self._doc_passages.get(doc_id, []) if p.start <= start and end <= p.end]
        return next((p for p in holding if p.id == prefer), holding[0] if holding else None)

    def _context_candidate(self, row: int, of: Candidate) -> Candidate:
        _, start, end = (int(x) for x in self.index.sentences[row])
        passage = self._passage_holding(of.doc_id, start, end, prefer=of.passage_id)
        assert passage is not None  # every sentence lies in some passage of its document
        return Candidate(row, of.doc_id, passage.id, start, end, of.score, of.semantic, of.overlap, of.fits)

    def _views_of(self, citations: Sequence[Citation], hits: list[Hit]) -> tuple[PassageView, ...]:
        by_id = {h.passage.id: h for h in hits}
        out = []
        for pid in dict.fromkeys(c.passage_id for c in citations):
            hit = by_id.get(pid)
            if hit is None:
                passage = next(p for p in self.index.passages if p.id == pid)
                hit = Hit(passage, 0.0, 0)
            out.append(self._view(hit))
        return tuple(out)

    def _abstain(
        self, question: str, searched_for: str, hits: list[Hit], missing: tuple[str, ...] = ()
    ) -> Answer:
        leads = tuple(self._view(h) for h in hits[: self.settings.answer.passages_shown])
        return Answer(question, NOT_FOUND, True, (), leads, searched_for, missing=missing)

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
