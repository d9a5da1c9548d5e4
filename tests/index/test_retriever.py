import pytest

from citeqa.config import RetrievalSettings
from citeqa.errors import ConfigError
from citeqa.index.retriever import Retriever, min_max, reciprocal_rank_fusion


def test_rrf_on_paper():
    # doc 1: ranks 1 and 2 -> 1/61 + 1/62; doc 2: ranks 2 and 1 -> same; doc 3: rank 3 in one run -> 1/63
    fused = reciprocal_rank_fusion([{1: 0.9, 2: 0.5, 3: 0.1}, {2: 7.0, 1: 3.0}], k=60)
    assert fused[1] == pytest.approx(1 / 61 + 1 / 62)
    assert fused[2] == pytest.approx(1 / 62 + 1 / 61)
    assert fused[3] == pytest.approx(1 / 63)


def test_min_max_scales_to_unit_range():
    assert min_max({1: 2.0, 2: 4.0, 3: 3.0}) == {1: 0.0, 2: 1.0, 3: 0.5}
    assert min_max({}) == {}


@pytest.mark.parametrize("mode", ["dense", "lexical", "hybrid"])
def test_every_mode_finds_the_alaska_passage(demo_assistant, mode):
    retriever = Retriever(demo_assistant.index, demo_assistant.embedder, RetrievalSettings(mode=mode))
    hits = retriever.search("bombers intercepted near Alaska by U.S. and Canadian fighters", top_k=3)
    assert any("Alaska" in h.passage.text for h in hits)
    assert [h.rank for h in hits] == [1, 2, 3]
    assert hits[0].score >= hits[-1].score


def test_unknown_mode_is_a_one_line_error(demo_assistant):
    with pytest.raises(ConfigError, match="--mode 'semantic'"):
        Retriever(demo_assistant.index, demo_assistant.embedder, RetrievalSettings(mode="semantic"))
