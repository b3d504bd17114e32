"""Messages for invalid stage input: each names the field (and row) in plain words, kindly."""

import pytest
from pydantic import ValidationError

from core import content
from core.models import LIST_MAX, SHORT_TEXT, CheckIn, Gratitude, NextTargets, Reflect, Target, Vent, WentWell


def errors_of(model, **values) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        model(**values)
    return content.stage_errors(caught.value)


def test_a_rating_out_of_range_names_the_feeling():
    messages = errors_of(Vent, check_in={"anger": 130})
    assert list(messages) == ["check_in.anger"]
    assert messages["check_in.anger"].startswith("Anger is outside its range")


def test_an_own_feeling_out_of_range_names_its_row():
    messages = errors_of(CheckIn, own=[{"name": "Numb", "score": 50}, {"name": "Relief", "score": -5}])
    assert messages == {"own.1.score": "Score is outside its range. Please set it again."}
    inside = errors_of(Vent, check_in={"own": [{"name": "Numb", "score": 500}]})
    assert inside["check_in.own.0.score"].startswith("How strong feeling 1 is")


def test_too_long_text_in_a_row_names_the_row_and_the_limit_and_reassures():
    messages = errors_of(WentWell, wins=["fine", "", "w" * (SHORT_TEXT + 1)])
    assert messages == {"wins.2": content.too_long("Win 3", SHORT_TEXT)}
    assert "still here" in messages["wins.2"]


@pytest.mark.parametrize(
    ("model", "values", "path", "label"),
    [
        (Gratitude, {"entries": [{"text": "x" * (SHORT_TEXT + 1)}]}, "entries.0.text", "Entry 1"),
        (
            Reflect,
            {"stumbles": [{}, {"question": "q" * (SHORT_TEXT + 1)}]},
            "stumbles.1.question",
            "Question 2",
        ),
        (Reflect, {"if_then": "i" * (SHORT_TEXT + 1)}, "if_then", "The if-then plan"),
        (NextTargets, {"actions": [{"what": "a" * (SHORT_TEXT + 1)}]}, "actions.0.what", "Action 1"),
    ],
)
def test_each_stage_field_has_a_readable_name(model, values, path, label):
    messages = errors_of(model, **values)
    assert messages[path] == content.too_long(label, SHORT_TEXT)


def test_too_many_rows_says_how_many_fit():
    messages = errors_of(WentWell, wins=["a"] * (LIST_MAX + 1))
    assert (
        messages["wins"] == f"The list of wins can have up to {LIST_MAX} entries. Please remove one or two."
    )


def test_a_bad_date_and_a_wanted_score_out_of_range_are_explained():
    dates = errors_of(NextTargets, actions=[{"what": "Course", "due": "someday"}])
    assert dates["actions.0.due"] == "The date of action 1 doesn't look like a date. Please pick one again."
    wanted = errors_of(Reflect, wanted=11)
    assert wanted["wanted"].startswith("How much you wanted the job is outside its range")


def test_a_prefix_places_a_row_validated_alone_inside_its_stage():
    with pytest.raises(ValidationError) as caught:
        Target(company="")
    assert content.stage_errors(caught.value, prefix=("targets", 4)) == {
        "targets.4.company": "The company in row 5 is needed — even a word or two is fine."
    }


@pytest.mark.parametrize(
    ("path", "label"),
    [
        (("vent", "text"), "Your writing"),
        (("intake", "company"), "Company"),
        (("next_targets", "targets", 2, "company"), "The company in row 3"),
        (("reflect", "stumbles", 0, "question"), "Question 1"),
    ],
)
def test_a_path_from_a_whole_setback_gets_the_stage_fields_name(path, label):
    assert content.stage_field_label(path) == label
