"""Small AppTest helpers for the reliability tests: the app as someone, and everything it shows."""

from __future__ import annotations

import os
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.factories import add_person, files_store
from tests.sign_in_steps import login, register  # noqa: F401 - the reliability tests import them from here

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def app_as(username: str, name: str = "") -> AppTest:
    """The app with the sign-in gate passed (AppTest can't carry the cookie); not run yet.

    The person's account is made through the store first when there is none: the gate signs out
    a session whose account does not exist, and storage writes nothing for an unknown person.
    """
    store = files_store(os.environ["REBOUND_DATA_DIR"])
    if store.account(username) is None:
        add_person(store, username)
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = username
    at.session_state["name"] = name or username.title()
    at.session_state["auth.signed_in_at"] = time.time()  # as signing in records it
    return at


def signed_out_app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    return at


def everything_shown(at: AppTest) -> str:
    """Every element's message and every widget's value, main area and sidebar, as one string."""
    parts: list[str] = []

    def walk(node) -> None:
        for child in getattr(node, "children", {}).values():
            proto = getattr(child, "proto", None)
            if proto is not None:
                parts.append(str(proto))
            try:
                value = getattr(child, "value", None)
            except Exception:  # noqa: BLE001 - some elements have no value to read
                value = None
            if value is not None:
                parts.append(repr(value))
            walk(child)

    walk(at._tree)
    return "\n".join(parts)
