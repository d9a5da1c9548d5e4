"""The lexical leg's terms (index/lexical.py)."""

from citeqa.index.lexical import LexicalIndex, canonical


def test_ordinals_are_written_one_way():
    assert canonical("the 8th joint patrol, the 21st century") == "the eighth joint patrol, the 21st century"
    index = LexicalIndex.build(
        ["The eighth joint patrol flew near Alaska.", "The first patrol flew in 2019."]
    )
    assert index.terms("the 8th patrol") == index.terms("the eighth patrol")
    assert index.scores("Where did the 8th patrol fly?")[0] > index.scores("Where did the 8th patrol fly?")[1]
