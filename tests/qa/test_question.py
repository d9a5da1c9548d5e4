from citeqa.qa.question import (
    DATE,
    DURATION,
    MONEY,
    NAME,
    NUMBER,
    YESNO,
    carries_answer,
    counts_the_head,
    drop_purpose,
    mend_question_words,
    read_question,
)
from citeqa.qa.values import read_values


def test_wh_forms_are_typed():
    assert read_question("When did the first patrol fly?").expects == DATE
    assert read_question("How much will the upgrade cost?").expects == MONEY
    assert read_question("Who wrote the article?").expects == NAME
    form = read_question("How many sailors are on board?")
    assert form.expects == NUMBER and form.counted == ("sailors",)
    assert read_question("Give me the timeline of the patrols.").timeline
    # The events of a named span are a timeline of it; without a span, "took place" asks where or how.
    assert read_question("Which joint patrols took place in 2024?").timeline
    assert not read_question("Where did the joint patrol take place?").timeline
    assert read_question("What went on near Japan in December 2025?").timeline


def test_the_counted_phrase_ends_at_a_modal_or_a_preposition():
    assert read_question("How many people could Apollo be projected to hold?").counted == ("people",)
    # no noun before the verb: any count answers ("about half of Naples' 300,000 inhabitants")
    assert read_question("How many were killed by plague in Naples in 1656?").counted == ()
    assert read_question("How many of the ships were Chinese?").counted == ("ships",)


def test_a_count_must_count_the_asked_thing():
    values = read_values("Japanese jets intercepted three groups of Tu-95MS bombers.", "2026-01-27")
    assert carries_answer(read_question("How many groups of bombers were intercepted?"), values)
    assert not carries_answer(read_question("How many Japanese fighter jets were scrambled?"), values)


def test_a_count_with_a_bound_before_it_counts_the_noun_before_the_bound():
    values = read_values("The park has an amphitheatre that seats up to 2,500 people.", "")
    assert carries_answer(read_question("How many seats does the amphitheatre have?"), values)


def test_question_dates_make_a_window():
    form = read_question("What happened between January 23 and January 27, 2026?")
    assert form.date_window() == ("2026-01-23", "2026-01-27")


def test_what_happens_when_is_no_date_question():
    from citeqa.qa.question import DATE, read_question

    assert read_question("What happens when a bomber nears Japanese airspace?").expects != DATE
    assert read_question("How do they respond when a ship enters the strait?").expects != DATE
    assert read_question("When did the ship enter the strait?").expects == DATE
    assert read_question("And when did it leave?").expects == DATE


def test_a_measure_is_asked_for_as_a_figure():
    assert read_question("What is the range of the JL-1 air-launched ballistic missile?").expects == NUMBER
    assert read_question("What was the bomber's top speed?").expects == NUMBER
    assert read_question("What was the cost of the upgrade?").expects == MONEY
    # How close, how far, how high: a distance or a height, written as a figure.
    assert read_question("How close to the coast did the ship come?").expects == NUMBER
    assert read_question("How high did the bombers fly?").expects == NUMBER


def test_hours_and_centuries_are_lengths_of_time():
    from citeqa.qa.question import DURATION
    from citeqa.qa.values import durations

    form = read_question("How long was their flight?")
    assert form.expects == DURATION
    values = read_values("Russian Tu‑95MS bombers conducted an 11‑hour flight over the Sea of Japan.")
    assert carries_answer(form, values)
    assert list(durations(read_values("The war lasted two centuries."))) == ["7.305e+04 days"]


def test_a_number_or_a_cost_asked_in_other_words():
    assert read_question("What hull number identified the CNS Beijixing?").expects == NUMBER
    assert read_question("What will the Misawa upgrade cost the United States?").expects == MONEY


def test_an_amount_in_a_currency_named_by_its_word_is_money():
    assert read_values("He was allowed to claim 6 million Lira from the Italian government.").money
    assert read_values("The estate sold for 400 francs.").money
    assert not read_values("The exam was worth 6 marks in total, out of a hundred.").money


def test_a_count_the_question_states_is_no_answer():
    values = read_values("Japanese jets intercepted three groups of Tu-95MS bombers.")
    assert not carries_answer(
        read_question("How many bombers were in the three groups Japan intercepted?"), values
    )
    # The same figure with another noun is an answer: "two countries" asked, "two patrols" answering.
    two = read_values("In 2022 the pair flies two patrols in a single year.")
    assert carries_answer(read_question("How many joint patrols did the two countries fly in 2022?"), two)


def test_a_designation_counts_its_plural():
    values = read_values("The upcoming deployment of 48 F‑35A stealth fighters to Misawa.")
    assert carries_answer(read_question("how many f-35s is the US sending to misawa"), values)
    assert carries_answer(read_question("How many F-35As will Misawa get?"), values)


def test_an_apostrophe_left_out_is_the_same_question():
    assert (
        read_question("whats the name of the ship").expects
        == read_question("what's the name of the ship").expects
    )


def test_a_date_after_through_or_since_bounds_one_side_only():
    # "from the first one through 2024": every patrol up to 2024, not 2024 alone
    assert read_question("timeline of the joint patrols from the first one through 2024").date_window() == (
        "0000-01-01",
        "2024-12-31",
    )
    assert read_question("what happened since December 2025?").date_window() == ("2025-12-01", "9999-12-31")
    assert (
        read_question("the patrols from the first one up to the 2024 ones").date_window()[0] == "0000-01-01"
    )
    assert read_question("what happened in 2024?").date_window() == ("2024-01-01", "2024-12-31")
    # without a year, "from December" runs on into a January that months and days cannot place: no window
    assert (
        read_question("what happened from the December transit through Koizumi's post?").date_window() is None
    )
    assert read_question("what happened in December?").date_window() == ("--12-01", "--12-31")


def test_a_count_in_other_words_is_still_a_count():
    # SQuAD: "three interceptions" answers "how many picks", "8 tonnes" "how many tons"
    from citeqa.qa.question import counts_it_otherwise

    def counts(question: str, sentence: str) -> bool:
        return counts_it_otherwise(read_question(question), sentence, read_values(sentence))

    assert counts(
        "How many picks did Aqib Talib have?", "Aqib Talib (three interceptions) made the Pro Bowl."
    )
    assert counts(
        "How many tons does the screen weigh?", "The screen, weighing nearly 8 tonnes, is 10.5 metres high."
    )
    # ... but not a count of something else beside the asked thing, uncounted
    jets = "Japan scrambles fighter jets to intercept three groups of Russian bombers."
    assert not counts("How many Japanese fighter jets were scrambled?", jets)
    # ... nor a length of time, nor a year
    assert not counts("How many Su-35S fighters escorted the bombers?", "The bombers made an 11-hour flight.")
    assert not counts("How many ships were sunk?", "The war ended in 1945.")
    # ... and hours are counted in hours
    assert not counts("For how many hours was the Il-20 airborne?", "The US will station 48 F-35A fighters.")


def test_what_someone_did_in_a_span_is_a_timeline():
    # demo-dev23
    assert read_question("Per Newsweek, what did the Kareliya do between 7 and 26 January?").timeline
    assert not read_question("What did Japan do?").timeline  # no span named


def test_hurried_question_words_are_read_as_meant():
    assert mend_question_words("wat's the top speed") == "what's the top speed"
    assert mend_question_words("Wen did it land, whos there") == "When did it land, who's there"
    assert mend_question_words("Watson said what") == "Watson said what"
    assert read_question("how much is the misawa air base upgrade costing").expects == MONEY


def test_counting_the_very_noun_asked():
    groups = read_values(
        "On Jan 23, Japanese jets intercepted three groups of Tu-95MS bombers.", "2026-01-27"
    )
    assert counts_the_head(read_question("how many groups of russian bombers were intercepted"), groups)
    # "48 F-35A fighters" fits "how many fighter jets" loosely, but does not count jets
    fighters = read_values("The US will deploy 48 F-35A stealth fighters to Misawa.", "2026-01-27")
    jets = read_question("How many Japanese fighter jets were scrambled?")
    assert carries_answer(jets, fighters) and not counts_the_head(jets, fighters)
    # a unit of length is what is counted, with a word before it or not (SQuAD)
    area = read_values("The affected region was approximate 1,160,000 square miles of rainforest.", "")
    assert counts_the_head(read_question("How many square miles large was the region?"), area)


def test_a_length_in_a_unit_is_never_counted_otherwise():
    from citeqa.qa.question import counts_it_otherwise

    nm = read_question("Closest point of approach of the Il-20 to Japan — how many nm?")
    text = "The Il-20 flew near Honshu while the US prepares to station 48 F-35A fighters at Misawa."
    assert not counts_it_otherwise(nm, text, read_values(text, ""))
    text = "The Il-20 came within 30 km of the coast."
    assert counts_it_otherwise(nm, text, read_values(text, ""))


def test_what_the_answer_is_for_is_not_asked():
    assert drop_purpose("for the caption — defense minister's full name") == "defense minister's full name"
    assert drop_purpose("kareliya hull no. for the graphic") == "kareliya hull number"
    assert drop_purpose("What was the reason for the protest?") == "What was the reason for the protest?"
    assert drop_purpose("No aircraft entered the airspace?") == "No aircraft entered the airspace?"


def test_a_label_noun_says_what_a_question_without_a_question_word_asks():
    assert (read_question("Su-35S count?").expects, read_question("Su-35S count?").counted) == (
        NUMBER,
        ("su-35s",),
    )
    assert read_question("number of tu-95ms bombers intercepted").counted == ("tu-95ms", "bombers")
    assert read_question("kareliya hull number").expects == NUMBER
    assert read_question("exact figure: Tu-95s deployed in the Far East").expects == NUMBER
    assert read_question("F-35As — arrival date at Misawa?").expects == DATE
    assert read_question("Il-20 flight duration, hrs?").expects == DURATION
    assert read_question("defense minister's full name").expects == NAME
    assert read_question("JASDF scramble total against Russian aircraft?").counted == ("jasdf", "scramble")
    # with a question word, the question word decides
    assert read_question("What did the count of ships show?").expects != NUMBER


def test_a_polite_request_asks_what_follows_it():
    # demo-dev27: "Could you tell me ..." is no yes-or-no question
    assert read_question("Could you tell me the hull number of the Kareliya ship?").expects == NUMBER
    assert read_question("Can you tell me when the Kareliya entered?").expects == DATE
    assert read_question("could you tell me whether it entered?").expects == YESNO
    assert read_question("Could Japan intercept them?").expects == YESNO
    # a reporter's check (demo-dev33): "confirm who" asks who, "confirm that" asks yes or no
    assert read_question("Can you confirm who delivered the protest?").expects == NAME
    assert read_question("Can you confirm that the Kareliya used the Tsushima Strait?").expects == YESNO
    assert read_question("confirm when the bombers flew").expects == DATE


def test_a_span_from_one_date_runs_on_to_an_end_named_otherwise():
    walk = read_question("walk me through the patrols in order from the first one in 2019 up to the tenth")
    assert walk.date_window() == ("2019-01-01", "9999-12-31")
    assert read_question("what happened in 2019 to the patrols").date_window() == ("2019-01-01", "2019-12-31")


def test_places_offered_to_choose_from_are_asked():
    from citeqa.qa.question import is_new_place

    said = read_question("where were they flying sea of japan or somewhere else")
    assert is_new_place(said, "Sea of Japan")
    assert not is_new_place(read_question("where in the Sea of Japan were they flying"), "Sea of Japan")


def test_the_askers_guess_is_not_asked():
    from citeqa.qa.question import drop_guess

    # demo-dev31: a guess after the question, as a fragment, after a comma, or "I want to say ..."
    assert (
        drop_guess("How many jets go to the base? I want to say 40-something.")
        == "How many jets go to the base?"
    )
    assert drop_guess("which year's white paper was it, 2024?") == "which year's white paper was it"
    assert drop_guess("what did japan send up to intercept the bombers? f-35s?") == (
        "what did japan send up to intercept the bombers?"
    )
    assert drop_guess("when are the F-35s due at Misawa, was it 2027 or thereabouts?") == (
        "when are the F-35s due at Misawa"
    )
    # a second question, a timeline asked for, a unit asked for: all asked
    for kept in (
        "Where did the bombers take off from? Which airbase?",
        "What happened in December 2025? Order of events please.",
        "Where is the Tsushima Strait, in km?",
        "What happened in December? Timeline.",
    ):
        assert drop_guess(kept) == kept


def test_a_relative_year_or_month_is_as_precise_as_it_says():
    from citeqa.qa.dates import find_dates

    assert [d.value for d in find_dates("late last year", "2026-01-27")] == ["2025"]
    assert [d.value for d in find_dates("what happened last month", "2026-01-27")] == ["2025-12"]
    # "from the very first one up to the one ... late last year": the span runs from before 2025
    from citeqa.qa.dates import DateMention
    from citeqa.qa.question import in_window

    span = read_question(
        "the patrols from the very first one up to the one that went around Japan late last year"
    )
    assert in_window(span, DateMention(0, 0, "2019-07-23"))
