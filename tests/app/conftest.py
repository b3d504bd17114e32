"""AppTest helpers: the app as a signed-in person, or at the sign-in gate."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.storage.draft_writer import flush_all
from tests.factories import add_person, files_store

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def signed_in_app(username: str = "sam", name: str = "Sam Rivera") -> AppTest:
    """The app with the sign-in gate passed (the account made if needed), as AppTest can't carry the cookie."""
    store = files_store(os.environ["REBOUND_DATA_DIR"])
    if store.account(username) is None:
        add_person(store, username)
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = username
    at.session_state["name"] = name
    at.session_state["auth.signed_in_at"] = time.time()  # as signing in records it
    return at


@pytest.fixture(autouse=True)
def drafts_written():
    """Every draft a test's pages handed to the background writer is stored before the test ends."""
    yield
    flush_all()


@pytest.fixture
def app_signed_in() -> AppTest:
    at = signed_in_app()
    at.run()
    assert not at.exception
    return at


@pytest.fixture
def app_signed_out() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    assert not at.exception
    return at


def assert_valid_vega_lite(spec_json: str) -> None:
    """The chart's spec as drawn passes the Vega-Lite schema (the pages build specs unvalidated, for speed)."""
    import json

    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema.core import load_schema

    validate_jsonschema(json.loads(spec_json), load_schema())


def place_of(at, widget_key: str) -> tuple[int, ...]:
    """Where the widget sits on the page: the index of each block on the way to it, then its own.

    Streamlit draws a widget whose place changed anew in the browser (emptying what is being typed).
    """
    found = _path_to(at.main, widget_key)
    if found is None:
        raise AssertionError(f"{widget_key} is not on the page")
    return found


def _path_to(node, widget_key: str) -> tuple[int, ...] | None:
    for index, child in getattr(node, "children", {}).items():
        if getattr(child, "key", None) == widget_key:
            return (index,)
        inner = _path_to(child, widget_key)
        if inner is not None:
            return (index, *inner)
    return None
