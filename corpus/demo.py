"""The demo corpus: the three seed documents, shipped inside the package as Markdown with front matter.

They were made from the seed files with nothing reworded: the aggregator page's navigation lines
("Top Headlines", "Feeds", "Social media (3 posts)", ...) were dropped and its section headings, which the
scrape had run into the first sentence, were put on lines of their own. Every line of every body is a
verbatim line, or part of one, of its seed file. Titles, sources and dates come from the contents; where a
date is not printed, the front matter says how it was inferred (`date_basis`).
"""

from __future__ import annotations

from pathlib import Path

from .document import Document
from .loaders import load_file

DEMO_FOLDER = Path(__file__).with_name("demo")  # package data, installed with the code


def demo_corpus() -> list[Document]:
    docs: list[Document] = []
    for name in ("story.md", "newsweek.md", "toutiao.md"):
        docs.extend(load_file(DEMO_FOLDER / name))
    return docs
