"""Several servers: Save on PostgreSQL vs files, through HAProxy vs one server direct, and 30 sessions on two.

The cluster is `make cluster`'s (rebound/cluster.py): a throwaway PostgreSQL with fsync on, two
Rebound servers on it, HAProxy in front with deploy/haproxy.cfg. Beside it, one Rebound server on
a data folder. One person with 1,000 setbacks on files, and two on PostgreSQL (one per PostgreSQL browser).

1. Save latency, Vent, three browsers in turn each round: the files server direct, PostgreSQL
   server 1 direct, and the cluster through HAProxy (timed as bench_latency.py times it: pointer
   down on Save to the first idle frame after the run it started). PostgreSQL is judged against
   files, the proxy against server 1 direct.
2. Thirty signed-in sessions each saving Vent 3 times, all at once (bench_many.py's load), once
   through HAProxy over both servers and then, in the same browsers, with every session pinned to
   server 1 by HAProxy's sticky cookie (the one-server baseline, through the same proxy): errors
   and lost saves (storage read back after every save) must be 0; the p95 is shown beside the
   one-server figure.

    .venv/bin/python bench/bench_cluster.py            # 1,000 setbacks, 15 rounds; 30 sessions x 3 saves
    .venv/bin/python bench/bench_cluster.py --quick    # 20 setbacks, 2 rounds; 2 sessions x 2 saves
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _harness as h
import bench_latency as latency
import bench_many as many
from bench_postgres import fast_seeding, postgres_missing

SAVE_RATIO = 1.2
PROXY_RATIO = 1.2
USER = "saver"
PROXIED = "proxied"  # another person, so the two PostgreSQL browsers never save the same setback
REQUIRED = os.environ.get("REBOUND_REQUIRE_POSTGRES") == "1"


def _missing() -> str | None:
    missing = h.browser_missing() or postgres_missing()
    if missing:
        return missing
    from rebound.cluster import haproxy
    from rebound.throwaway import Unavailable

    try:
        haproxy()
    except Unavailable as error:
        return str(error)
    return None


def _latencies(cluster, root: Path, count: int, rounds: int, warmup: int) -> tuple[list[h.Row], list[str]]:
    h.seed_setbacks(root, USER, count)
    for user in (USER, PROXIED):
        h.seed_setbacks(fast_seeding(cluster.database_url), user, count)
    files_process, files_url = h.start_server(h.APP, root, many.NO_PRELOAD)
    try:
        with h.chromium(3) as browsers:
            apps = {
                "files": latency.Rebound(browsers[0], files_url, root, by_form=False),
                "postgres": latency.Rebound(
                    browsers[1], cluster.server_urls[0], cluster.database_url, by_form=False
                ),
                "proxy": latency.Rebound(
                    browsers[2], cluster.url, cluster.database_url, PROXIED, by_form=False
                ),
            }
            times: dict[str, list[float]] = {name: [] for name in apps}
            order = list(apps)
            for index in range(warmup + rounds):
                text = f"Round {index}: still annoyed, a little calmer."
                for name in order[index % 3 :] + order[: index % 3]:  # each goes first in turn
                    elapsed = apps[name].round(text)
                    if index >= warmup:
                        times[name].append(elapsed)
            lost = [name for name, app in apps.items() if app.on_disk() != text]
            server = next(
                c["value"] for c in apps["proxy"].page.context.cookies() if c["name"] == "REBOUND_SERVER"
            )
    finally:
        h.stop_server(files_process)

    files, pg, proxy = (h.median(times[name]) for name in ("files", "postgres", "proxy"))
    rows = [
        h.ratio_row(
            f"cluster: Vent Save on PostgreSQL, {count:,} setbacks, vs files (median)", pg, files, SAVE_RATIO
        ),
        h.ratio_row(
            "cluster: Vent Save through HAProxy (2 servers) vs 1 server direct", proxy, pg, PROXY_RATIO
        ),
        h.Row("cluster: slowest Save through HAProxy", max(times["proxy"]), baseline=max(times["postgres"])),
        h.Row("cluster: last save missing in storage", float(len(lost)), "count", None, "= 0", not lost),
    ]
    notes = [
        f"cluster: {rounds} rounds after {warmup} warm-up, files / PostgreSQL direct / HAProxy in turn, one "
        f"browser each; the proxied browser was on {server}; {h.machine()}",
        "cluster Save ms: "
        + json.dumps({name: [round(t) for t in values] for name, values in times.items()}),
    ]
    return rows, notes


def _sessions(cluster, count: int, rounds: int) -> tuple[list[h.Row], list[str]]:
    url = cluster.database_url
    setbacks = {}
    for number in range(count):
        user = f"person{number:02d}"
        setbacks[user] = h.seed_setbacks(fast_seeding(url), user, 3, vent_chars=500)[-1]

    def people() -> list[many.Session]:
        return [many.Session(number, url, setbacks[f"person{number:02d}"]) for number in range(count)]

    async def both_loads():
        """Through HAProxy over both servers; then the same browsers, each pinned to server 1 by
        HAProxy's own sticky cookie (the one-server baseline: reloading the same address, the
        browsers have Streamlit's scripts cached and open the pages sooner)."""
        from playwright.async_api import async_playwright

        async with async_playwright() as playwright:
            browser = await many.launch(playwright)
            try:
                two = people()
                two_memory = await many.load(browser, cluster.url, two, rounds, server_pid)
                one = people()
                for fresh, used in zip(one, two, strict=True):
                    fresh.page = used.page
                    await fresh.page.context.add_cookies(
                        [{"name": "REBOUND_SERVER", "value": "app1", "url": cluster.url}]
                    )
                one_memory = await many.load(browser, cluster.url, one, rounds, server_pid)
                on_one = {
                    c["value"]
                    for s in one
                    for c in await s.page.context.cookies()
                    if c["name"] == "REBOUND_SERVER"
                }
            finally:
                await browser.close()
        if on_one != {"app1"}:
            raise RuntimeError(f"the one-server load was not all on server 1: {sorted(on_one)}")
        return two, two_memory, one, one_memory

    server_pid = cluster.servers[0].pid
    two, two_memory, one, one_memory = asyncio.run(both_loads())
    two_final, one_final = (many.lost_at_the_end(url, sessions, rounds) for sessions in (two, one))

    def figures(sessions):
        latencies = [t for s in sessions for t in s.latencies]
        errors = [f"{s.user} {e}" for s in sessions for e in s.errors]
        return latencies, errors, sum(s.lost for s in sessions)

    latencies, errors, lost = figures(two)
    one_latencies, one_errors, one_lost = figures(one)
    saves = count * rounds
    rows = [
        h.Row(
            f"cluster: {count} sessions over 2 servers, save p50",
            h.percentile(latencies, 0.5),
            baseline=h.percentile(one_latencies, 0.5),
        ),
        h.Row(
            f"cluster: {count} sessions over 2 servers, save p95",
            h.percentile(latencies, 0.95),
            baseline=h.percentile(one_latencies, 0.95),
        ),
        h.Row(
            f"cluster: {count} sessions over 2 servers, errors",
            float(len(errors)),
            "count",
            None,
            "= 0",
            not errors,
        ),
        h.Row(
            f"cluster: {count} sessions over 2 servers, lost saves (after each, and at the end)",
            float(lost + two_final),
            "count",
            None,
            "= 0",
            lost + two_final == 0,
        ),
        h.Row(
            f"cluster: {count} sessions over 2 servers, saves confirmed on screen",
            float(len(latencies)),
            "count",
            None,
            f"= {saves}",
            len(latencies) == saves,
        ),
        h.Row(
            f"cluster: {count} sessions on 1 server (baseline), errors + lost",
            float(len(one_errors) + one_lost + one_final),
            "count",
        ),
    ]
    notes = [
        f"cluster: {count} sessions x {rounds} saves all at once, through HAProxy over two servers "
        f"({two_memory['elapsed']:.0f} s), then pinned to server 1 through it ({one_memory['elapsed']:.0f} s); "
        f"baseline column: one server; {h.machine()}",
    ]
    if errors:
        notes.append("cluster: errors: " + json.dumps(errors[:5]))
    return rows, notes


def measure(count: int, rounds: int, warmup: int, sessions: int, saves: int) -> tuple[list[h.Row], list[str]]:
    from rebound.cluster import Cluster

    with (
        tempfile.TemporaryDirectory(prefix="rebound-bench-cluster-") as folder,
        Cluster(2, durable=True, extra_env=many.NO_PRELOAD) as cluster,
    ):
        rows, notes = _latencies(cluster, Path(folder) / "data", count, rounds, warmup)
        more_rows, more_notes = _sessions(cluster, sessions, saves)
    return rows + more_rows, notes + more_notes


def main(argv: list[str] | None = None) -> int:
    args = h.parser(__doc__.splitlines()[0]).parse_args(argv)
    missing = _missing()
    if missing is not None:
        print(f"skipped: {missing}")
        return 1 if (REQUIRED or h.BROWSER_REQUIRED) else 0
    rows, notes = measure(*((20, 2, 0, 2, 2) if args.quick else (1000, 15, 3, 30, many.SAVES)))
    return h.finish(rows, args, notes)


if __name__ == "__main__":
    raise SystemExit(main())
