"""core.keys: unlocking at sign-in, remembered sign-ins, recovery codes (use, exhaustion), new passwords."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from core import auth, crypto, keys
from core.models import Intake, Vent
from core.storage import Person, Store, user_id
from tests.factories import CHEAP_KDF, HEARD_ON, PASSWORD, add_encrypted_person, add_person, files_store

NEW_PASSWORD = "Quiet-Meadow-77"
LIMITS = {"max_attempts": 5, "cool_down": timedelta(minutes=15), "cost": CHEAP_KDF}


@pytest.fixture
def store(data_dir):
    return files_store(data_dir)


def _setback_file(data_dir, username: str, setback_id: str):
    return data_dir / "users" / user_id(username) / "setbacks" / f"{setback_id}.json"


# -- unlocking at sign-in ------------------------------------------------------------------------


def test_first_sign_in_since_encryption_makes_a_key_with_eight_codes_and_later_ones_open_it(store):
    add_person(store, "sam")
    unlocked = keys.unlock(store, store.account("sam"), PASSWORD, encryption=True, cost=CHEAP_KDF)
    assert len(unlocked.key) == 32 and len(unlocked.codes) == 8
    ring = store.account("sam").keyring
    assert ring is not None and len(ring.codes) == 8 and not ring.codes_kept
    again = keys.unlock(store, store.account("sam"), PASSWORD, encryption=True, cost=CHEAP_KDF)
    assert again.key == unlocked.key and again.codes == ()


def test_with_encryption_off_an_account_from_before_gets_no_key(store):
    add_person(store, "sam")
    assert keys.unlock(store, store.account("sam"), PASSWORD, encryption=False, cost=CHEAP_KDF) is None
    assert store.account("sam").keyring is None


def test_an_account_that_has_a_key_keeps_it_when_encryption_is_turned_off(store):
    person, _ = add_encrypted_person(store)
    unlocked = keys.unlock(store, store.account("sam"), PASSWORD, encryption=False, cost=CHEAP_KDF)
    assert unlocked.key == person.key


def test_two_servers_making_the_first_key_at_once_end_with_one_key(store):
    add_person(store, "sam")
    before = store.account("sam")  # both servers read the account before either wrote
    first = keys.unlock(store, before, PASSWORD, encryption=True, cost=CHEAP_KDF)
    second = keys.unlock(store, before, PASSWORD, encryption=True, cost=CHEAP_KDF)
    assert first.key == second.key and second.codes == ()
    assert keys.opens(store.account("sam").keyring, first.key, "sam")


def test_a_password_lock_of_a_lower_cost_is_made_again_at_the_current_cost(store):
    person, _ = add_encrypted_person(store)
    higher = CHEAP_KDF.model_copy(update={"iterations": 2})
    unlocked = keys.unlock(store, store.account("sam"), PASSWORD, encryption=True, cost=higher)
    assert unlocked.key == person.key
    assert store.account("sam").keyring.password.cost == higher


def test_a_damaged_password_lock_opens_nothing_and_changes_nothing(store):
    add_encrypted_person(store)
    ring = store.account("sam").keyring
    other = crypto.lock_with_password(crypto.new_key(), "something else", user_id("sam"), CHEAP_KDF)
    store.update_account("sam", keyring=ring.model_copy(update={"password": other}))
    assert keys.unlock(store, store.account("sam"), PASSWORD, encryption=True, cost=CHEAP_KDF) is None


# -- remembered sign-ins -------------------------------------------------------------------------


def test_a_remembered_sign_in_opens_the_key_until_it_expires(store):
    person, _ = add_encrypted_person(store)
    now = time.time()
    secret = keys.remember_sign_in(store, "sam", person.key, "jti-1", now, now + 60)
    account = store.account("sam")
    assert keys.open_remembered(account, "jti-1", secret) == person.key
    assert keys.open_remembered(account, "jti-1", secret, now=now + 61) is None
    assert keys.open_remembered(account, "jti-2", secret) is None
    assert keys.open_remembered(account, "jti-1", secret[:-2] + "AA") is None
    assert secret not in account.model_dump_json()


def test_signing_out_removes_every_remembered_sign_in_so_a_kept_cookie_opens_nothing(store):
    person, _ = add_encrypted_person(store)
    now = time.time()
    secrets = [keys.remember_sign_in(store, "sam", person.key, f"jti-{n}", now, now + 60) for n in range(3)]
    keys.forget_sign_ins(store, "sam")
    account = store.account("sam")
    assert account.keyring.sign_ins == ()
    assert all(keys.open_remembered(account, f"jti-{n}", s) is None for n, s in enumerate(secrets))


def test_a_sign_in_from_before_the_last_sign_out_opens_nothing_even_if_its_lock_is_still_there(store):
    person, _ = add_encrypted_person(store)
    now = time.time()
    secret = keys.remember_sign_in(store, "sam", person.key, "jti-1", now, now + 60)
    store.update_account("sam", sessions_after=now + 1)
    assert keys.open_remembered(store.account("sam"), "jti-1", secret) is None


def test_ended_sign_ins_are_dropped_and_no_more_than_twenty_are_kept(store):
    person, _ = add_encrypted_person(store)
    now = time.time()
    keys.remember_sign_in(store, "sam", person.key, "expired", now - 100, now - 1)
    for n in range(25):
        keys.remember_sign_in(store, "sam", person.key, f"jti-{n}", now, now + 60)
    kept = [lock.id for lock in store.account("sam").keyring.sign_ins]
    assert kept == [f"jti-{n}" for n in range(5, 25)]


def test_nothing_is_locked_with_a_key_that_is_not_the_persons(store):
    add_encrypted_person(store)
    with pytest.raises(keys.WrongKey):
        keys.remember_sign_in(store, "sam", crypto.new_key(), "jti-1", time.time(), time.time() + 60)
    with pytest.raises(keys.WrongKey):
        keys.renew_codes(store, "sam", crypto.new_key())
    assert store.account("sam").keyring.sign_ins == ()


def test_the_unlock_secret_is_read_only_from_a_genuine_cookie():
    claims = {"username": "sam", "exp_date": time.time() + 60, "jti": "jti-1", "unlock": "secret"}
    assert keys.cookie_unlock(jwt.encode(claims, "k" * 43, algorithm="HS256"), "k" * 43) == (
        "jti-1",
        "secret",
    )
    assert keys.cookie_unlock(jwt.encode(claims, "x" * 43, algorithm="HS256"), "k" * 43) is None
    no_secret = {k: v for k, v in claims.items() if k != "unlock"}
    assert keys.cookie_unlock(jwt.encode(no_secret, "k" * 43, algorithm="HS256"), "k" * 43) is None
    assert keys.cookie_unlock("", "k" * 43) is None
    assert keys.cookie_unlock("not a token", "k" * 43) is None


# -- recovery codes --------------------------------------------------------------------------------


def test_a_recovery_code_sets_a_new_password_keeps_the_key_and_is_used_up(store, data_dir):
    person, codes = add_encrypted_person(store)
    setback = store.create(person, Intake(company="Acme", heard_on=HEARD_ON))
    store.save_stage(person, setback.id, "vent", Vent(text="still mine"))
    secret = keys.remember_sign_in(store, "sam", person.key, "jti-1", time.time(), time.time() + 60)
    recovered = keys.recover(store, "SAM", codes[2], NEW_PASSWORD, **LIMITS)
    assert recovered.key == person.key and recovered.codes_left == 7
    account = store.account("sam")
    assert auth.verify_password(NEW_PASSWORD, account.password_hash)
    assert not auth.verify_password(PASSWORD, account.password_hash)
    assert crypto.open_with_password(account.keyring.password, NEW_PASSWORD, user_id("sam")) == person.key
    with pytest.raises(crypto.Tampered):
        crypto.open_with_password(account.keyring.password, PASSWORD, user_id("sam"))
    assert keys.open_remembered(account, "jti-1", secret) is None  # every other sign-in ended
    assert account.sessions_after > 0
    assert store.load(Person.named("sam", recovered.key), setback.id).vent.text == "still mine"
    with pytest.raises(keys.CodeRefused):
        keys.recover(store, "sam", codes[2], "Another-Meadow-78", **LIMITS)
    assert auth.verify_password(NEW_PASSWORD, store.account("sam").password_hash)


def test_all_eight_codes_work_once_each_then_none_is_left(store):
    person, codes = add_encrypted_person(store)
    for used, code in enumerate(codes, start=1):
        recovered = keys.recover(store, "sam", code, f"{NEW_PASSWORD}-{used}", **LIMITS)
        assert recovered.key == person.key and recovered.codes_left == 8 - used
    assert keys.codes_left(store.account("sam")) == 0
    with pytest.raises(keys.CodeRefused):
        keys.recover(store, "sam", codes[-1], NEW_PASSWORD, **LIMITS)
    assert store.account("sam").failed_sign_ins == 1  # a used code counts as a wrong one


def test_wrong_codes_count_like_wrong_passwords_and_pause_the_account(store):
    _, codes = add_encrypted_person(store)
    now = datetime.now(UTC)
    for _attempt in range(4):
        with pytest.raises(keys.CodeRefused):
            keys.recover(store, "sam", crypto.new_code(), NEW_PASSWORD, now=now, **LIMITS)
    assert store.account("sam").failed_sign_ins == 4
    with pytest.raises(auth.SignInPaused):
        keys.recover(store, "sam", "wrong", NEW_PASSWORD, now=now, **LIMITS)
    # While paused even the right code waits, and is not used up.
    with pytest.raises(auth.SignInPaused):
        keys.recover(store, "sam", codes[0], NEW_PASSWORD, now=now, **LIMITS)
    assert keys.codes_left(store.account("sam")) == 8
    later = now + timedelta(minutes=16)
    assert keys.recover(store, "sam", codes[0], NEW_PASSWORD, now=later, **LIMITS).codes_left == 7
    assert store.account("sam").failed_sign_ins == 0


def test_a_code_for_an_unknown_name_or_an_account_without_a_key_is_refused_and_nothing_written(store):
    add_person(store, "robin")
    with pytest.raises(keys.CodeRefused):
        keys.recover(store, "nobody", crypto.new_code(), NEW_PASSWORD, **LIMITS)
    with pytest.raises(keys.CodeRefused):
        keys.recover(store, "robin", crypto.new_code(), NEW_PASSWORD, **LIMITS)
    assert store.account("robin").failed_sign_ins == 0
    assert store.account("nobody") is None


def test_a_new_set_of_codes_stops_the_old_ones(store):
    person, old = add_encrypted_person(store)
    keys.mark_codes_kept(store, "sam")
    assert store.account("sam").keyring.codes_kept
    new = keys.renew_codes(store, "sam", person.key)
    ring = store.account("sam").keyring
    assert len(new) == 8 and not set(new) & set(old) and not ring.codes_kept
    with pytest.raises(keys.CodeRefused):
        keys.recover(store, "sam", old[0], NEW_PASSWORD, **LIMITS)
    assert keys.recover(store, "sam", new[0], NEW_PASSWORD, **LIMITS).key == person.key


# -- a new password --------------------------------------------------------------------------------


def test_changing_the_password_re_locks_the_same_key_without_re_encrypting_anything(store, data_dir):
    person, codes = add_encrypted_person(store)
    setback = store.create(person, Intake(company="Acme", heard_on=HEARD_ON))
    store.save_stage(person, setback.id, "vent", Vent(text="written before the change"))
    on_disk = _setback_file(data_dir, "sam", setback.id).read_bytes()
    keys.remember_sign_in(store, "sam", person.key, "jti-1", time.time(), time.time() + 60)
    keys.change_password(store, "sam", NEW_PASSWORD, person.key, sessions_after=time.time(), cost=CHEAP_KDF)
    account = store.account("sam")
    assert _setback_file(data_dir, "sam", setback.id).read_bytes() == on_disk
    assert auth.verify_password(NEW_PASSWORD, account.password_hash)
    opened = keys.unlock(store, account, NEW_PASSWORD, encryption=True, cost=CHEAP_KDF)
    assert opened.key == person.key
    with pytest.raises(crypto.Tampered):
        crypto.open_with_password(account.keyring.password, PASSWORD, user_id("sam"))
    assert account.keyring.sign_ins == ()  # other browsers are signed out
    assert (
        keys.recover(store, "sam", codes[0], "Third-Meadow-79", **LIMITS).key == person.key
    )  # codes still work


def test_the_password_of_an_account_with_a_key_never_changes_without_that_key(store):
    add_encrypted_person(store)
    before = store.account("sam")
    for key in (None, crypto.new_key()):
        with pytest.raises(keys.WrongKey):
            keys.change_password(store, "sam", NEW_PASSWORD, key, sessions_after=time.time(), cost=CHEAP_KDF)
    assert store.account("sam") == before


def test_an_account_without_a_key_changes_its_password_as_before(store):
    add_person(store, "sam")
    keys.change_password(store, "sam", NEW_PASSWORD, None, sessions_after=123.0, cost=CHEAP_KDF)
    account = store.account("sam")
    assert auth.verify_password(NEW_PASSWORD, account.password_hash) and account.sessions_after == 123.0
    assert account.keyring is None


# -- sealing what was written before ---------------------------------------------------------------


def test_the_first_unlock_seals_older_writing_and_marks_the_keyring(store, data_dir):
    sam = add_person(store, "sam")
    setback = store.create(sam, Intake(company="Plainly Inc", heard_on=HEARD_ON))
    store.save_stage(sam, setback.id, "vent", Vent(text="written before encryption"))
    unlocked = keys.unlock(store, store.account("sam"), PASSWORD, encryption=True, cost=CHEAP_KDF)
    sweep = keys.seal_old_writing(store, unlocked.account, unlocked.key)
    assert (sweep.setbacks, sweep.complete) == (1, True)
    assert store.account("sam").keyring.sealed_all
    raw = _setback_file(data_dir, "sam", setback.id).read_bytes()
    assert b"Plainly" not in raw and b"written before" not in raw
    opened = store.load(Person.named("sam", unlocked.key), setback.id)
    assert (opened.intake.company, opened.vent.text) == ("Plainly Inc", "written before encryption")
    assert keys.seal_old_writing(store, store.account("sam"), unlocked.key).setbacks == 0


@pytest.fixture
def held_sweep(monkeypatch):
    """Hold every background sweep at its start until `release` is set (the sign-in goes on)."""
    release, started = threading.Event(), threading.Event()
    real = Store.seal_everything

    def held(self, person):
        started.set()
        assert release.wait(30), "the test never let the sweep go"
        return real(self, person)

    monkeypatch.setattr(Store, "seal_everything", held)
    yield started, release
    release.set()


def test_the_background_sweep_seals_once_at_a_time_and_its_problems_reach_the_next_listing(
    store, data_dir, held_sweep
):
    started, release = held_sweep
    sam = add_person(store, "sam")
    good = store.create(sam, Intake(company="Plainly Inc", heard_on=HEARD_ON))
    broken = store.create(sam, Intake(company="Broken Co", heard_on=HEARD_ON))
    _setback_file(data_dir, "sam", broken.id).write_bytes(b'{"schema_version": 2, "id": ')
    unlocked = keys.unlock(store, store.account("sam"), PASSWORD, encryption=True, cost=CHEAP_KDF)
    thread = keys.seal_in_background(store, unlocked.account, unlocked.key)
    assert started.wait(30)
    assert keys.seal_in_background(store, unlocked.account, unlocked.key) is None  # one at a time
    assert b"Plainly" in _setback_file(data_dir, "sam", good.id).read_bytes()  # still waiting
    release.set()
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert b"Plainly" not in _setback_file(data_dir, "sam", good.id).read_bytes()
    assert store.account("sam").keyring.sealed_all
    listing = store.list(Person.named("sam", unlocked.key))
    assert [s.id for s in listing.setbacks] == [good.id]
    assert [(p.setback_id, p.key) for p in listing.problems] == [(broken.id, "damaged")]
    assert store.list(Person.named("sam", unlocked.key)).problems == []  # reported once
    again = keys.seal_in_background(store, store.account("sam"), unlocked.key)
    assert again is not None  # free again once done
    again.join(timeout=30)


def test_another_persons_sweep_or_another_stores_runs_beside_a_running_one(store, data_dir, held_sweep):
    started, release = held_sweep
    for name in ("sam", "robin"):
        add_person(store, name)
    key = crypto.new_key()
    first = keys.seal_in_background(store, store.account("sam"), key)
    assert started.wait(30)
    others = [
        keys.seal_in_background(store, store.account("robin"), key),
        keys.seal_in_background(files_store(data_dir), store.account("sam"), key),
    ]
    assert None not in others
    release.set()
    for thread in (first, *others):
        thread.join(timeout=30)


def test_a_sweep_that_stops_is_logged_frees_its_place_and_the_next_unlock_finishes_it(
    store, data_dir, monkeypatch, caplog
):
    sam = add_person(store, "sam")
    setback = store.create(sam, Intake(company="Plainly Inc", heard_on=HEARD_ON))
    unlocked = keys.unlock(store, store.account("sam"), PASSWORD, encryption=True, cost=CHEAP_KDF)
    real = Store.seal_everything

    def stops(self, person):
        raise OSError("the disk went away")

    monkeypatch.setattr(Store, "seal_everything", stops)
    with caplog.at_level("ERROR", logger="rebound.keys"):
        keys.seal_in_background(store, unlocked.account, unlocked.key).join(timeout=30)
    assert "Sealing older writing stopped" in caplog.text
    assert b"Plainly" in _setback_file(data_dir, "sam", setback.id).read_bytes()  # as it was
    assert not store.account("sam").keyring.sealed_all
    assert store.load(sam, setback.id).intake.company == "Plainly Inc"  # still readable as before

    monkeypatch.setattr(Store, "seal_everything", real)
    again = keys.unlock(store, store.account("sam"), PASSWORD, encryption=True, cost=CHEAP_KDF)
    thread = keys.seal_in_background(store, again.account, again.key)
    assert thread is not None  # the stopped sweep did not keep its place
    thread.join(timeout=30)
    assert b"Plainly" not in _setback_file(data_dir, "sam", setback.id).read_bytes()
    assert store.account("sam").keyring.sealed_all


def test_saves_while_the_background_sweep_seals_are_all_kept_and_sealed(store, data_dir, held_sweep):
    started, release = held_sweep
    plain = add_person(store, "sam")
    setbacks = [store.create(plain, Intake(company=f"Plain {n}", heard_on=HEARD_ON)) for n in range(30)]
    unlocked = keys.unlock(store, store.account("sam"), PASSWORD, encryption=True, cost=CHEAP_KDF)
    person = Person.named("sam", unlocked.key)
    thread = keys.seal_in_background(store, unlocked.account, unlocked.key)
    assert started.wait(30)
    release.set()
    # The person saves into every setback while the sweep goes through them, from this server
    # and from another one (another replica, where they are signed in too).
    other_server = files_store(data_dir)
    for index, setback in enumerate(setbacks):
        (other_server if index % 2 else store).save_stage(
            person, setback.id, "vent", Vent(text=f"saved during the sweep {index}")
        )
    thread.join(timeout=60)
    assert not thread.is_alive()
    assert store.account("sam").keyring.sealed_all
    reread = files_store(data_dir)
    for index, setback in enumerate(setbacks):
        raw = _setback_file(data_dir, "sam", setback.id).read_bytes()
        assert b"Plain " not in raw and b"saved during" not in raw, index
        opened = reread.load(person, setback.id)
        assert (opened.intake.company, opened.vent.text) == (
            f"Plain {index}",
            f"saved during the sweep {index}",
        )


def test_a_password_chosen_with_spaces_at_its_ends_opens_the_key_as_the_sign_in_form_sends_it(store):
    # The authenticator's sign-in form trims the password; bcrypt's check does too (core.auth), so
    # the key must open with the trimmed password, or a person could sign in and read nothing.
    add_encrypted_person(store, "sam", password="  a long passphrase  ")
    unlocked = keys.unlock(store, store.account("sam"), "a long passphrase", encryption=True, cost=CHEAP_KDF)
    assert unlocked is not None and unlocked.account.keyring is not None
