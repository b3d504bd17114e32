"""A fixture that makes AppTest run app.py (the router) on every run, as the real server does.

Streamlit sees the `pages/` folder and, in a fresh PagesManager, falls back to its old
folder-based multipage mode until `st.navigation` has been called once. A real server calls it
on the session's first run and never looks back; AppTest builds a fresh PagesManager for every
run, so after `switch_page` it runs the page file alone: no sign-in gate, no sidebar, no
keep_drafts() and no persist_credentials() (and pages/_shell.through_router would start each
such run again, dropping its clicks). tests/conftest.py applies this fixture to every test.
"""

from __future__ import annotations

import pytest
from streamlit.runtime.pages_manager import PagesManager


@pytest.fixture
def through_router(monkeypatch):
    """Every AppTest run goes through app.py, like every run after the first on a real server."""
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)
