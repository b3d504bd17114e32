"""The files backend: one folder per person under a data folder, atomic writes, per-person locks.

    <root>/
      cookie.key                           installation secrets (mode 0600), made once
      emails/<email-id>                    which username holds an email (the "taken?" index)
      locks/<user-id>.lock, <email-id>.lock  one lock per person and per email address
      users/<user-id>/account.json         the account (and account.last-good.json beside it)
      users/<user-id>/setbacks/<id>.json   one document per setback, every stage in it
      users/<user-id>/drafts/<id>.<stage>.json
      users/<user-id>/documents/<name>.json  a few named documents per person (the prep sheet)
      counters/<counter-id>.json           event counts (sign-in limits): a count and a time only

No file or lock is shared by all accounts on any per-person path: signing in, counting a failed
attempt, signing out and registering different names never wait for each other. Every write goes
to a temp file beside its target, is fsynced, renamed over it and the folder fsynced, so a crash
leaves the old or the new file, never half of one.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from pydantic import ValidationError

from core.storage.backend import (
    Account,
    AccountNotFound,
    AccountUnreadable,
    Busy,
    DocumentUnreadable,
    EmailTaken,
    NameHeld,
    Problem,
    SaveFailed,
    SetbackChanged,
    SetbackNotFound,
    StorageError,
    Stored,
    UsernameTaken,
    canonical_email,
    counter_id,
    email_id,
    user_id,
    valid_setback_id,
)

log = logging.getLogger("rebound.storage")

TEMP_PREFIX = ".tmp-"
# A file whose mtime is older than this when it is read can be trusted by its stat afterwards.
SETTLED_NS = 2_000_000_000
LOCK_TIMEOUT_S = 30
# filelock polls a busy lock; its default of 50 ms made each waiting save wait far longer than
# the few milliseconds a save holds the lock.
LOCK_POLL_S = 0.005
ACCOUNT_FILE = "account.json"
LAST_GOOD_FILE = "account.last-good.json"
# Errors that say something about the file itself (so it is set aside), as opposed to a passing
# trouble with the machine (too many open files, an I/O hiccup), where the file is left alone.
_FILE_ERRNOS = frozenset({errno.EACCES, errno.EPERM, errno.EISDIR, errno.ELOOP, errno.ENOTDIR})
_STAGE_NAME = re.compile(r"^[a-z_]{1,40}$")
# A password hash as Rebound writes it (bcrypt), or another modular-crypt hash a later version may.
_PASSWORD_HASH = re.compile(r"^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$|^\$(?!2[aby]\$)[a-z0-9-]{1,20}\$\S{20,}$")


def parse_account(raw: bytes) -> Account:
    """An account record from its bytes; ValueError when it is damaged (a malformed hash too)."""
    account = Account.model_validate_json(raw)
    if not _PASSWORD_HASH.match(account.password_hash):
        raise ValueError("it holds a malformed password hash (cut short or edited?)")
    return account


def _damage(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return error.errors()[0]["msg"]
    return str(error)


# -- small file primitives --------------------------------------------------------------------


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves the old or the new file, never half of one."""
    fd, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise
    fsync_dir(path.parent)


def read_bytes(path: Path) -> bytes:
    """The bytes of a file, refusing to follow a symlink planted where a record should be."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _why(error: OSError) -> str:
    return error.strerror or error.__class__.__name__


def _about_the_file(error: OSError) -> bool:
    return error.errno in _FILE_ERRNOS


@dataclass(frozen=True)
class _Seen:
    """What a setback file looked like when last read: its stat and the digest of its bytes."""

    stamp: tuple[int, int, int, int]  # inode, size, mtime and ctime in nanoseconds
    settled: bool
    version: str


@dataclass(frozen=True)
class _Listed:
    """A person's setbacks folder when last listed whole and settled: its stat and what it held.

    Every write to the folder is a rename into it (or an unlink), which moves the folder's mtime:
    while the stat is the same, so is the list of files and every file in it.
    """

    stamp: tuple[int, int, int]  # inode, mtime and ctime in nanoseconds
    versions: dict[str, str]  # setback id -> version


class FileBackend:
    """Accounts, setbacks and drafts as files under `root` (see the module docstring)."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self.users = self.root / "users"
        self.emails = self.root / "emails"
        self.locks = self.root / "locks"
        self.counters = self.root / "counters"
        self._seen: dict[Path, _Seen] = {}
        self._listed: dict[Path, _Listed] = {}
        self._seen_lock = threading.Lock()
        self._swept: set[str] = set()
        try:
            for folder in (self.root, self.users, self.emails, self.locks, self.counters):
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            self._sweep_temp_files(self.root)
            self._sweep_counters()
        except OSError as error:
            raise StorageError("unavailable", why=_why(error)) from error
        # Every account record is read once at start, in the background (see check_accounts); the
        # thread is kept so whoever measures or stops the store can wait for it.
        self.start_up_check = threading.Thread(
            target=self.check_accounts, kwargs={"pace": True}, name="rebound-check-accounts", daemon=True
        )
        self.start_up_check.start()

    def close(self) -> None:
        """Nothing to release: every file is closed after use."""

    # -- locks and folders ---------------------------------------------------------------------

    @contextmanager
    def _lock(self, name: str, timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
        lock = FileLock(self.locks / f"{name}.lock", timeout=timeout, poll_interval=LOCK_POLL_S)
        try:
            lock.acquire()
        except Timeout:
            raise Busy() from None
        except OSError as error:
            raise StorageError("unavailable", why=_why(error)) from error
        try:
            yield
        finally:
            lock.release()

    def _folder(self, username: str) -> Path:
        return self.users / user_id(username)

    @contextmanager
    def _person(self, username: str) -> Iterator[Path]:
        """The person's lock, their folder, and a check that their account exists (under the lock)."""
        with self._lock(user_id(username)):
            if self._read_account(username) is None:
                raise AccountNotFound()
            folder = self._folder(username)
            if folder.name not in self._swept:
                self._sweep_person(folder)
                self._swept.add(folder.name)
            yield folder

    @classmethod
    def _sweep_person(cls, folder: Path) -> None:
        """Clear what a crash left in a person's folder: the account's temp files and their data's."""
        for sub in (folder, folder / "setbacks", folder / "drafts", folder / "documents"):
            cls._sweep_temp_files(sub)

    @staticmethod
    def _sweep_temp_files(folder: Path) -> None:
        """Remove half-written temp files a crash left behind (called under the folder's lock)."""
        with suppress(OSError):
            for leftover in folder.glob(f"{TEMP_PREFIX}*"):
                with suppress(OSError):
                    leftover.unlink()

    def _write(self, path: Path, data: bytes) -> None:
        try:
            path.parent.mkdir(exist_ok=True, mode=0o700)
            write_atomic(path, data)
        except OSError as error:
            raise SaveFailed(why=_why(error)) from error

    # -- accounts ------------------------------------------------------------------------------

    def _read_account(self, username: str) -> Account | None:
        """The account record; damage raises AccountUnreadable, never passes for "no account".

        A damaged account.json with a readable last-good copy beside it is read from that copy
        (and the damage is logged for the operator), so the person can still sign in; writing
        the account stays refused (see _write_account) until the operator has looked.
        """
        folder = self._folder(username)
        path, last_good = folder / ACCOUNT_FILE, folder / LAST_GOOD_FILE
        try:
            raw = read_bytes(path)
        except FileNotFoundError:
            if not last_good.exists():
                return None
            raw, problem = None, f"{path} is missing while {last_good} exists"
        except OSError as error:
            if not _about_the_file(error):
                raise StorageError("unavailable", why=_why(error)) from error
            raw, problem = None, f"{path} can't be read ({_why(error)})"
        if raw is not None:
            try:
                account = parse_account(raw)
            except ValueError as error:
                problem = f"{path} is damaged ({_damage(error)})"
            else:
                return account if account.username == username else None
        try:
            account = parse_account(read_bytes(last_good))
        except (OSError, ValueError):
            message = f"Account record {problem}; no readable last-good copy at {last_good}."
            log.error(message)
            raise AccountUnreadable(message) from None
        log.error("Account record %s; reading the last-good copy %s. Restore it by hand.", problem, last_good)
        if account.username != username:
            return None
        return account

    def _write_account(self, account: Account) -> None:
        """Write the last-good copy first, then the record, both atomically (called under the lock)."""
        folder = self._folder(account.username)
        current = folder / ACCOUNT_FILE
        try:
            parse_account(read_bytes(current))
        except (OSError, ValueError) as error:
            # Damaged, or gone while its last-good copy is there (which no write of ours leaves).
            state = "missing" if isinstance(error, FileNotFoundError) else "damaged"
            message = (
                f"Account record {current} is {state}; not writing over it (see {folder / LAST_GOOD_FILE})."
            )
            log.error(message)
            raise AccountUnreadable(message) from None
        data = account.model_dump_json(indent=2).encode("utf-8")
        self._write(folder / LAST_GOOD_FILE, data)
        self._write(current, data)

    def get_account(self, username: str) -> Account | None:
        return self._read_account(username)

    def _email_owner(self, email: str) -> str | None:
        """The username the email index names for this email, if that account still holds it."""
        try:
            owner = json.loads(read_bytes(self.emails / email_id(email)))["username"]
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.error("Email index entry %s is damaged (%s)", self.emails / email_id(email), error)
            raise AccountUnreadable(f"Email index entry {self.emails / email_id(email)} is damaged") from None
        account = self._read_account(owner)
        if account is None or canonical_email(account.email) != canonical_email(email):
            return None  # left behind by a deletion or an email change that did not finish
        return owner

    def find_account_by_email(self, email: str) -> Account | None:
        if not email.strip():
            return None
        owner = self._email_owner(email)
        return self._read_account(owner) if owner else None

    def _claim_email(self, email: str, username: str) -> None:
        """Point the email index at `username` (called under the email's lock)."""
        owner = self._email_owner(email)
        if owner is not None and owner != username:
            raise EmailTaken()
        data = json.dumps({"username": username}).encode("utf-8")
        self._write(self.emails / email_id(email), data)

    def _release_email(self, email: str, username: str) -> None:
        """Drop the index entry for `email` if it still names `username`."""
        path = self.emails / email_id(email)
        with suppress(OSError, ValueError, KeyError, TypeError):
            if json.loads(read_bytes(path))["username"] == username:
                path.unlink()

    @contextmanager
    def _email_lock(self, email: str) -> Iterator[None]:
        if not email.strip():
            yield
            return
        with self._lock(email_id(email)):
            yield

    def add_account(self, account: Account, keep_data: bool = False) -> None:
        """Create an account; `keep_data` (the old-layout upgrade only) keeps setbacks already there.

        All or nothing: a registration that fails part-way (a full disk) is taken back, so the
        name and the email stay free and no half-made account can be signed in to.
        """
        username = account.username
        with self._email_lock(account.email), self._lock(user_id(username)):
            folder = self._folder(username)
            if self._read_account(username) is not None or (folder / ACCOUNT_FILE).exists():
                raise UsernameTaken()
            existed = folder.exists() and keep_data
            if folder.exists() and not keep_data and self._holds_setbacks(folder):
                message = self._held_message(folder)
                log.error(message)
                raise NameHeld(message)
            try:
                if account.email.strip():
                    self._claim_email(account.email, username)
                if folder.exists() and not keep_data:
                    # Left by an account that was deleted half-way (or a case variant's remains): set
                    # aside, never deleted and never shown to the newcomer.
                    aside = self.users / f".orphaned-{folder.name}-{time.time_ns()}"
                    try:
                        os.replace(folder, aside)
                    except OSError as error:
                        raise SaveFailed(why=_why(error)) from error
                    log.warning("Data left in %s without an account was set aside as %s", folder, aside)
                try:
                    folder.mkdir(mode=0o700, exist_ok=keep_data)
                    fsync_dir(self.users)
                except OSError as error:
                    raise SaveFailed(why=_why(error)) from error
                # The record before its last-good copy: a crash between the two leaves a whole
                # account, never a copy that stands in for a missing record.
                data = account.model_dump_json(indent=2).encode("utf-8")
                self._write(folder / ACCOUNT_FILE, data)
                self._write(folder / LAST_GOOD_FILE, data)
            except StorageError:
                self._take_back(folder, account, remove_folder=not existed)
                raise
            self._swept.add(folder.name)

    @staticmethod
    def _holds_setbacks(folder: Path) -> bool:
        """Whether a person's folder still has setbacks in it (set-aside ones count too)."""
        with suppress(OSError), os.scandir(folder / "setbacks") as entries:
            return any(not entry.name.startswith(TEMP_PREFIX) for entry in entries)
        return False

    @staticmethod
    def _held_message(folder: Path) -> str:
        last_good = folder / LAST_GOOD_FILE
        copy = (
            f"the last good copy is {last_good}"
            if last_good.exists()
            else f"there is no last good copy ({last_good} is missing)"
        )
        return (
            f"People's data in {folder} has setbacks but no readable account record ({folder / ACCOUNT_FILE} "
            f"is missing or damaged; {copy}). Registrations for that name are stopped, so nobody else "
            "can take it and see that data. Restore account.json from a backup, or move the folder "
            "aside by hand to give the name away."
        )

    def check_accounts(self, pace: bool = False) -> list[str]:
        """Operator messages for every damaged or missing account record that still has data.

        Run at start in the background (`pace`: a short rest every 100 records, so reading 100,000
        of them never crowds out the people using the server) and logged; what it finds is also
        refused where it matters, per name, whether or not this check has run.
        """
        problems: list[str] = []
        with suppress(OSError), os.scandir(self.users) as entries:
            folders = [Path(entry.path) for entry in entries if entry.name.startswith("u") and entry.is_dir()]
        for index, folder in enumerate(folders):
            if pace and index % 100 == 99:
                time.sleep(0.02)
            record, last_good = folder / ACCOUNT_FILE, folder / LAST_GOOD_FILE
            try:
                parse_account(read_bytes(record))
                continue
            except FileNotFoundError:
                if not last_good.exists():
                    if self._holds_setbacks(folder):
                        problems.append(self._held_message(folder))
                    continue
                why = "is missing"
            except (OSError, ValueError) as error:
                why = f"is damaged ({_damage(error)})"
            try:
                parse_account(read_bytes(last_good))
                problems.append(
                    f"Account record {record} {why}; it is read from the last good copy {last_good}, "
                    "and nothing is written over it. Restore it by hand."
                )
            except (OSError, ValueError):
                problems.append(
                    f"Account record {record} {why}, and there is no readable last good copy at {last_good}. "
                    "That person can't sign in and the name can't be registered. Restore it from a backup."
                )
        for problem in problems:
            log.error(problem)
        return problems

    def _take_back(self, folder: Path, account: Account, remove_folder: bool) -> None:
        """Undo a registration that failed part-way (called under its locks): no record, no claim."""
        for name in (ACCOUNT_FILE, LAST_GOOD_FILE):
            with suppress(OSError):
                (folder / name).unlink()
        if remove_folder:
            with suppress(OSError):
                folder.rmdir()  # only ever empty here: it was made by this registration
        if account.email.strip():
            self._release_email(account.email, account.username)

    def update_account(self, username: str, changes: Mapping[str, Any]) -> Account:
        if "username" in changes:
            raise ValueError("a username never changes")
        current = self._read_account(username)
        if current is None:
            raise AccountNotFound()
        new_email = changes.get("email")
        email_changes = new_email is not None and canonical_email(new_email) != canonical_email(current.email)
        with self._email_lock(new_email if email_changes else ""), self._person(username):
            latest = self._read_account(username)
            assert latest is not None  # _person checked
            updated = Account.model_validate(latest.model_dump() | dict(changes))
            if email_changes and new_email.strip():
                self._claim_email(new_email, username)
            self._write_account(updated)
            if email_changes and latest.email.strip():
                with self._lock(email_id(latest.email)):
                    self._release_email(latest.email, username)
        return updated

    def modify_account(self, username: str, change: Callable[[Account], Mapping[str, Any]]) -> Account:
        with self._person(username):
            latest = self._read_account(username)
            assert latest is not None  # _person checked
            changes = dict(change(latest))
            if not changes:
                return latest
            if {"username", "email"} & changes.keys():
                raise ValueError("modify_account changes neither the username nor the email")
            updated = Account.model_validate(latest.model_dump() | changes)
            self._write_account(updated)
        return updated

    def record_failed_sign_in(self, username: str, at: datetime, window: timedelta) -> Account:
        with self._person(username):
            latest = self._read_account(username)
            assert latest is not None
            recent = latest.failed_sign_in_at is not None and at - latest.failed_sign_in_at < window
            count = latest.failed_sign_ins + 1 if recent else 1
            updated = latest.model_copy(update={"failed_sign_ins": count, "failed_sign_in_at": at})
            self._write_account(updated)
        return updated

    def remove_account(self, username: str) -> None:
        account = self._read_account(username)
        email = account.email if account else ""
        with self._email_lock(email), self._lock(user_id(username)):
            folder = self._folder(username)
            if not folder.exists():
                return
            # One rename makes the account and its data gone at once; stray tabs find no account.
            doomed = self.users / f".deleting-{folder.name}-{time.time_ns()}"
            try:
                os.replace(folder, doomed)
                fsync_dir(self.users)
            except OSError as error:
                raise SaveFailed(why=_why(error)) from error
            if email.strip():
                self._release_email(email, username)
        self._forget_cached(folder)
        self._swept.discard(folder.name)
        shutil.rmtree(doomed, ignore_errors=True)

    # -- event counters ------------------------------------------------------------------------

    def _counter(self, key: str) -> tuple[Path, str]:
        name = counter_id(key)
        return self.counters / f"{name}.json", name

    def _read_counter(self, path: Path) -> tuple[int, float | None]:
        try:
            data = json.loads(read_bytes(path))
            count, last = int(data["count"]), float(data["last"])
        except FileNotFoundError:
            return 0, None
        except (OSError, ValueError, KeyError, TypeError) as error:
            if isinstance(error, OSError) and not _about_the_file(error):
                raise StorageError("unavailable", why=_why(error)) from error
            log.error("Event counter %s is damaged (%s); it starts again", path, error)
            return 0, None
        return max(count, 0), last

    def count_event(self, key: str, at: datetime, window: timedelta, limit: int | None = None) -> int:
        path, name = self._counter(key)
        with self._lock(name):
            count, last = self._read_counter(path)
            moment = at.timestamp()
            if last is None or moment - last >= window.total_seconds():
                count = 0
            if limit is not None and count >= limit:
                return limit + 1
            count += 1
            self._write(path, json.dumps({"count": count, "last": moment}).encode("ascii"))
        return count

    def uncount_event(self, key: str) -> None:
        path, name = self._counter(key)
        with self._lock(name):
            count, last = self._read_counter(path)
            if last is None or count == 0:
                return
            self._write(path, json.dumps({"count": count - 1, "last": last}).encode("ascii"))

    def _sweep_counters(self) -> None:
        """Forget counters nobody has touched for two days (every window is shorter than that)."""
        stale = time.time() - 2 * 86_400
        with suppress(OSError), os.scandir(self.counters) as entries:
            old = [Path(e.path) for e in entries if e.stat(follow_symlinks=False).st_mtime < stale]
        for path in old:
            with suppress(OSError, Busy), self._lock(path.stem, timeout=0):
                if path.stat().st_mtime < stale:  # not counted again since it was listed
                    path.unlink()

    def count_accounts(self) -> int:
        with os.scandir(self.users) as entries:
            return sum(
                1
                for entry in entries
                if entry.name.startswith("u") and os.path.exists(os.path.join(entry.path, ACCOUNT_FILE))
            )

    def usernames(self) -> Iterator[str]:
        """Every account's username, read from its record (or the last-good copy beside it)."""
        with os.scandir(self.users) as entries:
            folders = [Path(entry.path) for entry in entries if entry.name.startswith("u")]
        for folder in folders:
            records = [folder / ACCOUNT_FILE, folder / LAST_GOOD_FILE]
            if not any(path.exists() for path in records):
                continue  # data left without an account is never anyone's
            for path in records:
                with suppress(OSError, ValidationError):
                    yield Account.model_validate_json(read_bytes(path)).username
                    break
            else:
                message = f"Account record in {folder} is damaged and has no readable last-good copy."
                log.error(message)
                raise AccountUnreadable(message)

    def secret(self, name: str, make: Callable[[], str]) -> str:
        """A secret in `<root>/<name>.key`: made once (two servers starting at once agree on it)."""
        if not re.fullmatch(r"[a-z_]{1,40}", name):
            raise ValueError(name)
        path = self.root / f"{name}.key"
        with contextlib.suppress(FileNotFoundError):
            value = path.read_text("ascii").strip()
            if value:
                if os.stat(path).st_mode & 0o077:
                    with suppress(OSError):  # a read-only folder: still usable, just not tightened
                        os.chmod(path, 0o600)
                return value
        with self._lock(f"secret-{name}"):
            with contextlib.suppress(FileNotFoundError):
                value = path.read_text("ascii").strip()
                if value:
                    return value
            value = make()
            try:
                write_atomic(path, value.encode("ascii"))
            except OSError as error:
                raise SaveFailed(why=_why(error)) from error
        return value

    def replace_secret(self, name: str, value: str) -> None:
        """Put a new value in place of a secret (a weak cookie key is replaced at start)."""
        with self._lock(f"secret-{name}"):
            try:
                write_atomic(self.root / f"{name}.key", value.encode("ascii"))
            except OSError as error:
                raise SaveFailed(why=_why(error)) from error

    # -- setbacks ------------------------------------------------------------------------------

    def _setback_path(self, username: str, setback_id: str) -> Path:
        if not valid_setback_id(setback_id):
            raise SetbackNotFound()
        return self._folder(username) / "setbacks" / f"{setback_id}.json"

    def _forget_cached(self, folder: Path) -> None:
        with self._seen_lock:
            self._seen = {p: v for p, v in self._seen.items() if folder not in p.parents}
            self._listed = {p: v for p, v in self._listed.items() if folder not in p.parents}

    def _stored(self, path: Path, setback_id: str, known: str | None) -> Stored:
        """Read a setback file, or only stat it when it is settled and its version is `known`.

        A file whose stat is the same as when it was read is trusted without reading only if it had
        settled then (mtime over SETTLED_NS old): any later write must carry a newer mtime. Two
        writes within one clock tick can leave size and mtime alike, so a fresh file is re-read.
        """
        info = os.lstat(path)
        stamp = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        with self._seen_lock:
            seen = self._seen.get(path)
        if seen and seen.settled and seen.stamp == stamp and seen.version == known:
            return Stored(setback_id, seen.version, None)
        raw = read_bytes(path)
        version = _version(raw)
        settled = time.time_ns() - info.st_mtime_ns > SETTLED_NS
        with self._seen_lock:
            self._seen[path] = _Seen(stamp, settled, version)
        return Stored(setback_id, version, None if version == known else raw)

    def _sweep_once(self, username: str) -> None:
        """On this process's first look at a person's folder, clear what a crash left behind.

        Takes the lock only if it is free right away: a busy lock means a save is under way, and
        the sweep simply happens on the next visit.
        """
        folder = self._folder(username)
        if folder.name in self._swept:
            return
        try:
            with self._lock(folder.name, timeout=0):
                self._sweep_person(folder)
                self._swept.add(folder.name)
        except Busy:
            return

    def create_setback(self, username: str, setback_id: str, raw: bytes) -> Stored:
        path = self._setback_path(username, setback_id)
        with self._person(username):
            if path.exists():
                raise SaveFailed(why="that id is in use")
            self._write(path, raw)
            return self._stored(path, setback_id, None)

    def load_setback(self, username: str, setback_id: str, known: str | None = None) -> Stored:
        path = self._setback_path(username, setback_id)
        if not path.parent.is_dir():
            raise SetbackNotFound()
        self._sweep_once(username)
        try:
            return self._stored(path, setback_id, known)
        except FileNotFoundError:
            raise SetbackNotFound() from None
        except OSError as error:
            if not _about_the_file(error):
                raise StorageError("unavailable", why=_why(error)) from error
            raise_unreadable(self.set_aside(username, setback_id, _reason_key(error)))
        raise AssertionError("unreachable")

    def list_setbacks(
        self, username: str, known: Mapping[str, str] | None = None
    ) -> tuple[list[Stored], list[Problem]]:
        folder = self._folder(username) / "setbacks"
        if not folder.is_dir():
            return [], []
        known = known or {}
        self._sweep_once(username)
        try:
            info = os.stat(folder)
        except OSError as error:
            raise StorageError("unavailable", why=_why(error)) from error
        stamp = (info.st_ino, info.st_mtime_ns, info.st_ctime_ns)
        with self._seen_lock:
            listed = self._listed.get(folder)
        if listed is not None and listed.stamp == stamp:
            # Nothing in the folder has changed: no stat per file, only what the caller lacks is read.
            unchanged = [
                Stored(setback_id, version, None)
                for setback_id, version in listed.versions.items()
                if known.get(setback_id) == version
            ]
            if len(unchanged) == len(listed.versions):
                return unchanged, []
        found, problems = self._list_files(username, folder, known)
        if not problems and time.time_ns() - info.st_mtime_ns > SETTLED_NS:
            with self._seen_lock:
                self._listed[folder] = _Listed(stamp, {item.setback_id: item.version for item in found})
        return found, problems

    def _list_files(
        self, username: str, folder: Path, known: Mapping[str, str]
    ) -> tuple[list[Stored], list[Problem]]:
        """Every setback file in `folder`, each trusted by its stat or read (see _stored)."""
        found: list[Stored] = []
        problems: list[Problem] = []
        try:
            names = os.listdir(folder)
        except OSError as error:
            raise StorageError("unavailable", why=_why(error)) from error
        for name in names:
            if not name.endswith(".json") or name.startswith(TEMP_PREFIX):
                continue
            setback_id = name[:-5]
            if not valid_setback_id(setback_id):
                continue
            try:
                found.append(self._stored(folder / name, setback_id, known.get(setback_id)))
            except FileNotFoundError:
                continue  # removed between listing and reading
            except OSError as error:
                if not _about_the_file(error):
                    raise StorageError("unavailable", why=_why(error)) from error
                problems.append(self.set_aside(username, setback_id, _reason_key(error)))
        return found, problems

    def save_part(self, username: str, setback_id: str, part: str, value: bytes, updated_at: str) -> Stored:
        if not _STAGE_NAME.match(part):
            raise ValueError(part)
        path = self._setback_path(username, setback_id)
        with self._person(username):
            try:
                document = json.loads(read_bytes(path))
            except FileNotFoundError:
                raise SetbackNotFound() from None
            except OSError as error:
                if not _about_the_file(error):
                    raise StorageError("unavailable", why=_why(error)) from error
                raise_unreadable(self._set_aside_locked(username, setback_id, _reason_key(error)))
            except ValueError:
                raise_unreadable(self._set_aside_locked(username, setback_id, "damaged"))
            if not isinstance(document, dict):
                raise_unreadable(self._set_aside_locked(username, setback_id, "not_rebound"))
            document[part] = json.loads(value)
            document["updated_at"] = updated_at
            self._write(path, json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8"))
            return self._stored(path, setback_id, None)

    def replace_setback(self, username: str, setback_id: str, raw: bytes, expected_version: str) -> Stored:
        path = self._setback_path(username, setback_id)
        with self._person(username):
            try:
                current = read_bytes(path)
            except FileNotFoundError:
                raise SetbackNotFound() from None
            except OSError as error:
                raise StorageError("unavailable", why=_why(error)) from error
            if _version(current) != expected_version:
                raise SetbackChanged()
            self._write(path, raw)
            return self._stored(path, setback_id, None)

    def set_aside(self, username: str, setback_id: str, key: str) -> Problem:
        with self._lock(user_id(username)):
            return self._set_aside_locked(username, setback_id, key)

    def _set_aside_locked(self, username: str, setback_id: str, key: str) -> Problem:
        """Rename an unreadable file out of the way (never delete it); the caller holds the lock."""
        path = self._setback_path(username, setback_id)
        raw = None
        with suppress(OSError):
            raw = read_bytes(path)
        described = _company_in(raw)
        with self._seen_lock:
            self._seen.pop(path, None)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        aside = path.with_name(f"{path.name}.corrupt-{stamp}")
        try:
            os.replace(path, aside)
        except FileNotFoundError:
            raise SetbackNotFound() from None
        except OSError as move_error:
            log.error("Could not set aside %s (%s): %s", path, key, _why(move_error))
            return Problem(setback_id, key, described, set_aside=False)
        log.warning("Set aside %s as %s (%s)", path, aside.name, key)
        return Problem(setback_id, key, described)

    def delete_setback(self, username: str, setback_id: str) -> None:
        path = self._setback_path(username, setback_id)
        with self._person(username) as folder:
            try:
                path.unlink()
            except FileNotFoundError:
                raise SetbackNotFound() from None
            except OSError as error:
                raise SaveFailed(why=_why(error)) from error
            for draft in (folder / "drafts").glob(f"{setback_id}.*.json"):
                with suppress(OSError):
                    draft.unlink()
            with suppress(OSError):
                fsync_dir(path.parent)
        with self._seen_lock:
            self._seen.pop(path, None)

    # -- drafts --------------------------------------------------------------------------------

    def _draft_path(self, username: str, setback_id: str, stage: str) -> Path:
        if not valid_setback_id(setback_id) or not _STAGE_NAME.match(stage):
            raise SetbackNotFound()
        return self._folder(username) / "drafts" / f"{setback_id}.{stage}.json"

    def save_draft(self, username: str, setback_id: str, stage: str, raw: bytes) -> None:
        path = self._draft_path(username, setback_id, stage)
        with self._person(username):
            if not self._setback_path(username, setback_id).exists():
                raise SetbackNotFound()
            self._write(path, raw)

    def load_draft(self, username: str, setback_id: str, stage: str) -> bytes | None:
        path = self._draft_path(username, setback_id, stage)
        try:
            return read_bytes(path)
        except FileNotFoundError:
            return None
        except OSError as error:
            raise StorageError("unavailable", why=_why(error)) from error

    def list_drafts(self, username: str) -> list[tuple[str, str, bytes]]:
        folder = self._folder(username) / "drafts"
        drafts = []
        with suppress(FileNotFoundError):
            for path in folder.glob("*.json"):
                if path.name.startswith(TEMP_PREFIX):
                    continue
                setback_id, _, stage = path.name[:-5].partition(".")
                with suppress(FileNotFoundError):
                    drafts.append((setback_id, stage, read_bytes(path)))
        return drafts

    def clear_draft(self, username: str, setback_id: str, stage: str) -> None:
        path = self._draft_path(username, setback_id, stage)
        if not path.exists():
            return
        with self._lock(user_id(username)):
            try:
                path.unlink()
            except FileNotFoundError:
                return
            except OSError as error:
                raise SaveFailed(why=_why(error)) from error

    # -- documents -----------------------------------------------------------------------------

    def _document_path(self, username: str, name: str) -> Path:
        if not _STAGE_NAME.match(name):
            raise ValueError(name)
        return self._folder(username) / "documents" / f"{name}.json"

    def save_document(self, username: str, name: str, raw: bytes) -> None:
        path = self._document_path(username, name)
        with self._person(username):
            self._write(path, raw)

    def load_document(self, username: str, name: str) -> bytes | None:
        path = self._document_path(username, name)
        try:
            return read_bytes(path)
        except FileNotFoundError:
            return None
        except OSError as error:
            if not _about_the_file(error):
                raise StorageError("unavailable", why=_why(error)) from error
            self.set_aside_document(username, name)
            raise DocumentUnreadable() from error

    def set_aside_document(self, username: str, name: str) -> bool:
        path = self._document_path(username, name)
        with self._lock(user_id(username)):
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
            aside = path.with_name(f"{path.name}.corrupt-{stamp}")
            try:
                os.replace(path, aside)
            except FileNotFoundError:
                return False
            except OSError as error:
                log.error("Could not set aside %s: %s", path, _why(error))
                return False
            log.warning("Set aside %s as %s", path, aside.name)
            return True


def _version(raw: bytes) -> str:
    """A setback file's version: a digest of its bytes."""
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def raise_unreadable(problem: Problem) -> None:
    from core.storage.backend import SetbackUnreadable

    raise SetbackUnreadable(problem)


def _reason_key(error: OSError) -> str:
    if isinstance(error, IsADirectoryError):
        return "folder_in_place"
    if isinstance(error, PermissionError):
        return "permissions"
    if error.errno == errno.ELOOP:
        return "link_in_place"
    if isinstance(error, NotADirectoryError):
        return "in_the_way"
    return "damaged"


_COMPANY = re.compile(r'"company"\s*:\s*"((?:[^"\\]|\\.)*)"')


def _company_in(raw: bytes | None) -> str:
    """The company named in a broken plaintext file, if its remains still show one."""
    if not raw:
        return ""
    text = raw.decode("utf-8", errors="replace")
    with suppress(Exception):
        company = json.loads(text)["intake"]["company"]
        return company if isinstance(company, str) else ""
    found = _COMPANY.search(text)
    if found:
        with suppress(ValueError):
            return json.loads(f'"{found.group(1)}"')
    return ""
