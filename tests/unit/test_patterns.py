"""Patterns across setbacks: thresholds, counting by control, lessons, feedback, stage, arc, notes."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core import patterns
from core.models import CheckIn, Feedback, Intake, ReasonMark, Reflect, Setback, Summary, Vent

DAY = date(2025, 3, 1)


def setback(
    company: str = "Acme",
    days_ago: int = 0,
    stage: str = "interview",
    reasons: tuple[tuple[str, str, str], ...] = (),
    kinds: tuple[str, ...] = (),
    before: CheckIn | None = None,
    after: CheckIn | None = None,
    note: str = "",
    **reflect: str,
) -> Setback:
    """A setback with just the parts a test cares about."""
    marks = [ReasonMark(reason_id=r, applies=a, control=c) for r, a, c in reasons]
    has_reflect = bool(marks or kinds or reflect)
    return Setback(
        intake=Intake(company=company, stage_reached=stage, heard_on=DAY - timedelta(days=days_ago)),
        created_at=datetime(2025, 3, 1, 12, 0) - timedelta(days=days_ago),
        reflect=Reflect(reasons=marks, feedback=Feedback(kinds=list(kinds)), **reflect)
        if has_reflect
        else None,
        vent=Vent(check_in=before) if before is not None else None,
        summary=Summary(check_in=after or CheckIn(), future_note=note) if (after or note) else None,
    )


@pytest.mark.parametrize(("count", "enough"), [(0, False), (1, False), (2, False), (3, True), (10, True)])
def test_patterns_appear_only_from_three_setbacks_on(count, enough):
    assert patterns.enough_for_patterns([setback(days_ago=i) for i in range(count)]) is enough


def test_a_reason_marked_in_several_setbacks_is_counted_once_per_setback_and_split_by_control():
    setbacks = [
        setback(reasons=(("chemistry", "yes", "theirs"), ("chemistry", "yes", "theirs"))),
        setback(reasons=(("chemistry", "maybe", "unknown"),)),
        setback(reasons=(("chemistry", "yes", "mine"), ("hiring_freeze", "yes", "theirs"))),
    ]
    [chemistry] = patterns.recurring_reasons(setbacks)
    assert (chemistry.reason_id, chemistry.times) == ("chemistry", 3)
    assert (chemistry.mine, chemistry.theirs, chemistry.unknown) == (1, 1, 1)


def test_reasons_marked_no_do_not_count():
    setbacks = [setback(reasons=(("chemistry", "no", "mine"),)) for _ in range(3)]
    assert patterns.recurring_reasons(setbacks) == []
    assert patterns.control_split(setbacks) == {"mine": 0, "theirs": 0, "unknown": 0}


def test_a_reason_marked_only_once_is_not_a_pattern():
    setbacks = [
        setback(reasons=(("chemistry", "yes", "theirs"),)),
        setback(reasons=(("wrong_level", "yes", "mine"),)),
        setback(),
    ]
    assert patterns.recurring_reasons(setbacks) == []
    assert [p.reason_id for p in patterns.recurring_reasons(setbacks, min_times=1)] == [
        "chemistry",
        "wrong_level",
    ]


def test_reasons_are_ordered_most_often_first():
    setbacks = [
        setback(reasons=(("on_hold", "yes", "theirs"), ("answers_nerves", "yes", "mine"))),
        setback(reasons=(("answers_nerves", "yes", "mine"), ("on_hold", "yes", "theirs"))),
        setback(reasons=(("answers_nerves", "maybe", "mine"),)),
    ]
    assert [(p.reason_id, p.times) for p in patterns.recurring_reasons(setbacks)] == [
        ("answers_nerves", 3),
        ("on_hold", 2),
    ]


def test_the_control_split_counts_every_marked_reason_by_whose_control_it_was():
    setbacks = [
        setback(reasons=(("chemistry", "yes", "theirs"), ("answers_nerves", "yes", "mine"))),
        setback(reasons=(("hiring_freeze", "yes", "theirs"), ("referral", "maybe", "unknown"))),
        setback(),
    ]
    assert patterns.control_split(setbacks) == {"mine": 1, "theirs": 2, "unknown": 1}


def test_lessons_and_plans_come_in_the_given_order_and_skip_blanks():
    newest = setback("Newest", 1, learned="Ask about the team", if_then="If asked X, then Y")
    middle = setback("Middle", 5, learned="   ", differently="Prepare a story", practice="")
    oldest = setback("Oldest", 9, practice="System design", if_then="  ")
    notes = patterns.lessons([newest, middle, oldest])
    assert [(n.title, n.kind, n.text) for n in notes] == [
        ("Newest", "learned", "Ask about the team"),
        ("Middle", "differently", "Prepare a story"),
        ("Oldest", "practice", "System design"),
    ]
    assert [(p.title, p.text) for p in patterns.plans([newest, middle, oldest])] == [
        ("Newest", "If asked X, then Y")
    ]


def test_each_distinct_plan_is_listed_once_with_how_many_setbacks_had_it():
    same = "If the final interview ends, then I'll ask what might stand in the way."
    setbacks = [
        setback("Newest", 1, if_then=same),
        setback("Middle", 5, if_then="If asked about gaps, then I'll tell the caring story."),
        setback(
            "Older", 9, if_then="  if the FINAL interview ends,   then I'll ask what might stand in the way. "
        ),
        setback("Oldest", 12, if_then=same),
        setback("Blank", 20, if_then=" "),
    ]
    found = patterns.distinct_plans(setbacks)
    assert [(plan.text, plan.times, plan.latest.title) for plan in found] == [
        (same, 3, "Newest"),
        ("If asked about gaps, then I'll tell the caring story.", 1, "Middle"),
    ]
    assert patterns.distinct_plans([setback("None", 1)]) == []


def test_feedback_kinds_are_counted_per_setback_in_a_fixed_order():
    setbacks = [
        setback(kinds=("vague", "strengths")),
        setback(kinds=("strengths",)),
        setback(),
    ]
    assert patterns.feedback_kinds(setbacks) == {"strengths": 2, "vague": 1}
    assert patterns.feedback_kinds([setback()]) == {}


@pytest.mark.parametrize(
    ("stages", "usual"),
    [
        ((), None),
        (("screen", "screen", "final_round"), "screen"),
        (("applied", "final_round"), "final_round"),  # a tie goes to the furthest stage
        (("offer_talks", "interview", "interview", "offer_talks"), "offer_talks"),
    ],
)
def test_the_usual_stage_is_the_one_reached_most_often(stages, usual):
    assert patterns.usual_stage([setback(stage=s) for s in stages]) == usual


def test_the_arc_has_a_before_and_after_point_per_setback_oldest_first():
    setbacks = [
        setback("Later", 1, before=CheckIn(sadness=70), after=CheckIn(sadness=30)),
        setback("Earlier", 20, before=CheckIn(anger=90, shame=40), after=CheckIn(anger=50)),
    ]
    points = patterns.emotion_arc(setbacks)
    assert [(p.title, p.moment, p.value) for p in points] == [
        ("Earlier", "before", 90),
        ("Earlier", "after", 50),
        ("Later", "before", 70),
        ("Later", "after", 30),
    ]
    assert [p.value for p in patterns.emotion_arc(setbacks, "shame")] == [40, 0, 0, 0]


def test_the_arc_leaves_out_check_ins_never_rated_but_keeps_a_closing_zero_after_a_rated_start():
    setbacks = [
        setback("Unrated", 3, before=CheckIn(), after=CheckIn()),
        setback("Lifted", 2, before=CheckIn(anxiety=60), after=CheckIn()),
        setback("Only after", 1, after=CheckIn(sadness=20)),
        setback("Nothing", 0),
    ]
    assert [(p.title, p.moment, p.value) for p in patterns.emotion_arc(setbacks)] == [
        ("Lifted", "before", 60),
        ("Lifted", "after", 0),
        ("Only after", "after", 20),
    ]


def test_the_strongest_feeling_includes_the_persons_own_feelings():
    check_in = CheckIn(sadness=30, own=[{"name": "Hopeless", "score": 80}])
    assert patterns.check_in_value(check_in) == 80
    assert patterns.check_in_value(check_in, "Hopeless") == 80
    assert patterns.check_in_value(check_in, "sadness") == 30


def test_the_future_note_comes_from_the_most_recent_other_setback_that_has_one():
    new = setback("New", 0, note="a note on the new one itself")
    recent_without = setback("Recent", 3)
    with_note = setback("Middle", 10, note="  You got through this before.  ")
    older_note = setback("Old", 40, note="Older words")
    note = patterns.latest_future_note([older_note, new, recent_without, with_note], exclude_id=new.id)
    assert (note.title, note.text) == ("Middle", "You got through this before.")


def test_there_is_no_future_note_when_none_was_written():
    new = setback("New")
    assert patterns.latest_future_note([new, setback("Old", 5, note="   ")], exclude_id=new.id) is None


@given(st.text(max_size=300))
def test_any_lesson_text_comes_back_as_written_apart_from_outer_spaces(text):
    notes = patterns.lessons([setback(learned=text)])
    assert [n.text for n in notes] == ([text.strip()] if text.strip() else [])


@pytest.mark.parametrize(
    ("latest", "kept"), [(None, ["A", "B", "C"]), (2, ["B", "C"]), (5, ["A", "B", "C"]), (0, [])]
)
def test_the_arc_can_keep_only_the_latest_setbacks_with_check_ins(latest, kept):
    setbacks = [
        setback("C", 1, before=CheckIn(sadness=50), after=CheckIn(sadness=20)),
        setback("No check-in", 2),
        setback("B", 10, before=CheckIn(sadness=60)),
        setback("A", 30, before=CheckIn(sadness=70), after=CheckIn(sadness=40)),
    ]
    points = patterns.emotion_arc(setbacks, latest=latest)
    assert list(dict.fromkeys(p.title for p in points)) == kept
    assert patterns.arc_setbacks(points) == len(kept)


def test_the_arc_as_a_table_has_one_row_per_setback_in_the_charts_order_with_a_gap_where_unrated():
    setbacks = [
        setback("Later", 1, before=CheckIn(sadness=70), after=CheckIn(sadness=30)),
        setback("Only after", 5, after=CheckIn(sadness=20)),
        setback("Earlier", 20, before=CheckIn(anger=90), after=CheckIn(anger=50)),
    ]
    rows = patterns.arc_rows(patterns.emotion_arc(setbacks))
    assert [(r.title, r.heard_on, r.before, r.after) for r in rows] == [
        ("Earlier", DAY - timedelta(days=20), 90, 50),
        ("Only after", DAY - timedelta(days=5), None, 20),
        ("Later", DAY - timedelta(days=1), 70, 30),
    ]
    assert patterns.arc_rows([]) == []
