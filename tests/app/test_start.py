"""Start here: the intake creates a setback, the list shows it, bad input gets a kind message."""

from __future__ import annotations

from datetime import date, timedelta

from core import content
from core.models import Intake
from core.storage import Person
from tests.app.conftest import signed_in_app
from tests.factories import people_store


def _fill(at, company="Acme", role="Platform engineer", **extra):
    at.text_input(key="intake.company").input(company)
    at.text_input(key="intake.role").input(role)
    for field, value in extra.items():
        widget = (
            at.text_area(key=f"intake.{field}")
            if field == "message"
            else at.date_input(key=f"intake.{field}")
        )
        widget.set_value(value)
    next(b for b in at.button if b.label == content.SAVE).click().run()


def test_intake_creates_a_setback_that_is_listed_and_current(app_signed_in, data_dir):
    at = app_signed_in
    at.selectbox(key="intake.stage_reached").set_value("final_round")
    _fill(at)
    assert content.INTAKE_SAVED in [s.value for s in at.success]
    [saved] = people_store(data_dir).list(Person("sam")).setbacks
    assert (saved.intake.company, saved.intake.stage_reached) == ("Acme", "final_round")
    assert at.session_state["setback_id"] == saved.id
    assert "**Acme — Platform engineer**" in [m.value for m in at.markdown]
    assert at.text_input(key="intake.company").value == ""  # the form is ready for the next one
    assert not at.exception


def test_an_empty_company_gets_a_message_and_nothing_is_saved(app_signed_in, data_dir):
    at = app_signed_in
    _fill(at, company="   ", role="Designer")
    assert "Company is needed — even a word or two is fine." in [e.value for e in at.error]
    assert people_store(data_dir).list(Person("sam")).setbacks == []
    assert at.text_input(key="intake.role").value == "Designer"  # what was typed stays
    assert not at.exception


def test_a_future_date_gets_a_message(app_signed_in, data_dir):
    at = app_signed_in
    _fill(at, heard_on=date.today() + timedelta(days=3))
    assert "Date heard can't be in the future — pick today or an earlier day." in [e.value for e in at.error]
    assert people_store(data_dir).list(Person("sam")).setbacks == []
    assert not at.exception


def test_an_over_long_message_is_refused_with_the_limit(app_signed_in, data_dir):
    at = app_signed_in
    _fill(at, message="x" * 20_001)
    assert any("20,000 characters" in e.value for e in at.error)
    assert people_store(data_dir).list(Person("sam")).setbacks == []
    assert len(at.text_area(key="intake.message").value) == 20_001
    assert not at.exception


def test_setbacks_are_listed_newest_first_and_one_can_be_chosen(data_dir):
    store = people_store(data_dir)
    older = store.create(
        Person("sam"), Intake(company="Older Co", heard_on=date.today() - timedelta(days=40))
    )
    newer = store.create(Person("sam"), Intake(company="Newer Co", heard_on=date.today() - timedelta(days=2)))
    at = signed_in_app()
    at.run()
    titles = [m.value for m in at.markdown if m.value.startswith("**")]
    assert titles.index("**Newer Co**") < titles.index("**Older Co**")
    assert at.session_state["setback_id"] == newer.id
    at.button(key=f"choose.{older.id}").click().run()
    assert at.session_state["setback_id"] == older.id
    assert any("heard 5 weeks ago" in c.value for c in at.caption)
    assert not at.exception


def test_another_persons_setbacks_are_not_listed(data_dir):
    people_store(data_dir).create(Person("robin"), Intake(company="Robin's secret", heard_on=date.today()))
    at = signed_in_app("sam")
    at.run()
    assert not any("Robin" in m.value for m in at.markdown)
    assert content.NO_SETBACKS in [c.value for c in at.caption]
    assert not at.exception
