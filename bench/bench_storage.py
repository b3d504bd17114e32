"""Storage: saving one stage with 1 vs 1,000 setbacks on disk, and listing 1,000 setbacks.

Two people in one data folder, one with a single setback and one with 1,000 (written through
the storage seam, as the app opens it). Saves of the Vent stage alternate between them, each a real save (lock,
re-read, atomic write, fsync). Listing is timed warm (the store has parsed every file before,
as on a server that has shown Start here once) and in a cold process (a fresh Python that
imports the store and lists: every file read and parsed).

    .venv/bin/python bench/bench_storage.py            # 200 saves each, 20 warm lists, 5 cold processes
    .venv/bin/python bench/bench_storage.py --quick    # 50 setbacks, a few of each: a smoke test
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _harness as h

SAVE_RATIO = 1.1
LIST_LIMIT_MS = 100.0
FEW, MANY = "few", "many"

COLD_LIST = """
import sys, time
sys.path.insert(0, {root!r})
started = time.perf_counter()
from core.storage import Person, open_location
imported = time.perf_counter()
listing = open_location({location!r}).list(Person.named({user!r}), include_archived=False)
done = time.perf_counter()
print((done - imported) * 1000, (done - started) * 1000, len(listing.setbacks))
"""


def _time_ms(action) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def _saves(root: Path, ids: dict[str, str], rounds: int, warmup: int) -> dict[str, list[float]]:
    from core.models import Vent

    store = h.open_store(root)
    people = {user: h.person(user) for user in (FEW, MANY)}
    times: dict[str, list[float]] = {FEW: [], MANY: []}
    for index in range(warmup + rounds):
        vent = Vent(text=f"Save number {index}: writing it down helps.")
        for user in (FEW, MANY) if index % 2 else (MANY, FEW):
            elapsed = _time_ms(
                lambda user=user, vent=vent: store.save_stage(people[user], ids[user], "vent", vent)
            )
            if index >= warmup:
                times[user].append(elapsed)
    return times


def _warm_lists(root: Path, runs: int) -> tuple[float, list[float]]:
    store, many = h.open_store(root), h.person(MANY)
    first = _time_ms(lambda: store.list(many, include_archived=False))
    return first, [_time_ms(lambda: store.list(many, include_archived=False)) for _ in range(runs)]


def _cold_lists(root: Path, count: int, processes: int) -> tuple[list[float], list[float]]:
    listing, whole = [], []
    script = COLD_LIST.format(root=str(h.ROOT), location=h.settings(root).storage_location, user=MANY)
    for _ in range(processes):
        answer = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
            cwd=h.ROOT,
        )
        list_ms, whole_ms, found = answer.stdout.split()
        if int(found) != count:
            raise RuntimeError(f"listed {found} setbacks, expected {count}")
        listing.append(float(list_ms))
        whole.append(float(whole_ms))
    return listing, whole


def _index_prototype(root: Path) -> float:
    """What a one-file index of the same setbacks would cost to read (for the recommendation)."""
    from core.progress import stages_done

    setbacks = h.open_store(root).list(h.person(MANY)).setbacks
    index = [
        {
            "id": s.id,
            "company": s.intake.company,
            "role": s.intake.role,
            "stage_reached": s.intake.stage_reached,
            "heard_on": s.intake.heard_on.isoformat(),
            "created_at": s.created_at.isoformat(),
            "archived": s.archived,
            "done": stages_done(s),
        }
        for s in setbacks
    ]
    path = root / "index-prototype.json"
    path.write_text(json.dumps(index), "utf-8")
    return h.median([_time_ms(lambda: json.loads(path.read_bytes())) for _ in range(20)])


def measure(
    count: int, rounds: int, warmup: int, list_runs: int, processes: int
) -> tuple[list[h.Row], list[str]]:
    with tempfile.TemporaryDirectory(prefix="rebound-bench-storage-") as folder:
        root = Path(folder) / "data"
        ids = {FEW: h.seed_setbacks(root, FEW, 1)[-1], MANY: h.seed_setbacks(root, MANY, count)[-1]}
        saves = _saves(root, ids, rounds, warmup)
        first, warm = _warm_lists(root, list_runs)
        cold, whole = _cold_lists(root, count, processes)
        index_ms = _index_prototype(root)
        # The files backend's setback documents on disk (account records are not counted).
        files = (p for p in (root / "users").rglob("*.json") if p.parent.name == "setbacks")
        size = sum(p.stat().st_size for p in files) / 1024 / 1024

    few, many = h.median(saves[FEW]), h.median(saves[MANY])
    rows = [
        h.ratio_row(f"storage: save a stage, {count:,} vs 1 setbacks (median)", many, few, SAVE_RATIO),
        h.limit_row(f"storage: list {count:,} setbacks, warm (median)", h.median(warm), LIST_LIMIT_MS),
        h.limit_row(f"storage: list {count:,} setbacks, cold process", h.median(cold), LIST_LIMIT_MS),
        h.Row(f"storage: list {count:,}, first in a process with the store imported", first),
        h.Row(f"storage: cold process, start to listed {count:,}", h.median(whole)),
        h.Row(f"storage: read a one-file index of {count:,} (prototype)", index_ms),
    ]
    notes = [
        f"storage: {rounds} saves per person after {warmup} warm-up, alternated; {list_runs} warm lists; "
        f"{processes} cold processes; {size:.1f} MB of setback files; {h.machine()}",
        f"storage: save p90 {h.percentile(saves[MANY], 0.9):.1f} ms with {count:,}, "
        f"{h.percentile(saves[FEW], 0.9):.1f} ms with 1",
    ]
    return rows, notes


def main(argv: list[str] | None = None) -> int:
    args = h.parser(__doc__.splitlines()[0]).parse_args(argv)
    if args.quick:
        rows, notes = measure(50, 10, 2, 3, 1)
    else:
        rows, notes = measure(1000, 200, 10, 20, 5)
    return h.finish(rows, args, notes)


if __name__ == "__main__":
    raise SystemExit(main())
