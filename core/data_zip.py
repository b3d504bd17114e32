"""Everything a person has in Rebound as one zip, built in memory, and a reader for such a zip."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterable, Mapping
from datetime import datetime

from core import content, version
from core.models import SCHEMA_VERSION, PrepSheet, Setback
from core.storage.store import Draft

FOLDER = "rebound-export"
# The layout of the zip itself, stamped in manifest.json (core/importer.py reads it back):
# 1 = setbacks/ and account.json only, no manifest (exports before 2026-12); 2 = manifest.json and drafts/.
EXPORT_VERSION = 2
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
    """A setback as the export keeps it: the model's JSON, with its schema_version, every stage in it.

    This is the export's own format (what `read_zip` and the import read back), not any backend's.
    """
    return setback.model_dump_json(indent=2).encode("utf-8")


def account_json(account: Mapping[str, object]) -> bytes:
    """The account details worth keeping: username, name and email (never the password)."""
    kept = {key: account.get(key) or "" for key in ACCOUNT_FIELDS}
    return json.dumps(kept, indent=2, ensure_ascii=False).encode("utf-8")


def prep_sheet_json(sheet: PrepSheet) -> bytes:
    """The prep sheet as the export keeps it: the model's JSON."""
    return sheet.model_dump_json(indent=2).encode("utf-8")


def manifest_json() -> bytes:
    """What made the zip and in which layout (no time in it, so two exports of the same data match)."""
    manifest = {
        "format": FOLDER,
        "export_version": EXPORT_VERSION,
        "setback_schema": SCHEMA_VERSION,
        "made_by": version.NAME,
    }
    return json.dumps(manifest, indent=2).encode("utf-8")


def draft_json(draft: Draft) -> bytes:
    """A draft as the export keeps it: the very JSON the store keeps (setback id, stage, values, time)."""
    return draft.model_dump_json().encode("utf-8")


def build_zip(
    setbacks: Iterable[Setback],
    account: Mapping[str, object],
    exported_at: datetime,
    drafts: Iterable[Draft] = (),
    *,
    prep_sheet: PrepSheet | None = None,
) -> bytes:
    """README.txt, account.json, one JSON file per setback, the prep sheet (when there is one worth
    keeping) and one file per draft, in a folder, as zip bytes.

    Drafts sit in `drafts/`, apart from the setbacks: what is in `setbacks/` is only what was saved.
    """
    stamp = exported_at.timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def add(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(f"{FOLDER}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16  # private to whoever unpacks it
            archive.writestr(info, data)

        add("manifest.json", manifest_json())
        readme = content.EXPORT_README.format(exported_at=exported_at.strftime("%Y-%m-%d %H:%M UTC"))
        add("README.txt", readme.encode("utf-8"))
        add("account.json", account_json(account))
        for setback in setbacks:
            add(f"setbacks/{setback.id}.json", setback_json(setback))
        if prep_sheet is not None and prep_sheet != PrepSheet():
            add("prep-sheet.json", prep_sheet_json(prep_sheet))
        for draft in drafts:
            add(f"drafts/{draft.setback_id}.{draft.stage}.json", draft_json(draft))
    return buffer.getvalue()


def read_zip(data: bytes) -> list[Setback]:
    """The setbacks inside an export, as models (in the zip's order); other files are ignored."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise ExportError(content.EXPORT_NOT_A_ZIP) from error
    setbacks = []
    with archive:
        for info in archive.infolist():
            match = _SETBACK_NAME.match(info.filename)
            if not match:
                continue
            if info.file_size > MAX_MEMBER_BYTES:
                raise ExportError(content.EXPORT_TOO_LARGE.format(name=info.filename))
            try:
                setback = Setback.model_validate_json(archive.read(info))
            except ValueError as error:
                raise ExportError(content.EXPORT_UNREADABLE.format(name=info.filename)) from error
            if setback.id != match.group(1):
                raise ExportError(content.EXPORT_WRONG_ID.format(name=info.filename))
            setbacks.append(setback)
    return setbacks


def read_account(data: bytes) -> dict[str, str]:
    """The account details inside an export."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return json.loads(archive.read(f"{FOLDER}/account.json"))
