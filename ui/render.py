"""Turn an `Answer` into the HTML the chat shows.

Everything here is a pure function of the `Answer`: no Gradio, no I/O, so the rules that matter most
(escaping and the placement of the highlight) are tested without a browser.

Document text is untrusted: a crawled page may carry `<script>`, `<img onerror=...>` or markdown links.
Every piece of text from an `Answer` goes through `html.escape` before it meets markup we write, and the
chat renders our HTML with markdown off, so nothing a document says is ever interpreted.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterable

from citeqa.qa.answer import Answer, Citation, PassageView

log = logging.getLogger(__name__)

NOT_FOUND = "Not found in the documents."
LEADS_LABEL = "Closest passages (leads to read yourself, not an answer):"
NO_ANSWER_YET = "Sources of the latest answer appear here."
_CITE_MARK = re.compile(r"\[(\d+)\]")


def esc(text: object) -> str:
    """Escape any value for HTML text and attribute context (quotes included)."""
    return html.escape(str(text), quote=True)


def _text(text: str) -> str:
    """Escaped text with line breaks kept visible: we emit no raw newlines of our own."""
    return esc(text).replace("\r\n", "\n").replace("\n", "<br>")


def _heading_parts(title: str, source: str, published: str, fallback: str) -> str:
    """`title — source, date`, leaving out what a document does not tell us."""
    where = ", ".join(part for part in (source, published) if part)
    name = title or fallback
    return f"{name} — {where}" if where else name


def citation_label(c: Citation) -> str:
    """Plain-text (unescaped) label of a citation: `[n] title — source, date`."""
    return f"[{c.n}] {_heading_parts(c.title, c.source, c.published, c.doc_id)}"


def passage_label(p: PassageView) -> str:
    """Plain-text (unescaped) label of a passage: `title — source, date`."""
    return _heading_parts(p.title, p.source, p.published, p.doc_id)


def highlight(passage: PassageView, citation: Citation) -> str:
    """The passage as escaped HTML with the cited sentence inside `<mark>`.

    Offsets are document offsets, so the quote sits at `citation.start - passage.start` in the passage.
    If the offsets do not land on the quote (a mismatched passage), show the quote alone, marked, rather
    than highlight the wrong words: a wrong highlight is worse than a missing context.
    """
    lo, hi = citation.start - passage.start, citation.end - passage.start
    if 0 <= lo <= hi <= len(passage.text) and passage.text[lo:hi] == citation.quote:
        before, quote, after = passage.text[:lo], passage.text[lo:hi], passage.text[hi:]
        return f"{_text(before)}<mark>{_text(quote)}</mark>{_text(after)}"
    log.warning(
        "citation [%d] (%s %d-%d) does not fall inside passage %s (%d-%d)",
        citation.n,
        citation.doc_id,
        citation.start,
        citation.end,
        passage.passage_id,
        passage.start,
        passage.end,
    )
    return f"<mark>{_text(citation.quote)}</mark>"


def _answer_text(answer: Answer) -> str:
    """The answer with each `[n]` wrapped so a reader can hover it for its source; text stays `[n]`."""
    labels = {c.n: citation_label(c) for c in answer.citations}
    out: list[str] = []
    pos = 0
    for m in _CITE_MARK.finditer(answer.answer):
        out.append(_text(answer.answer[pos : m.start()]))
        n = int(m.group(1))
        title = f' title="{esc(labels[n])}"' if n in labels else ""
        out.append(f'<span class="citeqa-ref"{title}>[{n}]</span>')
        pos = m.end()
    out.append(_text(answer.answer[pos:]))
    return "".join(out)


def _searched_for(answer: Answer) -> str:
    """The rewritten query when it differs, and the source a question named: what was really looked up."""
    searched = answer.searched_for.strip()
    out = ""
    if searched and searched != answer.question.strip():
        out = f'<p class="citeqa-searched">searched for: <em>{esc(searched)}</em></p>'
    if answer.scope:
        out += f'<p class="citeqa-searched">only in: <em>{esc(", ".join(answer.scope))}</em></p>'
    return out


def _refs(ns: Iterable[int]) -> str:
    return " ".join(f"[{int(n)}]" for n in ns)


def _conflicts(answer: Answer) -> str:
    if not answer.conflicts:
        return ""
    items = []
    for conflict in answer.conflicts:
        sides = " vs ".join(
            f"{esc(value)} {_refs([n])}"
            for value, n in zip(conflict.values, conflict.citations, strict=False)
        )
        kind = f" ({esc(conflict.kind)})" if conflict.kind else ""
        items.append(f"<li>{esc(conflict.about)}{kind}: {sides}</li>")
    return f'<div class="citeqa-conflicts"><strong>Sources disagree:</strong><ul>{"".join(items)}</ul></div>'


def _timeline(answer: Answer) -> str:
    if not answer.timeline:
        return ""
    items = "".join(
        f"<li><strong>{esc(event.date)}</strong> — {_text(event.text)} {_refs([event.citation])}</li>"
        for event in answer.timeline
    )
    return f'<div class="citeqa-timeline"><strong>Timeline:</strong><ul>{items}</ul></div>'


def _missing(answer: Answer) -> str:
    if not answer.missing:
        return ""
    parts = "; ".join(esc(m) for m in answer.missing)
    return f'<p class="citeqa-missing">No support found for: {parts}</p>'


def _leads_list(answer: Answer, snippet_chars: int = 160) -> str:
    """Short previews of the leads for the chat bubble; the full passages are in the sources panel."""
    if not answer.passages:
        return ""
    items = []
    for p in answer.passages:
        snippet = p.text if len(p.text) <= snippet_chars else p.text[:snippet_chars].rstrip() + "…"
        items.append(
            f'<li><span class="citeqa-lead-title">{esc(passage_label(p))}</span>: “{_text(snippet)}”</li>'
        )
    return f'<div class="citeqa-leads"><p><em>{esc(LEADS_LABEL)}</em></p><ul>{"".join(items)}</ul></div>'


def answer_html(answer: Answer) -> str:
    """The bot's chat message: the answer with `[n]` marks, or the not-found message and the leads."""
    if answer.abstained:
        message = answer.answer.strip() or NOT_FOUND
        body = f'<p class="citeqa-notfound">{_text(message)}</p>{_missing(answer)}{_leads_list(answer)}'
    else:
        body = f'<p class="citeqa-answer">{_answer_text(answer)}</p>{_missing(answer)}'
        body += _conflicts(answer) + _timeline(answer)
    return f'<div class="citeqa-message">{_searched_for(answer)}{body}</div>'


def _url_link(url: str) -> str:
    """A link only for http(s): a `javascript:` URL from a document must not become clickable."""
    if url.lower().startswith(("http://", "https://")):
        return f' <a href="{esc(url)}" target="_blank" rel="noopener noreferrer nofollow">link</a>'
    return ""


def sources_html(answer: Answer | None) -> str:
    """The sources panel for the latest answer: each citation with its passage and the quote marked.

    For an abstention the panel shows the closest passages under a heading that says they are leads,
    so nobody mistakes a near miss for support.
    """
    if answer is None:
        return f'<div class="citeqa-sources"><p class="citeqa-empty">{esc(NO_ANSWER_YET)}</p></div>'
    by_id = {p.passage_id: p for p in answer.passages}
    blocks: list[str] = []
    if answer.abstained or not answer.citations:
        if answer.passages:
            blocks.append(f'<h3 class="citeqa-leads-label">{esc(LEADS_LABEL)}</h3>')
            for p in answer.passages:
                blocks.append(
                    f'<div class="citeqa-source citeqa-lead" data-passage="{esc(p.passage_id)}">'
                    f'<div class="citeqa-source-head">Lead: {esc(passage_label(p))}</div>'
                    f"<blockquote>{_text(p.text)}</blockquote></div>"
                )
        else:
            blocks.append(f'<p class="citeqa-empty">{esc(NOT_FOUND)} No close passages either.</p>')
    else:
        blocks.append('<h3 class="citeqa-sources-label">Sources</h3>')
        for c in answer.citations:
            p = by_id.get(c.passage_id)
            body = highlight(p, c) if p is not None else f"<mark>{_text(c.quote)}</mark>"
            blocks.append(
                f'<div class="citeqa-source" data-n="{c.n}" data-passage="{esc(c.passage_id)}">'
                f'<div class="citeqa-source-head">{esc(citation_label(c))}{_url_link(c.url)}</div>'
                f"<blockquote>{body}</blockquote></div>"
            )
    return f'<div class="citeqa-sources">{"".join(blocks)}</div>'


def question_html(question: str) -> str:
    """A user's question as shown in the chat: escaped, never interpreted.

    Plain `esc` (no `<br>`): `question_text` must undo it exactly, since the chat reads earlier
    questions back from the transcript; the chatbot's `white-space: pre-line` shows line breaks.
    """
    return esc(question)


def question_text(shown: str) -> str:
    """The question a user typed, recovered from what `question_html` put into the chat."""
    return html.unescape(shown)
