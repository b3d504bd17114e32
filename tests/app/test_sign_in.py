"""The sign-in page: Sign in and Create account, kind errors, and the operator's registration switch."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from core import auth, content
from pages import _shell as shell
from tests.app.conftest import APP
from tests.factories import files_store
from tests.sign_in_steps import login, register

PASSWORD = "Calm-Harbor-42"


def fresh_tab() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    assert not at.exception
    return at


def counting_runs(monkeypatch) -> list:
    """A list that grows by one on every run of app.py (it draws its cookie slot once per run)."""
    runs = []
    slot = shell.cookie_slot
    monkeypatch.setattr(shell, "cookie_slot", lambda: runs.append(1) or slot())
    return runs


def test_signed_out_visitor_sees_sign_in_and_create_account_with_the_rules_up_front(app_signed_out):
    at = app_signed_out
    assert [tab.label for tab in at.tabs] == ["Sign in", "Create account"]
    assert {b.label for b in at.button} >= {"Sign in", "Create account"}
    assert content.DISCLAIMER in [c.value for c in at.sidebar.caption]
    assert {content.PASSWORD_RULES, content.USERNAME_RULES} <= {c.value for c in at.caption}
    assert not at.exception


def test_creating_an_account_signs_in_at_once_and_keeps_only_a_bcrypt_hash(
    app_signed_out, data_dir, monkeypatch
):
    at = app_signed_out
    runs = counting_runs(monkeypatch)
    register(at, "Li.Wei", PASSWORD, last_name="")
    assert at.session_state["authentication_status"] is True
    assert at.session_state["username"] == "li.wei"
    # The click's own run lands on Start here (no second run), saying what happened.
    assert content.REGISTERED_SIGNED_IN in [t.value for t in at.toast]
    assert at.title[0].value == content.START_TITLE
    assert len(runs) == 1
    assert at.session_state[shell.SIGNED_IN_AT] > 0
    account = files_store(data_dir).account("li.wei")
    assert account.password_hash.startswith("$2b$") and auth.verify_password(PASSWORD, account.password_hash)
    assert (account.first_name, account.last_name) == ("Sam", "")
    on_disk = b"".join(p.read_bytes() for p in data_dir.rglob("*") if p.is_file())
    assert PASSWORD.encode() not in on_disk
    assert not at.exception


def test_a_taken_username_or_email_gets_a_kind_message_beside_the_form(data_dir):
    register(fresh_tab(), "sam", PASSWORD)
    at = fresh_tab()
    register(at, "SAM", PASSWORD, email="other@example.org")
    assert content.STORAGE_MESSAGES["username_taken"] in [e.value for e in at.error]
    at = fresh_tab()
    register(at, "sammy", PASSWORD, email="Sam@Example.org")
    assert content.STORAGE_MESSAGES["email_taken"] in [e.value for e in at.error]
    at = fresh_tab()
    register(at, "sam@example.org", PASSWORD, email="third@example.org")  # someone's email as a username
    assert content.STORAGE_MESSAGES["username_taken"] in [e.value for e in at.error]
    assert not at.session_state["authentication_status"]
    assert files_store(data_dir).count_accounts() == 1


def test_each_broken_rule_is_said_beside_its_field_and_nothing_is_made(data_dir):
    at = fresh_tab()
    register(at, "a b", "short", email="not-an-email")
    errors = [e.value for e in at.error]
    for key in ("username", "password_short", "email"):
        assert content.REGISTER_PROBLEMS[key] in errors
    assert files_store(data_dir).count_accounts() == 0
    assert not at.exception


def test_wrong_password_says_the_details_did_not_match(data_dir):
    register(fresh_tab(), "sam", PASSWORD)
    at = fresh_tab()
    login(at, "sam", "Wrong-Password-1")
    assert content.LOGIN_FAILED in [e.value for e in at.error]
    assert not at.session_state["authentication_status"]
    assert files_store(data_dir).account("sam").failed_sign_ins == 1
    assert not at.exception


def test_signing_in_opens_start_here_on_the_click_and_writes_the_cookie_with_a_line_of_script(monkeypatch):
    register(fresh_tab(), "sam", PASSWORD)
    at = fresh_tab()
    runs = counting_runs(monkeypatch)
    login(at, "sam", PASSWORD)
    assert at.session_state["authentication_status"] is True
    # The password is checked before the click's run, which opens the app: no second run, and no
    # run waited for (a cookie component's answer once was).
    assert at.title[0].value == content.START_TITLE
    assert len(runs) == 1
    assert "login.password" not in at.session_state
    scripts = [element.proto.body for element in at.get("html") if "document.cookie" in element.proto.body]
    assert any(
        script.startswith(f'<script>document.cookie = "{shell.settings().cookie_name}=') for script in scripts
    )
    assert not at.get("component_instance")
    at.run()  # a later run writes no cookie again
    assert not [element for element in at.get("html") if "document.cookie" in element.proto.body]
    assert not at.exception


def test_an_account_made_in_another_tab_can_sign_in_from_a_tab_opened_earlier():
    early_tab = fresh_tab()
    register(fresh_tab(), "robin", PASSWORD)
    login(early_tab, "robin", PASSWORD)
    assert early_tab.session_state["authentication_status"] is True
    assert not early_tab.exception


def test_too_many_wrong_passwords_pause_the_account(monkeypatch, data_dir):
    register(fresh_tab(), "sam", PASSWORD)
    at = fresh_tab()
    for attempt in range(5):
        login(at, "sam", f"wrong-{attempt}")
    assert content.login_paused(15) in [e.value for e in at.error]
    login(at, "sam", PASSWORD)
    assert not at.session_state["authentication_status"]
    assert not at.exception


def test_operator_can_close_registration(monkeypatch):
    monkeypatch.setenv("REBOUND_ALLOW_REGISTRATION", "false")
    at = fresh_tab()
    assert content.REGISTRATION_CLOSED in [i.value for i in at.info]
    assert "Create account" not in [b.label for b in at.button]


def test_only_listed_emails_may_register_when_a_list_is_set(monkeypatch, data_dir):
    monkeypatch.setenv("REBOUND_PREAUTHORIZED_EMAILS", "invited@example.org")
    at = fresh_tab()
    register(at, "stranger", PASSWORD, email="stranger@example.org")
    assert content.NOT_INVITED in [e.value for e in at.error]
    register(at, "invited", PASSWORD, email="invited@example.org")
    assert at.session_state["authentication_status"] is True
    store = files_store(data_dir)
    assert (store.count_accounts(), store.account("stranger")) == (1, None)
    assert not at.exception


def test_an_invited_email_may_register_whatever_its_case(monkeypatch, data_dir):
    monkeypatch.setenv("REBOUND_PREAUTHORIZED_EMAILS", "invited@example.org")
    at = fresh_tab()
    register(at, "invited", PASSWORD, email="Invited@Example.org")
    assert at.session_state["authentication_status"] is True
    assert files_store(data_dir).account("invited").email == "Invited@Example.org"
    assert not at.exception


def test_with_sign_ins_not_remembered_signing_in_or_up_writes_no_sign_in_cookie(monkeypatch):
    monkeypatch.setenv("REBOUND_COOKIE_EXPIRY_DAYS", "0")
    cookie = f'document.cookie = "{shell.settings().cookie_name}='
    made = fresh_tab()
    register(made, "sam", PASSWORD)
    at = fresh_tab()
    login(at, "sam", PASSWORD)
    for tab in (made, at):
        assert tab.session_state["authentication_status"] is True
        assert not [element for element in tab.get("html") if cookie in element.proto.body]
        assert not tab.exception
