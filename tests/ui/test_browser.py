"""The chat in a real Chromium, served by `citeqa serve` over the demo corpus, entirely on loopback."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

try:
    from playwright.sync_api import Page, expect
except ImportError:  # pragma: no cover - depends on the environment
    if os.environ.get("CITEQA_REQUIRE_BROWSER") == "1":
        raise
    pytest.skip(
        "playwright is not installed: pip install playwright==1.65.2 pytest-playwright==0.10.0",
        allow_module_level=True,
    )

pytestmark = pytest.mark.browser

QUESTION = "Which countries' fighters intercepted the joint bombers near Alaska?"
ANSWERED = '#chatbot [data-testid="bot"]'
BUSY = '[data-testid="status-tracker"]:not(.hide)'


def _off_origin(urls: list[str], base: str) -> list[str]:
    """Requests that went anywhere but our server (data: and blob: URLs never leave the page)."""
    origin = urlparse(base)
    out = []
    for url in urls:
        u = urlparse(url)
        if u.scheme in {"data", "blob", "about"}:
            continue
        if (u.hostname, u.port) != (origin.hostname, origin.port):
            out.append(url)
    return out


def _ask(page: Page, question: str) -> None:
    box = page.locator("#question textarea")
    expect(box).to_be_editable(timeout=30_000)
    box.fill(question)
    box.press("Enter")


def test_question_gets_a_cited_answer_with_highlighted_source(
    page: Page, chat_server: str, tmp_path: Path
) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(chat_server)

    _ask(page, QUESTION)
    expect(page.locator(ANSWERED).last).to_contain_text("[1]", timeout=30_000)
    expect(page.locator(BUSY)).to_have_count(0, timeout=30_000)

    marks = page.locator("#sources mark")
    expect(marks.first).to_be_visible()
    expect(page.locator("#sources")).to_contain_text("[1]")
    assert marks.first.inner_text().strip()  # the quoted sentence, not an empty highlight

    page.screenshot(path=str(tmp_path / "chat.png"), full_page=True)
    assert (tmp_path / "chat.png").stat().st_size > 0
    assert requests, "the page made no requests at all: the listener is not wired"
    assert _off_origin(requests, chat_server) == []


def test_markup_typed_into_the_chat_stays_text(page: Page, chat_server: str, tmp_path: Path) -> None:
    """A question carrying markup shows as text, runs nothing, and a question the documents cannot
    answer shows the not-found message with its leads labelled as leads."""
    page.goto(chat_server)
    probe = '<img src=x onerror="window.__pwned=1"> who won the 1930 football world cup?'
    _ask(page, probe)
    expect(page.locator('#chatbot [data-testid="user"]').last).to_contain_text("<img src=x", timeout=30_000)
    expect(page.locator(BUSY)).to_have_count(0, timeout=30_000)
    assert page.locator("#chatbot img[src=x]").count() == 0
    assert page.evaluate("window.__pwned") is None
    bot = page.locator(ANSWERED).last
    expect(bot).to_contain_text("not an answer")
    expect(page.locator("#sources")).to_contain_text("not an answer")
    page.screenshot(path=str(tmp_path / "abstained.png"), full_page=True)
