"""Loaders: each format from small files written here, plus a slice of SciFact's BEIR corpus when present."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import docx
import pytest

from citeqa.corpus import Corpus, Document, Skipped, load_corpus, load_file
from citeqa.corpus.fields import iso_date
from citeqa.errors import CiteqaError, DocumentError

SHARED_DATASETS = Path(__file__).parents[3] / "shared/datasets"


def _pdf(pages: list[str], title: str = "") -> bytes:
    """A minimal, valid PDF with one Helvetica text line per page (and no text layer for "" pages)."""
    page_ids = [4 + 2 * i for i in range(len(pages))]
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % i for i in page_ids), len(pages)),
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    for page_id, text in zip(page_ids, pages, strict=True):
        stream = b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % text.encode("latin-1") if text else b""
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
            b" /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (page_id + 1)
        )
        objects[page_id + 1] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
    info_id = max(objects) + 1
    objects[info_id] = b"<< /Title (%s) >>" % title.encode("latin-1")
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (info_id + 1)
    out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, info_id + 1))
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        info_id + 1,
        info_id,
        xref,
    )
    return bytes(out)


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))  # write_text would translate "\n" on some platforms
    return path


# --- .txt -----------------------------------------------------------------------------------------------


def test_txt_keeps_text_exactly_and_titles_from_a_short_first_line(tmp_path: Path) -> None:
    text = "\n  Water on Mars  \r\nThe rover found   traces of ice.\r\n\n"
    [doc] = load_file(_write(tmp_path / "mars.txt", text))
    assert doc == Document(
        id="mars.txt", text=text, title="Water on Mars", source="mars.txt", path=str(tmp_path / "mars.txt")
    )


def test_txt_with_a_long_first_line_is_titled_by_its_stem(tmp_path: Path) -> None:
    [doc] = load_file(_write(tmp_path / "long-note.txt", "word " * 60))
    assert doc.title == "long-note"


def test_txt_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    [doc] = load_file(_write(tmp_path / "bom.txt", b"\xef\xbb\xbfHello"))
    assert doc.text == "Hello"


def test_binary_txt_raises_a_one_line_error_naming_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(DocumentError) as caught:
        load_file(path)
    message = str(caught.value)
    assert str(path) in message and "\n" not in message
    assert isinstance(caught.value, CiteqaError)


def test_non_utf8_txt_raises(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"latin\.txt: not UTF-8"):
        load_file(_write(tmp_path / "latin.txt", "café".encode("latin-1")))


# --- .md ------------------------------------------------------------------------------------------------

FRONT_MATTER_MD = """---
title: "Rates held: the bank's view"
source: The Daily Ledger
url: https://ledger.example/rates
published: March 5, 2024
id: ledger-2024-03-05
---
# Another heading

The bank held rates.
"""


def test_markdown_front_matter_fields_and_exact_body(tmp_path: Path) -> None:
    [doc] = load_file(_write(tmp_path / "rates.md", FRONT_MATTER_MD))
    assert doc.id == "ledger-2024-03-05"
    assert doc.title == "Rates held: the bank's view"
    assert doc.source == "The Daily Ledger"
    assert doc.url == "https://ledger.example/rates"
    assert doc.published == "2024-03-05"
    assert doc.text == "# Another heading\n\nThe bank held rates.\n"
    assert FRONT_MATTER_MD.endswith(doc.text)


def test_markdown_yaml_date_and_heading_title(tmp_path: Path) -> None:
    md = "---\ndate: 2023-11-02\n---\nIntro line.\n\n#  The Real Title  #\n\nBody.\n"
    [doc] = load_file(_write(tmp_path / "notes" / "n.md", md))
    assert doc.published == "2023-11-02"  # YAML parsed it into a date object
    assert doc.title == "The Real Title"
    assert doc.id == "n.md" and doc.source == "n.md"


def test_markdown_without_front_matter_or_heading(tmp_path: Path) -> None:
    md = "Just text, with a rule below.\n\n---\n\nMore.\n"
    [doc] = load_file(_write(tmp_path / "plain.md", md))
    assert doc.text == md and doc.title == "plain" and doc.published == ""


def test_markdown_with_broken_front_matter_is_skipped(tmp_path: Path) -> None:
    _write(tmp_path / "bad.md", "---\ntitle: [unclosed\n---\nBody\n")
    corpus = load_corpus([tmp_path])
    assert corpus.documents == ()
    assert [s.path for s in corpus.skipped] == [str(tmp_path / "bad.md")]
    assert "front matter" in corpus.skipped[0].reason


def test_markdown_with_only_front_matter_is_empty(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="empty"):
        load_file(_write(tmp_path / "empty.md", "---\ntitle: Nothing\n---\n\n  \n"))


# --- .html ----------------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head>
  <title>Flood defences  approved</title>
  <meta property="article:published_time" content="2024-02-11T08:30:00Z">
  <meta property="og:site_name" content="River News">
  <link rel="canonical" href="https://river.example/floods">
  <style>p { color: red }</style>
  <script>var tracking = "Subscribe now";</script>
</head><body>
  <header><a href="/">Home</a> <a href="/world">World</a></header>
  <nav><ul><li>Sports</li><li>Weather</li></ul></nav>
  <div class="teaser">Also read: celebrity gossip</div>
  <main>
    <article>
      <header><h1>Flood defences approved</h1></header>
      <p>The council approved   new
         flood defences on <b>Tuesday</b>.</p>
      <p>Work starts in May.<br>It ends in 2026.</p>
      <aside>Related: dams</aside>
      <ul><li>Cost: 4m</li><li>Length: 2 km</li></ul>
      <form><label>Your email</label></form>
      <footer>Share this article</footer>
    </article>
  </main>
  <footer>Copyright River News</footer>
</body></html>
"""


def test_html_keeps_the_article_and_drops_navigation(tmp_path: Path) -> None:
    [doc] = load_file(_write(tmp_path / "floods.html", PAGE))
    assert doc.text == (
        "Flood defences approved\n\n"
        "The council approved new flood defences on Tuesday.\n\n"
        "Work starts in May.\nIt ends in 2026.\n\n"
        "Cost: 4m\n\n"
        "Length: 2 km"
    )
    assert doc.title == "Flood defences approved"
    assert doc.published == "2024-02-11"
    assert doc.url == "https://river.example/floods"
    assert doc.source == "River News"
    for chrome in ("Home", "Sports", "gossip", "Subscribe", "color", "dams", "email", "Share", "Copyright"):
        assert chrome not in doc.text


def test_html_without_article_uses_body_h1_title_and_time_tag(tmp_path: Path) -> None:
    page = (
        "<html><body><nav>Menu</nav><h1>Budget day</h1>"
        '<p>Posted <time datetime="2022-10-04">Tuesday</time></p><div>Taxes rise.</div></body></html>'
    )
    [doc] = load_file(_write(tmp_path / "budget.htm", page))
    assert doc.text == "Budget day\n\nPosted Tuesday\n\nTaxes rise."
    assert doc.title == "Budget day"
    assert doc.published == "2022-10-04"
    assert doc.source == "budget.htm" and doc.url == ""


def test_html_with_only_navigation_is_empty(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="empty"):
        load_file(_write(tmp_path / "menu.html", "<html><body><nav>Home | About</nav></body></html>"))


# --- .pdf -----------------------------------------------------------------------------------------------


def test_pdf_pages_are_joined_by_blank_lines(tmp_path: Path) -> None:
    path = _write(tmp_path / "paper.pdf", _pdf(["Hello from page one", "", "Page three says bye"], "A Paper"))
    [doc] = load_file(path)
    assert doc.text == "Hello from page one\n\nPage three says bye"
    assert doc.title == "A Paper" and doc.id == "paper.pdf" and doc.source == "paper.pdf"


def test_pdf_without_text_is_skipped_with_a_reason(tmp_path: Path) -> None:
    _write(tmp_path / "scan.pdf", _pdf(["", ""]))
    corpus = load_corpus([tmp_path])
    assert corpus.documents == ()
    [skip] = corpus.skipped
    assert skip.path == str(tmp_path / "scan.pdf") and "no extractable text" in skip.reason


def test_damaged_pdf_is_skipped(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"broken\.pdf: not a readable PDF"):
        load_file(_write(tmp_path / "broken.pdf", b"%PDF-1.4\nthis is not a pdf body"))


# --- .docx ----------------------------------------------------------------------------------------------


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    word = docx.Document()
    word.add_heading("Quarterly report", level=1)
    word.add_paragraph("Sales rose.")
    word.add_paragraph("")
    table = word.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Region"
    table.rows[0].cells[1].text = "North"
    word.add_paragraph("Costs fell.")
    path = tmp_path / "report.docx"
    word.save(str(path))
    [doc] = load_file(path)
    assert doc.text == "Quarterly report\n\nSales rose.\n\nRegion | North\n\nCosts fell."
    assert doc.title == "Quarterly report"


def test_docx_title_property_wins(tmp_path: Path) -> None:
    word = docx.Document()
    word.core_properties.title = "Official title"
    word.add_paragraph("Body.")
    word.save(str(tmp_path / "t.docx"))
    assert load_file(tmp_path / "t.docx")[0].title == "Official title"


def test_not_a_docx_is_skipped(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"fake\.docx: not a readable \.docx"):
        load_file(_write(tmp_path / "fake.docx", "plain text pretending"))


# --- .jsonl ---------------------------------------------------------------------------------------------


def test_beir_corpus_jsonl(tmp_path: Path) -> None:
    lines = [
        {"_id": "4983", "title": "White matter", "text": "Alterations of the architecture.", "metadata": {}},
        {"_id": "5836", "title": "", "text": "Induction of myelodysplasia.", "metadata": {"url": "u"}},
    ]
    path = _write(tmp_path / "corpus.jsonl", "".join(json.dumps(line) + "\n" for line in lines))
    docs = load_file(path)
    assert [(d.id, d.title, d.text, d.url) for d in docs] == [
        ("4983", "White matter", "Alterations of the architecture.", ""),
        ("5836", "", "Induction of myelodysplasia.", "u"),
    ]
    assert docs[0].path == f"{path}:1"


def test_jsonl_key_variants_and_bad_lines(tmp_path: Path) -> None:
    content = (
        '{"id": 7, "contents": "Pyserini style.", "date": "2021-06-30"}\n'
        "{not json\n"
        "\n"
        '{"doc_id": "b", "body": "Body key.", "source": "Wire", "published": "1 July 2021"}\n'
        '{"text": "   "}\n'
        '["a list"]\n'
        '{"title": "no text"}\n'
        '{"text": "No id here."}\n'
    )
    _write(tmp_path / "mixed.jsonl", content)
    corpus = load_corpus([tmp_path])
    assert [(d.id, d.text, d.published, d.source) for d in corpus.documents] == [
        ("7", "Pyserini style.", "2021-06-30", ""),
        ("b", "Body key.", "2021-07-01", "Wire"),
        ("mixed.jsonl:8", "No id here.", "", ""),
    ]
    where = str(tmp_path / "mixed.jsonl")
    assert [s.path for s in corpus.skipped] == [f"{where}:2", f"{where}:5", f"{where}:6", f"{where}:7"]
    reasons = [s.reason for s in corpus.skipped]
    assert "not valid JSON" in reasons[0] and reasons[1] == "empty text"
    assert "not an object" in reasons[2] and "no text field" in reasons[3]


def test_jsonl_with_no_good_line_raises_in_load_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"bad\.jsonl: no documents \(1 line"):
        load_file(_write(tmp_path / "bad.jsonl", "{oops\n"))


def test_empty_jsonl_is_skipped(tmp_path: Path) -> None:
    corpus = load_corpus([_write(tmp_path / "empty.jsonl", "\n\n")])
    assert corpus.skipped == (Skipped(str(tmp_path / "empty.jsonl"), "empty file (no JSON lines)"),)


def test_scifact_corpus_slice_loads(tmp_path: Path) -> None:
    source = SHARED_DATASETS / "scifact" / "corpus.jsonl"
    if not source.exists():
        pytest.skip("../shared/datasets not present (fresh clone)")
    with source.open("rb") as handle:
        head = [next(handle) for _ in range(20)]
    records = [json.loads(line) for line in head]
    path = _write(tmp_path / "corpus.jsonl", b"".join(head))
    corpus = load_corpus(path)
    assert corpus.skipped == ()
    assert [d.id for d in corpus.documents] == [r["_id"] for r in records]
    assert [d.text for d in corpus.documents] == [r["text"] for r in records]
    assert [d.title for d in corpus.documents] == [r["title"] for r in records]


# --- folders --------------------------------------------------------------------------------------------


def test_folder_loads_the_good_files_and_names_the_bad(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = tmp_path / "docs"
    _write(root / "b.txt", "Bee text.")
    _write(root / "a.md", "# Ay\n\nAy text.")
    _write(root / "sub" / "c.txt", "Sea text.")
    _write(root / "sub" / "binary.txt", bytes(range(256)))
    _write(root / "empty.md", "  \n\n")
    _write(root / "lines.jsonl", '{"id": "j1", "text": "One."}\n{"id": "j2", "text": \n')
    _write(root / "picture.png", b"\x89PNG")
    _write(root / ".hidden.txt", "Secret.")
    _write(root / ".git" / "notes.txt", "Not a document.")
    with caplog.at_level(logging.WARNING, logger="citeqa.corpus.loaders"):
        corpus = load_corpus([str(root)])
    assert isinstance(corpus, Corpus)
    assert [d.id for d in corpus.documents] == ["a.md", "b.txt", "j1", "sub/c.txt"]
    assert corpus.documents[0].title == "Ay"
    skipped = {s.path: s.reason for s in corpus.skipped}
    assert set(skipped) == {
        str(root / "empty.md"),
        f"{root / 'lines.jsonl'}:2",
        str(root / "picture.png"),
        str(root / "sub" / "binary.txt"),
    }
    assert "empty" in skipped[str(root / "empty.md")]
    assert "unknown extension '.png'" in skipped[str(root / "picture.png")]
    assert "binary" in skipped[str(root / "sub" / "binary.txt")]
    logged = [r.getMessage() for r in caplog.records]
    assert len(logged) == 4 and all(m.startswith("skipped ") for m in logged)
    assert any(str(root / "empty.md") in m for m in logged)


def test_duplicate_ids_are_skipped_naming_both_files(tmp_path: Path) -> None:
    _write(tmp_path / "one.md", "---\nid: same\n---\nFirst.")
    _write(tmp_path / "two.md", "---\nid: same\n---\nSecond.")
    corpus = load_corpus([tmp_path])
    assert [d.text for d in corpus.documents] == ["First."]
    [skip] = corpus.skipped
    assert skip.path == str(tmp_path / "two.md")
    assert "'same'" in skip.reason and str(tmp_path / "one.md") in skip.reason


def test_files_and_folders_together_and_a_file_named_twice(tmp_path: Path) -> None:
    note = _write(tmp_path / "docs" / "note.txt", "Note.")
    extra = _write(tmp_path / "extra.txt", "Extra.")
    corpus = load_corpus([tmp_path / "docs", extra, note])
    assert [d.id for d in corpus.documents] == ["note.txt", "extra.txt"]
    assert corpus.skipped == ()


def test_a_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="no such file or folder"):
        load_corpus([tmp_path / "nope"])


def test_load_file_refuses_unknown_extensions_and_folders(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"data\.csv: unknown extension '\.csv'"):
        load_file(_write(tmp_path / "data.csv", "a,b"))
    with pytest.raises(DocumentError, match="is a folder"):
        load_file(tmp_path)


# --- dates ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T23:10:00+02:00", "2024-03-05"),
        ("2024-03-05T23:10:00Z", "2024-03-05"),
        ("5 March 2024", "2024-03-05"),
        ("March 2024", ""),
        ("2024", ""),
        ("not a date", ""),
        ("", ""),
        (None, ""),
        (20240305, ""),
    ],
)
def test_iso_date(value: object, expected: str) -> None:
    assert iso_date(value) == expected
