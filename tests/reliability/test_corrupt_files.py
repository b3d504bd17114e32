"""Issue 6.3: broken and foreign files get a clear message, are set aside (never deleted), the rest loads.

About the files backend's on-disk behaviour: each test breaks a setback's file by hand, the way a
bad disk, a bad copy or a bad hand would, then goes through the store as the pages do.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

import core.storage.files
from core.models import Intake, Vent
from core.storage import Person, SetbackNotFound, SetbackUnreadable, StorageError
from tests.factories import add_person, files_store
from tests.reliability._files import setback_file, setbacks_folder

pytestmark = pytest.mark.reliability

USER = "sam"
SAM = Person.named(USER)
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


def store(data_dir: Path):
    """A fresh store, as a new server process would have (nothing parsed or cached yet)."""
    return files_store(data_dir)


@pytest.fixture
def three(data_dir):
    """Three setbacks for one person: two that stay fine and the one that gets broken."""
    shop = store(data_dir)
    add_person(shop, USER)
    fine = [
        shop.create(SAM, Intake(company=name, heard_on=date(2025, 1, d)))
        for d, name in ((1, "Globex"), (2, "Hooli"))
    ]
    victim = shop.create(SAM, Intake(company="Initech", heard_on=date(2025, 1, 3)))
    return fine, victim, setback_file(data_dir, USER, victim.id)


def set_aside_copies(data_dir: Path, setback_id: str) -> list[Path]:
    return sorted(setbacks_folder(data_dir, USER).glob(f"{setback_id}.json.corrupt-*"))


def check_set_aside(data_dir: Path, problem, victim_id: str, before: object, reason: str) -> None:
    """The problem names the setback and says why; its file was moved aside exactly as it was."""
    path = setback_file(data_dir, USER, victim_id)
    assert problem.setback_id == victim_id and problem.set_aside
    assert reason in problem.message
    assert "set aside" in problem.message and "nothing was deleted" in problem.message
    [aside] = set_aside_copies(data_dir, victim_id)
    assert snapshot(aside) == before  # kept exactly as it was
    assert not path.exists() and not path.is_symlink()


@pytest.mark.parametrize(
    ("breakage", "reason"), [(b[1], b[2]) for b in BREAKAGES], ids=[b[0] for b in BREAKAGES]
)
def test_a_broken_file_is_reported_set_aside_and_the_rest_loads(three, data_dir, breakage, reason):
    fine, victim, path = three
    breakage(path)
    before = snapshot(path)
    listing = store(data_dir).list(SAM)
    [problem] = listing.problems
    check_set_aside(data_dir, problem, victim.id, before, reason)
    assert [s.id for s in listing.setbacks] == [fine[1].id, fine[0].id]
    # Once set aside it is quietly gone from the list; the others are untouched.
    again = store(data_dir).list(SAM)
    assert again.problems == [] and [s.id for s in again.setbacks] == [fine[1].id, fine[0].id]
    with pytest.raises(SetbackNotFound):
        store(data_dir).load(SAM, victim.id)


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
    shop = store(data_dir)
    with pytest.raises(SetbackUnreadable) as unreadable:
        if how == "load":
            shop.load(SAM, victim.id)
        else:
            shop.save_stage(SAM, victim.id, "vent", Vent(text="new words"))
    check_set_aside(data_dir, unreadable.value.problem, victim.id, before, reason)
    assert str(unreadable.value) == unreadable.value.problem.message
    assert {s.id for s in shop.list(SAM).setbacks} == {s.id for s in fine}


def test_a_file_whose_permissions_refuse_reading_is_set_aside_simulated(three, data_dir, monkeypatch):
    """Runs everywhere (also as root, where chmod 000 does not stop reading): the read is refused."""
    fine, victim, path = three
    before = path.read_bytes()
    real_read = core.storage.files.read_bytes

    def refuse(target: Path) -> bytes:
        if Path(target) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(target))
        return real_read(target)

    monkeypatch.setattr(core.storage.files, "read_bytes", refuse)
    listing = store(data_dir).list(SAM)
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
    listing = store(data_dir).list(SAM)
    [problem] = listing.problems
    assert "can't be opened (permissions)" in problem.message and problem.set_aside
    [aside] = set_aside_copies(data_dir, problem.setback_id)
    aside.chmod(0o600)
    assert aside.read_bytes().startswith(b"{")
    assert {s.id for s in listing.setbacks} == {s.id for s in fine}


def test_a_passing_trouble_with_the_machine_does_not_set_a_good_file_aside(three, data_dir, monkeypatch):
    """Too many open files is not the file's fault: say so, change nothing, and read it next time."""
    _fine, victim, path = three
    before = path.read_bytes()
    real_read = core.storage.files.read_bytes

    def busy(target: Path) -> bytes:
        if Path(target) == path:
            raise OSError(errno.EMFILE, "Too many open files")
        return real_read(target)

    monkeypatch.setattr(core.storage.files, "read_bytes", busy)
    for attempt in (lambda shop: shop.list(SAM), lambda shop: shop.load(SAM, victim.id)):
        with pytest.raises(StorageError) as trouble:
            attempt(store(data_dir))
        assert not isinstance(trouble.value, SetbackUnreadable)
        assert "can't be reached just now (Too many open files)" in str(trouble.value)
        assert "Nothing was changed" in str(trouble.value)
    assert path.read_bytes() == before and set_aside_copies(data_dir, victim.id) == []
    monkeypatch.undo()
    assert store(data_dir).load(SAM, victim.id) == victim


def test_another_persons_setback_copied_into_this_folder_is_set_aside(three, data_dir):
    _fine, victim, path = three
    shop = store(data_dir)
    alice = add_person(shop, "alice")
    other = shop.create(alice, Intake(company="Alice's", heard_on=date(2025, 1, 1)))
    alice_file = setback_file(data_dir, "alice", other.id)
    alice_bytes = alice_file.read_bytes()
    shutil.copy(alice_file, path)
    listing = store(data_dir).list(SAM)
    [problem] = listing.problems
    assert problem.setback_id == victim.id and problem.set_aside
    assert "holds a different setback than it should" in problem.message
    assert other.id not in {s.id for s in listing.setbacks}
    assert [p.read_bytes() for p in set_aside_copies(data_dir, victim.id)] == [alice_bytes]
    assert alice_file.read_bytes() == alice_bytes  # alice's own file is never touched
    assert store(data_dir).load(alice, other.id) == other


def test_several_broken_files_at_once_each_get_their_own_message(data_dir):
    shop = store(data_dir)
    add_person(shop, USER)
    good = shop.create(SAM, Intake(company="Fine", heard_on=date(2025, 1, 1)))
    broken = []
    for breakage in (_truncate, _future_version, _directory):
        setback = shop.create(SAM, Intake(company="Broken", heard_on=date(2025, 1, 2)))
        breakage(setback_file(data_dir, USER, setback.id))
        broken.append(setback.id)
    listing = store(data_dir).list(SAM)
    assert [s.id for s in listing.setbacks] == [good.id]
    assert sorted(p.setback_id for p in listing.problems) == sorted(broken)
    assert sorted(p.key for p in listing.problems) == sorted(["damaged", "newer_version", "folder_in_place"])
    assert len({p.message for p in listing.problems}) == 3
    for setback_id in broken:
        assert len(set_aside_copies(data_dir, setback_id)) == 1
    assert len(list(setbacks_folder(data_dir, USER).glob("*.corrupt-*"))) == 3


def test_saving_into_another_persons_setback_copied_in_sets_it_aside_unchanged(three, data_dir):
    _fine, victim, path = three
    shop = store(data_dir)
    alice = add_person(shop, "alice")
    other = shop.create(alice, Intake(company="Alice's", heard_on=date(2025, 1, 1)))
    shutil.copy(setback_file(data_dir, "alice", other.id), path)
    before = path.read_bytes()
    with pytest.raises(SetbackUnreadable) as unreadable:
        store(data_dir).save_stage(SAM, victim.id, "vent", Vent(text="into the wrong file"))
    check_set_aside(data_dir, unreadable.value.problem, victim.id, before, "holds a different setback")
    assert store(data_dir).load(alice, other.id) == other
