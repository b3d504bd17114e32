"""Issue 6.2: a saver killed with SIGKILL at random moments leaves every file whole, old or new.

About the files backend's own on-disk behaviour (atomic replace, temp files swept): the worker
reads the files themselves after every kill, not through the store, which would set aside what
does not parse and so hide it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from core.models import Intake, Reflect, Vent
from tests.factories import add_person, files_store
from tests.reliability._files import temp_files
from tests.reliability._workers import USER, account_payload, payload

pytestmark = pytest.mark.reliability

ROOT = Path(__file__).resolve().parents[2]
KILLS = 150
MAX_DELAY_S = 0.025  # a save takes a few milliseconds: kills land before, during and after them
SEED = 20260601


def test_a_saver_killed_mid_write_leaves_every_file_whole_holding_the_old_or_new_version(data_dir, figures):
    store = files_store(data_dir)
    person = add_person(store, USER, first_name=account_payload(0))
    ids = {
        key: store.create(person, Intake(company=f"Crash {key}", heard_on=date(2025, 1, 1))).id
        for key in "AB"
    }
    store.save_stage(person, ids["A"], "vent", Vent(text=payload(0)))
    store.save_stage(person, ids["B"], "reflect", Reflect(learned=payload(0)))

    command = [sys.executable, "-m", "tests.reliability._workers", "crash", str(data_dir)]
    command += [json.dumps(ids), str(KILLS), str(SEED), str(MAX_DELAY_S)]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=150, check=False)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout.strip().splitlines()[-1])

    # The next start: a fresh store (as a restarted server would have) clears the leftovers on
    # its first look at the person, wherever in the data folder a kill left them.
    left_at_end = len(temp_files(data_dir))
    restarted = files_store(data_dir)
    listing = restarted.list(person)
    account = restarted.account(USER)
    left_after_restart = [str(p.relative_to(data_dir)) for p in temp_files(data_dir)]

    figures(
        kills=report["kills"],
        killed_mid_write=report["mid_write"],
        saves_completed=report["saves_completed"],
        files_checked=report["files_checked"],
        files_unreadable=report["unreadable"],
        neither_old_nor_new=report["not_old_or_new"],
        in_flight_save_found_complete=report["new_version_found"],
        temp_files_swept_by_next_child=report["temp_files_swept_by_next_start"],
        temp_files_after_last_kill=left_at_end,
        temp_files_after_restart=len(left_after_restart),
    )
    assert report["kills"] >= 100
    assert report["problems"] == []
    assert report["unreadable"] == 0 and report["not_old_or_new"] == 0
    # Both setbacks, the account record and its last-good copy, after every kill.
    assert report["files_per_kill"] == 4 and report["files_checked"] == 4 * report["kills"]
    # The kills really did land in the middle of writes, and saves made progress between them.
    assert report["mid_write"] > 0 and report["saves_completed"] > 0
    assert left_after_restart == []
    assert listing.problems == [] and {s.id for s in listing.setbacks} == set(ids.values())
    assert account is not None and account.first_name.startswith("crash#")
