"""Crisis cards in AppTest: every kind of free-text field, the right card beside it, Save unaffected.

The card comes once per text (not again on later runs, not twice for two fields with the same
words), closes for good for those words, and comes back for new ones. Its lines follow the
operator's region, or else the browser's language and time zone.
"""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from core import content
from core.models import Intake
from core.storage import Person, Store
from tests.app.conftest import place_of, signed_in_app
from tests.factories import people_store

USER = "sam"
GENTLE, EXPLICIT = content.CRISIS_GENTLE_TITLE, content.CRISIS_TITLE
WANTS_TO_DISAPPEAR = "Honestly I just want to disappear."
SUICIDAL = "I feel suicidal tonight"


@pytest.fixture
def store(data_dir) -> Store:
    return people_store(data_dir)


@pytest.fixture
def setback(store):
    return store.create(
        Person(USER),
        Intake(
            company="Acme Rockets", role="Designer", stage_reached="final_round", heard_on=date(2025, 3, 31)
        ),
    )


def open_page(page: str, context: dict | None = None) -> AppTest:
    at = signed_in_app(USER)
    if context:
        at.context = context
    at.run()
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception
    return at


def draft(setback, stage: str, field: str) -> str:
    return f"draft.{setback.id}.{stage}.{field}"


def shown(at: AppTest) -> str:
    return " ".join(element.value for element in at.markdown)


def cards(at: AppTest) -> list[str]:
    """The titles of the crisis cards on the page, in page order."""
    return [
        element.value.strip("*") for element in at.markdown if element.value.strip("*") in (GENTLE, EXPLICIT)
    ]


def page_order(node) -> list[tuple[str, str]]:
    """Every element of the page in order, as (kind, widget key or text)."""
    found = []
    for child in getattr(node, "children", {}).values():
        kind = getattr(child, "type", "")
        if kind == "markdown":
            found.append((kind, child.value.strip("*")))
        else:
            found.append((kind, getattr(child, "key", None) or ""))
        found += page_order(child)
    return found


def card_is_beside(at: AppTest, field_key: str, title: str, row: tuple[str, ...] = ()) -> bool:
    """The card comes after the field (and the rest of its row) and before the next field to type into."""
    order = page_order(at.main)
    at_field = next(i for i, (_, name) in enumerate(order) if name == field_key)
    for kind, name in order[at_field + 1 :]:
        if name == title:
            return True
        if kind in ("text_area", "text_input") and name not in row:
            return False
    return False


def save(at: AppTest, stage: str) -> None:
    at.button(key=f"save.{stage}").click().run()
    assert not at.exception


# (page, field, widget kind, words, card). One row per kind of free-text field.
FIELDS = [
    ("vent", "text", "text_area", WANTS_TO_DISAPPEAR, GENTLE),
    ("vent", "own.0.name", "text_input", "suicidal", EXPLICIT),
    ("reflect", "learned", "text_area", "I can't do this anymore", GENTLE),
    (
        "reflect",
        "stumbles.0.question",
        "text_input",
        "I wanted to kill myself after I froze on this one",
        EXPLICIT,
    ),
    ("reflect", "stumbles.0.better_answer", "text_area", "honestly I feel like a burden", GENTLE),
    ("reflect", "if_then", "text_area", "If they say no, I want it all to stop", GENTLE),
    ("went_well", "wins.0.text", "text_input", "I got through it even though I'm tired of existing", GENTLE),
    ("gratitude", "entries.0.text", "text_input", "My sister, who talked me out of ending my life", EXPLICIT),
    (
        "next_targets",
        "attractions.0.text",
        "text_input",
        "Something to live for, I have nothing to live for",
        GENTLE,
    ),
    ("next_targets", "note", "text_input", "I won't be around much longer anyway", EXPLICIT),
    (
        "next_targets",
        "actions.0.what",
        "text_input",
        "find a reason to keep going, there's no way out",
        GENTLE,
    ),
    ("summary", "future_note", "text_area", "Last time I wished I could sleep and never wake up", GENTLE),
]


# Rows of two fields get one card, after the pair: a stumbled question and its answer, a thing and a person.
ROWS = {"stumbles.0.question": ("stumbles.0.better_answer",), "entries.0.text": ("entries.0.person",)}


@pytest.mark.parametrize(
    ("page", "field", "kind", "words", "title"), FIELDS, ids=[f"{r[0]}-{r[1]}" for r in FIELDS]
)
def test_words_in_each_kind_of_field_bring_the_right_card_beside_it_and_save_still_works(
    setback, store, page, field, kind, words, title
):
    at = open_page(page)
    assert cards(at) == []
    field_key = draft(setback, page, field)
    widget = at.text_area(key=field_key) if kind == "text_area" else at.text_input(key=field_key)
    widget.input(words).run()
    assert cards(at) == [title]
    row = tuple(draft(setback, page, other) for other in ROWS.get(field, ()))
    assert card_is_beside(at, field_key, title, row)
    assert "findahelpline.com" in shown(at)
    save(at, page)
    assert words in store.load(Person(USER), setback.id).stage(page).model_dump_json()
    assert cards(at) == [title]  # saving neither hides nor doubles it
    assert not at.exception


def test_the_gentle_card_names_what_was_written_about_in_general_words(setback):
    at = open_page("vent")
    at.text_area(key=draft(setback, "vent", "text")).input(
        "I feel like a burden and I just want to disappear"
    ).run()
    body = " ".join(element.value for element in at.markdown)
    assert content.crisis_topics(("burden", "disappear")) in body
    assert "feeling like a burden and wanting to disappear" in body
    assert "a burden and I just want" not in body  # their own words are not repeated back
    assert not at.exception


def test_the_crisis_card_is_calm_no_error_or_warning_and_nothing_is_blocked(setback):
    at = open_page("vent")
    at.text_area(key=draft(setback, "vent", "text")).input(SUICIDAL).run()
    assert cards(at) == [EXPLICIT]
    assert not at.error and not at.warning
    assert not at.button(key="save.vent").disabled
    assert not at.exception


def test_the_intake_message_brings_the_card_under_the_form_and_the_setback_is_still_created(store):
    at = open_page("start")
    at.text_input(key="intake.company").input("Globex")
    at.text_input(key="intake.role").input("Analyst")
    at.text_area(key="intake.message").input("We went with another candidate. (I want to die reading this.)")
    save_button = next(button for button in at.button if button.label == content.SAVE)
    save_button.click().run()
    assert cards(at) == [EXPLICIT]
    assert [setback.intake.company for setback in store.list(Person(USER)).setbacks] == ["Globex"]
    order = page_order(at.main)
    message = next(i for i, (_, name) in enumerate(order) if name == "intake.message")
    title = next(i for i, (_, name) in enumerate(order) if name == EXPLICIT)
    assert title > message
    assert not at.exception


def test_a_card_comes_once_for_the_same_words_even_in_two_fields(setback):
    at = open_page("reflect")
    at.text_area(key=draft(setback, "reflect", "learned")).input("I can't do this anymore")
    at.text_area(key=draft(setback, "reflect", "practice")).input("I can't do this anymore").run()
    assert cards(at) == [GENTLE]
    at.text_area(key=draft(setback, "reflect", "differently")).input("Ask about the timeline").run()
    assert cards(at) == [GENTLE]  # later runs don't add another
    assert not at.exception


def test_a_closed_card_stays_closed_for_those_words_and_comes_back_for_new_ones(setback):
    at = open_page("vent")
    text = draft(setback, "vent", "text")
    at.text_area(key=text).input(WANTS_TO_DISAPPEAR).run()
    close = next(button for button in at.button if button.label == content.CRISIS_CLOSE)
    close.click().run()
    assert cards(at) == []
    at.text_area(key=text).input(WANTS_TO_DISAPPEAR + " Anyway, the interview was on Tuesday.").run()
    at.switch_page("pages/reflect.py").run()
    at.switch_page("pages/vent.py").run()
    assert cards(at) == []  # edits elsewhere, moving between pages: still closed
    at.text_area(key=text).input(WANTS_TO_DISAPPEAR + " I have been saving up my pills.").run()
    assert cards(at) == [EXPLICIT]  # new words that call for a card bring one back
    assert not at.exception


def test_everyday_job_hunt_talk_brings_no_card(setback):
    at = open_page("vent")
    at.text_area(key=draft(setback, "vent", "text")).input(
        "This job search is killing me. I could die of embarrassment. It'd be career suicide to say no."
    ).run()
    assert cards(at) == []
    assert not at.exception


def test_the_lines_follow_the_configured_region(setback, monkeypatch):
    monkeypatch.setenv("REBOUND_CRISIS_REGION", "au")
    at = open_page("vent", context={"timezone": "Europe/London", "locale": "en-GB"})
    at.text_area(key=draft(setback, "vent", "text")).input(SUICIDAL).run()
    assert "13 11 14" in shown(at) and "000" in shown(at)
    assert "116 123" not in shown(at)  # the operator's choice wins over the browser
    assert not at.exception


@pytest.mark.parametrize(
    ("context", "region", "number"),
    [
        ({"timezone": "Europe/London", "locale": "en-US"}, "United Kingdom", "116 123"),
        ({"timezone": "Pacific/Auckland"}, "New Zealand", "1737"),
        ({"timezone": "UTC", "locale": "en-CA"}, "Canada", "988"),
        ({}, "Worldwide", "116 123"),
    ],
)
def test_left_at_its_default_the_region_follows_the_browser(setback, context, region, number):
    at = open_page("vent", context=context)
    at.text_area(key=draft(setback, "vent", "text")).input(WANTS_TO_DISAPPEAR).run()
    assert content.CRISIS_LINES_FOR.format(region=region) in [caption.value for caption in at.caption]
    assert number in shown(at)
    assert not at.exception


def test_a_card_coming_never_moves_the_fields_below_it(setback):
    """Streamlit draws a field that moved anew, emptying what is being typed into it: each card sits
    in a slot of its own, so the toggle under Vent's writing keeps its place when a card comes."""
    at = open_page("vent")
    toggle = draft(setback, "vent", "private")
    before = place_of(at, toggle)
    at.text_area(key=draft(setback, "vent", "text")).input(SUICIDAL).run()
    assert EXPLICIT in shown(at)
    assert place_of(at, toggle) == before
