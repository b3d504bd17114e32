"""Start here: the note to one's future self greets a new setback; the pacing hint counts the days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from core import content
from core.models import Intake, Summary
from core.storage import Person, Store
from pages import _shell as shell
from tests.app.conftest import signed_in_app
from tests.factories import people_store


def earlier(store: Store, company: str, days_ago: int, note: str = "") -> None:
    setback = store.create(
        Person("sam"), Intake(company=company, heard_on=date.today() - timedelta(days=days_ago))
    )
    if note:
        store.save_stage(Person("sam"), setback.id, "summary", Summary(future_note=note))


def create(at: AppTest, company: str = "Newco", days_ago: int = 0) -> AppTest:
    at.text_input(key="intake.company").input(company)
    at.date_input(key="intake.heard_on").set_value(date.today() - timedelta(days=days_ago))
    next(b for b in at.button if b.label == content.SAVE).click().run()
    assert not at.exception
    return at


def markdown(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def test_a_new_setback_shows_the_note_from_the_latest_earlier_setback_that_has_one(data_dir):
    store = people_store(data_dir)
    earlier(store, "Oldco", 60, note="Older words")
    earlier(store, "Midco", 20, note="You got through this before.\nBe kind to yourself.")
    earlier(store, "Recentco", 5)  # the latest earlier one, but it has no note
    at = signed_in_app()
    at.run()
    assert f"**{content.FUTURE_NOTE_INTRO}**" not in markdown(at)  # only when one is created
    create(at)
    assert f"**{content.FUTURE_NOTE_INTRO}**" in markdown(at)
    assert "You got through this before\\.  \nBe kind to yourself\\." in markdown(at)
    assert "Older words" not in " ".join(markdown(at))
    assert any(c.value.startswith("After Midco, ") for c in at.caption)
    assert not at.exception


def test_the_note_stays_while_the_new_setback_is_current_and_goes_when_another_is_chosen(data_dir):
    store = people_store(data_dir)
    earlier(store, "Midco", 20, note="Breathe.")
    at = signed_in_app()
    at.run()
    create(at)
    at.run()
    assert "Breathe\\." in markdown(at)
    other = store.list(Person("sam")).setbacks[-1]
    at.button(key=f"choose.{other.id}").click().run()
    assert "Breathe\\." not in markdown(at)
    assert not at.exception


def test_a_note_written_as_markdown_is_shown_as_plain_text(data_dir):
    earlier(people_store(data_dir), "Midco", 20, note="[click](http://evil.example) **loud**")
    at = create(signed_in_app().run())
    assert shell.escape("[click](http://evil.example) **loud**") in markdown(at)
    assert not at.exception


def test_without_an_earlier_note_nothing_extra_is_shown(data_dir):
    earlier(people_store(data_dir), "Midco", 20)
    at = create(signed_in_app().run())
    assert f"**{content.FUTURE_NOTE_INTRO}**" not in markdown(at)
    assert content.INTAKE_SAVED in [s.value for s in at.success]
    assert not at.exception


@pytest.mark.parametrize(
    ("days_ago", "expected"),
    [
        (0, "The news came today."),
        (1, "It's been 1 day since the news."),
        (3, "It's been 3 days since the news."),
        (12, "It's been 12 days since the news."),
    ],
)
def test_the_pacing_hint_counts_the_days_since_the_latest_news(data_dir, days_ago, expected):
    earlier(people_store(data_dir), "Oldco", 90)
    at = create(signed_in_app().run(), days_ago=days_ago)
    [hint] = [i.value for i in at.info if "since the news" in i.value or "came today" in i.value]
    assert hint.startswith(expected)
    assert hint == content.pacing_hint(days_ago)
    assert not at.exception


@pytest.mark.parametrize("days", [0, 1, 6])
def test_in_the_first_week_the_hint_suggests_about_a_week(days):
    assert "about a week" in content.pacing_hint(days)


@pytest.mark.parametrize("days", [7, 30, 400])
def test_after_a_week_the_hint_leaves_it_to_the_person(days):
    hint = content.pacing_hint(days)
    assert f"{days} days" in hint and "fine too" in hint
