"""What the assistant hands to the UI, the CLI and the HTTP API."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Citation:
    """A quoted sentence, or a pronoun-led one with the sentence before it: `quote == document.text[start:end]`
    always holds, and the cited passage contains the whole span."""

    n: int
    doc_id: str
    title: str
    source: str
    published: str
    quote: str
    passage_id: str
    start: int
    end: int
    score: float
    url: str = ""


@dataclass(frozen=True)
class PassageView:
    """A retrieved passage as shown to a reader (the context around a quote, or a lead)."""

    passage_id: str
    doc_id: str
    title: str
    source: str
    published: str
    text: str
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class Conflict:
    """Sentences from different documents that give different values for the same thing."""

    about: str
    kind: str  # "date", "number", "name", ...
    citations: tuple[int, ...]  # the `n` of each side
    values: tuple[str, ...]


@dataclass(frozen=True)
class TimelineEvent:
    date: str  # ISO date, or a year / year-month when that is all the source gives
    text: str
    citation: int


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str
    abstained: bool
    citations: tuple[Citation, ...] = ()
    passages: tuple[PassageView, ...] = ()
    searched_for: str = ""  # the question as rewritten from the conversation
    conflicts: tuple[Conflict, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    missing: tuple[str, ...] = field(default=())  # parts of the question with no support
    scope: tuple[str, ...] = ()  # ids of the documents a source the question names limits it to

    def to_dict(self) -> dict:
        """The JSON contract of `citeqa ask --json` (see DESIGN.md)."""
        return asdict(self)
