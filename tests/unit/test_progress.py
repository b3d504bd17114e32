"""Which stages count as done: saved with something the person chose or wrote, never just defaults."""

from datetime import date

import pytest

from core import content
from core.models import (
    STAGES,
    CheckIn,
    Feedback,
    Gratitude,
    Intake,
    NextTargets,
    ProfileAction,
    ReasonMark,
    Reflect,
    Setback,
    StayInTouch,
    Stumble,
    Target,
    Thanks,
    Vent,
    WentWell,
)
from core.progress import MIN_GRATITUDE, days_since, next_stage, stage_done, stages_done

HEARD = date(2025, 3, 10)


def setback(**stages) -> Setback:
    return Setback(intake=Intake(company="Acme", heard_on=HEARD), **stages)


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_never_saved_is_not_done(stage):
    assert not stage_done(setback(), stage)


@pytest.mark.parametrize(
    ("stage", "model", "done"),
    [
        ("vent", Vent(), False),
        ("vent", Vent(text="   \n"), False),
        ("vent", Vent(text="So unfair."), True),
        ("vent", Vent(check_in=CheckIn(sadness=40)), True),
        ("reflect", Reflect(), False),
        # The if-then plan starts as Rebound's suggestion: saving it untouched is not yet reflecting.
        ("reflect", Reflect(if_then=content.REFLECT_IF_THEN_SUGGESTION), False),
        ("reflect", Reflect(reasons=[ReasonMark(reason_id="chemistry", applies="no")]), False),
        ("reflect", Reflect(reasons=[ReasonMark(reason_id="chemistry", applies="maybe")]), True),
        ("reflect", Reflect(learned="Lead with outcomes."), True),
        ("reflect", Reflect(stumbles=[Stumble(question="Why us?")]), True),
        ("reflect", Reflect(feedback=Feedback(received="yes", said="More scale.")), True),
        ("reflect", Reflect(wanted=3), True),
        ("went_well", WentWell(), False),
        ("went_well", WentWell(wins=["  "]), False),
        ("went_well", WentWell(wins=["Reached the final round"]), True),
        ("gratitude", Gratitude(entries=[Thanks(text="a"), Thanks(text="b")]), False),
        (
            "gratitude",
            Gratitude(entries=[Thanks(text="a"), Thanks(text="b"), Thanks(text=" ", person="Jo")]),
            False,
        ),
        ("gratitude", Gratitude(entries=[Thanks(text=t) for t in "abc"]), True),
        ("next_targets", NextTargets(), False),
        # Reconnect dates start as suggestions too.
        ("next_targets", NextTargets(stay_in_touch=StayInTouch(reconnect_on=[HEARD])), False),
        ("next_targets", NextTargets(targets=[Target(company="Globex")]), True),
        ("next_targets", NextTargets(attractions=["Small team"]), True),
        ("next_targets", NextTargets(actions=[ProfileAction(what="A course")]), True),
    ],
)
def test_a_saved_stage_is_done_only_with_something_of_the_persons_own(stage, model, done):
    assert stage_done(setback(**{stage: model}), stage) is done


def test_gratitude_asks_for_three():
    assert MIN_GRATITUDE == 3


def test_stages_done_lists_the_five_stages_in_order():
    result = stages_done(setback(vent=Vent(text="ugh"), went_well=WentWell(wins=["a"])))
    assert list(result) == list(STAGES)
    assert result == {
        "vent": True,
        "reflect": False,
        "went_well": True,
        "gratitude": False,
        "next_targets": False,
    }


@pytest.mark.parametrize(
    ("today", "days"), [(HEARD, 0), (date(2025, 3, 11), 1), (date(2025, 4, 10), 31), (date(2025, 3, 1), 0)]
)
def test_days_since_counts_whole_days_from_the_news_and_never_goes_negative(today, days):
    assert days_since(setback(), today) == days


@pytest.mark.parametrize(
    ("stages", "expected"),
    [
        ({}, "vent"),
        ({"vent": Vent(text="ugh")}, "reflect"),
        ({"vent": Vent(text="ugh"), "reflect": Reflect(learned="x")}, "went_well"),
        ({"went_well": WentWell(wins=["a"])}, "vent"),  # an earlier stage still open comes first
        ({"vent": Vent()}, "vent"),  # saved untouched is not done
    ],
)
def test_the_next_stage_is_the_first_one_not_done(stages, expected):
    assert next_stage(setback(**stages)) == expected


def test_with_all_five_done_the_next_stage_is_the_summary():
    done = setback(
        vent=Vent(text="ugh"),
        reflect=Reflect(learned="x"),
        went_well=WentWell(wins=["a"]),
        gratitude=Gratitude(entries=[Thanks(text=t) for t in "abc"]),
        next_targets=NextTargets(attractions=["team"]),
    )
    assert next_stage(done) == "summary"
