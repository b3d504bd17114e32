"""Issue 6.6: private secret files, a random cookie key, bcrypt-only passwords, limited sign-in attempts."""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime, timedelta

import pytest
import yaml

from core import auth, content
from tests.reliability._apptest import login, register, signed_out_app

pytestmark = pytest.mark.reliability

PASSWORD = "Calm-Harbor-42"
WRONG = "Wrong-Harbor-41"
ATTEMPTS = 3
BCRYPT = re.compile(r"^\$2[aby]\$(\d\d)\$[./A-Za-z0-9]{53}$")


def users(data_dir) -> dict:
    return yaml.safe_load((data_dir / auth.CREDENTIALS_FILE).read_text())["usernames"]


def all_bytes(data_dir) -> bytes:
    return b"".join(p.read_bytes() for p in data_dir.rglob("*") if p.is_file())


def test_a_first_run_creates_private_secret_files_and_a_random_key(data_dir, tmp_path, monkeypatch):
    at = signed_out_app()
    assert not at.exception
    assert data_dir.stat().st_mode & 0o777 == 0o700
    assert auth.file_mode(data_dir / auth.CREDENTIALS_FILE) == 0o600
    assert auth.file_mode(data_dir / auth.COOKIE_KEY_FILE) == 0o600
    key = auth.cookie_key(data_dir)
    assert len(base64.urlsafe_b64decode(key + "=" * (-len(key) % 4))) >= 32
    assert key not in auth.KNOWN_DEFAULT_KEYS
    # The authenticator signs cookies with exactly this key.
    cookie_model = at.session_state["authenticator"].cookie_controller.cookie_model
    assert cookie_model.cookie_key == key
    # Another installation gets another key.
    other = tmp_path / "other-installation"
    monkeypatch.setenv("REBOUND_DATA_DIR", str(other))
    assert not signed_out_app().exception
    assert auth.cookie_key(other) != key


def test_a_password_registered_through_the_sign_in_page_is_stored_only_as_a_bcrypt_hash(data_dir):
    at = signed_out_app()
    register(at, "sam", PASSWORD)
    assert content.REGISTERED in [s.value for s in at.success]
    stored = users(data_dir)["sam"]
    assert BCRYPT.match(stored["password"])
    assert int(BCRYPT.match(stored["password"]).group(1)) >= 10  # a real work factor
    assert PASSWORD.encode() not in all_bytes(data_dir)
    assert auth.file_mode(data_dir / auth.CREDENTIALS_FILE) == 0o600
    assert not at.exception


def _fail(at, times: int) -> None:
    for _ in range(times):
        login(at, "sam", WRONG)


def test_sign_in_attempts_are_limited_with_a_clear_message_and_the_pause_ends(data_dir, monkeypatch, figures):
    monkeypatch.setenv("REBOUND_MAX_LOGIN_ATTEMPTS", str(ATTEMPTS))
    at = signed_out_app()
    register(at, "sam", PASSWORD)
    _fail(at, ATTEMPTS)
    assert content.LOGIN_FAILED in [e.value for e in at.error]
    assert users(data_dir)["sam"]["failed_login_attempts"] == ATTEMPTS
    paused_at = datetime.fromisoformat(users(data_dir)["sam"]["failed_login_at"])
    assert abs(datetime.now(UTC) - paused_at) < timedelta(minutes=1)

    # The right password is refused while paused, with a message that says so and for how long.
    login(at, "sam", PASSWORD)
    paused = content.login_paused(15)
    assert paused in [e.value for e in at.error]
    assert not at.session_state["authentication_status"]

    # Another tab (a fresh session) is paused too: the count lives in the file, not in memory.
    other_tab = signed_out_app()
    login(other_tab, "sam", PASSWORD)
    assert paused in [e.value for e in other_tab.error]
    assert not other_tab.session_state["authentication_status"]

    # Fifteen minutes after the last failed attempt the pause ends by itself.
    record = users(data_dir)
    record["sam"]["failed_login_at"] = (datetime.now(UTC) - timedelta(minutes=15, seconds=1)).isoformat()
    (data_dir / auth.CREDENTIALS_FILE).write_text(yaml.safe_dump({"usernames": record}))
    login(at, "sam", PASSWORD)
    assert at.session_state["authentication_status"] is True
    assert users(data_dir)["sam"]["failed_login_attempts"] == 0
    assert "failed_login_at" not in users(data_dir)["sam"]
    figures(max_login_attempts=ATTEMPTS, cool_down_minutes=15, refused_while_paused=2)
    assert not at.exception and not other_tab.exception


def test_failed_attempts_on_an_unknown_username_do_not_create_an_account(data_dir):
    at = signed_out_app()
    login(at, "nobody", WRONG)
    assert content.LOGIN_FAILED in [e.value for e in at.error]
    assert "nobody" not in users(data_dir)
    assert not at.exception
