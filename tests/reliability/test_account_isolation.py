"""Issue 6.5: no username reaches another person's folder or account; no session sees another's setback."""

from __future__ import annotations

import os
import stat
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import bcrypt
import pytest
from pydantic import ValidationError

from core import auth
from core.models import Intake, Vent
from core.storage import (
    Account,
    AccountNotFound,
    Person,
    SetbackNotFound,
    UsernameTaken,
    canonical_username,
    user_id,
)
from pages import _shell as shell
from tests.factories import add_person, files_store
from tests.reliability._apptest import app_as, everything_shown
from tests.reliability._files import ACCOUNT_FILE, person_folder

pytestmark = pytest.mark.reliability

ALICE_SECRET = "Quokka-Alice-Secret"
ALICE_PASSWORD = "Alice-Pass-1"
HOSTILE = [
    "../alice",
    "alice/..",
    "./alice",
    "alice/../alice",
    "../../credentials.yaml",
    "../credentials.yaml",
    "credentials.yaml",
    "cookie.key",
    "account.json",
    "../emails",
    "users",
    "locks",
    "..",
    "con",
    "nul.txt",
    "a" * 200,
    "🙂alice",
    "alice\x00",
    "a\\..\\alice",
    user_id("alice"),
    f"../{user_id('alice')}",
    f"users/{user_id('alice')}",
]
# Longer than any account can be: storage has nobody to write for, so it writes nothing.
TOO_LONG = "a" * 300
ALICE = Person.named("alice")


def files_under(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


def hashed(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=4)).decode()


def account(username: str, index: int, password: str = "x") -> Account:
    """An account under exactly this (canonical) name, as storage would be handed it."""
    return Account(
        username=canonical_username(username),
        email=f"h{index}@example.org",
        first_name="Hostile",
        password_hash=hashed(password),
        created_at=datetime(2026, 1, 2, tzinfo=UTC),
    )


@pytest.fixture
def alice(data_dir):
    store = files_store(data_dir)
    add_person(store, "alice", password=ALICE_PASSWORD, email="alice@example.org")
    setback = store.create(ALICE, Intake(company=ALICE_SECRET, heard_on=date(2025, 1, 1)))
    store.save_stage(ALICE, setback.id, "vent", Vent(text=f"{ALICE_SECRET} vent"))
    return setback


def test_hostile_usernames_stay_in_their_own_folders_and_never_touch_alices_account_or_the_keys(
    data_dir, alice
):
    """About the files backend's layout: each name gets one folder of its own, right under users/."""
    alice_files_before = files_under(person_folder(data_dir, "alice"))
    key_before = (data_dir / "cookie.key").read_bytes() if (data_dir / "cookie.key").exists() else None
    emails_before = files_under(data_dir / "emails")
    store = files_store(data_dir)
    folders = {}
    for index, name in enumerate(HOSTILE):
        people_before = {p.name for p in (data_dir / "users").iterdir()}
        store.add_account(account(name, index))
        person = Person.named(name)
        created = store.create(person, Intake(company=f"Hostile {index}", heard_on=date(2025, 1, 2)))
        store.save_stage(person, created.id, "vent", Vent(text="not alice"))
        # Exactly one new folder, right under users/, and everything written is inside it.
        [new] = {p.name for p in (data_dir / "users").iterdir()} - people_before
        folder = data_dir / "users" / new
        assert new == user_id(name) and folder.resolve().parent == (data_dir / "users").resolve(), name
        assert (folder / ACCOUNT_FILE).exists() and (folder / "setbacks" / f"{created.id}.json").exists()
        folders[name] = folder
        # Everything this name can see is its own; alice's setback can't be reached by id.
        assert store.account(name).email == f"h{index}@example.org", name
        assert [s.id for s in store.list(person).setbacks] == [created.id], name
        with pytest.raises(SetbackNotFound):
            store.load(person, alice.id)
        with pytest.raises(SetbackNotFound):
            store.save_stage(person, alice.id, "vent", Vent(text="overwritten"))
    assert len(set(folders.values())) == len(HOSTILE)  # no two share a folder
    assert person_folder(data_dir, "alice") not in folders.values()
    assert store.count_accounts() == len(HOSTILE) + 1
    for name in HOSTILE:
        store.remove_account(name)
        assert not folders[name].exists() and store.account(name) is None, name
    assert files_under(person_folder(data_dir, "alice")) == alice_files_before
    assert files_under(data_dir / "emails") == emails_before  # only alice's entry is left
    if key_before is not None:
        assert (data_dir / "cookie.key").read_bytes() == key_before
    assert store.count_accounts() == 1 and store.account("alice").email == "alice@example.org"
    assert [s.id for s in files_store(data_dir).list(ALICE).setbacks] == [alice.id]


def test_a_name_too_long_for_an_account_gets_nothing_written_for_it(data_dir, alice):
    before = files_under(data_dir)
    store = files_store(data_dir)
    with pytest.raises(ValidationError):
        account(TOO_LONG, 0)
    person = Person.named(TOO_LONG)
    with pytest.raises(AccountNotFound):
        store.create(person, Intake(company="Hostile", heard_on=date(2025, 1, 2)))
    with pytest.raises((AccountNotFound, SetbackNotFound)):
        store.save_stage(person, alice.id, "vent", Vent(text="overwritten"))
    assert store.list(person).setbacks == [] and store.account(TOO_LONG) is None
    after = files_under(data_dir)
    assert {p: after[p] for p in before} == before  # nothing anyone had was changed
    assert all(p.parent == data_dir / "locks" for p in set(after) - set(before))  # only an empty lock
    assert not person_folder(data_dir, TOO_LONG).exists()


def test_case_and_space_variants_are_one_account_so_no_second_person_can_take_alices_name(data_dir, alice):
    # Registration signs "Alice" up and in as "alice" (lower-cased, trimmed), and storage agrees.
    store = files_store(data_dir)
    for index, variant in enumerate(("Alice", "ALICE", " alice ", "alicE", "alice\n")):
        assert user_id(variant) == user_id("alice")
        form = auth.Registration(
            "Eve", "", f"{index}@example.org", variant, "Quiet-Lantern-77", "Quiet-Lantern-77"
        )
        assert auth.registration_problems(form) == {}
        with pytest.raises(UsernameTaken):
            store.add_account(auth.new_account(form))
        # Even a name handed to storage as typed (not made canonical) can't land on alice's folder.
        with pytest.raises(UsernameTaken):
            store.add_account(
                account(variant, index).model_copy(update={"username": variant.strip() or variant})
            )
    assert store.count_accounts() == 1
    kept = store.account("alice")
    assert kept.email == "alice@example.org" and auth.verify_password(ALICE_PASSWORD, kept.password_hash)


def test_hostile_usernames_get_separate_private_account_records_and_alice_still_signs_in(data_dir, alice):
    store = files_store(data_dir)
    names = [n for n in HOSTILE if canonical_username(n) != "alice"]
    for index, name in enumerate(names):
        store.add_account(account(name, index, password=f"pass-{index}"))
    # No pause in the way: every wrong try below is counted, and only on the account it was for.
    options = {"max_attempts": 1_000, "cool_down": timedelta(minutes=15)}
    signed_in = auth.check_sign_in(store, "alice", ALICE_PASSWORD, **options)
    assert signed_in is not None and signed_in.username == "alice"
    assert store.account("alice").email == "alice@example.org"
    for index, name in enumerate(names):
        record = store.account(name)
        assert record.username == canonical_username(name) and record.email == f"h{index}@example.org"
        # Each hostile name's password opens only its own account, never alice's.
        assert auth.check_sign_in(store, name, f"pass-{index}", **options).username == record.username
        assert auth.check_sign_in(store, "alice", f"pass-{index}", **options) is None
        mode = stat.S_IMODE(os.stat(person_folder(data_dir, name) / ACCOUNT_FILE).st_mode)
        assert mode == 0o600, name
    assert store.count_accounts() == len(names) + 1
    assert store.account("alice").failed_sign_ins == len(names)
    assert {store.account(name).failed_sign_ins for name in names} == {0}


# -- a signed-in session never shows another person's setback ---------------------------------


@pytest.mark.parametrize("page", list(shell.PAGES.values()), ids=list(shell.PAGES))
def test_another_persons_setback_id_in_session_state_shows_nothing_of_theirs(data_dir, alice, page):
    at = app_as("bob")
    bob = Person.named("bob")
    mine = files_store(data_dir).create(bob, Intake(company="Bob's own company", heard_on=date(2025, 2, 1)))
    at.session_state["setback_id"] = alice.id
    at.query_params["setback_id"] = alice.id
    at.query_params["id"] = alice.id
    at.run()
    at.switch_page(page)
    at.session_state["setback_id"] = alice.id  # again, right before the page runs
    at.run()
    shown = everything_shown(at)
    assert ALICE_SECRET not in shown
    assert alice.id not in shown
    assert at.session_state["setback_id"] != alice.id
    if page.endswith("start.py"):
        assert "Bob's own company" in shown or "Bob\\'s own company" in shown
    assert files_store(data_dir).load(bob, mine.id) == mine
    assert files_store(data_dir).load(ALICE, alice.id).vent.text == f"{ALICE_SECRET} vent"
    assert not at.exception


def test_a_person_with_no_setbacks_given_someone_elses_id_is_pointed_to_start_here(data_dir, alice):
    at = app_as("carol")
    at.session_state["setback_id"] = alice.id
    at.run()
    at.switch_page("pages/vent.py")
    at.session_state["setback_id"] = alice.id
    at.run()
    assert ALICE_SECRET not in everything_shown(at)
    assert any("no setback" in i.value.lower() for i in at.info)
    assert not at.exception
