from citeqa.qa.followup import needs_context, rewrite


def test_standalone_questions_are_left_alone():
    assert (
        rewrite("Which sea did the Il-20 fly over?", ["Who is the minister?"])
        == "Which sea did the Il-20 fly over?"
    )


def test_pronoun_question_takes_the_earlier_topic():
    out = rewrite("Which strait did it go through?", ["What Chinese intelligence ship showed up near Japan?"])
    assert out.startswith("Which strait did it go through?") and "intelligence" in out


def test_pronoun_for_a_person_takes_the_name_from_the_earlier_answer():
    out = rewrite(
        "Where was she born?", ["Who wrote Frankenstein?"], "Frankenstein was written by Mary Shelley."
    )
    assert "Mary Shelley" in out
    assert needs_context("Where was she born?")
