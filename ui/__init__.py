"""The people-facing side of citeqa: the Gradio chat and the HTTP API over one `Assistant`."""

from citeqa.ui.api import create_app
from citeqa.ui.chat import build_chat, serve

__all__ = ["build_chat", "create_app", "serve"]
