"""The HTTP API over an `Assistant`, with the Gradio chat mounted at `/` on the same app.

One process, one loaded model: `/api/ask` and `/api/search` for programs, `/` for people.
Handlers are plain `def`s so FastAPI runs the CPU-bound assistant in its thread pool instead of
blocking the event loop that also serves the chat.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, Field

from citeqa.errors import CiteqaError

if TYPE_CHECKING:
    from citeqa.qa.assistant import Assistant


class AskRequest(BaseModel):
    question: str
    history: list[str] = Field(default_factory=list, description="earlier questions, oldest first")


class SearchRequest(BaseModel):
    query: str
    top_k: int | None = Field(default=None, ge=1, le=1000)


def _title_lookup(assistant: Assistant) -> Any:
    """A `doc_id -> title` function if the assistant can tell titles, else None (titles are then omitted).

    Looked up by duck typing so the API does not depend on how the assistant stores its documents.
    """
    for name in ("title", "document_title"):
        fn = getattr(assistant, name, None)
        if callable(fn):
            return fn
    docs = getattr(assistant, "documents", None)
    if docs is None:  # the core's Assistant keeps them on its index
        docs = getattr(getattr(assistant, "index", None), "documents", None)
    if docs is not None:

        def from_docs(doc_id: str) -> str | None:
            doc = docs.get(doc_id) if hasattr(docs, "get") else None
            return getattr(doc, "title", None) if doc is not None else None

        return from_docs
    fn = getattr(assistant, "document", None)
    if callable(fn):

        def from_document(doc_id: str) -> str | None:
            return getattr(fn(doc_id), "title", None)

        return from_document
    return None


def _require_text(value: str, name: str) -> str:
    """Reject empty input with a message a person can act on, not a pydantic dump."""
    value = value.strip()
    if not value:
        raise HTTPException(status_code=422, detail=f"'{name}' must not be empty: send the text to look up")
    return value


def create_app(assistant: Assistant, *, host: str = "127.0.0.1", port: int = 7860) -> FastAPI:
    """The API routes plus the chat mounted at `/`; `host`/`port` only inform Gradio's own URLs."""
    import gradio as gr

    from citeqa.ui.chat import CSS, build_chat, theme

    app = FastAPI(title="citeqa", docs_url="/api/docs", redoc_url=None, openapi_url="/api/openapi.json")

    @app.get("/api/health")
    def health() -> dict[str, str]:
        return {"status": "ok", "description": str(getattr(assistant, "description", ""))}

    @app.post("/api/ask")
    def ask(request: AskRequest) -> dict[str, Any]:
        question = _require_text(request.question, "question")
        history = [h.strip() for h in request.history if h.strip()]
        try:
            answer = assistant.ask(question, history=history)
        except CiteqaError as err:
            raise HTTPException(status_code=400, detail=str(err)) from err
        return answer.to_dict()

    @app.post("/api/search")
    def search(request: SearchRequest) -> list[dict[str, Any]]:
        query = _require_text(request.query, "query")
        try:
            hits = assistant.search(query, top_k=request.top_k)
        except CiteqaError as err:
            raise HTTPException(status_code=400, detail=str(err)) from err
        title_of = _title_lookup(assistant)
        out = []
        for hit in hits:
            p = hit.passage
            row: dict[str, Any] = {"passage_id": p.id, "doc_id": p.doc_id}
            title = title_of(p.doc_id) if title_of is not None else None
            if title is not None:
                row["title"] = title
            row.update(start=p.start, end=p.end, text=p.text, score=float(hit.score))
            out.append(row)
        return out

    return gr.mount_gradio_app(
        app,
        build_chat(assistant),
        path="/",
        server_name=host,
        server_port=port,
        ssr_mode=False,
        theme=theme(),
        css=CSS,
        footer_links=[],
    )
