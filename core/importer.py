"""Taking an export back in: a zip checked whole into an `ImportPlan`, and the rules for merging it.

Nothing here writes anything. `read_export` checks the zip from its central directory first (how
many files, how big they say they are, their names and kinds) and only then reads the members, each
with a bounded read in case a header lies; a zip that could hurt is refused whole (`ImportRefused`),
while an entry that is merely broken is skipped with its reason, for the person to accept or not.
`plan_import` compares what was read with what the person already has; `decide` turns the person's
choice for each setback that differs into the writes `Store.apply_import` makes.
"""

from __future__ import annotations

import io
import json
import re
import stat
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import ValidationError

from core.data_zip import EXPORT_VERSION, FOLDER
from core.models import LIST_MAX, PREP_KEYS_MAX, SCHEMA_VERSION, PrepSheet, Setback, new_setback_id
from core.storage.store import DRAFT_STAGES, Draft

# -- limits (documented in the README: "Importing an export") -----------------------------------
MAX_ZIP_BYTES = 50_000_000  # the zip file itself
MAX_TOTAL_BYTES = 100_000_000  # everything in it, uncompressed, as the central directory declares it
MAX_ENTRIES = 10_000  # files and folders in the zip
MAX_SETBACKS = 2_000  # setbacks in one import
MAX_DRAFTS = 5_000  # drafts in one import
MAX_SETBACK_BYTES = 8_000_000  # one setback file (the largest one the models allow is about 5 MB)
MAX_SMALL_BYTES = 1_000_000  # one draft, account.json, manifest.json
MAX_FIELD_CHARS = 20_000  # one text in a draft or account.json (a setback's own fields have their own limits)
MAX_DEPTH = 20  # nesting of JSON in a draft
MAX_NAME_CHARS = 255  # one entry's name

# Setback schema versions this Rebound reads (older ones are upgraded by Setback's validator).
KNOWN_SCHEMAS = range(1, SCHEMA_VERSION + 1)
KNOWN_EXPORTS = range(1, EXPORT_VERSION + 1)

_ID = r"[0-9a-f]{32}"
_SETBACK = re.compile(rf"^(?:[^/]+/)?setbacks/({_ID})\.json$")
_DRAFT = re.compile(rf"^(?:[^/]+/)?drafts/({_ID})\.([a-z_]+)\.json$")
_KNOWN = re.compile(r"^(?:[^/]+/)?(manifest\.json|account\.json|prep-sheet\.json|README\.txt)$")
_JUNK = re.compile(r"(^|/)(__MACOSX/|\.DS_Store$|Thumbs\.db$)")
_DRIVE = re.compile(r"^[A-Za-z]:")
_UNSHOWN = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


class ImportRefused(Exception):
    """The zip can't be imported at all; nothing was written. `key` names the message
    (core.content.IMPORT_REFUSED), `params` fill it in."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def __str__(self) -> str:
        from core.content import import_refused

        return import_refused(self.key, self.params)


class ChoicesMissing(ValueError):
    """Some setbacks differ from the ones here and nobody said which to keep."""

    def __init__(self, setback_ids: Iterable[str]) -> None:
        self.setback_ids = tuple(setback_ids)
        super().__init__(", ".join(self.setback_ids))


@dataclass(frozen=True)
class Skipped:
    """An entry of the zip left out, and why (`reason`: a core.content.IMPORT_SKIPPED key)."""

    name: str
    reason: str
    detail: str = ""


@dataclass(frozen=True)
class Contents:
    """What a checked export holds: its setbacks (upgraded), their drafts, and what was skipped."""

    setbacks: tuple[Setback, ...] = ()
    drafts: tuple[Draft, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    made_by: str = ""
    export_version: int = 1
    upgraded: int = 0  # setbacks brought up from an older schema
    username: str = ""  # whose export it was (account.json), shown in the preview
    prep_sheet: PrepSheet | None = None  # the sheet for the next interview, when the export has one


Status = Literal["new", "identical", "different"]
Choice = Literal["keep", "take", "both"]
CHOICES: tuple[Choice, ...] = ("keep", "take", "both")


@dataclass(frozen=True)
class Incoming:
    """One setback of the zip and how it stands against the person's own."""

    setback: Setback
    status: Status
    drafts: tuple[Draft, ...] = ()
    here: Setback | None = None  # the person's setback with the same id


@dataclass(frozen=True)
class ImportPlan:
    """Everything an import would do, before any choice: checked and compared, nothing written."""

    incoming: tuple[Incoming, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    made_by: str = ""
    upgraded: int = 0
    username: str = ""
    drafts_here: frozenset[tuple[str, str]] = frozenset()
    prep_sheet: PrepSheet | None = None

    def count(self, status: Status) -> int:
        return sum(1 for item in self.incoming if item.status == status)

    @property
    def different(self) -> tuple[Incoming, ...]:
        return tuple(item for item in self.incoming if item.status == "different")

    @property
    def drafts(self) -> int:
        return sum(len(item.drafts) for item in self.incoming)


@dataclass(frozen=True)
class Write:
    """One setback to write: `create` a new one, `replace` the person's (if still `expected`), or
    only add `drafts` to one that is already here."""

    kind: Literal["create", "replace", "drafts"]
    setback: Setback
    drafts: tuple[Draft, ...] = ()
    expected: Setback | None = None  # what the person had when they chose (replace only)
    copy_of: str = ""  # the id it was imported under, when it got a new one ("keep both")


@dataclass(frozen=True)
class Decision:
    """The writes an import makes, and what it leaves as it is."""

    writes: tuple[Write, ...] = ()
    identical: int = 0
    kept: int = 0  # different, and the person kept their own
    prep_sheet: PrepSheet | None = None  # merged into the person's own sheet (merge_prep_sheets)


@dataclass
class Result:
    """What an import did (Store.apply_import)."""

    added: int = 0
    replaced: int = 0
    copies: int = 0
    identical: int = 0
    kept: int = 0
    drafts: int = 0
    skipped: int = 0
    not_written: list[str] = field(default_factory=list)  # setback ids that changed meanwhile
    prep_sheet: bool = False  # the prep sheet brought something in
    stopped: Exception | None = None  # the storage error that stopped the import part-way


# -- reading a zip ------------------------------------------------------------------------------


def shown_name(name: str) -> str:
    """An entry's name as it can be shown: without the export's folder, nothing invisible, not too long."""
    if name.startswith(FOLDER + "/"):
        name = name[len(FOLDER) + 1 :]
    name = _UNSHOWN.sub("?", name)
    return name if len(name) <= 80 else name[:77] + "..."


def _is_link(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _check_name(info: zipfile.ZipInfo) -> None:
    """Refuse a name that could point outside a folder, or a link (Rebound never writes either)."""
    for name in {info.filename, info.orig_filename}:
        parts = name.replace("\\", "/").split("/")
        if (
            "\x00" in name
            or "\\" in name
            or name.startswith("/")
            or _DRIVE.match(name)
            or ".." in parts
            or len(name) > MAX_NAME_CHARS
        ):
            raise ImportRefused("unsafe_path", name=shown_name(name))
    if _is_link(info):
        raise ImportRefused("link", name=shown_name(info.filename))
    if info.flag_bits & 0x1:
        raise ImportRefused("encrypted_zip", name=shown_name(info.filename))


class _Reader:
    """Reads members with a bounded read, keeping a running total against MAX_TOTAL_BYTES."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.total = 0

    def read(self, info: zipfile.ZipInfo, limit: int) -> bytes:
        try:
            with self.archive.open(info) as member:
                data = member.read(min(info.file_size, limit) + 1)
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            OSError,
            NotImplementedError,
            RuntimeError,
        ) as error:
            raise ImportRefused("damaged", name=shown_name(info.filename)) from error
        self.total += len(data)
        if len(data) > info.file_size or len(data) > limit or self.total > MAX_TOTAL_BYTES:
            # The header said less than the member holds: a zip bomb in disguise, or damage.
            raise ImportRefused("size_lies", name=shown_name(info.filename))
        return data


def _json(data: bytes) -> Any:
    """JSON from bytes, or ValueError (strict UTF-8; deep nesting is an error, not a crash)."""
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, RecursionError) as error:
        raise ValueError(str(error)) from error


def _plain(value: Any, depth: int = 0) -> bool:
    """Whether a JSON value stays within MAX_DEPTH and MAX_FIELD_CHARS everywhere."""
    if depth > MAX_DEPTH:
        return False
    if isinstance(value, str):
        return len(value) <= MAX_FIELD_CHARS
    if isinstance(value, list):
        return all(_plain(item, depth + 1) for item in value)
    if isinstance(value, dict):
        return all(len(key) <= 200 and _plain(item, depth + 1) for key, item in value.items())
    return True


def _setback_problem(error: ValidationError) -> tuple[str, str]:
    """Why a setback did not validate: (reason key, where), "too_long" when a field is over its limit."""
    for detail in error.errors():
        where = ".".join(str(part) for part in detail["loc"])
        if detail["type"] in ("string_too_long", "too_long"):
            limit = (detail.get("ctx") or {}).get("max_length", "")
            return "too_long", f"{where} ({limit})" if limit != "" else where
    first = error.errors()[0] if error.errors() else {"loc": ()}
    return "not_setback", ".".join(str(part) for part in first["loc"])


def read_export(data: bytes) -> Contents:
    """The setbacks and drafts inside a Rebound export, every check made; ImportRefused when it can't be.

    Order matters: the central directory is checked in full (size, count, names, links) before a
    single member is decompressed.
    """
    if len(data) > MAX_ZIP_BYTES:
        raise ImportRefused("zip_too_big", size=len(data), limit=MAX_ZIP_BYTES)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        ValueError,
        OSError,
        EOFError,
        NotImplementedError,
    ) as error:
        raise ImportRefused("not_zip") from error

    # 1. the central directory only
    if len(infos) > MAX_ENTRIES:
        raise ImportRefused("too_many_files", count=len(infos), limit=MAX_ENTRIES)
    declared = sum(info.file_size for info in infos)
    if declared > MAX_TOTAL_BYTES:
        raise ImportRefused("too_big", size=declared, limit=MAX_TOTAL_BYTES)
    seen: set[str] = set()
    setbacks: list[tuple[zipfile.ZipInfo, str]] = []
    drafts: list[tuple[zipfile.ZipInfo, str, str]] = []
    manifest: zipfile.ZipInfo | None = None
    account: zipfile.ZipInfo | None = None
    prep: zipfile.ZipInfo | None = None
    skipped: list[Skipped] = []
    for info in infos:
        _check_name(info)
        if info.filename in seen:
            raise ImportRefused("duplicate_name", name=shown_name(info.filename))
        seen.add(info.filename)
        if info.is_dir() or _JUNK.search(info.filename):
            continue
        if match := _SETBACK.match(info.filename):
            setbacks.append((info, match.group(1)))
        elif match := _DRAFT.match(info.filename):
            drafts.append((info, match.group(1), match.group(2)))
        elif match := _KNOWN.match(info.filename):
            if match.group(1) == "manifest.json":
                manifest = info
            elif match.group(1) == "account.json":
                account = info
            elif match.group(1) == "prep-sheet.json":
                prep = info
        else:
            skipped.append(Skipped(shown_name(info.filename), "unknown"))
    if len(setbacks) > MAX_SETBACKS:
        raise ImportRefused("too_many_setbacks", count=len(setbacks), limit=MAX_SETBACKS)
    if len(drafts) > MAX_DRAFTS:
        raise ImportRefused("too_many_drafts", count=len(drafts), limit=MAX_DRAFTS)
    if not setbacks and not drafts and manifest is None and account is None:
        raise ImportRefused("not_export")

    # 2. the members, each read with a bounded read
    reader = _Reader(archive)
    made_by, export_version = "", 1
    if manifest is not None:
        made_by, export_version = _manifest(reader, manifest, skipped)
    username = _account(reader, account, skipped) if account is not None else ""
    prep_sheet = _prep_sheet(reader, prep, skipped) if prep is not None else None

    read: dict[str, Setback] = {}
    upgraded = 0
    for info, setback_id in setbacks:
        name = shown_name(info.filename)
        if setback_id in read:
            skipped.append(Skipped(name, "duplicate_id"))
            continue
        if info.file_size > MAX_SETBACK_BYTES:
            skipped.append(Skipped(name, "too_large", f"{MAX_SETBACK_BYTES:,}"))
            continue
        raw = reader.read(info, MAX_SETBACK_BYTES)
        try:
            document = _json(raw)
        except ValueError:
            skipped.append(Skipped(name, "not_json"))
            continue
        schema = document.get("schema_version", SCHEMA_VERSION) if isinstance(document, dict) else None
        if type(schema) is int and schema > SCHEMA_VERSION:
            raise ImportRefused("newer", made_by=made_by, version=schema)
        try:
            setback = Setback.model_validate_json(raw)
        except ValidationError as error:
            reason, where = _setback_problem(error)
            skipped.append(Skipped(name, reason, where))
            continue
        if setback.id != setback_id:
            skipped.append(Skipped(name, "id_mismatch"))
            continue
        upgraded += schema != SCHEMA_VERSION
        read[setback_id] = setback

    found: list[Draft] = []
    taken: set[tuple[str, str]] = set()
    for info, setback_id, stage in drafts:
        name = shown_name(info.filename)
        if stage not in DRAFT_STAGES:
            skipped.append(Skipped(name, "not_draft"))
            continue
        if setback_id not in read:
            skipped.append(Skipped(name, "draft_orphan"))
            continue
        if info.file_size > MAX_SMALL_BYTES:
            skipped.append(Skipped(name, "too_large", f"{MAX_SMALL_BYTES:,}"))
            continue
        raw = reader.read(info, MAX_SMALL_BYTES)
        try:
            values = _json(raw)
            draft = Draft.model_validate_json(raw)
        except (ValueError, ValidationError):
            skipped.append(Skipped(name, "not_draft"))
            continue
        if (draft.setback_id, draft.stage) != (setback_id, stage) or (setback_id, stage) in taken:
            skipped.append(Skipped(name, "not_draft"))
            continue
        if not _plain(values):
            skipped.append(Skipped(name, "too_long", f"{MAX_FIELD_CHARS:,}"))
            continue
        taken.add((setback_id, stage))
        found.append(draft)
    return Contents(
        setbacks=tuple(read.values()),
        drafts=tuple(found),
        skipped=tuple(skipped),
        made_by=made_by,
        export_version=export_version,
        upgraded=upgraded,
        username=username,
        prep_sheet=prep_sheet,
    )


def _prep_sheet(reader: _Reader, info: zipfile.ZipInfo, skipped: list[Skipped]) -> PrepSheet | None:
    """The exported prep sheet, checked like a setback (a newer sheet or a damaged one is left out)."""
    name = shown_name(info.filename)
    if info.file_size > MAX_SETBACK_BYTES:
        skipped.append(Skipped(name, "too_large", f"{MAX_SETBACK_BYTES:,}"))
        return None
    try:
        return PrepSheet.model_validate_json(reader.read(info, MAX_SETBACK_BYTES))
    except (ValueError, ValidationError):
        skipped.append(Skipped(name, "not_prep_sheet"))
        return None


def merge_prep_sheets(here: PrepSheet, imported: PrepSheet) -> PrepSheet:
    """The person's sheet with what an imported one adds; nothing of theirs is ever replaced.

    A sheet never used here takes the imported one whole. Otherwise the interview and every tick
    stay as they are, and the imported sheet adds its own items (by id), its practised questions
    and its picks for items this sheet has no choice about, within the sheet's limits.
    """
    if here.model_dump(exclude={"updated_at"}) == PrepSheet().model_dump(exclude={"updated_at"}):
        return imported
    own_ids = {item.id for item in here.own}
    own = [*here.own, *(item for item in imported.own if item.id not in own_ids)][:LIST_MAX]
    practised = list(dict.fromkeys([*here.practised, *imported.practised]))[:PREP_KEYS_MAX]
    picks = {**{k: v for k, v in imported.picks.items() if k not in here.picks}, **here.picks}
    picks = dict(list(picks.items())[:PREP_KEYS_MAX])
    return here.model_copy(update={"own": own, "practised": practised, "picks": picks})


def _manifest(reader: _Reader, info: zipfile.ZipInfo, skipped: list[Skipped]) -> tuple[str, int]:
    """(made by, export version) from manifest.json; a newer layout is refused."""
    name = shown_name(info.filename)
    if info.file_size > MAX_SMALL_BYTES:
        skipped.append(Skipped(name, "too_large", f"{MAX_SMALL_BYTES:,}"))
        return "", 1
    try:
        manifest = _json(reader.read(info, MAX_SMALL_BYTES))
    except ValueError:
        skipped.append(Skipped(name, "not_json"))
        return "", 1
    if not isinstance(manifest, dict) or not _plain(manifest):
        skipped.append(Skipped(name, "not_manifest"))
        return "", 1
    made_by = manifest.get("made_by")
    made_by = _UNSHOWN.sub("", made_by)[:80] if isinstance(made_by, str) else ""
    version = manifest.get("export_version")
    if type(version) is not int or version < 1:
        skipped.append(Skipped(name, "not_manifest"))
        return made_by, 1
    if version not in KNOWN_EXPORTS:
        raise ImportRefused("newer", made_by=made_by, version=version)
    return made_by, version


def _account(reader: _Reader, info: zipfile.ZipInfo, skipped: list[Skipped]) -> str:
    """Whose export it was (only shown: an import never changes the account it goes into)."""
    name = shown_name(info.filename)
    if info.file_size > MAX_SMALL_BYTES:
        skipped.append(Skipped(name, "too_large", f"{MAX_SMALL_BYTES:,}"))
        return ""
    try:
        account = _json(reader.read(info, MAX_SMALL_BYTES))
    except ValueError:
        skipped.append(Skipped(name, "not_json"))
        return ""
    username = account.get("username") if isinstance(account, dict) else None
    return _UNSHOWN.sub("", username)[:200] if isinstance(username, str) else ""


# -- merging ------------------------------------------------------------------------------------


def plan_import(
    contents: Contents, here: Mapping[str, Setback], drafts_here: Iterable[tuple[str, str]] = ()
) -> ImportPlan:
    """How each setback of the zip stands against the person's own (`here`, by id), with its drafts."""
    by_setback: dict[str, list[Draft]] = {}
    for draft in contents.drafts:
        by_setback.setdefault(draft.setback_id, []).append(draft)
    incoming = []
    for setback in contents.setbacks:
        mine = here.get(setback.id)
        if mine is None:
            status: Status = "new"
        elif mine.model_dump_json() == setback.model_dump_json():
            status = "identical"
        else:
            status = "different"
        incoming.append(Incoming(setback, status, tuple(by_setback.get(setback.id, ())), mine))
    return ImportPlan(
        incoming=tuple(incoming),
        skipped=contents.skipped,
        made_by=contents.made_by,
        upgraded=contents.upgraded,
        username=contents.username,
        drafts_here=frozenset(drafts_here),
        prep_sheet=contents.prep_sheet,
    )


def _moved(draft: Draft, setback_id: str) -> Draft:
    return draft.model_copy(update={"setback_id": setback_id})


def decide(plan: ImportPlan, choices: Mapping[str, Choice], default: Choice | None = None) -> Decision:
    """The writes for the person's choices (by setback id; `default` for any not named).

    - new: created as it is, with its drafts;
    - identical: left alone; its drafts come in only for stages with no draft here;
    - different, "keep": left alone, the imported drafts too;
    - different, "take": the imported one replaces it (only if it is still what the person saw),
      its drafts replacing theirs for the same stages;
    - different, "both": the imported one is added under a new id, with its drafts.
    A different setback with no choice raises ChoicesMissing: nothing is overwritten unasked.
    """
    missing = [item.setback.id for item in plan.different if choices.get(item.setback.id, default) is None]
    if missing:
        raise ChoicesMissing(missing)
    writes: list[Write] = []
    identical = kept = 0
    for item in plan.incoming:
        setback = item.setback
        if item.status == "new":
            writes.append(Write("create", setback, item.drafts))
            continue
        if item.status == "identical":
            identical += 1
            fresh = tuple(d for d in item.drafts if (d.setback_id, d.stage) not in plan.drafts_here)
            if fresh:
                writes.append(Write("drafts", setback, fresh))
            continue
        choice = choices.get(setback.id, default)
        if choice == "keep":
            kept += 1
        elif choice == "take":
            writes.append(Write("replace", setback, item.drafts, expected=item.here))
        elif choice == "both":
            copy = setback.model_copy(update={"id": new_setback_id()})
            writes.append(
                Write("create", copy, tuple(_moved(d, copy.id) for d in item.drafts), copy_of=setback.id)
            )
        else:
            raise ValueError(f"unknown choice {choice!r}")
    return Decision(tuple(writes), identical, kept, plan.prep_sheet)
