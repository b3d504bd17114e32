"""The targets table: editor edits replayed, blank rows ignored, missing companies and duplicates caught."""

import math
from datetime import date

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.models import Target
from core.targets import COLUMNS, apply_edits, clean, duplicates, is_blank, to_frame, to_rows


def row(**values) -> dict:
    return dict.fromkeys(COLUMNS) | values


def test_editor_edits_are_replayed_as_the_data_editor_does_edits_then_deletions_then_additions():
    rows = [row(company="Acme"), row(company="Globex"), row(company="Initech")]
    state = {
        "edited_rows": {0: {"why": "Great team"}, "2": {"company": "Initech Ltd"}},
        "deleted_rows": [1],
        "added_rows": [{"company": "Hooli", "status": "applied"}],
    }
    result = apply_edits(rows, state)
    assert [r["company"] for r in result] == ["Acme", "Initech Ltd", "Hooli"]
    assert result[0]["why"] == "Great team"
    assert rows[0]["why"] is None  # the rows given are left as they were


@pytest.mark.parametrize("state", [None, {}, {"edited_rows": {}, "added_rows": [], "deleted_rows": []}])
def test_no_edits_gives_the_same_rows(state):
    rows = [row(company="Acme")]
    assert apply_edits(rows, state) == rows


def test_an_edit_for_a_row_that_no_longer_exists_is_ignored():
    assert apply_edits([row(company="Acme")], {"edited_rows": {5: {"company": "Ghost"}}}) == [
        row(company="Acme")
    ]


@pytest.mark.parametrize(
    ("values", "blank"),
    [
        ({}, True),
        ({"status": "idea"}, True),  # new rows get a status by default
        ({"company": "  ", "why": "", "due": None}, True),
        ({"why": float("nan"), "due": pd.NaT}, True),
        ({"why": "a reason"}, False),
        ({"due": "2025-06-01"}, False),
    ],
)
def test_a_row_counts_as_blank_only_when_nothing_was_typed_in_it(values, blank):
    assert is_blank(row(**values)) is blank


def test_cleaning_ignores_blank_rows_and_turns_the_rest_into_targets():
    rows = [
        row(),
        row(company=" Acme ", why="Mission", due="2025-06-01", status="applied"),
        row(status="idea"),
        row(company="Globex", due=pd.Timestamp("2025-07-02")),
    ]
    cleaned = clean(rows)
    assert cleaned.problems == {}
    assert [t.company for t in cleaned.targets] == ["Acme", "Globex"]
    assert cleaned.targets[0].due == date(2025, 6, 1) and cleaned.targets[0].status == "applied"
    assert cleaned.targets[1].due == date(2025, 7, 2) and cleaned.targets[1].status == "idea"


def test_a_row_with_words_but_no_company_is_a_problem_named_by_its_row_on_screen():
    cleaned = clean([row(company="Acme"), row(), row(why="Lovely people")])
    assert list(cleaned.problems) == ["targets.2.company"]
    assert "Row 3" in cleaned.problems["targets.2.company"]
    assert [t.company for t in cleaned.targets] == ["Acme"]


def test_a_too_long_cell_is_a_problem_that_names_the_column_and_row():
    cleaned = clean([row(company="Acme", why="x" * 1001)])
    assert "targets.0.why" in cleaned.problems
    message = cleaned.problems["targets.0.why"]
    assert "row 1" in message and "1,000" in message


def test_a_bad_status_or_date_is_a_problem_not_a_crash():
    cleaned = clean([row(company="Acme", status="dreaming"), row(company="Globex", due="someday")])
    assert set(cleaned.problems) == {"targets.0.status", "targets.1.due"}


@pytest.mark.parametrize(
    ("companies", "flagged"),
    [
        ([("Acme", ""), ("Globex", "")], []),
        ([("Acme", ""), (" acme  ", "")], ["Acme"]),
        ([("Acme", "Designer"), ("ACME", "designer"), ("Acme", "designer")], ["Acme"]),
        ([("Acme", "Designer"), ("Acme", "Researcher")], []),  # two roles at one company is a plan
    ],
)
def test_duplicates_are_the_same_company_for_the_same_role_ignoring_case_and_spaces(companies, flagged):
    targets = [Target(company=company, role=role) for company, role in companies]
    assert duplicates(targets) == flagged
    assert clean(to_rows(targets)).duplicates == flagged


def test_saved_targets_go_to_the_editor_and_back_unchanged():
    targets = [
        Target(
            company="Acme", why="Mission", role="PM", contact="Jo", next_step="Write", due=date(2025, 6, 1)
        ),
        Target(company="Globex", status="interviewing"),
    ]
    frame = to_frame(to_rows(targets, minimum=5))
    assert list(frame.columns) == list(COLUMNS)
    assert len(frame) == 5
    assert clean(frame.to_dict("records")).targets == targets


def test_an_empty_table_is_a_frame_with_every_column_and_blank_padding():
    frame = to_frame(to_rows([], minimum=3))
    assert list(frame.columns) == list(COLUMNS) and len(frame) == 3
    assert all(is_blank(r) for r in frame.to_dict("records"))
    assert to_frame([]).empty


def test_the_frame_shows_missing_text_as_empty_and_unknown_status_as_none():
    frame = to_frame([{"company": "Acme", "why": float("nan"), "status": "dreaming", "due": "2025-06-01"}])
    first = frame.iloc[0]
    assert first["why"] == "" and first["status"] is None and first["due"] == date(2025, 6, 1)
    assert not any(isinstance(v, float) and math.isnan(v) for v in first)


@given(st.lists(st.dictionaries(st.sampled_from(COLUMNS), st.one_of(st.none(), st.text())), max_size=8))
def test_cleaning_any_table_never_crashes_and_accounts_for_every_row(rows):
    cleaned = clean(rows)
    problem_rows = {key.split(".")[1] for key in cleaned.problems}
    assert len(cleaned.targets) + len(problem_rows) == sum(1 for r in rows if not is_blank(r))
