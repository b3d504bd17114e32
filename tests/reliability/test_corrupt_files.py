"""Issue 6.3: broken and foreign files get a clear message, are set aside (never deleted), the rest loads."""

from __future__ import annotations

import errno
import json
import os
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

import core.storage
from core.models import Intake, Vent
from core.storage import SetbackNotFound, SetbackUnreadable, Store, user_id

pytestmark = pytest.mark.reliability

USER = "sam"
AS_ROOT = os.geteuid() == 0


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _binary(path: Path) -> None:
    path.write_bytes(b"\xff\xfe\x00\x9c not a setback at all \x00\x01")


def _wrong_schema(path: Path) -> None:
    path.write_text(json.dumps({"title": "a note from another app", "items": [1, 2, 3]}))


def _wrong_types(path: Path) -> None:
    data = json.loads(path.read_text())
    data["intake"]["heard_on"] = "the day it rained"
    path.write_text(json.dumps(data))


def _a_list(path: Path) -> None:
    path.write_text("[1, 2, 3]")


def _future_version(path: Path) -> None:
    data = json.loads(path.read_text())
    data["schema_version"] = 99
    data["new_stage_from_the_future"] = {"text": "?"}
    path.write_text(json.dumps(data))


def _directory(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "inside.txt").write_text("something someone put here")


def _symlink_elsewhere(path: Path) -> None:
    outside = path.parents[4] / "outside.json"
    outside.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(outside)


def _unreadable_for_real(path: Path) -> None:
    path.chmod(0o000)


# (name, how to break the file, words the message must contain)
BREAKAGES: list[tuple[str, Callable[[Path], None], str]] = [
    ("truncated json", _truncate, "damaged (it may have been cut short)"),
    ("empty file", _empty, "damaged"),
    ("binary garbage", _binary, "damaged"),
    ("another app's json", _wrong_schema, "contents don't match what Rebound expects"),
    ("wrong types", _wrong_types, "contents don't match what Rebound expects"),
    ("a json list", _a_list, "contents don't match what Rebound expects"),
    ("future schema_version", _future_version, "written by a newer version of Rebound"),
    ("directory in its place", _directory, "a folder is in its place"),
    ("symlink to elsewhere", _symlink_elsewhere, "a link to somewhere else is in its place"),
]


def snapshot(path: Path) -> object:
    """What is at `path` now, to compare with what was set aside: bytes, a folder's files, a link."""
    if path.is_symlink():
        return ("link", os.readlink(path))
    if path.is_dir():
        return {p.name: p.read_bytes() for p in path.iterdir()}
    return path.read_bytes()


@pytest.fixture
def three(data_dir):
    """Three setbacks for one person: two that stay fine and the one that gets broken."""
    store = Store(data_dir)
    fine = [
        store.create(USER, Intake(company=name, heard_on=date(2025, 1, d)))
        for d, name in ((1, "Globex"), (2, "Hooli"))
    ]
    victim = store.create(USER, Intake(company="Initech", heard_on=date(2025, 1, 3)))
    path = data_dir / "users" / user_id(USER) / "setbacks" / f"{victim.id}.json"
    return fine, victim, path


def check_set_aside(data_dir: Path, problem, victim_id: str, before: object, reason: str) -> None:
    folder = data_dir / "users" / user_id(USER) / "setbacks"
    assert problem.setback_id == victim_id
    assert reason in problem.message
    assert "set aside as" in problem.message and "nothing was deleted" in problem.message
    assert problem.set_aside_as.startswith(f"{victim_id}.json.corrupt-")
    assert snapshot(folder / problem.set_aside_as) == before  # kept exactly as it was
    assert not (folder / f"{victim_id}.json").exists() and not (folder / f"{victim_id}.json").is_symlink()


@pytest.mark.parametrize(
    ("breakage", "reason"), [(b[1], b[2]) for b in BREAKAGES], ids=[b[0] for b in BREAKAGES]
)
def test_a_broken_file_is_reported_set_aside_and_the_rest_loads(three, data_dir, breakage, reason):
    fine, victim, path = three
    breakage(path)
    before = snapshot(path)
    listing = Store(data_dir).list(USER)
    [problem] = listing.problems
    check_set_aside(data_dir, problem, victim.id, before, reason)
    assert [s.id for s in listing.setbacks] == [fine[1].id, fine[0].id]
    # Once set aside it is quietly gone from the list; the others are untouched.
    again = Store(data_dir).list(USER)
    assert again.problems == [] and [s.id for s in again.setbacks] == [fine[1].id, fine[0].id]
    with pytest.raises(SetbackNotFound):
        Store(data_dir).load(USER, victim.id)


@pytest.mark.parametrize("how", ["load", "save_stage"])
@pytest.mark.parametrize(
    ("breakage", "reason"), [(b[1], b[2]) for b in BREAKAGES], ids=[b[0] for b in BREAKAGES]
)
def test_opening_or_saving_a_broken_setback_reports_it_and_never_overwrites_it(
    three, data_dir, breakage, reason, how
):
    fine, victim, path = three
    breakage(path)
    before = snapshot(path)
    store = Store(data_dir)
    with pytest.raises(SetbackUnreadable) as unreadable:
        if how == "load":
            store.load(USER, victim.id)
        else:
            store.save_stage(USER, victim.id, "vent", Vent(text="new words"))
    check_set_aside(data_dir, unreadable.value.problem, victim.id, before, reason)
    assert str(unreadable.value) == unreadable.value.problem.message
    assert {s.id for s in store.list(USER).setbacks} == {s.id for s in fine}


def test_a_file_whose_permissions_refuse_reading_is_set_aside_simulated(three, data_dir, monkeypatch):
    """Runs everywhere (also as root, where chmod 000 does not stop reading): the read is refused."""
    fine, victim, path = three
    before = path.read_bytes()
    real_read = core.storage.read_bytes

    def refuse(target: Path) -> bytes:
        if Path(target) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(target))
        return real_read(target)

    monkeypatch.setattr(core.storage, "read_bytes", refuse)
    listing = Store(data_dir).list(USER)
    [problem] = listing.problems
    monkeypatch.undo()
    check_set_aside(data_dir, problem, victim.id, before, "can't be opened (permissions)")
    assert "the setback for" not in problem.message  # nothing of it could be read, so it goes by its id
    assert {s.id for s in listing.setbacks} == {s.id for s in fine}


@pytest.mark.skipif(
    AS_ROOT, reason="running as root: chmod 000 does not stop root from reading (simulated above)"
)
def test_a_file_whose_permissions_refuse_reading_is_set_aside(three, data_dir):
    fine, _victim, path = three
    _unreadable_for_real(path)
    listing = Store(data_dir).list(USER)
    [problem] = listing.problems
    assert "can't be opened (permissions)" in problem.message
    aside = path.parent / problem.set_aside_as
    aside.chmod(0o600)
    assert aside.read_bytes().startswith(b"{")
    assert {s.id for s in listing.setbacks} == {s.id for s in fine}


def test_a_passing_trouble_with_the_machine_does_not_set_a_good_file_aside(three, data_dir, monkeypatch):
    """Too many open files is not the file's fault: say so, change nothing, and read it next time."""
    _fine, victim, path = three
    real_read = core.storage.read_bytes

    def busy(target: Path) -> bytes:
        if Path(target) == path:
            raise OSError(errno.EMFILE, "Too many open files")
        return real_read(target)

    monkeypatch.setattr(core.storage, "read_bytes", busy)
    listing = Store(data_dir).list(USER)
    [problem] = listing.problems
    assert "can't be read just now" in problem.message and problem.set_aside_as == ""
    assert path.exists()
    monkeypatch.undo()
    assert Store(data_dir).load(USER, victim.id) == victim


def test_another_persons_setback_copied_into_this_folder_is_set_aside(three, data_dir):
    _fine, _victim, path = three
    other = Store(data_dir).create("alice", Intake(company="Alice's", heard_on=date(2025, 1, 1)))
    alice_file = data_dir / "users" / user_id("alice") / "setbacks" / f"{other.id}.json"
    shutil.copy(alice_file, path)
    listing = Store(data_dir).list(USER)
    [problem] = listing.problems
    assert "holds a different setback than its name says" in problem.message
    assert other.id not in {s.id for s in listing.setbacks}
    assert alice_file.exists()  # alice's own file is never touched


def test_several_broken_files_at_once_each_get_their_own_message(data_dir):
    store = Store(data_dir)
    good = store.create(USER, Intake(company="Fine", heard_on=date(2025, 1, 1)))
    folder = data_dir / "users" / user_id(USER) / "setbacks"
    broken = []
    for breakage in (_truncate, _future_version, _directory):
        setback = store.create(USER, Intake(company="Broken", heard_on=date(2025, 1, 2)))
        breakage(folder / f"{setback.id}.json")
        broken.append(setback.id)
    listing = Store(data_dir).list(USER)
    assert [s.id for s in listing.setbacks] == [good.id]
    assert sorted(p.setback_id for p in listing.problems) == sorted(broken)
    assert len({p.set_aside_as for p in listing.problems}) == 3
    assert len(list(folder.glob("*.corrupt-*"))) == 3
