"""core.auth: private credentials and cookie key, locked merges that never lose a registration."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import bcrypt
import pytest
import yaml

from core import auth
from core.auth import (
    COOKIE_KEY_FILE,
    CREDENTIALS_FILE,
    AccountError,
    add_user,
    ensure_setup,
    load_credentials,
    remove_user,
    save_changes,
    snapshot,
)
from core.settings import Settings
from core.storage import TEMP_PREFIX

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def record(email: str, password: str = "Calm-Harbor-42", **extra) -> dict:
    hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=4)).decode()
    return {
        "email": email,
        "first_name": "Sam",
        "last_name": "Rivera",
        "password": hashed,
        "roles": None,
    } | extra


@pytest.fixture
def root(tmp_path):
    folder = tmp_path / "data"
    ensure_setup(folder)
    return folder


def file_users(root) -> dict:
    return yaml.safe_load((root / CREDENTIALS_FILE).read_text())["usernames"]


# -- first run ------------------------------------------------------------------------------


def test_first_run_creates_an_empty_credentials_file_readable_only_by_the_owner(root):
    assert auth.file_mode(root / CREDENTIALS_FILE) == 0o600
    assert load_credentials(root) == {"usernames": {}}
    assert root.stat().st_mode & 0o777 == 0o700


def test_the_cookie_key_is_random_long_and_private(tmp_path):
    keys = []
    for name in ("one", "two"):
        ensure_setup(tmp_path / name)
        keys.append(auth.cookie_key(tmp_path / name))
        assert auth.file_mode(tmp_path / name / COOKIE_KEY_FILE) == 0o600
    assert keys[0] != keys[1]
    assert all(len(key) >= auth.MIN_COOKIE_KEY_CHARS for key in keys)  # 48 random bytes, URL-safe
    assert not set(keys) & auth.KNOWN_DEFAULT_KEYS


def test_the_cookie_key_is_kept_across_starts_and_not_regenerated(root):
    key = auth.cookie_key(root)
    auth._checked.clear()  # a new process
    ensure_setup(root)
    ensure_setup(root)
    assert auth.cookie_key(root) == key


@pytest.mark.parametrize("weak", ["", "some_signature_key", "abcdef", "short-but-not-32-bytes"])
def test_a_weak_or_placeholder_cookie_key_is_replaced_on_the_next_start(root, weak):
    (root / COOKIE_KEY_FILE).write_text(weak)
    auth._checked.clear()
    ensure_setup(root)
    assert auth.cookie_key(root) != weak
    assert len(auth.cookie_key(root)) >= auth.MIN_COOKIE_KEY_CHARS


def test_loosened_permissions_are_made_private_again_on_the_next_start(root):
    (root / CREDENTIALS_FILE).chmod(0o644)
    (root / COOKIE_KEY_FILE).chmod(0o666)
    auth._checked.clear()
    ensure_setup(root)
    assert auth.file_mode(root / CREDENTIALS_FILE) == auth.file_mode(root / COOKIE_KEY_FILE) == 0o600


def test_temp_files_a_crash_left_in_the_data_folder_are_cleared_on_the_next_start(root):
    (root / f"{TEMP_PREFIX}abc").write_text("usernames: {half")
    auth._checked.clear()
    ensure_setup(root)
    assert list(root.glob(f"{TEMP_PREFIX}*")) == []
    assert load_credentials(root) == {"usernames": {}}


# -- registrations --------------------------------------------------------------------------


def test_a_registration_is_stored_under_the_lower_case_username_with_its_hash_only(root):
    add_user(root, "  Sam ", record("sam@example.org") | {"unexpected": "dropped"})
    stored = file_users(root)["sam"]
    assert stored["password"].startswith("$2b$")
    assert "unexpected" not in stored
    assert auth.password_matches(load_credentials(root), "SAM", "Calm-Harbor-42")
    assert not auth.password_matches(load_credentials(root), "sam", "wrong")
    assert auth.file_mode(root / CREDENTIALS_FILE) == 0o600


def test_eight_registrations_at_once_all_survive(root):
    start = threading.Barrier(8)
    errors: list[BaseException] = []

    def register(index: int) -> None:
        start.wait()
        try:
            add_user(root, f"user{index}", record(f"user{index}@example.org"))
        except BaseException as error:  # noqa: BLE001 - collected and reported below
            errors.append(error)

    threads = [threading.Thread(target=register, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(file_users(root)) == [f"user{i}" for i in range(8)]


def test_a_taken_username_or_email_is_refused(root):
    add_user(root, "sam", record("sam@example.org"))
    with pytest.raises(AccountError, match="username is already taken"):
        add_user(root, "SAM", record("other@example.org"))
    with pytest.raises(AccountError, match="email already exists"):
        add_user(root, "samuel", record("SAM@example.org"))
    assert list(file_users(root)) == ["sam"]


def test_a_username_that_would_share_a_data_folder_with_another_is_refused(root):
    add_user(root, "straße", record("a@example.org"))
    with pytest.raises(AccountError, match="already taken"):
        add_user(root, "STRASSE", record("b@example.org"))


def test_an_empty_username_is_refused(root):
    with pytest.raises(AccountError):
        add_user(root, "   ", record("a@example.org"))


@pytest.mark.parametrize("username", ["null", "yes", "123", "~", "true", "1e3", "- x", "a: b", "🙂"])
def test_usernames_yaml_would_misread_stay_strings(root, username):
    add_user(root, username, record("x@example.org"))
    assert list(load_credentials(root)["usernames"]) == [username]


# -- merging what a session changed ---------------------------------------------------------


def test_save_changes_writes_only_the_users_this_session_changed_into_the_latest_file(root):
    add_user(root, "alice", record("alice@example.org"))
    add_user(root, "bob", record("bob@example.org"))
    session = load_credentials(root)
    before = snapshot(session)
    # Meanwhile another session registers carol and bob changes his email.
    add_user(root, "carol", record("carol@example.org"))
    latest = load_credentials(root)
    latest["usernames"]["bob"]["email"] = "bob@new.example.org"
    save_changes(root, load_credentials(root), latest)
    # This session records a failed sign-in for alice; its copy of bob is stale.
    session["usernames"]["alice"]["failed_login_attempts"] = 1
    save_changes(root, before, session, now=NOW)
    users = file_users(root)
    assert sorted(users) == ["alice", "bob", "carol"]
    assert users["alice"]["failed_login_attempts"] == 1
    assert users["bob"]["email"] == "bob@new.example.org"


def test_save_changes_merges_field_by_field_so_a_stale_copy_never_brings_an_old_password_back(root):
    add_user(root, "alice", record("alice@example.org", password="Old-Password-1"))
    session = load_credentials(root)
    before = snapshot(session)
    other = load_credentials(root)
    other["usernames"]["alice"]["password"] = record("x", password="New-Password-2")["password"]
    save_changes(root, load_credentials(root), other)
    session["usernames"]["alice"]["failed_login_attempts"] = 1
    save_changes(root, before, session, now=NOW)
    latest = load_credentials(root)
    assert auth.password_matches(latest, "alice", "New-Password-2")
    assert latest["usernames"]["alice"]["failed_login_attempts"] == 1


def test_save_changes_with_nothing_changed_leaves_the_file_alone(root):
    add_user(root, "alice", record("alice@example.org"))
    version = auth.credentials_version(root)
    session = load_credentials(root)
    save_changes(root, snapshot(session), session)
    assert auth.credentials_version(root) == version


def test_remove_user_removes_exactly_that_one(root):
    for name in ("alice", "bob", "carol"):
        add_user(root, name, record(f"{name}@example.org"))
    remove_user(root, "BOB")
    remove_user(root, "nobody")
    assert sorted(file_users(root)) == ["alice", "carol"]


# -- failed sign-ins and the cool-down ------------------------------------------------------


def test_a_newly_counted_failed_sign_in_is_time_stamped_in_the_file_and_in_memory(root):
    add_user(root, "alice", record("alice@example.org"))
    session = load_credentials(root)
    before = snapshot(session)
    session["usernames"]["alice"]["failed_login_attempts"] = 1
    save_changes(root, before, session, now=NOW)
    assert file_users(root)["alice"]["failed_login_at"] == NOW.isoformat()
    assert session["usernames"]["alice"]["failed_login_at"] == NOW.isoformat()


def test_a_successful_sign_in_clears_the_count_and_its_time(root):
    add_user(
        root, "alice", record("alice@example.org", failed_login_attempts=3, failed_login_at=NOW.isoformat())
    )
    session = load_credentials(root)
    before = snapshot(session)
    session["usernames"]["alice"]["failed_login_attempts"] = 0
    session["usernames"]["alice"]["logged_in"] = True
    save_changes(root, before, session, now=NOW)
    stored = file_users(root)["alice"]
    assert stored["failed_login_attempts"] == 0 and "failed_login_at" not in stored


@pytest.mark.parametrize(
    ("minutes_ago", "lifted"), [(0, False), (14, False), (15, True), (60 * 24, True)], ids=str
)
def test_failed_attempts_stop_counting_fifteen_minutes_after_the_last_one(minutes_ago, lifted):
    at = (NOW - timedelta(minutes=minutes_ago)).isoformat()
    credentials = {"usernames": {"alice": {"failed_login_attempts": 5, "failed_login_at": at}}}
    assert auth.lift_expired_lockouts(credentials, now=NOW) == (["alice"] if lifted else [])
    assert credentials["usernames"]["alice"]["failed_login_attempts"] == (0 if lifted else 5)


def test_a_count_without_a_time_from_before_the_cool_down_existed_is_lifted():
    credentials = {"usernames": {"alice": {"failed_login_attempts": 5}, "bob": {"failed_login_attempts": 0}}}
    assert auth.lift_expired_lockouts(credentials, now=NOW) == ["alice"]


def test_the_cool_down_follows_the_setting():
    credentials = {
        "usernames": {
            "a": {"failed_login_attempts": 5, "failed_login_at": (NOW - timedelta(minutes=3)).isoformat()}
        }
    }
    assert auth.lift_expired_lockouts(credentials, now=NOW, cool_down=timedelta(minutes=2)) == ["a"]


def test_the_failed_sign_in_time_is_one_of_the_fields_that_reach_the_file():
    assert "failed_login_at" in auth.USER_FIELDS and "failed_login_attempts" in auth.USER_FIELDS


def test_authenticator_options_carry_the_installations_key_and_no_password_sleep(root):
    options = auth.authenticator_options(Settings(), root)
    assert options["cookie_key"] == auth.cookie_key(root)
    assert options["auto_hash"] is False
    assert options["credentials"] == {"usernames": {}}
