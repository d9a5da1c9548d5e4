from dataclasses import replace

from citeqa.index.passages import Passage
from citeqa.index.retriever import Hit
from citeqa.qa.select import is_statement, passage_support, score_sentences


def _hit(pid: str, rank: int, dense: float | None, lexical: float | None) -> Hit:
    return Hit(Passage(pid, "d", 0, 1, "x", ((0, 1),)), 1.0 / rank, rank, dense, lexical)


def test_passage_support_is_cosine_and_share_of_the_best_bm25():
    support = passage_support([_hit("a", 1, 0.6, 8.0), _hit("b", 2, 0.4, 2.0)])
    assert support == {"a": (0.6, 1.0), "b": (0.4, 0.25)}


def test_a_passage_a_leg_missed_gets_that_legs_floor():
    support = passage_support([_hit("a", 1, 0.6, None), _hit("b", 2, None, 4.0)])
    assert support["a"] == (0.6, 0.0)  # no BM25: it shares no term with the question
    assert support["b"] == (0.6, 1.0)  # no cosine: the lowest cosine among the hits


def test_the_better_matching_passage_lifts_its_sentences(assistant):
    """The same hits with one passage's cosine raised: its sentences gain exactly the weighted difference."""
    query = assistant.retriever.embed("How many sailors are on board the Kareliya?")
    hits = assistant.retriever.search(query)
    settings = assistant.settings.answer
    before = {c.row: c.score for c in score_sentences(assistant.index, query, hits, settings)}
    lifted = hits[:-1] + [replace(hits[-1], dense=(hits[-1].dense or 0.0) + 0.5)]
    after = score_sentences(assistant.index, query, lifted, settings)
    gained = [c for c in after if c.passage_id == hits[-1].passage.id]
    assert gained
    for c in gained:
        assert abs(c.score - before[c.row] - 0.5 * settings.passage_dense_weight) < 1e-6


def test_a_note_mark_after_the_stop_leaves_a_statement_a_statement():
    assert is_statement("He finished a four-year term in three years, graduating in 1873.:33")
    assert is_statement("On 7 January 1900, Tesla left Colorado Springs.[citation needed]")
    assert not is_statement("Russian intelligence ship operates near Japan for two weeks")


def test_the_sentence_after_the_best_one_is_quoted_when_there_is_room(assistant):
    answer = assistant.ask(
        "By early 2025 what share of the electronics in Russia's drones was said to come from China?"
    )
    assert "80%" in answer.citations[0].quote
    assert answer.citations[1].quote.startswith("Beijing has dismissed these claims")
