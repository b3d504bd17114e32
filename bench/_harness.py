"""What the benchmark scripts share: servers, Chromium, an in-page timing hook, seeded people, the table."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Runnable as `python bench/<script>.py` from anywhere, without installing anything.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import CHROMIUM, CHROMIUM_FLAGS, stop_server  # noqa: E402
from tests.e2e.conftest import start_server as _start_server  # noqa: E402
from tests.e2e.helpers import IDLE, PASSWORD, settle  # noqa: E402

APP = ROOT / "app.py"
BASELINE_APP = ROOT / "bench" / "baseline_app.py"
# The bare multipage app (two st.Pages), for page switches.
BASELINE_PAGES = ROOT / "bench" / "baseline_pages" / "app.py"
VENT_PAGE = ROOT / "pages" / "vent.py"
BROWSER_REQUIRED = os.environ.get("REBOUND_REQUIRE_BROWSER") == "1"
# The browser tests' flags, and no name resolves but 127.0.0.1's: the benchmarks talk to nothing else
# (Streamlit would fetch the tab's Material icon from fonts.gstatic.com).
BROWSER_FLAGS = [*CHROMIUM_FLAGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
# Every wait in a benchmark is bounded; a run that needs longer than this has gone wrong.
STEP_TIMEOUT_MS = 30_000

# Taken from the browser tests' harness and handed on to the bench scripts as h.<name>.
__all__ = ["CHROMIUM", "IDLE", "PASSWORD", "settle", "start_server", "stop_server"]

# Installed before any page script runs. On the page's own clock (performance.now(), 0 = navigation
# start) it records every change of Streamlit's run state, every pointer down, the frame in which
# each watched element first became visible, and, for every run, when the server's "script
# finished" message arrived and the first frame after it in which the app shows itself idle
# (data-test-script-state="notRunning"). The last is what a run's end means here: a quick run's
# "running" state may never reach the DOM (React batches it away), but its finish message can't.
TIMING_JS = """
(() => {
  if (window.__rb) return;
  const rb = window.__rb = {states: [], downs: [], found: {}, foundAt: {}, finished: [], idle: [],
                            watch: __WATCH__};
  const now = () => performance.now();
  const state = () => {
    const app = document.querySelector('[data-test-script-state]');
    return app ? app.getAttribute('data-test-script-state') : null;
  };
  let last = null;
  const visible = (el) => el.getClientRects().length > 0;
  const check = () => {
    const current = state();
    if (current !== null && current !== last) { last = current; rb.states.push([now(), current]); }
    for (const [name, [selector, text]] of Object.entries(rb.watch)) {
      if (name in rb.found) continue;
      for (const el of document.querySelectorAll(selector)) {
        if (visible(el) && (!text || el.textContent.includes(text))) {
          rb.found[name] = now();
          requestAnimationFrame((frame) => { rb.foundAt[name] = frame; });
          break;
        }
      }
    }
  };
  rb.check = check;
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, characterData: true, attributes: true,
    attributeFilter: ['data-test-script-state', 'hidden', 'class', 'style'],
  });
  document.addEventListener('pointerdown', () => rb.downs.push(now()), true);

  // The field numbers at the top level of a ForwardMsg (protobuf); 6 is script_finished.
  const fields = (bytes) => {
    const out = [];
    let i = 0;
    const varint = () => {
      let value = 0, shift = 0, byte;
      do { byte = bytes[i++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80 && i < bytes.length);
      return value;
    };
    while (i < bytes.length) {
      const tag = varint(), wire = tag % 8;
      out.push(Math.floor(tag / 8));
      if (wire === 0) varint();
      else if (wire === 2) { const length = varint(); i += length; }  // not `i += varint()`: i is read first
      else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else break;
    }
    return out;
  };
  const untilIdle = (arrived) => {
    const step = (frame) => {
      if (state() === 'notRunning') rb.idle.push([arrived, frame]);
      else requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (event.data instanceof ArrayBuffer && fields(new Uint8Array(event.data)).includes(6)) {
          const arrived = now();
          rb.finished.push(arrived);
          untilIdle(arrived);
        }
      });
    }
  };
})();
"""


def timing_script(watch: dict[str, tuple[str, str | None]] | None = None) -> str:
    """The timing hook, watching for `{name: (css selector, text it must contain or None)}`."""
    return TIMING_JS.replace("__WATCH__", json.dumps(watch or {}))


# -- figures and the table ---------------------------------------------------------------------


@dataclass
class Row:
    """One line of the table: a figure, its baseline and target, and whether it holds."""

    figure: str
    value: float | None
    unit: str = "ms"
    baseline: float | None = None
    target: str = ""
    passed: bool | None = None  # None: a figure shown for information, without a target
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline


def ratio_row(
    figure: str, value: float, baseline: float, limit: float, unit: str = "ms", note: str = ""
) -> Row:
    """A figure judged by its ratio to a baseline measured in the same run."""
    row = Row(figure, value, unit, baseline, f"ratio <= {limit:g}", note=note)
    row.passed = row.ratio is not None and row.ratio <= limit
    return row


def limit_row(figure: str, value: float, limit: float, unit: str = "ms", note: str = "") -> Row:
    """A figure judged against an absolute limit."""
    return Row(figure, value, unit, None, f"<= {limit:g} {unit}".strip(), value <= limit, note)


def _number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "-"
    if unit in ("", "count") and float(value).is_integer():
        return f"{int(value)}"
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:.1f}" if abs(value) >= 10 else f"{value:.2f}"
    return f"{text} {unit}".strip() if unit not in ("", "count") else text


def format_table(rows: list[Row]) -> str:
    """The rows as one aligned, plain-text table."""
    header = ("figure", "value", "baseline", "ratio", "target", "pass")
    lines = [header]
    for row in rows:
        verdict = "" if row.passed is None else "PASS" if row.passed else "FAIL"
        lines.append(
            (
                row.figure,
                _number(row.value, row.unit),
                _number(row.baseline, row.unit),
                "-" if row.ratio is None else f"{row.ratio:.2f}",
                row.target or "-",
                verdict or "info",
            )
        )
    widths = [max(len(line[column]) for line in lines) for column in range(len(header))]
    out = []
    for index, line in enumerate(lines):
        cells = [
            cell.ljust(width) if column == 0 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(line, widths, strict=True))
        ]
        out.append("  ".join(cells).rstrip())
        if index == 0:
            out.append("  ".join("-" * width for width in widths))
    return "\n".join(out)


def parser(description: str) -> argparse.ArgumentParser:
    """The options every benchmark script takes."""
    parse = argparse.ArgumentParser(description=description)
    parse.add_argument("--quick", action="store_true", help="a smoke run: few repeats, never fails on time")
    parse.add_argument("--json", type=Path, help="also write the rows to this file (for bench/run.py)")
    return parse


def finish(rows: list[Row], args: argparse.Namespace, notes: list[str] | None = None) -> int:
    """Print the table (and write it as JSON when asked); the exit status says whether targets held."""
    print(format_table(rows))
    for note in notes or []:
        print(f"  {note}")
    if args.json:
        args.json.write_text(
            json.dumps({"rows": [asdict(row) for row in rows], "notes": notes or []}, indent=1), "utf-8"
        )
    failed = [row.figure for row in rows if row.passed is False]
    return 0 if args.quick or not failed else 1


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values lie (nearest rank)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def machine() -> str:
    """A one-line description of this machine and its load, for the notes under the table."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()
    return f"{os.cpu_count()} cores ({model}); load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"


# -- Chromium ----------------------------------------------------------------------------------


def browser_missing() -> str | None:
    """Why the browser figures can't be measured here, or None when they can."""
    if CHROMIUM.exists():
        return None
    return f"{CHROMIUM} is not installed (apt-get install chromium)"


def skip_without_browser() -> int | None:
    """None when Chromium is here; otherwise say why nothing ran and give the script's exit code."""
    missing = browser_missing()
    if missing is None:
        return None
    print(f"skipped: {missing}")
    return 1 if BROWSER_REQUIRED else 0


@contextmanager
def chromium(count: int = 1) -> Iterator[Any]:
    """Debian's Chromium through Playwright, with the flags the browser tests use.

    One browser, or a tuple of `count` separate browsers (one per app measured).
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browsers = []
        try:
            for _ in range(count):
                browsers.append(
                    playwright.chromium.launch(
                        executable_path=str(CHROMIUM), args=BROWSER_FLAGS, headless=True
                    )
                )
            yield browsers[0] if count == 1 else tuple(browsers)
        finally:
            for browser in browsers:
                browser.close()


def page_with_timing(context: Any, watch: dict[str, tuple[str, str | None]] | None = None) -> Any:
    """A new page in `context` with the timing hook installed."""
    page = context.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    page.add_init_script(timing_script(watch))
    return page


def timings(page: Any) -> dict[str, Any]:
    """What the timing hook has recorded so far."""
    return page.evaluate("() => { window.__rb.check(); return window.__rb; }")


def wait_quiet(page: Any, quiet_ms: float, limit_ms: float = 15_000) -> dict[str, Any]:
    """Wait until no run has started or ended for `quiet_ms` and the app is idle; the final record."""
    deadline = time.monotonic() + limit_ms / 1000
    while True:
        record = timings(page)
        clock = page.evaluate("() => performance.now()")
        states = record["states"]
        idle = bool(states) and states[-1][1] == "notRunning"
        if idle and clock - states[-1][0] >= quiet_ms:
            return record
        if time.monotonic() > deadline:
            raise TimeoutError(f"the app did not stay idle for {quiet_ms} ms within {limit_ms} ms")
        page.wait_for_timeout(min(quiet_ms / 4, 100))


def settled_at(record: dict[str, Any]) -> float:
    """When the last run ended: the first idle frame after its finish message (page clock)."""
    return record["idle"][-1][1] if record["idle"] else float("nan")


def runs_counted(record: dict[str, Any]) -> int:
    """How many script runs have finished and shown (finish message, then an idle frame)."""
    return len(record["idle"])


def after_next_run(page: Any, action: Any, timeout_ms: float = STEP_TIMEOUT_MS) -> None:
    """Do `action()` and wait until the run it starts has ended (settle() alone can pass too early)."""
    before = runs_counted(timings(page))
    action()
    page.wait_for_function("""(before) => window.__rb.idle.length > before""", arg=before, timeout=timeout_ms)
    settle(page)


def click_latency(record: dict[str, Any]) -> float:
    """Pointer down on the last click → the first idle frame after the run it started (ms)."""
    down = record["downs"][-1]
    for arrived, frame in record["idle"]:
        if arrived >= down:
            return frame - down
    raise RuntimeError(f"the click at {down:.0f} ms started no run that finished: {record['idle'][-5:]}")


# -- people and data, through the storage seam -------------------------------------------------

_HASH: dict[str, str] = {}


def password_hash(password: str = PASSWORD) -> str:
    """A bcrypt hash the sign-in check accepts, made once per password and shared by every account.

    At bcrypt's lowest cost (4 rounds rather than Rebound's 12): seeding thousands of accounts
    then costs no hashing at all, and the benchmark accounts are thrown away with their folder.
    """
    if password not in _HASH:
        import bcrypt

        _HASH[password] = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=4)).decode()
    return _HASH[password]


def settings(root: Path | str) -> Any:
    """The settings a Rebound server started on `root` reads: a data folder (start_server sets
    REBOUND_DATA_DIR), or a postgresql:// URL (the database a server is given in REBOUND_DATABASE_URL)."""
    from core.settings import Settings

    where = str(root)
    if where.startswith(("postgresql://", "postgres://")):
        return Settings.load(os.environ | {"REBOUND_DATABASE_URL": where}, {})
    return Settings.load(os.environ | {"REBOUND_DATA_DIR": where}, {})


def open_store(root: Path) -> Any:
    """The store a Rebound server on `root` uses, through the one function app.py uses."""
    from core.storage import open_store as open_configured

    return open_configured(settings(root))


def person(username: str) -> Any:
    from core.storage import Person

    return Person.named(username)


def account(username: str, password: str = PASSWORD) -> Any:
    """The account record Create account would make for `username` (with the shared hash)."""
    from core.storage import Account, canonical_username

    return Account(
        username=canonical_username(username),
        email=f"{username}@example.org",
        first_name="Bench",
        last_name=username.title(),
        password_hash=password_hash(password),
        created_at=datetime.now(UTC).replace(microsecond=0),
    )


def register(root: Path, username: str, password: str = PASSWORD, store: Any = None) -> None:
    """Add an account through the storage seam, as Create account stores it (but for the hash)."""
    if store is not None:
        store.add_account(account(username, password))
        return
    opened = open_store(root)
    try:
        opened.add_account(account(username, password))
    finally:
        opened.close()


def seed_accounts(root: Path, count: int, prefix: str = "person") -> list[str]:
    """`count` accounts named <prefix>000001... through the seam, fast (one hash, no fsync); their names."""
    store = open_store(root)
    names = [f"{prefix}{index:06d}" for index in range(1, count + 1)]
    with _no_fsync():
        for name in names:
            store.add_account(account(name))
    return names


def seed_accounts_on_disk(root: Path, count: int, prefix: str = "person") -> list[str]:
    """`count` accounts written straight into the files backend's layout: 100,000 in well under a minute.

    The seam takes ~3 ms an account (locks, temp files, renames); seeding 100,000 that way would take
    longer than the measurement. This writes exactly the files `FileBackend.add_account` leaves —
    account.json, its last-good copy and the email index entry — and then checks a sample through the
    store, so a change in that layout fails here instead of measuring something else.
    """
    import json as json_module

    from core.storage import user_id
    from core.storage.backend import email_id

    open_store(root)  # the folders and the cookie key, as a server makes them
    names = [f"{prefix}{index:06d}" for index in range(1, count + 1)]
    users, emails = root / "users", root / "emails"
    for name in names:
        record = account(name)
        data = record.model_dump_json(indent=2).encode("utf-8")
        folder = users / user_id(name)
        folder.mkdir(mode=0o700)
        (folder / "account.json").write_bytes(data)
        (folder / "account.last-good.json").write_bytes(data)
        (emails / email_id(record.email)).write_bytes(json_module.dumps({"username": name}).encode())
    os.sync()
    store = open_store(root)
    for name in (names[0], names[len(names) // 2], names[-1]):
        found = store.account(name)
        if found is None or store.account_by_email(found.email) is None:
            raise RuntimeError(f"seeded account {name} is not readable through the store")
    return names


COMPANIES = ("Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Soylent", "Cyberdyne", "Tyrell")
STAGES_REACHED = ("applied", "screen", "interview", "final_round", "offer_talks")


def seed_setbacks(root: Path, username: str, count: int, vent_chars: int = 2000) -> list[str]:
    """`count` setbacks through the store, one a day going back, each with a vent; their ids.

    The person's account is made first when there is none. The newest (today's) is created
    last, so it is the one a fresh session works on.
    """
    store = open_store(root)
    try:
        if store.account(username) is None:
            register(root, username, store=store)
        with _no_fsync():
            return _seed(store, person(username), count, vent_chars)
    finally:
        store.close()  # a database store holds a pool of connections


@contextmanager
def _no_fsync() -> Iterator[None]:
    """Skip fsync while seeding (setup, not a measured figure): 2,000 synced writes take half a minute."""
    from unittest import mock

    import core.storage.files

    with mock.patch.object(core.storage.files.os, "fsync"):
        yield
    os.sync()


def _seed(store: Any, who: Any, count: int, vent_chars: int) -> list[str]:
    from core.models import CheckIn, Intake, Vent

    words = ("honestly", "unfair", "tired", "again", "why", "interview", "hoped", "ghosted")
    text = " ".join(words[i % len(words)] for i in range(vent_chars // 6))[:vent_chars]
    today = date.today()
    ids = []
    for index in reversed(range(count)):
        intake = Intake(
            company=f"{COMPANIES[index % len(COMPANIES)]} {index}",
            role="Product analyst",
            stage_reached=STAGES_REACHED[index % len(STAGES_REACHED)],
            heard_on=today - timedelta(days=index),
            how_heard="email",
        )
        setback = store.create(who, intake)
        vent = Vent(check_in=CheckIn(disappointment=60, sadness=20 + index % 50), text=text)
        store.save_stage(who, setback.id, "vent", vent)
        ids.append(setback.id)
    return ids


def sign_in_cookie(root: Path, username: str, url: str) -> dict[str, Any]:
    """The cookie the app sets on sign-in (same name, key, claims and path), for Playwright."""
    import jwt

    from core import auth

    options = settings(root)
    claims = auth.new_claims(username, options.cookie_expiry_days)
    store = open_store(root)
    try:
        key = auth.cookie_key(store, options.cookie_key)
    finally:
        store.close()
    return {
        "name": options.cookie_name,
        "value": jwt.encode(claims, key, algorithm="HS256"),
        "url": url,
        "expires": claims["exp_date"],
        "sameSite": "Strict",
    }


def wait_server_quiet(pid: int, window_s: float = 0.5, share: float = 0.05, limit_s: float = 30.0) -> float:
    """Wait until the server used under `share` of a core over `window_s`; seconds waited."""
    started = time.monotonic()
    last = cpu_seconds(pid)
    while time.monotonic() - started < limit_s:
        time.sleep(window_s)
        now = cpu_seconds(pid)
        if now - last < share * window_s:
            break
        last = now
    return time.monotonic() - started


def peak_rss_mb(pid: int) -> tuple[float, float]:
    """(current RSS, peak RSS) of a process in MB, from /proc/<pid>/status."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values.get("VmRSS", float("nan")), values.get("VmHWM", float("nan"))


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far, from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# The baseline is a bare Streamlit app: it runs from an empty folder, so none of Rebound's
# `.streamlit/config.toml` (theme, runner settings) applies to it.
BARE_CWD = Path(tempfile.mkdtemp(prefix="rebound-bare-"))


def cwd_for(script: Path) -> Path:
    """The folder a server runs from: the repo for Rebound, an empty one for the bare baseline."""
    return BARE_CWD if script in (BASELINE_APP, BASELINE_PAGES) else ROOT


def start_server(script: Path, data_dir: Path, extra_env: dict[str, str] | None = None) -> tuple[Any, str]:
    """tests.e2e.conftest.start_server, from the folder cwd_for() gives."""
    return _start_server(script, data_dir, extra_env, cwd=cwd_for(script))


def start_servers(*specs: tuple[Path, Path, dict[str, str] | None]) -> list[tuple[Any, str]]:
    """Start several servers at once (script, data folder, extra environment); [(process, url)].

    Starting them side by side saves a few seconds per benchmark; if one fails, the others stop.
    """
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(len(specs)) as pool:
        futures = [pool.submit(start_server, script, data, env) for script, data, env in specs]
    started, failure = [], None
    for future in futures:
        try:
            started.append(future.result())
        except Exception as error:  # noqa: BLE001 - stop the ones that did start, then report it
            failure = error
    if failure is not None:
        for process, _ in started:
            stop_server(process)
        raise failure
    return started
