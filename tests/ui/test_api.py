"""The HTTP API and the chat endpoint, against the real Assistant over the demo corpus.

One app per module: the demo corpus is indexed once (a few seconds on CPU) and every test reads it.
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from fastapi.testclient import TestClient  # noqa: E402

from citeqa.qa.assistant import Assistant  # noqa: E402
from citeqa.ui import create_app, render  # noqa: E402

QUESTION = "Which countries' fighters intercepted the joint bombers near Alaska?"


@pytest.fixture(scope="module")
def assistant() -> Assistant:
    return Assistant.open()


@pytest.fixture(scope="module")
def client(assistant: Assistant):
    with TestClient(create_app(assistant)) as c:
        yield c


def test_health(client: TestClient, assistant: Assistant) -> None:
    r = client.get("/api/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "description": assistant.description}


def test_ask_returns_the_answer_contract(client: TestClient) -> None:
    r = client.post("/api/ask", json={"question": QUESTION, "history": []})
    assert r.status_code == 200
    body = r.json()
    assert set(body) >= {"question", "answer", "abstained", "citations", "passages", "searched_for"}
    assert body["question"] == QUESTION
    assert not body["abstained"]
    assert "[1]" in body["answer"]
    passages = {p["passage_id"]: p for p in body["passages"]}
    for c in body["citations"]:
        assert f"[{c['n']}]" in body["answer"]
        p = passages[c["passage_id"]]  # every citation's passage is there, and the quote sits at its offsets
        assert p["text"][c["start"] - p["start"] : c["end"] - p["start"]] == c["quote"]


def test_ask_without_history_field(client: TestClient) -> None:
    assert client.post("/api/ask", json={"question": QUESTION}).status_code == 200


@pytest.mark.parametrize("question", ["", "   \n"])
def test_empty_question_is_422_with_a_clear_message(client: TestClient, question: str) -> None:
    r = client.post("/api/ask", json={"question": question, "history": []})
    assert r.status_code == 422
    assert "'question' must not be empty" in r.json()["detail"]


def test_missing_question_is_422(client: TestClient) -> None:
    assert client.post("/api/ask", json={"history": []}).status_code == 422


def test_search_ranks_passages(client: TestClient, assistant: Assistant) -> None:
    r = client.post("/api/search", json={"query": "bombers near Alaska", "top_k": 3})
    assert r.status_code == 200
    rows = r.json()
    assert 1 <= len(rows) <= 3
    scores = [row["score"] for row in rows]
    assert scores == sorted(scores, reverse=True)
    for row in rows:
        assert set(row) <= {"passage_id", "doc_id", "title", "start", "end", "text", "score"}
        assert {"passage_id", "doc_id", "start", "end", "text", "score"} <= set(row)
        assert row["end"] - row["start"] == len(row["text"])
    assert all("title" in row and row["title"] for row in rows)


def test_search_empty_query_is_422(client: TestClient) -> None:
    r = client.post("/api/search", json={"query": " ", "top_k": 3})
    assert r.status_code == 422
    assert "'query' must not be empty" in r.json()["detail"]


def _call_chat(client: TestClient, question: str, transcript: list) -> list:
    """The Gradio `chat` endpoint over raw HTTP, as any language would call it."""
    r = client.post("/gradio_api/call/chat", json={"data": [question, transcript]})
    assert r.status_code == 200, r.text
    stream = client.get(f"/gradio_api/call/chat/{r.json()['event_id']}").text
    assert "event: complete" in stream, stream
    import json

    data = stream.split("event: complete", 1)[1].split("data:", 1)[1].strip().splitlines()[0]
    return json.loads(data)


def _text(message: dict) -> str:
    content = message["content"]
    return content if isinstance(content, str) else "".join(part["text"] for part in content)


def test_chat_endpoint_renders_and_passes_history(client: TestClient, assistant: Assistant) -> None:
    cleared, transcript, sources = _call_chat(client, QUESTION, [])
    assert cleared == ""
    assert [m["role"] for m in transcript] == ["user", "assistant"]
    assert "[1]" in _text(transcript[1])
    assert "<mark>" in sources

    follow_up = "When did that happen?"
    _, transcript2, sources2 = _call_chat(client, follow_up, transcript)
    assert [m["role"] for m in transcript2] == ["user", "assistant", "user", "assistant"]
    # the second turn is exactly the answer to the follow-up with the first question as history
    expected = assistant.ask(follow_up, history=[QUESTION])
    assert _text(transcript2[3]) == render.answer_html(expected)
    assert sources2 == render.sources_html(expected)
