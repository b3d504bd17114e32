"""Issue 6.8: a save that fails (disk full) keeps the old file, says so, and keeps what was typed."""

from __future__ import annotations

import errno
import os
from datetime import date
from pathlib import Path

import pytest

import core.storage
from core import auth, content
from core.models import Intake, Vent
from core.storage import TEMP_PREFIX, SaveFailed, Store, user_id
from tests.reliability._apptest import app_as, register, signed_out_app

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


@pytest.fixture
def disk_full(data_dir, monkeypatch):
    """Make every write into the data folder fail with ENOSPC (reads still work); returns a counter."""
    real_fdopen = os.fdopen
    refused: list[str] = []

    def fdopen(fd, mode="r", *args, **kwargs):
        handle = real_fdopen(fd, mode, *args, **kwargs)
        path = os.readlink(f"/proc/self/fd/{fd}")
        if "w" in mode and Path(path).is_relative_to(data_dir):
            refused.append(path)
            return _FullDisk(handle)
        return handle

    monkeypatch.setattr(core.storage.os, "fdopen", fdopen)
    return refused


def leftovers(data_dir: Path) -> list[Path]:
    return list(data_dir.rglob(f"{TEMP_PREFIX}*"))


# -- the storage layer ------------------------------------------------------------------------


def test_a_failed_save_keeps_the_old_file_byte_for_byte_and_says_the_text_was_not_saved(data_dir, request):
    store = Store(data_dir)
    setback = store.create("sam", Intake(company="Acme", heard_on=date(2025, 1, 1)))
    store.save_stage("sam", setback.id, "vent", Vent(text="the old words"))
    path = data_dir / "users" / user_id("sam") / "setbacks" / f"{setback.id}.json"
    before = path.read_bytes()
    refused = request.getfixturevalue("disk_full")
    with pytest.raises(SaveFailed) as failed:
        store.save_stage("sam", setback.id, "vent", Vent(text="the new words"))
    message = str(failed.value)
    assert "were not saved" in message and "No space left on device" in message
    assert "still on screen" in message
    assert refused, "the write really went through the full disk"
    assert path.read_bytes() == before
    assert leftovers(data_dir) == []
    assert Store(data_dir).load("sam", setback.id).vent.text == "the old words"


def test_a_failed_create_leaves_no_file_and_no_temp_file(data_dir, disk_full):
    store = Store(data_dir)
    with pytest.raises(SaveFailed):
        store.create("sam", Intake(company="Acme", heard_on=date(2025, 1, 1)))
    assert store.list("sam").setbacks == []
    assert leftovers(data_dir) == []


def test_saving_works_again_once_there_is_space(data_dir, monkeypatch, request):
    store = Store(data_dir)
    setback = store.create("sam", Intake(company="Acme", heard_on=date(2025, 1, 1)))
    request.getfixturevalue("disk_full")
    with pytest.raises(SaveFailed):
        store.save_stage("sam", setback.id, "vent", Vent(text="try one"))
    monkeypatch.undo()
    store.save_stage("sam", setback.id, "vent", Vent(text="try two"))
    assert Store(data_dir).load("sam", setback.id).vent.text == "try two"


def test_a_registration_on_a_full_disk_is_refused_clearly_and_the_file_is_unchanged(data_dir, request):
    auth.ensure_setup(data_dir)
    before = (data_dir / auth.CREDENTIALS_FILE).read_bytes()
    request.getfixturevalue("disk_full")
    with pytest.raises(auth.AccountError, match="could not be saved"):
        auth.add_user(data_dir, "sam", {"email": "sam@example.org", "password": "$2b$12$" + "x" * 53})
    assert (data_dir / auth.CREDENTIALS_FILE).read_bytes() == before
    assert leftovers(data_dir) == []


# -- the pages ----------------------------------------------------------------------------------


def test_the_vent_page_on_a_full_disk_says_not_saved_and_keeps_the_text_in_the_box(data_dir, request):
    store = Store(data_dir)
    setback = store.create("sam", Intake(company="Acme", heard_on=date(2025, 1, 1)))
    store.save_stage("sam", setback.id, "vent", Vent(text="the old words"))
    path = data_dir / "users" / user_id("sam") / "setbacks" / f"{setback.id}.json"
    before = path.read_bytes()
    at = app_as("sam")
    at.run()
    at.switch_page("pages/vent.py").run()
    box = at.text_area(key=f"draft.{setback.id}.vent.text")
    assert box.value == "the old words"
    box.input("Everything I needed to say, and it must not vanish.")
    request.getfixturevalue("disk_full")
    at.button(key="save.vent").click().run()
    errors = [e.value for e in at.error]
    assert any("were not saved" in e and "No space left on device" in e for e in errors), errors
    assert at.text_area(key=f"draft.{setback.id}.vent.text").value == (
        "Everything I needed to say, and it must not vanish."
    )
    assert path.read_bytes() == before
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
    assert Store(data_dir).list("sam").setbacks == []
    assert not at.exception


def test_creating_an_account_on_a_full_disk_says_so_without_crashing(data_dir, request):
    at = signed_out_app()
    request.getfixturevalue("disk_full")
    register(at, "sam", "Calm-Harbor-42")
    assert any("could not be saved" in e.value for e in at.error)
    assert content.REGISTERED not in [s.value for s in at.success]
    assert "sam" not in auth.load_credentials(data_dir)["usernames"]
    assert not at.exception
