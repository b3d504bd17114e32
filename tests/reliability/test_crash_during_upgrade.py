"""Issue 14: the encrypting upgrade killed with SIGKILL at random moments loses no setback and leaves
none half-converted; each is whole plaintext as before or wholly sealed, and the next run finishes.
On the files backend and on PostgreSQL; after every kill the documents are read straight from the
files or the table (not through a store, which would set aside what does not parse and hide it)."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from core import crypto
from core.models import Intake, Vent, WentWell
from core.storage import Person, Store, open_location, user_id
from core.storage.store import SEALED_PARTS
from tests.factories import add_person
from tests.reliability._files import temp_files

pytestmark = pytest.mark.reliability

ROOT = Path(__file__).resolve().parents[2]
SETBACKS = 200
KILLS = 12
SEED = 20261201


def _seed(store: Store, person: Person) -> dict[str, object]:
    originals = {}
    for index in range(SETBACKS):
        intake = Intake(company=f"Plain {index}", heard_on=date(2025, 1, 1) + timedelta(days=index % 300))
        setback = store.create(person, intake)
        store.save_stage(person, setback.id, "vent", Vent(text=f"plaintext vent {index} " * 40))
        if index % 3 == 0:
            store.save_stage(person, setback.id, "went_well", WentWell(wins=[f"win {index}"]))
        originals[setback.id] = store.load(person, setback.id)
    return originals


class _Files:
    """The files backend's setbacks of one person, read straight from the folder."""

    def __init__(self, data_dir: Path, username: str) -> None:
        self.data_dir = data_dir
        self.location = f"files:{data_dir.resolve()}"
        self.folder = data_dir / "users" / user_id(username) / "setbacks"

    def documents(self) -> dict[str, bytes]:
        return {
            p.name.removesuffix(".json"): p.read_bytes()
            for p in self.folder.iterdir()
            if p.name.endswith(".json") and not p.name.startswith(".tmp")
        }

    def set_aside(self) -> int:
        return sum(".corrupt-" in p.name for p in self.folder.iterdir())

    def leftovers(self) -> list:
        return temp_files(self.data_dir)


class _Postgres:
    """PostgreSQL's setbacks of one person, read straight from the table."""

    def __init__(self, postgres, database_url: str, username: str) -> None:
        self.postgres, self.location, self.user = postgres, database_url, user_id(username)
        self.database = database_url.rsplit("/", 1)[1]

    def documents(self) -> dict[str, bytes]:
        rows = self.postgres.execute(
            "SELECT setback_id, doc FROM setbacks WHERE user_id = %s", self.database, (self.user,)
        )
        return {sid: bytes(doc) for sid, doc in rows}

    def set_aside(self) -> int:
        return self.postgres.execute("SELECT count(*) FROM set_aside", self.database)[0][0]

    def leftovers(self) -> list:
        return []  # a killed client's transaction is rolled back by the server


@pytest.fixture(params=["files", "postgres"])
def where(request, data_dir):
    if request.param == "files":
        yield _Files(data_dir, "sam")
        return
    from tests.postgres_server import server

    postgres = server()  # skips (or fails, in CI) without PostgreSQL
    name = postgres.create_database()
    try:
        yield _Postgres(postgres, postgres.url(name), "sam")
    finally:
        postgres.drop_database(name)


def _check(where, originals: dict, sealed_person: Person) -> tuple[int, list[str]]:
    """How many setbacks are sealed now, and every way the stored documents break the promise."""
    problems = []
    documents = where.documents()
    if documents.keys() != originals.keys():
        problems.append(f"setbacks changed: {len(documents)} of {len(originals)}")
    if where.set_aside():
        problems.append("a setback was set aside")
    sealed = 0
    for sid, original in originals.items():
        raw = documents.get(sid)
        if raw is None:
            continue
        document = json.loads(raw)
        flags = {part: crypto.is_sealed(document.get(part)) for part in SEALED_PARTS}
        if all(flags.values()):
            sealed += 1
            opened, _, _ = Store._open(sealed_person, sid, raw)
        elif not any(flags.values()):
            opened, _, _ = Store._open(Person.named(sealed_person.username), sid, raw)
        else:
            problems.append(f"{sid} is half converted: {flags}")
            continue
        if opened != original:
            problems.append(f"{sid} does not read as it was")
    return sealed, problems


def test_the_upgrade_killed_mid_way_never_loses_or_half_converts_a_setback(where, figures):
    store = open_location(where.location)
    plain = add_person(store, "sam")
    originals = _seed(store, plain)
    store.close()
    key = crypto.new_key()
    sealed_person = Person.named("sam", key)
    command = [sys.executable, "-m", "tests.reliability._seal_worker", where.location, "sam", key.hex()]
    rng = random.Random(SEED)
    kills, partial, after_kills, problems = 0, 0, [], []
    finished = False
    started = time.monotonic()
    while kills < KILLS and not finished:
        worker = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        assert worker.stdout.readline().strip() == "ready", worker.stderr.read()
        time.sleep(rng.uniform(0.0, 0.12))
        worker.send_signal(signal.SIGKILL)
        out, _ = worker.communicate(timeout=30)
        finished = out.startswith("done")
        kills += not finished
        sealed, found = _check(where, originals, sealed_person)
        problems += found
        after_kills.append(sealed)
        partial += 0 < sealed < SETBACKS and not finished

    # The next sign-in's sweep finishes the work (and sweeps what the kills left behind).
    store = open_location(where.location)
    final = store.seal_everything(sealed_person)
    sealed, found = _check(where, originals, sealed_person)
    problems += found
    figures(
        setbacks=SETBACKS,
        kills=kills,
        kills_that_left_a_partial_upgrade=partial,
        sealed_after_each_kill=after_kills,
        sealed_by_the_final_sweep=final.setbacks,
        seconds=round(time.monotonic() - started, 1),
    )
    assert problems == []
    assert partial >= 3, after_kills  # the kills really landed mid-way through the upgrade
    assert sealed == SETBACKS and final.complete
    assert store.list(sealed_person).problems == []
    store.close()
    assert where.leftovers() == []
