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


def test_a_range_with_its_month_said_once_is_one_span():
    # demo-dev23: "between 7 and 26 January" is the whole span, not the 26th alone
    for text in ("between 7 and 26 January", "from 12 to 24 January", "12-24 January"):
        (found,) = find_dates(text, "2026-01-27", lenient=True)
        assert (found.value[-2:], found.until[-2:]) in {("07", "26"), ("12", "24")}
    # a number with a hyphen before it is a designation's, not a day ("F-15 and 16 January")
    assert [(d.value, d.until) for d in find_dates("F-15 and 16 January", "2026-01-27")] == [
        ("2026-01-16", "")
    ]


def test_a_range_of_years_alone_and_a_circa_year_are_dates():
    # SQuAD: "Krasiński Palace (1677–1683)", "dated c1180": neither year stands alone, and before the cheap
    # pre-check knew ranges, a sentence whose only dates were ranges was never read at all
    assert [(d.value, d.until) for d in find_dates("Krasiński Palace (1677–1683), Wilanów Palace")] == [
        ("1677", "1683")
    ]
    assert [d.value for d in find_dates("the Becket Casket dated c1180 to contain relics")] == ["1180"]
    assert [d.value for d in find_dates("built c. 1750 in Saxony")] == ["1750"]
    assert find_dates("a 1500-ton ship and c 2000 people") == ()
