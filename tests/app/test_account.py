"""Account page: details and password reach the account record; export; delete all my data."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from core import auth, content, data_zip
from core.models import Intake, Vent
from core.storage import Person, user_id
from pages import _shell as shell
from tests.app.conftest import signed_in_app
from tests.factories import PASSWORD, add_person, files_store

NEW_PASSWORD = "Quiet-Lake-17"
SAM, ROBIN = Person("sam"), Person("robin")


@pytest.fixture
def people(data_dir):
    """Sam and Robin, each with an account and a setback."""
    store = files_store(data_dir)
    for name in ("sam", "robin"):
        person = add_person(store, name, first_name=name.title())
        setback = store.create(person, Intake(company=f"{name.title()} Co", heard_on=date(2025, 3, 1)))
        store.save_stage(person, setback.id, "vent", Vent(text=f"{name}'s private words"))
    return store


def password_is(data_dir, username: str, password: str) -> bool:
    return auth.verify_password(password, files_store(data_dir).account(username).password_hash)


def account_page(username: str = "sam") -> AppTest:
    at = signed_in_app(username, name=f"{username.title()} Rivera")
    at.run()
    at.switch_page("pages/account.py")
    at.run()
    assert not at.exception
    return at


def submit(at: AppTest, label: str) -> None:
    next(b for b in at.button if b.label == label).click().run()


def text_input(at: AppTest, label: str):
    return next(t for t in at.text_input if t.label == label)


def test_the_page_shows_the_persons_name_email_and_username(people):
    at = account_page()
    assert "Signed in as Sam Rivera (sam) · sam@example.org" in [t.value for t in at.text]
    assert not at.exception


def test_a_changed_password_is_saved_and_ends_other_sign_ins_but_not_this_one(people, data_dir):
    other_tab = signed_in_app("sam")
    other_tab.session_state[shell.SIGNED_IN_AT] = 1.0  # signed in long before
    other_tab.run()
    at = account_page()
    text_input(at, "Current password").input(PASSWORD)
    text_input(at, "New password").input(NEW_PASSWORD)
    text_input(at, "Repeat new password").input(NEW_PASSWORD)
    submit(at, "Change password")
    assert content.PASSWORD_SAVED in [s.value for s in at.success]
    assert password_is(data_dir, "sam", NEW_PASSWORD)
    assert not password_is(data_dir, "sam", PASSWORD)
    assert password_is(data_dir, "robin", PASSWORD)  # nobody else's changed
    at.run()
    assert at.session_state["authentication_status"] is True
    other_tab.run()
    assert not other_tab.session_state["authentication_status"]
    assert content.SIGNED_OUT_ELSEWHERE in [t.value for t in other_tab.toast]
    assert not at.exception and not other_tab.exception


def test_a_wrong_current_password_changes_nothing_and_says_so(people, data_dir):
    at = account_page()
    text_input(at, "Current password").input("not-it")
    text_input(at, "New password").input(NEW_PASSWORD)
    text_input(at, "Repeat new password").input(NEW_PASSWORD)
    submit(at, "Change password")
    assert content.PASSWORD_PROBLEMS["current"] in [e.value for e in at.error]
    assert password_is(data_dir, "sam", PASSWORD)
    assert not at.exception


def test_a_weak_new_password_is_refused_with_the_rules(people, data_dir):
    at = account_page()
    text_input(at, "Current password").input(PASSWORD)
    text_input(at, "New password").input("short")
    text_input(at, "Repeat new password").input("short")
    submit(at, "Change password")
    assert content.REGISTER_PROBLEMS["password_short"] in [e.value for e in at.error]
    assert password_is(data_dir, "sam", PASSWORD)
    assert not at.exception


def test_a_changed_email_is_saved_and_shows_at_once(people, data_dir):
    at = account_page()
    text_input(at, "Email").input("sam.new@example.org")
    text_input(at, "Last name (optional)").input("")
    submit(at, "Save details")
    assert content.DETAILS_SAVED in [s.value for s in at.success]
    account = files_store(data_dir).account("sam")
    assert (account.email, account.last_name) == ("sam.new@example.org", "")
    assert files_store(data_dir).account_by_email("sam.new@example.org").username == "sam"
    assert "Signed in as Sam (sam) · sam.new@example.org" in [t.value for t in at.text]
    assert not at.exception


def test_an_email_another_account_has_is_refused_kindly(people, data_dir):
    at = account_page()
    text_input(at, "Email").input("ROBIN@example.org")
    submit(at, "Save details")
    assert content.STORAGE_MESSAGES["email_taken"] in [e.value for e in at.error]
    assert files_store(data_dir).account("sam").email == "sam@example.org"
    assert not at.exception


def test_the_export_button_hands_over_a_zip_of_everything_saved_when_clicked(people, monkeypatch):
    clicked = []
    original = MediaFileManager.add_deferred

    def capture(self, data_callable, *args, **kwargs):
        clicked.append((data_callable, args, kwargs))
        return original(self, data_callable, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", capture)
    at = account_page()
    [button] = at.get("download_button")
    assert button.label == content.EXPORT_BUTTON
    [(make_zip, args, kwargs)] = clicked
    assert args[0] == "application/zip"
    assert kwargs["file_name"].startswith("rebound-export-") and kwargs["file_name"].endswith(".zip")
    # Saved after the page was drawn, still in the zip: it is built on click.
    later = people.create(SAM, Intake(company="Later Co", heard_on=date(2025, 4, 1)))
    data = make_zip()
    setbacks = data_zip.read_zip(data)
    assert sorted(s.intake.company for s in setbacks) == ["Later Co", "Sam Co"]
    assert later in setbacks
    assert all(s == people.load(SAM, s.id) for s in setbacks)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "rebound-export/README.txt" in names
    account = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("rebound-export/account.json"))
    assert account == {
        "username": "sam",
        "first_name": "Sam",
        "last_name": "Rivera",
        "email": "sam@example.org",
    }
    assert b"robin" not in data.lower()
    assert not at.exception


def test_delete_needs_the_username_typed_and_otherwise_deletes_nothing(people, data_dir):
    at = account_page()
    at.text_input(key="account.delete_confirm").input("DELETE")
    submit(at, content.DELETE_BUTTON)
    assert content.DELETE_MISMATCH in [e.value for e in at.error]
    assert len(people.list(SAM).setbacks) == 1
    assert files_store(data_dir).account("sam") is not None
    assert at.session_state["authentication_status"] is True
    assert not at.exception


def test_delete_removes_exactly_this_person_signs_out_and_the_old_password_fails(people, data_dir):
    robin_before = people.list(ROBIN).setbacks
    at = account_page()
    draft = f"draft.{people.list(SAM).setbacks[0].id}.vent.text"
    at.session_state[draft] = "words typed but not saved"
    at.text_input(key="account.delete_confirm").input("sam")
    submit(at, content.DELETE_BUTTON)

    assert content.DELETED in [t.value for t in at.toast]
    assert at.session_state["authentication_status"] is None
    assert content.SIGN_IN_TITLE in [t.value for t in at.title]  # this very run shows the sign-in page
    assert not (data_dir / "users" / user_id("sam")).exists()
    assert files_store(data_dir).account("sam") is None
    assert files_store(data_dir).count_accounts() == 1
    assert people.list(ROBIN).setbacks == robin_before
    assert draft not in at.session_state
    assert "setback_id" not in at.session_state

    login = next(t for t in at.text_input if t.label == "Username")
    login.input("sam")
    next(t for t in at.text_input if t.label == "Password").input(PASSWORD)
    submit(at, "Sign in")
    assert content.LOGIN_FAILED in [e.value for e in at.error]
    assert not at.session_state["authentication_status"]
    assert files_store(data_dir).account("sam") is None
    assert not (data_dir / "users" / user_id("sam")).exists()
    assert not at.exception


def test_a_signed_in_robin_still_sees_robins_setback_after_sam_is_deleted(people, data_dir):
    at = account_page("sam")
    at.text_input(key="account.delete_confirm").input("sam")
    submit(at, content.DELETE_BUTTON)
    robin = signed_in_app("robin", name="Robin Rivera")
    robin.run()
    assert "**Robin Co**" in [m.value for m in robin.markdown]
    assert not robin.exception


def test_another_open_tab_of_the_deleted_person_is_signed_out_and_writes_nothing(people, data_dir):
    other_tab = signed_in_app("sam")
    other_tab.run()
    at = account_page()
    at.text_input(key="account.delete_confirm").input("sam")
    submit(at, content.DELETE_BUTTON)
    assert [t.value for t in at.toast] == [content.DELETED]

    other_tab.run()
    assert not other_tab.session_state["authentication_status"]
    assert content.ACCOUNT_GONE in [t.value for t in other_tab.toast]
    assert content.SIGN_IN_TITLE in [t.value for t in other_tab.title]
    assert not (data_dir / "users" / user_id("sam")).exists()  # its run did not recreate the folder
    assert files_store(data_dir).account("sam") is None
    assert not other_tab.exception
