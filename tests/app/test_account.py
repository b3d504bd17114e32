"""Account page: details and password reach the credentials file; export; delete all my data."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import bcrypt
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from core import auth, content, export
from core.models import Intake, Vent
from core.storage import Store, user_id
from tests.app.conftest import APP, signed_in_app
from tests.app.through_router import through_router  # noqa: F401 - a fixture

pytestmark = pytest.mark.usefixtures("through_router")

PASSWORD = "Calm-Harbor-42"
NEW_PASSWORD = "Quiet-Lake-17"


@pytest.fixture
def people(data_dir):
    """Sam and Robin, each with an account and a setback."""
    auth.ensure_setup(data_dir)
    store = Store(data_dir)
    hashed = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=4)).decode()
    for name in ("sam", "robin"):
        record = {"email": f"{name}@example.org", "first_name": name.title(), "last_name": "Rivera"}
        auth.add_user(data_dir, name, record | {"password": hashed})
        setback = store.create(name, Intake(company=f"{name.title()} Co", heard_on=date(2025, 3, 1)))
        store.save_stage(name, setback.id, "vent", Vent(text=f"{name}'s private words"))
    return store


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


def test_a_changed_password_lands_in_the_credentials_file(people, data_dir):
    at = account_page()
    text_input(at, "Current password").input(PASSWORD)
    text_input(at, "New password").input(NEW_PASSWORD)
    text_input(at, "Repeat new password").input(NEW_PASSWORD)
    submit(at, "Change password")
    assert content.PASSWORD_SAVED in [s.value for s in at.success]
    on_disk = auth.load_credentials(data_dir)
    assert auth.password_matches(on_disk, "sam", NEW_PASSWORD)
    assert not auth.password_matches(on_disk, "sam", PASSWORD)
    assert auth.password_matches(on_disk, "robin", PASSWORD)  # nobody else's changed
    assert not at.exception


def test_a_wrong_current_password_changes_nothing_and_says_so(people, data_dir):
    at = account_page()
    text_input(at, "Current password").input("not-it")
    text_input(at, "New password").input(NEW_PASSWORD)
    text_input(at, "Repeat new password").input(NEW_PASSWORD)
    submit(at, "Change password")
    assert content.password_problem("Password is incorrect") in [e.value for e in at.error]
    assert auth.password_matches(auth.load_credentials(data_dir), "sam", PASSWORD)
    assert not at.exception


def test_a_weak_new_password_is_refused_with_the_rules(people, data_dir):
    at = account_page()
    text_input(at, "Current password").input(PASSWORD)
    text_input(at, "New password").input("short")
    text_input(at, "Repeat new password").input("short")
    submit(at, "Change password")
    assert any(e.value.startswith("That password needs a little more") for e in at.error)
    assert auth.password_matches(auth.load_credentials(data_dir), "sam", PASSWORD)
    assert not at.exception


def test_a_changed_email_lands_in_the_file_and_shows_at_once(people, data_dir):
    at = account_page()
    at.selectbox[0].set_value("Email")
    text_input(at, "New value").input("sam.new@example.org")
    submit(at, "Save change")
    assert content.DETAILS_SAVED in [s.value for s in at.success]
    assert auth.load_credentials(data_dir)["usernames"]["sam"]["email"] == "sam.new@example.org"
    assert "Signed in as Sam Rivera (sam) · sam.new@example.org" in [t.value for t in at.text]
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
    later = people.create("sam", Intake(company="Later Co", heard_on=date(2025, 4, 1)))
    data = make_zip()
    setbacks = export.read_zip(data)
    assert sorted(s.intake.company for s in setbacks) == ["Later Co", "Sam Co"]
    assert later in setbacks
    assert all(s == people.load("sam", s.id) for s in setbacks)
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
    assert len(people.list("sam").setbacks) == 1
    assert "sam" in auth.load_credentials(data_dir)["usernames"]
    assert at.session_state["authentication_status"] is True
    assert not at.exception


def test_delete_removes_exactly_this_person_signs_out_and_the_old_password_fails(people, data_dir):
    robin_before = people.list("robin").setbacks
    at = account_page()
    draft = f"draft.{people.list('sam').setbacks[0].id}.vent.text"
    at.session_state[draft] = "words typed but not saved"
    at.text_input(key="account.delete_confirm").input("sam")
    submit(at, content.DELETE_BUTTON)

    assert content.DELETED in [t.value for t in at.toast]
    assert at.session_state["authentication_status"] is None
    assert content.SIGN_IN_TITLE in [t.value for t in at.title]  # this very run shows the sign-in page
    assert not (data_dir / "users" / user_id("sam")).exists()
    # After the run has ended (and persisted credentials), Sam is still gone from the file.
    assert list(auth.load_credentials(data_dir)["usernames"]) == ["robin"]
    assert people.list("robin").setbacks == robin_before
    assert draft not in at.session_state
    assert "setback_id" not in at.session_state

    login = next(t for t in at.text_input if t.label == "Username")
    login.input("sam")
    next(t for t in at.text_input if t.label == "Password").input(PASSWORD)
    submit(at, "Login")
    assert content.LOGIN_FAILED in [e.value for e in at.error]
    assert not at.session_state["authentication_status"]
    assert list(auth.load_credentials(data_dir)["usernames"]) == ["robin"]
    assert not (data_dir / "users" / user_id("sam")).exists()
    assert not at.exception


def test_a_signed_in_robin_still_sees_robins_setback_after_sam_is_deleted(people, data_dir):
    at = account_page("sam")
    at.text_input(key="account.delete_confirm").input("sam")
    submit(at, content.DELETE_BUTTON)
    robin = AppTest.from_file(APP, default_timeout=30)
    robin.session_state["authentication_status"] = True
    robin.session_state["username"] = "robin"
    robin.session_state["name"] = "Robin Rivera"
    robin.run()
    assert "**Robin Co**" in [m.value for m in robin.markdown]
    assert not robin.exception


def test_a_deleted_person_is_not_written_back_even_when_the_file_time_does_not_move(
    people, data_dir, monkeypatch
):
    # On a coarse clock the credentials file's version can look unchanged after the delete;
    # the session's in-memory copy must still not bring Sam back.
    monkeypatch.setattr(auth, "credentials_version", lambda root: 1)
    at = account_page()
    at.text_input(key="account.delete_confirm").input("sam")
    submit(at, content.DELETE_BUTTON)
    at.run()
    assert list(auth.load_credentials(data_dir)["usernames"]) == ["robin"]
    assert not at.exception


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
    assert list(auth.load_credentials(data_dir)["usernames"]) == ["robin"]
    assert not other_tab.exception
