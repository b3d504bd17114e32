"""core.drafts: what a page's draft holds, when it differs from what is saved, restoring, which one wins."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core import drafts as rules

WIN = {"text": ""}
FEELING = {"name": "", "score": 50}


def vent_shape(**saved) -> rules.Shape:
    """A page with plain fields and a fixed list of three own feelings, like Vent."""
    values = {"text": "AAA", "anger": 0, "private": True} | saved
    return rules.Shape(
        saved=values | rules.list_values("own", [dict(FEELING)] * 3, 3),
        lists={"own": FEELING},
        fixed=frozenset({"own"}),
    )


def wins_shape(*wins: str, minimum: int = 3) -> rules.Shape:
    rows = [{"text": w} for w in wins]
    rows += [dict(WIN)] * (minimum - len(rows))
    return rules.Shape(saved=rules.list_values("wins", rows, minimum), lists={"wins": WIN})


# -- flat list fields ----------------------------------------------------------------------------


def test_list_values_flattens_rows_with_a_count_of_at_least_the_minimum():
    assert rules.list_values("wins", [{"text": "a"}, {"text": "b"}], 3) == {
        "wins.count": 3,
        "wins.0.text": "a",
        "wins.1.text": "b",
    }


def test_rows_reads_a_list_back_with_missing_parts_blank():
    shape = wins_shape()
    assert rules.rows(shape, {"wins.count": 2, "wins.1.text": "b"}, "wins") == [{"text": ""}, {"text": "b"}]


def test_plain_fields_leave_out_list_counts_and_rows():
    assert sorted(vent_shape().plain_fields()) == ["anger", "private", "text"]


def test_merged_shapes_keep_both_parts_fields_and_lists():
    both = rules.Shape(saved={"text": ""}).merged(wins_shape("a"))
    assert "text" in both.saved and "wins.0.text" in both.saved and both.lists == {"wins": WIN}


# -- held and unsaved ----------------------------------------------------------------------------


def test_held_takes_what_the_page_has_else_the_saved_value_and_only_the_rows_shown():
    shape = wins_shape("one", "two")
    held = rules.held(shape, {"wins.count": 2, "wins.1.text": "changed", "wins.2.text": "off screen"})
    assert held == {"wins.count": 2, "wins.0.text": "one", "wins.1.text": "changed"}


@pytest.mark.parametrize(
    ("current", "unsaved"),
    [
        ({}, False),
        ({"text": "AAA"}, False),
        ({"text": "AAA "}, True),  # a space is the person's too
        ({"anger": 5}, True),
        ({"private": False}, True),
        ({"own.0.name": "Numb"}, True),
        ({"own.0.score": 70}, True),  # a score moved on a row without a name still counts
        ({"own.count": 3, "own.2.name": ""}, False),
    ],
)
def test_unsaved_tells_any_change_from_the_saved_values(current, unsaved):
    shape = vent_shape()
    assert rules.unsaved(shape, rules.held(shape, current)) is unsaved


def test_blank_rows_added_or_removed_are_not_a_change():
    shape = wins_shape("one")
    assert not rules.unsaved(shape, rules.held(shape, {"wins.count": 5}))
    assert rules.unsaved(shape, rules.held(shape, {"wins.count": 5, "wins.4.text": "new"}))


def test_aside_fields_are_kept_but_are_no_change_and_compare_decides_what_counts():
    shape = rules.Shape(
        saved={"table.edits": 0, "table.rows": [{"company": "Globex", "note": None}]},
        aside=frozenset({"table.edits"}),
        compare={"table.rows": lambda rows: [r["company"] for r in rows or []]},
    )
    assert not rules.unsaved(shape, {"table.edits": 4, "table.rows": [{"company": "Globex", "note": ""}]})
    assert rules.unsaved(shape, {"table.edits": 0, "table.rows": [{"company": "Initech", "note": None}]})


# -- restoring a kept draft ----------------------------------------------------------------------


def test_restore_gives_dates_back_as_dates_and_keeps_strings_that_look_like_none():
    shape = rules.Shape(saved={"due": None, "heard": date(2025, 1, 2), "text": ""})
    kept = rules.plain({"due": date(2025, 6, 1), "heard": date(2025, 3, 31), "text": "2025-01-01 was hard"})
    assert rules.restore(shape, kept) == {
        "due": date(2025, 6, 1),
        "heard": date(2025, 3, 31),
        "text": "2025-01-01 was hard",
    }


@pytest.mark.parametrize(
    ("field", "kept"),
    [
        ("anger", "loud"),  # a number field given text
        ("private", 1),  # a bool field given a number
        ("anger", True),  # a number field given a bool
        ("text", 7),
        ("heard", "2025-02-30"),  # not a real day
        ("kinds", "reason"),  # a list field given text
    ],
)
def test_restore_leaves_out_a_value_of_another_kind_so_the_saved_one_shows(field, kept):
    shape = rules.Shape(
        saved={"anger": 0, "private": True, "text": "", "heard": date(2025, 1, 2), "kinds": []}
    )
    assert rules.restore(shape, {field: kept}) == {}


def test_restore_brings_back_list_rows_beyond_the_saved_ones_and_ignores_fields_the_page_lacks():
    shape = wins_shape("one")
    kept = {"wins.count": 4, "wins.3.text": "four", "gone.field": "x", "wins.0.nope": "y"}
    assert rules.restore(shape, kept) == {"wins.count": 4, "wins.3.text": "four"}


def test_plain_and_same_values_compare_as_kept():
    assert rules.plain({"d": date(2025, 1, 2), "t": (1, 2)}) == {"d": "2025-01-02", "t": [1, 2]}
    assert rules.same_values({"d": date(2025, 1, 2)}, {"d": "2025-01-02"})
    assert not rules.same_values({"text": "a"}, {"text": "b"})


def test_plain_refuses_what_a_draft_cannot_keep():
    with pytest.raises(TypeError):
        rules.plain({"x": object()})


@given(st.text())
def test_any_text_comes_back_from_a_kept_draft_exactly(text):
    shape = rules.Shape(saved={"text": ""})
    assert rules.restore(shape, rules.plain({"text": text})) == {"text": text}


# -- which one wins ------------------------------------------------------------------------------

NOW = datetime(2026, 12, 2, 1, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("has_values", "changed_at", "kept_at", "same", "take"),
    [
        (False, None, None, False, False),  # nothing kept
        (False, None, NOW, False, True),  # a fresh session takes the draft
        (True, NOW, NOW + timedelta(seconds=5), True, False),  # it says what is shown already
        (True, NOW, NOW + timedelta(seconds=5), False, True),  # another tab kept something newer
        (True, NOW, NOW, False, True),  # the same second: the other tab's write came last
        (True, NOW, NOW - timedelta(seconds=5), False, False),  # this tab's changes are newer
        (True, None, NOW, False, True),  # this session never changed the page
    ],
)
def test_take_kept_takes_the_draft_only_when_it_is_the_newer_and_says_something_else(
    has_values, changed_at, kept_at, same, take
):
    assert (
        rules.take_kept(
            session_has_values=has_values, session_changed_at=changed_at, kept_at=kept_at, same=same
        )
        is take
    )


# -- removing a row and putting it back ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Reached the final", "Reached the final"),
        ("  two\n lines  ", "two lines"),
        ("x" * 60, "x" * 39 + "…"),
    ],
)
def test_quoted_puts_a_row_on_one_short_line(text, quoted):
    assert rules.quoted(text) == quoted


def test_removing_a_row_moves_the_rows_below_up_and_blanks_the_freed_last_row():
    shape = wins_shape()
    values = rules.held(shape, {"wins.0.text": "one", "wins.1.text": "two", "wins.2.text": "three"})
    changes = rules.without_row(shape, values, "wins", 1)
    assert changes == {"wins.count": 2, "wins.0.text": "one", "wins.1.text": "three", "wins.2.text": ""}


def test_removing_from_a_fixed_list_keeps_its_length():
    shape = vent_shape()
    values = rules.held(shape, {"own.0.name": "Numb", "own.0.score": 80, "own.1.name": "Restless"})
    changes = rules.without_row(shape, values, "own", 0)
    assert changes["own.count"] == 3
    assert [changes[f"own.{i}.name"] for i in range(3)] == ["Restless", "", ""]


def test_removing_a_row_that_is_not_there_changes_nothing():
    shape = wins_shape("one")
    assert rules.without_row(shape, rules.held(shape, {}), "wins", 7) == {}


def test_a_removed_row_put_back_returns_to_its_place_with_its_words():
    shape = wins_shape()
    values = rules.held(shape, {"wins.0.text": "one", "wins.1.text": "two", "wins.2.text": "three"})
    after = values | rules.without_row(shape, values, "wins", 1)
    back = rules.with_row(shape, after, "wins", 1, {"text": "two"})
    assert rules.rows(shape, back, "wins") == [{"text": "one"}, {"text": "two"}, {"text": "three"}]


def test_putting_a_row_back_into_a_fixed_list_gives_up_a_blank_row_not_a_written_one():
    shape = vent_shape()
    values = rules.held(shape, {"own.0.name": "Restless"})
    back = rules.with_row(shape, values, "own", 0, {"name": "Numb", "score": 80})
    assert back["own.count"] == 3
    assert rules.rows(shape, back, "own") == [
        {"name": "Numb", "score": 80},
        {"name": "Restless", "score": 50},
        {"name": "", "score": 50},
    ]
