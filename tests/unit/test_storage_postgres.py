"""core.storage.postgres: choosing it, an unreachable URL, migrations, constraints, the database going away.

What every backend must do is the contract suite's (tests/contract, run on PostgreSQL too); these
are the things only a database has.
"""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

import pytest

from core.models import Intake, Vent
from core.settings import Settings, SettingsError
from core.storage import Person, SaveFailed, StorageError, StoreMisconfigured, open_location, open_store
from tests.factories import add_person

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "s3cret-Pa55word-nobody-sees"


# -- choosing it -----------------------------------------------------------------------------


def test_a_database_url_from_the_environment_or_secrets_picks_postgresql():
    url = "postgresql://rebound:pw@db.example.org:5432/rebound"
    assert Settings.load({"REBOUND_DATABASE_URL": url}).storage_location == url
    assert Settings.load({}, {"database_url": url}).storage_location == url
    assert (
        Settings.load({"REBOUND_DATABASE_URL": url}, {"database_url": "postgresql://other/x"}).database_url
        == url
    )
    assert Settings.load({}, {}).storage_location.startswith("files:")


def test_a_database_url_that_is_not_postgresql_names_the_setting_and_never_shows_the_value():
    with pytest.raises(SettingsError) as raised:
        Settings.load({"REBOUND_DATABASE_URL": f"mysql://root:{PASSWORD}@db/rebound"})
    message = str(raised.value)
    assert "database_url" in message and "REBOUND_DATABASE_URL" in message
    assert PASSWORD not in message and "mysql" not in message
    assert PASSWORD not in repr(Settings.load({"REBOUND_DATABASE_URL": f"postgresql://u:{PASSWORD}@h/d"}))


def test_the_files_default_never_imports_psycopg(tmp_path):
    check = (
        "import sys; from core.settings import Settings; from core.storage import open_store; "
        f"open_store(Settings.load({{'REBOUND_DATA_DIR': {str(tmp_path)!r}}})); "
        "assert not [m for m in sys.modules if m.startswith(('psycopg', 'core.storage.postgres'))], "
        "sorted(m for m in sys.modules if 'psycopg' in m)"
    )
    answer = subprocess.run(
        [sys.executable, "-c", check], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert answer.returncode == 0, answer.stderr


# -- a URL Rebound can't use -----------------------------------------------------------------


def _refused(url: str) -> str:
    with pytest.raises(StoreMisconfigured) as raised:
        open_location(url)
    return str(raised.value)


def test_a_database_nobody_answers_at_stops_with_the_setting_and_the_reason_never_the_password(postgres):
    from rebound.throwaway import free_port

    message = _refused(f"postgresql://rebound:{PASSWORD}@127.0.0.1:{free_port()}/rebound")
    assert "database_url" in message and "REBOUND_DATABASE_URL" in message and "secrets.toml" in message
    assert "refused" in message.lower()
    assert "rebound@127.0.0.1" in message  # where it looked
    assert PASSWORD not in message
    assert "Traceback" not in message


def test_a_wrong_password_is_named_as_the_problem_without_showing_it(postgres):
    postgres.execute(
        "DO $$ BEGIN CREATE ROLE rebound_password LOGIN PASSWORD 'right-one'; EXCEPTION WHEN duplicate_object THEN NULL; END $$"
    )
    message = _refused(postgres.url("postgres", user="rebound_password", password=PASSWORD))
    assert "password authentication failed" in message
    assert PASSWORD not in message and "database_url" in message


def test_a_missing_database_is_named(postgres):
    message = _refused(postgres.url("no_such_database", password=PASSWORD))
    assert "no_such_database" in message and "does not exist" in message
    assert PASSWORD not in message


# -- migrations ------------------------------------------------------------------------------


def _open_and_report(url: str, barrier) -> list[int]:
    from core.storage.postgres import PostgresBackend

    barrier.wait()
    backend = PostgresBackend(url)
    backend.close()
    return backend.migrated


def test_the_first_start_makes_the_schema_and_records_it_and_the_second_does_nothing(postgres, database_url):
    from core.storage.postgres import PostgresBackend, migration_files

    first = PostgresBackend(database_url)
    second = PostgresBackend(database_url)
    first.close()
    second.close()
    assert first.migrated == [version for version, _, _ in migration_files()]
    assert second.migrated == []
    rows = postgres.execute(
        "SELECT version, name FROM schema_migrations ORDER BY version", database_url.rsplit("/", 1)[1]
    )
    assert rows == [(version, name) for version, name, _ in migration_files()]


def test_servers_starting_at_once_on_an_empty_database_migrate_it_exactly_once(database_url):
    from core.storage.postgres import migration_files

    context = multiprocessing.get_context("spawn")
    # The manager is held for the whole test: collected early, it shuts down and the barrier with it.
    with context.Manager() as manager, ProcessPoolExecutor(4, mp_context=context) as pool:
        barrier = manager.Barrier(4)
        applied = [
            f.result() for f in [pool.submit(_open_and_report, database_url, barrier) for _ in range(4)]
        ]

    assert sorted(applied) == [[], [], [], [version for version, _, _ in migration_files()]]


def test_a_database_made_by_an_earlier_rebound_gains_the_documents_table_and_keeps_everything(
    postgres, database_url, monkeypatch
):
    from core.models import PrepSheet
    from core.storage import postgres as module

    every = module.migration_files()
    monkeypatch.setattr(module, "migration_files", lambda: every[:1])  # the first release's schema
    earlier = open_location(database_url)
    sam = add_person(earlier, "sam")
    kept = earlier.create(sam, Intake(company="Acme", heard_on=date(2026, 3, 1)))
    earlier.close()
    monkeypatch.setattr(module, "migration_files", lambda: every)
    upgraded = open_location(database_url)
    assert upgraded.backend.migrated == [version for version, _, _ in every[1:]]
    assert upgraded.load(sam, kept.id).intake.company == "Acme"
    assert upgraded.load_prep_sheet(sam) == PrepSheet()
    upgraded.save_prep_sheet(sam, PrepSheet(company="Globex"))
    assert upgraded.load_prep_sheet(sam).company == "Globex"
    upgraded.close()


def test_a_document_set_aside_is_kept_whole_in_its_own_table_until_the_account_goes(postgres, database_url):
    from core.storage.store import PREP_DOCUMENT

    store = open_location(database_url)
    sam = add_person(store, "sam")
    store.backend.save_document(sam.username, PREP_DOCUMENT, b'{"company": "Glob')
    with pytest.raises(StorageError):
        store.load_prep_sheet(sam)
    name = database_url.rsplit("/", 1)[1]
    kept = postgres.execute("SELECT name, raw FROM documents_set_aside", name)
    assert [(row[0], bytes(row[1])) for row in kept] == [(PREP_DOCUMENT, b'{"company": "Glob')]
    store.remove_account("sam")
    assert postgres.execute("SELECT count(*) FROM documents_set_aside", name) == [(0,)]
    store.close()


def test_migration_files_are_numbered_without_gaps():
    from core.storage.postgres import migration_files

    found = migration_files()
    assert [version for version, _, _ in found] == list(range(1, len(found) + 1))
    assert found[0][1] == "init"


# -- constraints -----------------------------------------------------------------------------


def test_usernames_and_emails_are_unique_by_constraint_even_for_writes_that_bypass_rebound(
    postgres, database_url
):
    import psycopg

    store = open_location(database_url)
    add_person(store, "Straße", email="Li.Wei@Example.org")
    store.close()
    database = database_url.rsplit("/", 1)[1]
    ((user_id, email_id, record),) = postgres.execute(
        "SELECT user_id, email_id, record::text FROM accounts", database
    )
    with pytest.raises(psycopg.errors.UniqueViolation):
        postgres.execute(
            "INSERT INTO accounts (user_id, username, record) VALUES (%s, 'strasse', %s)",
            database,
            (user_id, record),
        )
    from core.storage.backend import email_id as folded_email
    from core.storage.backend import user_id as folded_user

    assert user_id == folded_user("STRASSE") and email_id == folded_email(" li.wei@EXAMPLE.ORG ")
    with pytest.raises(psycopg.errors.UniqueViolation):
        postgres.execute(
            "INSERT INTO accounts (user_id, username, email_id, record) VALUES (%s, 'other', %s, %s)",
            database,
            (folded_user("other"), email_id, record),
        )


def test_every_save_writes_a_new_version_and_an_unchanged_setback_is_not_sent_again(database_url):
    store = open_location(database_url)
    backend = store.backend
    sam = add_person(store, "sam")
    setback = store.create(sam, Intake(company="Acme", heard_on=date(2026, 1, 2)))
    first = backend.load_setback("sam", setback.id)
    store.save_stage(sam, setback.id, "vent", Vent(text="same"))
    second = backend.load_setback("sam", setback.id)
    store.save_stage(sam, setback.id, "vent", Vent(text="same"))
    third = backend.load_setback("sam", setback.id, known=second.version)
    assert len({first.version, second.version, third.version}) == 3
    assert backend.load_setback("sam", setback.id, known=third.version).raw is None
    listed, _ = backend.list_setbacks("sam", {setback.id: third.version})
    assert [(s.setback_id, s.raw) for s in listed] == [(setback.id, None)]
    store.close()


# -- the database going away -----------------------------------------------------------------


@pytest.fixture
def own_server():
    """A server of this test's own, to stop and start (the shared one stays up for the others)."""
    from tests.postgres_server import server

    server()  # skips (or fails in CI) without PostgreSQL
    from rebound.throwaway import ThrowawayPostgres

    with ThrowawayPostgres() as pg:
        yield pg


def test_a_save_while_the_database_is_away_fails_quickly_and_the_first_save_after_it_is_back_succeeds(
    own_server,
):
    url = own_server.url(own_server.create_database())
    store = open_location(url)
    sam = add_person(store, "sam")
    setback = store.create(sam, Intake(company="Acme", heard_on=date(2026, 1, 2)))
    store.save_stage(sam, setback.id, "vent", Vent(text="before"))

    own_server.pause()
    for attempt in range(3):
        started = time.monotonic()
        with pytest.raises(SaveFailed) as raised:
            store.save_stage(sam, setback.id, "vent", Vent(text=f"while away {attempt}"))
        assert time.monotonic() - started < 3, "the person waited on a database that is not there"
        assert "not saved" in str(raised.value) and "can't be reached" in str(raised.value)
    with pytest.raises(StorageError):
        store.load(sam, setback.id)

    own_server.resume()
    saved = store.save_stage(sam, setback.id, "vent", Vent(text="after"))
    assert saved.vent.text == "after"
    again = open_location(url)
    assert again.load(sam, setback.id).vent.text == "after"
    # The pool was renewed: many calls in a row, none of them on a dead connection.
    for index in range(20):
        store.save_stage(sam, setback.id, "vent", Vent(text=f"after {index}"))
    again.close()
    store.close()


def test_a_restart_the_person_never_noticed_does_not_fail_their_next_save(own_server):
    url = own_server.url(own_server.create_database())
    store = open_location(url)
    sam = add_person(store, "sam")
    setback = store.create(sam, Intake(company="Acme", heard_on=date(2026, 1, 2)))
    own_server.pause()
    own_server.resume()  # every pooled connection is now dead
    started = time.monotonic()
    assert store.save_stage(sam, setback.id, "vent", Vent(text="fine")).vent.text == "fine"
    assert time.monotonic() - started < 3
    store.close()


def test_open_store_uses_the_database_url(database_url, tmp_path):
    store = open_store(
        Settings.load({"REBOUND_DATABASE_URL": database_url, "REBOUND_DATA_DIR": str(tmp_path / "d")})
    )
    add_person(store, "sam")
    assert store.count_accounts() == 1
    assert not (tmp_path / "d").exists()  # nothing on disk
    assert Person("sam") and store.account("SAM").username == "sam"
    store.close()


def test_any_character_a_person_types_is_kept_even_nul_which_jsonb_refuses(database_url):
    store = open_location(database_url)
    sam = add_person(store, "sam", first_name="Sam\x00\u202e\U0001f600")
    setback = store.create(sam, Intake(company="Acme\x00", heard_on=date(2026, 1, 2)))
    store.save_stage(sam, setback.id, "vent", Vent(text="before\x00after \ud7ff"))
    fresh = open_location(database_url)
    assert fresh.account("sam").first_name == "Sam\x00\u202e\U0001f600"
    assert fresh.load(sam, setback.id).vent.text == "before\x00after \ud7ff"
    assert fresh.load(sam, setback.id).intake.company == "Acme\x00"
    fresh.close()
    store.close()


# Last: an AppTest run leaves Streamlit state behind in this process that a spawned child trips on.
def test_the_app_shows_the_operator_message_instead_of_a_traceback(monkeypatch, postgres):
    from streamlit.testing.v1 import AppTest

    from rebound.throwaway import free_port

    monkeypatch.setenv("REBOUND_DATABASE_URL", f"postgresql://rebound:{PASSWORD}@127.0.0.1:{free_port()}/x")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.run()
    assert not at.exception
    shown = " ".join(e.value for e in at.error)
    assert "REBOUND_DATABASE_URL" in shown and PASSWORD not in shown
    assert not at.text_input  # the app stopped: no sign-in form
