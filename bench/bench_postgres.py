"""PostgreSQL against the files backend, in the same run: saving a stage and listing 1,000 setbacks.

One person with 1,000 setbacks (written through the store) in a data folder and in a throwaway
PostgreSQL with fsync on (the files backend fsyncs every write too), on this machine's loopback.
Saves of the Vent stage alternate between the two stores, each a real save (files: lock, re-read,
atomic write, fsync; PostgreSQL: one transaction with a row lock, committed to the WAL). Listing is
timed in a cold process (a fresh Python that opens the store and lists: every document read and
parsed; for PostgreSQL this includes importing psycopg, connecting and checking the schema) and
warm (the store has parsed everything before, so only versions are compared).

    .venv/bin/python bench/bench_postgres.py            # 1,000 setbacks, 200 saves each, 5 cold processes
    .venv/bin/python bench/bench_postgres.py --quick    # 50 setbacks, a few of each: a smoke test
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _harness as h

SAVE_RATIO = 1.2
LIST_RATIO = 1.0  # PostgreSQL's cold list may not be slower than the files backend's
USER = "many"
REQUIRED = os.environ.get("REBOUND_REQUIRE_POSTGRES") == "1"

COLD_LIST = """
import sys, time
sys.path.insert(0, {root!r})
from core.storage import Person, open_location
started = time.perf_counter()
store = open_location({location!r})
opened = time.perf_counter()
listing = store.list(Person.named({user!r}), include_archived=False)
done = time.perf_counter()
print((done - started) * 1000, (done - opened) * 1000, len(listing.setbacks))
"""


def postgres_missing() -> str | None:
    try:
        import psycopg  # noqa: F401

        from rebound.throwaway import binaries

        binaries()
    except ImportError as error:
        return f"psycopg is not installed ({error})"
    except RuntimeError as error:
        return str(error)
    return None


def _time_ms(action) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def fast_seeding(url: str) -> str:
    """The same database, for seeding only: commits not waited for (setup, not a measured figure)."""
    return url + ("&" if "?" in url else "?") + "options=-c%20synchronous_commit%3Doff"


def _saves(stores: dict, ids: dict[str, str], rounds: int, warmup: int) -> dict[str, list[float]]:
    from core.models import Vent

    who = h.person(USER)
    times: dict[str, list[float]] = {name: [] for name in stores}
    for index in range(warmup + rounds):
        vent = Vent(text=f"Save number {index}: writing it down helps.")
        order = list(stores) if index % 2 else list(reversed(stores))
        for name in order:
            elapsed = _time_ms(
                lambda name=name, vent=vent: stores[name].save_stage(who, ids[name], "vent", vent)
            )
            if index >= warmup:
                times[name].append(elapsed)
    return times


def _cold(location: str, count: int, processes: int) -> tuple[list[float], list[float]]:
    whole, listing = [], []
    script = COLD_LIST.format(root=str(h.ROOT), location=location, user=USER)
    for _ in range(processes):
        answer = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
            cwd=h.ROOT,
        )
        whole_ms, list_ms, found = answer.stdout.split()
        if int(found) != count:
            raise RuntimeError(f"listed {found} setbacks at {location[:10]}..., expected {count}")
        whole.append(float(whole_ms))
        listing.append(float(list_ms))
    return whole, listing


def measure(count: int, rounds: int, warmup: int, processes: int) -> tuple[list[h.Row], list[str]]:
    from core.storage import open_location
    from rebound.throwaway import ThrowawayPostgres

    with (
        tempfile.TemporaryDirectory(prefix="rebound-bench-postgres-") as folder,
        ThrowawayPostgres(durable=True) as server,
    ):
        root = Path(folder) / "data"
        database = server.create_database("bench")
        url = server.url(database)
        ids = {
            "files": h.seed_setbacks(root, USER, count)[-1],
            "postgres": h.seed_setbacks(fast_seeding(url), USER, count)[-1],
        }
        stores = {"files": h.open_store(root), "postgres": open_location(url)}
        saves = _saves(stores, ids, rounds, warmup)
        warm = {}
        for name, store in stores.items():
            store.list(h.person(USER))
            warm[name] = h.median([_time_ms(lambda s=store: s.list(h.person(USER))) for _ in range(10)])
            store.close()
        cold = {
            name: _cold(location, count, processes)
            for name, location in (("files", f"files:{root}"), ("postgres", url))
        }
        size = server.execute("SELECT pg_size_pretty(sum(length(doc))) FROM setbacks", database)[0][0]

    pg, files = h.median(saves["postgres"]), h.median(saves["files"])
    rows = [
        h.ratio_row(
            f"PostgreSQL: save a stage, {count:,} setbacks (median), vs files", pg, files, SAVE_RATIO
        ),
        h.Row(
            "PostgreSQL: save a stage, p90, vs files",
            h.percentile(saves["postgres"], 0.9),
            baseline=h.percentile(saves["files"], 0.9),
        ),
        # A server opens its store once per process; listing is what each page run does. The files
        # figure is bench_storage.py's cold one: a fresh process, store made, every file read and parsed.
        h.ratio_row(
            f"PostgreSQL: list {count:,} setbacks, cold (nothing parsed yet), vs files",
            h.median(cold["postgres"][1]),
            h.median(cold["files"][0]),
            LIST_RATIO,
        ),
        h.Row(
            f"PostgreSQL: fresh process, open store + list {count:,}",
            h.median(cold["postgres"][0]),
            baseline=h.median(cold["files"][0]),
        ),
        h.Row(
            f"PostgreSQL: list {count:,} setbacks, warm (median)", warm["postgres"], baseline=warm["files"]
        ),
    ]
    notes = [
        f"PostgreSQL: {rounds} saves per backend after {warmup} warm-up, alternated; {processes} cold "
        f"processes per backend; PostgreSQL with fsync on, over loopback TCP; {size} of setback documents; "
        f"{h.machine()}",
        "PostgreSQL: the cold list is timed from an open store (once per server process); opening it in a "
        "fresh process also imports psycopg and connects, shown on the line below it",
    ]
    return rows, notes


def main(argv: list[str] | None = None) -> int:
    args = h.parser(__doc__.splitlines()[0]).parse_args(argv)
    missing = postgres_missing()
    if missing is not None:
        print(f"skipped: {missing}")
        return 1 if REQUIRED else 0
    rows, notes = measure(*((50, 10, 2, 1) if args.quick else (1000, 200, 10, 5)))
    return h.finish(rows, args, notes)


if __name__ == "__main__":
    raise SystemExit(main())
