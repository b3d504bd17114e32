"""The files backend's layout on disk, for the reliability tests about its on-disk behaviour only.

Every other test goes through `Store`; these check what a crash, a full disk or a hand-broken
file leaves in the data folder, which only the files backend has (see core/storage/files.py).
"""

from __future__ import annotations

from pathlib import Path

from core.storage import user_id
from core.storage.files import ACCOUNT_FILE, LAST_GOOD_FILE, TEMP_PREFIX

__all__ = [
    "ACCOUNT_FILE",
    "LAST_GOOD_FILE",
    "TEMP_PREFIX",
    "person_folder",
    "setback_file",
    "setbacks_folder",
    "temp_files",
]


def person_folder(data_dir: Path | str, username: str) -> Path:
    return Path(data_dir) / "users" / user_id(username)


def setbacks_folder(data_dir: Path | str, username: str) -> Path:
    return person_folder(data_dir, username) / "setbacks"


def setback_file(data_dir: Path | str, username: str, setback_id: str) -> Path:
    return setbacks_folder(data_dir, username) / f"{setback_id}.json"


def temp_files(data_dir: Path | str) -> list[Path]:
    """Half-written files a crash or a failed write left anywhere in the data folder."""
    return sorted(Path(data_dir).rglob(f"{TEMP_PREFIX}*"))
