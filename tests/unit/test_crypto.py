"""core.crypto: sealing (AES-256-GCM bound to its place), Argon2id password locks, codes, sign-in locks."""

from __future__ import annotations

import base64

import pytest
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from hypothesis import given
from hypothesis import strategies as st

from core import crypto

# Cheap Argon2id for tests of the logic; the real cost is pinned and timed separately.
CHEAP = crypto.KdfCost(iterations=1, lanes=1, memory_kib=64)
USER = "u" + "1" * 40
OTHER = "u" + "2" * 40
SETBACK = "0123456789abcdef0123456789abcdef"


def test_argon2id_of_the_pinned_library_gives_rfc_9106_test_vector():
    # RFC 9106 §5.3: Argon2id, t=3, m=32 KiB, p=4, with secret and associated data.
    derived = Argon2id(
        salt=b"\x02" * 16,
        length=32,
        iterations=3,
        lanes=4,
        memory_cost=32,
        ad=b"\x04" * 12,
        secret=b"\x03" * 8,
    ).derive(b"\x01" * 32)
    assert derived.hex() == "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"


def test_password_cost_is_rfc_9106_second_option_with_more_passes():
    assert crypto.KdfCost(iterations=10, lanes=4, memory_kib=2**16) == crypto.PASSWORD_COST


def test_password_key_depends_on_password_salt_and_cost_and_nothing_else():
    salt = b"s" * 16
    first = crypto.password_key("Calm-Harbor-42", salt, CHEAP)
    assert first == crypto.password_key("Calm-Harbor-42", salt, CHEAP)
    assert len(first) == 32
    assert first != crypto.password_key("Calm-Harbor-43", salt, CHEAP)
    assert first != crypto.password_key("Calm-Harbor-42", b"t" * 16, CHEAP)
    assert first != crypto.password_key("Calm-Harbor-42", salt, CHEAP.model_copy(update={"iterations": 2}))
    # Unicode is normalised first, so the same password typed two ways is one password.
    assert crypto.password_key("caf\u00e9-harbor", salt, CHEAP) == crypto.password_key(
        "cafe\u0301-harbor", salt, CHEAP
    )


def test_sealed_text_opens_with_its_key_and_place_only():
    key = crypto.new_key()
    aad = crypto.stage_aad(USER, SETBACK, "vent")
    envelope = crypto.seal(key, b'{"text": "Quokka"}', aad)
    assert envelope.startswith("rb1:") and b"Quokka" not in base64.b64decode(envelope[4:])
    assert crypto.open_sealed(key, envelope, aad) == b'{"text": "Quokka"}'
    for wrong_place in (
        crypto.stage_aad(OTHER, SETBACK, "vent"),  # another person
        crypto.stage_aad(USER, "f" * 32, "vent"),  # another setback
        crypto.stage_aad(USER, SETBACK, "reflect"),  # another stage
        crypto.draft_aad(USER, SETBACK, "vent"),  # a draft is not a stage
    ):
        with pytest.raises(crypto.Tampered):
            crypto.open_sealed(key, envelope, wrong_place)
    with pytest.raises(crypto.Tampered):
        crypto.open_sealed(crypto.new_key(), envelope, aad)


def test_every_seal_takes_a_fresh_nonce():
    key = crypto.new_key()
    aad = crypto.stage_aad(USER, SETBACK, "vent")
    assert crypto.seal(key, b"same", aad) != crypto.seal(key, b"same", aad)


@pytest.mark.parametrize(
    "damage",
    [
        lambda e: e[:-4] + ("AAAA" if not e.endswith("AAAA") else "BBBB"),  # the tag changed
        lambda e: e[:10] + ("A" if e[10] != "A" else "B") + e[11:],  # the nonce changed
        lambda e: e[:20],  # cut short
        lambda e: e + "!!",  # not base64
        lambda e: "rb2:" + e[4:],  # not an envelope this version knows
        lambda e: "",
    ],
)
def test_a_changed_envelope_never_opens(damage):
    key = crypto.new_key()
    aad = crypto.stage_aad(USER, SETBACK, "vent")
    envelope = crypto.seal(key, b"x" * 100, aad)
    with pytest.raises(crypto.Tampered):
        crypto.open_sealed(key, damage(envelope), aad)


def test_a_key_of_the_wrong_size_is_refused_as_not_opening():
    envelope = crypto.seal(crypto.new_key(), b"x", b"aad")
    with pytest.raises(crypto.Tampered):
        crypto.open_sealed(b"", envelope, b"aad")


@given(st.binary(max_size=5_000), st.text(max_size=40))
def test_any_bytes_round_trip(plaintext, stage):
    key = b"k" * 32
    aad = crypto.stage_aad(USER, SETBACK, stage)
    assert crypto.open_sealed(key, crypto.seal(key, plaintext, aad), aad) == plaintext


def test_the_password_lock_opens_with_the_password_and_for_its_person_only():
    key = crypto.new_key()
    lock = crypto.lock_with_password(key, "Calm-Harbor-42", USER, CHEAP)
    assert lock.cost == CHEAP and key.hex() not in lock.model_dump_json()
    assert crypto.open_with_password(lock, "Calm-Harbor-42", USER) == key
    with pytest.raises(crypto.Tampered):
        crypto.open_with_password(lock, "Calm-Harbor-43", USER)
    with pytest.raises(crypto.Tampered):
        crypto.open_with_password(lock, "Calm-Harbor-42", OTHER)  # a keyring copied to another account
    assert crypto.lock_with_password(key, "Calm-Harbor-42", USER, CHEAP).salt != lock.salt


def test_recovery_codes_are_eight_distinct_100_bit_codes_in_groups_of_five():
    key = crypto.new_key()
    codes, locks = crypto.new_codes(key, USER)
    assert len(codes) == len(set(codes)) == len(locks) == 8
    for code in codes:
        groups = code.split("-")
        assert [len(g) for g in groups] == [5, 5, 5, 5]
        assert set("".join(groups)) <= set(crypto.CODE_ALPHABET)
    assert len(crypto.CODE_ALPHABET) ** crypto.CODE_CHARS == 2**100


def test_each_code_opens_its_own_lock_and_typing_slips_are_forgiven():
    key = crypto.new_key()
    codes, locks = crypto.new_codes(key, USER)
    for index, code in enumerate(codes):
        assert crypto.open_with_code(locks, code, USER) == (index, key)
    sloppy = " " + codes[3].lower().replace("-", " ").replace("0", "o").replace("1", "l") + " "
    assert crypto.open_with_code(locks, sloppy, USER) == (3, key)


@pytest.mark.parametrize("typed", ["", "not a code", "AAAAA-AAAAA-AAAAA-AAAA", "UUUUU-UUUUU-UUUUU-UUUUU"])
def test_anything_else_opens_no_code_lock(typed):
    _codes, locks = crypto.new_codes(crypto.new_key(), USER)
    assert crypto.open_with_code(locks, typed, USER) is None


def test_a_code_opens_nothing_for_another_person_or_from_another_set():
    key = crypto.new_key()
    codes, locks = crypto.new_codes(key, USER)
    assert crypto.open_with_code(locks, codes[0], OTHER) is None
    _, other_locks = crypto.new_codes(key, USER)
    assert crypto.open_with_code(other_locks, codes[0], USER) is None


def test_a_sign_in_lock_opens_with_its_secret_only():
    key = crypto.new_key()
    lock, secret = crypto.lock_for_sign_in(key, USER, "jti-1", 1000.0, 2000.0)
    assert (lock.id, lock.issued_at, lock.expires_at) == ("jti-1", 1000.0, 2000.0)
    assert secret not in lock.model_dump_json()
    assert crypto.open_sign_in(lock, secret, USER) == key
    _, other_secret = crypto.lock_for_sign_in(key, USER, "jti-1", 1000.0, 2000.0)
    with pytest.raises(crypto.Tampered):
        crypto.open_sign_in(lock, other_secret, USER)
    with pytest.raises(crypto.Tampered):
        crypto.open_sign_in(lock.model_copy(update={"id": "jti-2"}), secret, USER)
    with pytest.raises(crypto.Tampered):
        crypto.open_sign_in(lock, secret, OTHER)


def test_fingerprints_tell_keys_apart_and_no_key_is_empty():
    key = crypto.new_key()
    assert crypto.fingerprint(key) == crypto.fingerprint(key) != crypto.fingerprint(crypto.new_key())
    assert crypto.fingerprint(None) == ""
    assert key.hex() not in crypto.fingerprint(key)
