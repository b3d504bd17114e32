"""The seam every storage backend implements (files, PostgreSQL), with the records it keeps.

A backend keeps four things per person — the account, setbacks, drafts and a few named documents
(the prep sheet) — and promises:

- every write is atomic, and a write for a person whose account does not exist is refused
  (`AccountNotFound`): no backend ever creates anything for an unknown person;
- a setback is a JSON document whose top-level keys are its stages; `save_part` replaces one key
  under the person's lock (or in one transaction), so two tabs or two servers saving different
  stages never undo each other;
- a setback document is handed out as bytes with a `version` that changes on every write, so the
  layer above can cache what it parsed; the backend never looks inside a stage (it may be
  ciphertext: see `core.crypto`), and `replace_setback` swaps a whole document only if it is still
  the version the caller read (encrypting an old plaintext setback never undoes a save);
- `modify_account` applies a change to the latest account record under the person's lock (or in
  one transaction), so two changes of one field (the keyring) never lose each other;
- something that cannot be read is set aside (never deleted) and reported as a `Problem`;
- usernames and emails are unique without regard to case, and two registrations racing for one
  name or one email from two processes end with exactly one account;
- event counters (failed sign-ins per client or per name, sign-ups per client) count atomically
  across processes and servers, so a limit holds however many sessions try at once.

Backends raise only the errors below; their messages are worded for the person (see
`core.content.STORAGE_MESSAGES`), and name no path, file or table.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from core.crypto import Keyring

SETBACK_ID_CHARS = frozenset("0123456789abcdef")


def canonical_username(username: str) -> str:
    """The form accounts are keyed by: trimmed, NFC and lower-case ("Li.Wei " → "li.wei")."""
    return unicodedata.normalize("NFC", username.strip()).lower()


def canonical_email(email: str) -> str:
    """Emails compare without regard to case or surrounding spaces."""
    return unicodedata.normalize("NFC", email.strip()).casefold()


def user_id(username: str) -> str:
    """A fixed-length, hex-only id for a username, the same for every case variant.

    Hashing means no username can climb out of a folder, reach a reserved name (CON, NUL), or
    land on another person's data; casefold also makes "straße" and "STRASSE" one person.
    """
    normal = unicodedata.normalize("NFC", username.strip()).casefold()
    return "u" + hashlib.sha256(normal.encode("utf-8")).hexdigest()[:40]


def email_id(email: str) -> str:
    """A fixed-length id for an email address, for the "is this email taken?" index."""
    return "e" + hashlib.sha256(canonical_email(email).encode("utf-8")).hexdigest()[:40]


def counter_id(key: str) -> str:
    """A fixed-length id for an event counter's key, so no address or name is kept in the clear."""
    return "c" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:40]


def valid_setback_id(setback_id: object) -> bool:
    """Whether a value can be a setback id (32 lower-case hex characters)."""
    return isinstance(setback_id, str) and len(setback_id) == 32 and set(setback_id) <= SETBACK_ID_CHARS


# -- records ----------------------------------------------------------------------------------


class Account(BaseModel):
    """One person's account: what signing in needs and their preferences, never their writing.

    Fields a newer Rebound adds are kept as they are (extra="allow"), so an older server never
    drops them when it writes the record back.
    """

    model_config = ConfigDict(extra="allow", frozen=True)

    username: str = Field(min_length=1, max_length=200)
    email: str = Field("", max_length=320)
    first_name: str = Field("", max_length=200)
    last_name: str = Field("", max_length=200)
    password_hash: str
    created_at: datetime
    # Sign-in cookies issued at or before this moment (seconds since the epoch) no longer open the
    # account: set by signing out, by a password change and when the account is made.
    sessions_after: float = 0.0
    failed_sign_ins: int = Field(0, ge=0)
    failed_sign_in_at: datetime | None = None
    theme: Literal["system", "light", "dark"] = "system"
    language: str = Field("", max_length=20)  # "" follows the browser
    current_setback: str = ""
    # The person's data key, locked by their password, their recovery codes and each remembered
    # sign-in (core.crypto); None for an account from before encryption, or with it turned off.
    keyring: Keyring | None = None

    @property
    def name(self) -> str:
        """The person's name as they gave it (first and last), or their username."""
        return " ".join(part for part in (self.first_name, self.last_name) if part) or self.username


ACCOUNT_FIELDS = frozenset(Account.model_fields) - {"username", "created_at"}


@dataclass(frozen=True)
class Stored:
    """A setback document as a backend keeps it: JSON bytes and a version that changes on each write.

    `raw` is None when the caller said it already holds this version (the `known` argument of
    `load_setback` and `list_setbacks`), so an unchanged setback is neither read nor sent again.
    """

    setback_id: str
    version: str
    raw: bytes | None


@dataclass(frozen=True)
class Problem:
    """A setback that could not be read, and what was done about it (no paths, no file names)."""

    setback_id: str
    key: str  # a STORAGE_MESSAGES key saying why
    described: str = ""  # "the setback for Acme", when the remains still show the company
    set_aside: bool = True

    @property
    def message(self) -> str:
        from core.content import storage_problem

        return storage_problem(self)


# -- errors -----------------------------------------------------------------------------------


class StorageError(Exception):
    """A problem with saved data. `key` names the message (core.content.STORAGE_MESSAGES)."""

    key = "unavailable"

    def __init__(self, key: str | None = None, **params: Any) -> None:
        self.key = key or self.key
        self.params = params
        super().__init__(self.key)

    def __str__(self) -> str:
        from core.content import storage_message

        return storage_message(self.key, self.params)


class SetbackNotFound(StorageError):
    """No setback with that id belongs to this person."""

    key = "not_found"


class SetbackUnreadable(StorageError):
    """The setback could not be read; it has been set aside."""

    key = "unreadable"

    def __init__(self, problem: Problem) -> None:
        super().__init__(self.key)
        self.problem = problem

    def __str__(self) -> str:
        return self.problem.message


class SetbackLocked(StorageError):
    """The setback is encrypted and this session does not hold the person's key (nothing is changed)."""

    key = "locked"


class SetbackChanged(StorageError):
    """The setback changed since it was read, so `replace_setback` left it as it is."""

    key = "busy"


class SaveFailed(StorageError):
    """Writing failed; what was saved before is unchanged."""

    key = "save_failed"


class DocumentUnreadable(StorageError):
    """A person's document (the prep sheet) could not be read; it has been set aside."""

    key = "document_unreadable"


class Busy(StorageError):
    """Another save for this person held the lock for too long."""

    key = "busy"


class AccountNotFound(StorageError):
    """No account with that username (it may just have been deleted)."""

    key = "account_not_found"


class UsernameTaken(StorageError):
    key = "username_taken"


class EmailTaken(StorageError):
    key = "email_taken"


class AccountUnreadable(StorageError):
    """An account record is damaged: nothing is written for that person until an operator looks.

    `operator` says what is wrong and where the last good copy is; it is logged, not shown.
    """

    key = "account_unreadable"

    def __init__(self, operator: str) -> None:
        super().__init__(self.key)
        self.operator = operator


class NameHeld(AccountUnreadable):
    """A name whose person's data is still there without a readable account: it can't be registered."""

    key = "name_held"

    def __init__(self, operator: str) -> None:
        StorageError.__init__(self, self.key)
        self.operator = operator


class StoreMisconfigured(StorageError):
    """The storage can't be used at all (a damaged install, a database that can't be reached)."""

    key = "misconfigured"

    def __init__(self, operator: str) -> None:
        super().__init__(self.key)
        self.operator = operator

    def __str__(self) -> str:
        return self.operator


# -- the seam ---------------------------------------------------------------------------------


class Backend(Protocol):
    """What any storage backend must do. Usernames passed in are canonical (`canonical_username`)."""

    # accounts
    def get_account(self, username: str) -> Account | None:
        """The account, or None; a damaged record raises AccountUnreadable (never None)."""

    def find_account_by_email(self, email: str) -> Account | None:
        """The account holding this email (any case), or None."""

    def add_account(self, account: Account) -> None:
        """Create an account; UsernameTaken / EmailTaken when someone has it (race-free)."""

    def update_account(self, username: str, changes: Mapping[str, Any]) -> Account:
        """Change some fields (never the username); EmailTaken if a new email belongs to another."""

    def modify_account(self, username: str, change: Callable[[Account], Mapping[str, Any]]) -> Account:
        """Apply `change(latest record)` (the fields to change; empty: none) atomically, never the
        username or email; what `change` raises is raised and nothing is written."""

    def record_failed_sign_in(self, username: str, at: datetime, window: timedelta) -> Account:
        """Count one failed sign-in atomically; a count older than `window` starts again at 1."""

    def remove_account(self, username: str) -> None:
        """Delete the account and everything the person has; other people are untouched."""

    def count_event(self, key: str, at: datetime, window: timedelta, limit: int | None = None) -> int:
        """Count one event under `key` atomically (all threads, processes and servers) and return the count.

        A count runs while events keep coming: one more than `window` after the previous counted
        event starts again at 1. With `limit`, an event that would go past it is not counted and
        `limit + 1` comes back, so `count > limit` means refused. Keys are any text (a client
        address, a folded username); a backend keeps no more of them than a digest and the count.
        """

    def uncount_event(self, key: str) -> None:
        """Take back one event counted under `key` (never below 0); the time of the last one stays."""

    def count_accounts(self) -> int:
        """How many accounts there are."""

    def usernames(self) -> Iterator[str]:
        """Every account's username, any order (for operator tools that copy or check everything)."""

    def secret(self, name: str, make: Any) -> str:
        """An installation secret (the cookie key), made once with `make()` and shared by all servers."""

    def replace_secret(self, name: str, value: str) -> None:
        """Put a new value in place of an installation secret."""

    # setbacks
    def create_setback(self, username: str, setback_id: str, raw: bytes) -> Stored:
        """Store a new setback document."""

    def load_setback(self, username: str, setback_id: str, known: str | None = None) -> Stored:
        """One setback (raw None if its version is `known`); SetbackNotFound for another person's id."""

    def list_setbacks(
        self, username: str, known: Mapping[str, str] | None = None
    ) -> tuple[list[Stored], list[Problem]]:
        """All of a person's setbacks, any order (raw None where `known` has the version), and what
        could not be read (set aside)."""

    def save_part(self, username: str, setback_id: str, part: str, value: bytes, updated_at: str) -> Stored:
        """Replace one top-level key of a setback with the JSON `value`, keeping every other key."""

    def replace_setback(self, username: str, setback_id: str, raw: bytes, expected_version: str) -> Stored:
        """Put a whole new document in place of a setback whose version is still `expected_version`;
        SetbackChanged (and nothing written) when it has changed since."""

    def set_aside(self, username: str, setback_id: str, key: str) -> Problem:
        """Move an unreadable setback out of the way (never delete it) and say why (`key`)."""

    def delete_setback(self, username: str, setback_id: str) -> None:
        """Delete one setback and its drafts."""

    # drafts: one per setback and stage, opaque bytes to the backend
    def save_draft(self, username: str, setback_id: str, stage: str, raw: bytes) -> None:
        """Keep a draft (replacing the previous one of that setback and stage)."""

    def load_draft(self, username: str, setback_id: str, stage: str) -> bytes | None:
        """A draft, or None."""

    def list_drafts(self, username: str) -> list[tuple[str, str, bytes]]:
        """Every draft of a person as (setback id, stage, bytes)."""

    def clear_draft(self, username: str, setback_id: str, stage: str) -> None:
        """Forget a draft (nothing happens when there is none)."""

    # documents: a few named documents per person (the prep sheet: "prep"), opaque bytes to the
    # backend; a name is 1-40 of a-z and _
    def save_document(self, username: str, name: str, raw: bytes) -> None:
        """Keep a person's document, replacing the previous one atomically; AccountNotFound for a
        username without an account."""

    def load_document(self, username: str, name: str) -> bytes | None:
        """A person's document, or None when there is none."""

    def set_aside_document(self, username: str, name: str) -> bool:
        """Move a document that could not be read out of the way (never delete it); False when
        there was none or it could not be moved (then it is left exactly as it is)."""

    def close(self) -> None:
        """Release connections and other resources."""
