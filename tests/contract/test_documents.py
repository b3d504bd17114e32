"""Contract: a person's documents (the prep sheet) — kept whole, replaced, per person, refused for
strangers, set aside when unreadable, gone with the account."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from core.models import OwnPrepItem, PrepSheet
from core.storage import AccountNotFound, DocumentUnreadable, Person
from core.storage.store import PREP_DOCUMENT
from tests.contract.conftest import account


def sheet(**fields) -> PrepSheet:
    values = {
        "company": "Globex",
        "role": "Designer",
        "interview_on": date(2027, 3, 12),
        "picks": {"plans-0123456789abcdef": False, "ask-0ffe70ffe70ffe70": True},
        "practised": ["questions-00000000000000aa"],
        "own": [OwnPrepItem(section="ask", text="How does the team decide what to build? — ¿Qué? 你好")],
    }
    return PrepSheet(**(values | fields))


def test_with_nothing_saved_the_prep_sheet_is_a_fresh_one(store, sam):
    assert store.load_prep_sheet(sam) == PrepSheet()
    assert store.backend.load_document(sam.username, PREP_DOCUMENT) is None


def test_a_saved_prep_sheet_comes_back_whole_and_stamped(store, sam):
    saved = store.save_prep_sheet(sam, sheet())
    assert saved.updated_at is not None
    loaded = store.load_prep_sheet(sam)
    assert loaded == saved
    assert loaded.own[0].text.endswith("你好")
    assert loaded.picks == {"plans-0123456789abcdef": False, "ask-0ffe70ffe70ffe70": True}


def test_a_new_prep_sheet_replaces_the_old_one(store, sam):
    store.save_prep_sheet(sam, sheet())
    store.save_prep_sheet(sam, sheet(company="Initech", own=[]))
    loaded = store.load_prep_sheet(sam)
    assert (loaded.company, loaded.own) == ("Initech", [])


def test_the_backend_keeps_a_document_as_the_exact_bytes_it_was_given(store, sam):
    raw = b"\x00\xffopaque, perhaps ciphertext\n"
    store.backend.save_document(sam.username, "prep", raw)
    assert store.backend.load_document(sam.username, "prep") == raw


def test_each_person_has_their_own_prep_sheet(store, sam):
    store.add_account(account("kim"))
    kim = Person("kim")
    store.save_prep_sheet(sam, sheet())
    assert store.load_prep_sheet(kim) == PrepSheet()
    store.save_prep_sheet(kim, sheet(company="Kim's company"))
    assert store.load_prep_sheet(sam).company == "Globex"


def test_a_prep_sheet_for_a_username_without_an_account_is_refused_and_nothing_is_kept(store):
    ghost = Person("ghost")
    with pytest.raises(AccountNotFound):
        store.save_prep_sheet(ghost, sheet())
    assert store.backend.load_document("ghost", PREP_DOCUMENT) is None
    store.add_account(account("ghost"))  # a newcomer taking the name finds nothing of before
    assert store.load_prep_sheet(ghost) == PrepSheet()


def test_document_names_outside_a_to_z_are_refused(store, sam):
    for name in ("../account", "prep.json", "", "Prep", "a" * 41):
        with pytest.raises(ValueError):
            store.backend.save_document(sam.username, name, b"{}")
        with pytest.raises(ValueError):
            store.backend.load_document(sam.username, name)


def test_removing_the_account_removes_its_prep_sheet(store, sam):
    store.save_prep_sheet(sam, sheet())
    store.remove_account("sam")
    assert store.backend.load_document("sam", PREP_DOCUMENT) is None
    store.add_account(account("sam"))
    assert store.load_prep_sheet(sam) == PrepSheet()


def test_a_prep_sheet_that_does_not_parse_is_set_aside_said_so_and_a_fresh_one_starts(store, sam):
    store.backend.save_document(sam.username, PREP_DOCUMENT, b'{"company": "Glob')
    with pytest.raises(DocumentUnreadable) as raised:
        store.load_prep_sheet(sam)
    assert "put aside" in str(raised.value)
    assert store.load_prep_sheet(sam) == PrepSheet()
    store.save_prep_sheet(sam, sheet())
    assert store.load_prep_sheet(sam).company == "Globex"


def test_a_prep_sheet_from_a_newer_rebound_is_set_aside_not_taken_for_empty(store, sam):
    store.backend.save_document(sam.username, PREP_DOCUMENT, b'{"schema_version": 9}')
    with pytest.raises(DocumentUnreadable):
        store.load_prep_sheet(sam)


def test_setting_aside_nothing_says_so(store, sam):
    assert store.backend.set_aside_document(sam.username, PREP_DOCUMENT) is False


def test_setting_a_document_aside_says_so_and_moves_it_out_of_the_way(store, sam):
    store.backend.save_document(sam.username, PREP_DOCUMENT, b"kept aside")
    assert store.backend.set_aside_document(sam.username, PREP_DOCUMENT) is True
    assert store.backend.load_document(sam.username, PREP_DOCUMENT) is None
    assert store.backend.set_aside_document(sam.username, PREP_DOCUMENT) is False


def test_a_prep_sheet_survives_reopening_the_store(kit, sam):
    kit.store.save_prep_sheet(sam, sheet())
    assert kit.reopen().load_prep_sheet(sam).company == "Globex"


def test_saves_from_many_threads_never_leave_half_a_sheet(store, sam):
    seen: list[str] = []
    problems: list[BaseException] = []

    def save(index: int) -> None:
        try:
            for round_ in range(10):
                store.save_prep_sheet(sam, sheet(company=f"Company {index}-{round_}", role="x" * 200))
                seen.append(store.load_prep_sheet(sam).company)
        except BaseException as error:  # noqa: BLE001 - reported below
            problems.append(error)

    threads = [threading.Thread(target=save, args=(index,)) for index in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert problems == []
    assert len(seen) == 60 and all(company.startswith("Company ") for company in seen)
