"""core.models: bounded fields with clear messages, no future dates, schema upgrades, no stray keys."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pydantic import ValidationError

from core import content
from core.models import (
    LIST_MAX,
    LONG_TEXT,
    MEDIUM_TEXT,
    NAME_TEXT,
    SCHEMA_VERSION,
    SHORT_TEXT,
    CheckIn,
    Feedback,
    Feeling,
    Gratitude,
    Intake,
    NextTargets,
    ProfileAction,
    Reflect,
    Setback,
    StayInTouch,
    Stumble,
    Summary,
    Target,
    Thanks,
    Vent,
    WentWell,
    blank_row,
    blank_text,
)

TODAY = date.today()


def intake(**values) -> Intake:
    return Intake(**({"company": "Acme", "heard_on": TODAY} | values))


# (label, build the model with `text` in one field, field name, limit, label the message uses)
TEXT_LIMITS = [
    ("intake.company", lambda t: intake(company=t), "company", 200, "Company"),
    ("intake.role", lambda t: intake(role=t), "role", 200, "Role"),
    ("intake.message", lambda t: intake(message=t), "message", LONG_TEXT, "Their message"),
    ("vent.text", lambda t: Vent(text=t), "text", LONG_TEXT, "Your writing"),
    ("feeling.name", lambda t: Feeling(name=t), "name", 60, "Name"),
    ("reflect.learned", lambda t: Reflect(learned=t), "learned", MEDIUM_TEXT, "What you can learn"),
    ("reflect.practice", lambda t: Reflect(practice=t), "practice", MEDIUM_TEXT, "What you could practise"),
    (
        "reflect.differently",
        lambda t: Reflect(differently=t),
        "differently",
        MEDIUM_TEXT,
        "What you'd do differently",
    ),
    ("reflect.if_then", lambda t: Reflect(if_then=t), "if_then", SHORT_TEXT, "The if-then plan"),
    ("feedback.said", lambda t: Feedback(said=t), "said", MEDIUM_TEXT, "Said"),
    ("stumble.question", lambda t: Stumble(question=t), "question", SHORT_TEXT, "Question"),
    (
        "stumble.better_answer",
        lambda t: Stumble(better_answer=t),
        "better_answer",
        MEDIUM_TEXT,
        "Better answer",
    ),
    ("went_well.wins", lambda t: WentWell(wins=[t]), "wins", SHORT_TEXT, "Win 1"),
    ("thanks.text", lambda t: Thanks(text=t), "text", SHORT_TEXT, "Your writing"),
    ("thanks.person", lambda t: Thanks(text="x", person=t), "person", NAME_TEXT, "Person"),
    ("target.why", lambda t: Target(company="A", why=t), "why", SHORT_TEXT, "Why"),
    ("target.contact", lambda t: Target(company="A", contact=t), "contact", NAME_TEXT, "Contact"),
    ("stay_in_touch.note", lambda t: StayInTouch(note=t), "note", SHORT_TEXT, "Note"),
    ("action.what", lambda t: ProfileAction(what=t), "what", SHORT_TEXT, "What"),
    (
        "next_targets.attractions",
        lambda t: NextTargets(attractions=[t]),
        "attractions",
        SHORT_TEXT,
        "What drew you 1",
    ),
    (
        "summary.future_note",
        lambda t: Summary(future_note=t),
        "future_note",
        MEDIUM_TEXT,
        "Your note to your future self",
    ),
]


@pytest.mark.parametrize(
    ("build", "limit"), [(row[1], row[3]) for row in TEXT_LIMITS], ids=[r[0] for r in TEXT_LIMITS]
)
def test_text_exactly_at_its_limit_is_accepted(build, limit):
    build("x" * limit)


@pytest.mark.parametrize(
    ("build", "field", "limit", "label"), [row[1:] for row in TEXT_LIMITS], ids=[r[0] for r in TEXT_LIMITS]
)
def test_text_over_its_limit_is_refused_with_a_message_naming_the_field_and_the_limit(
    build, field, limit, label
):
    with pytest.raises(ValidationError) as refused:
        build("x" * (limit + 1))
    messages = content.field_errors(refused.value)
    assert messages == {field: content.too_long(label, limit)}
    assert f"{limit:,}" in messages[field] and label in messages[field]


@pytest.mark.parametrize(
    "build",
    [
        lambda: WentWell(wins=["x"] * (LIST_MAX + 1)),
        lambda: Gratitude(entries=[Thanks(text="x")] * (LIST_MAX + 1)),
        lambda: CheckIn(own=[Feeling(name="x")] * 4),
        lambda: NextTargets(targets=[Target(company="A")] * 101),
    ],
    ids=["wins", "gratitude", "own feelings", "targets"],
)
def test_lists_have_a_maximum_number_of_entries(build):
    with pytest.raises(ValidationError) as refused:
        build()
    [message] = content.field_errors(refused.value).values()
    assert "entries" in message


@pytest.mark.parametrize("score", [-1, 101, 1000])
def test_a_feeling_score_outside_0_to_100_is_refused(score):
    with pytest.raises(ValidationError) as refused:
        CheckIn(anger=score)
    assert "anger" in content.field_errors(refused.value)


@pytest.mark.parametrize("score", [0, 50, 100])
def test_a_feeling_score_from_0_to_100_is_kept(score):
    assert CheckIn(anger=score).anger == score


@pytest.mark.parametrize("wanted", [-1, 11])
def test_how_much_the_job_was_wanted_stays_between_0_and_10(wanted):
    with pytest.raises(ValidationError):
        Reflect(wanted=wanted)


def test_the_date_heard_can_be_today_or_earlier():
    assert intake(heard_on=TODAY).heard_on == TODAY
    assert intake(heard_on=TODAY - timedelta(days=400)).heard_on == TODAY - timedelta(days=400)


def test_the_date_heard_cannot_be_in_the_future_and_the_message_says_so():
    with pytest.raises(ValidationError) as refused:
        intake(heard_on=TODAY + timedelta(days=1))
    assert content.field_errors(refused.value) == {
        "heard_on": "Date heard can't be in the future — pick today or an earlier day."
    }


@pytest.mark.parametrize("company", ["", "   ", "\n\t"])
def test_a_company_is_needed(company):
    with pytest.raises(ValidationError) as refused:
        intake(company=company)
    assert content.field_errors(refused.value) == {
        "company": "Company is needed — even a word or two is fine."
    }


def test_names_are_trimmed_but_free_text_is_kept_exactly():
    made = intake(company="  Acme  ", message="  spaced\n\n  out  ")
    assert made.company == "Acme"
    assert made.message == "  spaced\n\n  out  "


# -- schema versions ------------------------------------------------------------------------

V1 = {
    "schema_version": 1,
    "id": "0123456789abcdef0123456789abcdef",
    "created_at": "2025-01-02T10:00:00Z",
    "updated_at": "2025-01-02T10:00:00Z",
    "company": "Acme",
    "role": "Designer",
    "stage_reached": "final_round",
    "heard_on": "2025-01-01",
    "how_heard": "call",
    "message": "We went with another candidate.",
    "vent": {"text": "Ugh.", "private": True},
}


def test_a_version_1_file_with_the_intake_at_the_top_level_is_upgraded():
    setback = Setback.model_validate(V1)
    assert setback.schema_version == SCHEMA_VERSION
    assert setback.intake == Intake(
        company="Acme",
        role="Designer",
        stage_reached="final_round",
        heard_on=date(2025, 1, 1),
        how_heard="call",
        message="We went with another candidate.",
    )
    assert setback.vent is not None and setback.vent.text == "Ugh."
    assert setback.id == V1["id"]


def test_a_version_1_file_read_from_json_is_upgraded_too():
    import json

    assert Setback.model_validate_json(json.dumps(V1)).intake.company == "Acme"


def test_upgrading_does_not_change_the_dict_it_was_given():
    original = dict(V1)
    Setback.model_validate(original)
    assert original == V1


def test_the_current_version_round_trips_through_json_unchanged():
    setback = Setback(intake=intake(role="Designer"), vent=Vent(text="raw"))
    assert Setback.model_validate_json(setback.model_dump_json()) == setback


def test_a_file_saved_before_the_friend_prompt_and_the_message_switch_reads_with_both_off():
    saved_earlier = {
        "schema_version": 2,
        "id": "0123456789abcdef0123456789abcdef",
        "intake": {"company": "Acme", "heard_on": "2025-01-01", "message": "No, thanks."},
        "reflect": {"learned": "x", "if_then": ""},
        "summary": {"sections": ["reflect"], "include_vent": False},
    }
    setback = Setback.model_validate(saved_earlier)
    assert setback.schema_version == SCHEMA_VERSION == 2  # the new fields need no new version
    assert (setback.reflect.to_a_friend, setback.summary.include_message) == ("", False)


@pytest.mark.parametrize("version", [SCHEMA_VERSION + 1, 99])
def test_a_file_from_a_newer_app_is_refused_and_says_so(version):
    data = Setback(intake=intake()).model_dump(mode="json") | {"schema_version": version}
    with pytest.raises(ValidationError, match="newer than this app understands"):
        Setback.model_validate(data)


@pytest.mark.parametrize("version", [0, -1, "2", True, None, 1.5])
def test_a_schema_version_rebound_never_wrote_is_refused(version):
    data = Setback(intake=intake()).model_dump(mode="json") | {"schema_version": version}
    with pytest.raises(ValidationError, match="not a version Rebound has ever written"):
        Setback.model_validate(data)


# -- no stray keys, no changes in place -----------------------------------------------------


@pytest.mark.parametrize(
    ("model", "data"),
    [
        (Setback, {"intake": {"company": "A", "heard_on": "2025-01-01"}, "surprise": 1}),
        (Setback, {"intake": {"company": "A", "heard_on": "2025-01-01", "surprise": 1}}),
        (Vent, {"text": "x", "is_admin": True}),
        (Reflect, {"feedback": {"said": "x", "extra": "y"}}),
        (NextTargets, {"targets": [{"company": "A", "salary": 1}]}),
    ],
    ids=["setback", "intake", "vent", "nested feedback", "target"],
)
def test_unknown_keys_are_refused(model, data):
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        model.model_validate(data)


def test_models_cannot_be_changed_in_place():
    vent = Vent(text="first")
    with pytest.raises(ValidationError):
        vent.text = "second"  # type: ignore[misc]
    assert vent.model_copy(update={"text": "second"}).text == "second"


@pytest.mark.parametrize("setback_id", ["../../etc/passwd", "ABCDEF0123456789ABCDEF0123456789", "0" * 31, ""])
def test_a_setback_id_must_be_32_lowercase_hex_characters(setback_id):
    with pytest.raises(ValidationError):
        Setback(id=setback_id, intake=intake())


def test_stage_names_outside_the_journey_are_refused():
    setback = Setback(intake=intake())
    with pytest.raises(KeyError):
        setback.stage("intake")
    assert setback.stage("vent") is None


# -- a stage from a page's rows -------------------------------------------------------------------


def test_from_page_drops_blank_rows_only_after_checking_every_row_in_screen_order():
    wins = ["", "  ", "x" * (SHORT_TEXT + 1), "A real win"]
    with pytest.raises(ValidationError) as raised:
        WentWell.from_page({"wins": wins}, {"wins": blank_text})
    assert raised.value.errors()[0]["loc"][:2] == ("wins", 2)  # the third row on screen, not the first kept
    kept = WentWell.from_page({"wins": ["", "A real win", "   ", "Another"]}, {"wins": blank_text})
    assert kept.wins == ["A real win", "Another"]


def test_from_page_keeps_a_row_with_any_field_written():
    entries = [
        {"text": "", "person": ""},
        {"text": "", "person": "Maya"},
        {"text": "Her notes", "person": ""},
    ]
    kept = Gratitude.from_page({"entries": entries}, {"entries": blank_row})
    assert [(e.text, e.person) for e in kept.entries] == [("", "Maya"), ("Her notes", "")]
