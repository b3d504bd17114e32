"""Every benchmark script still runs (`--quick`), so `make bench` cannot rot between releases."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
CHROMIUM = Path("/usr/bin/chromium")
OWN = ["bench_storage.py", "bench_postgres.py"]
BROWSER = [
    "bench_latency.py",
    "bench_open_tab.py",
    "bench_cold_start.py",
    "bench_many.py",
    "bench_accounts.py",
    "bench_crypto.py",
    "bench_cluster.py",
    "bench_drafts.py",
    "bench_pages.py",
]
# Scripts whose quick run needs longer than the default (bench_pages starts three servers in turn).
TIMEOUT_S = {"bench_pages.py": 480}
# Scripts that start a throwaway PostgreSQL (and, for the cluster, HAProxy).
POSTGRES = {"bench_postgres.py", "bench_cluster.py"}
# Scripts other engineers own, which print their own tables; bench/run.py reads figures from them.
PRINTED = {"bench_pdf.py": "pdf", "bench_history.py": "history", "bench_prep.py": "prep"}


def _run(*args: str, timeout: int = 180) -> subprocess.CompletedProcess:
    # Run as separate processes, as `make bench` does (the scripts import the e2e helpers themselves).
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )


def _needs_browser() -> None:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("REBOUND_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)


@pytest.mark.parametrize(
    "script", OWN + [pytest.param(name, marks=pytest.mark.e2e) for name in BROWSER]
)  # the browser ones take 8-15 s each on two cores: two servers, two Chromiums
def test_benchmark_script_runs_quickly_and_reports_every_figure(script, tmp_path):
    if script in BROWSER:
        _needs_browser()
    if script in POSTGRES:
        from tests.postgres_server import server

        server()  # skips without PostgreSQL, or fails when REBOUND_REQUIRE_POSTGRES=1
    out = tmp_path / "rows.json"
    answer = _run(str(BENCH / script), "--quick", "--json", str(out), timeout=TIMEOUT_S.get(script, 180))
    assert answer.returncode == 0, answer.stdout + answer.stderr
    rows = json.loads(out.read_text("utf-8"))["rows"]
    assert rows and all(row["value"] is not None for row in rows), rows
    # Speed is not judged on a quick run, but counts are: errors, lost saves, heavy imports.
    assert [row["figure"] for row in rows if row["unit"] == "count" and row["passed"] is False] == []
    assert "figure" in answer.stdout and "target" in answer.stdout


@pytest.mark.parametrize("script", sorted(PRINTED))
def test_the_runner_still_finds_the_figures_of_scripts_that_print_their_own_table(script):
    if not (BENCH / script).exists():
        pytest.skip(f"bench/{script} is not there yet")
    answer = _run(str(BENCH / "run.py"), "--quick", "--only", PRINTED[script])
    assert answer.returncode == 0, answer.stdout + answer.stderr
    assert "printed no" not in answer.stdout and ": failed" not in answer.stdout, answer.stdout


def test_the_runner_prints_one_table_with_every_column():
    answer = _run(str(BENCH / "run.py"), "--quick", "--only", "storage")
    assert answer.returncode == 0, answer.stdout + answer.stderr
    header = next(line for line in answer.stdout.splitlines() if line.startswith("figure"))
    assert header.split() == ["figure", "value", "baseline", "ratio", "target", "pass"]
    assert "storage: save a stage" in answer.stdout


def test_a_ratio_fails_above_its_limit_and_a_missing_script_is_reported_not_crashed():
    check = """
import sys
sys.path.insert(0, "bench")
import _harness as h, run
assert h.ratio_row("x", 130.0, 100.0, 1.2).passed is False
assert h.ratio_row("x", 110.0, 100.0, 1.2).passed is True
rows, _, _ = run.run_script(run.Script("ghost", "bench_ghost.py", 10), quick=True)
assert rows[0].value is None and "not there yet" in rows[0].note, rows
"""
    answer = _run("-c", check)
    assert answer.returncode == 0, answer.stdout + answer.stderr
