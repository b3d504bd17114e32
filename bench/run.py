"""Run every benchmark and print one table: figure, value, baseline, ratio, target, pass/fail.

Each script runs in its own process, one after another (so none of them loads the machine while
another measures), and hands its rows back as JSON. bench/bench_pdf.py, bench/bench_history.py and
bench/bench_prep.py print their own tables; their figures are read from what they print, whenever those files exist.
Ratios compare against a baseline measured in the same script run, so a busy machine moves both.

    make bench                                  # everything (12-17 minutes on two cores)
    .venv/bin/python bench/run.py --quick       # a smoke run of every script
    .venv/bin/python bench/run.py --only storage latency
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _harness as h

BENCH = h.ROOT / "bench"
OUTPUT = h.ROOT / "test-output" / "bench"


@dataclass(frozen=True)
class Script:
    """A benchmark script, and how to read its figures."""

    name: str
    file: str
    timeout_s: int
    # For scripts that print their own table: {line label: (figure, limit in ms or None)}.
    picks: dict[str, tuple[str, float | None]] = field(default_factory=dict)
    browser: bool = False


SCRIPTS = (
    Script("storage", "bench_storage.py", 600),
    Script(
        "pdf",
        "bench_pdf.py",
        600,
        {
            "warm median, ms": ("PDF: full setback, warm render (median)", 60.0),
            "first render (fonts loaded), ms": ("PDF: first render in a process (fonts loaded)", 500.0),
            "first render, every script, ms": ("PDF: first render in a process, every script", 500.0),
        },
    ),
    Script(
        "history",
        "bench_history.py",
        900,
        {
            "History: median run, ms": ("History page run, {setbacks} setbacks (median)", 300.0),
            "Start here: median run, ms": ("Start here page run, {setbacks} setbacks (median)", 300.0),
        },
    ),
    Script(
        "prep",
        "bench_prep.py",
        900,
        {
            "Before my next interview: median run, ms": (
                "Before my next interview page run, {setbacks} setbacks (median)",
                300.0,
            ),
            "Before my next interview: tick a box (save and run), median, ms": (
                "Before my next interview: tick a box, save and run (median)",
                None,
            ),
            "prep PDF: warm median, ms": ("PDF: prep sheet, one page, warm render (median)", 100.0),
            "prep PDF: warm median CPU time, ms": ("PDF: prep sheet, warm render CPU time (median)", None),
        },
    ),
    Script("latency", "bench_latency.py", 900, browser=True),
    Script("open_tab", "bench_open_tab.py", 900, browser=True),
    Script("cold_start", "bench_cold_start.py", 900, browser=True),
    Script("many", "bench_many.py", 1800, browser=True),
    Script("accounts", "bench_accounts.py", 1200, browser=True),
    Script("crypto", "bench_crypto.py", 900, browser=True),
    Script("drafts", "bench_drafts.py", 1500, browser=True),
    Script("pages", "bench_pages.py", 1200, browser=True),
    Script("postgres", "bench_postgres.py", 900),
    Script("cluster", "bench_cluster.py", 2400, browser=True),
)
_NUMBER = re.compile(r"^(?P<label>\S.*?)\s{2,}(?P<value>-?[\d,]+(?:\.\d+)?)(?:\s|$)")


def _read_printed(script: Script, text: str) -> list[h.Row]:
    """The picked figures from a script that prints `label   value ...` lines."""
    found: dict[str, float] = {}
    for line in text.splitlines():
        match = _NUMBER.match(line.strip())
        if match:
            found.setdefault(match["label"].strip(), float(match["value"].replace(",", "")))
    rows = []
    setbacks = found.get("setbacks on disk")
    for label, (name, limit) in script.picks.items():
        figure = name.format(setbacks=f"{setbacks:,.0f}" if setbacks is not None else "?")
        value = found.get(label)
        if value is None:
            rows.append(
                h.Row(figure, None, target="-", passed=False, note=f"{script.file} printed no {label!r}")
            )
        elif limit is None:
            rows.append(h.Row(figure, value))
        else:
            rows.append(h.limit_row(figure, value, limit))
    return rows


def run_script(script: Script, quick: bool) -> tuple[list[h.Row], list[str], float]:
    """Run one script; its rows, its notes and how long it took."""
    path = BENCH / script.file
    if not path.exists():
        return [h.Row(f"{script.name}: not measured", None, note=f"{script.file} is not there yet")], [], 0.0
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="rebound-bench-run-") as folder:
        out = Path(folder) / "rows.json"
        command = [sys.executable, str(path)] + (["--quick"] if quick else [])
        if not script.picks:
            command += ["--json", str(out)]
        try:
            answer = subprocess.run(
                command, cwd=h.ROOT, capture_output=True, text=True, timeout=script.timeout_s, check=False
            )
        except subprocess.TimeoutExpired:
            return (
                [h.Row(f"{script.name}: timed out", None, passed=False, note=f"after {script.timeout_s} s")],
                [],
                (time.monotonic() - started),
            )
        elapsed = time.monotonic() - started
        if script.picks:
            rows = _read_printed(script, answer.stdout)
            notes = []
        elif out.exists():
            data = json.loads(out.read_text("utf-8"))
            rows, notes = [h.Row(**row) for row in data["rows"]], data["notes"]
        elif answer.returncode == 0 and answer.stdout.startswith("skipped:"):
            return [h.Row(f"{script.name}: skipped", None, note=answer.stdout.strip())], [], elapsed
        else:
            rows, notes = [], []
        if not rows or (answer.returncode != 0 and not script.picks and not out.exists()):
            tail = (answer.stderr or answer.stdout).strip().splitlines()[-3:]
            return [h.Row(f"{script.name}: failed", None, passed=False, note=" / ".join(tail))], [], elapsed
    return rows, notes, elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="smoke runs: few repeats, figures not judged")
    parser.add_argument("--only", nargs="+", choices=[s.name for s in SCRIPTS], help="run only these")
    args = parser.parse_args(argv)

    chosen = [s for s in SCRIPTS if not args.only or s.name in args.only]
    started = datetime.now().astimezone()
    header = f"Rebound benchmarks, {started:%Y-%m-%d %H:%M %Z}; {h.machine()}"
    print(header, flush=True)
    rows: list[h.Row] = []
    notes: list[str] = []
    for script in chosen:
        print(f"  running {script.file} ...", end="", flush=True)
        script_rows, script_notes, elapsed = run_script(script, args.quick)
        print(f" {elapsed:.0f} s", flush=True)
        rows += script_rows
        notes += script_notes
    if args.quick:
        # Few repeats say nothing about speed; counts (errors, lost saves) and failures still count.
        for row in rows:
            if row.value is not None and row.unit != "count":
                row.passed = None
    table = h.format_table(rows)
    print()
    print(table)
    print()
    for note in notes:
        print(f"  {note}")
    for row in rows:
        if row.note:
            print(f"  {row.figure}: {row.note}")
    print(
        f"\nfinished {datetime.now().astimezone():%H:%M}; load average now {h.machine().split('load average ')[1]}"
    )

    if not args.quick and not args.only:  # only a full run replaces the saved results
        _save(header, table, rows, notes)
    failed = [row.figure for row in rows if row.passed is False]
    if failed:
        print(f"not met: {'; '.join(failed)}")
    return 1 if failed else 0


def _save(header: str, table: str, rows: list[h.Row], notes: list[str]) -> None:
    """Keep the table (and the rows as JSON) in test-output/bench/ for the README."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "results.txt").write_text(f"{header}\n\n{table}\n\n" + "\n".join(notes) + "\n", "utf-8")
    (OUTPUT / "results.json").write_text(
        json.dumps({"header": header, "rows": [asdict(r) for r in rows], "notes": notes}, indent=1), "utf-8"
    )


if __name__ == "__main__":
    raise SystemExit(main())
