"""Facts kept per sentence and per corpus: here, how a casually typed question gets its names' capitals back."""


def test_a_lower_case_question_gets_the_capitals_the_documents_write(assistant):
    truecase = assistant.facts.truecase
    assert truecase("what did china's foreign ministry say about the beijixing?") == (
        "what did China's Foreign ministry say about the Beijixing?"
    )
    # A question with any capital letter is read as typed; words the documents write in lower case stay so.
    assert truecase("What did china say?") == "What did china say?"
    assert truecase("which fighters escorted the bombers") == "which fighters escorted the bombers"


def test_a_designation_typed_without_its_hyphen_is_the_documents_name(assistant):
    respell = assistant.facts.respell
    assert respell("how many hours was the il20 airborne?") == "how many hours was the Il-20 airborne?"
    assert respell("tu95ms and F35A in 2019") == "Tu-95MS and F-35A in 2019"


def test_a_slip_of_the_keyboard_is_read_as_the_one_word_the_documents_use(assistant):
    respell = assistant.facts.respell
    assert (
        respell("which bombres were intercepted") == "which bombers were intercepted"
    )  # two letters swapped
    assert respell("how many bomers were intercepted") == "how many bombers were intercepted"  # one left out
    assert respell("Which Rusian ship?") == "Which Russian ship?"  # in the case it was typed in
    assert respell("which bmoer flew?") == "which bmoer flew?"  # under six letters: too many words are near
    # a word of the model's vocabulary is a word as typed, however near one of the documents'
    assert respell("What is the altitude of the bombers?") == "What is the altitude of the bombers?"
    assert respell("how much is the US spending?") == "how much is the US spending?"
    assert (
        respell("Who was the captian of the Kareliya?") == "Who was the captian of the Kareliya?"
    )  # no captain
    # two words the documents write apart, typed as one
    assert respell("when did the spyship leave") == "when did the spy ship leave"


def test_an_abbreviation_no_document_writes_is_spelt_out_as_they_do(assistant):
    respell = assistant.facts.respell
    assert respell("what did the russian MoD say?") == "what did the russian Defense Ministry say?"
    # the story writes "SDF" itself; no document writes "Prime Minister"; "pm" typed in lower case is a time
    assert respell("did the SDF or the PM react at 3 pm?") == "did the SDF or the PM react at 3 pm?"
    # a service or a pair of nations by an analyst's abbreviation: the long form a document writes, else
    # the nation's own word (demo-dev29)
    assert respell("which VKS fighters?") == "which aerospace forces fighters?"
    assert respell("the ninth joint RU-CN patrol") == "the ninth joint Russia-China patrol"
    assert respell("which new PLAAF bomber") == "which new Chinese bomber"


def test_a_sentence_naming_its_subject_by_a_common_noun_leans_on_the_one_before(assistant):
    from citeqa.qa.facts import _DEFINITE_START, _PRONOUN_START

    def leans(text: str) -> bool:
        return bool(_PRONOUN_START.match(text) or _DEFINITE_START.match(text))

    assert leans("The $1.2 billion stadium opened in 2014.")  # which stadium, the sentence before says
    assert leans("The event was held on February 1, 2016 at SAP Center in San Jose.")
    assert leans("During that year, Tesla worked in Pittsburgh.")
    assert not leans("The Broncos finished the regular season with a 12-4 record.")
    assert not leans("Kareliya first entered the East China Sea on 7 January.")


def test_an_abbreviation_the_documents_define_matches_its_long_form(assistant):
    # toutiao writes "its Air Defense Identification Zone (ADIZ)"
    with_aliases = assistant.facts.with_aliases
    assert {"air", "defens", "identif", "zone"} <= with_aliases(frozenset({"adiz"}))
    assert "adiz" in with_aliases(frozenset({"air", "defens", "identif", "zone", "cruis"}))
    assert with_aliases(frozenset({"zone"})) == frozenset({"zone"})


def test_a_word_spelt_the_other_side_of_the_atlantic_is_spelt_as_the_documents_do(assistant):
    respell = assistant.facts.respell
    assert respell("the defence minister") == "the defense minister"
    assert respell("Defence Minister Koizumi") == "Defense Minister Koizumi"
    assert (
        respell("the colour of the honour guard") == "the colour of the honour guard"
    )  # no document says either
