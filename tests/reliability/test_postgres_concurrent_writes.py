"""Issue 13: on PostgreSQL, 2 processes x 8 threads x 100 saves to one person's setbacks lose nothing.

The same workers and checks as test_concurrent_writes.py (the files backend): threads 0-5 of each
process own one stage each, split so both processes save different stages of one setback at
once; threads 6 and 7 of both share one stage. Nothing may be lost, and no save may undo another
stage (a rollback shows as a stage's save number going down in a later save's result).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from core.models import Intake, Setback
from core.storage import open_location
from tests.factories import add_person
from tests.reliability._workers import STAGES, THREADS, USER, index_of, read_value, slot, value

pytestmark = pytest.mark.reliability

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = 2
SAVES = 100


def start_worker(url: str, proc: int, ids: dict[str, str]) -> subprocess.Popen:
    command = [sys.executable, "-m", "tests.reliability._pg_workers", "concurrent", url, str(proc)]
    command += [json.dumps(ids), str(SAVES)]
    return subprocess.Popen(
        command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_two_processes_of_eight_threads_saving_on_postgresql_lose_nothing_and_undo_nothing(
    database_url, figures
):
    store = open_location(database_url)
    person = add_person(store, USER)
    ids = {
        key: store.create(person, Intake(company=f"Setback {key}", heard_on=date(2025, 1, 1))).id
        for key in "ABC"
    }
    store.close()
    workers = [start_worker(database_url, proc, ids) for proc in range(PROCESSES)]
    for worker in workers:
        assert worker.stdout.readline().strip() == "ready", worker.stderr.read()
    began = time.monotonic()
    for worker in workers:  # both processes start saving at the same moment
        worker.stdin.write("go\n")
        worker.stdin.flush()
    reports = []
    for worker in workers:
        out, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
        reports.append(json.loads(out.strip().splitlines()[-1]))
    seconds = time.monotonic() - began

    threads = [thread for report in reports for thread in report["threads"]]
    attempted = sum(t["attempted"] for t in threads)
    errors = [e for t in threads for e in t["errors"]]
    rollbacks = sum(t["rollbacks"] for t in threads)

    # Read back through a new store (nothing cached, as another server would).
    fresh = open_location(database_url)
    listing = fresh.list(person)
    fresh.close()
    final: dict[str, Setback] = {s.id: s for s in listing.setbacks}

    present, wrong = 0, []
    slots: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for proc in range(PROCESSES):
        for thread in range(THREADS):
            key, stage, _ = slot(proc, thread)
            slots.setdefault((key, stage), []).append((proc, thread))
    for (key, stage), writers in slots.items():
        held = read_value(final[ids[key]], stage) if ids[key] in final else None
        written = {value(p, t, i): (p, t, i) for p, t in writers for i in range(SAVES)}
        if held not in written:
            wrong.append(f"{key}.{stage} holds {held!r}, which nobody wrote")
            continue
        p, t, i = written[held]
        present += len(writers) * SAVES - (SAVES - 1 - i)
        if i != SAVES - 1:
            wrong.append(f"{key}.{stage} holds save {i} of p{p}t{t}, not its last")

    figures(
        saves_attempted=attempted,
        saves_present=present,
        setbacks_unreadable=len(listing.problems),
        save_errors=len(errors),
        rollbacks_seen=rollbacks,
        stages_checked=len(slots),
        seconds=round(seconds, 1),
        saves_per_second=round(attempted / seconds),
    )
    assert attempted == PROCESSES * THREADS * SAVES
    assert errors == []
    assert listing.problems == [] and len(listing.setbacks) == 3
    assert wrong == []
    assert rollbacks == 0
    assert present == attempted
    assert {index_of(read_value(final[ids["A"]], stage)) for stage in STAGES} == {SAVES - 1}
