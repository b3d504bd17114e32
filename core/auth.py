"""Accounts and sign-in rules over the store: passwords, registration, lockout, sign-in cookies.

streamlit-authenticator draws the sign-in form, sets the cookie and restores a session from it;
everything it decides with is here. It is handed `AuthenticatorAccounts`, a mapping that loads
only the account it is asked about, so a session never holds everyone's records and nothing it
writes into a record reaches storage (Rebound saves what matters itself, atomically).
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import re
import secrets
import threading
import time
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

import bcrypt
import jwt

from core.storage import Account, StorageError, Store, canonical_username, user_id

# A cookie key shorter than 32 random bytes (43 URL-safe characters), or one of the placeholders
# people copy from examples, would let anyone forge a session cookie: such a key is replaced.
MIN_COOKIE_KEY_CHARS = 43
KNOWN_DEFAULT_KEYS = frozenset(
    {"", "some_signature_key", "random_signature_key", "abcdef", "secret", "changeme", "key"}
)
COOKIE_SECRET = "cookie"
# The longest sign-in a cookie can carry (the setting's upper limit), used where a cookie does not
# say when it was issued: it is then taken to be as old as it could be.
MAX_COOKIE_DAYS = 365
BCRYPT_MAX_BYTES = 72


class SignInPaused(Exception):
    """Too many failed sign-ins in a row for this name: signing in to it is paused for a while."""


class ClientPaused(SignInPaused):
    """Too many failed sign-ins from one client address (any names): it is paused for a while."""


class SignInUnavailable(Exception):
    """Signing in can't be checked just now (storage trouble); nothing was granted."""


class SignUpsPaused(Exception):
    """Too many accounts were made from one client address lately: sign-ups from it wait a while."""


# -- passwords --------------------------------------------------------------------------------


def _secret_bytes(password: str) -> bytes:
    """What bcrypt hashes: the password itself, or, past bcrypt's 72 bytes, its SHA-256.

    bcrypt ignores (bcrypt 5 refuses) anything past 72 bytes; a long passphrase is first reduced to
    a digest so every character counts. Shorter passwords are hashed as they are, so every hash
    made before long passphrases were allowed still verifies. Spaces at either end don't count:
    the sign-in form (the authenticator's) trims them before Rebound sees the password, so a
    passphrase chosen with a trailing space must mean the same without it.
    """
    data = unicodedata.normalize("NFC", password.strip()).encode("utf-8")
    if len(data) <= BCRYPT_MAX_BYTES:
        return data
    return base64.b64encode(hashlib.sha256(data).digest())


def hash_password(password: str) -> str:
    """A bcrypt hash of the password (cost 12)."""
    return bcrypt.hashpw(_secret_bytes(password), bcrypt.gensalt(12)).decode("ascii")


def verify_password(password: str, password_hash: str) -> bool:
    """Whether the password matches the hash; a malformed hash never matches."""
    if not password.strip():
        return False
    try:
        return bcrypt.checkpw(_secret_bytes(password), password_hash.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        return False


@cache
def _dummy_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


def spend_password_check(password: str) -> None:
    """Take as long as a real check, for a username that has no account (no account enumeration)."""
    verify_password(password or "-", _dummy_hash())


# -- signing in -------------------------------------------------------------------------------


def paused(account: Account, max_attempts: int, cool_down: timedelta, now: datetime) -> bool:
    """Whether the account is paused: `max_attempts` failures, the last one within `cool_down`."""
    if account.failed_sign_ins < max_attempts or account.failed_sign_in_at is None:
        return False
    return now - account.failed_sign_in_at < cool_down


class LocalCounts:
    """Event counts kept in this process's memory, with the storage counters' rules.

    Used only while storage can't count (a full or read-only disk): a failing disk must not hand
    out fresh guesses, so each process keeps counting on its own until storage works again.
    """

    def __init__(self) -> None:
        self._counts: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def count(self, key: str, at: datetime, window: timedelta, limit: int | None = None) -> int:
        with self._lock:
            count, last = self._counts.get(key, (0, 0.0))
            moment = at.timestamp()
            if moment - last >= window.total_seconds():
                count = 0
            if limit is not None and count >= limit:
                return limit + 1
            self._counts[key] = (count + 1, moment)
            if len(self._counts) > 100_000:  # forget the oldest half rather than grow without end
                for old in sorted(self._counts, key=lambda k: self._counts[k][1])[:50_000]:
                    del self._counts[old]
            return count + 1

    def uncount(self, key: str) -> None:
        with self._lock:
            if key in self._counts:
                count, last = self._counts[key]
                self._counts[key] = (max(count - 1, 0), last)


LOCAL_COUNTS = LocalCounts()


def name_key(username: str) -> str:
    """The counter key of a username as typed: folded, so every case variant is one name."""
    return "sign-in-name:" + user_id(username.encode("utf-8", "surrogatepass").decode("utf-8", "replace"))


def client_key(client: str) -> str:
    return "sign-in-client:" + client


@dataclass
class _Reservation:
    """One place taken under a counter before a password is checked, so it can be given back."""

    store: Store
    key: str
    local: bool

    def give_back(self) -> None:
        if self.local:
            LOCAL_COUNTS.uncount(self.key)
            return
        with suppress(StorageError):
            self.store.uncount_event(self.key)


def _reserve(
    store: Store, key: str, now: datetime, window: timedelta, limit: int
) -> tuple[int, _Reservation]:
    """Take one place under `key` in storage (in memory while storage can't count)."""
    try:
        return store.count_event(key, now, window, limit), _Reservation(store, key, local=False)
    except StorageError:
        return LOCAL_COUNTS.count(key, now, window, limit), _Reservation(store, key, local=True)


def check_sign_in(
    store: Store,
    username: str,
    password: str,
    *,
    max_attempts: int,
    cool_down: timedelta,
    client: str = "",
    client_attempts: int = 0,
    device: Device | None = None,
    now: datetime | None = None,
) -> Account | None:
    """The account when the password is right; None when not. Raises SignInPaused when paused.

    Every attempt takes its place under the limits before its password is checked, atomically in
    storage, so sessions guessing at once can't get more checks than the limits allow:

    - per name: `max_attempts` failures in a row (an account's count on its record, an unknown
      name's in a counter under the folded name, so both pause alike and take as long);
    - per client (`client_attempts` > 0): that many failures from one client address, whatever
      the names, so one password sprayed over many accounts slows down too;
    - a browser this account signed in from before (`device`, its device cookie) is not held up by
      either pause, which strangers can cause; it has its own `max_attempts` instead.

    When a count can't be written, this process counts in memory and a wrong password is answered
    as paused: a failing disk never grants guesses. A right password always signs in.
    """
    now = now or datetime.now(UTC)
    try:
        account = store.account(username)
    except StorageError:
        raise SignInUnavailable() from None
    taken: list[_Reservation] = []

    def refuse(error: SignInPaused) -> None:
        for reservation in taken:
            reservation.give_back()
        raise error

    known_device = device is not None and device.belongs_to(account)
    # A failure that can't be kept where it belongs (storage refused it) is answered as paused.
    answer_paused = False
    if known_device:
        count, reservation = _reserve(
            store, "sign-in-device:" + device.token_id, now, cool_down, max_attempts
        )
        if count > max_attempts:
            raise SignInPaused()
        taken.append(reservation)
        answer_paused = reservation.local
    else:
        if account is not None and paused(account, max_attempts, cool_down, now):
            raise SignInPaused()
        if client_attempts:
            count, reservation = _reserve(store, client_key(client), now, cool_down, client_attempts)
            if count > client_attempts:
                raise ClientPaused()
            taken.append(reservation)
            answer_paused = reservation.local
        name_reservation = None
        if account is not None:
            try:
                count = store.record_failed_sign_in(account.username, now, cool_down).failed_sign_ins
            except StorageError:
                count, name_reservation = _reserve(store, name_key(username), now, cool_down, max_attempts)
                answer_paused = True
        else:
            count, name_reservation = _reserve(store, name_key(username), now, cool_down, max_attempts)
            answer_paused = answer_paused or name_reservation.local
        if count > max_attempts:  # another session took the last place a moment ago
            refuse(SignInPaused())
        if name_reservation is not None:
            taken.append(name_reservation)
    if account is None:
        spend_password_check(password)
    elif verify_password(password, account.password_hash):
        for reservation in taken:
            reservation.give_back()
        if not known_device:
            with suppress(StorageError):  # else the count simply expires after the cool-down
                account = store.update_account(account.username, failed_sign_ins=0, failed_sign_in_at=None)
        return account
    if answer_paused or count >= max_attempts:
        raise SignInPaused()
    return None


# -- sign-up limits ---------------------------------------------------------------------------

SIGN_UP_WINDOW = timedelta(hours=1)


def take_sign_up(store: Store, client: str, limit: int, now: datetime | None = None) -> None:
    """Count one sign-up from this client address; SignUpsPaused past `limit` within an hour."""
    count, _ = _reserve(store, "sign-up-client:" + client, now or datetime.now(UTC), SIGN_UP_WINDOW, limit)
    if count > limit:
        raise SignUpsPaused()


# -- where a request comes from ---------------------------------------------------------------


def client_address(peer: str | None, forwarded_for: str = "", trusted_proxies: Iterable[str] = ()) -> str:
    """The address sign-in limits count by: the peer, or what a trusted proxy says the client is.

    `peer` is the connection's address (None when it is this machine, as Streamlit reports it).
    When the peer is a trusted proxy, X-Forwarded-For is read from the right, past every trusted
    proxy, to the first address none of them added for itself: that is the client. Anything to its
    left was written by the client and can't be believed. IPv6 clients count by their /64 network,
    the block one household or one server is given.
    """
    networks = [ipaddress.ip_network(proxy, strict=False) for proxy in trusted_proxies]

    def trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        return any(address in network for network in networks)

    def parse(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
        text = text.strip().strip("[]")
        with suppress(ValueError):
            address = ipaddress.ip_address(text)
            if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
                return address.ipv4_mapped
            return address
        return None

    address = parse(peer or "127.0.0.1") or ipaddress.ip_address("127.0.0.1")
    if trusted(address):
        for hop in reversed([part for part in forwarded_for.split(",") if part.strip()]):
            found = parse(hop.split("%")[0])
            if found is None:
                break  # not an address a proxy wrote: stop at the last proxy's word
            address = found
            if not trusted(found):
                break
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


# -- sign-in cookies --------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    """What a sign-in cookie says: whose it is, when it was issued and when it ends."""

    username: str
    issued_at: float
    expires_at: float
    token_id: str


def new_claims(username: str, expiry_days: float, now: float | None = None) -> dict[str, Any]:
    """The claims of a new sign-in cookie: the authenticator's two, plus when and which one."""
    now = time.time() if now is None else now
    return {
        "username": username,
        "exp_date": now + expiry_days * 86_400,
        "iat": now,
        "jti": secrets.token_urlsafe(12),
    }


def read_token(token: str, key: str, now: float | None = None) -> Token | None:
    """The cookie's claims if it is genuine, well-formed and not expired; else None.

    A cookie from before `iat` was recorded is taken as issued as early as it could have been
    (its end minus the longest expiry), so shortening `cookie_expiry_days` never makes an old
    cookie look newer than a sign-out. An end absurdly far in the future is refused.
    """
    now = time.time() if now is None else now
    try:
        payload = jwt.decode(token, key, algorithms=["HS256"])
        username = canonical_username(str(payload["username"]))
        expires = payload["exp_date"]
        issued = payload.get("iat", None)
        if type(expires) not in (int, float) or (issued is not None and type(issued) not in (int, float)):
            return None
        expires = float(expires)
        issued = float(issued) if issued is not None else expires - MAX_COOKIE_DAYS * 86_400
    except (jwt.PyJWTError, KeyError, TypeError, ValueError, AttributeError):
        return None
    if not username or expires <= now or expires > now + (MAX_COOKIE_DAYS + 1) * 86_400 or issued > now + 60:
        return None
    if expires != expires or issued != issued:  # NaN
        return None
    return Token(username, issued, expires, str(payload.get("jti") or ""))


def session_valid(account: Account | None, issued_at: float) -> bool:
    """Whether a sign-in made at `issued_at` still opens the account (not signed out since).

    A sign-out this process could not write yet (a full disk) counts as much as a written one.
    """
    if account is None:
        return False
    return issued_at > max(account.sessions_after, SIGN_OUTS.cut_off(account.username))


class PendingSignOuts:
    """Sign-outs storage refused to keep (a full or read-only disk), held in this process's memory.

    Until one is written, every sign-in cookie of that account issued before it is refused here
    (session_valid), and each later run tries to write it again (`retry`).
    """

    def __init__(self) -> None:
        self._pending: dict[str, float] = {}
        self._lock = threading.Lock()

    def cut_off(self, username: str) -> float:
        with self._lock:
            return self._pending.get(username, 0.0)

    def __bool__(self) -> bool:
        return bool(self._pending)

    def record(self, store: Store, username: str, at: float) -> bool:
        """End every sign-in of the account issued until `at`; False when only memory holds it yet."""
        with self._lock:
            self._pending[username] = max(at, self._pending.get(username, 0.0))
        return self.retry(store)

    def retry(self, store: Store) -> bool:
        """Write the sign-outs still held in memory; True when none is left."""
        with self._lock:
            pending = dict(self._pending)
        for username, at in pending.items():
            try:
                account = store.account(username)
                if account is not None and account.sessions_after < at:
                    store.update_account(username, sessions_after=at)
            except StorageError:
                continue
            with self._lock:
                if self._pending.get(username) == at:
                    del self._pending[username]
        return not self


SIGN_OUTS = PendingSignOuts()


# -- device cookies: browsers an account signed in from before ---------------------------------

DEVICE_DAYS = 365


@dataclass(frozen=True)
class Device:
    """What a device cookie says: this browser signed in before to the account with this user id."""

    account_id: str
    token_id: str
    issued_at: float

    def belongs_to(self, account: Account | None) -> bool:
        return account is not None and self.account_id == user_id(account.username)


def new_device_claims(username: str, now: float | None = None) -> dict[str, Any]:
    """A device cookie's claims: the account's user id (not its name), when, and which cookie.

    It has no `username` claim, so it never passes for a sign-in cookie, and it opens nothing by
    itself: it only lets the right password through while the account is paused.
    """
    now = time.time() if now is None else now
    return {
        "device": user_id(username),
        "iat": now,
        "exp_date": now + DEVICE_DAYS * 86_400,
        "jti": secrets.token_urlsafe(12),
    }


def read_device(token: str, key: str, now: float | None = None) -> Device | None:
    """The device cookie's claims if it is genuine, well-formed and not expired; else None."""
    now = time.time() if now is None else now
    try:
        payload = jwt.decode(token, key, algorithms=["HS256"])
        account_id, token_id = payload["device"], payload["jti"]
        expires, issued = payload["exp_date"], payload["iat"]
    except (jwt.PyJWTError, KeyError, TypeError, ValueError, AttributeError):
        return None
    if not (isinstance(account_id, str) and isinstance(token_id, str) and account_id and token_id):
        return None
    if type(expires) not in (int, float) or type(issued) not in (int, float):
        return None
    if not now < expires <= now + (DEVICE_DAYS + 1) * 86_400 or not issued <= now + 60:
        return None
    return Device(account_id, token_id[:64], float(issued))


# -- registration -----------------------------------------------------------------------------

MIN_PASSWORD = 8
MAX_PASSWORD = 1_000
USERNAME_MAX = 60
_USERNAME = re.compile(r"^[\w.\-]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Registration:
    """What the Create account form collected."""

    first_name: str
    last_name: str
    email: str
    username: str
    password: str
    repeat: str


def registration_problems(form: Registration) -> dict[str, str]:
    """{field: message key} for every rule the form breaks (empty when it can be registered)."""
    problems: dict[str, str] = {}
    first = form.first_name.strip()
    if not first or len(first) > 100:
        problems["first_name"] = "first_name"
    if len(form.last_name.strip()) > 100:
        problems["last_name"] = "last_name"
    email = form.email.strip()
    if not _EMAIL.match(email) or len(email) > 320:
        problems["email"] = "email"
    username = canonical_username(form.username)
    if (
        not username
        or len(username) > USERNAME_MAX
        or not (_USERNAME.match(username) or _EMAIL.match(username))
    ):
        problems["username"] = "username"
    problem = password_problem(form.password, username=username, email=email)
    if problem:
        problems["password"] = problem
    elif form.password != form.repeat:
        problems["repeat"] = "repeat"
    return problems


def details_problems(values: Mapping[str, str]) -> dict[str, str]:
    """{field: message key} for a change of name or email that breaks a rule."""
    problems: dict[str, str] = {}
    first = values.get("first_name", "").strip()
    if not first or len(first) > 100:
        problems["first_name"] = "first_name"
    if len(values.get("last_name", "").strip()) > 100:
        problems["last_name"] = "last_name"
    email = values.get("email", "").strip()
    if not _EMAIL.match(email) or len(email) > 320:
        problems["email"] = "email"
    return problems


def password_problem(password: str, username: str = "", email: str = "") -> str | None:
    """Why a new password can't be used (a message key), or None.

    Long passphrases and any characters are welcome; only the too short, the too long to be real
    and the very common are refused, as NIST SP 800-63B suggests. Spaces at either end don't
    count (see `_secret_bytes`).
    """
    password = password.strip()
    if len(password) < MIN_PASSWORD:
        return "password_short"
    if len(password) > MAX_PASSWORD:
        return "password_long"
    folded = password.casefold()
    if folded in common_passwords() or folded in {username.casefold(), email.casefold()}:
        return "password_common"
    return None


@cache
def common_passwords() -> frozenset[str]:
    """A bundled list of the most common passwords (lower-cased), refused at sign-up."""
    from importlib.resources import files

    text = files("core").joinpath("data/common-passwords.txt").read_text("utf-8")
    lines = (line.strip() for line in text.splitlines())
    return frozenset(line.casefold() for line in lines if line and not line.startswith("#"))


def new_account(form: Registration, now: datetime | None = None) -> Account:
    """The account record for a registration that passed `registration_problems`."""
    now = now or datetime.now(UTC).replace(microsecond=0)
    return Account(
        username=canonical_username(form.username),
        email=form.email.strip(),
        first_name=form.first_name.strip(),
        last_name=form.last_name.strip(),
        password_hash=hash_password(form.password),
        created_at=now,
        # A cookie left in a browser by an earlier account of the same name must not open this one.
        sessions_after=now.timestamp(),
    )


# -- the authenticator's view of accounts ------------------------------------------------------


class AuthenticatorAccounts(Mapping[str, dict[str, Any]]):
    """The `credentials["usernames"]` the authenticator reads: one account at a time, on demand.

    Records come back as fresh dicts of what the authenticator needs (name, email), so its own
    writes into them (`logged_in`, its failure counter) go nowhere. Listing everyone is refused:
    nothing Rebound uses the authenticator for needs it, and it must never cost O(accounts).
    """

    def __init__(self, store: Store) -> None:
        self._store = store

    def _account(self, username: object) -> Account | None:
        if not isinstance(username, str):
            return None
        try:
            return self._store.account(username)
        except StorageError:
            return None

    def __getitem__(self, username: str) -> dict[str, Any]:
        account = self._account(username)
        if account is None:
            raise KeyError(username)
        return {
            "email": account.email,
            "first_name": account.first_name,
            "last_name": account.last_name,
            "roles": None,
        }

    def __contains__(self, username: object) -> bool:
        return self._account(username) is not None

    def __iter__(self) -> Iterator[str]:
        raise NotImplementedError("Rebound never hands the authenticator the whole list of accounts")

    def __len__(self) -> int:
        raise NotImplementedError("Rebound never hands the authenticator the whole list of accounts")

    def __bool__(self) -> bool:
        return True


def cookie_key(store: Store, configured: str = "") -> str:
    """The key that signs sign-in cookies: the operator's setting, else one kept with the data.

    A stored key that is weak (short, or a placeholder copied from an example) is replaced.
    """
    if configured:
        return configured
    key = store.secret(COOKIE_SECRET, lambda: secrets.token_urlsafe(48))
    if len(key) < MIN_COOKIE_KEY_CHARS or key in KNOWN_DEFAULT_KEYS:
        key = secrets.token_urlsafe(48)
        store.replace_secret(COOKIE_SECRET, key)
    return key
