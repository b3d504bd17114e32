"""Cold start: `streamlit run` until the first page is painted in a browser, against a bare app.

Each trial starts a fresh server process (Rebound: on a data folder that already has an account,
as after the first day) and opens it in a fresh browser context as soon as its health check
answers. The figure is wall time from starting the process to the frame that first shows the
sign-in form (the bare app: its text area). Trials alternate between the two apps.

A separate run under `python -X importtime` lists what the process imported on the way to that
first paint (the log as it stood when the paint was seen; what the app loads in the background
afterwards is not on the way): pandas, numpy, pyarrow, altair, typst, fpdf2, fontTools and psycopg must not be among them.

    .venv/bin/python bench/bench_cold_start.py            # 5 trials per app
    .venv/bin/python bench/bench_cold_start.py --quick    # 1 trial: a smoke test
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _harness as h

TARGET_RATIO = 1.5
# psycopg: the files default never loads the PostgreSQL driver (core/storage/postgres.py is imported only for a database URL).
HEAVY = (
    "pandas",
    "numpy",
    "pyarrow",
    "altair",
    "typst",
    "fpdf",
    "fontTools",
    "matplotlib",
    "psycopg",
    "psycopg_pool",
)
WATCH = {
    "bare": ("textarea", None),
    "sign_in": ('input[aria-label="Username"]', None),
}


def _paint(browser, url: str, watch: str) -> float:
    """Open `url` in a fresh context; the wall-clock time (epoch ms) of the frame that shows `watch`."""
    context = browser.new_context()
    try:
        page = h.page_with_timing(context, {watch: WATCH[watch]})
        page.goto(url, wait_until="commit")
        page.wait_for_function(
            f"() => window.__rb && window.__rb.foundAt[{watch!r}] !== undefined", timeout=h.STEP_TIMEOUT_MS
        )
        return page.evaluate(f"() => performance.timeOrigin + window.__rb.foundAt[{watch!r}]")
    finally:
        context.close()


def _trial(browser, script: Path, data_dir: Path, watch: str, env: dict[str, str]) -> dict[str, float]:
    started = time.time()
    process, url = h.start_server(script, data_dir, env)
    try:
        answering = time.time()
        painted = _paint(browser, url, watch)
    finally:
        h.stop_server(process)
    return {"painted": painted - started * 1000, "answering": (answering - started) * 1000}


def _imports(browser, script: Path, data_dir: Path, watch: str, env: dict[str, str], log: Path) -> dict:
    """Run the server under -X importtime until the first paint; what it imported, and how long that took.

    Not through start_server: its output pipe is never read, and importtime's report (70 KB and
    more) would fill it and stall the server.
    """
    from tests.e2e.conftest import free_port

    port = free_port()
    command = [
        sys.executable, "-X", "importtime", "-m", "streamlit", "run", str(script),
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    full_env = os.environ | {"REBOUND_DATA_DIR": str(data_dir)} | env
    with log.open("wb") as sink:
        process = subprocess.Popen(
            command, cwd=h.cwd_for(script), env=full_env, stdout=sink, stderr=subprocess.STDOUT
        )
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit did not start: {log.read_text(errors='replace')[-2000:]}")
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as answer:
                        if answer.status == 200:
                            break
                except OSError:
                    time.sleep(0.05)
            _paint(browser, url, watch)
            # What was imported by the time of the paint: the app warms heavy modules up afterwards.
            painted_at = log.stat().st_size
        finally:
            h.stop_server(process)
    modules: dict[str, float] = {}
    for line in log.read_bytes()[:painted_at].decode(errors="replace").splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = [part.strip() for part in line[len("import time:") :].split("|")]
        if not parts[0].isdigit():
            continue  # the header line
        modules[parts[2]] = int(parts[0]) / 1000  # self time, ms
    tops = {name.split(".")[0] for name in modules}
    return {"heavy": sorted(name for name in HEAVY if name in tops), "modules": modules}


def measure(trials: int, quick: bool = False) -> tuple[list[h.Row], list[str]]:
    results: dict[str, list[dict[str, float]]] = {"bare": [], "sign_in": []}
    with tempfile.TemporaryDirectory(prefix="rebound-bench-cold-") as folder:
        root = Path(folder) / "data"
        h.register(root, "early")
        bare_env = {"REBOUND_BASELINE_FILE": str(Path(folder) / "bare.txt")}
        with h.chromium(2) as (app_browser, bare_browser):
            for _ in range(trials):
                results["bare"].append(
                    _trial(bare_browser, h.BASELINE_APP, Path(folder) / "bare", "bare", bare_env)
                )
                results["sign_in"].append(_trial(app_browser, h.APP, root, "sign_in", {}))
            app_imports = _imports(app_browser, h.APP, root, "sign_in", {}, Path(folder) / "app.log")
            if quick:  # the quick run looks at Rebound's imports only
                bare_imports: dict = {"heavy": [], "modules": {}}
            else:
                bare_imports = _imports(
                    bare_browser,
                    h.BASELINE_APP,
                    Path(folder) / "bare",
                    "bare",
                    bare_env,
                    Path(folder) / "bare.log",
                )

    def med(case: str, what: str) -> float:
        return h.median([result[what] for result in results[case]])

    extra = {name: ms for name, ms in app_imports["modules"].items() if name not in bare_imports["modules"]}
    biggest = sorted(extra.items(), key=lambda item: -item[1])[:8]
    heavy = app_imports["heavy"]
    rows = [
        h.ratio_row(
            "cold start: sign-in form painted",
            med("sign_in", "painted"),
            med("bare", "painted"),
            TARGET_RATIO,
        ),
        h.Row("cold start: server answering", med("sign_in", "answering"), baseline=med("bare", "answering")),
        h.Row(
            "cold start: import self time, whole process",
            sum(app_imports["modules"].values()),
            baseline=sum(bare_imports["modules"].values()) or None,
        ),
        h.Row(
            "cold start: heavy modules imported",
            float(len(heavy)),
            "count",
            float(len(bare_imports["heavy"])),
            "= 0",
            not heavy,
            ", ".join(heavy),
        ),
    ]
    notes = [
        f"cold start: median of {trials} fresh server processes per app, alternated; {h.machine()}",
        f"cold start: heavy modules looked for: {', '.join(HEAVY)}; imported: {', '.join(heavy) or 'none'}",
        f"cold start: modules only Rebound imports: {len(extra)}, {sum(extra.values()):.0f} ms self time; "
        "largest: " + ", ".join(f"{name} {ms:.0f} ms" for name, ms in biggest),
    ]
    return rows, notes


def main(argv: list[str] | None = None) -> int:
    args = h.parser(__doc__.splitlines()[0]).parse_args(argv)
    skipped = h.skip_without_browser()
    if skipped is not None:
        return skipped
    rows, notes = measure(1 if args.quick else 5, args.quick)
    return h.finish(rows, args, notes)


if __name__ == "__main__":
    raise SystemExit(main())
