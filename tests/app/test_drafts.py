"""Drafts through the router in AppTest: kept in storage as a page changes, restored, discarded, undone.

A fresh AppTest is a new browser session (a reload, another browser, a restarted server): what it
shows of unsaved work comes from the draft kept in storage.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import pytest
from streamlit.runtime.scriptrunner_utils.exceptions import StopException

from core import content, suggestions
from core.models import LONG_TEXT, Intake, NextTargets, Reflect, Vent, WentWell
from core.storage import Person
from core.storage.draft_writer import flush_all
from tests.app.conftest import place_of, signed_in_app
from tests.app.test_summary_page import files, pdf_text  # noqa: F401 - files is a fixture
from tests.factories import people_store

USER = "sam"
SAM = Person(USER)


@pytest.fixture
def store(data_dir):
    return people_store(data_dir)


@pytest.fixture
def setback(store):
    return store.create(SAM, Intake(company="Acme Rockets", heard_on=date(2025, 3, 31)))


def open_page(stage: str):
    """A new session (a reload, another browser) on one stage page."""
    at = signed_in_app(USER)
    at.run()
    at.switch_page(f"pages/{stage}.py")
    at.run()
    assert not at.exception
    return at


def key(setback, stage: str, field: str) -> str:
    return f"draft.{setback.id}.{stage}.{field}"


def captions(at) -> list[str]:
    return [c.value for c in at.caption]


def restored_line(at) -> str | None:
    return next((text for text in captions(at) if text.startswith("Restored what you wrote at ")), None)


def kept(store, setback, stage: str):
    flush_all()
    return store.load_draft(SAM, setback.id, stage)


def click(at, button_key: str):
    at.button(key=button_key).click().run()
    assert not at.exception


# -- kept and restored ---------------------------------------------------------------------------


def test_typed_values_are_kept_in_storage_and_come_back_in_a_new_session_with_the_restored_line(
    setback, store
):
    store.save_stage(SAM, setback.id, "vent", Vent(text="AAA"))
    at = open_page("vent")
    assert restored_line(at) is None
    at.text_area(key=key(setback, "vent", "text")).input("BBB")
    at.slider(key=key(setback, "vent", "anger")).set_value(40)
    at.toggle(key=key(setback, "vent", "private")).set_value(False).run()
    draft = kept(store, setback, "vent")
    assert draft is not None
    assert (draft.values["text"], draft.values["anger"], draft.values["private"]) == ("BBB", 40, False)
    assert store.load(SAM, setback.id).vent.text == "AAA"  # nothing saved

    again = open_page("vent")
    assert again.text_area(key=key(setback, "vent", "text")).value == "BBB"
    assert again.slider(key=key(setback, "vent", "anger")).value == 40
    assert again.toggle(key=key(setback, "vent", "private")).value is False
    assert restored_line(again) == content.DRAFT_RESTORED.format(time=draft.updated_at.strftime("%H:%M"))
    assert not again.exception


def test_a_run_cut_short_by_a_newer_one_does_not_reopen_the_page_or_show_the_restored_line(
    setback, store, monkeypatch
):
    """Streamlit stops a run when the browser sends a newer one (a field left while it runs): the
    run that replaces it still has the same page open, so nothing is brought in as "restored" — a
    line drawn above the fields would shift them and lose what is being typed into them."""
    at = open_page("gratitude")
    at.text_input(key=key(setback, "gratitude", "entries.0.text")).input("Being chosen to interview").run()
    ideas = suggestions.gratitude_suggestions

    def cut_short(*args, **kwargs):
        monkeypatch.setattr(suggestions, "gratitude_suggestions", ideas)
        raise StopException()  # where Streamlit would raise it for the newer request

    monkeypatch.setattr(suggestions, "gratitude_suggestions", cut_short)
    at.text_input(key=key(setback, "gratitude", "entries.1.text")).input("Meeting a kind design lead").run()
    flush_all()  # the cut-short run kept its values as the draft
    assert kept(store, setback, "gratitude").values["entries.1.text"] == "Meeting a kind design lead"
    at.text_input(key=key(setback, "gratitude", "entries.2.text")).input("Sharper stories").run()
    assert restored_line(at) is None
    assert [at.text_input(key=key(setback, "gratitude", f"entries.{i}.text")).value for i in range(3)] == [
        "Being chosen to interview",
        "Meeting a kind design lead",
        "Sharper stories",
    ]
    assert not at.exception


def test_the_restored_line_coming_or_going_never_moves_the_fields_below_it(setback, store):
    """Streamlit draws a field that moved anew, emptying what is being typed into it: the line
    sits in a slot of its own, so a tab rejoining a restarted server can show it safely."""
    field = key(setback, "gratitude", "entries.0.text")
    plain = open_page("gratitude")
    assert restored_line(plain) is None
    plain.text_input(key=field).input("Being chosen to interview").run()
    again = open_page("gratitude")
    assert restored_line(again) is not None
    assert place_of(again, field) == place_of(plain, field)


def test_opening_a_page_without_changing_anything_keeps_no_draft(setback, store):
    store.save_stage(SAM, setback.id, "went_well", WentWell(wins=["Reached the final"]))
    at = open_page("went_well")
    at.switch_page("pages/vent.py").run()
    at.switch_page("pages/went_well.py").run()
    assert kept(store, setback, "went_well") is None
    assert kept(store, setback, "vent") is None
    assert not at.exception


def test_changing_a_value_back_to_what_is_saved_forgets_the_draft(setback, store):
    store.save_stage(SAM, setback.id, "vent", Vent(text="AAA"))
    at = open_page("vent")
    at.text_area(key=key(setback, "vent", "text")).input("BBB").run()
    assert kept(store, setback, "vent") is not None
    at.text_area(key=key(setback, "vent", "text")).input("AAA").run()
    assert kept(store, setback, "vent") is None
    assert not at.exception


def test_every_kind_of_field_comes_back_dates_as_dates(setback, store):
    at = open_page("next_targets")
    at.text_input(key=key(setback, "next_targets", "attractions.0.text")).input("Small senior team")
    at.date_input(key=key(setback, "next_targets", "reconnect.1")).set_value(date(2025, 7, 15))
    at.selectbox(key=key(setback, "next_targets", "actions.0.kind")).set_value("volunteering")
    at.text_input(key=key(setback, "next_targets", "actions.0.what")).input("Mentor at the meetup")
    at.date_input(key=key(setback, "next_targets", "actions.0.due")).set_value(date(2025, 6, 1))
    at.session_state[f"targets.editor.{setback.id}"] = {
        "edited_rows": {0: {"company": "Globex", "due": "2025-05-02", "status": "applied"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception

    again = open_page("next_targets")
    assert (
        again.text_input(key=key(setback, "next_targets", "attractions.0.text")).value == "Small senior team"
    )
    assert again.date_input(key=key(setback, "next_targets", "reconnect.1")).value == date(2025, 7, 15)
    assert again.selectbox(key=key(setback, "next_targets", "actions.0.kind")).value == "volunteering"
    assert (
        again.text_input(key=key(setback, "next_targets", "actions.0.what")).value == "Mentor at the meetup"
    )
    assert again.date_input(key=key(setback, "next_targets", "actions.0.due")).value == date(2025, 6, 1)
    table = again.dataframe[0].value
    assert (table["company"][0], str(table["due"][0])[:10], table["status"][0]) == (
        "Globex",
        "2025-05-02",
        "applied",
    )
    assert restored_line(again) is not None
    # ...and Save keeps exactly that, the dates as dates.
    again.button(key="save.next_targets").click().run()
    saved = store.load(SAM, setback.id).next_targets
    assert saved.stay_in_touch.reconnect_on[1] == date(2025, 7, 15)
    assert [(a.kind, a.what, a.due) for a in saved.actions] == [
        ("volunteering", "Mentor at the meetup", date(2025, 6, 1))
    ]
    assert [(t.company, t.due) for t in saved.targets] == [("Globex", date(2025, 5, 2))]
    assert kept(store, setback, "next_targets") is None
    assert not again.exception


def test_the_summary_page_keeps_its_draft_too(setback, store):
    store.save_stage(SAM, setback.id, "vent", Vent(text="Gutted"))
    at = open_page("summary")
    at.text_area(key=key(setback, "summary", "future_note")).input("Be gentle with yourself")
    at.slider(key=key(setback, "summary", "sadness")).set_value(15)
    at.checkbox(key=key(setback, "summary", "section.reflect")).uncheck().run()
    again = open_page("summary")
    assert again.text_area(key=key(setback, "summary", "future_note")).value == "Be gentle with yourself"
    assert again.slider(key=key(setback, "summary", "sadness")).value == 15
    assert again.checkbox(key=key(setback, "summary", "section.reflect")).value is False
    assert store.load(SAM, setback.id).summary is None
    assert not again.exception


def test_an_over_long_value_is_still_kept_as_a_draft(setback, store):
    too_long = "x" * (LONG_TEXT + 1)
    at = open_page("vent")
    at.text_area(key=key(setback, "vent", "text")).input(too_long)
    at.button(key="save.vent").click().run()
    assert content.too_long("Your writing", LONG_TEXT) in [e.value for e in at.error]
    assert kept(store, setback, "vent").values["text"] == too_long
    again = open_page("vent")
    assert again.text_area(key=key(setback, "vent", "text")).value == too_long
    assert store.load(SAM, setback.id).vent is None
    assert not again.exception


# -- Save and Discard ----------------------------------------------------------------------------


def test_save_turns_the_draft_into_the_saved_stage_and_clears_it(setback, store):
    at = open_page("vent")
    at.text_area(key=key(setback, "vent", "text")).input("Kept, then saved").run()
    again = open_page("vent")
    assert restored_line(again) is not None
    again.button(key="save.vent").click().run()
    assert store.load(SAM, setback.id).vent.text == "Kept, then saved"
    assert kept(store, setback, "vent") is None
    assert restored_line(again) is None  # the line goes on the very run that saves
    third = open_page("vent")
    assert third.text_area(key=key(setback, "vent", "text")).value == "Kept, then saved"
    assert restored_line(third) is None
    assert not third.exception


def test_discard_goes_back_to_what_was_saved_forgets_the_draft_and_undo_brings_it_back(setback, store):
    store.save_stage(SAM, setback.id, "vent", Vent(text="AAA"))
    at = open_page("vent")
    at.text_area(key=key(setback, "vent", "text")).input("BBB")
    at.slider(key=key(setback, "vent", "shame")).set_value(70).run()

    again = open_page("vent")
    assert restored_line(again) is not None
    click(again, "discard.vent")
    assert again.text_area(key=key(setback, "vent", "text")).value == "AAA"
    assert again.slider(key=key(setback, "vent", "shame")).value == 0
    assert restored_line(again) is None
    assert content.DRAFT_DISCARDED in captions(again)
    assert kept(store, setback, "vent") is None
    assert store.load(SAM, setback.id).vent.text == "AAA"

    click(again, "undo.vent")
    assert again.text_area(key=key(setback, "vent", "text")).value == "BBB"
    assert again.slider(key=key(setback, "vent", "shame")).value == 70
    assert kept(store, setback, "vent").values["text"] == "BBB"


def test_discard_resets_the_targets_table_to_what_was_saved(setback, store):
    store.save_stage(SAM, setback.id, "next_targets", NextTargets(targets=[{"company": "Initech"}]))
    at = open_page("next_targets")
    at.session_state[f"targets.editor.{setback.id}"] = {
        "edited_rows": {0: {"company": "Globex"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    again = open_page("next_targets")
    assert again.dataframe[0].value["company"][0] == "Globex"
    click(again, "discard.next_targets")
    assert again.dataframe[0].value["company"][0] == "Initech"
    assert kept(store, setback, "next_targets") is None


# -- removing rows -------------------------------------------------------------------------------


def test_a_removed_row_can_be_undone_and_comes_back_with_its_words_in_its_place(setback, store):
    at = open_page("went_well")
    for index, text in enumerate(["one", "two", "three"]):
        at.text_input(key=key(setback, "went_well", f"wins.{index}.text")).input(text)
    at.run()
    click(at, "remove.went_well.wins.1")
    wins = [at.text_input(key=key(setback, "went_well", f"wins.{i}.text")).value for i in range(2)]
    assert wins == ["one", "three"]
    assert content.STAGE_REMOVED.format(what="two") in captions(at)
    assert kept(store, setback, "went_well").values["wins.count"] == 2
    click(at, "undo.went_well")
    wins = [at.text_input(key=key(setback, "went_well", f"wins.{i}.text")).value for i in range(3)]
    assert wins == ["one", "two", "three"]
    assert content.STAGE_REMOVED.format(what="two") not in captions(at)
    assert kept(store, setback, "went_well").values["wins.1.text"] == "two"


def test_removing_a_blank_row_offers_no_undo(setback):
    at = open_page("went_well")
    click(at, "remove.went_well.wins.2")
    assert not [b for b in at.button if b.key == "undo.went_well"]
    assert [t.key for t in at.text_input].count(key(setback, "went_well", "wins.2.text")) == 0


def test_removing_an_own_feeling_can_be_undone(setback):
    at = open_page("vent")
    at.text_input(key=key(setback, "vent", "own.0.name")).input("Numb").run()
    at.slider(key=key(setback, "vent", "own.0.score")).set_value(80)
    at.text_input(key=key(setback, "vent", "own.1.name")).input("Restless").run()
    click(at, "remove.vent.own.0")
    names = [at.text_input(key=key(setback, "vent", f"own.{i}.name")).value for i in range(3)]
    assert names == ["Restless", "", ""]  # still three rows to name feelings in
    click(at, "undo.vent")
    names = [at.text_input(key=key(setback, "vent", f"own.{i}.name")).value for i in range(3)]
    assert names == ["Numb", "Restless", ""]
    assert at.slider(key=key(setback, "vent", "own.0.score")).value == 80


def test_a_row_deleted_from_the_targets_table_can_be_undone(setback, store):
    editor = f"targets.editor.{setback.id}"
    store.save_stage(
        SAM, setback.id, "next_targets", NextTargets(targets=[{"company": "Globex"}, {"company": "Initech"}])
    )
    at = open_page("next_targets")
    rows = key(setback, "next_targets", "table.draft")
    at.session_state[editor] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [0]}
    at.run()
    assert [row["company"] for row in at.session_state[rows]][:1] == ["Initech"]
    assert content.STAGE_REMOVED.format(what="Globex") in captions(at)
    click(at, "undo.next_targets")
    assert list(at.dataframe[0].value["company"][:2]) == ["Globex", "Initech"]
    at.button(key="save.next_targets").click().run()
    assert [t.company for t in store.load(SAM, setback.id).next_targets.targets] == ["Globex", "Initech"]


# -- two tabs, sign-out, the setting -------------------------------------------------------------


def test_a_draft_from_another_tab_is_offered_on_the_next_page_open_never_over_what_is_shown(setback, store):
    store.save_stage(SAM, setback.id, "vent", Vent(text="AAA"))
    first, second = open_page("vent"), open_page("vent")
    first.text_area(key=key(setback, "vent", "text")).input("from the first tab").run()
    flush_all()
    second.run()  # the second tab keeps showing what it shows
    assert second.text_area(key=key(setback, "vent", "text")).value == "AAA"
    second.switch_page("pages/reflect.py").run()
    second.switch_page("pages/vent.py").run()  # its next page open offers the newer draft
    assert second.text_area(key=key(setback, "vent", "text")).value == "from the first tab"
    assert restored_line(second) is not None
    assert not second.exception


def test_the_newer_draft_wins_when_both_tabs_kept_one(setback, store):
    first, second = open_page("vent"), open_page("vent")
    first.text_area(key=key(setback, "vent", "text")).input("older, first tab").run()
    flush_all()
    second.text_area(key=key(setback, "vent", "text")).input("newer, second tab").run()
    flush_all()
    assert kept(store, setback, "vent").values["text"] == "newer, second tab"
    first.switch_page("pages/reflect.py").run()
    first.switch_page("pages/vent.py").run()
    assert first.text_area(key=key(setback, "vent", "text")).value == "newer, second tab"
    # The second tab's own values were the newer ones: opening the page again keeps them.
    second.switch_page("pages/reflect.py").run()
    second.switch_page("pages/vent.py").run()
    assert second.text_area(key=key(setback, "vent", "text")).value == "newer, second tab"


def test_text_committed_by_the_sign_out_click_is_kept_before_signing_out(setback, store):
    at = open_page("vent")
    at.text_area(key=key(setback, "vent", "text")).input("typed, then Sign out")
    at.button(key="sign_out").click().run()
    assert not at.session_state["authentication_status"]
    assert kept(store, setback, "vent").values["text"] == "typed, then Sign out"
    again = open_page("vent")  # signing in again, here or anywhere
    assert again.text_area(key=key(setback, "vent", "text")).value == "typed, then Sign out"


def test_with_drafts_kept_in_the_session_only_nothing_is_stored(setback, store, monkeypatch):
    monkeypatch.setenv("REBOUND_KEEP_DRAFTS", "false")
    at = open_page("vent")
    at.text_area(key=key(setback, "vent", "text")).input("only in this session").run()
    at.switch_page("pages/reflect.py").run()
    at.switch_page("pages/vent.py").run()
    assert at.text_area(key=key(setback, "vent", "text")).value == "only in this session"
    assert kept(store, setback, "vent") is None
    assert open_page("vent").text_area(key=key(setback, "vent", "text")).value == ""


# -- drafts stay apart from what is saved --------------------------------------------------------


def test_drafts_stay_out_of_the_saved_setback_and_the_export_lists_them_apart(setback, store):
    store.save_stage(SAM, setback.id, "vent", Vent(text="saved words"))
    at = open_page("vent")
    at.text_area(key=key(setback, "vent", "text")).input("draft words").run()
    flush_all()
    assert store.load(SAM, setback.id).vent.text == "saved words"  # History, the PDF and CSVs read this

    at.switch_page("pages/account.py").run()
    button = next(b for b in at.get("download_button") if b.proto.label == content.EXPORT_BUTTON)
    assert button  # the export is built on click, from the store: build it the same way here
    from pages.account import _export

    data = _export(store, SAM, {"username": USER}, None)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        setback_json = archive.read(f"rebound-export/setbacks/{setback.id}.json").decode()
        draft_json = json.loads(archive.read(f"rebound-export/drafts/{setback.id}.vent.json"))
    assert "draft words" not in setback_json and "saved words" in setback_json
    assert draft_json["values"]["text"] == "draft words"
    assert draft_json == json.loads(store.load_draft(SAM, setback.id, "vent").model_dump_json())
    assert f"rebound-export/drafts/{setback.id}.vent.json" in names


# -- on PostgreSQL -------------------------------------------------------------------------------


@pytest.fixture
def postgres_store(database_url, monkeypatch):
    """The app on a fresh PostgreSQL database (REBOUND_DATABASE_URL), with Sam's account in it."""
    from core.storage import open_location
    from tests.factories import add_person

    monkeypatch.setenv("REBOUND_DATABASE_URL", database_url)
    store = open_location(database_url)
    add_person(store, USER)
    yield store
    flush_all()
    store.close()


def test_on_postgresql_a_draft_is_kept_in_the_database_restored_in_a_new_session_and_cleared_by_save(
    postgres_store,
):
    store = postgres_store
    setback = store.create(SAM, Intake(company="Acme Rockets", heard_on=date(2025, 3, 31)))
    store.save_stage(SAM, setback.id, "vent", Vent(text="AAA"))
    at = open_page("gratitude")
    at.text_input(key=key(setback, "gratitude", "entries.1.text")).input("My sister's call").run()
    at.switch_page("pages/vent.py").run()
    at.text_area(key=key(setback, "vent", "text")).input("BBB").run()
    assert kept(store, setback, "gratitude").values["entries.1.text"] == "My sister's call"
    assert kept(store, setback, "vent").values["text"] == "BBB"
    assert store.load(SAM, setback.id).vent.text == "AAA"
    assert store.load(SAM, setback.id).gratitude is None

    again = open_page("vent")  # another browser, or this one after a server restart
    assert again.text_area(key=key(setback, "vent", "text")).value == "BBB"
    assert restored_line(again) is not None
    again.button(key="save.vent").click().run()
    assert store.load(SAM, setback.id).vent.text == "BBB"
    assert kept(store, setback, "vent") is None
    again.switch_page("pages/gratitude.py").run()
    assert again.text_input(key=key(setback, "gratitude", "entries.1.text")).value == "My sister's call"
    assert restored_line(again) is not None
    assert not again.exception


# -- the PDF and History read only what is saved --------------------------------------------------

DRAFT_ONLY = "Zebrafinch words never saved"


def open_on(setback, stage: str):
    """A new session on one stage page of this setback."""
    at = signed_in_app(USER)
    at.session_state["setback_id"] = setback.id
    at.run()
    at.switch_page(f"pages/{stage}.py")
    at.run()
    assert not at.exception
    return at


def test_a_draft_stays_out_of_the_summary_pdf_until_its_stage_is_saved(store, files):  # noqa: F811
    setback = store.create(SAM, Intake(company="Acme Rockets", heard_on=date(2025, 3, 31)))
    store.save_stage(SAM, setback.id, "went_well", WentWell(wins=["Reached the final round"]))
    at = open_on(setback, "went_well")
    at.text_input(key=key(setback, "went_well", "wins.1.text")).input(DRAFT_ONLY).run()
    assert kept(store, setback, "went_well") is not None

    at.switch_page("pages/summary.py").run()
    text = pdf_text(files.by_extension("pdf").data())
    assert "Reached the final round" in text and DRAFT_ONLY not in text

    at.switch_page("pages/went_well.py").run()
    at.button(key="save.went_well").click().run()
    at.switch_page("pages/summary.py").run()
    assert DRAFT_ONLY in pdf_text(files.by_extension("pdf").data())  # once saved, it is in
    assert not at.exception


def test_a_draft_stays_out_of_the_history_patterns_until_saved(store):
    for company in ("Globex", "Initech"):
        earlier = store.create(SAM, Intake(company=company, heard_on=date(2025, 1, 10)))
        store.save_stage(SAM, earlier.id, "reflect", Reflect(learned=f"Saved lesson from {company}"))
    setback = store.create(SAM, Intake(company="Acme Rockets", heard_on=date(2025, 3, 31)))
    at = open_on(setback, "reflect")
    at.text_area(key=key(setback, "reflect", "learned")).input(DRAFT_ONLY).run()
    assert kept(store, setback, "reflect") is not None

    def shown(at) -> str:
        at.switch_page("pages/history.py").run()
        assert not at.exception
        return " ".join(m.value for m in at.markdown)

    words = shown(at)
    assert "Saved lesson from Globex" in words and DRAFT_ONLY not in words
    at.switch_page("pages/reflect.py").run()
    at.button(key="save.reflect").click().run()
    assert DRAFT_ONLY in shown(at)  # once saved, it is among the lessons
