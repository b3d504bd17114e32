"""Contract: what encryption at rest needs of a backend — atomic account changes, whole-document swaps
only if unchanged, and ciphertext kept exactly as handed over."""

from __future__ import annotations

import json
import multiprocessing
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from datetime import date

import pytest

from core import crypto
from core.crypto import Keyring, PasswordLock, SignInLock
from core.models import Intake, Vent
from core.storage import AccountNotFound, Person, SetbackChanged, SetbackNotFound, StorageError
from tests.contract import _workers
from tests.contract.conftest import account
from tests.factories import full_setback

RING = Keyring(password=PasswordLock(salt="s", cost=crypto.KdfCost(), box="b"), check="c")


def add_sign_in(sign_in_id: str):
    """A modify_account change that appends one (dummy) sign-in lock to the latest keyring."""

    def change(latest):
        lock = SignInLock(id=sign_in_id, issued_at=1.0, expires_at=2.0, salt="s", box="b")
        return {"keyring": latest.keyring.model_copy(update={"sign_ins": (*latest.keyring.sign_ins, lock)})}

    return change


@pytest.fixture
def ringed(store) -> Person:
    store.add_account(account("sam", keyring=RING))
    return Person("sam")


def test_an_account_keeps_its_keyring_as_it_was_given(store, ringed):
    assert store.account("sam").keyring == RING


def test_modify_account_applies_the_change_to_the_latest_record(store, ringed):
    store.update_account("sam", first_name="Latest")
    seen = []

    def change(latest):
        seen.append(latest.first_name)
        return {"theme": "dark"}

    changed = store.modify_account("SAM", change)
    assert seen == ["Latest"]
    assert (changed.theme, changed.first_name) == ("dark", "Latest")
    assert store.account("sam").theme == "dark"


def test_modify_account_writes_nothing_when_the_change_is_empty_or_raises(store, ringed):
    before = store.account("sam")
    assert store.modify_account("sam", lambda latest: {}) == before

    def refuse(latest):
        raise LookupError("no")

    with pytest.raises(LookupError):
        store.modify_account("sam", refuse)
    assert store.account("sam") == before


def test_modify_account_never_changes_the_username_or_email_and_needs_an_account(store, ringed):
    with pytest.raises(ValueError):
        store.modify_account("sam", lambda latest: {"email": "other@example.org"})
    with pytest.raises(AccountNotFound):
        store.modify_account("nobody", lambda latest: {"theme": "dark"})
    assert store.account("sam").email == "sam@example.org"


def test_threads_changing_one_keyring_at_once_lose_no_change(store, ringed):
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda n: store.modify_account("sam", add_sign_in(f"t-{n}")), range(40)))
    assert sorted(lock.id for lock in store.account("sam").keyring.sign_ins) == sorted(
        f"t-{n}" for n in range(40)
    )


def test_two_processes_changing_one_keyring_lose_no_change(kit, ringed):
    context = multiprocessing.get_context("spawn")
    barrier = context.Manager().Barrier(2)
    with ProcessPoolExecutor(2, mp_context=context) as pool:
        futures = [
            pool.submit(_workers.remember_many, kit.location, "sam", prefix, 25, barrier)
            for prefix in ("a", "b")
        ]
        assert [f.result() for f in futures] == [25, 25]
    ids = {lock.id for lock in kit.reopen().account("sam").keyring.sign_ins}
    assert ids == {f"{p}-{n}" for p in ("a", "b") for n in range(25)}


def test_replace_setback_swaps_the_whole_document_when_it_is_unchanged(store, ringed):
    setback = store.create(ringed, Intake(company="Acme", heard_on=date(2026, 1, 2)))
    stored = store.backend.load_setback("sam", setback.id)
    document = json.loads(stored.raw)
    document["intake"] = "rb1:opaque"
    replaced = store.backend.replace_setback("sam", setback.id, json.dumps(document).encode(), stored.version)
    assert replaced.version != stored.version
    assert json.loads(store.backend.load_setback("sam", setback.id).raw)["intake"] == "rb1:opaque"


def test_replace_setback_refuses_once_the_setback_has_changed_and_keeps_the_change(store, ringed):
    setback = store.create(ringed, Intake(company="Acme", heard_on=date(2026, 1, 2)))
    stored = store.backend.load_setback("sam", setback.id)
    store.save_stage(ringed, setback.id, "vent", Vent(text="saved meanwhile"))
    with pytest.raises(SetbackChanged):
        store.backend.replace_setback("sam", setback.id, stored.raw, stored.version)
    assert store.load(ringed, setback.id).vent.text == "saved meanwhile"


def test_replace_setback_of_a_missing_setback_or_person_is_refused(store, ringed):
    with pytest.raises(SetbackNotFound):
        store.backend.replace_setback("sam", "f" * 32, b"{}", "x")
    with pytest.raises(StorageError):
        store.backend.replace_setback("nobody", "f" * 32, b"{}", "x")


def test_sealed_setbacks_and_drafts_round_trip_through_the_backend(kit, ringed):
    person = Person.named("sam", crypto.new_key())
    model = full_setback()
    setback = kit.store.create(person, model.intake)
    for stage in ("vent", "reflect", "next_targets", "summary"):
        kit.store.save_stage(person, setback.id, stage, model.stage(stage))
    kit.store.save_draft(person, setback.id, "vent", {"text": "a sealed draft"})
    raw = kit.store.backend.load_setback("sam", setback.id).raw
    assert b"Quokkavent" not in raw and b"Acme Rockets" not in raw
    reopened = kit.reopen()
    loaded = reopened.load(person, setback.id)
    assert loaded.vent.text == model.vent.text and loaded.next_targets.targets == model.next_targets.targets
    assert reopened.load_draft(person, setback.id, "vent").values == {"text": "a sealed draft"}
    assert b"a sealed draft" not in b"".join(raw for _, _, raw in reopened.backend.list_drafts("sam"))
