"""Copy everything one backend holds into another (files → PostgreSQL and back), for `rebound migrate`.

Accounts are copied record for record (password hashes unchanged, so people sign in as before),
setbacks, drafts and named documents (the prep sheet) byte for byte as the backend holds them
(whatever the store wrote, ciphertext included), and the installation secrets (the cookie key, so
sign-in cookies keep working).

Three passes over the source, one person at a time (memory stays that of one person):
1. plan: compare with what the target already holds; anything there that differs is a conflict,
   and with any conflict nothing at all is written;
2. copy: write only what the target lacks (so running it twice changes nothing);
3. verify: read every copied thing back from the target and compare it with the source.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from core.storage.backend import Account, Backend, DocumentUnreadable, EmailTaken, UsernameTaken

# Installation secrets a Rebound keeps with its data (core.auth.COOKIE_SECRET).
SECRETS = ("cookie",)
# The documents a person may have (core.storage.store.PREP_DOCUMENT).
DOCUMENTS = ("prep",)


class _NoSecret(Exception):
    """The backend holds no such secret (raised by `make` so that none is made)."""


def _no_secret() -> str:
    raise _NoSecret


def read_secret(backend: Backend, name: str) -> str | None:
    """A backend's secret, or None: never makes one."""
    try:
        return backend.secret(name, _no_secret)
    except _NoSecret:
        return None


@dataclass
class Tally:
    """How many of one kind of thing the source has, and what happened to each."""

    source: int = 0
    copied: int = 0
    already: int = 0
    verified: int = 0


@dataclass
class Report:
    accounts: Tally = field(default_factory=Tally)
    setbacks: Tally = field(default_factory=Tally)
    drafts: Tally = field(default_factory=Tally)
    documents: Tally = field(default_factory=Tally)
    secrets: Tally = field(default_factory=Tally)
    conflicts: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # in the source; left there, not copied
    mismatches: list[str] = field(default_factory=list)  # found by verification
    notes: list[str] = field(default_factory=list)

    @property
    def written(self) -> bool:
        tallies = (self.accounts, self.setbacks, self.drafts, self.documents, self.secrets)
        return any(t.copied for t in tallies)

    @property
    def ok(self) -> bool:
        return not self.conflicts and not self.mismatches


def _same_document(a: bytes, b: bytes) -> bool:
    if a == b:
        return True
    try:
        return json.loads(a) == json.loads(b)
    except ValueError:
        return False


def _same_account(a: Account, b: Account) -> bool:
    return a.model_dump(mode="json") == b.model_dump(mode="json")


def _person(
    backend: Backend, username: str
) -> tuple[dict[str, bytes], dict[tuple[str, str], bytes], list[str]]:
    """A person's setbacks {id: raw}, drafts {(id, stage): raw} and what could not be read."""
    found, problems = backend.list_setbacks(username)
    setbacks = {s.setback_id: s.raw for s in found if s.raw is not None}
    drafts = {(sid, stage): raw for sid, stage, raw in backend.list_drafts(username)}
    return setbacks, drafts, [p.setback_id for p in problems]


def _documents(backend: Backend, username: str) -> tuple[dict[str, bytes], list[str]]:
    """A person's documents {name: raw} and the names of those that could not be read."""
    found: dict[str, bytes] = {}
    unreadable: list[str] = []
    for name in DOCUMENTS:
        try:
            raw = backend.load_document(username, name)
        except DocumentUnreadable:
            unreadable.append(name)
            continue
        if raw is not None:
            found[name] = raw
    return found, unreadable


def transfer(
    source: Backend,
    target: Backend,
    progress: Callable[[str], None] = lambda _: None,
    only: Iterable[str] = (),
) -> Report:
    """Copy everything `target` lacks from `source`, refusing (writing nothing) on any conflict.

    `only` (canonical usernames) moves just those people — account record, password hash, keyring
    and every sealed setback and draft as they are — and leaves the installation secrets alone: the
    target keeps its own cookie key.
    """
    report = Report()
    chosen = sorted(set(only))
    usernames = chosen or sorted(source.usernames())
    for username in chosen:
        if source.get_account(username) is None:
            report.conflicts.append(f"account {username!r}: not in the source")
    report.accounts.source = len(usernames)
    target_was_empty = target.count_accounts() == 0

    # 1. plan
    for username in usernames:
        account = source.get_account(username)
        if account is None:
            continue
        there = target.get_account(username)
        setbacks, drafts, unreadable = _person(source, username)
        report.setbacks.source += len(setbacks)
        report.drafts.source += len(drafts)
        report.unreadable += [f"{username}: setback {sid}" for sid in unreadable]
        documents, unreadable_documents = _documents(source, username)
        report.documents.source += len(documents)
        report.unreadable += [f"{username}: document {name}" for name in unreadable_documents]
        if there is None:
            holder = target.find_account_by_email(account.email) if account.email.strip() else None
            if holder is not None:
                report.conflicts.append(
                    f"account {username!r}: its email belongs to {holder.username!r} in the target"
                )
            continue
        if not _same_account(account, there):
            report.conflicts.append(f"account {username!r}: the target has a different record for it")
        held, held_drafts, _ = _person(target, username)
        for sid, raw in setbacks.items():
            if sid in held and not _same_document(raw, held[sid]):
                report.conflicts.append(f"account {username!r}: setback {sid} differs in the target")
        for key, raw in drafts.items():
            if key in held_drafts and held_drafts[key] != raw:
                report.conflicts.append(
                    f"account {username!r}: draft {key[0]}/{key[1]} differs in the target"
                )
        held_documents, _ = _documents(target, username)
        for name, raw in documents.items():
            if name in held_documents and not _same_document(raw, held_documents[name]):
                report.conflicts.append(f"account {username!r}: document {name} differs in the target")
    secrets = {name: None if chosen else read_secret(source, name) for name in SECRETS}
    for name, value in secrets.items():
        if value is None:
            continue
        report.secrets.source += 1
        held = read_secret(target, name)
        if held is not None and held != value and not target_was_empty:
            report.conflicts.append(
                f"secret {name!r}: the target has another one and already has accounts "
                "(replacing it would sign everyone on the target out)"
            )
    if report.conflicts:
        return report

    # 2. copy
    for value_name, value in secrets.items():
        if value is None:
            continue
        held = read_secret(target, value_name)
        if held == value:
            report.secrets.already += 1
            continue
        target.replace_secret(value_name, value)
        report.secrets.copied += 1
        if held is not None:
            report.notes.append(
                f"the target's {value_name} secret (made by a start with no accounts) was replaced"
            )
    for index, username in enumerate(usernames, 1):
        account = source.get_account(username)
        if account is None:
            continue
        if target.get_account(username) is None:
            try:
                target.add_account(account)
            except (UsernameTaken, EmailTaken) as error:
                report.conflicts.append(f"account {username!r}: {error.key.replace('_', ' ')} in the target")
                continue
            report.accounts.copied += 1
        else:
            report.accounts.already += 1
        setbacks, drafts, _ = _person(source, username)
        held, held_drafts, _ = _person(target, username)
        for sid, raw in setbacks.items():
            if sid in held:
                report.setbacks.already += 1
            else:
                target.create_setback(username, sid, raw)
                report.setbacks.copied += 1
        for (sid, stage), raw in drafts.items():
            if (sid, stage) in held_drafts:
                report.drafts.already += 1
            elif sid in setbacks:
                target.save_draft(username, sid, stage, raw)
                report.drafts.copied += 1
            else:
                report.notes.append(f"{username}: a draft for setback {sid}, which is gone, was not copied")
        documents, _ = _documents(source, username)
        held_documents, _ = _documents(target, username)
        for name, raw in documents.items():
            if name in held_documents:
                report.documents.already += 1
            else:
                target.save_document(username, name, raw)
                report.documents.copied += 1
        if index % 500 == 0:
            progress(f"copied {index:,} of {len(usernames):,} accounts")
    if report.conflicts:
        return report

    # 3. verify
    for username in usernames:
        account = source.get_account(username)
        if account is None:
            continue
        there = target.get_account(username)
        if there is None or not _same_account(account, there):
            report.mismatches.append(f"account {username!r}")
            continue
        report.accounts.verified += 1
        setbacks, drafts, _ = _person(source, username)
        held, held_drafts, _ = _person(target, username)
        for sid, raw in setbacks.items():
            if sid in held and _same_document(raw, held[sid]):
                report.setbacks.verified += 1
            else:
                report.mismatches.append(f"account {username!r}: setback {sid}")
        for key, raw in drafts.items():
            if key[0] not in setbacks:
                continue
            if held_drafts.get(key) == raw:
                report.drafts.verified += 1
            else:
                report.mismatches.append(f"account {username!r}: draft {key[0]}/{key[1]}")
        documents, _ = _documents(source, username)
        held_documents, _ = _documents(target, username)
        for name, raw in documents.items():
            if name in held_documents and _same_document(raw, held_documents[name]):
                report.documents.verified += 1
            else:
                report.mismatches.append(f"account {username!r}: document {name}")
    for name, value in secrets.items():
        if value is not None:
            if read_secret(target, name) == value:
                report.secrets.verified += 1
            else:
                report.mismatches.append(f"secret {name!r}")
    return report
