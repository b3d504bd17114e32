"""The parse cache and reads: settled files are trusted by their stat, reads never create folders."""

from __future__ import annotations

import os
from datetime import date

import pytest

from core import storage
from core.models import Intake, WentWell
from core.storage import Store


@pytest.fixture
def counted_reads(monkeypatch):
    reads = []
    real = storage.read_bytes

    def counting(path):
        reads.append(path)
        return real(path)

    monkeypatch.setattr(storage, "read_bytes", counting)
    return reads


def _age(path, seconds: float) -> None:
    """Make a file look as if it was last written `seconds` ago."""
    then = path.stat().st_mtime_ns - int(seconds * 1e9)
    os.utime(path, ns=(then, then))


def test_a_settled_unchanged_file_is_served_without_reading_it(data_dir, counted_reads):
    store = Store(data_dir)
    setback = store.create("sam", Intake(company="Acme", heard_on=date(2026, 1, 5)))
    path = store.user_dir("sam") / "setbacks" / f"{setback.id}.json"
    _age(path, 10)
    store.list("sam")  # caches it as settled
    counted_reads.clear()
    assert [s.id for s in store.list("sam").setbacks] == [setback.id]
    assert counted_reads == []


def test_a_freshly_written_file_is_read_again_every_time(data_dir, counted_reads):
    store = Store(data_dir)
    store.create("sam", Intake(company="Acme", heard_on=date(2026, 1, 5)))
    store.list("sam")
    counted_reads.clear()
    store.list("sam")
    store.list("sam")
    assert len(counted_reads) == 2


def test_a_change_to_a_settled_file_is_seen(data_dir):
    store, other_process = Store(data_dir), Store(data_dir)
    setback = store.create("sam", Intake(company="Acme", heard_on=date(2026, 1, 5)))
    path = store.user_dir("sam") / "setbacks" / f"{setback.id}.json"
    _age(path, 10)
    store.list("sam")
    other_process.save_stage("sam", setback.id, "went_well", WentWell(wins=["Reached the final round"]))
    assert store.load("sam", setback.id).went_well.wins == ["Reached the final round"]


def test_reading_for_someone_with_no_data_creates_no_folder(data_dir):
    store = Store(data_dir)
    assert store.list("nobody-yet").setbacks == []
    with pytest.raises(storage.SetbackNotFound):
        store.load("nobody-yet", "0" * 32)
    assert not (data_dir / "users" / storage.user_id("nobody-yet")).exists()
