"""Next targets on a first visit: a plain "Add a company" button, the help text clear of the table's
toolbar, and columns that fit the page's width."""

from __future__ import annotations

import json
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from core import content, targets
from core.models import Intake, NextTargets, Target
from core.storage import Person, Store
from tests.app.conftest import signed_in_app
from tests.factories import people_store

SAM = Person("sam")
# The main column at 1280 px wide (Streamlit's centred layout), less the editor's row markers.
COLUMN_AT_1280 = 704 - 34


@pytest.fixture
def store(data_dir) -> Store:
    return people_store(data_dir)


def open_targets() -> AppTest:
    at = signed_in_app()
    at.run()
    at.switch_page("pages/next_targets.py")
    at.run()
    assert not at.exception
    return at


def editor_rows(at: AppTest) -> list[str]:
    [table] = at.dataframe
    return list(table.value["company"])


def test_add_a_company_adds_an_empty_row_and_keeps_what_was_typed(store):
    setback = store.create(SAM, Intake(company="Acme", heard_on=date(2025, 3, 1)))
    at = open_targets()
    assert len(editor_rows(at)) == 3  # three empty rows to type into at first
    at.session_state[f"targets.editor.{setback.id}"] = {
        "edited_rows": {0: {"company": "Globex"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    at.button(key="targets.add_row").click().run()
    assert editor_rows(at) == ["Globex", "", "", ""]
    assert at.button(key="targets.add_row").label == content.TARGETS_ADD_ROW
    at.button(key="save.next_targets").click().run()
    assert [t.company for t in store.load(SAM, setback.id).next_targets.targets] == ["Globex"]
    assert not at.exception


def test_the_add_button_stops_at_the_most_a_list_can_hold(store):
    setback = store.create(SAM, Intake(company="Acme", heard_on=date(2025, 3, 1)))
    full = [Target(company=f"Co {i}") for i in range(99)]
    store.save_stage(SAM, setback.id, "next_targets", NextTargets(targets=full))
    at = open_targets()
    assert len(editor_rows(at)) == 100 and at.button(key="targets.add_row").disabled
    assert not at.exception


def test_the_help_text_names_the_button_and_no_hidden_gesture(store):
    store.create(SAM, Intake(company="Acme", heard_on=date(2025, 3, 1)))
    at = open_targets()
    assert content.TARGETS_TABLE_HELP in [c.value for c in at.caption]
    assert content.TARGETS_ADD_ROW in content.TARGETS_TABLE_HELP
    assert "below the last row" not in content.TARGETS_TABLE_HELP
    # The table's floating toolbar needs room above the table: a spacer sits between help and table.
    order = [node.type for node in at.main]
    help_at = next(
        i for i, n in enumerate(at.main) if getattr(n, "value", None) == content.TARGETS_TABLE_HELP
    )
    assert "space" in order[help_at + 1 : order.index("dataframe", help_at)]
    assert not at.exception


def test_the_columns_fit_the_page_at_1280_pixels_contact_included(store):
    store.create(SAM, Intake(company="Acme", heard_on=date(2025, 3, 1)))
    at = open_targets()
    [table] = at.dataframe
    config = json.loads(table.proto.columns)  # the column configuration as sent to the browser
    widths = {name: config[name]["width"] for name in targets.COLUMNS}
    assert sum(widths.values()) <= COLUMN_AT_1280
    assert list(table.proto.column_order)[-1] == "contact"
    assert not at.exception
