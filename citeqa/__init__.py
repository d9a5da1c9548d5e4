"""citeqa: answers quoted from your documents, every sentence cited to its exact place.

The public surface is these names; everything else is reachable through the stage packages
(`citeqa.corpus`, `citeqa.index`, `citeqa.qa`, `citeqa.ui`, `citeqa.eval`).
"""

from citeqa.config import Settings
from citeqa.errors import CiteqaError

__all__ = [
    "Answer",
    "Assistant",
    "Citation",
    "CiteqaError",
    "Document",
    "Hit",
    "Index",
    "Retriever",
    "Settings",
    "load_corpus",
]


def __getattr__(name: str):
    """Import the heavy stages (torch, faiss) only when their names are used."""
    if name in {"Answer", "Citation"}:
        from citeqa.qa import answer

        return getattr(answer, name)
    if name == "Assistant":
        from citeqa.qa.assistant import Assistant

        return Assistant
    if name in {"Document", "load_corpus"}:
        from citeqa import corpus

        return getattr(corpus, name)
    if name in {"Hit", "Retriever"}:
        from citeqa.index import retriever

        return getattr(retriever, name)
    if name == "Index":
        from citeqa.index.store import Index

        return Index
    raise AttributeError(f"module 'citeqa' has no attribute {name!r}")
