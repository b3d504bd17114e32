"""Interaction latency: click Save on a stage page until the app is idle again, against a bare app.

A person with 1,000 setbacks on disk works on the Vent page (Start here's intake form when there
is no Vent page yet). Each round types a new line into the text area, commits it (Ctrl+Enter, a
run of its own, not timed), then clicks Save. The time is taken inside the page: from the pointer
going down on Save to the first frame, after the server's "script finished" message for the run
the click started, in which `data-test-script-state` is back to notRunning. The baseline is bench/baseline_app.py (one text area, one button that appends a line to
a file), driven the same way, rounds alternated with Rebound's, one browser per app.
Afterwards the last line typed must be the one on disk.

    .venv/bin/python bench/bench_latency.py            # 1,000 setbacks, median of 30
    .venv/bin/python bench/bench_latency.py --quick    # 20 setbacks, 2 rounds, no warm-up: a smoke test
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _harness as h

TARGET_RATIO = 1.2
USER = "saver"


class Bare:
    """The baseline app in its own browser."""

    name = "bare"

    def __init__(self, browser, url: str, out: Path) -> None:
        self.out = out
        self.page = h.page_with_timing(browser.new_context())
        self.page.goto(url)
        h.settle(self.page)

    def round(self, text: str) -> float:
        page = self.page
        area = page.get_by_label("Text")
        area.fill(text)
        h.after_next_run(page, lambda: area.press("Control+Enter"))
        page.get_by_role("button", name="Save").click()
        page.get_by_text("Saved", exact=True).wait_for()
        h.settle(page)
        return h.click_latency(h.timings(page))

    def on_disk(self) -> str:
        return self.out.read_text("utf-8").splitlines()[-1]


class Rebound:
    """Rebound, signed in, on the Vent page (or Start here), in its own browser."""

    def __init__(self, browser, url: str, root: Path, user: str = USER, by_form: bool = True) -> None:
        from tests.e2e.helpers import sign_in

        self.root, self.user = root, user
        context = browser.new_context()
        if not by_form:  # the quick run signs in by cookie: a few seconds less
            context.add_cookies([h.sign_in_cookie(root, user, url)])
        self.page = h.page_with_timing(context)
        page = self.page
        page.goto(url)
        h.settle(page)
        if by_form:
            sign_in(page, user)
        else:
            page.get_by_role("heading", name="I just heard back").wait_for()
        self.name = "vent" if h.VENT_PAGE.exists() else "start"
        if self.name == "vent":
            page.get_by_test_id("stSidebarNav").get_by_role("link", name="Vent").click()
            page.get_by_role("heading", name="Vent").wait_for()
            h.settle(page)

    def round(self, text: str) -> float:
        page = self.page
        if self.name == "vent":
            area = page.get_by_label("Your writing")
            area.fill(text)
            h.after_next_run(page, lambda: area.press("Control+Enter"))
            page.get_by_text("You have changes that aren't saved yet.").wait_for()
            # Wait for the run the click starts: the last round's "Saved at" may still be showing.
            h.after_next_run(page, lambda: page.get_by_role("button", name="Save").click())
            page.get_by_text("Saved at ").wait_for()
        else:
            page.get_by_role("textbox", name="Company").fill(text)
            page.get_by_role("textbox", name="Role").fill("Analyst")
            h.after_next_run(page, lambda: page.get_by_role("button", name="Save").click())
            page.get_by_text("Saved. This setback is now your current one").wait_for()
        h.settle(page)
        return h.click_latency(h.timings(page))

    def on_disk(self) -> str:
        """The newest saved text in storage: the vent of the current setback, or the newest company."""
        store = h.open_store(self.root)
        try:
            setbacks = store.list(h.person(self.user)).setbacks
        finally:
            store.close()  # a database store holds a pool of connections
        if self.name == "vent":
            newest = max(
                setbacks, key=lambda s: s.vent.saved_at.timestamp() if s.vent and s.vent.saved_at else 0
            )
            return newest.vent.text
        return max(setbacks, key=lambda s: s.created_at).intake.company


def measure(count: int, rounds: int, warmup: int, quick: bool = False) -> tuple[list[h.Row], list[str]]:
    with tempfile.TemporaryDirectory(prefix="rebound-bench-latency-") as folder:
        root = Path(folder) / "data"
        out = Path(folder) / "bare.txt"
        h.register(root, USER)
        h.seed_setbacks(root, USER, count)
        (app, app_url), (bare, bare_url) = h.start_servers(
            # Plaintext writing: the bench reads the saves back from disk without a key (the cost of
            # sealing them is bench_crypto's figure).
            (h.APP, root, {"REBOUND_ENCRYPTION": "off"}),
            (h.BASELINE_APP, Path(folder) / "bare", {"REBOUND_BASELINE_FILE": str(out)}),
        )
        try:
            with h.chromium(2) as (app_browser, bare_browser):
                rebound = Rebound(app_browser, app_url, root, by_form=not quick)
                baseline = Bare(bare_browser, bare_url, out)
                times: dict[str, list[float]] = {"rebound": [], "bare": []}
                for index in range(warmup + rounds):
                    text = f"Round {index}: still annoyed, a little calmer."
                    for key, app_under_test in (("rebound", rebound), ("bare", baseline)):
                        elapsed = app_under_test.round(text)
                        if index >= warmup:
                            times[key].append(elapsed)
                lost = [name for name, a in (("Rebound", rebound), ("bare", baseline)) if a.on_disk() != text]
        finally:
            h.stop_server(app)
            h.stop_server(bare)

    where = "Vent" if rebound.name == "vent" else "Start here"
    value, base = h.median(times["rebound"]), h.median(times["bare"])
    rows = [
        h.ratio_row(f"save latency: {where} Save, {count:,} setbacks (median)", value, base, TARGET_RATIO),
        h.Row(
            "save latency: slowest of the rounds",
            max(times["rebound"]),
            baseline=max(times["bare"]),
        ),
        h.Row("save latency: last save missing on disk", float(len(lost)), "count", None, "= 0", not lost),
    ]
    notes = [
        f"save latency: {rounds} rounds after {warmup} warm-up, alternated with the bare app; "
        f"pointer down -> notRunning, in the page; {h.machine()}",
        "save latency, Rebound ms: " + json.dumps([round(t) for t in times["rebound"]]),
        "save latency, bare ms:    " + json.dumps([round(t) for t in times["bare"]]),
    ]
    return rows, notes


def main(argv: list[str] | None = None) -> int:
    args = h.parser(__doc__.splitlines()[0]).parse_args(argv)
    skipped = h.skip_without_browser()
    if skipped is not None:
        return skipped
    count, rounds, warmup = (20, 2, 0) if args.quick else (1000, 30, 3)
    rows, notes = measure(count, rounds, warmup, args.quick)
    return h.finish(rows, args, notes)


if __name__ == "__main__":
    raise SystemExit(main())
