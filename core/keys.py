"""Whose key opens what: unlocking at sign-in, remembered sign-ins, recovery codes, new passwords.

An account keeps its person's data key only locked (`core.crypto.Keyring`). Signing in opens it
with the password (or, for an account from before encryption, makes it); each sign-in then locks
it once more under a random secret that only that browser's sign-in cookie carries, so a reload,
a restarted server or another replica opens it without asking again, and signing out removes
those locks. A recovery code opens it too, once, to set a new password. Every change of a keyring
goes through `Store.modify_account`, so two changes never lose each other.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt

from core import auth, crypto
from core.crypto import KdfCost, Keyring
from core.storage import Account, StorageError, Store, user_id

log = logging.getLogger("rebound.keys")

# Remembered sign-ins kept per person (the oldest are dropped first; that browser then asks for
# the password once, "Unlock", after its next reload).
MAX_SIGN_INS = 20
UNLOCK_CLAIM = "unlock"
_CHECK = b"rebound key check"


class WrongKey(Exception):
    """A key in hand is not this account's data key (nothing was changed)."""


class CodeRefused(Exception):
    """The username and recovery code don't match (or that code has just been used)."""


@dataclass(frozen=True)
class Unlocked:
    """A person's data key, the account as it is now, and recovery codes made just now to show."""

    key: bytes = field(repr=False)  # never in a log line or an assertion message
    account: Account
    codes: tuple[str, ...] = field(default=(), repr=False)


def _check(key: bytes, user: str) -> str:
    return crypto.seal(key, _CHECK, crypto.stage_aad(user, "-", "key-check"))


def opens(ring: Keyring, key: bytes, username: str) -> bool:
    """Whether `key` is the data key this keyring locks (checked before anything is locked with it)."""
    user = user_id(username)
    try:
        return crypto.open_sealed(key, ring.check, crypto.stage_aad(user, "-", "key-check")) == _CHECK
    except crypto.Tampered:
        return False


def new_keyring(
    password: str, username: str, cost: KdfCost = crypto.PASSWORD_COST, now: datetime | None = None
) -> tuple[Keyring, bytes, list[str]]:
    """A new data key, locked by the password and by a new set of recovery codes; and those codes."""
    key = crypto.new_key()
    user = user_id(username)
    codes, locks = crypto.new_codes(key, user)
    ring = Keyring(
        password=crypto.lock_with_password(key, password, user, cost),
        check=_check(key, user),
        codes=locks,
        codes_made_at=now or datetime.now(UTC).replace(microsecond=0),
    )
    return ring, key, codes


def with_new_keyring(
    account: Account, password: str, cost: KdfCost = crypto.PASSWORD_COST
) -> tuple[Account, bytes, list[str]]:
    """A just-made account record with its keyring (Create account); the key and the codes."""
    ring, key, codes = new_keyring(password, account.username, cost)
    return account.model_copy(update={"keyring": ring}), key, codes


def _changed_ring(**update: Any):
    """A modify_account change that updates fields of the latest keyring (none: nothing to do)."""

    def change(latest: Account) -> Mapping[str, Any]:
        if latest.keyring is None:
            return {}
        return {"keyring": latest.keyring.model_copy(update=update)}

    return change


def unlock(
    store: Store, account: Account, password: str, *, encryption: bool, cost: KdfCost = crypto.PASSWORD_COST
) -> Unlocked | None:
    """The data key at sign-in, the password just checked; None when there is none to open.

    An account from before encryption gets its key now (when encryption is on), with recovery
    codes to show. A lock made with a lower Argon2id cost than today's is made again.
    """
    user = user_id(account.username)
    ring = account.keyring
    if ring is None:
        if not encryption:
            return None
        made, key, codes = new_keyring(password, account.username, cost)
        updated = store.modify_account(
            account.username, lambda latest: {} if latest.keyring else {"keyring": made}
        )
        if updated.keyring != made:  # another server made one first: open that one
            return unlock(store, updated, password, encryption=encryption, cost=cost)
        return Unlocked(key, updated, tuple(codes))
    try:
        key = crypto.open_with_password(ring.password, password, user)
    except crypto.Tampered:
        log.error("The password of %s opened the account but not its key; its keyring needs a look", user)
        return None
    if ring.password.cost != cost:
        lock = crypto.lock_with_password(key, password, user, cost)
        old = ring.password

        def raise_cost(latest: Account) -> Mapping[str, Any]:
            if latest.keyring is None or latest.keyring.password != old:
                return {}
            return {"keyring": latest.keyring.model_copy(update={"password": lock})}

        with suppress(StorageError):  # else the old lock still opens; the next sign-in tries again
            account = store.modify_account(account.username, raise_cost)
    return Unlocked(key, account)


# -- remembered sign-ins ----------------------------------------------------------------------


def remember_sign_in(
    store: Store, username: str, key: bytes, sign_in_id: str, issued_at: float, expires_at: float
) -> str:
    """Lock the key for one sign-in (until `expires_at`) and return the secret its cookie carries.

    Locks of sign-ins that have ended (expired, or from before a sign-out) are dropped meanwhile.
    """
    user = user_id(username)
    lock, secret = crypto.lock_for_sign_in(key, user, sign_in_id, issued_at, expires_at)
    now = time.time()

    def change(latest: Account) -> Mapping[str, Any]:
        ring = latest.keyring
        if ring is None or not opens(ring, key, username):
            raise WrongKey()
        kept = [
            old
            for old in ring.sign_ins
            if old.expires_at > now and old.issued_at > latest.sessions_after and old.id != sign_in_id
        ]
        kept = [*kept[-(MAX_SIGN_INS - 1) :], lock]
        return {"keyring": ring.model_copy(update={"sign_ins": tuple(kept)})}

    store.modify_account(username, change)
    return secret


def cookie_unlock(cookie: str | None, cookie_key: str) -> tuple[str, str] | None:
    """(sign-in id, unlock secret) from a genuine sign-in cookie, or None."""
    if not cookie:
        return None
    try:
        claims = jwt.decode(cookie, cookie_key, algorithms=["HS256"])
    except jwt.PyJWTError:
        return None
    sign_in_id, secret = claims.get("jti"), claims.get(UNLOCK_CLAIM)
    if not isinstance(sign_in_id, str) or not isinstance(secret, str) or not sign_in_id or not secret:
        return None
    return sign_in_id, secret


def open_remembered(account: Account, sign_in_id: str, secret: str, now: float | None = None) -> bytes | None:
    """The data key a remembered sign-in opens, while it lasts and is not signed out; else None."""
    ring = account.keyring
    if ring is None:
        return None
    now = time.time() if now is None else now
    for lock in ring.sign_ins:
        if lock.id != sign_in_id or lock.expires_at <= now or lock.issued_at <= account.sessions_after:
            continue
        try:
            return crypto.open_sign_in(lock, secret, user_id(account.username))
        except crypto.Tampered:
            return None
    return None


def forget_sign_ins(store: Store, username: str) -> None:
    """Remove every remembered sign-in's lock (signing out): a cookie kept afterwards opens nothing."""
    store.modify_account(username, _changed_ring(sign_ins=()))


# -- recovery codes ---------------------------------------------------------------------------


def codes_left(account: Account) -> int | None:
    """How many recovery codes still work (None: the account has no keyring)."""
    return None if account.keyring is None else len(account.keyring.codes)


def renew_codes(store: Store, username: str, key: bytes) -> list[str]:
    """A new set of recovery codes; the old ones stop working."""
    codes, locks = crypto.new_codes(key, user_id(username))
    made = datetime.now(UTC).replace(microsecond=0)

    def change(latest: Account) -> Mapping[str, Any]:
        ring = latest.keyring
        if ring is None or not opens(ring, key, username):
            raise WrongKey()
        return {
            "keyring": ring.model_copy(update={"codes": locks, "codes_made_at": made, "codes_kept": False})
        }

    store.modify_account(username, change)
    return codes


def mark_codes_kept(store: Store, username: str) -> None:
    """The person said they have kept their recovery codes (no more reminders)."""
    store.modify_account(username, _changed_ring(codes_kept=True))


@dataclass(frozen=True)
class Recovered:
    """A password set again with a recovery code: the account now, its key, the codes left."""

    account: Account
    key: bytes
    codes_left: int


def recover(
    store: Store,
    username: str,
    code: str,
    new_password: str,
    *,
    max_attempts: int,
    cool_down: timedelta,
    cost: KdfCost = crypto.PASSWORD_COST,
    now: datetime | None = None,
) -> Recovered:
    """Set a new password with one recovery code, which is used up; every other sign-in ends.

    A wrong code counts as a failed sign-in (the same pause follows too many in a row); raises
    CodeRefused, auth.SignInPaused or auth.SignInUnavailable. Nothing is re-encrypted: the same
    data key is locked by the new password.
    """
    now = now or datetime.now(UTC)
    try:
        account = store.account(username)
    except StorageError:
        raise auth.SignInUnavailable() from None
    if account is None or account.keyring is None:
        raise CodeRefused()
    if auth.paused(account, max_attempts, cool_down, now):
        raise auth.SignInPaused()
    user = user_id(account.username)
    found = crypto.open_with_code(account.keyring.codes, code, user)
    if found is None:
        try:
            counted = store.record_failed_sign_in(account.username, now, cool_down)
        except StorageError:
            raise auth.SignInPaused() from None
        if auth.paused(counted, max_attempts, cool_down, now):
            raise auth.SignInPaused()
        raise CodeRefused()
    index, key = found
    used = account.keyring.codes[index]
    lock = crypto.lock_with_password(key, new_password, user, cost)
    password_hash = auth.hash_password(new_password)

    def change(latest: Account) -> Mapping[str, Any]:
        ring = latest.keyring
        if ring is None or used not in ring.codes:
            raise CodeRefused()  # used a moment ago in another window
        ring = ring.model_copy(
            update={"password": lock, "codes": tuple(c for c in ring.codes if c != used), "sign_ins": ()}
        )
        return {
            "password_hash": password_hash,
            "sessions_after": time.time(),
            "failed_sign_ins": 0,
            "failed_sign_in_at": None,
            "keyring": ring,
        }

    try:
        updated = store.modify_account(account.username, change)
    except StorageError:
        raise auth.SignInUnavailable() from None
    return Recovered(updated, key, len(updated.keyring.codes) if updated.keyring else 0)


# -- a new password ----------------------------------------------------------------------------


def change_password(
    store: Store,
    username: str,
    password: str,
    key: bytes | None,
    sessions_after: float,
    cost: KdfCost = crypto.PASSWORD_COST,
) -> Account:
    """Save a new password and lock the same data key with it (nothing is re-encrypted).

    Every other sign-in ends (`sessions_after`) and their remembered locks go. An account with a
    keyring can't change its password without its key in hand (WrongKey): its writing would be
    lost.
    """
    password_hash = auth.hash_password(password)
    current = store.account(username)
    lock = None
    if current is not None and current.keyring is not None:
        if key is None or not opens(current.keyring, key, username):
            raise WrongKey()
        lock = crypto.lock_with_password(key, password, user_id(username), cost)

    def change(latest: Account) -> Mapping[str, Any]:
        changes: dict[str, Any] = {"password_hash": password_hash, "sessions_after": sessions_after}
        if latest.keyring is not None:
            if lock is None or not opens(latest.keyring, key, username):
                raise WrongKey()
            changes["keyring"] = latest.keyring.model_copy(update={"password": lock, "sign_ins": ()})
        return changes

    return store.modify_account(username, change)


def seal_old_writing(store: Store, account: Account, key: bytes) -> Any:
    """Seal what the person wrote before encryption (every setback whole, then drafts); the sweep.

    Marks the keyring once everything is sealed, so later unlocks skip the look through it all.
    """
    from core.storage import Person

    sweep = store.seal_everything(Person.named(account.username, key))
    if sweep.complete and account.keyring is not None and not account.keyring.sealed_all:
        store.modify_account(account.username, _changed_ring(sealed_all=True))
    return sweep


_sweeping: set[tuple[int, str]] = set()
_sweeping_lock = threading.Lock()


def seal_in_background(store: Store, account: Account, key: bytes) -> threading.Thread | None:
    """Seal older writing without holding up the sign-in: one sweep per person and store at a time.

    Safe beside the person's own saves (each setback is swapped only if unchanged since read); a
    server stopped half-way leaves every setback whole, and the next unlock carries on. What it
    sets aside is reported by the person's next listing.
    """
    marker = (id(store), account.username)
    with _sweeping_lock:
        if marker in _sweeping:
            return None
        _sweeping.add(marker)

    def sweep() -> None:
        try:
            seal_old_writing(store, account, key)
        except Exception:  # a sweep that stops is tried again at the next unlock
            log.exception("Sealing older writing stopped; the next unlock carries on")
        finally:
            with _sweeping_lock:
                _sweeping.discard(marker)

    thread = threading.Thread(target=sweep, name="rebound-seal", daemon=True)
    thread.start()
    return thread
