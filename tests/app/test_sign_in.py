"""The sign-in page: Login and Create account, kind errors, and the operator's registration switch."""

from __future__ import annotations

import yaml
from streamlit.testing.v1 import AppTest

from core import auth, content
from tests.app.conftest import APP
from tests.sign_in_steps import login, register

PASSWORD = "Calm-Harbor-42"


def test_signed_out_visitor_sees_login_and_create_account(app_signed_out):
    at = app_signed_out
    assert [tab.label for tab in at.tabs] == ["Login", "Create account"]
    assert {b.label for b in at.button} >= {"Login", "Create account"}
    assert content.DISCLAIMER in [c.value for c in at.sidebar.caption]
    assert not at.exception


def test_creating_an_account_stores_only_a_bcrypt_hash(app_signed_out, data_dir):
    at = app_signed_out
    register(at, "sam", PASSWORD)
    assert content.REGISTERED in [s.value for s in at.success]
    stored = yaml.safe_load((data_dir / "credentials.yaml").read_text())["usernames"]["sam"]
    assert stored["password"].startswith("$2") and PASSWORD not in (data_dir / "credentials.yaml").read_text()
    assert auth.password_matches({"usernames": {"sam": stored}}, "sam", PASSWORD)
    assert not at.exception


def test_a_taken_username_gets_a_kind_message(app_signed_out):
    at = app_signed_out
    register(at, "sam", PASSWORD)
    register(at, "sam", PASSWORD, email="other@example.org")
    assert "That username is already taken. Please choose another one." in [e.value for e in at.error]
    assert not at.exception


def test_wrong_password_says_the_details_did_not_match(app_signed_out):
    at = app_signed_out
    register(at, "sam", PASSWORD)
    login(at, "sam", "Wrong-Password-1")
    assert content.LOGIN_FAILED in [e.value for e in at.error]
    assert not at.session_state["authentication_status"]
    assert not at.exception


def test_signing_in_opens_start_here(app_signed_out):
    at = app_signed_out
    register(at, "sam", PASSWORD)
    login(at, "sam", PASSWORD)
    assert at.session_state["authentication_status"] is True
    # AppTest stays on the page it last ran; the browser test covers the real hand-over.
    at.switch_page("pages/start.py").run()
    assert at.title[0].value == content.START_TITLE
    assert not at.exception


def test_an_account_made_in_another_tab_can_sign_in_from_a_tab_opened_earlier():
    early_tab = AppTest.from_file(APP, default_timeout=30)
    early_tab.run()  # its authenticator now holds a snapshot without "robin"
    other_tab = AppTest.from_file(APP, default_timeout=30)
    other_tab.run()
    register(other_tab, "robin", PASSWORD)
    login(early_tab, "robin", PASSWORD)
    assert early_tab.session_state["authentication_status"] is True
    assert not early_tab.exception


def test_operator_can_close_registration(monkeypatch):
    monkeypatch.setenv("REBOUND_ALLOW_REGISTRATION", "false")
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    assert content.REGISTRATION_CLOSED in [i.value for i in at.info]
    assert "Create account" not in [b.label for b in at.button]
    assert not at.exception


def test_only_listed_emails_may_register_when_a_list_is_set(monkeypatch, data_dir):
    monkeypatch.setenv("REBOUND_PREAUTHORIZED_EMAILS", "invited@example.org")
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    register(at, "stranger", PASSWORD, email="stranger@example.org")
    assert any("invited email" in e.value for e in at.error)
    register(at, "invited", PASSWORD, email="invited@example.org")
    assert content.REGISTERED in [s.value for s in at.success]
    users = yaml.safe_load((data_dir / "credentials.yaml").read_text())["usernames"]
    assert set(users) == {"invited"}
    assert not at.exception


def test_an_invited_email_may_register_whatever_its_case(monkeypatch, data_dir):
    monkeypatch.setenv("REBOUND_PREAUTHORIZED_EMAILS", "invited@example.org")
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    register(at, "invited", PASSWORD, email="Invited@Example.org")
    assert content.REGISTERED in [s.value for s in at.success]
    assert "invited" in yaml.safe_load((data_dir / "credentials.yaml").read_text())["usernames"]
    assert not at.exception
