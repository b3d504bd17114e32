"""Issue 6.1: 2 processes x 8 threads x 100 saves to one person's setbacks lose nothing."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from core.models import Intake, Setback
from tests.factories import add_person, files_store
from tests.reliability import _workers
from tests.reliability._files import temp_files
from tests.reliability._workers import STAGES, THREADS, USER, index_of, read_value, slot, value

pytestmark = pytest.mark.reliability

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = 2
SAVES = 100


def start_worker(data: Path, proc: int, ids: dict[str, str]) -> subprocess.Popen:
    command = [sys.executable, "-m", "tests.reliability._workers", "concurrent", str(data), str(proc)]
    command += [json.dumps(ids), str(SAVES)]
    return subprocess.Popen(
        command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_two_processes_of_eight_threads_saving_one_persons_setbacks_lose_nothing(data_dir, figures):
    store = files_store(data_dir)
    person = add_person(store, USER)
    ids = {
        key: store.create(person, Intake(company=f"Setback {key}", heard_on=date(2025, 1, 1))).id
        for key in "ABC"
    }
    workers = [start_worker(data_dir, proc, ids) for proc in range(PROCESSES)]
    for worker in workers:
        assert worker.stdout.readline().strip() == "ready", worker.stderr.read()
    began = time.monotonic()
    for worker in workers:  # both processes start saving at the same moment
        worker.stdin.write("go\n")
        worker.stdin.flush()
    reports = []
    for worker in workers:
        out, err = worker.communicate(timeout=150)
        assert worker.returncode == 0, err
        reports.append(json.loads(out.strip().splitlines()[-1]))
    seconds = time.monotonic() - began

    threads = [thread for report in reports for thread in report["threads"]]
    attempted = sum(t["attempted"] for t in threads)
    errors = [e for t in threads for e in t["errors"]]
    rollbacks = sum(t["rollbacks"] for t in threads)

    # Every setback parses, read fresh through a new store (nothing cached, as after a restart);
    # one that did not would be set aside and reported as a problem.
    listing = files_store(data_dir).list(person)
    unreadable = len(listing.problems)
    final: dict[str, Setback] = {s.id: s for s in listing.setbacks}

    # Every stage holds one of the values written to it; single-writer stages hold their last one.
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
        # Saves after the one on disk, by the writer of the one on disk, would have been undone.
        present += len(writers) * SAVES - (SAVES - 1 - i)
        if i != SAVES - 1:
            wrong.append(f"{key}.{stage} holds save {i} of p{p}t{t}, not its last")

    figures(
        saves_attempted=attempted,
        saves_present=present,
        files_unreadable=unreadable,
        save_errors=len(errors),
        rollbacks_seen=rollbacks,
        stages_checked=len(slots),
        seconds=round(seconds, 1),
        saves_per_second=round(attempted / seconds),
    )
    assert attempted == PROCESSES * THREADS * SAVES
    assert errors == []
    assert unreadable == 0 and listing.problems == [] and len(listing.setbacks) == 3
    assert wrong == []
    assert rollbacks == 0
    assert present == attempted
    assert temp_files(data_dir) == []  # the files backend left no half-written file behind
    # Sanity: both processes wrote to setback A, and its six stages are all filled in.
    assert {index_of(read_value(final[ids["A"]], stage)) for stage in STAGES} == {SAVES - 1}
    assert _workers.WRITE.keys() >= set(STAGES)
