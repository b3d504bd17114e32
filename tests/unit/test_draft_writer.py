"""core.storage.draft_writer: drafts written off the run, newest only, readable before they are written."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from core.models import Intake
from core.storage import SaveFailed
from core.storage.draft_writer import DraftWriter
from tests.factories import add_person, files_store


class Gate:
    """Wraps the store's draft writes: each waits until the test opens the gate; counts what got through."""

    def __init__(self, store) -> None:
        self.store, self.opened, self.entered = store, threading.Event(), threading.Event()
        self.written: list[dict] = []
        self.fail_with: Exception | None = None
        real = store.save_draft

        def save_draft(person, setback_id, stage, values):
            self.entered.set()
            assert self.opened.wait(10)
            if self.fail_with is not None:
                raise self.fail_with
            self.written.append(dict(values))
            return real(person, setback_id, stage, values)

        store.save_draft = save_draft


@pytest.fixture
def setup(tmp_path):
    store = files_store(tmp_path)
    person = add_person(store, "sam")
    setback = store.create(person, Intake(company="Acme", heard_on=date(2026, 1, 2)))
    writer = DraftWriter(store)
    yield store, person, setback, writer
    writer.close()


def test_a_kept_draft_is_written_through_the_store(setup):
    store, person, setback, writer = setup
    at = writer.keep(person, setback.id, "vent", {"text": "BBB"})
    assert writer.flush()
    kept = store.load_draft(person, setback.id, "vent")
    assert kept.values == {"text": "BBB"} and kept.updated_at >= at


def test_keep_returns_at_once_while_the_store_is_still_writing(setup):
    store, person, setback, writer = setup
    gate = Gate(store)
    writer.keep(person, setback.id, "vent", {"text": "first"})
    assert gate.entered.wait(10)  # the thread is inside the store, held there
    writer.keep(person, setback.id, "vent", {"text": "second"})  # the page run is not held up
    assert store.load_draft(person, setback.id, "vent") is None
    gate.opened.set()
    assert writer.flush()
    assert store.load_draft(person, setback.id, "vent").values == {"text": "second"}


def test_values_waiting_for_the_same_page_are_replaced_so_only_the_newest_is_written(setup):
    store, person, setback, writer = setup
    gate = Gate(store)
    writer.keep(person, setback.id, "vent", {"text": "being written"})
    assert gate.entered.wait(10)
    for n in range(20):
        writer.keep(person, setback.id, "vent", {"text": f"typed {n}"})
    writer.keep(person, setback.id, "reflect", {"learned": "other page"})
    gate.opened.set()
    assert writer.flush()
    assert [w.get("text", w.get("learned")) for w in gate.written] == [
        "being written",
        "typed 19",
        "other page",
    ]


def test_load_sees_what_is_waiting_before_it_is_written(setup):
    store, person, setback, writer = setup
    gate = Gate(store)
    writer.keep(person, setback.id, "vent", {"text": "in flight"})
    assert gate.entered.wait(10)
    writer.keep(person, setback.id, "vent", {"text": "waiting"})
    assert writer.load(person, setback.id, "vent").values == {"text": "waiting"}
    gate.opened.set()
    assert writer.flush()
    assert writer.load(person, setback.id, "vent").values == {"text": "waiting"}


def test_a_clear_cancels_a_waiting_write_and_reads_as_no_draft(setup):
    store, person, setback, writer = setup
    gate = Gate(store)
    writer.keep(person, setback.id, "vent", {"text": "old, being written"})
    assert gate.entered.wait(10)
    writer.keep(person, setback.id, "vent", {"text": "waiting"})
    writer.clear(person, setback.id, "vent")
    assert writer.load(person, setback.id, "vent") is None
    gate.opened.set()
    assert writer.flush()
    assert store.load_draft(person, setback.id, "vent") is None  # the clear came after the old write
    assert [w["text"] for w in gate.written] == ["old, being written"]


def test_a_draft_that_could_not_be_kept_is_reported_until_one_is(setup):
    store, person, setback, writer = setup
    gate = Gate(store)
    gate.opened.set()
    gate.fail_with = SaveFailed()
    writer.keep(person, setback.id, "vent", {"text": "disk full"})
    assert writer.flush()
    assert writer.problem(person, setback.id, "vent") == SaveFailed().key
    gate.fail_with = None
    writer.keep(person, setback.id, "vent", {"text": "room again"})
    assert writer.flush()
    assert writer.problem(person, setback.id, "vent") is None
    assert store.load_draft(person, setback.id, "vent").values == {"text": "room again"}


def test_a_draft_for_a_setback_deleted_meanwhile_is_dropped_quietly(setup):
    store, person, setback, writer = setup
    store.delete_setback(person, setback.id)
    writer.keep(person, setback.id, "vent", {"text": "too late"})
    assert writer.flush()
    assert writer.problem(person, setback.id, "vent") is None
    assert store.drafts(person) == []


def test_close_writes_what_is_waiting_first(setup):
    store, person, setback, writer = setup
    writer.keep(person, setback.id, "summary", {"future_note": "be kind"})
    writer.close()
    assert store.load_draft(person, setback.id, "summary").values == {"future_note": "be kind"}
