"""The only door to setback files: per-user folders, atomic writes, one lock per person."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import tempfile
import threading
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout
from pydantic import ValidationError

from core.models import STAGE_MODELS, Intake, Setback, StageModel, utcnow

_ID_CHARS = frozenset("0123456789abcdef")
TEMP_PREFIX = ".tmp-"
SETTLED_NS = 2_000_000_000
LOCK_TIMEOUT_S = 30
# filelock polls a busy lock; its default of 50 ms made each waiting save wait far longer than
# the few milliseconds a save holds the lock.
LOCK_POLL_S = 0.005
NOT_FOUND = "That setback could not be found. Choose one from the list on Start here."
BUSY = (
    "Rebound is busy saving something else for you (another tab, perhaps), so this was not saved. "
    "What you typed is still on screen: try Save again in a moment."
)
# Errors that say something about the file itself (so it is set aside), as opposed to a passing
# trouble with the machine (too many open files, an I/O hiccup), where the file is left alone.
_FILE_ERRNOS = frozenset({errno.EACCES, errno.EPERM, errno.EISDIR, errno.ELOOP, errno.ENOTDIR})


@dataclass(frozen=True)
class Problem:
    """A file that could not be read, and what was done about it."""

    setback_id: str
    message: str
    set_aside_as: str


class StorageError(Exception):
    """A problem with saved data, worded so it can be shown to the person as it is."""


class SetbackNotFound(StorageError):
    """No setback with that id belongs to this person."""


class SetbackUnreadable(StorageError):
    """The setback's file could not be read; it has been set aside."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class SaveFailed(StorageError):
    """Writing failed; the file on disk still holds the previous version."""


@dataclass
class Listing:
    """A person's setbacks, newest first, and the files that could not be read."""

    setbacks: list[Setback] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def user_id(username: str) -> str:
    """A folder name for a username: fixed length, hex only, the same for case variants.

    Hashing means no username can climb out of the users folder, reach a reserved name
    (CON, NUL), or land on another person's folder.
    """
    normal = unicodedata.normalize("NFC", username.strip()).casefold()
    return "u" + hashlib.sha256(normal.encode("utf-8")).hexdigest()[:40]


def _check_setback_id(setback_id: str) -> str:
    if not (isinstance(setback_id, str) and len(setback_id) == 32 and set(setback_id) <= _ID_CHARS):
        raise SetbackNotFound(NOT_FOUND)
    return setback_id


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
    _fsync_dir(path.parent)


def read_bytes(path: Path) -> bytes:
    """The bytes of a file, refusing to follow a symlink planted where a setback should be."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _company_in(raw: bytes | None) -> str | None:
    """The company named in a broken file, if its remains still show one."""
    if not raw:
        return None
    text = raw.decode("utf-8", errors="replace")
    with suppress(Exception):
        company = json.loads(text)["intake"]["company"]
        return company if isinstance(company, str) else None
    # Cut short or otherwise damaged: the intake sits near the top, so look for it directly.
    found = _COMPANY.search(text)
    if found:
        with suppress(ValueError):
            return json.loads(f'"{found.group(1)}"')
    return None


def _describe(raw: bytes | None, setback_id: str) -> str:
    """Name a broken setback as well as its remains allow."""
    company = _company_in(raw) or ""
    # The message is shown as markdown: keep letters, digits and spaces only, so a company
    # name can't turn into a link, an image or a directive in the warning.
    plain = " ".join(_NOT_PLAIN.sub(" ", company).split())[:80]
    if plain:
        return f"the setback for {plain}"
    return f"a setback saved as {_NOT_PLAIN.sub('', setback_id)[:64]}.json"


_NOT_PLAIN = re.compile(r"[\W_]+")
_COMPANY = re.compile(r'"company"\s*:\s*"((?:[^"\\]|\\.)*)"')


class _ForeignFile(ValueError):
    """A valid setback whose id is not the one its file name promises (copied in from elsewhere)."""


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError) and "newer than this app" in str(error):
        return "it was written by a newer version of Rebound"
    if isinstance(error, _ForeignFile):
        return "it holds a different setback than its name says (it may have been copied in)"
    if isinstance(error, (json.JSONDecodeError, UnicodeDecodeError)) or (
        isinstance(error, ValidationError) and error.errors()[0]["type"] == "json_invalid"
    ):
        return "the file is damaged (it may have been cut short)"
    if isinstance(error, ValidationError):
        return "its contents don't match what Rebound expects"
    if isinstance(error, IsADirectoryError):
        return "a folder is in its place"
    if isinstance(error, PermissionError):
        return "the file can't be opened (permissions)"
    if isinstance(error, OSError) and error.errno == errno.ELOOP:
        return "a link to somewhere else is in its place"
    if isinstance(error, NotADirectoryError):
        return "something else is in the way of its folder"
    return f"it could not be read ({error.__class__.__name__})"


def _about_the_file(error: Exception) -> bool:
    """Whether an error means this file is broken (set it aside) rather than the machine struggling."""
    return isinstance(error, ValueError) or (isinstance(error, OSError) and error.errno in _FILE_ERRNOS)


def _unavailable(error: OSError) -> StorageError:
    return StorageError(
        "Your setbacks can't be read just now "
        f"({error.strerror or error.__class__.__name__}). Nothing was changed: try again in a moment."
    )


@dataclass(frozen=True)
class _Cached:
    """A parsed setback and what its file looked like when it was read."""

    stamp: tuple[int, int, int, int]  # inode, size, mtime and ctime in nanoseconds
    settled: bool
    digest: bytes
    setback: Setback


class Store:
    """Setbacks on disk under `root/users/<user-id>/setbacks/<setback-id>.json`."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        # Parsing is the slow part of reading, so parsed setbacks are kept per path (see _read).
        self._cache: dict[Path, _Cached] = {}
        self._cache_lock = threading.Lock()
        self._swept: set[str] = set()

    # -- paths and locks ---------------------------------------------------------------------

    def user_dir(self, username: str) -> Path:
        """The person's own folder (created on first use)."""
        users = self.root / "users"
        folder = users / user_id(username)
        try:
            users.mkdir(parents=True, exist_ok=True, mode=0o700)
            folder.mkdir(exist_ok=True, mode=0o700)
            (folder / "setbacks").mkdir(exist_ok=True, mode=0o700)
        except OSError as error:
            raise _unavailable(error) from error
        return folder

    def _has_folder(self, username: str) -> bool:
        """Whether the person has a folder yet (reads never create one)."""
        return (self.root / "users" / user_id(username) / "setbacks").is_dir()

    def _path(self, username: str, setback_id: str) -> Path:
        return self.user_dir(username) / "setbacks" / f"{_check_setback_id(setback_id)}.json"

    @contextmanager
    def _locked(self, username: str) -> Iterator[Path]:
        folder = self.user_dir(username)
        lock = FileLock(folder / ".lock", timeout=LOCK_TIMEOUT_S, poll_interval=LOCK_POLL_S)
        try:
            lock.acquire()
        except Timeout:
            raise StorageError(BUSY) from None
        try:
            if folder.name not in self._swept:
                self._sweep_temp_files(folder / "setbacks")
                self._swept.add(folder.name)
            yield folder / "setbacks"
        finally:
            lock.release()

    def _sweep_once(self, username: str) -> None:
        """On this process's first look at a person's folder, clear what a crash left behind.

        Takes the lock only if it is free right away: a busy lock means a save is under way, and
        the sweep simply happens on the next visit.
        """
        folder = self.user_dir(username)
        if folder.name in self._swept:
            return
        lock = FileLock(folder / ".lock", timeout=0)
        try:
            lock.acquire()
        except Timeout:
            return
        try:
            self._sweep_temp_files(folder / "setbacks")
            self._swept.add(folder.name)
        finally:
            lock.release()

    @staticmethod
    def _sweep_temp_files(folder: Path) -> None:
        """Remove half-written temp files a crash left behind (only ever called under the lock)."""
        for leftover in folder.glob(f"{TEMP_PREFIX}*"):
            with suppress(OSError):
                leftover.unlink()

    # -- reading -----------------------------------------------------------------------------

    def _read(self, path: Path) -> Setback:
        """Parse one file, reusing the parsed copy while the file is unchanged.

        Unchanged means the same bytes (compared by digest). A file whose stat is the same as when
        it was cached is trusted without reading only once it had settled then: its mtime was over
        SETTLED_NS old, so any later write must carry a newer mtime. Two writes within one clock
        tick can leave size and mtime alike, which is why a fresh file is always re-read.
        """
        info = os.lstat(path)
        stamp = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        with self._cache_lock:
            cached = self._cache.get(path)
        if cached and cached.settled and cached.stamp == stamp:
            return cached.setback  # models are frozen, so sharing the parsed copy is safe
        raw = read_bytes(path)
        digest = hashlib.blake2b(raw, digest_size=20).digest()
        if cached and cached.digest == digest:
            setback = cached.setback
        else:
            setback = Setback.model_validate_json(raw)
            if setback.id != path.stem:
                raise _ForeignFile(f"{path.name} holds setback {setback.id}")
        settled = time.time_ns() - info.st_mtime_ns > SETTLED_NS
        with self._cache_lock:
            self._cache[path] = _Cached(stamp, settled, digest, setback)
        return setback

    def _set_aside(self, path: Path, setback_id: str, error: Exception) -> Problem:
        """Rename an unreadable file out of the way (never delete it) and say what happened."""
        raw = None
        with suppress(OSError):
            raw = read_bytes(path)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        aside = path.with_name(f"{path.name}.corrupt-{stamp}")
        with self._cache_lock:
            self._cache.pop(path, None)
        described = _describe(raw, setback_id)
        try:
            os.replace(path, aside)
        except FileNotFoundError:
            raise SetbackNotFound(NOT_FOUND) from None
        except OSError as move_error:
            message = (
                f"We couldn't open {described}: {_reason(error)}. It could not be moved aside either "
                f"({move_error.strerror or move_error.__class__.__name__}), so it was left exactly as it "
                "is; the rest of your setbacks are here as usual."
            )
            return Problem(setback_id=setback_id, message=message, set_aside_as="")
        message = (
            f"We couldn't open {described}: {_reason(error)}. "
            f"It has been set aside as {aside.name}, nothing was deleted, "
            "and the rest of your setbacks are here as usual."
        )
        return Problem(setback_id=setback_id, message=message, set_aside_as=aside.name)

    def _load_or_set_aside(self, path: Path, setback_id: str) -> Setback:
        """Read a file under the lock; a broken one is set aside and reported."""
        try:
            return self._read(path)
        except FileNotFoundError:
            raise SetbackNotFound(NOT_FOUND) from None
        except (OSError, ValueError) as error:  # ValueError covers JSON and validation errors
            if not _about_the_file(error):
                raise _unavailable(error) from error  # type: ignore[arg-type]
            raise SetbackUnreadable(self._set_aside(path, setback_id, error)) from error

    def load(self, username: str, setback_id: str) -> Setback:
        """One of this person's setbacks; another person's id is simply not found."""
        if not self._has_folder(username):
            raise SetbackNotFound(NOT_FOUND)
        path = self._path(username, setback_id)
        self._sweep_once(username)
        try:
            return self._read(path)
        except FileNotFoundError:
            raise SetbackNotFound(NOT_FOUND) from None
        except (OSError, ValueError):
            # Look again under the lock: a save may have been replacing it at that very moment.
            with self._locked(username):
                return self._load_or_set_aside(path, setback_id)

    def list(self, username: str, include_archived: bool = True) -> Listing:
        """All of this person's setbacks, newest news first; unreadable files are set aside."""
        if not self._has_folder(username):
            return Listing()
        folder = self.user_dir(username) / "setbacks"
        self._sweep_once(username)
        listing = Listing()
        broken: list[Path] = []
        for path in folder.glob("*.json"):
            if path.name.startswith(TEMP_PREFIX):
                continue
            try:
                setback = self._read(path)
            except FileNotFoundError:
                continue  # removed between glob and read
            except (OSError, ValueError):
                broken.append(path)
                continue
            if include_archived or not setback.archived:
                listing.setbacks.append(setback)
        if broken:
            with self._locked(username):
                for path in broken:
                    try:
                        setback = self._load_or_set_aside(path, path.stem)
                    except SetbackUnreadable as unreadable:
                        listing.problems.append(unreadable.problem)
                        continue
                    except SetbackNotFound:
                        continue
                    except StorageError as error:
                        listing.problems.append(Problem(path.stem, str(error), set_aside_as=""))
                        continue
                    if include_archived or not setback.archived:
                        listing.setbacks.append(setback)
        listing.setbacks.sort(key=lambda s: (s.intake.heard_on, s.created_at), reverse=True)
        return listing

    # -- writing -----------------------------------------------------------------------------

    def _write(self, path: Path, setback: Setback) -> None:
        data = setback.model_dump_json(indent=2).encode("utf-8")
        try:
            write_atomic(path, data)
        except OSError as error:
            raise SaveFailed(
                "Your changes were not saved because the data folder could not be written "
                f"({error.strerror or error.__class__.__name__}). What you typed is still on screen: "
                "try Save again in a moment."
            ) from error

    def create(self, username: str, intake: Intake) -> Setback:
        """Start a new setback from the intake form."""
        setback = Setback(intake=intake)
        with self._locked(username) as folder:
            self._write(folder / f"{setback.id}.json", setback)
        return setback

    def save_stage(self, username: str, setback_id: str, stage: str, model: StageModel | Intake) -> Setback:
        """Replace one stage of a setback, keeping whatever other tabs saved meanwhile."""
        expected = Intake if stage == "intake" else STAGE_MODELS.get(stage)
        if expected is None or not isinstance(model, expected):
            raise TypeError(f"{stage!r} takes a {getattr(expected, '__name__', 'known stage')} model")
        path = self._path(username, setback_id)
        with self._locked(username):
            latest = self._load_or_set_aside(path, setback_id)
            now = utcnow()
            if isinstance(model, StageModel):
                model = model.model_copy(update={"saved_at": now})
            updated = latest.model_copy(update={stage: model, "updated_at": now})
            self._write(path, updated)
        return updated

    def set_archived(self, username: str, setback_id: str, archived: bool) -> Setback:
        """Hide a setback from the everyday lists, or bring it back; nothing is deleted."""
        path = self._path(username, setback_id)
        with self._locked(username):
            latest = self._load_or_set_aside(path, setback_id)
            updated = latest.model_copy(update={"archived": archived, "updated_at": utcnow()})
            self._write(path, updated)
        return updated

    def delete_user(self, username: str) -> None:
        """Remove every file this person has (their folder, lock and all)."""
        folder = self.root / "users" / user_id(username)
        if not folder.exists():
            return
        try:
            with FileLock(folder / ".lock", timeout=LOCK_TIMEOUT_S, poll_interval=LOCK_POLL_S):
                shutil.rmtree(folder / "setbacks", ignore_errors=False)
        except Timeout:
            raise StorageError(BUSY) from None
        shutil.rmtree(folder)
        with self._cache_lock:
            self._cache = {p: v for p, v in self._cache.items() if folder not in p.parents}
        self._swept.discard(folder.name)
