"""Each loader on a small slice of the shared data (never the whole corpus), and the demo set's shape."""

import json
from pathlib import Path

import pytest

from citeqa.errors import ConfigError
from citeqa.eval.datasets import beir_splits, load_beir, load_set, load_squad, read_qrels

SHARED = Path(__file__).resolve().parents[3] / "shared" / "datasets"
DEMO_SET = Path(__file__).resolve().parents[2] / "eval" / "sets" / "demo.jsonl"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent (shared datasets not mounted)")
    return path


@pytest.fixture
def scifact_slice(tmp_path):
    """The first 40 qrels lines (CRLF, header kept) with their queries, their judged documents and 20 more."""
    src = need(SHARED / "scifact")
    lines = (src / "qrels" / "train.tsv").read_bytes().split(b"\r\n")[:41]
    (tmp_path / "qrels").mkdir()
    (tmp_path / "qrels" / "dev.tsv").write_bytes(b"\r\n".join(lines) + b"\r\n")
    judged = [line.decode().split("\t") for line in lines[1:] if line]
    qids, dids = {q for q, _, _ in judged}, {d for _, d, _ in judged}
    with open(src / "queries.jsonl") as f:
        queries = [line for line in f if json.loads(line)["_id"] in qids]
    # one judged query's text is left out on purpose: it must be kept (empty), not dropped
    dropped = json.loads(queries.pop())["_id"]
    (tmp_path / "queries.jsonl").write_text("".join(queries))
    with open(src / "corpus.jsonl") as f:
        corpus = [line for i, line in enumerate(f) if json.loads(line)["_id"] in dids or i < 20]
    (tmp_path / "corpus.jsonl").write_text("".join(corpus))
    return tmp_path, qids, dids, dropped


def test_beir_any_split_crlf_header_and_missing_query_text(scifact_slice):
    folder, qids, dids, dropped = scifact_slice
    assert beir_splits(folder) == ["dev"]
    s = load_beir(folder, "dev")
    assert {q.id for q in s.questions} == qids
    assert all(set(q.gold_docs) <= dids and all(r == 1 for r in q.gold_docs.values()) for q in s.questions)
    empty = [q for q in s.questions if not q.question]
    assert [q.id for q in empty] == [dropped]
    assert s.notes and "1 qrels queries" in s.notes[0]
    ids = {d.id for d in s.documents}
    assert dids <= ids
    doc = next(d for d in s.documents if d.id in dids)
    assert doc.title and doc.text and "\r" not in doc.id


def test_beir_unknown_split_names_the_file(scifact_slice):
    folder = scifact_slice[0]
    with pytest.raises(ConfigError, match=r"--split test: no .*test\.tsv \(splits found: dev\)"):
        load_beir(folder, "test")


def test_qrels_trec_format_and_no_header(tmp_path):
    p = tmp_path / "q.txt"
    p.write_text("1 0 d1 1\n1 0 d2 0\n2 0 d3 2\n")
    assert read_qrels(p) == {"1": {"d1": 1, "d2": 0}, "2": {"d3": 2}}


def test_squad_slice_paragraphs_are_documents(tmp_path):
    """The first article of dev part 1: one document per paragraph, gold = that paragraph plus offsets."""
    data = json.loads(need(SHARED / "squad" / "dev-v1.1-part1.json").read_text())
    article = data["data"][0]
    small = {"version": "1.1", "data": [{"title": article["title"], "paragraphs": article["paragraphs"][:3]}]}
    path = tmp_path / "s.json"
    path.write_text(json.dumps(small))
    s = load_squad(path)
    title = article["title"]
    assert [d.id for d in s.documents] == [f"{title}-0", f"{title}-1", f"{title}-2"]
    assert len(s.questions) == sum(len(p["qas"]) for p in article["paragraphs"][:3])
    docs = {d.id: d for d in s.documents}
    q = s.questions[0]
    assert q.gold_docs == {f"{title}-0": 1}
    assert q.answers and len(set(q.answers)) == len(q.answers)  # duplicates folded
    for span in q.spans:
        assert docs[span.doc_id].text[span.start : span.end] == span.text


def test_squad_bad_offset_is_an_error(tmp_path):
    bad = {
        "data": [
            {
                "title": "T",
                "paragraphs": [
                    {
                        "context": "abc",
                        "qas": [{"id": "x", "question": "?", "answers": [{"text": "zz", "answer_start": 0}]}],
                    }
                ],
            }
        ]
    }
    (tmp_path / "b.json").write_text(json.dumps(bad))
    with pytest.raises(ConfigError, match="offset"):
        load_squad(tmp_path / "b.json")


def test_demo_set_covers_every_kind():
    s = load_set(DEMO_SET)
    kinds = [q.kind for q in s.questions]
    assert len(s.questions) >= 60
    assert kinds.count("no-answer") >= 10 and kinds.count("sources-disagree") >= 5
    assert kinds.count("follow-up") >= 5 and "timeline" in kinds
    assert all(q.history for q in s.questions if q.kind == "follow-up")
    assert all(len(q.sides) >= 2 for q in s.questions if q.kind == "sources-disagree")


def test_demo_set_answers_are_verbatim_in_the_demo_corpus():
    """The README's promise: every answer string occurs in one of its gold documents, every side in its own."""
    from citeqa.corpus.demo import demo_corpus

    docs = {d.id: d.text.casefold() for d in demo_corpus()}
    for q in load_set(DEMO_SET).questions:
        for a in q.answers:
            assert any(a.casefold() in docs[d] for d in q.gold_docs), (q.id, a)
        for side in q.sides:
            assert any(a.casefold() in docs[side.doc_id] for a in side.answers), (q.id, side)


def test_bad_set_line_names_file_and_line(tmp_path):
    p = tmp_path / "x.jsonl"
    p.write_text('{"id": "a", "question": "ok?"}\n{"id": "b", "question": "?", "kind": "opinion"}\n')
    with pytest.raises(ConfigError, match=r"x\.jsonl:2: .*kind 'opinion'"):
        load_set(p)
