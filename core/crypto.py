"""Encryption at rest: a random data key per person, sealed text, and the locks that keep the key.

What a person writes is sealed with their data key (AES-256-GCM, a fresh 96-bit nonce each time;
the associated data names the person, the setback and the part, so a sealed value moved to another
person, setback or stage does not open). The data key itself is only ever stored locked:

- by the password, through Argon2id (RFC 9106 §4's second recommended option, 4 lanes and 64 MiB,
  with 10 passes instead of 3 so it takes 0.25-0.5 s here), with the cost kept beside the lock, so
  a lock made at a lower cost is made again at the next sign-in;
- by each of the person's recovery codes (100 random bits each, so a fast HKDF-SHA256 suffices);
- by each remembered sign-in: a random secret that only the browser holds (in its sign-in cookie),
  through HKDF-SHA256, until the sign-in ends.

Everything here is pure: bytes in, bytes and records out. `core.keys` uses it over the store.
"""

from __future__ import annotations

import base64
import binascii
import os
import secrets
import unicodedata
from datetime import datetime
from typing import Literal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pydantic import BaseModel, ConfigDict, Field

ENVELOPE = "rb1:"  # "rb1:" + base64(nonce ‖ AES-256-GCM ciphertext and tag)
KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16
CODE_COUNT = 8
# Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_CHARS = 20  # 100 random bits
CODE_GROUP = 5
_CODE_READS = {"O": "0", "I": "1", "L": "1"}


class Tampered(ValueError):
    """A sealed value did not open: another key, changed bytes, or moved from where it was sealed."""


class KdfCost(BaseModel):
    """Argon2id's cost: passes over memory, lanes, and memory in KiB."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    iterations: int = Field(10, ge=1, le=100)
    lanes: int = Field(4, ge=1, le=64)
    memory_kib: int = Field(65_536, ge=8 * 4, le=4 * 1024 * 1024)


# RFC 9106 §4's second recommended option (p=4, m=2^16 KiB) with more passes (t=10 instead of 3):
# at t=3 a derivation took 0.12 s on the 2-core reference machine when calm, and at t=10 it takes
# 0.27 s calm and 0.48 s with one core busy (bench/bench_crypto.py). More passes rather than more
# memory keep a burst of sign-ins within a server's memory (64 MiB each while it runs).
PASSWORD_COST = KdfCost()


# -- records kept in the account (bytes as unpadded URL-safe base64) ------------------------------


class PasswordLock(BaseModel):
    """The data key locked by a key derived from the password."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    salt: str
    cost: KdfCost
    box: str


class CodeLock(BaseModel):
    """The data key locked by one recovery code."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    salt: str
    box: str


class SignInLock(BaseModel):
    """The data key locked by the secret in one browser's sign-in cookie, until the sign-in ends."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1, max_length=64)
    issued_at: float
    expires_at: float
    salt: str
    box: str


class Keyring(BaseModel):
    """Everything needed to open a person's data key, and nothing that opens it on its own."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1] = 1
    password: PasswordLock
    # A known text sealed with the data key: a key in hand is checked against it before anything
    # new is locked with it (a wrong key must never lock away the person's writing).
    check: str
    codes: tuple[CodeLock, ...] = ()
    codes_made_at: datetime | None = None
    codes_kept: bool = False  # the person said they have kept the current set
    sign_ins: tuple[SignInLock, ...] = ()
    # Every setback and draft written before encryption has been sealed (set after the sweep).
    sealed_all: bool = False


# -- base64 and sealing -------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as error:
        raise Tampered("not base64") from error


def new_key() -> bytes:
    """A fresh random 256-bit key."""
    return os.urandom(KEY_BYTES)


def seal(key: bytes, plaintext: bytes, aad: bytes) -> str:
    """`plaintext` sealed with `key`, bound to `aad`, as an envelope string."""
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(key).encrypt(nonce, plaintext, aad)
    return ENVELOPE + base64.b64encode(nonce + sealed).decode("ascii")


def is_sealed(value: object) -> bool:
    """Whether a stored value is an envelope (as opposed to plaintext JSON)."""
    return isinstance(value, str) and value.startswith(ENVELOPE)


def open_sealed(key: bytes, envelope: str, aad: bytes) -> bytes:
    """The plaintext of an envelope; Tampered when it does not open with this key and `aad`."""
    if not is_sealed(envelope):
        raise Tampered("not an envelope")
    try:
        data = base64.b64decode(envelope[len(ENVELOPE) :], validate=True)
    except (binascii.Error, ValueError) as error:
        raise Tampered("not base64") from error
    if len(data) < NONCE_BYTES + 16:
        raise Tampered("too short")
    if len(key) != KEY_BYTES:
        raise Tampered("not a key")
    try:
        return AESGCM(key).decrypt(data[:NONCE_BYTES], data[NONCE_BYTES:], aad)
    except InvalidTag:
        raise Tampered("does not open") from None


def _aad(*parts: str) -> bytes:
    return "\x00".join(("rebound", *parts)).encode("utf-8")


def stage_aad(user: str, setback_id: str, stage: str) -> bytes:
    """What binds a sealed stage to its person (user id), setback and stage."""
    return _aad("stage", user, setback_id, stage)


def draft_aad(user: str, setback_id: str, stage: str) -> bytes:
    """What binds a sealed draft to its person, setback and stage (never valid as a stage)."""
    return _aad("draft", user, setback_id, stage)


def document_aad(user: str, name: str) -> bytes:
    """What binds a sealed document (the prep sheet) to its person and name."""
    return _aad("document", user, name)


def fingerprint(key: bytes | None) -> str:
    """A short name for a key, to tell cached plaintext apart by key (kept in memory only)."""
    if key is None:
        return ""
    digest = hashes.Hash(hashes.SHA256())
    digest.update(b"rebound fingerprint\x00" + key)
    return _b64(digest.finalize()[:12])


# -- the password lock ----------------------------------------------------------------------------


def _password_bytes(password: str) -> bytes:
    """The password as the key is derived from it: as core.auth hashes it (NFC, ends trimmed, since
    the sign-in form trims them), so the password that signs a person in always opens their key."""
    return unicodedata.normalize("NFC", password.strip()).encode("utf-8")


def password_key(password: str, salt: bytes, cost: KdfCost) -> bytes:
    """The key Argon2id derives from a password (the slow step, on purpose)."""
    return Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=cost.iterations,
        lanes=cost.lanes,
        memory_cost=cost.memory_kib,
    ).derive(_password_bytes(password))


def lock_with_password(
    data_key: bytes, password: str, user: str, cost: KdfCost = PASSWORD_COST
) -> PasswordLock:
    """The data key locked by the password (a fresh salt each time)."""
    salt = os.urandom(SALT_BYTES)
    box = seal(password_key(password, salt, cost), data_key, _aad("password", user))
    return PasswordLock(salt=_b64(salt), cost=cost, box=box)


def open_with_password(lock: PasswordLock, password: str, user: str) -> bytes:
    """The data key, when the password is the one it was locked with; else Tampered."""
    derived = password_key(password, _unb64(lock.salt), lock.cost)
    return open_sealed(derived, lock.box, _aad("password", user))


# -- recovery codes -------------------------------------------------------------------------------


def new_code() -> str:
    """A recovery code: 20 characters of Crockford base32 in groups of five (100 random bits)."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_CHARS))
    return "-".join(raw[i : i + CODE_GROUP] for i in range(0, CODE_CHARS, CODE_GROUP))


def normal_code(text: str) -> str | None:
    """A typed code as it was made (case, spaces, dashes and O/I/L misreadings forgiven), or None."""
    kept = "".join(ch for ch in text.upper() if not ch.isspace() and ch not in "-_")
    kept = "".join(_CODE_READS.get(ch, ch) for ch in kept)
    if len(kept) != CODE_CHARS or any(ch not in CODE_ALPHABET for ch in kept):
        return None
    return "-".join(kept[i : i + CODE_GROUP] for i in range(0, CODE_CHARS, CODE_GROUP))


def _hkdf(secret: bytes, salt: bytes, info: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=info.encode()).derive(secret)


def lock_with_code(data_key: bytes, code: str, user: str) -> CodeLock:
    """The data key locked by one recovery code."""
    normal = normal_code(code)
    if normal is None:
        raise ValueError("not a recovery code")
    salt = os.urandom(SALT_BYTES)
    box = seal(_hkdf(normal.encode("ascii"), salt, "rebound recovery code"), data_key, _aad("code", user))
    return CodeLock(salt=_b64(salt), box=box)


def open_with_code(locks: tuple[CodeLock, ...], code: str, user: str) -> tuple[int, bytes] | None:
    """Which lock the code opens and the data key, or None (every lock is tried, in the same time)."""
    normal = normal_code(code)
    if normal is None:
        return None
    found: tuple[int, bytes] | None = None
    for index, lock in enumerate(locks):
        derived = _hkdf(normal.encode("ascii"), _unb64(lock.salt), "rebound recovery code")
        try:
            key = open_sealed(derived, lock.box, _aad("code", user))
        except Tampered:
            continue
        if found is None:
            found = (index, key)
    return found


def new_codes(data_key: bytes, user: str, count: int = CODE_COUNT) -> tuple[list[str], tuple[CodeLock, ...]]:
    """A new set of recovery codes and their locks."""
    codes = [new_code() for _ in range(count)]
    return codes, tuple(lock_with_code(data_key, code, user) for code in codes)


# -- remembered sign-ins ----------------------------------------------------------------------------


def lock_for_sign_in(
    data_key: bytes, user: str, sign_in_id: str, issued_at: float, expires_at: float
) -> tuple[SignInLock, str]:
    """The data key locked by a new random secret for one sign-in; the lock and the secret."""
    secret = secrets.token_bytes(KEY_BYTES)
    salt = os.urandom(SALT_BYTES)
    key = _hkdf(secret, salt, "rebound sign-in")
    box = seal(key, data_key, _aad("sign-in", user, sign_in_id))
    lock = SignInLock(id=sign_in_id, issued_at=issued_at, expires_at=expires_at, salt=_b64(salt), box=box)
    return lock, _b64(secret)


def open_sign_in(lock: SignInLock, secret: str, user: str) -> bytes:
    """The data key a remembered sign-in's secret opens; Tampered for any other secret."""
    key = _hkdf(_unb64(secret), _unb64(lock.salt), "rebound sign-in")
    return open_sealed(key, lock.box, _aad("sign-in", user, lock.id))
