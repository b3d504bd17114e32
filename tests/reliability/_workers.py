"""Child processes for the reliability tests: many saving threads, and a saver killed mid-write.

Run as `python -m tests.reliability._workers concurrent|crash ...`; each prints one JSON line.
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
from collections.abc import Callable
from datetime import date
from pathlib import Path

from core.models import Gratitude, Intake, NextTargets, Reflect, Setback, Summary, Thanks, Vent, WentWell
from core.storage import Account, Person
from tests.factories import files_store
from tests.reliability._files import ACCOUNT_FILE, LAST_GOOD_FILE, person_folder, setback_file, temp_files

USER = "sam"
PERSON = Person.named(USER)
THREADS = 8
STAGES = ("vent", "reflect", "went_well", "gratitude", "next_targets", "summary")

# One free-text field per stage: how to write a value into it and read it back.
WRITE: dict[str, Callable[[str], object]] = {
    "intake": lambda v: Intake(company=v, heard_on=date(2025, 1, 1)),
    "vent": lambda v: Vent(text=v),
    "reflect": lambda v: Reflect(learned=v),
    "went_well": lambda v: WentWell(wins=[v]),
    "gratitude": lambda v: Gratitude(entries=[Thanks(text=v)]),
    "next_targets": lambda v: NextTargets(attractions=[v]),
    "summary": lambda v: Summary(future_note=v),
}


def read_value(setback: Setback, stage: str) -> str | None:
    """The value a worker wrote into `stage`, or None when the stage is still empty."""
    if stage == "intake":
        return setback.intake.company
    model = setback.stage(stage)
    if model is None:
        return None
    return {
        "vent": lambda m: m.text,
        "reflect": lambda m: m.learned,
        "went_well": lambda m: m.wins[0],
        "gratitude": lambda m: m.entries[0].text,
        "next_targets": lambda m: m.attractions[0],
        "summary": lambda m: m.future_note,
    }[stage](model)


# -- concurrent writes ----------------------------------------------------------------------


def slot(proc: int, thread: int) -> tuple[str, str, bool]:
    """Which (setback, stage) a thread writes, and whether other threads write it too.

    Threads 0-5 of each process own one stage each: setback A's six stages are split between the
    two processes, and so are B's, so different stages of one file are saved from both processes
    at once. Threads 6 and 7 of both processes share one stage: A's intake and C's vent.
    """
    if thread < 6:
        return ("A" if thread < 3 else "B"), STAGES[(thread % 3) * 2 + proc], False
    return ("A", "intake", True) if thread == 6 else ("C", "vent", True)


def value(proc: int, thread: int, index: int) -> str:
    """A value only this save writes; its length varies so that file sizes vary too."""
    return f"p{proc}t{thread}#{index:04d}" + "·" * (index * 7 % 23)


def index_of(text: str | None) -> int:
    return -1 if text is None else int(text.split("#", 1)[1][:4])


def concurrent(root: str, proc: int, ids: dict[str, str], saves: int) -> dict:
    """Eight threads saving `saves` times each; reports what happened and any rollback seen."""
    store = files_store(root)
    owners = {
        (setback, stage): (p, t)
        for p in (0, 1)
        for t in range(THREADS)
        for setback, stage, shared in [slot(p, t)]
        if not shared
    }
    results: list[dict] = [{} for _ in range(THREADS)]
    print("ready", flush=True)
    sys.stdin.readline()  # the parent says go once both processes are ready
    start = threading.Barrier(THREADS)

    def work(thread: int) -> None:
        key, stage, _ = slot(proc, thread)
        done, errors, rollbacks = 0, [], 0
        seen: dict[tuple[str, str], int] = {}
        start.wait()
        for index in range(saves):
            try:
                after = store.save_stage(PERSON, ids[key], stage, WRITE[stage](value(proc, thread, index)))
            except Exception as error:  # noqa: BLE001 - every failure is reported to the test
                errors.append(f"{type(error).__name__}: {error}")
                continue
            done += 1
            # The saved copy shows every stage as of this save; a single-writer stage whose
            # count goes down between two of this thread's saves was undone by someone else.
            for (other_key, other_stage), _owner in owners.items():
                if other_key != key:
                    continue
                observed = index_of(read_value(after, other_stage))
                if observed < seen.get((other_key, other_stage), -1):
                    rollbacks += 1
                seen[(other_key, other_stage)] = max(observed, seen.get((other_key, other_stage), -1))
        results[thread] = {"attempted": saves, "done": done, "errors": errors[:5], "rollbacks": rollbacks}

    threads = [threading.Thread(target=work, args=(t,)) for t in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"proc": proc, "threads": results}


# -- crash during save ----------------------------------------------------------------------


def payload(index: int) -> str:
    """Text for save number `index`; lengths vary a lot so a half-written file can't look whole."""
    return f"crash#{index:06d}|" + "words " * (index * 37 % 700)


def account_payload(index: int) -> str:
    """A first name for account write number `index` (within the field's 200 characters)."""
    return f"crash#{index:06d}|" + "x" * (index * 37 % 150)


def crash_index(text: str | None) -> int:
    return -1 if text is None else int(text.split("#", 1)[1][:6])


def _await_progress(shared: mmap.mmap, done_before: int, timeout: float) -> None:
    """Return once the child reports a finished save (it writes the shared counter after each)."""
    deadline = time.monotonic() + timeout
    while struct.unpack_from("q", shared, 0)[0] <= done_before and time.monotonic() < deadline:
        os.sched_yield()


# What the child writes in a loop, and how the parent reads each back from the files themselves.
TARGETS = ("A", "B", "account")


def _on_disk(data: Path, ids: dict[str, str]) -> dict[str, Callable[[], int]]:
    """For each file the child writes: read it from disk, parse it whole, give the save number it holds."""
    folder = person_folder(data, USER)

    def setback(key: str, stage: str) -> Callable[[], int]:
        path = setback_file(data, USER, ids[key])
        return lambda: crash_index(read_value(Setback.model_validate_json(path.read_bytes()), stage))

    def account(name: str) -> Callable[[], int]:
        return lambda: crash_index(Account.model_validate_json((folder / name).read_bytes()).first_name)

    return {
        "A": setback("A", "vent"),
        "B": setback("B", "reflect"),
        "account": account(ACCOUNT_FILE),
        "account (last-good copy)": account(LAST_GOOD_FILE),
    }


def crash(root: str, ids: dict[str, str], kills: int, seed: int, max_delay: float) -> dict:
    """Fork a child that saves in a loop, SIGKILL it at a random moment, check the files; repeat.

    The child saves a stage of setback A, a stage of setback B and a field of the account, in
    turn; after each kill every one of those files (and the account's last-good copy) must parse
    whole and hold either the last save the child finished or the one it was in the middle of.
    """
    rng = random.Random(seed)
    data = Path(root)
    read = _on_disk(data, ids)
    written_by = {name: name.split(" ")[0] for name in read}  # the last-good copy follows the account
    report = {"kills": 0, "files_checked": 0, "unreadable": 0, "not_old_or_new": 0, "mid_write": 0}
    report |= {
        "new_version_found": 0,
        "saves_completed": 0,
        "temp_files_swept_by_next_start": 0,
        "problems": [],
    }
    for round_ in range(kills):
        try:
            before = {name: read[name]() for name in read}
        except Exception as error:  # noqa: BLE001 - reported; checking already counted it
            report["problems"].append(f"stopped: {type(error).__name__}: {str(error)[:200]}")
            break
        start = max(before.values()) + 1
        temp_before = set(temp_files(data))
        shared = mmap.mmap(-1, 8 * len(TARGETS))
        struct.pack_into("qqq", shared, 0, *(before[target] for target in TARGETS))
        pid = os.fork()
        if pid == 0:  # the child: save, save, save... until killed
            try:
                store = files_store(root)
                index = start
                while True:
                    store.save_stage(PERSON, ids["A"], "vent", Vent(text=payload(index)))
                    struct.pack_into("q", shared, 0, index)
                    store.save_stage(PERSON, ids["B"], "reflect", Reflect(learned=payload(index)))
                    struct.pack_into("q", shared, 8, index)
                    store.update_account(USER, first_name=account_payload(index))
                    struct.pack_into("q", shared, 16, index)
                    index += 1
            finally:
                os._exit(1)
        if round_ % 5 == 0:
            # On a busy machine a child may not get far before its random moment; every fifth
            # round first waits until it has finished a save, so the files keep changing.
            _await_progress(shared, before["A"], timeout=10)
        # The random moment is the point of this test, so here a sleep is the right tool.
        threading.Event().wait(rng.uniform(0, max_delay))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        report["kills"] += 1
        temp_now = set(temp_files(data))
        if temp_now - temp_before:
            report["mid_write"] += 1  # killed with a temp file half-written or not yet renamed
        report["temp_files_swept_by_next_start"] += len(temp_before - temp_now)
        done = dict(zip(TARGETS, struct.unpack_from("qqq", shared, 0), strict=True))
        report["saves_completed"] += sum(done[t] - before[t] for t in TARGETS if done[t] >= start)
        for name, reader in read.items():
            report["files_checked"] += 1
            try:
                found = reader()
            except Exception as error:  # noqa: BLE001 - counted and shown to the test
                report["unreadable"] += 1
                report["problems"].append(f"{name}: {type(error).__name__}: {str(error)[:200]}")
                continue
            # The last save finished this round, else what the file held before it; then the next.
            finished = done[written_by[name]]
            old = finished if finished >= start else before[name]
            new = finished + 1 if finished >= start else start
            if found not in (old, new):
                report["not_old_or_new"] += 1
                report["problems"].append(
                    f"{name}: found save {found}, expected {old} (old) or {new} (new); round {round_}, "
                    f"files before {before}, saves the child finished {done}"
                )
            elif found == new:
                report["new_version_found"] += 1
        shared.close()
    report["files_per_kill"] = len(read)
    report["temp_files_left"] = len(temp_files(data))
    return report


if __name__ == "__main__":
    command, root, *rest = sys.argv[1:]
    if command == "concurrent":
        proc, ids, saves = int(rest[0]), json.loads(rest[1]), int(rest[2])
        print(json.dumps(concurrent(root, proc, ids, saves)), flush=True)
    elif command == "crash":
        ids, kills, seed, max_delay = json.loads(rest[0]), int(rest[1]), int(rest[2]), float(rest[3])
        print(json.dumps(crash(root, ids, kills, seed, max_delay)), flush=True)
    else:
        raise SystemExit(f"unknown command {command!r}")
