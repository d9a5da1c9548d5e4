"""Read files into `Document`s: txt, Markdown with front matter, HTML, PDF, docx and JSON Lines (BEIR)."""

from .document import Document, Skipped
from .loaders import Corpus, load_corpus, load_file

__all__ = ["Corpus", "Document", "Skipped", "load_corpus", "load_file"]
