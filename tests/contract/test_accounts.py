"""Contract: accounts — look up by username and email, add, change, count failures, remove, race."""

from __future__ import annotations

import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from core.models import Intake, Vent
from core.storage import (
    AccountNotFound,
    AccountUnreadable,
    EmailTaken,
    Person,
    SetbackNotFound,
    UsernameTaken,
)
from tests.contract import _workers
from tests.contract.conftest import account

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
WINDOW = timedelta(minutes=15)


def test_an_added_account_is_found_by_username_in_any_case_and_by_email_in_any_case(store):
    store.add_account(account("li.wei", "Li.Wei@Example.org"))
    assert store.account("li.wei").email == "Li.Wei@Example.org"
    assert store.account(" LI.WEI ").username == "li.wei"
    assert store.account_by_email("li.wei@example.ORG").username == "li.wei"
    assert store.account("li") is None
    assert store.account_by_email("someone@example.org") is None
    assert store.account_by_email("") is None


def test_a_taken_username_or_email_is_refused_and_the_first_account_is_unchanged(store):
    store.add_account(account("sam", "sam@example.org", first_name="First"))
    with pytest.raises(UsernameTaken):
        store.add_account(account("sam", "other@example.org"))
    with pytest.raises(EmailTaken):
        store.add_account(account("samantha", "SAM@example.org"))
    assert store.account("sam").first_name == "First"
    assert store.account("samantha") is None
    assert store.count_accounts() == 1


def test_names_that_differ_only_in_case_folding_are_one_name(store):
    store.add_account(account("straße", "a@example.org"))
    with pytest.raises(UsernameTaken):
        store.add_account(account("strasse", "b@example.org"))


def test_changing_fields_keeps_the_others_and_moves_the_email(store):
    store.add_account(account("sam", "sam@example.org"))
    changed = store.update_account("SAM", first_name="Samira", email="samira@example.org", theme="dark")
    assert (changed.first_name, changed.email, changed.theme) == ("Samira", "samira@example.org", "dark")
    assert store.account("sam").password_hash == changed.password_hash
    assert store.account_by_email("samira@example.org").username == "sam"
    assert store.account_by_email("sam@example.org") is None
    store.add_account(account("other", "sam@example.org"))  # the old email is free again
    with pytest.raises(EmailTaken):
        store.update_account("sam", email="SAM@example.org")
    assert store.account("sam").email == "samira@example.org"


def test_changing_an_unknown_account_is_refused(store):
    with pytest.raises(AccountNotFound):
        store.update_account("nobody", first_name="X")
    with pytest.raises(AccountNotFound):
        store.record_failed_sign_in("nobody", NOW, WINDOW)


def test_failed_sign_ins_count_up_and_start_again_after_the_window(store):
    store.add_account(account("sam"))
    for expected in (1, 2, 3):
        assert store.record_failed_sign_in("sam", NOW, WINDOW).failed_sign_ins == expected
    later = store.record_failed_sign_in("sam", NOW + WINDOW, WINDOW)
    assert (later.failed_sign_ins, later.failed_sign_in_at) == (1, NOW + WINDOW)


def test_failed_sign_ins_from_many_threads_are_all_counted(store):
    store.add_account(account("sam"))
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda _: store.record_failed_sign_in("sam", datetime.now(UTC), WINDOW), range(40)))
    assert store.account("sam").failed_sign_ins == 40


def test_failed_sign_ins_from_two_processes_are_all_counted(kit, spawn):
    kit.store.add_account(account("sam"))
    context = spawn
    barrier = context.Manager().Barrier(2)
    with ProcessPoolExecutor(2, mp_context=context) as pool:
        done = [pool.submit(_workers.fail_sign_ins, kit.location, "sam", 25, barrier) for _ in range(2)]
        assert [f.result() for f in done] == [25, 25]
    assert kit.reopen().account("sam").failed_sign_ins == 50


def test_two_processes_registering_one_name_at_once_make_exactly_one_account(kit, spawn):
    context = spawn
    manager = context.Manager()
    for round_ in range(3):
        barrier = manager.Barrier(2)
        with ProcessPoolExecutor(2, mp_context=context) as pool:
            futures = [
                pool.submit(
                    _workers.register, kit.location, f"racer{round_}", f"r{round_}-{i}@example.org", barrier
                )
                for i in range(2)
            ]
            outcomes = sorted(f.result() for f in futures)
        assert outcomes == ["ok", "username_taken"]


def test_two_processes_registering_one_email_at_once_make_exactly_one_account(kit, spawn):
    context = spawn
    manager = context.Manager()
    for round_ in range(3):
        barrier = manager.Barrier(2)
        with ProcessPoolExecutor(2, mp_context=context) as pool:
            futures = [
                pool.submit(
                    _workers.register, kit.location, f"name{round_}{i}", f"Same{round_}@example.org", barrier
                )
                for i in range(2)
            ]
            outcomes = sorted(f.result() for f in futures)
        assert outcomes == ["email_taken", "ok"]
        assert kit.store.account_by_email(f"same{round_}@example.org") is not None


def test_many_threads_registering_different_names_all_succeed(store):
    errors = []

    def register(index: int) -> None:
        try:
            store.add_account(account(f"person{index}"))
        except Exception as error:  # noqa: BLE001 - the test reports any failure
            errors.append(error)

    threads = [threading.Thread(target=register, args=(i,)) for i in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert store.count_accounts() == 30


def test_removing_an_account_removes_its_data_and_frees_the_name_and_email(store):
    store.add_account(account("sam", "sam@example.org"))
    store.add_account(account("kim", "kim@example.org"))
    sam, kim = Person("sam"), Person("kim")
    setback = store.create(sam, Intake(company="Acme", heard_on=NOW.date()))
    store.save_draft(sam, setback.id, "vent", {"text": "half a thought"})
    kept = store.create(kim, Intake(company="Kept", heard_on=NOW.date()))

    store.remove_account("SAM")

    assert store.account("sam") is None
    assert store.account_by_email("sam@example.org") is None
    assert store.list(sam).setbacks == []
    assert store.drafts(sam) == []
    with pytest.raises(SetbackNotFound):
        store.load(sam, setback.id)
    assert [s.id for s in store.list(kim).setbacks] == [kept.id]
    store.add_account(account("sam", "sam@example.org"))  # a newcomer with that name starts empty
    assert store.list(sam).setbacks == []
    assert store.count_accounts() == 2


def test_nothing_is_written_for_a_person_without_an_account(store):
    ghost = Person("ghost")
    with pytest.raises(AccountNotFound):
        store.create(ghost, Intake(company="Acme", heard_on=NOW.date()))
    assert store.list(ghost).setbacks == []
    assert store.account("ghost") is None
    assert store.count_accounts() == 0


def test_a_stray_tab_of_a_deleted_account_cannot_save(store):
    store.add_account(account("sam"))
    sam = Person("sam")
    setback = store.create(sam, Intake(company="Acme", heard_on=NOW.date()))
    store.remove_account("sam")
    with pytest.raises((AccountNotFound, SetbackNotFound)):
        store.save_stage(sam, setback.id, "vent", Vent(text="written after the deletion"))
    with pytest.raises((AccountNotFound, SetbackNotFound)):
        store.save_draft(sam, setback.id, "vent", {"text": "x"})
    store.add_account(account("sam"))
    assert store.list(sam).setbacks == []


def test_a_damaged_account_is_never_taken_for_no_account(kit):
    kit.store.add_account(account("sam"))
    kit.damage_account("sam")
    fresh = kit.reopen()
    with pytest.raises(AccountUnreadable):
        fresh.account("sam")
    with pytest.raises((AccountUnreadable, UsernameTaken)):
        fresh.add_account(account("sam", "new@example.org"))


def test_an_installation_secret_is_made_once_and_shared_by_every_process(kit, spawn):
    context = spawn
    barrier = context.Manager().Barrier(3)
    with ProcessPoolExecutor(3, mp_context=context) as pool:
        values = {f.result() for f in [pool.submit(_workers.secret, kit.location, barrier) for _ in range(3)]}
    assert len(values) == 1
    assert kit.store.secret("cookie", lambda: "not used") == values.pop()
