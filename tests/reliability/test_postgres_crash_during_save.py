"""Issue 13: a saver killed with SIGKILL at random moments, on PostgreSQL: every setback readable, old or new.

A killed client's open transaction is rolled back by the server; what was committed stays. After
every kill the worker reads both setbacks and the account straight from the database (not through
a store, which would set aside what does not parse and so hide it).
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from core.models import Intake, Reflect, Vent
from core.storage import open_location
from tests.factories import add_person
from tests.reliability._workers import USER, account_payload, payload

pytestmark = pytest.mark.reliability

ROOT = Path(__file__).resolve().parents[2]
KILLS = 120
MAX_DELAY_S = 0.025  # a save takes a few milliseconds: kills land before, during and after them
SEED = 20261201


def test_a_saver_killed_mid_save_on_postgresql_leaves_every_setback_readable_old_or_new(
    postgres, database_url, figures
):
    store = open_location(database_url)
    person = add_person(store, USER, first_name=account_payload(0))
    ids = {
        key: store.create(person, Intake(company=f"Crash {key}", heard_on=date(2025, 1, 1))).id
        for key in "AB"
    }
    store.save_stage(person, ids["A"], "vent", Vent(text=payload(0)))
    store.save_stage(person, ids["B"], "reflect", Reflect(learned=payload(0)))
    store.close()

    command = [sys.executable, "-m", "tests.reliability._pg_workers", "crash", database_url]
    command += [json.dumps(ids), str(KILLS), str(SEED), str(MAX_DELAY_S)]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=400, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout.strip().splitlines()[-1])

    # A restarted server: everything lists, nothing was set aside, and it saves at once (no lock
    # or transaction of a killed saver is left holding the rows).
    restarted = open_location(database_url)
    listing = restarted.list(person)
    restarted.save_stage(person, ids["A"], "vent", Vent(text="after the last kill"))
    account = restarted.account(USER)
    restarted.close()
    database = database_url.rsplit("/", 1)[1]
    set_aside = postgres.execute("SELECT count(*) FROM set_aside", database)[0][0]

    figures(
        kills=report["kills"],
        killed_mid_save=report["killed_mid_save"],
        saves_completed=report["saves_completed"],
        records_checked=report["checked"],
        unreadable=report["unreadable"],
        neither_old_nor_new=report["not_old_or_new"],
        in_flight_save_found_complete=report["new_version_found"],
        set_aside_after_restart=set_aside,
    )
    assert report["kills"] >= 100
    assert report["problems"] == []
    assert report["unreadable"] == 0 and report["not_old_or_new"] == 0
    assert report["checked"] == 3 * report["kills"]
    assert report["killed_mid_save"] > 0 and report["saves_completed"] > 0
    assert listing.problems == [] and {s.id for s in listing.setbacks} == set(ids.values())
    assert set_aside == 0
    assert account is not None and account.first_name.startswith("crash#")
