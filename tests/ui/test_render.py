"""Rendering rules that keep the chat honest and safe: escaping, exact highlights, labelled leads.

The fixtures are real `Answer` objects built by hand over a small document, with offsets computed from
the document text, so `quote == text[start:end]` holds as it does for the assistant's answers.
"""

from __future__ import annotations

import re

import pytest

from citeqa.qa.answer import Answer, Citation, Conflict, PassageView, TimelineEvent
from citeqa.ui import render

DOC = (
    "Intro line. Russian and Chinese bombers flew near Alaska. "
    "Fighters from the US and Canada intercepted them <script>alert(1)</script>. "
    "See [the report](javascript:alert(2)) and <img src=x onerror=alert(3)>. Closing line."
)


def _citation(n: int, quote: str, passage: PassageView, **kw) -> Citation:
    start = DOC.index(quote)
    return Citation(
        n=n,
        doc_id=passage.doc_id,
        title=kw.get("title", passage.title),
        source=kw.get("source", passage.source),
        published=kw.get("published", passage.published),
        quote=quote,
        passage_id=passage.passage_id,
        start=start,
        end=start + len(quote),
        score=0.9,
        url=kw.get("url", ""),
    )


@pytest.fixture
def passage() -> PassageView:
    start = DOC.index("Russian")
    end = DOC.index(" Closing")
    return PassageView(
        passage_id="d1#0",
        doc_id="d1",
        title="Bombers <b>near</b> Alaska",
        source="Newsweek",
        published="2024-07-25",
        text=DOC[start:end],
        start=start,
        end=end,
        score=0.9,
    )


@pytest.fixture
def answer(passage: PassageView) -> Answer:
    quote = "Fighters from the US and Canada intercepted them <script>alert(1)</script>."
    c1 = _citation(1, quote, passage, url="javascript:alert(4)")
    return Answer(
        question="Who intercepted the bombers?",
        answer=f"{quote} [1]",
        abstained=False,
        citations=(c1,),
        passages=(passage,),
        searched_for="who intercepted the joint bombers near Alaska",
    )


def test_quote_with_script_renders_escaped(answer: Answer) -> None:
    chat, sources = render.answer_html(answer), render.sources_html(answer)
    for out in (chat, sources):
        assert "<script" not in out.lower()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    # a title is document data too
    assert "<b>" not in sources and "Bombers &lt;b&gt;near&lt;/b&gt; Alaska" in sources


def test_document_html_and_markdown_stay_text(passage: PassageView) -> None:
    lead_answer = Answer(question="q", answer="", abstained=True, passages=(passage,))
    out = render.answer_html(lead_answer) + render.sources_html(lead_answer)
    assert "<img" not in out and "&lt;img src=x onerror=alert(3)&gt;" in out
    # no link is made from markdown, and a javascript: URL never becomes an href
    assert "[the report](javascript:alert(2))" in out
    assert "href" not in out


def test_javascript_url_is_not_a_link_but_http_is(answer: Answer, passage: PassageView) -> None:
    assert "href" not in render.sources_html(answer)
    c = _citation(1, "Russian and Chinese bombers flew near Alaska.", passage, url='https://e.x/a?b="c"')
    ok = Answer(question="q", answer=f"{c.quote} [1]", abstained=False, citations=(c,), passages=(passage,))
    assert 'href="https://e.x/a?b=&quot;c&quot;"' in render.sources_html(ok)


def test_highlight_lands_on_exactly_the_quote(answer: Answer, passage: PassageView) -> None:
    c = answer.citations[0]
    out = render.highlight(passage, c)
    marked = re.findall(r"<mark>(.*?)</mark>", out, flags=re.S)
    assert marked == [render.esc(c.quote)]
    # the text around the mark is the rest of the passage, in order
    before, after = out.split(f"<mark>{render.esc(c.quote)}</mark>")
    assert before == render.esc(passage.text[: c.start - passage.start])
    assert after == render.esc(passage.text[c.end - passage.start :])


def test_two_citations_in_one_passage_each_mark_their_own(passage: PassageView) -> None:
    q1, q2 = "Russian and Chinese bombers flew near Alaska.", "Fighters from the US and Canada"
    c1, c2 = _citation(1, q1, passage), _citation(2, q2, passage)
    a = Answer(
        question="q", answer=f"{q1} [1] {q2} [2]", abstained=False, citations=(c1, c2), passages=(passage,)
    )
    blocks = re.findall(r'<div class="citeqa-source" data-n="(\d)".*?</blockquote>', render.sources_html(a))
    out = render.sources_html(a)
    assert blocks == ["1", "2"]
    assert re.findall(r"<mark>(.*?)</mark>", out) == [render.esc(q1), render.esc(q2)]


def test_offsets_outside_the_passage_mark_the_quote_alone(passage: PassageView) -> None:
    c = _citation(1, "Intro line.", passage)  # before the passage starts
    out = render.highlight(passage, c)
    assert out == "<mark>Intro line.</mark>"


def test_source_heading_names_title_source_and_date(answer: Answer) -> None:
    assert "[1] Bombers &lt;b&gt;near&lt;/b&gt; Alaska — Newsweek, 2024-07-25" in render.sources_html(answer)


def test_answer_keeps_its_citation_marks(answer: Answer) -> None:
    chat = render.answer_html(answer)
    assert re.search(r"<span[^>]*>\[1\]</span>", chat)
    assert "searched for: <em>who intercepted the joint bombers near Alaska</em>" in chat


def test_searched_for_hidden_when_same_as_question(answer: Answer) -> None:
    same = Answer(question="Who?", answer="x", abstained=False, searched_for="Who?")
    assert "searched for" not in render.answer_html(same)


def test_abstention_shows_not_found_then_leads_labelled(passage: PassageView) -> None:
    a = Answer(question="Who won the 1930 World Cup?", answer="", abstained=True, passages=(passage,))
    chat, sources = render.answer_html(a), render.sources_html(a)
    assert chat.index(render.NOT_FOUND) < chat.index("leads to read yourself, not an answer")
    assert "citeqa-answer" not in chat  # nothing is presented as an answer
    assert "leads to read yourself, not an answer" in sources
    assert "Lead: Bombers" in sources
    assert "<mark>" not in sources  # a lead has no supported sentence to highlight
    assert "Sources</h3>" not in sources


def test_abstention_without_passages() -> None:
    a = Answer(question="q", answer="", abstained=True)
    assert render.NOT_FOUND in render.answer_html(a)
    assert render.NOT_FOUND in render.sources_html(a)


def test_conflicts_timeline_and_missing(passage: PassageView) -> None:
    q = "Russian and Chinese bombers flew near Alaska."
    c1, c2 = _citation(1, q, passage), _citation(2, q, passage, source="Toutiao")
    a = Answer(
        question="When?",
        answer=f"{q} [1] {q} [2]",
        abstained=False,
        citations=(c1, c2),
        passages=(passage,),
        conflicts=(
            Conflict(
                about="date of the flight", kind="date", citations=(1, 2), values=("July 24", "<July 25>")
            ),
        ),
        timeline=(TimelineEvent(date="2024-07-24", text="Bombers <flew>", citation=1),),
        missing=("the <why>",),
    )
    chat = render.answer_html(a)
    assert "Sources disagree" in chat
    assert "date of the flight (date): July 24 [1] vs &lt;July 25&gt; [2]" in chat
    assert "<strong>2024-07-24</strong> — Bombers &lt;flew&gt; [1]" in chat
    assert "No support found for: the &lt;why&gt;" in chat


def test_question_round_trips_through_the_transcript() -> None:
    q = 'What about <img src=x onerror="a()"> & "quotes"?'
    shown = render.question_html(q)
    assert "<img" not in shown
    assert render.question_text(shown) == q


def test_empty_panel() -> None:
    assert render.NO_ANSWER_YET in render.sources_html(None)


def test_a_named_source_is_shown() -> None:
    scoped = Answer(
        question="Per Newsweek, who?", answer="x", abstained=False, searched_for="Who?", scope=("newsweek",)
    )
    assert "only in: <em>newsweek</em>" in render.answer_html(scoped)
