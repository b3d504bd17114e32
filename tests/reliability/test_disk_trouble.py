"""Issue 6.8: a save that fails (disk full, read-only) keeps the old data, says so, and keeps what was typed."""

from __future__ import annotations

import errno
import os
from datetime import date, timedelta
from pathlib import Path

import pytest

import core.storage.files
from core import auth, content
from core.models import Intake, Vent
from core.storage import Person, SaveFailed
from tests.factories import add_person, files_store
from tests.reliability._apptest import app_as, register, signed_out_app
from tests.reliability._files import setback_file, temp_files

pytestmark = pytest.mark.reliability


class _FullDisk:
    """A file whose writes fail the way a full disk makes them fail."""

    def __init__(self, real) -> None:
        self._real = real

    def write(self, data) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self._real.close()

    def __getattr__(self, name):
        return getattr(self._real, name)


def fill_disk(data_dir: Path, monkeypatch, after: int = 0) -> list[str]:
    """Let `after` more writes into the data folder through, then fail every one with ENOSPC.

    Reads still work. Returns the paths of the writes that were refused.
    """
    real_fdopen = os.fdopen
    allowed = [after]
    refused: list[str] = []

    def fdopen(fd, mode="r", *args, **kwargs):
        handle = real_fdopen(fd, mode, *args, **kwargs)
        path = os.readlink(f"/proc/self/fd/{fd}")
        if "w" in mode and Path(path).is_relative_to(data_dir):
            if allowed[0] > 0:
                allowed[0] -= 1
                return handle
            refused.append(path)
            return _FullDisk(handle)
        return handle

    monkeypatch.setattr(core.storage.files.os, "fdopen", fdopen)
    return refused


@pytest.fixture
def disk_full(data_dir, monkeypatch):
    """Make every write into the data folder fail with ENOSPC (reads still work); returns a counter."""
    return fill_disk(data_dir, monkeypatch)


def everything_in(data_dir: Path) -> dict[str, bytes]:
    """Every file of the data folder but the lock files (which stay, empty, by design)."""
    return {
        str(p.relative_to(data_dir)): p.read_bytes()
        for p in data_dir.rglob("*")
        if p.is_file() and "locks" not in p.relative_to(data_dir).parts
    }


# -- the storage layer ------------------------------------------------------------------------


def test_a_failed_save_keeps_the_old_file_byte_for_byte_and_says_the_text_was_not_saved(data_dir, request):
    """About the files backend on disk: the setback's file is exactly as it was."""
    store = files_store(data_dir)
    sam = add_person(store, "sam")
    setback = store.create(sam, Intake(company="Acme", heard_on=date(2025, 1, 1)))
    store.save_stage(sam, setback.id, "vent", Vent(text="the old words"))
    path = setback_file(data_dir, "sam", setback.id)
    before = path.read_bytes()
    refused = request.getfixturevalue("disk_full")
    with pytest.raises(SaveFailed) as failed:
        store.save_stage(sam, setback.id, "vent", Vent(text="the new words"))
    message = str(failed.value)
    assert "were not saved" in message and "No space left on device" in message
    assert "still on screen" in message
    assert refused, "the write really went through the full disk"
    assert path.read_bytes() == before
    assert temp_files(data_dir) == []
    assert files_store(data_dir).load(sam, setback.id).vent.text == "the old words"


def test_a_failed_create_leaves_no_file_and_no_temp_file(data_dir, request):
    store = files_store(data_dir)
    sam = add_person(store, "sam")
    before = everything_in(data_dir)
    request.getfixturevalue("disk_full")
    with pytest.raises(SaveFailed):
        store.create(sam, Intake(company="Acme", heard_on=date(2025, 1, 1)))
    assert store.list(sam).setbacks == [] and files_store(data_dir).list(sam).setbacks == []
    assert everything_in(data_dir) == before
    assert temp_files(data_dir) == []


def test_saving_works_again_once_there_is_space(data_dir, monkeypatch, request):
    store = files_store(data_dir)
    sam = add_person(store, "sam")
    setback = store.create(sam, Intake(company="Acme", heard_on=date(2025, 1, 1)))
    request.getfixturevalue("disk_full")
    with pytest.raises(SaveFailed):
        store.save_stage(sam, setback.id, "vent", Vent(text="try one"))
    monkeypatch.undo()
    store.save_stage(sam, setback.id, "vent", Vent(text="try two"))
    assert files_store(data_dir).load(sam, setback.id).vent.text == "try two"


# A registration writes the email index entry, then the account's last-good copy, then its record.
WRITES_BEFORE_FULL = {"email index": 0, "last-good copy": 1, "account record": 2}


@pytest.mark.parametrize("fails_at", list(WRITES_BEFORE_FULL), ids=list(WRITES_BEFORE_FULL))
def test_a_registration_on_a_full_disk_is_refused_clearly_and_leaves_no_account_behind(
    data_dir, monkeypatch, fails_at
):
    store = files_store(data_dir)
    add_person(store, "alice")  # someone already there, whose files must not change
    before = everything_in(data_dir)
    form = auth.Registration("Sam", "Rivera", "sam@example.org", "sam", "Calm-Harbor-42", "Calm-Harbor-42")
    account = auth.new_account(form)
    refused = fill_disk(data_dir, monkeypatch, after=WRITES_BEFORE_FULL[fails_at])
    with pytest.raises(SaveFailed) as failed:
        store.add_account(account)
    assert "were not saved" in str(failed.value) and "No space left on device" in str(failed.value)
    assert refused, "the write really went through the full disk"
    # Nobody holds the name or the email, in this process or a fresh one.
    for seen in (store, files_store(data_dir)):
        assert seen.account("sam") is None and seen.account_by_email("sam@example.org") is None
        assert seen.count_accounts() == 1
    assert temp_files(data_dir) == []
    assert everything_in(data_dir) == before, "a refused registration leaves nothing behind"
    # Once there is space, the same name and email can be registered.
    monkeypatch.undo()
    store.add_account(account)
    assert files_store(data_dir).account("sam") == account
    assert files_store(data_dir).account_by_email("SAM@example.org") == account


# -- the pages ----------------------------------------------------------------------------------


def test_the_vent_page_on_a_full_disk_says_not_saved_and_keeps_the_text_in_the_box(data_dir, request):
    at = app_as("sam")
    store = files_store(data_dir)
    sam = Person.named("sam")
    setback = store.create(sam, Intake(company="Acme", heard_on=date(2025, 1, 1)))
    saved = store.save_stage(sam, setback.id, "vent", Vent(text="the old words"))
    at.run()
    at.switch_page("pages/vent.py").run()
    box = at.text_area(key=f"draft.{setback.id}.vent.text")
    assert box.value == "the old words"
    box.input("Everything I needed to say, and it must not vanish.")
    refused = request.getfixturevalue("disk_full")
    at.button(key="save.vent").click().run()
    errors = [e.value for e in at.error]
    assert any("were not saved" in e and "No space left on device" in e for e in errors), errors
    assert refused, "the save really went through the full disk"
    assert at.text_area(key=f"draft.{setback.id}.vent.text").value == (
        "Everything I needed to say, and it must not vanish."
    )
    assert files_store(data_dir).load(sam, setback.id) == saved  # what was saved before, unchanged
    assert not at.exception


def test_the_intake_form_on_a_full_disk_says_not_saved_and_keeps_what_was_typed(data_dir, request):
    at = app_as("sam")
    at.run()
    at.text_input(key="intake.company").input("Acme Rockets")
    at.text_area(key="intake.message").input("We went with another candidate.")
    request.getfixturevalue("disk_full")
    next(b for b in at.button if b.label == content.SAVE).click().run()
    assert any("were not saved" in e.value for e in at.error)
    assert at.text_input(key="intake.company").value == "Acme Rockets"
    assert at.text_area(key="intake.message").value == "We went with another candidate."
    assert files_store(data_dir).list(Person.named("sam")).setbacks == []
    assert not at.exception


def test_creating_an_account_on_a_full_disk_says_so_keeps_the_form_and_signs_nobody_in(data_dir, request):
    at = signed_out_app()
    refused = request.getfixturevalue("disk_full")
    register(at, "sam", "Calm-Harbor-42")
    errors = [e.value for e in at.error]
    assert any("were not saved" in e and "No space left on device" in e for e in errors), errors
    assert refused, "the registration really went through the full disk"
    assert not at.session_state["authentication_status"]
    assert content.REGISTERED_SIGNED_IN not in [t.value for t in at.toast]
    assert at.text_input(key="register.username").value == "sam"  # what was typed is still there
    assert files_store(data_dir).account("sam") is None
    assert not at.exception


# -- a read-only data folder -------------------------------------------------------------------


@pytest.fixture
def read_only(data_dir, monkeypatch):
    """Make every new file in the data folder fail as on a read-only mount (EROFS); reads still work.

    Simulated (chmod does not stop root): the files backend creates each temp file with mkstemp.
    """
    real_mkstemp = core.storage.files.tempfile.mkstemp
    refused: list[str] = []

    def mkstemp(*args, dir=None, **kwargs):
        if dir is not None and Path(dir).is_relative_to(data_dir):
            refused.append(str(dir))
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real_mkstemp(*args, dir=dir, **kwargs)

    monkeypatch.setattr(core.storage.files.tempfile, "mkstemp", mkstemp)
    return refused


def test_on_a_read_only_data_folder_saves_are_refused_clearly_and_everything_still_reads(data_dir, request):
    store = files_store(data_dir)
    sam = add_person(store, "sam")
    setback = store.create(sam, Intake(company="Acme", heard_on=date(2025, 1, 1)))
    saved = store.save_stage(sam, setback.id, "vent", Vent(text="the old words"))
    before = everything_in(data_dir)
    refused = request.getfixturevalue("read_only")
    with pytest.raises(SaveFailed) as failed:
        store.save_stage(sam, setback.id, "vent", Vent(text="the new words"))
    assert "were not saved" in str(failed.value) and "Read-only file system" in str(failed.value)
    with pytest.raises(SaveFailed):
        store.create(sam, Intake(company="Initech", heard_on=date(2025, 1, 2)))
    assert refused, "the writes really went to the read-only folder"
    fresh = files_store(data_dir)
    assert fresh.load(sam, setback.id) == saved and [s.id for s in fresh.list(sam).setbacks] == [setback.id]
    assert everything_in(data_dir) == before
    assert temp_files(data_dir) == []


def test_on_a_read_only_data_folder_sign_in_works_and_a_wrong_password_is_never_let_through(
    data_dir, request
):
    store = files_store(data_dir)
    add_person(store, "sam")
    request.getfixturevalue("read_only")
    rules = {"max_attempts": 5, "cool_down": timedelta(minutes=15)}
    assert auth.check_sign_in(store, "sam", "Calm-Harbor-42", **rules).username == "sam"
    # A failed attempt that can't be counted is refused as paused: a failing disk grants no guesses.
    with pytest.raises(auth.SignInPaused):
        auth.check_sign_in(store, "sam", "Wrong-Harbor-41", **rules)
    assert files_store(data_dir).account("sam").failed_sign_ins == 0
