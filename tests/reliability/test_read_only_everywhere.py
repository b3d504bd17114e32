"""Issue 11, item 8: a read-only data folder says "can't save right now" on every page, keeps the
text, and never shows Streamlit's generic error — on a running server and after a restart."""

from __future__ import annotations

from datetime import date

import pytest
import streamlit as st

from core import content
from core.models import Intake, Vent
from core.storage import Person
from tests.factories import add_person, files_store
from tests.reliability._apptest import app_as, everything_shown, register, signed_out_app
from tests.reliability.test_disk_trouble import read_only  # noqa: F401 - a fixture, used below

pytestmark = pytest.mark.reliability

CANT_SAVE = "can't save right now"
GENERIC = "This app has encountered an error"
STAGES = ("vent", "reflect", "went_well", "gratitude", "next_targets", "summary")
TYPED = "Words typed while the disk is read-only, kept on screen"


@pytest.fixture
def sam_with_a_setback(data_dir):
    store = files_store(data_dir)
    sam = add_person(store, "sam")
    setback = store.create(sam, Intake(company="Acme", heard_on=date(2025, 1, 1)))
    store.save_stage(sam, setback.id, "vent", Vent(text="saved before"))
    return setback


def said_cant_save(at) -> bool:
    return any(CANT_SAVE in e.value for e in at.error)


def no_generic_error(at) -> bool:
    return not at.exception and GENERIC not in everything_shown(at)


def first_text_box(at, prefix: str):
    boxes = [w for w in [*at.text_area, *at.text_input] if str(w.key or "").startswith(prefix)]
    assert boxes, f"no text box with a key starting {prefix}"
    return boxes[0]


def check_every_page(data_dir, setback, tally: dict[str, int]) -> None:
    at = app_as("sam")
    at.run()
    for stage in STAGES:
        at.switch_page(f"pages/{stage}.py").run()
        box = first_text_box(at, f"draft.{setback.id}.{stage}.")
        box.input(TYPED)
        at.button(key=f"save.{stage}").click().run()
        tally["pages"] += 1
        tally["said_cant_save"] += said_cant_save(at)
        tally["text_kept"] += (
            at.text_area(key=box.key).value == TYPED
            if box.type == "text_area"
            else (at.text_input(key=box.key).value == TYPED)
        )
        tally["generic_errors"] += not no_generic_error(at)
    # Start here: a new setback.
    at.switch_page("pages/start.py").run()
    at.text_input(key="intake.company").input("Initech")
    at.text_area(key="intake.message").input(TYPED)
    next(b for b in at.button if b.label == content.SAVE).click().run()
    tally["pages"] += 1
    tally["said_cant_save"] += said_cant_save(at)
    tally["text_kept"] += at.text_area(key="intake.message").value == TYPED
    tally["generic_errors"] += not no_generic_error(at)
    # Account: name and email, then the password.
    at.switch_page("pages/account.py").run()
    at.text_input(key="account.details.first_name").input("Samira")
    next(b for b in at.button if b.label == content.DETAILS_FIELDS["Update"]).click().run()
    tally["pages"] += 1
    tally["said_cant_save"] += said_cant_save(at)
    tally["text_kept"] += at.text_input(key="account.details.first_name").value == "Samira"
    tally["generic_errors"] += not no_generic_error(at)
    # History: archiving is a save too.
    at.switch_page("pages/history.py").run()
    tally["generic_errors"] += not no_generic_error(at)
    # Signing out: the sign-out is held in memory and said so.
    at.button(key="sign_out").click().run()
    tally["generic_errors"] += not no_generic_error(at)
    assert not at.session_state["authentication_status"]
    # What was saved before is all still there.
    assert files_store(data_dir).load(Person("sam"), setback.id).vent.text == "saved before"


@pytest.mark.parametrize("when", ["running", "after_restart"])
def test_every_page_on_a_read_only_data_folder_says_it_cant_save_and_keeps_the_text(
    data_dir, sam_with_a_setback, request, when, figures
):
    app_as("sam").run()  # the server ran before: the data folder has its cookie key
    if when == "after_restart":
        st.cache_resource.clear()  # the next run opens the store again, on the read-only folder
    refused = request.getfixturevalue("read_only")
    tally = {"pages": 0, "said_cant_save": 0, "text_kept": 0, "generic_errors": 0}
    check_every_page(data_dir, sam_with_a_setback, tally)
    # Creating an account says the same, and keeps the form.
    at = signed_out_app()
    register(at, "newcomer", "Calm-Harbor-42")
    tally["pages"] += 1
    tally["said_cant_save"] += said_cant_save(at)
    tally["text_kept"] += at.text_input(key="register.username").value == "newcomer"
    tally["generic_errors"] += not no_generic_error(at)
    figures(when=when, **tally, writes_refused=len(refused))
    assert refused, "the saves really went to the read-only folder"
    assert tally["said_cant_save"] == tally["pages"]
    assert tally["text_kept"] == tally["pages"]
    assert tally["generic_errors"] == 0


def test_a_first_start_on_a_read_only_folder_says_so_instead_of_an_error_page(data_dir, request, figures):
    files_store(data_dir)  # the folders exist, but no sign-in key was ever made
    st.cache_resource.clear()
    request.getfixturevalue("read_only")
    at = signed_out_app()
    figures(said_cant_save=said_cant_save(at), generic_errors=int(not no_generic_error(at)))
    assert said_cant_save(at)
    assert no_generic_error(at)
