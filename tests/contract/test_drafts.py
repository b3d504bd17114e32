"""Contract: drafts — kept per setback and stage, replaced, listed, cleared, refused for strangers."""

from __future__ import annotations

from datetime import date

import pytest

from core.models import Intake
from core.storage import AccountNotFound, Person, SetbackNotFound
from tests.contract.conftest import account


@pytest.fixture
def setback(store, sam):
    return store.create(sam, Intake(company="Acme", heard_on=date(2026, 1, 2)))


def test_a_draft_comes_back_with_its_values_and_time(store, sam, setback):
    values = {
        "text": "I was so close",
        "private": True,
        "score": 55,
        "heard": date(2026, 1, 2),
        "rows": [{"a": 1}],
    }
    kept = store.save_draft(sam, setback.id, "vent", values)
    loaded = store.load_draft(sam, setback.id, "vent")
    assert loaded == kept
    assert loaded.values == {
        "text": "I was so close",
        "private": True,
        "score": 55,
        "heard": "2026-01-02",
        "rows": [{"a": 1}],
    }
    assert loaded.updated_at is not None


def test_a_new_draft_replaces_the_old_one_of_that_stage_only(store, sam, setback):
    store.save_draft(sam, setback.id, "vent", {"text": "first"})
    store.save_draft(sam, setback.id, "vent", {"text": "second"})
    store.save_draft(sam, setback.id, "gratitude", {"entries.0.text": "my sister"})
    assert store.load_draft(sam, setback.id, "vent").values == {"text": "second"}
    assert {(d.stage, tuple(d.values.values())) for d in store.drafts(sam)} == {
        ("vent", ("second",)),
        ("gratitude", ("my sister",)),
    }


def test_clearing_a_draft_forgets_it_and_clearing_nothing_is_fine(store, sam, setback):
    store.save_draft(sam, setback.id, "vent", {"text": "gone soon"})
    store.clear_draft(sam, setback.id, "vent")
    store.clear_draft(sam, setback.id, "vent")
    assert store.load_draft(sam, setback.id, "vent") is None
    assert store.drafts(sam) == []


def test_drafts_belong_to_one_person(store, sam, setback):
    store.add_account(account("kim"))
    kim = Person("kim")
    store.save_draft(sam, setback.id, "vent", {"text": "mine"})
    assert store.load_draft(kim, setback.id, "vent") is None
    assert store.drafts(kim) == []
    with pytest.raises(SetbackNotFound):
        store.save_draft(kim, setback.id, "vent", {"text": "theirs"})


def test_a_draft_for_an_unknown_setback_stage_or_person_is_refused(store, sam, setback):
    with pytest.raises(SetbackNotFound):
        store.save_draft(sam, "f" * 32, "vent", {"text": "x"})
    with pytest.raises(SetbackNotFound):
        store.save_draft(sam, setback.id, "not_a_stage", {"text": "x"})
    with pytest.raises(AccountNotFound):
        store.save_draft(Person("ghost"), setback.id, "vent", {"text": "x"})
    assert store.load_draft(sam, setback.id, "not_a_stage") is None


def test_a_draft_survives_reopening_the_store(kit, sam, setback):
    kit.store.save_draft(sam, setback.id, "summary", {"future_note": "be kind"})
    assert kit.reopen().load_draft(sam, setback.id, "summary").values == {"future_note": "be kind"}
