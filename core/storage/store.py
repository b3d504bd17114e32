"""What pages use: setbacks, drafts and accounts as models, over whichever backend is configured.

The store turns models into the JSON documents a backend keeps and back, caches what it parsed by
the document's version (so an unchanged setback is parsed once per process), and sets aside what
does not parse. Encryption at rest happens here too, so a backend only ever holds what this layer
hands it: for a person whose key is unlocked (`Person.key`), every part they wrote — the intake and
each stage — is kept as an envelope sealed to that person, setback and stage (`core.crypto`), and
so is every draft. Only `schema_version`, `id`, `created_at`, `updated_at` and `archived` stay in
the clear. A person without a key (an account from before encryption, or encryption turned off)
reads and writes plaintext, as before; plaintext met by an unlocked person is sealed
(`seal_everything`, and before any save into it), one whole document at a time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, ValidationError

from core import crypto
from core.models import STAGE_MODELS, Intake, PrepSheet, Setback, StageModel, utcnow
from core.storage.backend import (
    Account,
    AccountNotFound,
    Backend,
    DocumentUnreadable,
    Problem,
    SaveFailed,
    SetbackChanged,
    SetbackLocked,
    SetbackNotFound,
    SetbackUnreadable,
    StorageError,
    Stored,
    canonical_username,
    user_id,
    valid_setback_id,
)

if TYPE_CHECKING:
    from core.importer import Contents, Decision, ImportPlan
    from core.importer import Result as ImportResult

log = logging.getLogger("rebound.storage")

DRAFT_STAGES = frozenset(STAGE_MODELS) | {"intake"}
PREP_DOCUMENT = "prep"  # the backend's name for the person's prep sheet
# The parts of a setback a person wrote: sealed when their key is unlocked. The rest of the
# document (schema_version, id, created_at, updated_at, archived) stays in the clear.
SEALED_PARTS = ("intake", *STAGE_MODELS)
_SEALED_MARK = b'"' + crypto.ENVELOPE.encode("ascii")
_SEAL_TRIES = 5


@dataclass(frozen=True)
class Person:
    """Whose data a call is about: the canonical username and, once unlocked, their data key."""

    username: str
    key: bytes | None = field(default=None, repr=False, compare=False)
    # Which key the cached plaintext was opened with (computed once; never stored).
    seal: str = field(init=False, repr=False, compare=False)
    user: str = field(init=False, repr=False, compare=False)  # the user id sealed parts are bound to

    def __post_init__(self) -> None:
        object.__setattr__(self, "seal", crypto.fingerprint(self.key))
        object.__setattr__(self, "user", user_id(self.username))

    @classmethod
    def named(cls, username: str, key: bytes | None = None) -> Person:
        return cls(canonical_username(username), key)


@dataclass(frozen=True)
class _Parsed:
    """A parsed setback, the document version and key it came from, and whether it is all sealed."""

    version: str
    seal: str
    setback: Setback
    sealed: bool
    digests: dict[str, bytes] = field(default_factory=dict)  # of each sealed part's envelope


@dataclass(frozen=True)
class Sweep:
    """What sealing a person's plaintext did: how many setbacks and drafts, and whether all are done."""

    setbacks: int = 0
    drafts: int = 0
    complete: bool = True
    problems: tuple[Problem, ...] = ()


@dataclass
class Listing:
    """A person's setbacks, newest news first, and what could not be read."""

    setbacks: list[Setback] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Changes whenever a listed setback is written: built from the storage's own version of each,
    # not from `updated_at`, which is to the second and stays put for two saves in one second.
    version: str = ""


class Draft(BaseModel):
    """Values a person entered on a page and has not saved yet, as the widgets held them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    setback_id: str
    stage: str
    values: dict[str, Any]
    updated_at: datetime


def _json_default(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} can't be kept in a draft")


def _reason(error: Exception) -> str:
    """Which message says why a setback document did not parse."""
    if isinstance(error, ValidationError):
        if "newer than this app" in str(error):
            return "newer_version"
        if error.errors()[0]["type"] == "json_invalid":
            return "damaged"
        return "not_rebound"
    if isinstance(error, _ForeignDocument):
        return "foreign"
    if isinstance(error, crypto.Tampered):
        return "tampered"
    return "damaged"


class _ForeignDocument(ValueError):
    """A valid setback whose id is not the one it is stored under (copied in from elsewhere)."""


class Store:
    """Every saved thing, as models; one per process and backend, shared by all sessions."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self._parsed: dict[tuple[str, str], _Parsed] = {}
        self._parsed_lock = threading.Lock()
        # Setbacks the upgrade sweep set aside, until the person's next listing reports them.
        self._unreported: dict[str, list[Problem]] = {}

    def close(self) -> None:
        self.backend.close()

    # -- accounts ------------------------------------------------------------------------------

    def account(self, username: str) -> Account | None:
        """The account of this username (any case), or None."""
        name = canonical_username(username)
        return self.backend.get_account(name) if name else None

    def account_by_email(self, email: str) -> Account | None:
        return self.backend.find_account_by_email(email)

    def add_account(self, account: Account) -> None:
        self.backend.add_account(account)

    def update_account(self, username: str, **changes: Any) -> Account:
        return self.backend.update_account(canonical_username(username), changes)

    def modify_account(self, username: str, change: Callable[[Account], Mapping[str, Any]]) -> Account:
        """Apply `change(latest record)` atomically (see Backend.modify_account)."""
        return self.backend.modify_account(canonical_username(username), change)

    def record_failed_sign_in(self, username: str, at: datetime, window: timedelta) -> Account:
        return self.backend.record_failed_sign_in(canonical_username(username), at, window)

    def count_event(self, key: str, at: datetime, window: timedelta, limit: int | None = None) -> int:
        """Count one event under `key` for every server at once (see Backend.count_event)."""
        return self.backend.count_event(key, at, window, limit)

    def uncount_event(self, key: str) -> None:
        """Take back one counted event (a reservation that turned out not to count)."""
        self.backend.uncount_event(key)

    def remove_account(self, username: str) -> None:
        """Delete the account and everything the person wrote, and forget the parsed copies."""
        name = canonical_username(username)
        self.backend.remove_account(name)
        with self._parsed_lock:
            self._parsed = {key: value for key, value in self._parsed.items() if key[0] != name}

    def count_accounts(self) -> int:
        return self.backend.count_accounts()

    def secret(self, name: str, make: Callable[[], str]) -> str:
        """An installation secret kept with the data (made once, shared by every server)."""
        return self.backend.secret(name, make)

    def replace_secret(self, name: str, value: str) -> None:
        self.backend.replace_secret(name, value)

    # -- setbacks ------------------------------------------------------------------------------

    def _parse(self, person: Person, stored: Stored) -> Setback:
        """The model of a stored document, parsed once per version and key; damage is set aside."""
        return self._parsed_entry(person, stored).setback

    def _parsed_entry(self, person: Person, stored: Stored) -> _Parsed:
        key = (person.username, stored.setback_id)
        if stored.raw is None:
            with self._parsed_lock:
                cached = self._parsed.get(key)
            if cached and cached.version == stored.version and cached.seal == person.seal:
                return cached
            # The backend thought we had it; read it again properly.
            stored = self.backend.load_setback(person.username, stored.setback_id)
        raw = stored.raw or b""
        try:
            with self._parsed_lock:
                previous = self._parsed.get(key)
            setback, sealed, digests = self._open(person, stored.setback_id, raw, previous)
            if setback.id != stored.setback_id:
                raise _ForeignDocument(setback.id)
        except ValueError as error:
            with self._parsed_lock:
                self._parsed.pop(key, None)
            problem = self.backend.set_aside(person.username, stored.setback_id, _reason(error))
            if isinstance(error, crypto.Tampered) and not problem.described:
                problem = replace(problem, described=self._company(person, stored.setback_id, raw))
            raise SetbackUnreadable(problem) from error
        entry = _Parsed(stored.version, person.seal, setback, sealed, digests)
        with self._parsed_lock:
            self._parsed[key] = entry
        return entry

    @staticmethod
    def _open(
        person: Person, setback_id: str, raw: bytes, previous: _Parsed | None = None
    ) -> tuple[Setback, bool, dict[str, bytes]]:
        """The setback in a document, its sealed parts opened; whether every part was sealed; and a
        digest of each sealed part, so the next version opens only the parts that changed.

        Each part is validated by its own model from its JSON, as the whole document would be. A
        sealed part whose envelope is the one `previous` opened is taken from `previous` (a save
        changes one stage; the other five need no second opening). A part that does not open
        raises Tampered; without the key, SetbackLocked (nothing is set aside: the key is simply
        not here).
        """
        if _SEALED_MARK not in raw:
            return Setback.model_validate_json(raw), False, {}
        document = json.loads(raw)
        if not isinstance(document, dict):
            return Setback.model_validate_json(raw), False, {}
        reuse = previous if previous is not None and previous.seal == person.seal else None
        values: dict[str, Any] = {}
        digests: dict[str, bytes] = {}
        sealed = all(name in document for name in SEALED_PARTS)
        for name, value in document.items():
            if name not in SEALED_PARTS:
                values[name] = value
                continue
            if not crypto.is_sealed(value):
                sealed = False
                plain = json.dumps(value).encode("utf-8")
            else:
                if person.key is None:
                    raise SetbackLocked()
                digest = hashlib.blake2b(value.encode("ascii"), digest_size=16).digest()
                digests[name] = digest
                if reuse is not None and reuse.digests.get(name) == digest:
                    values[name] = getattr(reuse.setback, name)
                    continue
                plain = crypto.open_sealed(person.key, value, crypto.stage_aad(person.user, setback_id, name))
            model = Intake if name == "intake" else STAGE_MODELS[name]
            values[name] = None if plain == b"null" else model.model_validate_json(plain)
        return Setback.model_validate(values), sealed, digests

    @staticmethod
    def _company(person: Person, setback_id: str, raw: bytes) -> str:
        """The company of a setback set aside as tampered, when its intake still opens."""
        try:
            value = json.loads(raw).get("intake")
            if crypto.is_sealed(value) and person.key is not None:
                value = json.loads(
                    crypto.open_sealed(person.key, value, crypto.stage_aad(person.user, setback_id, "intake"))
                )
            company = value.get("company") if isinstance(value, dict) else ""
        except (ValueError, AttributeError, TypeError):
            return ""
        return company if isinstance(company, str) else ""

    def _document(self, person: Person, setback: Setback) -> bytes:
        """The bytes a backend keeps for a whole setback: every part sealed when the key is here."""
        if person.key is None:
            return setback.model_dump_json(indent=2).encode("utf-8")
        document: dict[str, Any] = {}
        for name, value in json.loads(setback.model_dump_json()).items():
            if name in SEALED_PARTS:
                plain = json.dumps(value, ensure_ascii=False).encode("utf-8")
                value = crypto.seal(person.key, plain, crypto.stage_aad(person.user, setback.id, name))
            document[name] = value
        return json.dumps(document, indent=2).encode("utf-8")

    def _part(self, person: Person, setback_id: str, part: str, plain: bytes) -> bytes:
        """The JSON value `save_part` stores for one part: sealed when it is one the person wrote."""
        if person.key is None or part not in SEALED_PARTS:
            return plain
        sealed = crypto.seal(person.key, plain, crypto.stage_aad(person.user, setback_id, part))
        return json.dumps(sealed).encode("ascii")

    def _known(self, person: Person, setback_id: str) -> str | None:
        with self._parsed_lock:
            cached = self._parsed.get((person.username, setback_id))
        return cached.version if cached and cached.seal == person.seal else None

    def create(self, person: Person, intake: Intake) -> Setback:
        """Start a new setback from the intake form."""
        return self.restore(person, Setback(intake=intake))

    def restore(self, person: Person, setback: Setback) -> Setback:
        """Keep a whole setback under its own id (undoing a delete); refused while the id is in use."""
        stored = self.backend.create_setback(person.username, setback.id, self._document(person, setback))
        return self._parse(person, stored)

    def load(self, person: Person, setback_id: str) -> Setback:
        """One of this person's setbacks; another person's id is simply not found."""
        if not valid_setback_id(setback_id):
            raise SetbackNotFound()
        stored = self.backend.load_setback(person.username, setback_id, self._known(person, setback_id))
        return self._parse(person, stored)

    def list(self, person: Person, include_archived: bool = True) -> Listing:
        """All of this person's setbacks, newest news first; what can't be read is set aside."""
        with self._parsed_lock:
            known = {
                sid: entry.version
                for (name, sid), entry in self._parsed.items()
                if name == person.username and entry.seal == person.seal
            }
        found, problems = self.backend.list_setbacks(person.username, known)
        with self._parsed_lock:
            earlier = self._unreported.pop(person.username, [])
        listing = Listing(problems=[*earlier, *problems])
        versions = []
        for stored in found:
            try:
                entry = self._parsed_entry(person, stored)
            except SetbackUnreadable as unreadable:
                listing.problems.append(unreadable.problem)
                continue
            except SetbackNotFound:
                continue
            if include_archived or not entry.setback.archived:
                listing.setbacks.append(entry.setback)
                versions.append(f"{stored.setback_id}:{entry.version}")
        listing.setbacks.sort(key=lambda s: (s.intake.heard_on, s.created_at), reverse=True)
        listing.version = hashlib.blake2b(";".join(sorted(versions)).encode(), digest_size=16).hexdigest()
        return listing

    def _check_readable(self, person: Person, setback_id: str) -> None:
        """Parse the stored setback before merging a part into it (from the cache when unchanged).

        A backend merges a part into whatever document it holds: one that is not a Rebound setback
        (another app's file, a newer version's, another person's copied in) must be set aside as
        it is, not written over with the merge first. Storage that can't be read just now means
        the save did not happen, and says so (SaveFailed). A plaintext setback of a person whose
        key is here is sealed first, whole, so no document is ever left half plaintext, half sealed.
        """
        try:
            stored = self.backend.load_setback(person.username, setback_id, self._known(person, setback_id))
            entry = self._parsed_entry(person, stored)
        except StorageError as error:
            if type(error) is not StorageError:
                raise  # not found, unreadable, busy, locked...: as they are
            raise SaveFailed(**error.params) from error
        if person.key is not None and not entry.sealed:
            self._seal_setback(person, setback_id)

    def save_stage(self, person: Person, setback_id: str, stage: str, model: StageModel | Intake) -> Setback:
        """Replace one stage of a setback, keeping whatever other tabs or servers saved meanwhile."""
        expected = Intake if stage == "intake" else STAGE_MODELS.get(stage)
        if expected is None or not isinstance(model, expected):
            raise TypeError(f"{stage!r} takes a {getattr(expected, '__name__', 'known stage')} model")
        if not valid_setback_id(setback_id):
            raise SetbackNotFound()
        self._check_readable(person, setback_id)
        now = utcnow()
        if isinstance(model, StageModel):
            model = model.model_copy(update={"saved_at": now})
        value = self._part(person, setback_id, stage, model.model_dump_json().encode("utf-8"))
        stored = self.backend.save_part(person.username, setback_id, stage, value, now.isoformat())
        return self._parse(person, stored)

    def set_archived(self, person: Person, setback_id: str, archived: bool) -> Setback:
        """Hide a setback from the everyday lists, or bring it back; nothing is deleted."""
        if not valid_setback_id(setback_id):
            raise SetbackNotFound()
        self._check_readable(person, setback_id)
        stored = self.backend.save_part(
            person.username, setback_id, "archived", json.dumps(archived).encode(), utcnow().isoformat()
        )
        return self._parse(person, stored)

    def delete_setback(self, person: Person, setback_id: str) -> None:
        """Delete one setback and its drafts."""
        if not valid_setback_id(setback_id):
            raise SetbackNotFound()
        self.backend.delete_setback(person.username, setback_id)
        with self._parsed_lock:
            self._parsed.pop((person.username, setback_id), None)

    # -- sealing plaintext written before encryption -------------------------------------------

    def _seal_setback(self, person: Person, setback_id: str) -> bool:
        """Seal a plaintext (or partly sealed) setback whole, in one atomic replacement.

        The replacement only happens if the document is still the version just read: a save that
        lands in between is never undone; the setback is read again and sealed with it.
        Returns whether anything was written.
        """
        if person.key is None:
            raise SetbackLocked()
        for _ in range(_SEAL_TRIES):
            stored = self.backend.load_setback(person.username, setback_id)
            entry = self._parsed_entry(person, stored)
            if entry.sealed:
                return False
            raw = self._document(person, entry.setback)
            try:
                stored = self.backend.replace_setback(person.username, setback_id, raw, entry.version)
            except SetbackChanged:
                continue
            self._parsed_entry(person, stored)
            return True
        raise SetbackChanged()

    def seal_everything(self, person: Person) -> Sweep:
        """Seal every plaintext setback, draft and prep sheet of an unlocked person (the upgrade).

        Each setback is replaced whole and atomically, so a crash leaves every setback either as
        it was or sealed, and the next sweep carries on. What can't be read is set aside as usual.
        """
        if person.key is None:
            raise SetbackLocked()
        setbacks = drafts = 0
        complete = True
        with self._parsed_lock:
            known = {
                sid: entry.version
                for (name, sid), entry in self._parsed.items()
                if name == person.username and entry.seal == person.seal
            }
        found, problems = self.backend.list_setbacks(person.username, known)
        problems = list(problems)
        for stored in found:
            try:
                entry = self._parsed_entry(person, stored)
                if not entry.sealed:
                    setbacks += self._seal_setback(person, stored.setback_id)
            except SetbackUnreadable as unreadable:
                problems.append(unreadable.problem)
            except SetbackNotFound:
                continue  # deleted meanwhile
            except StorageError as error:
                log.warning("Could not seal a setback just now (%s); the next sign-in tries again", error.key)
                complete = False
        for setback_id, stage, raw in self.backend.list_drafts(person.username):
            if raw.startswith(crypto.ENVELOPE.encode("ascii")):
                continue
            try:
                # Only if the draft is still the one read (a page may have kept a newer one).
                if self.backend.load_draft(person.username, setback_id, stage) == raw:
                    sealed = self._sealed_draft(person, setback_id, stage, raw)
                    self.backend.save_draft(person.username, setback_id, stage, sealed)
                    drafts += 1
            except SetbackNotFound:
                self.backend.clear_draft(person.username, setback_id, stage)
            except StorageError:
                complete = False
        try:
            sheet = self.backend.load_document(person.username, PREP_DOCUMENT)
            if sheet is not None and not sheet.startswith(crypto.ENVELOPE.encode("ascii")):
                self.save_prep_sheet(person, prep_sheet_from(sheet))  # sealed on the way back in
        except ValueError:
            pass  # not a sheet: the page sets it aside when it next opens it
        except StorageError:
            complete = False
        if problems:
            with self._parsed_lock:
                self._unreported.setdefault(person.username, []).extend(problems)
        return Sweep(setbacks, drafts, complete, tuple(problems))

    # -- importing an export (core.importer) --------------------------------------------------

    def plan_import(self, person: Person, contents: Contents) -> ImportPlan:
        """How a checked export stands against what this person has (nothing is written)."""
        from core.importer import merge_prep_sheets, plan_import

        here = {setback.id: setback for setback in self.list(person, include_archived=True).setbacks}
        drafts_here = {(draft.setback_id, draft.stage) for draft in self.drafts(person)}
        plan = plan_import(contents, here, drafts_here)
        if plan.prep_sheet is not None:
            try:
                mine = self.load_prep_sheet(person)
            except StorageError:
                mine = PrepSheet()
            if merge_prep_sheets(mine, plan.prep_sheet) == mine:
                plan = dataclasses.replace(plan, prep_sheet=None)  # it would add nothing
        return plan

    def apply_import(
        self, person: Person, decision: Decision, progress: Callable[[int, int], None] | None = None
    ) -> ImportResult:
        """Write what the person chose to import: each setback whole, sealed like every other save.

        A setback created meanwhile under the same id, or one to replace that changed since the
        person chose, is left as it is and listed in `not_written`. Storage that fails part-way
        stops the import (`stopped`): what was written stays, and importing the same zip again
        finds it identical and carries on with the rest.
        """
        from core.importer import Result

        account = self.account(person.username)
        if account is None:
            raise AccountNotFound()
        if getattr(account, "keyring", None) is not None and person.key is None:
            raise SetbackLocked()  # never write an encrypted person's writing in the clear
        result = Result(identical=decision.identical, kept=decision.kept)
        total = len(decision.writes)
        for index, write in enumerate(decision.writes, 1):
            setback = write.setback
            try:
                if write.kind == "create":
                    raw = self._document(person, setback)
                    self._parse(person, self.backend.create_setback(person.username, setback.id, raw))
                    if write.copy_of:
                        result.copies += 1
                    else:
                        result.added += 1
                elif write.kind == "replace":
                    stored = self.backend.load_setback(person.username, setback.id)
                    if self._parse(person, stored) != write.expected:
                        result.not_written.append(setback.id)
                        continue
                    raw = self._document(person, setback)
                    stored = self.backend.replace_setback(person.username, setback.id, raw, stored.version)
                    self._parse(person, stored)
                    result.replaced += 1
                for draft in write.drafts:
                    if write.kind == "drafts" and self.backend.load_draft(
                        person.username, draft.setback_id, draft.stage
                    ):
                        continue  # a draft was kept here meanwhile: never overwritten
                    plain = draft.model_dump_json().encode("utf-8")
                    sealed = self._sealed_draft(person, draft.setback_id, draft.stage, plain)
                    self.backend.save_draft(person.username, draft.setback_id, draft.stage, sealed)
                    result.drafts += 1
            except (SetbackChanged, SetbackNotFound, SetbackUnreadable):
                result.not_written.append(setback.id)
            except SaveFailed as error:
                if self._exists(person, setback.id) and write.kind == "create":
                    result.not_written.append(setback.id)  # its id was taken meanwhile
                else:
                    result.stopped = error
                    break
            except StorageError as error:
                result.stopped = error
                break
            if progress is not None:
                progress(index, total)
        if decision.prep_sheet is not None and result.stopped is None:
            from core.importer import merge_prep_sheets

            try:
                here = self.load_prep_sheet(person)
            except DocumentUnreadable:
                here = PrepSheet()  # set aside, never deleted: the imported sheet starts afresh
            merged = merge_prep_sheets(here, decision.prep_sheet)
            if merged != here:
                self.save_prep_sheet(person, merged)
                result.prep_sheet = True
        return result

    def _exists(self, person: Person, setback_id: str) -> bool:
        try:
            self.backend.load_setback(person.username, setback_id)
        except StorageError:
            return False
        return True

    # -- drafts --------------------------------------------------------------------------------

    @staticmethod
    def _sealed_draft(person: Person, setback_id: str, stage: str, raw: bytes) -> bytes:
        if person.key is None:
            return raw
        aad = crypto.draft_aad(person.user, setback_id, stage)
        return crypto.seal(person.key, raw, aad).encode("ascii")

    @staticmethod
    def _opened_draft(person: Person, setback_id: str, stage: str, raw: bytes | None) -> bytes | None:
        """A draft's plaintext; None when it is sealed and does not open here (a draft is never
        saved work, so a draft that can't be opened is simply not offered)."""
        if raw is None or not raw.startswith(crypto.ENVELOPE.encode("ascii")):
            return raw
        if person.key is None:
            return None
        try:
            return crypto.open_sealed(
                person.key, raw.decode("ascii", "replace"), crypto.draft_aad(person.user, setback_id, stage)
            )
        except crypto.Tampered:
            return None

    def save_draft(self, person: Person, setback_id: str, stage: str, values: Mapping[str, Any]) -> Draft:
        """Keep what a page holds and has not saved (dates are kept as ISO strings)."""
        if stage not in DRAFT_STAGES or not valid_setback_id(setback_id):
            raise SetbackNotFound()
        plain = json.loads(json.dumps(dict(values), default=_json_default))
        draft = Draft(setback_id=setback_id, stage=stage, values=plain, updated_at=utcnow())
        raw = self._sealed_draft(person, setback_id, stage, draft.model_dump_json().encode("utf-8"))
        self.backend.save_draft(person.username, setback_id, stage, raw)
        return draft

    def load_draft(self, person: Person, setback_id: str, stage: str) -> Draft | None:
        """The kept draft of a page, or None (a damaged one is dropped: it was never saved work)."""
        if stage not in DRAFT_STAGES or not valid_setback_id(setback_id):
            return None
        raw = self.backend.load_draft(person.username, setback_id, stage)
        return _draft(self._opened_draft(person, setback_id, stage, raw), setback_id, stage)

    def drafts(self, person: Person) -> list[Draft]:
        """Every kept draft of a person."""
        found = (
            _draft(self._opened_draft(person, sid, stage, raw), sid, stage)
            for sid, stage, raw in self.backend.list_drafts(person.username)
        )
        return [draft for draft in found if draft is not None]

    def clear_draft(self, person: Person, setback_id: str, stage: str) -> None:
        if stage in DRAFT_STAGES and valid_setback_id(setback_id):
            self.backend.clear_draft(person.username, setback_id, stage)

    # -- the prep sheet ------------------------------------------------------------------------
    # The sheet's bytes are made and read in exactly these two places (prep_sheet_bytes and
    # prep_sheet_from), between the model and backend.save_document / load_document: encryption
    # at rest seals and opens them there.

    def load_prep_sheet(self, person: Person) -> PrepSheet:
        """The person's prep sheet (a fresh one when there is none yet).

        One that can't be read is set aside, never deleted, and DocumentUnreadable says so; the
        next load then starts a fresh sheet.
        """
        raw = self.backend.load_document(person.username, PREP_DOCUMENT)
        if raw is None:
            return PrepSheet()
        if raw.startswith(crypto.ENVELOPE.encode("ascii")):
            if person.key is None:
                raise SetbackLocked()
            try:
                raw = crypto.open_sealed(
                    person.key,
                    raw.decode("ascii", "replace"),
                    crypto.document_aad(person.user, PREP_DOCUMENT),
                )
            except crypto.Tampered as error:
                self.backend.set_aside_document(person.username, PREP_DOCUMENT)
                raise DocumentUnreadable() from error
        try:
            return prep_sheet_from(raw)
        except ValueError as error:
            self.backend.set_aside_document(person.username, PREP_DOCUMENT)
            raise DocumentUnreadable() from error

    def save_prep_sheet(self, person: Person, sheet: PrepSheet) -> PrepSheet:
        """Keep the person's prep sheet, replacing the previous one; returns it as saved (stamped)."""
        stamped = sheet.model_copy(update={"updated_at": utcnow()})
        raw = prep_sheet_bytes(stamped)
        if person.key is not None:  # sealed like every stage: the sheet holds the person's own words
            aad = crypto.document_aad(person.user, PREP_DOCUMENT)
            raw = crypto.seal(person.key, raw, aad).encode("ascii")
        self.backend.save_document(person.username, PREP_DOCUMENT, raw)
        return stamped


def prep_sheet_bytes(sheet: PrepSheet) -> bytes:
    """The prep sheet as the backend keeps it (JSON)."""
    return sheet.model_dump_json(indent=2).encode("utf-8")


def prep_sheet_from(raw: bytes) -> PrepSheet:
    """The prep sheet in a stored document; ValueError when it is not one."""
    return PrepSheet.model_validate_json(raw)


def _draft(raw: bytes | None, setback_id: str, stage: str) -> Draft | None:
    if raw is None:
        return None
    try:
        draft = Draft.model_validate_json(raw)
    except ValidationError:
        return None
    return draft if (draft.setback_id, draft.stage) == (setback_id, stage) else None
