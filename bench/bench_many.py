"""Many people at once: 30 signed-in browser sessions each saving the Vent stage 3 times.

Thirty accounts (each with a few setbacks) sign in by cookie in their own Playwright context of
one Chromium, all open the Vent page, then all save at once: each round types a new line,
commits it (Ctrl+Enter), clicks Save and waits for "Saved at". Latency is taken inside each page
(pointer down on Save to the first idle frame after the run it started). After every save
storage must hold the line just typed (a lost save otherwise); an error is any failed step
or any error or exception shown on the page. The server's peak memory is read from
/proc/<pid>/status (VmHWM) and shared out per session above its memory with one session.
With --with-bare the same load is then put on the bare app (the baseline column): how much of
the wait is the browser's (on 2026-12-06: p50 1.1 s against the bare app's 1.9 s, p95 2.5 against
2.7; nearly all of it is thirty tabs sharing two cores with the server).

    .venv/bin/python bench/bench_many.py               # 30 sessions x 3 saves
    .venv/bin/python bench/bench_many.py --with-bare   # and the same load on the bare app
    .venv/bin/python bench/bench_many.py --quick       # 2 sessions x 2 saves, both apps: a smoke test
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _harness as h

SAVES = 3  # per session, all thirty at once each time (10 took four of make bench's minutes)
STEP_MS = 120_000  # one step may wait this long while 30 sessions share two cores
TOTAL_S = 1200  # the whole run gives up after this long
ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'
# Thirty people would each load the widget scripts in their own browser (pages/_preload.py); here
# the thirty tabs share one browser and two cores with the server, so they don't.
NO_PRELOAD = {"REBOUND_NO_PRELOAD": "1"}


class Session:
    """One person in one browser context."""

    def __init__(self, number: int, root: Path, setback_id: str) -> None:
        self.user = f"person{number:02d}"
        self.root, self.setback_id = root, setback_id
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.lost = 0
        self.page = None

    def line(self, round_number: int) -> str:
        """What this person types in a round."""
        return f"{self.user}, save {round_number}: one more honest line."

    async def open(self, browser, url: str) -> None:
        """Open the Vent page in a new context, or in this session's page if it has one already
        (a page handed over from an earlier load: its browser has Streamlit's scripts cached)."""
        if self.page is None:
            context = await browser.new_context()
            await context.add_cookies([h.sign_in_cookie(self.root, self.user, url)])
            self.page = await context.new_page()
            self.page.set_default_timeout(STEP_MS)
            await self.page.add_init_script(h.timing_script())
        await self.page.goto(f"{url}/vent")
        await self.page.get_by_role("heading", name="Vent").wait_for()
        await self._idle()

    async def _idle(self) -> None:
        await self.page.wait_for_selector(h.IDLE, state="attached")
        await self.page.wait_for_function(
            "() => !document.querySelector('[data-test-script-state=\"running\"]')"
        )

    async def _next_run(self, action) -> None:
        before = await self.page.evaluate("() => window.__rb.idle.length")
        await action()
        await self.page.wait_for_function("(n) => window.__rb.idle.length > n", arg=before)
        await self._idle()

    async def save(self, round_number: int) -> None:
        page = self.page
        text = self.line(round_number)
        area = page.get_by_label("Your writing")
        await area.fill(text)
        await self._next_run(lambda: area.press("Control+Enter"))
        await page.get_by_text("You have changes that aren't saved yet.").wait_for()
        await page.get_by_role("button", name="Save").click()
        await page.get_by_text("Saved at ").wait_for()
        await self._idle()
        record = await page.evaluate("() => { window.__rb.check(); return window.__rb; }")
        self.latencies.append(h.click_latency(record))
        shown = await page.locator(ERRORS).count()
        if shown:
            self.errors.append(f"round {round_number}: {shown} error(s) on the page")
        if _vent_saved(self.root, self.user, self.setback_id) != text:
            self.lost += 1

    async def run(self, rounds: int) -> None:
        for number in range(rounds):
            try:
                await self.save(number)
            except Exception as error:  # noqa: BLE001 - any failed step counts as an error, and the run goes on
                self.errors.append(f"round {number}: {type(error).__name__}: {str(error).splitlines()[0]}")


class BareSession(Session):
    """The same person on the bare app: one text area, Save appends the line to a shared file."""

    def __init__(self, number: int, out: Path) -> None:
        super().__init__(number, out.parent, "")
        self.out = out

    async def open(self, browser, url: str) -> None:
        self.page = await (await browser.new_context()).new_page()
        self.page.set_default_timeout(STEP_MS)
        await self.page.add_init_script(h.timing_script())
        await self.page.goto(url)
        await self.page.get_by_label("Text").wait_for()
        await self._idle()

    async def save(self, round_number: int) -> None:
        page = self.page
        text = self.line(round_number)
        area = page.get_by_label("Text")
        await area.fill(text)
        await self._next_run(lambda: area.press("Control+Enter"))
        await page.get_by_role("button", name="Save").click()
        await page.get_by_text("Saved", exact=True).wait_for()
        await self._idle()
        record = await page.evaluate("() => { window.__rb.check(); return window.__rb; }")
        self.latencies.append(h.click_latency(record))
        if text not in self.out.read_text("utf-8").splitlines():
            self.lost += 1


def lost_at_the_end(root: Path | str, sessions: list[Session], rounds: int) -> int:
    """How many people's last typed line is not the one storage holds."""
    return sum(_vent_saved(root, s.user, s.setback_id) != s.line(rounds - 1) for s in sessions)


def _vent_saved(root: Path, user: str, setback_id: str) -> str | None:
    """The vent text storage holds, read by a fresh store (nothing cached from an earlier read)."""
    store = h.open_store(root)
    try:
        setback = store.load(h.person(user), setback_id)
    finally:
        store.close()  # a database store holds a pool of connections
    return setback.vent.text if setback.vent else None


async def launch(playwright):
    """Debian's Chromium, as the harness launches it, for the async API."""
    return await playwright.chromium.launch(
        executable_path=str(h.CHROMIUM), args=h.BROWSER_FLAGS, headless=True
    )


async def load(browser, url: str, sessions: list[Session], rounds: int, pid: int) -> dict[str, float]:
    """Open every session on `url`, then all of them save `rounds` times at once; the server's figures."""
    # One visit first, so the server's first-run imports are in its memory before the count,
    # and what its background warm-up loads for the other pages (pages/_warm.py) too.
    await sessions[0].open(browser, url)
    await asyncio.to_thread(h.wait_server_quiet, pid)
    before, _ = h.peak_rss_mb(pid)
    # Open the rest a few at a time (all at once only measures the page loads).
    for start in range(1, len(sessions), 5):
        await asyncio.gather(*(s.open(browser, url) for s in sessions[start : start + 5]))
    opened, _ = h.peak_rss_mb(pid)
    started, cpu = time.monotonic(), h.cpu_seconds(pid)
    await asyncio.wait_for(asyncio.gather(*(s.run(rounds) for s in sessions)), TOTAL_S)
    elapsed = time.monotonic() - started
    cpu = h.cpu_seconds(pid) - cpu
    after, peak = h.peak_rss_mb(pid)
    return {"before": before, "opened": opened, "after": after, "peak": peak, "elapsed": elapsed, "cpu": cpu}


async def _drive(url: str, sessions: list[Session], rounds: int, pid: int) -> dict[str, float]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await launch(playwright)
        try:
            return await load(browser, url, sessions, rounds, pid)
        finally:
            await browser.close()


def measure(count: int, rounds: int, with_bare: bool) -> tuple[list[h.Row], list[str]]:
    with tempfile.TemporaryDirectory(prefix="rebound-bench-many-") as folder:
        root = Path(folder) / "data"
        sessions = []
        for number in range(count):
            session = Session(number, root, "")
            h.register(root, session.user)
            session.setback_id = h.seed_setbacks(root, session.user, 3, vent_chars=500)[-1]
            sessions.append(session)
        process, url = h.start_server(h.APP, root, NO_PRELOAD)
        try:
            memory = asyncio.run(_drive(url, sessions, rounds, process.pid))
            final_lost = lost_at_the_end(root, sessions, rounds)
        finally:
            h.stop_server(process)
        bare: list[BareSession] = []
        bare_memory = None
        if with_bare:  # the same load on the bare app, so the browser's own share of the wait shows
            out = Path(folder) / "bare.txt"
            out.touch()
            bare = [BareSession(number, out) for number in range(count)]
            process, url = h.start_server(
                h.BASELINE_APP, Path(folder) / "bare", {"REBOUND_BASELINE_FILE": str(out)}
            )
            try:
                bare_memory = asyncio.run(_drive(url, bare, rounds, process.pid))
            finally:
                h.stop_server(process)

    latencies = [t for s in sessions for t in s.latencies]
    bare_latencies = [t for s in bare for t in s.latencies]
    errors = [f"{s.user} {e}" for s in sessions for e in s.errors]
    lost = sum(s.lost for s in sessions)
    saves = count * rounds
    per_session = (memory["peak"] - memory["before"]) / max(count - 1, 1)

    def bare_figure(figure) -> float | None:
        return figure(bare_memory) if bare_memory is not None else None

    rows = [
        h.Row(
            f"{count} sessions: save latency p50",
            h.percentile(latencies, 0.5),
            baseline=h.percentile(bare_latencies, 0.5) if bare else None,
        ),
        h.Row(
            f"{count} sessions: save latency p95",
            h.percentile(latencies, 0.95),
            baseline=h.percentile(bare_latencies, 0.95) if bare else None,
        ),
        h.Row(f"{count} sessions: errors", float(len(errors)), "count", None, "= 0", not errors),
        h.Row(
            f"{count} sessions: lost saves (after each, and at the end)",
            float(lost + final_lost),
            "count",
            None,
            "= 0",
            lost + final_lost == 0,
        ),
        h.Row(
            f"{count} sessions: saves confirmed on screen",
            float(len(latencies)),
            "count",
            None,
            f"= {saves}",
            len(latencies) == saves,
        ),
        h.Row(
            f"{count} sessions: server CPU while saving (share of one core)",
            100 * memory["cpu"] / memory["elapsed"],
            "%",
            bare_figure(lambda m: 100 * m["cpu"] / m["elapsed"]),
        ),
        h.Row(f"{count} sessions: server peak RSS", memory["peak"], "MB", bare_figure(lambda m: m["peak"])),
        h.Row(
            f"{count} sessions: server peak RSS per session",
            per_session,
            "MB",
            bare_figure(lambda m: (m["peak"] - m["before"]) / max(count - 1, 1)),
        ),
    ]
    bare_trouble = sum(len(s.errors) + s.lost for s in bare)
    notes = [
        f"{count} sessions: {rounds} saves each, all sessions saving at once, {memory['elapsed']:.0f} s in all "
        + (
            f"(bare app: {bare_memory['elapsed']:.0f} s)"
            if bare_memory
            else "(bare app not run: --with-bare)"
        )
        + f"; server RSS {memory['before']:.0f} MB with one session, "
        f"{memory['opened']:.0f} MB with all open, peak {memory['peak']:.0f} MB; {h.machine()}",
    ]
    if errors:
        notes.append(f"{count} sessions: errors: " + json.dumps(errors[:5]))
    if bare_trouble:
        notes.append(
            f"{count} sessions: the bare app had {bare_trouble} failed or lost saves (baseline only)"
        )
    return rows, notes


def main(argv: list[str] | None = None) -> int:
    parse = h.parser(__doc__.splitlines()[0])
    parse.add_argument(
        "--with-bare", action="store_true", help="put the same load on the bare app too (about a minute more)"
    )
    args = parse.parse_args(argv)
    skipped = h.skip_without_browser()
    if skipped is not None:
        return skipped
    count, rounds = (2, 2) if args.quick else (30, SAVES)
    rows, notes = measure(count, rounds, args.with_bare or args.quick)
    return h.finish(rows, args, notes)


if __name__ == "__main__":
    raise SystemExit(main())
