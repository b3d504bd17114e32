"""Before my next interview in AppTest: gathered items from every setback, picking, adding one's own,
practised ticks and the interview's name kept across sessions, empty sections hidden, the downloads.

Downloads are deferred callables; `files` records them as the runtime's media file manager would
(see tests/app/test_summary_page.py), and calling one is what a click in the browser does.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from icalendar import Calendar
from pypdf import PdfReader
from streamlit.elements.widgets import button as st_button
from streamlit.testing.v1 import AppTest

from core import content, prep
from core.models import Feedback, Intake, PrepSheet, Reflect, Stumble, WentWell
from core.storage import Person, Store
from core.storage.store import PREP_DOCUMENT
from pages import _shell as shell
from tests.app.conftest import signed_in_app
from tests.factories import people_store

SAM = Person("sam")
PAGE = "pages/prep.py"


@dataclass
class FakeFiles:
    """The media file manager's deferred-download half: remembers callables, never runs them."""

    deferred: dict[str, Any] = field(default_factory=dict)

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, *, element_id=""):
        self.deferred.pop(file_name or coordinates, None)  # the newest last
        self.deferred[file_name or coordinates] = data_callable
        return f"deferred-{len(self.deferred)}"

    def remove_deferred(self, coordinates, element_id=""):
        pass

    def add(self, data, mimetype, coordinates, file_name=None, is_for_static_download=False):
        return "/media/static"

    def named(self, ext: str) -> tuple[str, Any]:
        """The latest download of this kind (its name and callable)."""
        found = [(name, call) for name, call in self.deferred.items() if name.endswith("." + ext)]
        return found[-1]


@pytest.fixture
def files(monkeypatch) -> FakeFiles:
    fake = FakeFiles()
    instance = SimpleNamespace(media_file_mgr=fake)
    monkeypatch.setattr(
        st_button, "runtime", SimpleNamespace(exists=lambda: True, get_instance=lambda: instance)
    )
    return fake


@pytest.fixture
def store(data_dir) -> Store:
    return people_store(data_dir)


def put(store: Store, company: str, days_ago: int, archived: bool = False, **stages):
    setback = store.create(
        SAM, Intake(company=company, role="Designer", heard_on=date.today() - timedelta(days=days_ago))
    )
    for name, model in stages.items():
        store.save_stage(SAM, setback.id, name, model)
    if archived:
        store.set_archived(SAM, setback.id, True)
    return store.load(SAM, setback.id)


def three(store: Store):
    """Three setbacks, each with something of its own, and one if-then plan written twice."""
    plan = "If they ask about salary, then I'll name my range first."
    oldest = put(
        store,
        "Initech",
        60,
        reflect=Reflect(if_then=plan, learned="Research the interviewers beforehand."),
        went_well=WentWell(wins=["Calm under pressure"]),
    )
    middle = put(
        store,
        "Umbrella",
        30,
        reflect=Reflect(
            if_then=plan,
            feedback=Feedback(
                received="yes", said="They wanted more evidence of scaling growth.", kinds=["reason"]
            ),
        ),
        went_well=WentWell(wins=["Calm under pressure", "Clear portfolio walkthrough"]),
    )
    newest = put(
        store,
        "Globex",
        3,
        reflect=Reflect(
            stumbles=[Stumble(question="Why this company?", better_answer="Your design system is public.")]
        ),
    )
    return oldest, middle, newest


def open_page(at: AppTest | None = None) -> AppTest:
    if at is None:
        at = signed_in_app()
        at.run()
        at.switch_page(PAGE)
    at.run()
    assert not at.exception
    return at


def texts(at: AppTest) -> list[str]:
    return [e.value for kind in ("markdown", "caption", "info", "warning", "error") for e in at.get(kind)]


def headers(at: AppTest) -> list[str]:
    return [h.value for h in at.header]


def box(at: AppTest, section: str, text: str):
    """The "bring" checkbox of the item with these words."""
    return at.checkbox(key=f"prep.pick.{prep.item_key(section, text)}")


def picked(at: AppTest, section: str) -> list[str]:
    """The keys of a section's "bring" checkboxes, in the order shown."""
    return [
        c.key.removeprefix("prep.pick.") for c in at.checkbox if c.key.startswith(f"prep.pick.{section}-")
    ]


def shown(at: AppTest, text: str) -> bool:
    """Whether the person's words are on the page (in markdown or a caption, escaped)."""
    return any(shell.escape(text) in line for line in texts(at))


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), " ".join(" ".join(page.extract_text() for page in reader.pages).split())


# -- showing -----------------------------------------------------------------------------------


def test_with_no_setbacks_the_page_explains_kindly_what_will_appear_here(store):
    at = open_page()
    assert at.title[0].value == content.NAV["prep"] == "Before my next interview"
    assert content.PREP_EMPTY in [i.value for i in at.info]
    assert not at.checkbox and not at.download_button
    assert not at.exception


def test_the_page_is_in_the_sidebar_after_summary_with_the_rest_to_keep():
    keys = list(shell.PAGES)
    assert keys.index("prep") == keys.index("summary") + 1 < keys.index("history")
    assert shell.PAGES["prep"] == PAGE


def test_items_from_each_of_three_setbacks_show_with_where_they_came_from(store):
    oldest, middle, newest = three(store)
    at = open_page()
    lines = texts(at)
    assert box(at, "questions", "Why this company?").value is True
    assert shown(at, content.PREP_BETTER_ANSWER.format(answer="Your design system is public."))
    assert box(at, "stories", "scaling growth").value is True
    assert shown(at, "Prepare a story about scaling growth")
    assert box(at, "lessons", "Research the interviewers beforehand.").value is True
    for setback in (oldest, middle, newest):
        assert any(setback.intake.company in line for line in lines), setback.intake.company
    # The plan written in two setbacks is one item that says so.
    assert len(picked(at, "plans")) == 1
    assert box(at, "plans", "If they ask about salary, then I'll name my range first.").value is True
    assert shown(at, content.prep_origin(["Umbrella — Designer", "Initech — Designer"], 2))
    # Strengths: the one that came up twice first.
    assert picked(at, "strengths") == [
        prep.item_key("strengths", "Calm under pressure"),
        prep.item_key("strengths", "Clear portfolio walkthrough"),
    ]
    assert [c.label for c in at.checkbox if c.key.startswith("prep.pick.strengths-")] == [
        content.PREP_BRING["strengths"].format(n=1),
        content.PREP_BRING["strengths"].format(n=2),
    ]
    # Questions to ask: the offer question first, as Rebound's suggestion here.
    assert picked(at, "ask")[0] == prep.OFFER_KEY
    assert shown(at, content.PREP_OFFER_QUESTION)
    assert not at.exception


def test_empty_sections_are_not_shown(store):
    put(store, "Globex", 3, went_well=WentWell(wins=["Good rapport"]))
    at = open_page()
    shown = headers(at)
    assert content.PREP_SECTION_TITLES["strengths"] in shown
    assert content.PREP_SECTION_TITLES["ask"] in shown  # the offer question is always worth asking
    for section in ("plans", "questions", "stories", "lessons"):
        assert content.PREP_SECTION_TITLES[section] not in shown
    assert not at.exception


def test_with_setbacks_but_nothing_written_yet_the_page_says_what_will_gather(store):
    put(store, "Globex", 3)
    at = open_page()
    assert content.PREP_NOTHING_YET in [i.value for i in at.info]
    assert [h for h in headers(at) if h in content.PREP_SECTION_TITLES.values()] == [
        content.PREP_SECTION_TITLES["ask"]
    ]
    assert not at.exception


def test_archived_setbacks_come_along_only_when_asked(store):
    put(store, "Globex", 3, went_well=WentWell(wins=["Shown always"]))
    put(store, "Tucked", 9, archived=True, went_well=WentWell(wins=["Only with archived"]))
    at = open_page()
    assert shown(at, "Shown always") and not shown(at, "Only with archived")
    at.toggle(key="prep.include_archived").set_value(True)
    at = open_page(at)
    assert shown(at, "Only with archived")
    assert store.load_prep_sheet(SAM).include_archived is True
    assert not at.exception


def test_a_long_section_shows_the_newest_four_and_more_on_request(store):
    for index in range(7):
        put(store, f"Company {index}", index + 1, reflect=Reflect(if_then=f"If {index}, then {index}."))
    at = open_page()
    assert picked(at, "plans") == [prep.item_key("plans", f"If {i}, then {i}.") for i in range(4)]
    ticked = [at.checkbox(key=f"prep.pick.{k}").value for k in picked(at, "plans")]
    assert ticked == [True, True, True, False]  # the newest three
    assert at.button(key="prep.more.plans").label == content.PREP_SHOW_MORE.format(count=3)
    at.button(key="prep.more.plans").click()
    at = open_page(at)
    assert len(picked(at, "plans")) == 7
    assert not at.exception


def test_a_persons_markdown_shows_literally(store):
    put(store, "Globex", 3, went_well=WentWell(wins=["**bold** [link](https://example.org) :red[x]"]))
    at = open_page()
    assert shown(at, "**bold** [link](https://example.org) :red[x]")  # escaped, so drawn as typed
    assert all("\\" not in c.label and "&#" not in c.label for c in at.checkbox)  # labels are our words
    assert not at.exception


# -- picking, practised, adding: kept across sessions ----------------------------------------


def test_unticking_an_item_is_saved_at_once_and_a_new_session_finds_it_unticked(store, files):
    three(store)
    at = open_page()
    box(at, "lessons", "Research the interviewers beforehand.").uncheck()
    at = open_page(at)
    key = prep.item_key("lessons", "Research the interviewers beforehand.")
    assert store.load_prep_sheet(SAM).picks == {key: False}

    later = open_page()  # a new session: nothing kept in memory
    assert box(later, "lessons", "Research the interviewers beforehand.").value is False
    assert box(later, "questions", "Why this company?").value is True
    _, text = pdf_text(files.named("pdf")[1]())
    assert "Research the interviewers beforehand." not in text
    assert "Why this company?" in text
    assert not later.exception


def test_ticking_an_item_beyond_the_newest_few_brings_it(store, files):
    for index in range(4):
        put(store, f"Company {index}", index + 1, reflect=Reflect(if_then=f"If {index}, then {index}."))
    at = open_page()
    assert box(at, "plans", "If 3, then 3.").value is False
    box(at, "plans", "If 3, then 3.").check()
    box(at, "plans", "If 0, then 0.").uncheck()
    at = open_page(at)
    _, text = pdf_text(files.named("pdf")[1]())
    assert "If 3, then 3." in text and "If 0, then 0." not in text
    assert not at.exception


def test_practised_ticks_are_remembered_per_question_across_a_new_session(store):
    put(
        store,
        "Globex",
        3,
        reflect=Reflect(
            stumbles=[
                Stumble(question="Why this company?", better_answer="Their public design system."),
                Stumble(question="Your weakness?", better_answer="Delegating; I now pair weekly."),
            ]
        ),
    )
    at = open_page()
    practised = [c for c in at.checkbox if c.key.startswith("prep.practised.")]
    assert [c.label for c in practised] == [content.PREP_PRACTISED.format(n=n) for n in (1, 2)]
    assert [c.value for c in practised] == [False, False]
    practised[1].check()
    at = open_page(at)
    question = prep.item_key("questions", "Your weakness?")
    assert store.load_prep_sheet(SAM).practised == [question]

    later = open_page()
    assert [c.value for c in later.checkbox if c.key.startswith("prep.practised.")] == [False, True]
    later.checkbox(key=f"prep.practised.{question}").uncheck()
    later = open_page(later)
    assert store.load_prep_sheet(SAM).practised == []
    assert not later.exception


def test_adding_an_item_of_ones_own_puts_it_in_its_section_and_keeps_it(store, files):
    three(store)
    at = open_page()
    at.text_area(key="prep.own.text").input("How will success be measured in six months?")
    at.selectbox(key="prep.own.section").select("ask")
    at.button(key="FormSubmitter:prep.own-" + content.PREP_OWN_ADD).click()
    at = open_page(at)
    [own] = store.load_prep_sheet(SAM).own
    assert (own.section, own.text) == ("ask", "How will success be measured in six months?")
    assert at.text_area(key="prep.own.text").value == ""  # cleared once saved
    assert shell.escape(own.text) in texts(at)
    assert content.PREP_ADDED_BY_YOU in texts(at)

    later = open_page()
    assert shell.escape(own.text) in texts(later)
    _, text = pdf_text(files.named("pdf")[1]())
    assert "How will success be measured in six months?" in text
    later.button(key=f"remove-prep-{own.id}").click()
    later = open_page(later)
    assert store.load_prep_sheet(SAM).own == []
    assert shell.escape(own.text) not in texts(later)
    assert not later.exception


def test_adding_nothing_says_so_and_saves_nothing(store):
    three(store)
    at = open_page()
    at.button(key="FormSubmitter:prep.own-" + content.PREP_OWN_ADD).click()
    at = open_page(at)
    assert content.PREP_OWN_EMPTY in [w.value for w in at.warning]
    assert store.backend.load_document("sam", PREP_DOCUMENT) is None
    assert not at.exception


def test_naming_the_interview_titles_the_pdf_and_dates_the_reminder_the_evening_before(store, files):
    three(store)
    at = open_page()
    assert at.download_button(key="prep.download.ics").proto.disabled  # no date yet
    at.text_input(key="prep.company").input("Globex")
    at = open_page(at)
    at.text_input(key="prep.role").input("Senior Designer")
    at = open_page(at)
    at.date_input(key="prep.interview_on").set_value(date(2027, 3, 12))
    at = open_page(at)
    saved = store.load_prep_sheet(SAM)
    assert (saved.company, saved.role, saved.interview_on) == ("Globex", "Senior Designer", date(2027, 3, 12))
    assert not at.download_button(key="prep.download.ics").proto.disabled

    later = open_page()  # a new session finds the interview as it was named
    assert later.text_input(key="prep.company").value == "Globex"
    assert later.date_input(key="prep.interview_on").value == date(2027, 3, 12)
    name, make_pdf = files.named("pdf")
    assert name == "rebound-prep-globex-2027-03-12.pdf"
    pages, text = pdf_text(make_pdf())
    assert pages == 1
    assert "Prep sheet — Globex, 12 March" in text
    assert "Role: Senior Designer" in text
    ics_name, make_ics = files.named("ics")
    assert ics_name == "rebound-prep-globex-2027-03-12.ics"
    (event,) = Calendar.from_ical(make_ics()).walk("VEVENT")
    assert event.decoded("dtstart").date() == date(2027, 3, 11)
    assert event.decoded("dtstart").hour == 19
    assert not later.exception


def test_a_damaged_prep_sheet_is_set_aside_with_a_calm_word_and_a_fresh_one_starts(store):
    three(store)
    store.backend.save_document("sam", PREP_DOCUMENT, b'{"company": "Glo')
    at = open_page()
    assert content.STORAGE_MESSAGES["document_unreadable"] in [w.value for w in at.warning]
    assert store.load_prep_sheet(SAM) == PrepSheet()
    assert box(at, "questions", "Why this company?").value is True
    assert not at.exception
