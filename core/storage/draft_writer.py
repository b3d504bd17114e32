"""Drafts written off the page's run: one background writer per store, the latest values per page.

A page run hands its values over and carries on; a thread writes them through the `Store` (so
whatever the store does to drafts, encryption included, still happens). Values for the same
person, setback and stage that arrive while an earlier write is waiting replace it: only the
newest is written. Reading a draft sees what is waiting or being written first, so a new session
in this process never finds an older draft than the one just handed over. A clear (after Save or
Discard) goes the same way, in order, and cancels a waiting write.
"""

from __future__ import annotations

import atexit
import logging
import threading
import weakref
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core.models import utcnow
from core.storage.backend import AccountNotFound, SetbackNotFound, StorageError
from core.storage.store import Draft, Person, Store

log = logging.getLogger(__name__)
Key = tuple[str, str, str]  # (username, setback id, stage)


@dataclass(frozen=True)
class _Job:
    person: Person
    setback_id: str
    stage: str
    values: dict[str, Any] | None  # None: clear the draft
    at: datetime


class DraftWriter:
    """Keeps drafts through `store` on a thread of its own; see the module docstring."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._waiting: dict[Key, _Job] = {}
        self._writing: dict[Key, _Job] = {}
        self._problems: dict[Key, str] = {}
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None
        self._closed = False
        _WRITERS.add(self)

    # -- what pages call ------------------------------------------------------------------------

    def keep(self, person: Person, setback_id: str, stage: str, values: dict[str, Any]) -> datetime:
        """Have these values written as the page's draft (soon, off this thread); when they were handed over."""
        job = _Job(person, setback_id, stage, dict(values), utcnow())
        self._put(job)
        return job.at

    def clear(self, person: Person, setback_id: str, stage: str) -> None:
        """Have the page's draft forgotten (after what was written before it)."""
        self._put(_Job(person, setback_id, stage, None, utcnow()))

    def load(self, person: Person, setback_id: str, stage: str) -> Draft | None:
        """The page's draft: what is waiting to be written, else what is being written, else the stored one."""
        key = (person.username, setback_id, stage)
        with self._changed:
            job = self._waiting.get(key) or self._writing.get(key)
        if job is not None:
            if job.values is None:
                return None
            return Draft(setback_id=setback_id, stage=stage, values=job.values, updated_at=job.at)
        try:
            return self.store.load_draft(person, setback_id, stage)
        except StorageError as error:
            log.warning("could not read a draft: %s", error)
            return None

    def problem(self, person: Person, setback_id: str, stage: str) -> str | None:
        """Why the page's last draft could not be kept (a storage message key), or None."""
        with self._changed:
            return self._problems.get((person.username, setback_id, stage))

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything handed over is written; False if that took longer than `timeout`."""
        with self._changed:
            return self._changed.wait_for(lambda: not self._waiting and not self._writing, timeout)

    def close(self, timeout: float = 5.0) -> None:
        """Write what is waiting, then stop the thread."""
        self.flush(timeout)
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    # -- the thread -----------------------------------------------------------------------------

    def _put(self, job: _Job) -> None:
        key = (job.person.username, job.setback_id, job.stage)
        with self._changed:
            self._waiting.pop(key, None)  # the newest goes last, and alone
            self._waiting[key] = job
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="rebound-drafts", daemon=True)
                self._thread.start()
            self._changed.notify_all()

    def _run(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._waiting or self._closed)
                if not self._waiting:
                    return
                key = next(iter(self._waiting))
                job = self._writing[key] = self._waiting.pop(key)
            problem = self._write(job)
            with self._changed:
                del self._writing[key]
                if problem is None:
                    self._problems.pop(key, None)
                else:
                    self._problems[key] = problem
                self._changed.notify_all()

    def _write(self, job: _Job) -> str | None:
        try:
            if job.values is None:
                self.store.clear_draft(job.person, job.setback_id, job.stage)
            else:
                self.store.save_draft(job.person, job.setback_id, job.stage, job.values)
        except (SetbackNotFound, AccountNotFound):
            return None  # the setback or the account is gone: there is nothing to keep a draft for
        except StorageError as error:
            log.warning("could not keep a draft: %s", error)
            return error.key
        except Exception:  # a thread that dies keeps nothing more: note it, carry on
            log.exception("could not keep a draft")
            return "unexpected"
        return None


_WRITERS: weakref.WeakSet[DraftWriter] = weakref.WeakSet()


def flush_all(timeout: float = 10.0) -> bool:
    """Wait until every writer in this process has written what it was handed (tests, shutdown)."""
    return all(writer.flush(timeout) for writer in list(_WRITERS))


atexit.register(flush_all, 5.0)
