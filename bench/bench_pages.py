"""Moving through the app: page switches (warm and first visits) and the sign-in click, against a bare app.

A person with 1,000 setbacks on disk is signed in (by cookie) in one browser; the bare multipage
app (bench/baseline_pages/: two st.Pages, each a text area and a Save button) runs in another.

- **Warm page switch**: click a page in the sidebar; the time is taken inside the page, as for
  Save (bench/bench_latency.py): from the pointer going down on the link to the first frame, after
  the server's "script finished" message for the run the click started, in which the app shows
  itself idle. Every Rebound switch is followed by one of the bare app's (One <-> Two), so a busy
  moment on the machine hits both; the figure is the median per page against the bare median.
- **First visit after a start**: a fresh Rebound server on the same data; a tab opens with the
  cookie, and once the server has been quiet for a moment and the tab has loaded the widget scripts
  (a person reading the first page; the background warm-ups, the server's and the browser's, have
  had their chance) each page is opened for the first time in that process,
  timed the same way, against the same page's warm median. The tab opens on Start here, Account,
  History and Before my next interview in turn (OPENINGS), so every page gets first visits.
- **Sign-in click**: a fresh tab, the form filled, Sign in clicked until Start here is painted,
  beside what sign-in spends on purpose: one bcrypt check at Rebound's cost and Argon2id's key
  derivation, as the server ran them in that very click (bench/server_hooks logs each), and a bare
  button click (the bare app's Save) in the same minutes. Target: the click beyond those two at
  most 1.5 bare clicks. The same two timed alone in this process are printed too, with the click
  beyond them: on two cores shared with the browser they run slower in the server than alone.

The trials interleave all of this (a first-visit server, warm rounds, sign-ins, then the next).

    .venv/bin/python bench/bench_pages.py            # 1,000 setbacks, 4 server starts, 8 warm rounds
    .venv/bin/python bench/bench_pages.py --quick    # 20 setbacks, 2 starts, 1 round: a smoke test
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _harness as h

SWITCH_RATIO = 1.2
FIRST_VISIT_RATIO = 1.3
SIGN_IN_RATIO = 1.5
USER = "walker"
# The page each first-visit trial's tab opens on (so that page gets no first visit in that trial),
# in turn: each gets first visits in all trials but one (two samples at most would be one slow one).
OPENINGS = ("start", "account", "history", "prep")
PRELOAD_TIMEOUT_MS = 60_000  # pages/_preload.py starts after a quiet second, then loads 15 scripts
HOOKS = Path(__file__).resolve().parent / "server_hooks"  # times sign-in's bcrypt and Argon2id in the server
# Captcha on or off does not change what is measured; the bench fills the form without one.
ENV = {"REBOUND_CAPTCHA": "false"}
WATCH = {
    "sign_in": ('input[aria-label="Username"]', None),
    "start": ("h1", "I just heard back"),
}


def _pages() -> list[tuple[str, str]]:
    """(url path, sidebar label) of every page, in the sidebar's order."""
    from core import content

    return list(content.NAV.items())  # the same keys, in the same order, as pages/_shell.py's PAGES


# Per (warm or first, page label): pointer down -> the run's "script finished" message arrived (ms).
SERVER_SHARE: dict[tuple[str, str], list[float]] = {}


def switch(page, label: str, url_path: str, kind: str = "warm") -> tuple[float, int]:
    """Click `label` in the sidebar; (pointer down -> the run it started shown idle, runs it took)."""
    before = h.runs_counted(h.timings(page))
    link = page.get_by_test_id("stSidebarNav").get_by_role("link", name=label, exact=True)
    h.after_next_run(page, link.click)
    record = h.wait_quiet(page, 150)
    # The default page (Start here, the bare app's One) lives at the root address.
    if url_path not in ("start", "one") and not page.url.rstrip("/").endswith(url_path):
        raise RuntimeError(f"clicking {label!r} led to {page.url}")
    down = record["downs"][-1]
    arrived = next(arrived for arrived, _ in record["idle"] if arrived >= down)
    # How much of it was the server's: until its "script finished" message arrived (the rest is drawing).
    SERVER_SHARE.setdefault((kind, label), []).append(arrived - down)
    return h.click_latency(record), h.runs_counted(record) - before


class Bare:
    """The bare two-page app in its own browser, switching One <-> Two and clicking Save."""

    def __init__(self, browser, url: str) -> None:
        self.page = h.page_with_timing(browser.new_context())
        self.page.goto(url)
        self.page.get_by_role("heading", name="One").wait_for()
        h.wait_quiet(self.page, 150)
        self.on, self.clicks = "one", 0

    def switch(self) -> tuple[float, int]:
        self.on = "two" if self.on == "one" else "one"
        return switch(self.page, self.on.title(), self.on)

    def click(self) -> float:
        """Type a line, then click Save (one run: the text goes with the click)."""
        page = self.page
        self.clicks += 1
        page.get_by_label("Text").fill(f"line {self.clicks}")
        h.after_next_run(page, lambda: page.get_by_role("button", name="Save").click())
        page.get_by_text("Saved", exact=True).wait_for()
        return h.click_latency(h.wait_quiet(page, 150))


def open_signed_in(browser, root: Path, url: str, path: str = "") -> object:
    """A new context with the sign-in cookie, on `path` (Start here for ""), idle."""
    context = browser.new_context()
    context.add_cookies([h.sign_in_cookie(root, USER, url)])
    page = h.page_with_timing(context)
    page.goto(f"{url}/{path}")
    page.get_by_test_id("stSidebarNav").wait_for()
    h.wait_quiet(page, 300)
    return page


def first_visits(browser, root: Path, opening: str, pages: list[tuple[str, str]]) -> tuple[dict, float]:
    """A fresh server; the tab opens on `opening`; every other page visited once: {key: ms}, quiet wait."""
    process, url = h.start_server(h.APP, root, ENV)
    try:
        page = open_signed_in(browser, root, url, "" if opening == "start" else opening)
        started = time.monotonic()
        h.wait_server_quiet(process.pid)
        # And the browser's: the widget scripts the other pages need, loaded while nothing happens.
        page.wait_for_function("() => window.reboundPreload === 'done'", timeout=PRELOAD_TIMEOUT_MS)
        waited = time.monotonic() - started
        times = {}
        for key, label in pages:
            if key != opening:
                times[key], _ = switch(page, label, key, "first")
        page.context.close()
    finally:
        h.stop_server(process)
    return times, waited


def sign_in_click(browser, url: str, costs: Path | None = None) -> tuple[float, float | None]:
    """A fresh tab; the form filled; Sign in pointer down -> Start here painted (ms), and what the
    server's bcrypt and Argon2id took in that click (ms, from the file bench/server_hooks writes)."""
    context = browser.new_context()
    try:
        page = h.page_with_timing(context, WATCH)
        page.goto(url, wait_until="commit")
        page.wait_for_function("() => window.__rb && window.__rb.foundAt.sign_in !== undefined")
        h.wait_quiet(page, 300)
        form = page.get_by_test_id("stForm").filter(has_text="Username", has_not_text="Repeat password")
        form.get_by_label("Username").fill(USER)
        form.get_by_label("Password", exact=True).fill(h.PASSWORD)
        before = costs.stat().st_size if costs is not None and costs.exists() else 0
        form.get_by_role("button", name="Sign in").click()
        page.wait_for_function("() => window.__rb.foundAt.start !== undefined", timeout=h.STEP_TIMEOUT_MS)
        record = h.timings(page)
        spent = None
        if costs is not None:
            with costs.open("rb") as written:
                written.seek(before)
                spent = sum(float(line.split()[1]) for line in written.read().decode().splitlines())
        return record["foundAt"]["start"] - record["downs"][-1], spent
    finally:
        context.close()


def sign_in_costs() -> dict[str, float]:
    """What sign-in spends on purpose, once each in this process (ms): bcrypt, and Argon2id if there."""
    from core import auth

    hashed = auth.hash_password(h.PASSWORD)
    started = time.perf_counter()
    auth.verify_password(h.PASSWORD, hashed)
    costs = {"bcrypt": (time.perf_counter() - started) * 1000}
    try:
        from core import crypto
    except ImportError:
        return costs
    derive = getattr(crypto, "password_key", None)
    cost = getattr(crypto, "PASSWORD_COST", None)
    if derive is not None and cost is not None:
        started = time.perf_counter()
        derive(h.PASSWORD, os.urandom(16), cost)
        costs["argon2id"] = (time.perf_counter() - started) * 1000
    return costs


def _register_with_real_cost(root: Path) -> None:
    """The person, with a password hash at Rebound's own bcrypt cost (the harness's is cost 4)."""
    from core import auth

    store = h.open_store(root)
    try:
        store.add_account(
            h.account(USER).model_copy(update={"password_hash": auth.hash_password(h.PASSWORD)})
        )
    finally:
        store.close()


def measure(count: int, trials: int, rounds: int, sign_ins: int) -> tuple[list[h.Row], list[str]]:
    pages = _pages()
    warm: dict[str, list[float]] = {key: [] for key, _ in pages}
    first: dict[str, list[float]] = {key: [] for key, _ in pages}
    bare_switch: list[float] = []
    runs: dict[str, list[int]] = {"rebound": [], "bare": []}
    clicks: dict[str, list[float]] = {"sign_in": [], "bare": [], "in_server": [], "beyond": []}
    costs: dict[str, list[float]] = {}
    waits: list[float] = []
    with tempfile.TemporaryDirectory(prefix="rebound-bench-pages-") as folder:
        root = Path(folder) / "data"
        seeded = time.monotonic()
        _register_with_real_cost(root)
        h.seed_setbacks(root, USER, count)
        seed_s = time.monotonic() - seeded
        bare_env = {"REBOUND_BASELINE_FILE": str(Path(folder) / "bare.txt")}
        spent = Path(folder) / "sign-in-costs.txt"
        app_env = {
            **ENV,
            "PYTHONPATH": os.pathsep.join([str(HOOKS), str(h.ROOT)]),
            "REBOUND_BENCH_COSTS": str(spent),
        }
        (app, app_url), (bare, bare_url) = h.start_servers(
            (h.APP, root, app_env), (h.BASELINE_PAGES, Path(folder) / "bare", bare_env)
        )
        try:
            with h.chromium(2) as (app_browser, bare_browser):
                rebound = open_signed_in(app_browser, root, app_url)
                baseline = Bare(bare_browser, bare_url)
                # One untimed lap each, so the long-running server's first visits are not counted as warm.
                for key, label in [*pages[1:], pages[0]]:
                    switch(rebound, label, key)
                baseline.switch()
                baseline.switch()
                for trial in range(trials):
                    opening = OPENINGS[trial % len(OPENINGS)]
                    times, waited = first_visits(app_browser, root, opening, pages)
                    waits.append(waited)
                    for key, ms in times.items():
                        first[key].append(ms)
                    for _ in range(rounds):
                        for key, label in [*pages[1:], pages[0]]:
                            ms, took = switch(rebound, label, key)
                            warm[key].append(ms)
                            runs["rebound"].append(took)
                            ms, took = baseline.switch()
                            bare_switch.append(ms)
                            runs["bare"].append(took)
                    for _ in range(sign_ins):
                        ms, in_server = sign_in_click(app_browser, app_url, spent)
                        if not in_server:
                            raise RuntimeError(
                                f"the server logged no bcrypt or Argon2id in a sign-in ({spent})"
                            )
                        clicks["sign_in"].append(ms)
                        clicks["in_server"].append(in_server)
                        clicks["beyond"].append(ms - in_server)
                        clicks["bare"].append(baseline.click())
                        for name, ms in sign_in_costs().items():
                            costs.setdefault(name, []).append(ms)
        finally:
            h.stop_server(app)
            h.stop_server(bare)

    base = h.median(bare_switch)
    rows = []
    for key, label in pages:
        rows.append(
            h.ratio_row(
                f"page switch: {label}, warm, {count:,} setbacks (median)",
                h.median(warm[key]),
                base,
                SWITCH_RATIO,
            )
        )
    rows.append(
        h.Row(
            "page switch: runs per switch (median)",
            h.median(runs["rebound"]),
            "count",
            h.median(runs["bare"]),
        )
    )
    for key, label in pages:
        rows.append(
            h.ratio_row(
                f"first visit: {label}, after a server start (median)",
                h.median(first[key]),
                h.median(warm[key]),
                FIRST_VISIT_RATIO,
            )
        )
    alone = sum(h.median(values) for values in costs.values())
    sign_in = h.median(clicks["sign_in"])
    bare_click = h.median(clicks["bare"])
    rows.append(h.Row("sign-in: Sign in click -> Start here painted (median)", sign_in))
    rows.append(
        h.Row(
            "sign-in: bcrypt + Argon2id in the server, in that click (median)", h.median(clicks["in_server"])
        )
    )
    rows.append(
        h.Row("sign-in: one bcrypt check at Rebound's cost, alone (median)", h.median(costs["bcrypt"]))
    )
    if "argon2id" in costs:
        rows.append(h.Row("sign-in: Argon2id key derivation, alone (median)", h.median(costs["argon2id"])))
    rows.append(
        h.ratio_row(
            "sign-in: the click beyond its bcrypt + Argon2id, vs a bare button click",
            h.median(clicks["beyond"]),
            bare_click,
            SIGN_IN_RATIO,
        )
    )
    rows.append(
        h.Row(
            "sign-in: the click beyond bcrypt + Argon2id timed alone, vs a bare click",
            sign_in - alone,
            baseline=bare_click,
        )
    )
    notes = [
        f"pages: {trials} server starts for first visits (waits for the warm-ups "
        + ", ".join(f"{w:.1f}" for w in waits)
        + f" s), {rounds} warm rounds after each, {sign_ins} sign-ins after each; "
        f"seeding took {seed_s:.0f} s; {h.machine()}",
        "pages, bare switches ms: " + json.dumps([round(t) for t in bare_switch]),
    ]
    notes += [f"pages, {key} warm ms: " + json.dumps([round(t) for t in warm[key]]) for key, _ in pages]
    notes += [f"pages, {key} first ms: " + json.dumps([round(t) for t in first[key]]) for key, _ in pages]
    for kind in ("warm", "first"):
        notes.append(
            f"pages, {kind}: median ms until the run's finish message arrived (the rest is drawing): "
            + ", ".join(f"{label} {h.median(v):.0f}" for (k, label), v in SERVER_SHARE.items() if k == kind)
        )
    notes.append("pages, sign-in ms: " + json.dumps([round(t) for t in clicks["sign_in"]]))
    notes.append(
        "pages, sign-in bcrypt + Argon2id in the server ms: "
        + json.dumps([round(t) for t in clicks["in_server"]])
    )
    notes.append("pages, bare click ms: " + json.dumps([round(t) for t in clicks["bare"]]))
    return rows, notes


def main(argv: list[str] | None = None) -> int:
    args = h.parser(__doc__.splitlines()[0]).parse_args(argv)
    skipped = h.skip_without_browser()
    if skipped is not None:
        return skipped
    count, trials, rounds, sign_ins = (20, 2, 1, 1) if args.quick else (1000, 4, 2, 2)
    rows, notes = measure(count, trials, rounds, sign_ins)
    return h.finish(rows, args, notes)


if __name__ == "__main__":
    raise SystemExit(main())
