from citeqa.qa.dates import find_dates


def test_typographic_dates_resolve_against_the_document_date():
    text = "Jan\u202f7\u201124,\u202f2026 – The ship enters on Jan\u202f7, patrols from Jan\u202f12\u201124, and leaves."
    found = find_dates(text, "2026-01-27")
    assert [(d.value, d.until) for d in found] == [
        ("2026-01-07", "2026-01-24"),
        ("2026-01-07", ""),
        ("2026-01-12", "2026-01-24"),
    ]
    assert text[found[0].start : found[0].end] == "Jan\u202f7\u201124,\u202f2026"


def test_precision_is_kept_and_non_dates_are_refused():
    assert [d.value for d in find_dates("Jan 2026 – A plane flies.", "2026-01-27")] == ["2026-01"]
    assert [(d.value, d.until) for d in find_dates("2020\u202f–\u202f2023 – Patrols expand.")] == [
        ("2020", "2023")
    ]
    assert find_dates("They flew an 11\u2011hour flight that may matter.", "2026-01-27") == ()


def test_relative_dates_use_the_published_date():
    found = find_dates("It happened yesterday.", "2026-01-27")
    assert [d.value for d in found] == ["2026-01-26"]
