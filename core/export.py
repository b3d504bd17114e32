"""Everything a person has in Rebound as one zip, built in memory, and a reader for such a zip."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterable, Mapping
from datetime import datetime

from core.content import EXPORT_README
from core.models import Setback

FOLDER = "rebound-export"
# The account details that go into the export; the password hash stays behind on purpose.
ACCOUNT_FIELDS = ("username", "first_name", "last_name", "email")
_SETBACK_NAME = re.compile(rf"^{FOLDER}/setbacks/([0-9a-f]{{32}})\.json$")
MAX_MEMBER_BYTES = 50_000_000


class ExportError(ValueError):
    """A zip that is not a Rebound export, worded for the person."""


def file_name(exported_at: datetime) -> str:
    """The download's name, dated: rebound-export-2025-03-14.zip."""
    return f"{FOLDER}-{exported_at.date().isoformat()}.zip"


def setback_json(setback: Setback) -> bytes:
    """A setback exactly as Rebound writes it to disk."""
    return setback.model_dump_json(indent=2).encode("utf-8")


def account_json(account: Mapping[str, object]) -> bytes:
    """The account details worth keeping: username, name and email (never the password)."""
    kept = {key: account.get(key) or "" for key in ACCOUNT_FIELDS}
    return json.dumps(kept, indent=2, ensure_ascii=False).encode("utf-8")


def build_zip(setbacks: Iterable[Setback], account: Mapping[str, object], exported_at: datetime) -> bytes:
    """README.txt, account.json and one JSON file per setback, in a folder, as zip bytes."""
    stamp = exported_at.timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def add(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(f"{FOLDER}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16  # private to whoever unpacks it
            archive.writestr(info, data)

        readme = EXPORT_README.format(exported_at=exported_at.strftime("%Y-%m-%d %H:%M UTC"))
        add("README.txt", readme.encode("utf-8"))
        add("account.json", account_json(account))
        for setback in setbacks:
            add(f"setbacks/{setback.id}.json", setback_json(setback))
    return buffer.getvalue()


def read_zip(data: bytes) -> list[Setback]:
    """The setbacks inside an export, as models (in the zip's order); other files are ignored."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise ExportError("That file isn't a zip file.") from error
    setbacks = []
    with archive:
        for info in archive.infolist():
            match = _SETBACK_NAME.match(info.filename)
            if not match:
                continue
            if info.file_size > MAX_MEMBER_BYTES:
                raise ExportError(f"{info.filename} is too large to be a Rebound setback.")
            try:
                setback = Setback.model_validate_json(archive.read(info))
            except ValueError as error:
                raise ExportError(f"{info.filename} is not a setback Rebound can read.") from error
            if setback.id != match.group(1):
                raise ExportError(f"{info.filename} holds a setback with a different id.")
            setbacks.append(setback)
    return setbacks


def read_account(data: bytes) -> dict[str, str]:
    """The account details inside an export."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return json.loads(archive.read(f"{FOLDER}/account.json"))
