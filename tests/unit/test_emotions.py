"""Emotion deltas between the first and the closing check-in, and the one-line reading of them."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core import emotions
from core.emotions import STEADY_WITHIN, EmotionDelta, describe_change, emotion_change
from core.models import EMOTIONS, CheckIn, Feeling

JUDGING_WORDS = ("better", "worse", "good", "bad", "improve", "failed", "should")


def test_the_fixed_five_come_first_with_both_ratings():
    deltas = emotion_change(CheckIn(disappointment=80, anger=30), CheckIn(disappointment=55, anger=31))
    assert [delta.key for delta in deltas] == list(EMOTIONS)
    assert (deltas[0].label, deltas[0].before, deltas[0].after, deltas[0].change) == (
        "Disappointment",
        80,
        55,
        -25,
    )


def test_own_feelings_are_matched_across_check_ins_ignoring_case_and_spaces():
    before = CheckIn(own=[Feeling(name="Worry", score=70)])
    after = CheckIn(own=[Feeling(name=" worry ", score=40), Feeling(name="Hope", score=60)])
    own = {
        delta.label: (delta.before, delta.after)
        for delta in emotion_change(before, after)
        if delta.key.startswith("own:")
    }
    assert own == {"Worry": (70, 40), "Hope": (None, 60)}


def test_a_missing_check_in_gives_none_not_zero():
    deltas = emotion_change(CheckIn(sadness=40), None)
    assert all(delta.after is None and delta.change is None for delta in deltas)
    assert emotion_change(None, None) == []


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (
            CheckIn(disappointment=80, anger=40),
            CheckIn(disappointment=55, anger=42),
            "Disappointment eased from 80 to 55; anger stayed about the same.",
        ),
        (CheckIn(anxiety=20), CheckIn(anxiety=50), "Anxiety rose from 20 to 50."),
        (
            CheckIn(sadness=50, anger=50, shame=30),
            CheckIn(sadness=50, anger=48, shame=33),
            "Sadness, anger and shame stayed about the same.",
        ),
        (
            CheckIn(sadness=50, anger=50),
            CheckIn(sadness=51, anger=50),
            "Sadness and anger stayed about the same.",
        ),
        (CheckIn(), CheckIn(), "None of the feelings were rated above zero at either check-in."),
        (
            CheckIn(own=[Feeling(name="Worry", score=70)]),
            CheckIn(own=[Feeling(name="Hope", score=60)]),
            "Worry was rated 70 at the start; Hope was rated 60 at the end.",
        ),
    ],
)
def test_describe_change_reads_as_one_calm_line(before, after, expected):
    assert describe_change(emotion_change(before, after)) == expected


@pytest.mark.parametrize(
    ("before", "after", "phrase"),
    [
        (None, None, "No check-ins yet"),
        (CheckIn(sadness=30), None, "Only the first check-in is here"),
        (None, CheckIn(sadness=30), "Only the closing check-in is here"),
    ],
)
def test_describe_change_handles_missing_check_ins(before, after, phrase):
    assert describe_change(emotion_change(before, after)).startswith(phrase)


def test_a_move_within_the_steady_margin_counts_as_about_the_same():
    line = describe_change([EmotionDelta("anger", "Anger", 50, 50 + STEADY_WITHIN)])
    assert line == "Anger stayed about the same."


scores = st.integers(min_value=0, max_value=100)
check_ins = (
    st.builds(CheckIn, disappointment=scores, sadness=scores, anger=scores, anxiety=scores, shame=scores)
    | st.none()
)


@given(check_ins, check_ins)
def test_the_reading_is_one_line_and_never_judges(before, after):
    line = describe_change(emotion_change(before, after))
    assert "\n" not in line and line.endswith(".")
    assert not any(word in line.lower().split() for word in JUDGING_WORDS)


@pytest.mark.parametrize(
    ("check_in", "expected"),
    [
        (None, False),
        (CheckIn(), False),
        (CheckIn(shame=5), True),
        (CheckIn(own=[Feeling(name="numb", score=0)]), True),  # naming a feeling is a rating too
    ],
)
def test_a_check_in_counts_as_rated_with_any_feeling_above_zero_or_one_named(check_in, expected):
    assert emotions.rated(check_in) is expected


def test_a_chart_is_worth_drawing_only_when_some_rating_is_above_zero():
    assert not emotions.worth_charting(emotion_change(None, CheckIn()))
    assert not emotions.worth_charting(emotion_change(CheckIn(), CheckIn()))
    assert emotions.worth_charting(emotion_change(None, CheckIn(anger=10)))
    assert emotions.worth_charting(emotion_change(CheckIn(anger=10), CheckIn()))
