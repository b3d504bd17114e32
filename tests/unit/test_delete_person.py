"""Deleting a person removes their folder and credentials entry, and nobody else's."""

from __future__ import annotations

from datetime import date

import bcrypt

from core import auth
from core.models import Intake
from core.storage import Store


def _hash(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=4)).decode()


def test_deleting_a_person_removes_exactly_that_person(tmp_path):
    auth.ensure_setup(tmp_path)
    store = Store(tmp_path)
    for name in ("sam", "robin"):
        auth.add_user(tmp_path, name, {"email": f"{name}@example.org", "password": _hash("Pw-12345")})
        store.create(name, Intake(company=f"{name} co", heard_on=date(2025, 3, 1)))
    robin_files = sorted(p.name for p in (store.user_dir("robin") / "setbacks").iterdir())

    store.delete_user("sam")
    auth.remove_user(tmp_path, "sam")

    remaining = sorted(p.name for p in (tmp_path / "users").iterdir())
    assert remaining == [store.user_dir("robin").name]
    assert sorted(p.name for p in (store.user_dir("robin") / "setbacks").iterdir()) == robin_files
    credentials = auth.load_credentials(tmp_path)
    assert list(credentials["usernames"]) == ["robin"]
    assert not auth.password_matches(credentials, "sam", "Pw-12345")
    assert auth.password_matches(credentials, "robin", "Pw-12345")
    assert store.list("sam").setbacks == []  # no stale copies survive in the parse cache


def test_deleting_someone_who_has_nothing_is_harmless(tmp_path):
    auth.ensure_setup(tmp_path)
    Store(tmp_path).delete_user("nobody")
    auth.remove_user(tmp_path, "nobody")
    assert auth.load_credentials(tmp_path) == {"usernames": {}}
