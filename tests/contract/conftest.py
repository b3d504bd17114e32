"""The contract suite's backends: every test here runs once per backend that can run.

A backend joins by adding a `Kit` to `KITS`: how to make a fresh store, how to reach the same
store from another process (a location string for `core.storage.open_location`), and how to
damage a record the way a bad disk or a bad hand would.
"""

from __future__ import annotations

import json
import multiprocessing
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from core.auth import hash_password
from core.storage import Account, Person, Store, open_location, user_id


@dataclass
class Kit:
    """A fresh store on one backend, and the backend-specific ways to break it."""

    store: Store
    location: str
    damage_setback: Callable[[str, str], None]
    damage_account: Callable[[str], None]
    reopen: Callable[[], Store]


def _files_kit(tmp_path: Path) -> Kit:
    root = tmp_path / "contract-data"
    location = f"files:{root}"

    def damage_setback(username: str, setback_id: str) -> None:
        path = root / "users" / user_id(username) / "setbacks" / f"{setback_id}.json"
        path.write_bytes(path.read_bytes()[:40])

    def damage_account(username: str) -> None:
        folder = root / "users" / user_id(username)
        for name in ("account.json", "account.last-good.json"):
            (folder / name).write_text('{"username": ')

    return Kit(
        open_location(location), location, damage_setback, damage_account, lambda: open_location(location)
    )


def _postgres_kit(tmp_path: Path) -> Iterator[Kit]:
    from tests.postgres_server import server

    postgres = server()
    name = postgres.create_database()
    location = postgres.url(name)
    opened: list[Store] = []

    def reopen() -> Store:
        opened.append(open_location(location))
        return opened[-1]

    def damage_setback(username: str, setback_id: str) -> None:
        postgres.execute(
            "UPDATE setbacks SET doc = substring(doc from 1 for 40) WHERE user_id = %s AND setback_id = %s",
            name,
            (user_id(username), setback_id),
        )

    def damage_account(username: str) -> None:
        postgres.execute(
            """UPDATE accounts SET record = '{"username": 7}' WHERE user_id = %s""",
            name,
            (user_id(username),),
        )

    try:
        yield Kit(reopen(), location, damage_setback, damage_account, reopen)
    finally:
        for store in opened:
            store.close()
        postgres.drop_database(name)


KITS: dict[str, Callable[[Path], Iterator[Kit] | Kit]] = {"files": _files_kit, "postgres": _postgres_kit}


@pytest.fixture(params=sorted(KITS))
def kit(request, tmp_path) -> Iterator[Kit]:
    made = KITS[request.param](tmp_path)
    if isinstance(made, Kit):
        yield made
        made.store.close()
    else:
        yield from made


@pytest.fixture
def spawn(monkeypatch):
    """A spawn context whose children import only what they need.

    Spawn re-runs the parent's __main__ in each child; after an AppTest in the same pytest process
    that is app.py, which must not run outside Streamlit. Without __main__.__file__ it is skipped.
    """
    monkeypatch.delattr(sys.modules["__main__"], "__file__", raising=False)
    return multiprocessing.get_context("spawn")


@pytest.fixture
def store(kit) -> Store:
    return kit.store


# One bcrypt hash for every account the contract makes (hashing is not what is tested here).
HASH = hash_password("Calm-Harbor-42")


def account(username: str, email: str | None = None, **fields) -> Account:
    values = {"first_name": "Sam", "password_hash": HASH, "created_at": datetime(2026, 1, 2, tzinfo=UTC)}
    email = f"{username}@example.org" if email is None else email
    return Account(username=username, email=email, **(values | fields))


@pytest.fixture
def sam(store) -> Person:
    """A person with an account."""
    store.add_account(account("sam"))
    return Person("sam")


def document(setback) -> dict:
    return json.loads(setback.model_dump_json())
