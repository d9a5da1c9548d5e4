"""HTML pages (`.html`, `.htm`): the main text only, with the page's title, date, address and site.

Navigation, scripts and page chrome are dropped so that retrieval does not match menus and cookie
banners, and so that answers never cite them. Whitespace inside a paragraph is collapsed (HTML does not
render it); paragraphs are separated by blank lines, so later stages can still see them.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString

from .document import Document
from .fields import Unreadable, decode_text, iso_date

_DROP = ("script", "style", "noscript", "template", "nav", "aside", "form", "iframe", "svg", "button")
_BLOCKS = frozenset(
    "address article blockquote body caption dd details dialog div dl dt fieldset figcaption figure"
    " h1 h2 h3 h4 h5 h6 hgroup hr html li main ol p section summary table tbody tfoot thead tr ul".split()
)
_CELLS = frozenset({"td", "th"})
# Meta names and properties that carry a publication date, most specific first.
_PUBLISHED_KEYS = (
    "article:published_time",
    "datepublished",
    "citation_publication_date",
    "citation_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "sailthru.date",
    "parsely-pub-date",
    "og:published_time",
)
# Stands for <br> while a paragraph's whitespace is collapsed; NULs in the page text are dropped.
_LINE_BREAK = "\x00"


def read_html(path: Path, doc_id: str) -> Document:
    """Read one page; metadata is taken before the chrome that often holds it is dropped."""
    soup = BeautifulSoup(decode_text(path.read_bytes()), "html.parser")
    meta = _meta_tags(soup)
    url = _canonical_url(soup, meta)
    title, published = _title(soup, meta), _published(soup, meta)
    source = meta.get("og:site_name", "").strip() or urlparse(url).netloc.removeprefix("www.") or path.name
    try:
        text = _main_text(_content_root(soup))
    except RecursionError as exc:
        raise Unreadable("HTML nested too deeply to read") from exc
    return Document(
        id=doc_id,
        text=text,
        title=title or path.stem,
        source=source,
        url=url,
        published=published,
        path=str(path),
    )


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _meta_tags(soup: BeautifulSoup) -> dict[str, str]:
    """`<meta>` contents by lower-cased name, property or itemprop; the first occurrence wins."""
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        content = tag.get("content")
        if isinstance(key, str) and isinstance(content, str):
            found.setdefault(key.strip().lower(), content)
    return found


def _title(soup: BeautifulSoup, meta: dict[str, str]) -> str:
    if soup.title and _collapse(soup.title.get_text()):
        return _collapse(soup.title.get_text())
    if _collapse(meta.get("og:title", "")):
        return _collapse(meta["og:title"])
    heading = soup.find("h1")
    return _collapse(heading.get_text()) if heading else ""


def _published(soup: BeautifulSoup, meta: dict[str, str]) -> str:
    for key in _PUBLISHED_KEYS:
        if key in meta and (date := iso_date(meta[key])):
            return date
    marked = soup.find(attrs={"itemprop": "datePublished"})
    times = ([marked] if marked else []) + soup.find_all("time", attrs={"datetime": True})
    for tag in times:
        value = tag.get("datetime") or tag.get("content") or tag.get_text()
        if isinstance(value, str) and (date := iso_date(value)):
            return date
    return ""


def _canonical_url(soup: BeautifulSoup, meta: dict[str, str]) -> str:
    for link in soup.find_all("link", href=True):
        rel = link.get("rel") or []
        if "canonical" in [r.lower() for r in ([rel] if isinstance(rel, str) else rel)]:
            return str(link["href"]).strip()
    return meta.get("og:url", "").strip()


def _content_root(soup: BeautifulSoup) -> Tag:
    """Drop chrome, then choose the longest `<article>`, else `<main>`, else `<body>`.

    An article's own `<header>` (its headline and byline) is kept; page headers and all footers go.
    """
    for tag in soup.find_all(_DROP):
        if not tag.decomposed:
            tag.decompose()
    for tag in soup.find_all(lambda t: t.has_attr("hidden") or t.get("role") == "navigation"):
        if not tag.decomposed:
            tag.decompose()
    for tag in soup.find_all(["header", "footer"]):
        if not tag.decomposed and (tag.name == "footer" or tag.find_parent("article") is None):
            tag.decompose()
    articles = soup.find_all("article")
    if articles:
        return max(articles, key=lambda article: len(article.get_text(strip=True)))
    return soup.find("main") or soup.body or soup


def _main_text(root: Tag) -> str:
    """The text of `root`, one block per paragraph-like element, blocks separated by blank lines."""
    blocks: list[str] = []
    inline: list[str] = []

    def flush() -> None:
        lines = (_collapse(part) for part in "".join(inline).split(_LINE_BREAK))
        inline.clear()
        block = "\n".join(line for line in lines if line)
        if block:
            blocks.append(block)

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Tag):
                if child.name == "br":
                    inline.append(_LINE_BREAK)
                elif child.name == "pre":  # preformatted: its whitespace is the content
                    flush()
                    pre = child.get_text().replace(_LINE_BREAK, "").strip("\r\n")
                    if pre.strip():
                        blocks.append(pre)
                elif child.name in _BLOCKS:
                    flush()
                    walk(child)
                    flush()
                elif child.name in _CELLS:
                    inline.append(" ")
                    walk(child)
                    inline.append(" ")
                else:
                    walk(child)
            elif isinstance(child, NavigableString) and not isinstance(child, PreformattedString):
                inline.append(str(child).replace(_LINE_BREAK, ""))

    walk(root)
    flush()
    return "\n\n".join(blocks)
