"""Everything Rebound keeps, behind one seam: a `Store` of models over a `Backend`.

Pages and app.py reach storage only through `open_store` (via pages/_shell.py); nothing outside
a backend knows a path, a file name or SQL. Backends: files (the default, `files.py`) and
PostgreSQL (`postgres.py`, for a `postgresql://` URL; psycopg is imported only then).
"""

from __future__ import annotations

from pathlib import Path

from core.storage.backend import (
    Account,
    AccountNotFound,
    AccountUnreadable,
    Backend,
    Busy,
    DocumentUnreadable,
    EmailTaken,
    NameHeld,
    Problem,
    SaveFailed,
    SetbackChanged,
    SetbackLocked,
    SetbackNotFound,
    SetbackUnreadable,
    StorageError,
    StoreMisconfigured,
    UsernameTaken,
    canonical_email,
    canonical_username,
    user_id,
)
from core.storage.store import Draft, Listing, Person, Store, Sweep

__all__ = [
    "Account",
    "AccountNotFound",
    "AccountUnreadable",
    "Backend",
    "Busy",
    "DocumentUnreadable",
    "Draft",
    "EmailTaken",
    "Listing",
    "NameHeld",
    "Person",
    "Problem",
    "SaveFailed",
    "SetbackChanged",
    "SetbackLocked",
    "SetbackNotFound",
    "SetbackUnreadable",
    "StorageError",
    "Store",
    "StoreMisconfigured",
    "Sweep",
    "UsernameTaken",
    "canonical_email",
    "canonical_username",
    "open_location",
    "open_store",
    "user_id",
]


def open_location(location: str) -> Store:
    """A store at a location: "files:<folder>" (upgraded from the old layout if needed), or a
    "postgresql://…" database URL (its schema made or upgraded on the first start)."""
    if location.startswith(("postgresql://", "postgres://")):
        try:
            from core.storage.postgres import PostgresBackend
        except ImportError:
            from core.content import DATABASE_NOT_INSTALLED

            raise StoreMisconfigured(DATABASE_NOT_INSTALLED) from None
        return Store(PostgresBackend(location))
    kind, _, where = location.partition(":")
    if kind == "files":
        from core.storage import legacy
        from core.storage.files import FileBackend

        backend = FileBackend(Path(where))
        legacy.upgrade(backend)
        return Store(backend)
    raise ValueError(f"unknown storage location {kind!r}")


def open_store(settings) -> Store:
    """The store the operator's settings ask for (files in `data_dir` unless told otherwise)."""
    return open_location(settings.storage_location)
