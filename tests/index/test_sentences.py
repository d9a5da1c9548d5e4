from citeqa.index.sentences import split_sentences


def quotes(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_spans_are_exact_slices_of_the_text():
    text = "  First one here. Second one, with U.S. forces!  Third?\n"
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["First one here.", "Second one, with U.S. forces!", "Third?"]


def test_abbreviations_and_initials_do_not_end_a_sentence():
    text = "Dr. Smith met Mr. J. Jones on Jan. 5 in the U.S. Navy yard. It rained."
    assert quotes(text) == ["Dr. Smith met Mr. J. Jones on Jan. 5 in the U.S. Navy yard.", "It rained."]


def test_headings_and_blank_lines_are_boundaries():
    text = "Russian intelligence ship operates near Japan\nOne ship was seen. Then another.\n\nNew paragraph"
    assert quotes(text) == [
        "Russian intelligence ship operates near Japan",
        "One ship was seen.",
        "Then another.",
        "New paragraph",
    ]


def test_wrapped_lines_stay_one_sentence():
    text = "This sentence is wrapped by the author because the line was long,\nand it goes on here."
    assert quotes(text) == [text]


def test_aggregator_reference_marks_are_trimmed():
    text = "The jets intercepted the bombers. [1][2]\n\nJul 2019 – The first patrol flew over the sea[3].\n"
    assert quotes(text) == [
        "The jets intercepted the bombers.",
        "Jul 2019 – The first patrol flew over the sea",
    ]


def test_narrow_no_break_spaces_are_whitespace():
    text = "It entered on Jan\u202f7. It left on Jan\u202f24."
    assert quotes(text) == ["It entered on Jan\u202f7.", "It left on Jan\u202f24."]
