"""The only door to setback files: per-user folders, atomic writes, one lock per person."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from filelock import FileLock
from pydantic import ValidationError

from core.models import STAGE_MODELS, Intake, Setback, StageModel, utcnow

_ID_CHARS = frozenset("0123456789abcdef")
TEMP_PREFIX = ".tmp-"
LOCK_TIMEOUT_S = 30
NOT_FOUND = "That setback could not be found. Choose one from the list on Start here."


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


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _describe(raw: bytes | None, setback_id: str) -> str:
    """Name a broken setback as well as its remains allow."""
    try:
        company = json.loads(raw)["intake"]["company"]  # type: ignore[arg-type]
        if isinstance(company, str) and company.strip():
            return f"the setback for {company.strip()[:80]}"
    except Exception:  # noqa: BLE001 - any shape of broken file just falls back to the id
        pass
    return f"a setback saved as {setback_id}.json"


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError) and "newer than this app" in str(error):
        return "it was written by a newer version of Rebound"
    if isinstance(error, (json.JSONDecodeError, UnicodeDecodeError)):
        return "the file is damaged (it may have been cut short)"
    if isinstance(error, ValidationError):
        return "its contents don't match what Rebound expects"
    if isinstance(error, IsADirectoryError):
        return "a folder is in its place"
    if isinstance(error, PermissionError):
        return "the file can't be opened (permissions)"
    return f"it could not be read ({error.__class__.__name__})"


class Store:
    """Setbacks on disk under `root/users/<user-id>/setbacks/<setback-id>.json`."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self._cache: dict[Path, tuple[int, int, Setback]] = {}
        self._cache_lock = threading.Lock()
        self._swept: set[str] = set()

    # -- paths and locks ---------------------------------------------------------------------

    def user_dir(self, username: str) -> Path:
        """The person's own folder (created on first use)."""
        folder = self.root / "users" / user_id(username)
        (folder / "setbacks").mkdir(parents=True, exist_ok=True, mode=0o700)
        return folder

    def _path(self, username: str, setback_id: str) -> Path:
        return self.user_dir(username) / "setbacks" / f"{_check_setback_id(setback_id)}.json"

    @contextmanager
    def _locked(self, username: str) -> Iterator[Path]:
        folder = self.user_dir(username)
        with FileLock(folder / ".lock", timeout=LOCK_TIMEOUT_S):
            if folder.name not in self._swept:
                self._sweep_temp_files(folder / "setbacks")
                self._swept.add(folder.name)
            yield folder / "setbacks"

    @staticmethod
    def _sweep_temp_files(folder: Path) -> None:
        """Remove half-written temp files a crash left behind (only ever called under the lock)."""
        for leftover in folder.glob(f"{TEMP_PREFIX}*"):
            with suppress(OSError):
                leftover.unlink()

    # -- reading -----------------------------------------------------------------------------

    def _read(self, path: Path) -> Setback:
        """Parse one file, reusing the parsed copy while the file is unchanged."""
        stat = path.stat()
        with self._cache_lock:
            cached = self._cache.get(path)
        if cached and cached[:2] == (stat.st_mtime_ns, stat.st_size):
            return cached[2]  # models are frozen, so sharing the parsed copy is safe
        setback = Setback.model_validate_json(path.read_bytes())
        with self._cache_lock:
            self._cache[path] = (stat.st_mtime_ns, stat.st_size, setback)
        return setback

    def _set_aside(self, path: Path, setback_id: str, error: Exception) -> Problem:
        """Rename an unreadable file out of the way (never delete it) and say what happened."""
        raw = None
        with suppress(OSError):
            raw = path.read_bytes()
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        aside = path.with_name(f"{path.name}.corrupt-{stamp}")
        os.replace(path, aside)
        with self._cache_lock:
            self._cache.pop(path, None)
        message = (
            f"We couldn't open {_describe(raw, setback_id)}: {_reason(error)}. "
            f"It has been set aside as {aside.name}, nothing was deleted, "
            "and the rest of your setbacks are here as usual."
        )
        return Problem(setback_id=setback_id, message=message, set_aside_as=aside.name)

    def _load_or_set_aside(self, path: Path, setback_id: str) -> Setback:
        try:
            return self._read(path)
        except FileNotFoundError:
            raise SetbackNotFound(NOT_FOUND) from None
        except (OSError, ValueError) as error:  # ValueError covers JSON and validation errors
            raise SetbackUnreadable(self._set_aside(path, setback_id, error)) from error

    def load(self, username: str, setback_id: str) -> Setback:
        """One of this person's setbacks; another person's id is simply not found."""
        path = self._path(username, setback_id)
        try:
            return self._read(path)
        except FileNotFoundError:
            raise SetbackNotFound(NOT_FOUND) from None
        except (OSError, ValueError):
            with self._locked(username):
                return self._load_or_set_aside(path, setback_id)

    def list(self, username: str, include_archived: bool = True) -> Listing:
        """All of this person's setbacks, newest news first; unreadable files are set aside."""
        folder = self.user_dir(username) / "setbacks"
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
                        listing.setbacks.append(self._load_or_set_aside(path, path.stem))
                    except SetbackUnreadable as unreadable:
                        listing.problems.append(unreadable.problem)
                    except SetbackNotFound:
                        continue
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
        with FileLock(folder / ".lock", timeout=LOCK_TIMEOUT_S):
            shutil.rmtree(folder / "setbacks", ignore_errors=False)
        shutil.rmtree(folder)
        with self._cache_lock:
            self._cache = {p: v for p, v in self._cache.items() if folder not in p.parents}
        self._swept.discard(folder.name)
