"""Issue 11, item 7: a damaged account record is never accepted silently.

The issue's three kinds of damage, on per-person account records: a record emptied to 0 bytes,
a record cut inside its password hash, and records that are simply gone while the person's
setbacks are still there (what "fewer accounts than folders" becomes without one shared file).
After each, a fresh start must say what is wrong and where the last good copy is, refuse to
register those names, never write over the damage, and lose no account.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from core import auth, content
from core.models import Intake
from core.storage import AccountNotFound, AccountUnreadable, NameHeld, UsernameTaken
from tests.factories import PASSWORD, add_person, files_store
from tests.reliability._apptest import login, register, signed_out_app
from tests.reliability._files import ACCOUNT_FILE, LAST_GOOD_FILE, person_folder

pytestmark = pytest.mark.reliability

PEOPLE = ("ana", "ben", "cleo", "dev", "eve")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def emptied(folder: Path, also_last_good: bool) -> None:
    (folder / ACCOUNT_FILE).write_bytes(b"")
    if also_last_good:
        (folder / LAST_GOOD_FILE).write_bytes(b"")


def cut_in_hash(folder: Path, also_last_good: bool) -> None:
    for name in (ACCOUNT_FILE, LAST_GOOD_FILE) if also_last_good else (ACCOUNT_FILE,):
        raw = (folder / name).read_bytes()
        (folder / name).write_bytes(raw[: raw.index(b"$2b$") + 20])


def hash_cut_but_still_json(folder: Path, also_last_good: bool) -> None:
    """The hash loses its end but the record still parses (a careless edit, a bad restore)."""
    for name in (ACCOUNT_FILE, LAST_GOOD_FILE) if also_last_good else (ACCOUNT_FILE,):
        record = json.loads((folder / name).read_bytes())
        record["password_hash"] = record["password_hash"][:29]
        (folder / name).write_text(json.dumps(record))


def gone(folder: Path, also_last_good: bool) -> None:
    (folder / ACCOUNT_FILE).unlink()
    if also_last_good:
        (folder / LAST_GOOD_FILE).unlink()


DAMAGE = {
    "emptied": emptied,
    "cut_in_hash": cut_in_hash,
    "hash_cut_still_json": hash_cut_but_still_json,
    "gone": gone,
}


@pytest.mark.parametrize("also_last_good", [False, True], ids=["record_only", "record_and_copy"])
@pytest.mark.parametrize("kind", list(DAMAGE))
def test_damaged_account_records_stop_registrations_and_writes_and_no_account_is_lost(
    data_dir, kind, also_last_good, figures, caplog
):
    store = files_store(data_dir)
    for name in PEOPLE:
        person = add_person(store, name)
        store.create(person, Intake(company=f"{name} corp", heard_on=date(2025, 1, 1)))
    damaged = ("ben", "dev")
    before = {}
    for name in damaged:
        folder = person_folder(data_dir, name)
        DAMAGE[kind](folder, also_last_good)
        before[name] = snapshot(folder)

    fresh = files_store(data_dir)  # a restart
    problems = fresh.backend.check_accounts()
    # The operator is told what is wrong and where the last good copy is (or that there is none).
    for name in damaged:
        folder = person_folder(data_dir, name)
        [message] = [p for p in problems if str(folder) in p]
        assert str(folder / LAST_GOOD_FILE) in message
        assert ("no readable last good copy" in message or "no last good copy" in message) == also_last_good
    assert len(problems) == len(damaged)
    assert any(str(person_folder(data_dir, "ben")) in r.getMessage() for r in caplog.records)

    # Nobody can register a damaged name, from the store or from the page.
    registrations_through = 0
    for name in damaged:
        with pytest.raises((NameHeld, AccountUnreadable, UsernameTaken)):
            fresh.add_account(
                fresh.account("ana").model_copy(update={"username": name, "email": f"x{name}@e.org"})
            )
        at = signed_out_app()
        register(at, name, "Quiet-River-77", email=f"new-{name}@example.org")
        registrations_through += bool(at.session_state["authentication_status"])
        assert at.error and not at.exception
    # Writes to a damaged record are refused and never write over it.
    for name in damaged:
        # Refused as damaged; with no record left at all, as an account that isn't there.
        with pytest.raises((AccountUnreadable, AccountNotFound)):
            fresh.update_account(name, first_name="Changed")
        with pytest.raises((AccountUnreadable, AccountNotFound)):
            fresh.update_account(name, sessions_after=1.0)
        assert snapshot(person_folder(data_dir, name)) == before[name], "the damage is left exactly as it was"

    # No account lost: each person either still signs in (from the last good copy) or is held for
    # the operator, their setbacks on disk and their name refused to anyone else.
    rules = {"max_attempts": 5, "cool_down": auth.timedelta(minutes=15)}
    signed_in = held = lost = 0
    for name in PEOPLE:
        try:
            if auth.check_sign_in(fresh, name, PASSWORD, **rules) is not None:
                signed_in += 1
                continue
        except auth.SignInUnavailable:  # "can't be checked just now", never "wrong password"
            pass
        setbacks = person_folder(data_dir, name) / "setbacks"
        if name in damaged and setbacks.is_dir() and any(setbacks.iterdir()):
            held += 1
        else:
            lost += 1
    figures(
        damage=kind,
        last_good_damaged_too=also_last_good,
        accounts=len(PEOPLE),
        damaged=len(damaged),
        operator_messages=len(problems),
        registrations_let_through=registrations_through,
        signed_in=signed_in,
        held_for_the_operator=held,
        accounts_lost=lost,
    )
    assert registrations_through == 0
    assert lost == 0
    assert signed_in == len(PEOPLE) - (len(damaged) if also_last_good else 0)


def test_the_sign_in_page_says_a_damaged_account_cant_be_opened_rather_than_a_wrong_password(data_dir):
    store = files_store(data_dir)
    add_person(store, "ben")
    emptied(person_folder(data_dir, "ben"), also_last_good=True)
    at = signed_out_app()
    login(at, "ben", PASSWORD)
    assert content.LOGIN_TROUBLE in [e.value for e in at.error]
    assert not at.session_state["authentication_status"] and not at.exception
