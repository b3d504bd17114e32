"""`python -m rebound migrate`: a data folder into PostgreSQL and back, counted, verified, idempotent, refusing.

Run as the operator runs it: a separate process, the source read from the same settings as the app.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from core import auth
from core.models import Intake, OwnPrepItem, PrepSheet, Reflect, Vent
from core.storage import Person, open_location
from tests.factories import PASSWORD, add_person, files_store, full_setback

ROOT = Path(__file__).resolve().parents[2]
DB_PASSWORD = "never-printed-9f3a"


def migrate(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("REBOUND_")}
    environment |= {"PYTHONPATH": str(ROOT)} | env
    return subprocess.run(
        [sys.executable, "-m", "rebound", "migrate", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


@pytest.fixture
def folder(tmp_path) -> Path:
    """A data folder with two people, setbacks (one full), drafts, a prep sheet and a cookie key."""
    root = tmp_path / "source"
    store = files_store(root)
    sam = add_person(store, "Sam", email="Sam.Rivera@Example.org")
    robin = add_person(store, "robin", email="")
    store.record_failed_sign_in("sam", datetime(2026, 3, 1, tzinfo=UTC), timedelta(minutes=15))
    full = full_setback()
    first = store.create(sam, full.intake)
    for stage in ("vent", "reflect", "went_well", "gratitude", "next_targets", "summary"):
        store.save_stage(sam, first.id, stage, full.stage(stage))
    second = store.create(sam, Intake(company="Globex", heard_on=date(2026, 2, 1)))
    store.save_draft(sam, second.id, "vent", {"text": "half a thought"})
    theirs = store.create(robin, Intake(company="Initech", heard_on=date(2026, 2, 2)))
    store.save_stage(robin, theirs.id, "reflect", Reflect(learned="ask sooner"))
    own = [OwnPrepItem(section="ask", text="How does the team decide? — 你好")]
    store.save_prep_sheet(sam, PrepSheet(company="Umbrella", interview_on=date(2027, 3, 12), own=own))
    auth.cookie_key(store)
    store.close()
    return root


def _everything(location: str) -> dict:
    """What a location holds, as comparable values: accounts, setbacks, drafts, documents, cookie key."""
    from core.storage.transfer import read_secret

    store = open_location(location)
    backend = store.backend
    found = {}
    for username in sorted(backend.usernames()):
        setbacks, _ = backend.list_setbacks(username)
        found[username] = (
            backend.get_account(username).model_dump(mode="json"),
            {s.setback_id: s.raw for s in setbacks},
            sorted(backend.list_drafts(username)),
            backend.load_document(username, "prep"),
        )
    found["cookie"] = read_secret(backend, "cookie")
    store.close()
    return found


def test_a_data_folder_moves_into_postgresql_and_back_with_everything_and_people_sign_in_as_before(
    folder, database_url, tmp_path
):
    into = migrate("--to", database_url, env={"REBOUND_DATA_DIR": str(folder)}, cwd=tmp_path)
    assert into.returncode == 0, into.stdout + into.stderr
    assert "accounts 2 in the source: 2 copied, 0 already there, 2 verified" in " ".join(into.stdout.split())
    assert "setbacks 3 in the source: 3 copied" in " ".join(into.stdout.split())
    assert "drafts 1 in the source: 1 copied" in " ".join(into.stdout.split())
    assert "documents 1 in the source: 1 copied, 0 already there, 1 verified" in " ".join(into.stdout.split())
    assert "Copied and verified." in into.stdout
    before = _everything(f"files:{folder}")
    assert _everything(database_url) == before
    assert len(before["sam"][1]) == 2 and before["cookie"]
    assert before["sam"][3] is not None and before["robin"][3] is None

    database = open_location(database_url)
    assert auth.check_sign_in(database, "SAM", PASSWORD, max_attempts=5, cool_down=timedelta(minutes=15))
    assert database.account_by_email("sam.rivera@example.org").username == "sam"
    assert database.account("sam").failed_sign_ins == 0  # reset by the sign-in just now
    assert auth.cookie_key(database) == before["cookie"]  # cookies signed before still open
    setbacks = database.list(Person("sam")).setbacks
    assert {s.intake.company for s in setbacks} == {"Acme Rockets", "Globex"}
    assert database.load_prep_sheet(Person("sam")).own[0].text.endswith("你好")
    database.close()

    back_to = tmp_path / "back"
    out = migrate("--to", str(back_to), env={"REBOUND_DATABASE_URL": database_url}, cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    assert _everything(f"files:{back_to}") == _everything(database_url)


def test_running_it_twice_changes_nothing(folder, database_url, postgres, tmp_path):
    env = {"REBOUND_DATA_DIR": str(folder)}
    assert migrate("--to", database_url, env=env, cwd=tmp_path).returncode == 0
    name = database_url.rsplit("/", 1)[1]
    written = postgres.execute(
        "SELECT (SELECT array_agg(written_at ORDER BY user_id) FROM accounts),"
        " (SELECT array_agg(version ORDER BY setback_id) FROM setbacks),"
        " (SELECT array_agg(written_at ORDER BY setback_id) FROM drafts),"
        " (SELECT array_agg(written_at ORDER BY user_id) FROM documents)",
        name,
    )
    again = migrate("--to", database_url, env=env, cwd=tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Everything was already there: nothing changed." in again.stdout
    assert "2 already there, 2 verified" in again.stdout
    assert (
        postgres.execute(
            "SELECT (SELECT array_agg(written_at ORDER BY user_id) FROM accounts),"
            " (SELECT array_agg(version ORDER BY setback_id) FROM setbacks),"
            " (SELECT array_agg(written_at ORDER BY setback_id) FROM drafts),"
            " (SELECT array_agg(written_at ORDER BY user_id) FROM documents)",
            name,
        )
        == written
    )


def test_different_data_in_the_target_is_never_overwritten_and_nothing_at_all_is_written(
    folder, database_url, tmp_path
):
    target = open_location(database_url)
    add_person(target, "sam", password="Another-Password-77", email="other@example.org")
    target.close()
    out = migrate("--to", database_url, env={"REBOUND_DATA_DIR": str(folder)}, cwd=tmp_path)
    assert out.returncode == 1
    assert "Nothing was written" in out.stdout and "account 'sam'" in out.stdout
    after = open_location(database_url)
    assert after.count_accounts() == 1  # robin was not copied either
    assert auth.verify_password("Another-Password-77", after.account("sam").password_hash)
    after.close()


def test_a_setback_changed_in_the_target_is_a_conflict(folder, database_url, tmp_path):
    env = {"REBOUND_DATA_DIR": str(folder)}
    assert migrate("--to", database_url, env=env, cwd=tmp_path).returncode == 0
    target = open_location(database_url)
    sam = Person("sam")
    changed = target.list(sam).setbacks[0]
    target.save_stage(sam, changed.id, "vent", Vent(text="written on the new server"))
    target.close()
    out = migrate("--to", database_url, env=env, cwd=tmp_path)
    assert out.returncode == 1
    assert f"setback {changed.id} differs in the target" in out.stdout


def test_a_prep_sheet_changed_in_the_target_is_a_conflict_and_is_kept(folder, database_url, tmp_path):
    env = {"REBOUND_DATA_DIR": str(folder)}
    assert migrate("--to", database_url, env=env, cwd=tmp_path).returncode == 0
    target = open_location(database_url)
    sam = Person("sam")
    target.save_prep_sheet(sam, target.load_prep_sheet(sam).model_copy(update={"company": "Initech"}))
    target.close()
    out = migrate("--to", database_url, env=env, cwd=tmp_path)
    assert out.returncode == 1
    assert "account 'sam': document prep differs in the target" in out.stdout
    after = open_location(database_url)
    assert after.load_prep_sheet(sam).company == "Initech"
    after.close()


def test_the_database_password_is_never_printed(folder, postgres, tmp_path):
    from rebound.throwaway import free_port

    url = f"postgresql://rebound:{DB_PASSWORD}@127.0.0.1:{free_port()}/rebound"
    out = migrate("--to", url, env={"REBOUND_DATA_DIR": str(folder)}, cwd=tmp_path)
    assert out.returncode == 2
    assert "database_url" in out.stderr and "refused" in out.stderr.lower()
    assert DB_PASSWORD not in out.stdout + out.stderr
    assert "Traceback" not in out.stderr


def test_the_same_place_twice_is_refused(folder, tmp_path):
    out = migrate("--from", str(folder), "--to", str(folder), env={}, cwd=tmp_path)
    assert out.returncode == 2 and "the same" in out.stderr


def test_an_encrypted_person_moves_into_postgresql_and_their_password_and_codes_open_everything_there(
    tmp_path, database_url
):
    from core import crypto, keys
    from core.storage import user_id
    from tests.factories import CHEAP_KDF, add_encrypted_person

    root = tmp_path / "sealed-source"
    store = files_store(root)
    person, codes = add_encrypted_person(store, "sam")
    full = full_setback()
    setback = store.create(person, full.intake)
    for stage in ("vent", "reflect", "summary"):
        store.save_stage(person, setback.id, stage, full.stage(stage))
    store.save_draft(person, setback.id, "gratitude", {"note": "a sealed draft"})
    store.close()

    moved = migrate("--to", database_url, env={"REBOUND_DATA_DIR": str(root)}, cwd=tmp_path)
    assert moved.returncode == 0, moved.stdout + moved.stderr
    database = open_location(database_url)
    try:
        raw = database.backend.load_setback("sam", setback.id).raw
        assert full.vent.text.encode() not in raw  # still ciphertext in the target
        account = database.account("sam")
        key = crypto.open_with_password(account.keyring.password, PASSWORD, user_id("sam"))
        opened = database.load(Person.named("sam", key), setback.id)
        for stage in ("vent", "reflect", "summary"):
            assert opened.stage(stage).model_dump(exclude={"saved_at"}) == full.stage(stage).model_dump(
                exclude={"saved_at"}
            )
        assert opened.intake == full.intake
        assert database.load_draft(Person.named("sam", key), setback.id, "gratitude").values == {
            "note": "a sealed draft"
        }
        recovered = keys.recover(
            database,
            "sam",
            codes[0],
            "Quiet-Meadow-77",
            max_attempts=5,
            cool_down=timedelta(minutes=15),
            cost=CHEAP_KDF,
        )
        assert recovered.key == key and recovered.codes_left == 7
    finally:
        database.close()
