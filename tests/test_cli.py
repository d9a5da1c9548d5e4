"""Flags map onto `Settings` in one place, for every command that embeds; bad values are one line."""

import pytest

from citeqa.cli import build_parser, main, settings_from

EMBEDDING_COMMANDS = [
    ["serve"],
    ["index", "docs", "--out", "idx"],
    ["search", "q"],
    ["ask", "q"],
    ["eval", "--set", "s.jsonl"],
    ["bench"],
]


@pytest.mark.parametrize("command", EMBEDDING_COMMANDS, ids=lambda c: c[0])
def test_backend_and_precision_reach_settings(command):
    args = build_parser().parse_args([*command, "--backend", "torch", "--precision", "fp32"])
    settings = settings_from(args)
    assert (settings.embed_backend, settings.embed_precision) == ("torch", "fp32")


@pytest.mark.parametrize("command", EMBEDDING_COMMANDS, ids=lambda c: c[0])
def test_without_the_flags_the_precision_is_left_to_the_index(command):
    settings = settings_from(build_parser().parse_args(command))
    assert settings.embed_backend == "onnx" and settings.embed_precision == ""
    assert settings.precision_name == "int8"  # what a new index gets


@pytest.mark.parametrize(
    "flags, named",
    [(["--precision", "fp16"], "--precision 'fp16'"), (["--backend", "tensorrt"], "--backend 'tensorrt'")],
)
def test_a_bad_value_is_one_line_naming_the_flag(flags, named, capsys):
    assert main(["search", "anything", *flags]) == 2
    err = capsys.readouterr().err
    assert named in err and err.count("\n") == 1


def test_int8_on_torch_is_refused_by_name(capsys):
    assert main(["search", "anything", "--backend", "torch", "--precision", "int8"]) == 2
    err = capsys.readouterr().err
    assert "--precision int8 needs --backend onnx" in err and err.count("\n") == 1


@pytest.mark.parametrize("command", EMBEDDING_COMMANDS, ids=lambda c: c[0])
def test_any_setting_can_be_overridden_by_name(command):
    args = build_parser().parse_args(
        [*command, "--setting", "sentence_weight=0", "--setting", "top_k=7", "--setting", "fusion=rrf"]
    )
    settings = settings_from(args)
    assert settings.retrieval.sentence_weight == 0.0 and isinstance(settings.retrieval.sentence_weight, float)
    assert (settings.retrieval.top_k, settings.retrieval.fusion) == (7, "rrf")


@pytest.mark.parametrize(
    "setting, named", [("no_such=1", "--setting 'no_such=1'"), ("top_k=many", "'many' is not a int")]
)
def test_a_bad_setting_is_one_line_naming_it(setting, named, capsys):
    assert main(["search", "anything", "--setting", setting]) == 2
    err = capsys.readouterr().err
    assert named in err and err.count("\n") == 1
