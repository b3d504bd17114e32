"""Issue 6.6: private secret files, a random cookie key, bcrypt-only passwords, limited sign-in attempts."""

from __future__ import annotations

import base64
import os
import re
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from core import auth, content
from tests.factories import files_store
from tests.reliability._apptest import login, register, signed_out_app
from tests.reliability._files import ACCOUNT_FILE, LAST_GOOD_FILE, person_folder

pytestmark = pytest.mark.reliability

PASSWORD = "Calm-Harbor-42"
WRONG = "Wrong-Harbor-41"
ATTEMPTS = 3
BCRYPT = re.compile(r"^\$2[aby]\$(\d\d)\$[./A-Za-z0-9]{53}$")


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def all_bytes(data_dir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in data_dir.rglob("*") if p.is_file())


def test_a_first_run_creates_private_secret_files_and_a_random_key(data_dir, tmp_path, monkeypatch):
    """About the files backend on disk: the data folder and the cookie key are the owner's only."""
    at = signed_out_app()
    assert not at.exception
    assert mode(data_dir) == 0o700
    for folder in ("users", "emails", "locks"):
        assert mode(data_dir / folder) == 0o700, folder
    assert mode(data_dir / "cookie.key") == 0o600
    key = auth.cookie_key(files_store(data_dir))
    assert (data_dir / "cookie.key").read_text().strip() == key
    assert len(base64.urlsafe_b64decode(key + "=" * (-len(key) % 4))) >= 32
    assert key not in auth.KNOWN_DEFAULT_KEYS
    # The authenticator signs cookies with exactly this key.
    cookie_model = at.session_state["authenticator"].cookie_controller.cookie_model
    assert cookie_model.cookie_key == key
    # Another installation gets another key.
    other = tmp_path / "other-installation"
    monkeypatch.setenv("REBOUND_DATA_DIR", str(other))
    assert not signed_out_app().exception
    assert auth.cookie_key(files_store(other)) != key


def test_a_password_registered_through_the_sign_in_page_is_stored_only_as_a_bcrypt_hash(data_dir):
    at = signed_out_app()
    register(at, "sam", PASSWORD)
    # Registering signs the person in at once, and says so.
    assert content.REGISTERED_SIGNED_IN in [t.value for t in at.toast]
    assert at.session_state["authentication_status"] is True and at.session_state["username"] == "sam"
    stored = files_store(data_dir).account("sam").password_hash
    assert BCRYPT.match(stored)
    assert int(BCRYPT.match(stored).group(1)) >= 10  # a real work factor
    assert auth.verify_password(PASSWORD, stored) and not auth.verify_password(WRONG, stored)
    assert PASSWORD.encode() not in all_bytes(data_dir)
    # The account's files are the owner's only (files backend on disk).
    folder = person_folder(data_dir, "sam")
    assert mode(folder) == 0o700
    assert mode(folder / ACCOUNT_FILE) == 0o600 and mode(folder / LAST_GOOD_FILE) == 0o600
    assert {mode(p) for p in (data_dir / "emails").iterdir()} == {0o600}
    assert not at.exception


def _fail(at, times: int) -> None:
    for _ in range(times):
        login(at, "sam", WRONG)


def test_sign_in_attempts_are_limited_with_a_clear_message_and_the_pause_ends(data_dir, monkeypatch, figures):
    monkeypatch.setenv("REBOUND_MAX_LOGIN_ATTEMPTS", str(ATTEMPTS))
    register(signed_out_app(), "sam", PASSWORD)  # that tab is signed in; the attempts come from another
    store = files_store(data_dir)
    at = signed_out_app()
    _fail(at, ATTEMPTS - 1)
    assert content.LOGIN_FAILED in [e.value for e in at.error]
    assert store.account("sam").failed_sign_ins == ATTEMPTS - 1
    # The last allowed wrong try is counted, and the pause starts with it, said as such.
    paused = content.login_paused(15)
    _fail(at, 1)
    assert paused in [e.value for e in at.error]
    record = store.account("sam")
    assert record.failed_sign_ins == ATTEMPTS
    assert abs(datetime.now(UTC) - record.failed_sign_in_at) < timedelta(minutes=1)

    # The right password is refused while paused, with a message that says so and for how long.
    login(at, "sam", PASSWORD)
    assert paused in [e.value for e in at.error]
    assert not at.session_state["authentication_status"]

    # Another tab (a fresh session) is paused too: the count lives in storage, not in memory.
    other_tab = signed_out_app()
    login(other_tab, "sam", PASSWORD)
    assert paused in [e.value for e in other_tab.error]
    assert not other_tab.session_state["authentication_status"]
    assert store.account("sam").failed_sign_ins == ATTEMPTS  # refusals while paused are not counted

    # Fifteen minutes after the last failed attempt the pause ends by itself.
    store.update_account("sam", failed_sign_in_at=datetime.now(UTC) - timedelta(minutes=15, seconds=1))
    login(at, "sam", PASSWORD)
    assert at.session_state["authentication_status"] is True
    record = store.account("sam")
    assert record.failed_sign_ins == 0 and record.failed_sign_in_at is None
    figures(max_login_attempts=ATTEMPTS, cool_down_minutes=15, refused_while_paused=2)
    assert not at.exception and not other_tab.exception


def test_failed_attempts_on_an_unknown_username_do_not_create_an_account(data_dir):
    at = signed_out_app()
    login(at, "nobody", WRONG)
    assert content.LOGIN_FAILED in [e.value for e in at.error]
    store = files_store(data_dir)
    assert store.account("nobody") is None and store.count_accounts() == 0
    assert not person_folder(data_dir, "nobody").exists()
    assert list((data_dir / "emails").iterdir()) == []
    assert not at.exception
