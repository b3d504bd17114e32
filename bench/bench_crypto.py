"""Encryption at rest: what sealing costs a save, a listing and a sign-in, and Argon2id's cost here.

One data folder, two people with the same setbacks: one whose writing is sealed with their key, one
in plaintext (an account from before encryption). Saves of the Vent stage alternate between them
(each a real save: lock, re-read, seal, atomic write, fsync); warm listings alternate too (the
store has parsed, and for the sealed person opened, every file before). Then Argon2id at the
password cost Rebound uses, timed on its own, and the one-time upgrade of a plaintext person.

In Chromium: Sign in clicked until Start here is painted, for the sealed person on a server with
encryption on (the click pays bcrypt, then Argon2id to open the key, then a look through the
person's setbacks for plaintext) and for the plaintext person on a server with it off.

    .venv/bin/python bench/bench_crypto.py            # 1,000 setbacks each
    .venv/bin/python bench/bench_crypto.py --quick    # 30 setbacks, a few of each: a smoke test
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _harness as h

SAVE_RATIO = 1.1
LIST_RATIO = 1.2
ARGON2_WINDOW_MS = (250.0, 500.0)
SEALED, PLAIN = "sealed-person", "plain-person"
WATCH = {"start": ("h1", "I just heard back")}


def _time_ms(action) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def _seed(root: Path, count: int) -> tuple[bytes, dict[str, str]]:
    """Both people and their setbacks; the sealed person's key and each person's newest setback."""
    from core.keys import with_new_keyring
    from core.storage import Person

    store = h.open_store(root)
    account, key, _ = with_new_keyring(h.account(SEALED), h.PASSWORD)  # Rebound's own Argon2id cost
    store.add_account(account)
    store.add_account(h.account(PLAIN))
    with h._no_fsync():
        newest = {
            SEALED: h._seed(store, Person.named(SEALED, key), count, 2000)[-1],
            PLAIN: h._seed(store, h.person(PLAIN), count, 2000)[-1],
        }
    return key, newest


def _people(key: bytes):
    from core.storage import Person

    return {SEALED: Person.named(SEALED, key), PLAIN: h.person(PLAIN)}


def _saves(root: Path, key: bytes, ids: dict[str, str], rounds: int, warmup: int) -> dict[str, list[float]]:
    from core.models import Vent

    store, people = h.open_store(root), _people(key)
    times: dict[str, list[float]] = {SEALED: [], PLAIN: []}
    for index in range(warmup + rounds):
        vent = Vent(text=f"Save number {index}: writing it down helps. " * 20)
        for who in (SEALED, PLAIN) if index % 2 else (PLAIN, SEALED):
            elapsed = _time_ms(
                lambda who=who, vent=vent: store.save_stage(people[who], ids[who], "vent", vent)
            )
            if index >= warmup:
                times[who].append(elapsed)
    return times


def _lists(root: Path, key: bytes, runs: int) -> tuple[dict[str, float], dict[str, list[float]]]:
    """The first listing of each person in a fresh store (every file read, opened, parsed), then warm ones."""
    store, people = h.open_store(root), _people(key)
    first = {who: _time_ms(lambda who=who: store.list(people[who])) for who in (SEALED, PLAIN)}
    warm: dict[str, list[float]] = {SEALED: [], PLAIN: []}
    for index in range(runs):
        for who in (SEALED, PLAIN) if index % 2 else (PLAIN, SEALED):
            warm[who].append(_time_ms(lambda who=who: store.list(people[who], include_archived=False)))
    return first, warm


def _argon2id_ms(repeats: int) -> list[float]:
    import os

    from core import crypto

    return [
        _time_ms(lambda: crypto.password_key(h.PASSWORD, os.urandom(16), crypto.PASSWORD_COST))
        for _ in range(repeats)
    ]


def _upgrade_ms(root: Path, count: int) -> float:
    """The one-time sealing of a plaintext person's setbacks (the first sign-in since encryption)."""
    from core import crypto
    from core.storage import Person

    store = h.open_store(root)
    store.add_account(h.account("upgrading"))
    h._seed(store, h.person("upgrading"), count, 2000)
    fresh = h.open_store(root)
    return _time_ms(lambda: fresh.seal_everything(Person.named("upgrading", crypto.new_key())))


def _sign_in_ms(browser, url: str, username: str) -> float:
    """A fresh tab: Sign in clicked → Start here painted (ms)."""
    context = browser.new_context()
    try:
        page = h.page_with_timing(context, WATCH)
        page.goto(url)
        h.settle(page)
        form = page.get_by_test_id("stForm").filter(has_text="Username", has_not_text="Repeat password")
        form.get_by_label("Username").fill(username)
        form.get_by_label("Password", exact=True).fill(h.PASSWORD)
        form.get_by_role("button", name="Sign in").click()
        page.wait_for_function("() => window.__rb.foundAt.start !== undefined", timeout=h.STEP_TIMEOUT_MS)
        record = h.timings(page)
        return record["foundAt"]["start"] - record["downs"][-1]
    finally:
        context.close()


def _browser(root: Path, trials: int) -> dict[str, list[float]] | None:
    if h.browser_missing():
        return None
    (on, on_url), (off, off_url) = h.start_servers(
        (h.APP, root, {"REBOUND_ENCRYPTION": "on"}), (h.APP, root, {"REBOUND_ENCRYPTION": "off"})
    )
    times: dict[str, list[float]] = {SEALED: [], PLAIN: []}
    try:
        with h.chromium() as browser:
            _sign_in_ms(browser, on_url, SEALED)  # untimed: first-run imports and the first sweep
            _sign_in_ms(browser, off_url, PLAIN)
            for trial in range(trials):
                order = ((SEALED, on_url), (PLAIN, off_url))
                for who, url in order if trial % 2 else order[::-1]:
                    times[who].append(_sign_in_ms(browser, url, who))
    finally:
        for process in (on, off):
            h.stop_server(process)
    return times


def measure(count: int, rounds: int, warmup: int, list_runs: int, argon_repeats: int, trials: int):
    with tempfile.TemporaryDirectory(prefix="rebound-bench-crypto-") as folder:
        root = Path(folder) / "data"
        key, ids = _seed(root, count)
        saves = _saves(root, key, ids, rounds, warmup)
        first, warm = _lists(root, key, list_runs)
        argon = _argon2id_ms(argon_repeats)
        upgrade = _upgrade_ms(root, count)
        browser = _browser(root, trials)

    from core import crypto

    cost = crypto.PASSWORD_COST
    argon_ms = h.median(argon)
    low, high = ARGON2_WINDOW_MS
    argon_row = h.Row(
        f"crypto: Argon2id, t={cost.iterations} p={cost.lanes} m={cost.memory_kib // 1024} MiB (median)",
        argon_ms,
        target=f"{low:g}-{high:g} ms",
        passed=low <= argon_ms <= high,
    )
    rows = [
        h.ratio_row(
            f"crypto: save a stage, sealed vs plaintext, {count:,} setbacks (median)",
            h.median(saves[SEALED]),
            h.median(saves[PLAIN]),
            SAVE_RATIO,
        ),
        h.ratio_row(
            f"crypto: list {count:,} setbacks warm, sealed vs plaintext (median)",
            h.median(warm[SEALED]),
            h.median(warm[PLAIN]),
            LIST_RATIO,
        ),
        h.Row(
            f"crypto: first list of {count:,} in a process, sealed vs plaintext",
            first[SEALED],
            baseline=first[PLAIN],
        ),
        h.Row(f"crypto: sealing {count:,} plaintext setbacks (once, at the first sign-in)", upgrade),
    ]
    notes = [
        f"crypto: {rounds} saves per person after {warmup} warm-up, alternated; {list_runs} warm lists each; "
        f"Argon2id {argon_repeats} times; {h.machine()}",
        f"crypto: save p90 {h.percentile(saves[SEALED], 0.9):.1f} ms sealed, {h.percentile(saves[PLAIN], 0.9):.1f} ms plaintext",
    ]
    if browser is None:
        rows.append(argon_row)
        notes.append(f"crypto: sign-in not timed: {h.browser_missing()}")
    else:
        rows += [
            h.Row(
                f"crypto: Sign in click -> Start here painted, {count:,} setbacks, encryption on vs off",
                h.median(browser[SEALED]),
                baseline=h.median(browser[PLAIN]),
                note=f"of which Argon2id ~{argon_ms:,.0f} ms (median of {argon_repeats})",
            ),
            argon_row,
        ]
        notes.append(f"crypto: {trials} sign-ins per server, alternated")
    return rows, notes


def main(argv: list[str] | None = None) -> int:
    args = h.parser(__doc__.splitlines()[0]).parse_args(argv)
    if args.quick:
        rows, notes = measure(30, 8, 2, 3, 1, 1)
    else:
        rows, notes = measure(1000, 200, 10, 30, 7, 5)
    return h.finish(rows, args, notes)


if __name__ == "__main__":
    raise SystemExit(main())
