"""A real Rebound server and Debian's Chromium, driven by Playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

# A 2-core machine running a server, a browser and the tests at once is slow to paint at times.
expect.set_options(timeout=15_000)

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
OUTPUT = ROOT / "test-output" / "e2e"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(
    script: Path,
    data_dir: Path,
    extra_env: dict[str, str] | None = None,
    cwd: Path = ROOT,
    port: int | None = None,
) -> tuple[subprocess.Popen, str]:
    """Run `streamlit run script` on a free port (or `port`) and wait until it answers its health check.

    Streamlit reads `.streamlit/config.toml` from `cwd`: the repo's for Rebound. Passing the port of a
    server just stopped starts it again where open tabs will find it.
    """
    port = port or free_port()
    # The browser tests sign up through the form and can't read the captcha's picture, so a test
    # server has it off unless a test turns it on (tests/e2e/test_sign_up.py does, and solves it).
    env = os.environ | {"REBOUND_DATA_DIR": str(data_dir), "REBOUND_CAPTCHA": "false"} | (extra_env or {})
    command = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    # Into a file, never a pipe nobody reads (a full pipe would stop the server): a failing test shows its end.
    log = Path(tempfile.mkstemp(prefix=f"rebound-server-{port}-", suffix=".log")[1])
    with log.open("wb") as sink:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=sink, stderr=subprocess.STDOUT)
    _SERVER_LOGS[process.pid] = (process, log)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as answer:
                if answer.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("streamlit did not start within 60 s")


_SERVER_LOGS: dict[int, tuple[subprocess.Popen, Path]] = {}  # by pid: every server this worker started
_BROWSERS: list = []


def _what_was_on_screen() -> str:
    """Every open tab's address and accessibility tree, and the end of each running server's log."""
    parts = []
    for chromium in _BROWSERS:
        for context in chromium.contexts:
            for page in context.pages:
                try:
                    tree = page.locator("body").aria_snapshot(timeout=2_000)
                    state = page.evaluate(
                        "() => document.querySelector('[data-test-script-state]')?.dataset.testScriptState"
                    )
                except Exception as error:  # noqa: BLE001 - a report of what was there, at best effort
                    tree, state = f"(not readable: {error})", "?"
                parts.append(f"--- tab {page.url} (script {state})\n{tree[-4_000:]}")
    for process, log in _SERVER_LOGS.values():
        if process.poll() is None:
            parts.append(f"--- server {process.pid} log ({log})\n{log.read_text(errors='replace')[-3_000:]}")
    return "\n".join(parts)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        report.sections.append(("what the browser and the servers showed", _what_was_on_screen()))
    return report


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    _, log = _SERVER_LOGS.pop(process.pid, (None, None))
    if log is not None:
        log.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium; missing it skips the browser tests, or fails them when CI requires it."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("REBOUND_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True
        )
        _BROWSERS.append(chromium)
        yield chromium
        _BROWSERS.remove(chromium)
        chromium.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """One Rebound server per test module, on its own temp data folder."""
    data_dir = tmp_path_factory.mktemp("e2e-data")
    process, url = start_server(ROOT / "app.py", data_dir)
    try:
        yield url
    finally:
        stop_server(process)


@pytest.fixture
def shots(request) -> Path:
    """The folder for this test's screenshots (kept for a person to look at)."""
    folder = OUTPUT / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# -- figures: the browser tests of issue 11 print theirs at the end of the run, as reliability does
