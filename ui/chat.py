"""The Gradio chat over an `Assistant`, and `serve`, which runs it together with the HTTP API.

The chat never lets Gradio interpret document text: messages are HTML we build in `render` from escaped
text, the chatbot renders them with markdown and LaTeX off (its DOMPurify pass stays on as a second
line), and the sources panel is an `HTML` component fed only escaped content.

Nothing here calls the network: analytics are off (Gradio otherwise checks its version online in a
thread), the theme is a built-in one (a Hub theme name would be downloaded) and the server binds to
loopback unless told otherwise.
"""

from __future__ import annotations

import html
import logging
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from citeqa.errors import CiteqaError
from citeqa.ui import render

if TYPE_CHECKING:
    import gradio as gr

    from citeqa.qa.assistant import Assistant

log = logging.getLogger(__name__)

# Styles for our own markup; passed where the Blocks is mounted (Gradio 6 takes css at launch/mount).
CSS = """
#sources .citeqa-source { margin: 0 0 1em 0; }
#sources .citeqa-source-head { font-weight: 600; margin-bottom: .25em; }
#sources blockquote { margin: 0; padding: .4em .8em; border-left: 3px solid var(--border-color-primary);
  white-space: pre-wrap; }
#sources mark { background: #ffe58a; color: inherit; padding: 0 .1em; }
#sources .citeqa-leads-label { color: var(--body-text-color-subdued); }
.citeqa-searched, .citeqa-missing { color: var(--body-text-color-subdued); font-size: .9em; }
.citeqa-ref, .citeqa-lead-title { font-weight: 600; }
"""


def _no_analytics() -> None:
    """Gradio reads this when a Blocks is built; set it first so no version check thread starts."""
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


def theme() -> gr.themes.Base:
    """A built-in theme: its fonts ship with Gradio, a Hub theme would be fetched online."""
    import gradio as gr

    return gr.themes.Default()


def _content_text(content: Any) -> str:
    """The text of a chat message's content: a string, or (Gradio 6) a list of typed parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text", "")) if content.get("type", "text") == "text" else ""
    if isinstance(content, (list, tuple)):
        return "".join(_content_text(part) for part in content)
    return ""


def earlier_questions(messages: Sequence[Any] | None) -> list[str]:
    """The user's earlier questions, as typed, from the chatbot's transcript (oldest first).

    The transcript is the only conversation state, so the chat stays correct across reloads of a
    session and a client of the `chat` endpoint can send its own transcript.
    """
    questions = []
    for message in messages or ():
        role = message.get("role") if isinstance(message, dict) else getattr(message, "role", None)
        if role != "user":
            continue
        content = message.get("content") if isinstance(message, dict) else getattr(message, "content", "")
        text = render.question_text(_content_text(content)).strip()
        if text:
            questions.append(text)
    return questions


def respond(assistant: Assistant, question: str, messages: list[dict] | None) -> tuple[str, list[dict], str]:
    """One chat turn: ask with the earlier questions as history; returns (textbox, transcript, sources)."""
    messages = list(messages or [])
    question = (question or "").strip()
    if not question:
        return "", messages, render.sources_html(None)
    history = earlier_questions(messages)
    messages.append({"role": "user", "content": render.question_html(question)})
    try:
        answer = assistant.ask(question, history=history)
    except CiteqaError as err:
        messages.append({"role": "assistant", "content": f"<p>{html.escape(str(err))}</p>"})
        return "", messages, render.sources_html(None)
    messages.append({"role": "assistant", "content": render.answer_html(answer)})
    return "", messages, render.sources_html(answer)


def build_chat(assistant: Assistant) -> gr.Blocks:
    """The chat page: question box, transcript and the sources panel of the latest answer.

    The submit event is the public API endpoint `chat` (inputs: question, transcript; outputs:
    cleared question, transcript, sources HTML).
    """
    _no_analytics()
    import gradio as gr

    description = getattr(assistant, "description", "")
    with gr.Blocks(analytics_enabled=False, title="citeqa") as blocks:
        gr.HTML(
            "<h2>citeqa</h2><p>Answers are quoted sentences from the documents, each followed by its "
            f"source [n].</p><p><small>{html.escape(str(description))}</small></p>",
            js_on_load=None,
            elem_id="header",
        )
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(
                    elem_id="chatbot",
                    label="citeqa",
                    render_markdown=False,
                    sanitize_html=True,
                    latex_delimiters=[],
                    allow_tags=False,
                    feedback_options=None,
                    buttons=["copy"],
                    height=520,
                )
                question = gr.Textbox(
                    elem_id="question",
                    show_label=False,
                    placeholder="Ask a question about the documents",
                    lines=1,
                    max_lines=4,
                    submit_btn=True,
                    autofocus=True,
                )
            with gr.Column(scale=2):
                sources = gr.HTML(render.sources_html(None), elem_id="sources", js_on_load=None)

        def chat(message: str, transcript: list[dict] | None) -> tuple[str, list[dict], str]:
            return respond(assistant, message, transcript)

        question.submit(chat, [question, chatbot], [question, chatbot, sources], api_name="chat")
    return blocks


def serve(assistant: Assistant, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Serve the chat at `/` and the HTTP API at `/api/...` from one uvicorn server."""
    import uvicorn

    from citeqa.ui.api import create_app

    app = create_app(assistant, host=host, port=port)
    log.info("citeqa chat on http://%s:%d/ (API under /api)", host, port)
    uvicorn.run(app, host=host, port=port, log_level="info")
