"""AppTest helpers: the app as a signed-in person, or at the sign-in gate."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def signed_in_app(username: str = "sam", name: str = "Sam Rivera") -> AppTest:
    """The app with the sign-in gate passed, as AppTest can't carry the cookie."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = username
    at.session_state["name"] = name
    return at


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
