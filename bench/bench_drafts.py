"""Drafts: leaving a text field (the run that keeps the draft) and Save, with drafts kept in storage.

A person with 1,000 setbacks on disk works on the Vent page. Each round types a new line into
"Your writing" and leaves the field by pressing the pointer on the page's heading: the commit starts
a run, which keeps the draft. That run is timed inside the page, from the pointer going down to the
first frame, after the server's "script finished" message for that run, in which the app is idle
again; then Save is clicked and timed the same way. The baseline for leaving the field is
bench/baseline_app.py (a bare Streamlit app's text area commit, driven the same way); the baseline
for Save is Rebound itself with `keep_drafts = false` (values kept only in the browser session, as
before drafts were kept in storage). The three apps run side by side, rounds alternated, one
browser each. Afterwards the last line typed must be the one saved, and no draft may be left over.

    .venv/bin/python bench/bench_drafts.py            # 1,000 setbacks, median of 30
    .venv/bin/python bench/bench_drafts.py --quick    # 20 setbacks, 2 rounds, no warm-up: a smoke test
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _harness as h

LEAVE_RATIO = 1.2
SAVE_RATIO = 1.05
USER = "drafter"


class Bare:
    """The baseline app in its own browser: type into its text area, then press on the heading."""

    name = "bare"

    def __init__(self, browser, url: str) -> None:
        self.page = h.page_with_timing(browser.new_context())
        self.page.goto(url)
        h.settle(self.page)

    def leave(self, text: str) -> float:
        page = self.page
        page.get_by_label("Text").fill(text)
        h.after_next_run(page, lambda: page.get_by_role("heading", name="Baseline").click())
        return h.click_latency(h.timings(page))


class Rebound:
    """Rebound on the Vent page, signed in by cookie, in its own browser."""

    def __init__(self, browser, url: str, root: Path) -> None:
        context = browser.new_context()
        context.add_cookies([h.sign_in_cookie(root, USER, url)])
        self.root = root
        self.page = page = h.page_with_timing(context)
        page.goto(url)
        page.get_by_role("heading", name="I just heard back").wait_for()
        h.settle(page)
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Vent").click()
        page.get_by_role("heading", name="Vent").wait_for()
        h.settle(page)

    def leave(self, text: str) -> float:
        page = self.page
        page.get_by_label("Your writing").fill(text)
        h.after_next_run(page, lambda: page.get_by_role("heading", name="Vent", exact=True).click())
        page.get_by_text("You have changes that aren't saved yet.").wait_for()
        return h.click_latency(h.timings(page))

    def save(self) -> float:
        page = self.page
        page.get_by_role("button", name="Save").click()
        page.get_by_text("Saved at ").wait_for()
        h.settle(page)
        return h.click_latency(h.timings(page))

    def saved_text(self) -> str:
        store = h.open_store(self.root)
        setbacks = store.list(h.person(USER)).setbacks
        newest = max(setbacks, key=lambda s: s.vent.saved_at.timestamp() if s.vent and s.vent.saved_at else 0)
        return newest.vent.text

    def drafts_left(self) -> int:
        return len(h.open_store(self.root).drafts(h.person(USER)))


def measure(count: int, rounds: int, warmup: int) -> tuple[list[h.Row], list[str]]:
    with tempfile.TemporaryDirectory(prefix="rebound-bench-drafts-") as folder:
        kept, session = Path(folder) / "kept", Path(folder) / "session"
        for root in (kept, session):
            h.seed_setbacks(root, USER, count)
        (app, app_url), (off, off_url), (bare, bare_url) = h.start_servers(
            (h.APP, kept, None),
            (h.APP, session, {"REBOUND_KEEP_DRAFTS": "false"}),
            (h.BASELINE_APP, Path(folder) / "bare", None),
        )
        try:
            with h.chromium(3) as (app_browser, off_browser, bare_browser):
                rebound = Rebound(app_browser, app_url, kept)
                before = Rebound(off_browser, off_url, session)
                baseline = Bare(bare_browser, bare_url)
                times: dict[str, list[float]] = {
                    "leave": [],
                    "bare": [],
                    "save": [],
                    "leave_before": [],
                    "save_before": [],
                }
                for index in range(warmup + rounds):
                    text = f"Round {index}: still annoyed, a little calmer."
                    measured = {
                        "leave": rebound.leave(text),
                        "bare": baseline.leave(text),
                        "save": rebound.save(),
                    }
                    measured["leave_before"] = before.leave(text)
                    measured["save_before"] = before.save()
                    if index >= warmup:
                        for key, value in measured.items():
                            times[key].append(value)
                lost = [
                    name
                    for name, app_ in (("kept", rebound), ("session", before))
                    if app_.saved_text() != text
                ]
                left = rebound.drafts_left()
        finally:
            for process in (app, off, bare):
                h.stop_server(process)

    rows = [
        h.ratio_row(
            f"drafts: leave a text field, run ends, {count:,} setbacks (median)",
            h.median(times["leave"]),
            h.median(times["bare"]),
            LEAVE_RATIO,
        ),
        h.Row(
            "drafts: leave a text field, drafts kept vs session only (median)",
            h.median(times["leave"]),
            "ms",
            h.median(times["leave_before"]),
            "-",
            None,
        ),
        h.ratio_row(
            "drafts: Save, drafts kept vs session only (median)",
            h.median(times["save"]),
            h.median(times["save_before"]),
            SAVE_RATIO,
        ),
        h.Row("drafts: last save missing", float(len(lost)), "count", None, "= 0", not lost),
        h.Row("drafts: drafts left after Save", float(left), "count", None, "= 0", left == 0),
    ]
    notes = [
        f"drafts: {rounds} rounds after {warmup} warm-up, three apps alternated; pointer down -> "
        f"notRunning, in the page; {h.machine()}",
        *(f"drafts, {key} ms: " + json.dumps([round(t) for t in values]) for key, values in times.items()),
    ]
    return rows, notes


def main(argv: list[str] | None = None) -> int:
    args = h.parser(__doc__.splitlines()[0]).parse_args(argv)
    skipped = h.skip_without_browser()
    if skipped is not None:
        return skipped
    count, rounds, warmup = (20, 2, 0) if args.quick else (1000, 30, 3)
    rows, notes = measure(count, rounds, warmup)
    return h.finish(rows, args, notes)


if __name__ == "__main__":
    raise SystemExit(main())
