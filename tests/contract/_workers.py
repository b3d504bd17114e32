"""Work done in other processes for the contract suite (importable under the spawn start method)."""

from __future__ import annotations

from datetime import UTC, datetime

from core.models import Intake, Vent, WentWell
from core.storage import EmailTaken, Person, UsernameTaken, open_location
from tests.contract.conftest import account


def register(location: str, username: str, email: str, barrier) -> str:
    """Try to register once, all processes at the same instant; say what happened."""
    store = open_location(location)
    barrier.wait()
    try:
        store.add_account(account(username, email))
    except UsernameTaken:
        return "username_taken"
    except EmailTaken:
        return "email_taken"
    finally:
        store.close()
    return "ok"


def save_many(location: str, username: str, setback_id: str, stage: str, rounds: int, barrier) -> int:
    """Save one stage `rounds` times; returns how many saves returned."""
    store = open_location(location)
    person = Person(username)
    barrier.wait()
    done = 0
    for index in range(rounds):
        if stage == "vent":
            store.save_stage(person, setback_id, "vent", Vent(text=f"vent {index}"))
        else:
            store.save_stage(person, setback_id, "went_well", WentWell(wins=[f"win {index}"]))
        done += 1
    store.close()
    return done


def fail_sign_ins(location: str, username: str, rounds: int, barrier) -> int:
    store = open_location(location)
    barrier.wait()
    from datetime import timedelta

    for _ in range(rounds):
        store.record_failed_sign_in(username, datetime.now(UTC), timedelta(minutes=15))
    store.close()
    return rounds


def secret(location: str, barrier) -> str:
    import secrets

    store = open_location(location)
    barrier.wait()
    value = store.secret("cookie", lambda: secrets.token_urlsafe(48))
    store.close()
    return value


def create(location: str, username: str) -> str:
    store = open_location(location)
    setback = store.create(Person(username), Intake(company="Acme", heard_on=datetime(2026, 1, 2).date()))
    store.close()
    return setback.id


def remember_many(location: str, username: str, prefix: str, rounds: int, barrier) -> int:
    """Add `rounds` remembered sign-ins to a keyring through modify_account, racing the others."""
    from tests.contract.test_keys_and_sealing import add_sign_in

    store = open_location(location)
    barrier.wait()
    for index in range(rounds):
        store.modify_account(username, add_sign_in(f"{prefix}-{index}"))
    store.close()
    return rounds


def take_counts(location: str, key: str, tries: int, limit: int, barrier) -> int:
    """Try to count `tries` events under one key, all processes at once; how many were granted."""
    from datetime import timedelta

    store = open_location(location)
    barrier.wait()
    granted = sum(
        store.count_event(key, datetime.now(UTC), timedelta(minutes=15), limit) <= limit for _ in range(tries)
    )
    store.close()
    return granted
