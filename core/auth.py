"""The credentials file and cookie key: created on first run, read and written under a lock."""

from __future__ import annotations

import copy
import os
import secrets
from pathlib import Path
from typing import Any

import bcrypt
import yaml
from filelock import FileLock

from core.settings import Settings
from core.storage import write_atomic

CREDENTIALS_FILE = "credentials.yaml"
COOKIE_KEY_FILE = "cookie.key"
LOCK_FILE = "credentials.lock"
# The per-user fields the authenticator changes in memory and that must reach the file.
USER_FIELDS = ("email", "first_name", "last_name", "password", "password_hint", "roles", "logged_in",
               "failed_login_attempts")

Credentials = dict[str, Any]


class AccountError(Exception):
    """A problem with an account, worded for the person."""


def _lock(root: Path) -> FileLock:
    return FileLock(root / LOCK_FILE, timeout=30)


def _write_yaml(path: Path, data: Credentials) -> None:
    write_atomic(path, yaml.safe_dump(data, sort_keys=True, allow_unicode=True).encode("utf-8"))


def ensure_setup(root: Path) -> None:
    """Create the data folder, an empty credentials file and a random cookie key, once."""
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    credentials, key = root / CREDENTIALS_FILE, root / COOKIE_KEY_FILE
    if credentials.exists() and key.exists():
        return
    with _lock(root):
        if not credentials.exists():
            _write_yaml(credentials, {"usernames": {}})
        if not key.exists():
            write_atomic(key, secrets.token_urlsafe(48).encode("ascii"))


def cookie_key(root: Path) -> str:
    """The installation's cookie signing key (64 characters from 48 random bytes)."""
    return (root / COOKIE_KEY_FILE).read_text("ascii").strip()


def credentials_version(root: Path) -> int:
    """Changes whenever the credentials file is replaced (its mtime in nanoseconds)."""
    return (root / CREDENTIALS_FILE).stat().st_mtime_ns


def load_credentials(root: Path) -> Credentials:
    """The credentials as the authenticator wants them: {"usernames": {name: record}}."""
    data = yaml.safe_load((root / CREDENTIALS_FILE).read_text("utf-8")) or {}
    users = data.get("usernames") or {}
    return {"usernames": {str(name).lower(): dict(record) for name, record in users.items()}}


def snapshot(credentials: Credentials) -> Credentials:
    """A deep copy to compare against later, to find what the authenticator changed."""
    return copy.deepcopy(credentials)


def changed_users(before: Credentials, after: Credentials) -> dict[str, dict[str, Any] | None]:
    """Users added, changed or removed between two snapshots (None means removed)."""
    old, new = before.get("usernames", {}), after.get("usernames", {})
    changes: dict[str, dict[str, Any] | None] = {name: None for name in old.keys() - new.keys()}
    for name, record in new.items():
        if old.get(name) != record:
            changes[name] = record
    return changes


def save_changes(root: Path, before: Credentials, after: Credentials) -> None:
    """Write only the users that changed, merged into the latest file, under the lock."""
    changes = changed_users(before, after)
    if not changes:
        return
    with _lock(root):
        latest = load_credentials(root)
        for name, record in changes.items():
            if record is None:
                latest["usernames"].pop(name, None)
            else:
                kept = {k: v for k, v in record.items() if k in USER_FIELDS}
                latest["usernames"][name] = latest["usernames"].get(name, {}) | kept
        _write_yaml(root / CREDENTIALS_FILE, latest)


def add_user(root: Path, username: str, record: dict[str, Any]) -> None:
    """Add a newly registered user unless someone took the name or email meanwhile."""
    username = username.lower()
    email = str(record.get("email", "")).lower()
    with _lock(root):
        latest = load_credentials(root)
        if username in latest["usernames"]:
            raise AccountError("That username is already taken. Please choose another one.")
        if email and any(str(r.get("email", "")).lower() == email for r in latest["usernames"].values()):
            raise AccountError("An account with that email already exists. Try signing in instead.")
        latest["usernames"][username] = {k: v for k, v in record.items() if k in USER_FIELDS}
        _write_yaml(root / CREDENTIALS_FILE, latest)


def remove_user(root: Path, username: str) -> None:
    """Delete one user's credentials entry; everyone else's stays as it is."""
    with _lock(root):
        latest = load_credentials(root)
        if latest["usernames"].pop(username.lower(), None) is not None:
            _write_yaml(root / CREDENTIALS_FILE, latest)


def password_matches(credentials: Credentials, username: str, password: str) -> bool:
    """Whether `password` is this user's (bcrypt check against the stored hash)."""
    record = credentials.get("usernames", {}).get(username.lower())
    if not record or not password:
        return False
    try:
        return bcrypt.checkpw(password.encode("utf-8"), str(record["password"]).encode("utf-8"))
    except (KeyError, ValueError):
        return False


def file_mode(path: Path) -> int:
    """The permission bits of a file, for checks that secrets stay private."""
    return os.stat(path).st_mode & 0o777


def authenticator_options(settings: Settings, root: Path) -> dict[str, Any]:
    """Keyword arguments for streamlit_authenticator.Authenticate, from files and settings."""
    return {
        "credentials": load_credentials(root),
        "cookie_name": settings.cookie_name,
        "cookie_key": cookie_key(root),
        "cookie_expiry_days": settings.cookie_expiry_days,
        "auto_hash": False,
        # The authenticator sleeps this long on every signed-out run; its cookie is read from
        # the request headers (st.context.cookies), so there is nothing to wait for.
        "login_sleep_time": 0,
    }
