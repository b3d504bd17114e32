"""The credentials file and cookie key: created on first run, read and written under a lock."""

from __future__ import annotations

import copy
import os
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import bcrypt
import jwt
import yaml
from filelock import FileLock, Timeout

from core.settings import Settings
from core.storage import LOCK_POLL_S, TEMP_PREFIX, user_id, write_atomic

CREDENTIALS_FILE = "credentials.yaml"
COOKIE_KEY_FILE = "cookie.key"
LOCK_FILE = "credentials.lock"
# The per-user fields the authenticator changes in memory and that must reach the file.
USER_FIELDS = (
    "email",
    "first_name",
    "last_name",
    "password",
    "password_hint",
    "roles",
    "logged_in",
    "failed_login_attempts",
    # When the last failed attempt was counted (ISO 8601, UTC): the count restarts after a cool-down.
    "failed_login_at",
)
COOL_DOWN = timedelta(minutes=15)
# A cookie key shorter than 32 random bytes (43 URL-safe characters), or one of the placeholders
# people copy from examples, would let anyone forge a session cookie: such a key is replaced.
MIN_COOKIE_KEY_CHARS = 43
KNOWN_DEFAULT_KEYS = frozenset(
    {"", "some_signature_key", "random_signature_key", "abcdef", "secret", "changeme", "key"}
)

Credentials = dict[str, Any]


class AccountError(Exception):
    """A problem with an account, worded for the person."""


@contextmanager
def _lock(root: Path) -> Iterator[None]:
    """The credentials lock; waiting too long for it becomes an AccountError, not a crash."""
    lock = FileLock(root / LOCK_FILE, timeout=30, poll_interval=LOCK_POLL_S)
    try:
        lock.acquire()
    except Timeout:
        raise AccountError("Rebound is busy with another sign-in just now. Please try again.") from None
    try:
        yield
    finally:
        lock.release()


def _write_yaml(path: Path, data: Credentials) -> None:
    """Replace the credentials file atomically; a failed write (a full disk) becomes an AccountError."""
    try:
        write_atomic(path, yaml.safe_dump(data, sort_keys=True, allow_unicode=True).encode("utf-8"))
    except OSError as error:
        raise AccountError(
            "Your account details could not be saved because the data folder could not be written "
            f"({error.strerror or error.__class__.__name__}). Nothing was changed: please try again "
            "in a moment."
        ) from error


# Data folders this process has already checked (first call per process does the full check).
_checked: set[Path] = set()


def _weak_key(path: Path) -> bool:
    try:
        key = path.read_text("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return True
    return len(key) < MIN_COOKIE_KEY_CHARS or key in KNOWN_DEFAULT_KEYS


def ensure_setup(root: Path) -> None:
    """Create the data folder, an empty credentials file and a random cookie key, once.

    The first call in a process also clears temp files a crash left behind, replaces a weak
    cookie key and makes both files private again if someone loosened their permissions.
    """
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    credentials, key = root / CREDENTIALS_FILE, root / COOKIE_KEY_FILE
    if root in _checked and credentials.exists() and key.exists():
        return
    with _lock(root):
        for leftover in root.glob(f"{TEMP_PREFIX}*"):
            with suppress(OSError):
                leftover.unlink()
        if not credentials.exists():
            _write_yaml(credentials, {"usernames": {}})
        if not key.exists() or _weak_key(key):
            write_atomic(key, secrets.token_urlsafe(48).encode("ascii"))
        for path in (credentials, key):
            if file_mode(path) != 0o600:
                os.chmod(path, 0o600)
    _checked.add(root)


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


def _stamp_failures(old: dict[str, Any], new: dict[str, Any], now: datetime) -> None:
    """Note when a failed sign-in was counted, so the pause can end; forget it once the count resets."""
    old_count = int(old.get("failed_login_attempts") or 0)
    new_count = int(new.get("failed_login_attempts") or 0)
    if new_count > old_count:
        new["failed_login_at"] = now.astimezone(UTC).isoformat(timespec="seconds")
    elif new_count == 0:
        new.pop("failed_login_at", None)


def save_changes(root: Path, before: Credentials, after: Credentials, now: datetime | None = None) -> None:
    """Write only the fields that changed, of the users that changed, into the latest file, under the lock.

    Field by field, so a session holding an older copy of someone (say, before a password change
    in another tab) can record a failed attempt without bringing the old password back. A newly
    counted failed attempt is time-stamped here, in the file and in `after`, for the cool-down.
    """
    changes = changed_users(before, after)
    if not changes:
        return
    now = now or datetime.now(UTC)
    old_users = before.get("usernames", {})
    with _lock(root):
        latest = load_credentials(root)
        for name, record in changes.items():
            if record is None:
                latest["usernames"].pop(name, None)
                continue
            old = old_users.get(name)
            _stamp_failures(old or {}, record, now)
            merged = dict(latest["usernames"].get(name, {}))
            for key in USER_FIELDS:
                if key in record and (old is None or record[key] != old.get(key)):
                    merged[key] = record[key]
                elif key not in record and old is not None and key in old:
                    merged.pop(key, None)
            latest["usernames"][name] = merged
        _write_yaml(root / CREDENTIALS_FILE, latest)


def _counted_at(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError:
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def lift_expired_lockouts(
    credentials: Credentials, now: datetime | None = None, cool_down: timedelta = COOL_DOWN
) -> list[str]:
    """Let failed sign-in attempts stop counting once `cool_down` has passed since the last one.

    The authenticator pauses an account for good after `max_login_attempts`; calling this before
    its login form turns that into a pause of `cool_down`. Changes `credentials` in place (the
    authenticator holds that very dict) and returns the users whose count was reset. A count
    without a time (written before the cool-down existed) is treated as expired.
    """
    now = now or datetime.now(UTC)
    lifted = []
    for name, record in credentials.get("usernames", {}).items():
        if not record.get("failed_login_attempts"):
            continue
        counted_at = _counted_at(record.get("failed_login_at"))
        if counted_at is None or now - counted_at >= cool_down:
            record["failed_login_attempts"] = 0
            record.pop("failed_login_at", None)
            lifted.append(name)
    return lifted


def canonical_username(username: str) -> str:
    """The form the authenticator keys accounts by: trimmed and lower-case."""
    return username.strip().lower()


def add_user(root: Path, username: str, record: dict[str, Any]) -> None:
    """Add a newly registered user unless someone took the name or email meanwhile."""
    username = canonical_username(username)
    if not username:
        raise AccountError("Please choose a username.")
    email = str(record.get("email", "")).lower()
    with _lock(root):
        latest = load_credentials(root)
        # Also refuse a name that differs only in ways the data folder can't tell apart
        # ("straße" and "strasse"), so two people never share one folder.
        folder = user_id(username)
        if username in latest["usernames"] or any(user_id(name) == folder for name in latest["usernames"]):
            raise AccountError("That username is already taken. Please choose another one.")
        if email and any(str(r.get("email", "")).lower() == email for r in latest["usernames"].values()):
            raise AccountError("An account with that email already exists. Try signing in instead.")
        kept = {k: v for k, v in record.items() if k in USER_FIELDS}
        # A cookie left in a browser by an earlier account of the same name must not open this one.
        latest["usernames"][username] = kept | {"signed_out_at": time.time()}
        _write_yaml(root / CREDENTIALS_FILE, latest)


def remove_user(root: Path, username: str) -> None:
    """Delete one user's credentials entry; everyone else's stays as it is."""
    with _lock(root):
        latest = load_credentials(root)
        if latest["usernames"].pop(canonical_username(username), None) is not None:
            _write_yaml(root / CREDENTIALS_FILE, latest)


def password_matches(credentials: Credentials, username: str, password: str) -> bool:
    """Whether `password` is this user's (bcrypt check against the stored hash)."""
    record = credentials.get("usernames", {}).get(canonical_username(username))
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


def mark_signed_out(root: Path, username: str, when: float) -> None:
    """Remember when a person signed out, so a sign-in cookie issued before then stops working.

    The browser deletes the cookie a moment after "Sign out"; a tab closed within that moment
    would otherwise still be signed in next time.
    """
    with _lock(root):
        latest = load_credentials(root)
        record = latest["usernames"].get(username.lower())
        if record is not None:
            record["signed_out_at"] = when
            _write_yaml(root / CREDENTIALS_FILE, latest)


def cookie_issued_after_sign_out(credentials: Credentials, token: str, key: str, expiry_days: float) -> bool:
    """Whether a sign-in cookie is genuine and newer than its owner's last sign-out."""
    try:
        payload = jwt.decode(token, key, algorithms=["HS256"])
        username, expires = str(payload["username"]).lower(), float(payload["exp_date"])
    except (jwt.PyJWTError, KeyError, TypeError, ValueError):
        return False
    record = credentials.get("usernames", {}).get(username)
    if record is None:
        return False
    issued = expires - expiry_days * 86_400
    return issued > float(record.get("signed_out_at", 0))
