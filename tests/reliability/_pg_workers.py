"""Child processes for the PostgreSQL reliability tests: many saving threads, and a saver killed mid-save.

Run as `python -m tests.reliability._pg_workers concurrent|crash URL ...`; each prints one JSON line.
The concurrent worker is the files test's own (tests/reliability/_workers.py), on a store opened at
the database URL; the crash worker reads what a killed saver left through a fresh connection of its
own, never through a store (which would set aside what does not parse, and so hide it).
"""

from __future__ import annotations

import json
import mmap
import os
import random
import signal
import struct
import sys
import threading
import time

from core.models import Reflect, Setback, Vent
from core.storage import Account, open_location, user_id
from tests.reliability import _workers
from tests.reliability._workers import PERSON, USER, account_payload, crash_index, payload, read_value

# What the child writes in a loop: the three counters it keeps in shared memory, in this order.
TARGETS = ("A", "B", "account")
READY, IN_SAVE = 3, 4  # two more slots: the store is open; a save has started and not returned


def concurrent(url: str, proc: int, ids: dict[str, str], saves: int) -> dict:
    """The files test's eight saving threads, on a store at the database URL."""
    _workers.files_store = open_location  # it opens its store through this name
    return _workers.concurrent(url, proc, ids, saves)


def _held(url: str, ids: dict[str, str]) -> dict[str, int]:
    """The save number each target holds, read whole from the database on a connection made now."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        docs = dict(
            conn.execute(
                "SELECT setback_id, doc FROM setbacks WHERE user_id = %s", (user_id(USER),), binary=True
            ).fetchall()
        )
        record = conn.execute(
            "SELECT record::text FROM accounts WHERE user_id = %s", (user_id(USER),)
        ).fetchone()
    held = {}
    for key, stage in (("A", "vent"), ("B", "reflect")):
        held[key] = crash_index(read_value(Setback.model_validate_json(bytes(docs[ids[key]])), stage))
    held["account"] = crash_index(Account.model_validate_json(record[0]).first_name)
    return held


def _wait_for(shared: mmap.mmap, slot: int, above: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while struct.unpack_from("q", shared, 8 * slot)[0] <= above and time.monotonic() < deadline:
        os.sched_yield()


def _save_forever(url: str, ids: dict[str, str], shared: mmap.mmap, start: int) -> None:
    """The child: open a store, then save A's vent, B's reflect and the account in turn until killed."""
    store = open_location(url)
    struct.pack_into("q", shared, 8 * READY, 1)
    steps = (
        lambda i: store.save_stage(PERSON, ids["A"], "vent", Vent(text=payload(i))),
        lambda i: store.save_stage(PERSON, ids["B"], "reflect", Reflect(learned=payload(i))),
        lambda i: store.update_account(USER, first_name=account_payload(i)),
    )
    index = start
    while True:
        for slot, step in enumerate(steps):
            struct.pack_into("q", shared, 8 * IN_SAVE, 1)
            step(index)
            struct.pack_into("q", shared, 8 * slot, index)
            struct.pack_into("q", shared, 8 * IN_SAVE, 0)
        index += 1


def crash(url: str, ids: dict[str, str], kills: int, seed: int, max_delay: float) -> dict:
    """Fork a child that saves in a loop, SIGKILL it at a random moment, read what is there; repeat.

    The child saves a stage of setback A, a stage of setback B and a field of the account, in turn.
    After each kill every one of them must parse whole and hold either the last save the child
    finished or the one it was in the middle of (a transaction commits whole or not at all).
    """
    rng = random.Random(seed)
    report = {"kills": 0, "checked": 0, "unreadable": 0, "not_old_or_new": 0, "killed_mid_save": 0}
    report |= {"new_version_found": 0, "saves_completed": 0, "problems": []}
    for round_ in range(kills):
        try:
            before = _held(url, ids)
        except Exception as error:  # noqa: BLE001 - reported; the test fails on it
            report["problems"].append(f"stopped: {type(error).__name__}: {str(error)[:200]}")
            break
        start = max(before.values()) + 1
        shared = mmap.mmap(-1, 8 * 5)
        struct.pack_into("qqqqq", shared, 0, *(before[t] for t in TARGETS), 0, 0)
        # The parent holds no connection and no pool now: the child makes its own after the fork.
        pid = os.fork()
        if pid == 0:  # the child: save, save, save... until killed
            try:
                _save_forever(url, ids, shared, start)
            finally:
                os._exit(1)
        _wait_for(shared, READY, 0, timeout=30)  # opening a store is not what is tested
        if round_ % 5 == 0:
            _wait_for(shared, 0, before["A"], timeout=10)  # some rounds kill only after a save
        # The random moment is the point of this test, so here a sleep is the right tool.
        threading.Event().wait(rng.uniform(0, max_delay))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        report["kills"] += 1
        values = struct.unpack_from("qqqqq", shared, 0)
        report["killed_mid_save"] += values[IN_SAVE]
        done = dict(zip(TARGETS, values[:3], strict=True))
        shared.close()
        report["saves_completed"] += sum(done[t] - before[t] for t in TARGETS if done[t] >= start)
        try:
            found = _held(url, ids)
        except Exception as error:  # noqa: BLE001 - counted and shown to the test
            report["unreadable"] += 1
            report["problems"].append(f"{type(error).__name__}: {str(error)[:200]}")
            continue
        for target in TARGETS:
            report["checked"] += 1
            old = done[target] if done[target] >= start else before[target]
            new = done[target] + 1 if done[target] >= start else start
            if found[target] not in (old, new):
                report["not_old_or_new"] += 1
                report["problems"].append(f"{target}: holds save {found[target]}, expected {old} or {new}")
            elif found[target] == new:
                report["new_version_found"] += 1
    return report


if __name__ == "__main__":
    command, url, *rest = sys.argv[1:]
    if command == "concurrent":
        proc, ids, saves = int(rest[0]), json.loads(rest[1]), int(rest[2])
        print(json.dumps(concurrent(url, proc, ids, saves)), flush=True)
    elif command == "crash":
        ids, kills, seed, max_delay = json.loads(rest[0]), int(rest[1]), int(rest[2]), float(rest[3])
        print(json.dumps(crash(url, ids, kills, seed, max_delay)), flush=True)
    else:
        raise SystemExit(f"unknown command {command!r}")
