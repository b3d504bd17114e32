"""Opening the tab: a fresh browser context loads an already-running server, until the page is painted.

Three cases, alternated trial by trial so a busy moment on the machine hits all of them:
the bare app (baseline: its text area painted), Rebound signed out (the Login form painted) and
Rebound with a sign-in cookie (Start here painted). Times are taken inside the page: from
navigation start to the frame that first shows the element. "Settled" is when the last script
run ended (after a quiet spell), which includes any extra run a component asks for.

    .venv/bin/python bench/bench_open_tab.py            # 10 trials per case
    .venv/bin/python bench/bench_open_tab.py --quick    # 1 trial: a smoke test
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _harness as h

TARGET_RATIO = 1.3
USER = "opener"
WATCH = {
    "bare": ("textarea", None),
    "sign_in": ('input[aria-label="Username"]', None),
    "start": ("h1", "I just heard back"),
}


def _open(browser, url: str, watch: str, quiet_ms: float, cookies=None) -> dict[str, float]:
    """One fresh context: (painted, settled, runs) for `url`."""
    context = browser.new_context()
    if cookies:
        context.add_cookies(cookies)
    try:
        page = h.page_with_timing(context, {watch: WATCH[watch]})
        page.goto(url, wait_until="commit")
        page.wait_for_function(
            f"() => window.__rb && window.__rb.foundAt[{watch!r}] !== undefined", timeout=h.STEP_TIMEOUT_MS
        )
        record = h.wait_quiet(page, quiet_ms)
        return {
            "painted": record["foundAt"][watch],
            "settled": h.settled_at(record),
            "runs": float(h.runs_counted(record)),
        }
    finally:
        context.close()


def _real_cookie(browser, url: str) -> list[dict]:
    """Sign in through the form once and keep the cookie the app set."""
    from tests.e2e.helpers import sign_in

    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_default_timeout(h.STEP_TIMEOUT_MS)
        page.goto(url)
        h.settle(page)
        sign_in(page, USER)
        cookies = [cookie for cookie in context.cookies() if cookie["name"] == "rebound_session"]
        if not cookies:
            raise RuntimeError("signing in set no rebound_session cookie")
        return cookies
    finally:
        context.close()


def measure(trials: int, quiet_ms: float, quick: bool = False) -> tuple[list[h.Row], list[str]]:
    with tempfile.TemporaryDirectory(prefix="rebound-bench-open-") as folder:
        root = Path(folder) / "data"
        h.register(root, USER)
        h.seed_setbacks(root, USER, 3, vent_chars=400)
        bare_env = {"REBOUND_BASELINE_FILE": str(Path(folder) / "bare.txt")}
        (app, app_url), (bare, bare_url) = h.start_servers(
            (h.APP, root, None), (h.BASELINE_APP, Path(folder) / "bare", bare_env)
        )
        try:
            with h.chromium(2) as (app_browser, bare_browser):
                # The quick run makes the cookie as the app does instead of signing in for it.
                cookies = (
                    [h.sign_in_cookie(root, USER, app_url)] if quick else _real_cookie(app_browser, app_url)
                )
                if not quick:
                    # One untimed visit each, so the servers' first-run imports are not counted here.
                    _open(bare_browser, bare_url, "bare", quiet_ms)
                    _open(app_browser, app_url, "sign_in", quiet_ms)
                    _open(app_browser, app_url, "start", quiet_ms, cookies)
                results: dict[str, list[dict[str, float]]] = {"bare": [], "sign_in": [], "start": []}
                for _ in range(trials):
                    results["bare"].append(_open(bare_browser, bare_url, "bare", quiet_ms))
                    results["sign_in"].append(_open(app_browser, app_url, "sign_in", quiet_ms))
                    results["start"].append(_open(app_browser, app_url, "start", quiet_ms, cookies))
        finally:
            h.stop_server(app)
            h.stop_server(bare)

    def med(case: str, what: str) -> float:
        return h.median([result[what] for result in results[case]])

    base = med("bare", "painted")
    rows = [
        h.ratio_row("open tab: sign-in form painted", med("sign_in", "painted"), base, TARGET_RATIO),
        h.ratio_row("open tab: cookie -> Start here painted", med("start", "painted"), base, TARGET_RATIO),
        h.Row(
            "open tab: sign-in settled (last run ended)",
            med("sign_in", "settled"),
            baseline=med("bare", "settled"),
        ),
        h.Row(
            "open tab: cookie -> Start here settled", med("start", "settled"), baseline=med("bare", "settled")
        ),
        h.Row("open tab: script runs, signed out", med("sign_in", "runs"), "count", med("bare", "runs")),
        h.Row("open tab: script runs, with cookie", med("start", "runs"), "count", med("bare", "runs")),
    ]
    notes = [f"open tab: median of {trials} fresh contexts per case, cases alternated; {h.machine()}"]
    return rows, notes


def main(argv: list[str] | None = None) -> int:
    args = h.parser(__doc__.splitlines()[0]).parse_args(argv)
    skipped = h.skip_without_browser()
    if skipped is not None:
        return skipped
    trials, quiet = (1, 300.0) if args.quick else (10, 500.0)
    rows, notes = measure(trials, quiet, args.quick)
    return h.finish(rows, args, notes)


if __name__ == "__main__":
    raise SystemExit(main())
