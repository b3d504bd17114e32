"""`python -m rebound export USER DIR` / `import USER ZIP`: one person moved between installations and
backends (files and PostgreSQL), through the import's checks, refusing what it must, and
`migrate --user` for an encrypted person (sealed data and keys as they are).

Run as the operator runs them: a separate process, the store from REBOUND_DATA_DIR / REBOUND_DATABASE_URL.
"""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from core import content, data_zip
from core.models import Intake, Vent
from core.storage import Person, open_location
from tests.factories import add_encrypted_person, add_person, full_setback
from tests.unit.test_importer import members

ROOT = Path(__file__).resolve().parents[2]
_OPENED: list = []


def at(location: str):
    """A store at a location, closed when the test ends."""
    _OPENED.append(open_location(location))
    return _OPENED[-1]


@pytest.fixture(autouse=True)
def _close_stores():
    yield
    while _OPENED:
        _OPENED.pop().close()


def rebound(*args: str, where: str, cwd: Path) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("REBOUND_")}
    environment["PYTHONPATH"] = str(ROOT)
    if where.startswith("postgresql://"):
        environment["REBOUND_DATABASE_URL"] = where
    else:
        environment["REBOUND_DATA_DIR"] = where.removeprefix("files:")
    return subprocess.run(
        [sys.executable, "-m", "rebound", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


@pytest.fixture(params=["files", "postgres"])
def where(request, tmp_path) -> str:
    """A location on each backend (a fresh data folder, or a fresh PostgreSQL database)."""
    if request.param == "files":
        return f"files:{tmp_path / 'data'}"
    return request.getfixturevalue("database_url")


@pytest.fixture
def other(tmp_path) -> str:
    """A second installation (a data folder), to move someone into or out of."""
    return f"files:{tmp_path / 'other'}"


def fill(location: str, username: str = "sam") -> None:
    """A person with a full setback, an archived one and a draft."""
    store = at(location)
    person = add_person(store, username)
    model = full_setback()
    setback = store.create(person, model.intake)
    for stage in ("vent", "reflect", "went_well", "gratitude", "next_targets", "summary"):
        store.save_stage(person, setback.id, stage, model.stage(stage))
    archived = store.create(person, Intake(company="Globex", heard_on=model.intake.heard_on))
    store.set_archived(person, archived.id, True)
    store.save_draft(person, setback.id, "reflect", {"learned": "half a thought"})


def exported(where: str, tmp_path: Path, username: str = "sam") -> bytes:
    out = tmp_path / f"out-{len(list(tmp_path.glob('out-*')))}"
    done = rebound("export", username, str(out), where=where, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (path,) = out.glob("*.zip")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    return path.read_bytes()


def setbacks_at(location: str, username: str = "sam"):
    store = at(location)
    return sorted(store.list(Person(username)).setbacks, key=lambda s: s.id)


def test_a_person_moves_between_backends_and_back_with_every_setback_and_draft(where, other, tmp_path):
    fill(where)
    first = exported(where, tmp_path)
    add_person(at(other), "sam")
    zip_path = tmp_path / "sam.zip"
    zip_path.write_bytes(first)
    done = rebound("import", "sam", str(zip_path), where=other, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "2 setbacks: 2 new" in done.stdout and "Added 2" in done.stdout
    assert setbacks_at(other) == setbacks_at(where)
    assert members(exported(other, tmp_path)) == members(first)

    # ... and back into the first backend, for someone deleted and made again there
    at(where).remove_account("sam")
    add_person(at(where), "sam")
    back = tmp_path / "back.zip"
    back.write_bytes(exported(other, tmp_path))
    done = rebound("import", "sam", str(back), where=where, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert members(exported(where, tmp_path)) == members(first)


def test_a_setback_that_differs_stops_the_import_unless_on_conflict_says(where, tmp_path):
    fill(where)
    zip_path = tmp_path / "sam.zip"
    zip_path.write_bytes(exported(where, tmp_path))
    store = at(where)
    (full,) = [s for s in store.list(Person("sam")).setbacks if s.vent]
    mine = store.save_stage(Person("sam"), full.id, "vent", Vent(text="written after the export"))

    refused = rebound("import", "sam", str(zip_path), where=where, cwd=tmp_path)
    assert refused.returncode == 1 and "Nothing was imported" in refused.stderr
    assert "--on-conflict" in refused.stderr
    assert mine in setbacks_at(where)

    kept = rebound("import", "sam", str(zip_path), "--on-conflict", "keep", where=where, cwd=tmp_path)
    assert kept.returncode == 0 and mine in setbacks_at(where)

    both = rebound("import", "sam", str(zip_path), "--on-conflict", "both", where=where, cwd=tmp_path)
    assert both.returncode == 0 and "kept both for 1" in both.stdout
    assert len(setbacks_at(where)) == 3 and mine in setbacks_at(where)

    taken = rebound("import", "sam", str(zip_path), "--on-conflict", "take", where=where, cwd=tmp_path)
    assert taken.returncode == 0 and "replaced 1" in taken.stdout
    assert mine not in setbacks_at(where)
    assert [s for s in setbacks_at(where) if s.id == full.id] == [full]


def test_a_hostile_zip_is_refused_with_the_same_message_and_changes_nothing(where, tmp_path):
    add_person(at(where), "sam")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("rebound-export/../../escape.json", "{}")
    hostile = tmp_path / "hostile.zip"
    hostile.write_bytes(buffer.getvalue())
    done = rebound("import", "sam", str(hostile), where=where, cwd=tmp_path)
    assert done.returncode == 1
    assert content.IMPORT_UNSAFE_PATH.split("(")[0] in done.stderr
    not_zip = tmp_path / "notes.zip"
    not_zip.write_text("just some notes")
    done = rebound("import", "sam", str(not_zip), where=where, cwd=tmp_path)
    assert done.returncode == 1 and content.IMPORT_NOT_ZIP in done.stderr
    assert setbacks_at(where) == []


def test_broken_entries_need_skip_broken_to_import_the_rest(where, tmp_path):
    add_person(at(where), "sam")
    good = full_setback()
    data = data_zip.build_zip([good], {"username": "sam"}, good.created_at)
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr(f"rebound-export/setbacks/{'9' * 32}.json", "{broken")
    path = tmp_path / "partly.zip"
    path.write_bytes(buffer.getvalue())
    done = rebound("import", "sam", str(path), where=where, cwd=tmp_path)
    assert done.returncode == 1 and "--skip-broken" in done.stderr
    assert "not readable JSON" in done.stdout
    assert setbacks_at(where) == []
    done = rebound("import", "sam", str(path), "--skip-broken", where=where, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert setbacks_at(where) == [good]


def test_an_unknown_user_is_refused_and_nothing_is_made(where, tmp_path):
    data = data_zip.build_zip([full_setback()], {"username": "nobody"}, full_setback().created_at)
    path = tmp_path / "x.zip"
    path.write_bytes(data)
    done = rebound("import", "nobody", str(path), where=where, cwd=tmp_path)
    assert done.returncode == 2 and "no account named 'nobody'" in done.stderr
    assert at(where).account("nobody") is None


def test_an_encrypted_account_is_refused_by_both_and_migrate_user_moves_it_sealed(where, other, tmp_path):
    store = at(where)
    robin, _ = add_encrypted_person(store, "robin")
    setback = store.create(robin, Intake(company="Sealed Co", heard_on=full_setback().intake.heard_on))
    store.save_draft(robin, setback.id, "vent", {"text": "sealed draft"})
    add_person(store, "sam")

    done = rebound("export", "robin", str(tmp_path / "out"), where=where, cwd=tmp_path)
    assert done.returncode == 2 and "encrypted" in done.stderr and "migrate --user robin" in done.stderr
    assert not list((tmp_path / "out").glob("*.zip"))
    path = tmp_path / "x.zip"
    path.write_bytes(data_zip.build_zip([full_setback()], {"username": "robin"}, setback.created_at))
    done = rebound("import", "robin", str(path), where=where, cwd=tmp_path)
    assert done.returncode == 2 and "encrypted" in done.stderr
    assert [s.id for s in at(where).list(robin).setbacks] == [setback.id]

    environment_where = other.removeprefix("files:")
    done = rebound(
        "migrate", "--user", "robin", "--from", where, "--to", environment_where, where=where, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    target = at(other)
    assert target.account("sam") is None  # only robin moved
    assert target.account("robin").keyring == at(where).account("robin").keyring
    assert [s.intake.company for s in target.list(robin).setbacks] == ["Sealed Co"]  # robin's key opens it
    assert [d.values for d in target.drafts(robin)] == [{"text": "sealed draft"}]
    raw = json.dumps([s.raw.decode() for s in target.backend.list_setbacks("robin")[0]])
    assert "Sealed Co" not in raw
