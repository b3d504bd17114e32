"""Upgrade a data folder left by Rebound before the storage seam (one `credentials.yaml`).

That layout kept every account in one YAML file and the setbacks already under
`users/<user-id>/setbacks/`, as today. The upgrade writes one account record per person, plus the
email index, then renames the YAML file to `credentials.yaml.upgraded-<time>` (kept, never
deleted). Each account is written atomically and skipped when already there, and the rename comes
last, so a crash at any point leaves something the next start finishes; a second start finds no
YAML file and does nothing. A YAML file that does not parse stops the start with a message for the
operator: it is never taken for "no accounts".
"""

from __future__ import annotations

import logging
import os
from contextlib import suppress
from datetime import UTC, datetime
from typing import Any

from core.storage.backend import Account, StoreMisconfigured, UsernameTaken, canonical_username, user_id
from core.storage.files import ACCOUNT_FILE, FileBackend

log = logging.getLogger("rebound.storage")

LEGACY_FILE = "credentials.yaml"


def _moment(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _account(name: str, record: dict[str, Any], now: datetime) -> Account:
    """An account record from one entry of the old YAML file (the same bcrypt hash)."""
    return Account(
        username=canonical_username(name),
        email=str(record.get("email") or ""),
        first_name=str(record.get("first_name") or ""),
        last_name=str(record.get("last_name") or ""),
        password_hash=str(record["password"]),
        created_at=now,
        sessions_after=float(record.get("signed_out_at") or 0),
        failed_sign_ins=int(record.get("failed_login_attempts") or 0),
        failed_sign_in_at=_moment(record.get("failed_login_at")),
    )


def upgrade(backend: FileBackend) -> int:
    """Move the accounts of an old `credentials.yaml` into per-person records; returns how many.

    Safe to run on every start and from two servers at once (each account is added under its own
    lock; one already there is left as it is).
    """
    path = backend.root / LEGACY_FILE
    if not path.exists():
        return 0
    import yaml

    try:
        data = yaml.safe_load(path.read_text("utf-8"))
        users = (data or {}).get("usernames") or {}
        if not isinstance(users, dict):
            raise ValueError("'usernames' is not a mapping")
        now = datetime.now(UTC).replace(microsecond=0)
        accounts = [_account(str(name), dict(record), now) for name, record in users.items()]
    except FileNotFoundError:
        return 0  # another server finished the upgrade a moment ago
    except (
        yaml.YAMLError,
        ValueError,
        TypeError,
        KeyError,
        AttributeError,
    ) as error:  # stop, never start empty
        raise StoreMisconfigured(
            f"Rebound could not upgrade the accounts in {path}: {error.__class__.__name__}: {error}. "
            "Nothing was changed. Restore the file from a backup (or fix it), then start again."
        ) from None
    # An emptied or cut file parses to fewer accounts than there are people's folders: never take
    # that for "these people have no account" (their setbacks would be orphaned).
    covered = {user_id(account.username) for account in accounts}
    folders = {p.name for p in backend.users.glob("u*") if p.is_dir() and not (p / ACCOUNT_FILE).exists()}
    if folders - covered:
        raise StoreMisconfigured(
            f"Rebound could not upgrade the accounts in {path}: it lists {len(accounts)} accounts, but "
            f"{len(folders - covered)} people's folders under {backend.users} have no account in it. The "
            "file may have been emptied or cut short. Nothing was changed. Restore it from a backup, then "
            "start again."
        )
    added = 0
    for account in accounts:
        if backend.get_account(account.username) is not None:
            continue
        try:
            backend.add_account(account, keep_data=True)
            added += 1
        except UsernameTaken:
            continue
    kept = path.with_name(f"{LEGACY_FILE}.upgraded-{datetime.now().strftime('%Y%m%d-%H%M%S')}")
    with suppress(FileNotFoundError):  # another server may have renamed it first
        os.replace(path, kept)
    log.warning("Upgraded %d accounts from %s; the old file is kept as %s", len(accounts), path, kept.name)
    return added
