"""The operator's registration switch also works from .streamlit/secrets.toml ([rebound] table)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from core import content
from tests.app.conftest import APP
from tests.app.test_sign_in import PASSWORD
from tests.factories import files_store
from tests.sign_in_steps import register


def test_registration_closed_in_secrets_shows_the_message_and_no_form():
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets["rebound"] = {"allow_registration": False}
    at.run()
    assert content.REGISTRATION_CLOSED in [i.value for i in at.info]
    assert "Create account" not in [b.label for b in at.button]
    assert not at.exception


def test_an_invitation_list_in_secrets_lets_only_listed_emails_register(data_dir):
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets["rebound"] = {"preauthorized_emails": ["invited@example.org"]}
    at.run()
    assert content.REGISTRATION_LISTED in [c.value for c in at.caption]
    register(at, "stranger", PASSWORD, email="stranger@example.org")
    assert any("invited email" in e.value for e in at.error)
    register(at, "invited", PASSWORD, email="invited@example.org")
    assert at.session_state["authentication_status"] is True
    store = files_store(data_dir)
    assert (store.count_accounts(), store.account("invited").email) == (1, "invited@example.org")
    assert not at.exception


def test_environment_variables_win_over_secrets(monkeypatch):
    monkeypatch.setenv("REBOUND_ALLOW_REGISTRATION", "false")
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets["rebound"] = {"allow_registration": True}
    at.run()
    assert content.REGISTRATION_CLOSED in [i.value for i in at.info]
    assert not at.exception
