"""Start here after the intake: going straight on, the current setback, editing it, and deleting one
with a named confirmation and a short undo (on Start here and on History)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from core import content
from core.models import Intake, Vent
from core.storage import Person, SetbackNotFound, Store
from pages import _drafts as drafts
from pages import _setbacks as setbacks
from pages import _shell as shell
from tests.app.conftest import signed_in_app
from tests.factories import full_setback, people_store

SAM = Person("sam")


def add(store: Store, company: str, days_ago: int = 0, **stages):
    setback = store.create(
        SAM, Intake(company=company, role="Designer", heard_on=date.today() - timedelta(days=days_ago))
    )
    for name, model in stages.items():
        setback = store.save_stage(SAM, setback.id, name, model)
    return setback


def start() -> AppTest:
    at = signed_in_app()
    at.run()
    assert not at.exception
    return at


def create(at: AppTest, company: str = "Acme", role: str = "Designer") -> AppTest:
    at.text_input(key="intake.company").input(company)
    at.text_input(key="intake.role").input(role)
    next(b for b in at.button if b.label == content.SAVE).click().run()
    assert not at.exception
    return at


def texts(at: AppTest) -> list[str]:
    return [e.value for kind in ("markdown", "caption", "info", "success", "error") for e in at.get(kind)]


def labels(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def add_form_is_folded(at: AppTest) -> bool:
    """The new-setback form sits inside "Add a new setback", and that is closed."""
    [expander] = [e for e in at.expander if e.label == content.START_ADD]
    inside = any(w.key == "intake.company" for w in expander.text_input)
    return inside and at.session_state["start.add_open"] is False


# -- going straight on -------------------------------------------------------------------------


def test_after_the_first_intake_the_page_offers_begin_with_vent_and_folds_the_form_away(data_dir):
    at = start()
    assert [e.label for e in at.expander] == []  # no setback yet: the form is open on the page
    create(at)
    [saved] = people_store(data_dir).list(SAM).setbacks
    assert at.session_state["setback_id"] == saved.id
    assert content.INTAKE_SAVED in [s.value for s in at.success]
    assert at.button(key="start.go_on").label == content.START_BEGIN
    assert add_form_is_folded(at)  # the blank form sits folded under "Add a new setback"
    assert content.START_INTRO not in texts(at)
    at.button(key="start.go_on").click().run()
    assert at.title[0].value == content.NAV["vent"]  # Vent opened, on the new setback
    assert any(c.value == f"For {shell.escape(saved.title())}" for c in at.caption)
    assert not at.exception


def test_a_second_intake_from_the_folded_form_becomes_current_and_the_form_folds_again(data_dir):
    store = people_store(data_dir)
    first = add(store, "First Co", 3)
    at = start()
    at.session_state["start.add_open"] = True
    at.run()
    create(at, "Second Co")
    second = next(s for s in store.list(SAM).setbacks if s.intake.company == "Second Co")
    assert at.session_state["setback_id"] == second.id != first.id
    assert add_form_is_folded(at)
    assert at.text_input(key="intake.company").value == ""
    assert not at.exception


def test_the_pacing_card_speaks_of_the_current_setback_not_the_newest(data_dir):
    store = people_store(data_dir)
    older = add(store, "Older Co", 12)
    add(store, "Newer Co", 0)
    at = start()
    assert content.pacing_hint(0) in [i.value for i in at.info]
    at.button(key=f"choose.{older.id}").click().run()
    hints = [i.value for i in at.info]
    assert content.pacing_hint(12) in hints and content.pacing_hint(0) not in hints
    assert not at.exception


def test_the_button_goes_on_with_the_first_stage_not_done(data_dir):
    add(people_store(data_dir), "Acme", vent=Vent(text="so unfair"))
    at = start()
    assert at.button(key="start.go_on").label == content.START_CONTINUE.format(stage="Reflect")
    at.button(key="start.go_on").click().run()
    assert at.title[0].value == content.NAV["reflect"]
    assert not at.exception


def test_the_current_setback_is_remembered_for_the_person_in_a_new_session(data_dir):
    store = people_store(data_dir)
    older = add(store, "Older Co", 30)
    add(store, "Newer Co", 1)
    at = start()
    at.button(key=f"choose.{older.id}").click().run()
    assert store.account("sam").current_setback == older.id
    elsewhere = start()  # another device: a new session with nothing in it
    assert elsewhere.session_state["setback_id"] == older.id
    assert "**Older Co — Designer**" in [m.value for m in elsewhere.sidebar.markdown]
    assert not elsewhere.exception


# -- editing the intake ------------------------------------------------------------------------


def edit_key(setback, field: str) -> str:
    return drafts.draft_key(setback.id, "intake", field)


def test_the_intake_can_be_edited_and_every_stage_stays(data_dir):
    store = people_store(data_dir)
    setback = add(store, "Acme", 2, vent=Vent(text="kept words"))
    at = start()
    at.button(key=f"start.edit.{setback.id}").click().run()
    assert at.text_input(key=edit_key(setback, "company")).value == "Acme"  # filled with what is saved
    at.text_input(key=edit_key(setback, "company")).input("Acme Rockets")
    at.text_input(key=edit_key(setback, "role")).input("Lead Designer")
    at.selectbox(key=edit_key(setback, "stage_reached")).set_value("final_round")
    at.date_input(key=edit_key(setback, "heard_on")).set_value(date.today() - timedelta(days=5))
    at.radio(key=edit_key(setback, "how_heard")).set_value("call")
    at.text_area(key=edit_key(setback, "message")).input("We went another way.")
    next(b for b in at.button if b.label == content.EDIT_SAVE).click().run()
    saved = store.load(SAM, setback.id)
    assert saved.intake == Intake(
        company="Acme Rockets",
        role="Lead Designer",
        stage_reached="final_round",
        heard_on=date.today() - timedelta(days=5),
        how_heard="call",
        message="We went another way.",
    )
    assert saved.vent.text == "kept words"
    assert content.EDIT_SAVED.format(title="Acme Rockets — Lead Designer") in [s.value for s in at.success]
    assert content.EDIT_SAVE not in labels(at)  # the form closed
    assert not at.exception


def test_an_edit_that_breaks_a_rule_says_so_and_saves_nothing_and_cancel_keeps_what_was_saved(data_dir):
    store = people_store(data_dir)
    setback = add(store, "Acme")
    at = start()
    at.button(key=f"start.edit.{setback.id}").click().run()
    at.text_input(key=edit_key(setback, "company")).input("  ")
    next(b for b in at.button if b.label == content.EDIT_SAVE).click().run()
    assert "Company is needed — even a word or two is fine." in [e.value for e in at.error]
    assert store.load(SAM, setback.id).intake.company == "Acme"
    next(b for b in at.button if b.label == content.EDIT_CANCEL).click().run()
    assert store.load(SAM, setback.id).intake.company == "Acme"
    at.button(key=f"start.edit.{setback.id}").click().run()
    assert at.text_input(key=edit_key(setback, "company")).value == "Acme"  # cancelled typing is gone
    assert not at.exception


# -- deleting one setback ----------------------------------------------------------------------


def test_delete_asks_first_naming_the_setback_and_keep_it_changes_nothing(data_dir):
    store = people_store(data_dir)
    setback = add(store, "Acme")
    at = start()
    at.button(key=f"start.delete.{setback.id}").click().run()
    question = content.DELETE_ONE_CONFIRM.format(title="Acme — Designer")
    assert question in texts(at)
    at.button(key=f"start.delete_no.{setback.id}").click().run()
    assert question not in texts(at)
    assert store.load(SAM, setback.id) == setback
    assert not at.exception


def test_deleting_takes_the_setback_and_its_drafts_and_undo_brings_it_back_whole_and_current(data_dir):
    store = people_store(data_dir)
    other = add(store, "Other Co", 9)
    setback = add(store, "Acme", 1, vent=Vent(text="so unfair"))
    store.save_draft(SAM, setback.id, "reflect", {"learned": "unsaved words"})
    at = start()
    assert at.session_state["setback_id"] == setback.id
    at.session_state[drafts.draft_key(setback.id, "went_well", "wins.0.text")] = "typed, not saved"
    at.button(key=f"start.delete.{setback.id}").click().run()
    at.button(key=f"start.delete_yes.{setback.id}").click().run()

    with pytest.raises(SetbackNotFound):
        store.load(SAM, setback.id)
    assert store.load_draft(SAM, setback.id, "reflect") is None
    assert not [k for k in at.session_state if isinstance(k, str) and k.startswith(f"draft.{setback.id}.")]
    assert content.DELETED_ONE.format(title="Acme — Designer") in texts(at)
    assert at.session_state["setback_id"] == other.id  # the one left is worked on now
    assert store.account("sam").current_setback != setback.id
    assert [s.id for s in store.list(SAM).setbacks] == [other.id]

    at.button(key="setbacks.undo_button").click().run()
    back = store.load(SAM, setback.id)
    assert back == setback  # same id, same stages, same times
    assert at.session_state["setback_id"] == setback.id  # current again, as before
    assert store.account("sam").current_setback == setback.id
    assert content.UNDONE.format(title="Acme — Designer") in [s.value for s in at.success]
    assert content.UNDO not in labels(at)
    assert not at.exception


def test_the_undo_lasts_a_short_while_then_goes_and_the_setback_stays_deleted(data_dir):
    store = people_store(data_dir)
    setback = add(store, "Acme")
    at = start()
    at.button(key=f"start.delete.{setback.id}").click().run()
    at.button(key=f"start.delete_yes.{setback.id}").click().run()
    assert content.UNDO in labels(at)
    held, was_current, deleted_at = at.session_state[setbacks.UNDO]
    at.session_state[setbacks.UNDO] = (held, was_current, deleted_at - content.UNDO_SECONDS - 1)
    at.run()
    assert content.UNDO not in labels(at)
    assert setbacks.UNDO not in at.session_state  # nothing of it is kept in memory either
    assert store.list(SAM).setbacks == []
    assert not at.exception


def test_a_setback_can_be_deleted_from_history_and_brought_back(data_dir):
    store = people_store(data_dir)
    keep = add(store, "Keep Co", 5)
    gone = add(store, "Gone Co", 1, vent=Vent(text="x"))
    at = signed_in_app()
    at.run()
    at.switch_page("pages/history.py")
    at.session_state["history.table"] = {"selection": {"rows": [0], "columns": []}}
    at.run()
    at.button(key=f"history.delete.{gone.id}").click().run()
    assert content.DELETE_ONE_CONFIRM.format(title="Gone Co — Designer") in texts(at)
    at.button(key=f"history.delete_yes.{gone.id}").click().run()
    assert [s.id for s in store.list(SAM).setbacks] == [keep.id]
    assert content.DELETED_ONE.format(title="Gone Co — Designer") in texts(at)
    at.button(key="setbacks.undo_button").click().run()
    assert store.load(SAM, gone.id) == gone
    assert not at.exception


def test_a_full_setback_comes_back_from_undo_exactly(data_dir):
    store = people_store(data_dir)
    full = full_setback()
    created = store.create(SAM, full.intake)
    for stage in ("vent", "reflect", "went_well", "gratitude", "next_targets", "summary"):
        created = store.save_stage(SAM, created.id, stage, full.stage(stage))
    at = start()
    at.button(key=f"start.delete.{created.id}").click().run()
    at.button(key=f"start.delete_yes.{created.id}").click().run()
    at.button(key="setbacks.undo_button").click().run()
    assert store.load(SAM, created.id) == created
    assert not at.exception
