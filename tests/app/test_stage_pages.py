"""The five stage pages in AppTest: fill, Save, open again in a fresh session, values are back.

A fresh AppTest is a new browser session, so what it shows comes from disk, not from drafts.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core import content, suggestions
from core.followups import reconnect_dates
from core.models import LONG_TEXT, MEDIUM_TEXT, NAME_TEXT, SHORT_TEXT, Intake, Vent
from core.storage import Person, Store
from pages import _shell as shell
from tests.app.conftest import signed_in_app
from tests.factories import people_store

# Every run goes through app.py, as on the real server (drafts, sidebar and sign-in gate included).

APP = str(Path(__file__).resolve().parents[2] / "app.py")
USER = "sam"
HEARD = date(2025, 3, 31)


@pytest.fixture
def store(data_dir) -> Store:
    return people_store(data_dir)


@pytest.fixture
def setback(store):
    return store.create(
        Person(USER),
        Intake(
            company="Acme Rockets",
            role="Product Designer",
            stage_reached="final_round",
            heard_on=HEARD,
            how_heard="call",
            message="We'd like to keep your details on file for future roles.",
        ),
    )


def open_page(stage: str) -> AppTest:
    """A signed-in session on one stage page (AppTest can't carry the sign-in cookie)."""
    at = signed_in_app(USER)
    at.run()
    at.switch_page(f"pages/{stage}.py")
    at.run()
    assert not at.exception
    return at


def key(setback, stage: str, field: str) -> str:
    return f"draft.{setback.id}.{stage}.{field}"


def save(at: AppTest, stage: str) -> None:
    at.button(key=f"save.{stage}").click().run()
    assert not at.exception


def texts(elements) -> list[str]:
    return [element.value for element in elements]


def saved_note_shown(at: AppTest) -> bool:
    return any(text.startswith("Saved at ") for text in texts(at.caption))


# -- every stage page ----------------------------------------------------------------------------


@pytest.mark.parametrize("stage", ["vent", "reflect", "went_well", "gratitude", "next_targets"])
def test_without_a_setback_a_stage_page_points_to_start_here(stage, data_dir):
    at = open_page(stage)
    assert "no setback to work on yet" in texts(at.info)[0]
    assert not [b for b in at.button if b.label == "Save"]
    assert not at.exception


INTROS = {
    "vent": content.VENT_INTRO,
    "reflect": content.REFLECT_INTRO,
    "went_well": content.WINS_INTRO,
    "gratitude": content.GRATITUDE_INTRO,
    "next_targets": content.TARGETS_INTRO,
}
FOLLOWING = {
    "vent": "reflect",
    "reflect": "went_well",
    "went_well": "gratitude",
    "gratitude": "next_targets",
    "next_targets": "summary",
}


@pytest.mark.parametrize("stage", ["vent", "reflect", "went_well", "gratitude", "next_targets"])
def test_each_stage_page_has_a_kind_intro_a_save_button_and_a_link_to_the_next_stage(stage, setback):
    at = open_page(stage)
    assert at.title[0].value == content.NAV[stage]
    assert INTROS[stage] in [m.value for m in at.markdown]
    assert [b.label for b in at.button].count("Save") == 1
    links = [(element.proto.label, element.proto.page) for element in at.get("page_link")]
    following = content.NEXT_STAGE_LINK.format(stage=content.NAV[FOLLOWING[stage]])
    assert links[-1] == (following, Path(shell.PAGES[FOLLOWING[stage]]).stem)
    assert not saved_note_shown(at)
    assert not at.exception


def test_drafts_survive_moving_to_another_page_and_back_without_saving(setback, store):
    at = open_page("vent")
    at.text_area(key=key(setback, "vent", "text")).input("Half a thought")
    at.slider(key=key(setback, "vent", "anger")).set_value(35).run()
    at.switch_page("pages/reflect.py").run()
    at.switch_page("pages/vent.py").run()
    assert at.text_area(key=key(setback, "vent", "text")).value == "Half a thought"
    assert at.slider(key=key(setback, "vent", "anger")).value == 35
    assert content.STAGE_UNSAVED in texts(at.caption)
    assert store.load(Person(USER), setback.id).vent is None
    assert not at.exception


def test_saving_one_stage_leaves_the_other_stages_as_they_were(setback, store):
    store.save_stage(Person(USER), setback.id, "vent", Vent(text="kept safe"))
    at = open_page("went_well")
    at.text_input(key=key(setback, "went_well", "wins.0.text")).input("Kept calm")
    save(at, "went_well")
    latest = store.load(Person(USER), setback.id)
    assert latest.vent.text == "kept safe"
    assert latest.went_well.wins == ["Kept calm"]


# -- vent ----------------------------------------------------------------------------------------


def test_vent_fill_save_and_reopen_brings_every_value_back(setback, store):
    at = open_page("vent")
    at.slider(key=key(setback, "vent", "disappointment")).set_value(80)
    at.slider(key=key(setback, "vent", "shame")).set_value(25)
    at.text_input(key=key(setback, "vent", "own.0.name")).input("Numb").run()
    at.slider(key=key(setback, "vent", "own.0.score")).set_value(65)
    at.text_area(key=key(setback, "vent", "text")).input("They said no after four rounds.")
    at.toggle(key=key(setback, "vent", "private")).set_value(False)
    save(at, "vent")
    assert saved_note_shown(at)

    vent = store.load(Person(USER), setback.id).vent
    assert vent.check_in.disappointment == 80 and vent.check_in.shame == 25
    assert [(f.name, f.score) for f in vent.check_in.own] == [("Numb", 65)]
    assert vent.text == "They said no after four rounds." and vent.private is False

    again = open_page("vent")
    assert again.slider(key=key(setback, "vent", "disappointment")).value == 80
    assert again.text_input(key=key(setback, "vent", "own.0.name")).value == "Numb"
    assert again.slider(key=key(setback, "vent", "own.0.score")).value == 65
    assert again.text_area(key=key(setback, "vent", "text")).value == "They said no after four rounds."
    assert again.toggle(key=key(setback, "vent", "private")).value is False
    assert saved_note_shown(again)
    assert not again.exception


def test_vent_is_private_by_default(setback, store):
    at = open_page("vent")
    assert at.toggle(key=key(setback, "vent", "private")).value is True
    at.text_area(key=key(setback, "vent", "text")).input("Just for me")
    save(at, "vent")
    assert store.load(Person(USER), setback.id).vent.private is True


def test_vent_text_over_the_limit_gets_a_message_and_what_was_saved_is_kept(setback, store):
    at = open_page("vent")
    at.text_area(key=key(setback, "vent", "text")).input("First draft")
    save(at, "vent")
    too_long = "x" * (LONG_TEXT + 1)
    at.text_area(key=key(setback, "vent", "text")).input(too_long)
    save(at, "vent")
    assert content.too_long("Your writing", LONG_TEXT) in texts(at.error)
    assert at.text_area(key=key(setback, "vent", "text")).value == too_long  # still on screen
    assert store.load(Person(USER), setback.id).vent.text == "First draft"  # still on disk
    assert not saved_note_shown(at)
    assert not at.exception


def test_the_writing_timer_starts_and_stops(setback):
    at = open_page("vent")
    at.button(key=next(b.key for b in at.button if b.label == content.VENT_TIMER_START)).click().run()
    assert any(text.startswith("Timer started at") for text in texts(at.caption))
    at.button(key=next(b.key for b in at.button if b.label == content.VENT_TIMER_STOP)).click().run()
    assert [b for b in at.button if b.label == content.VENT_TIMER_START]
    assert not at.exception


# -- reflect -------------------------------------------------------------------------------------


def test_reflect_fill_save_and_reopen_brings_every_value_back(setback, store):
    at = open_page("reflect")
    assert at.text_area(key=key(setback, "reflect", "if_then")).value == content.REFLECT_IF_THEN_SUGGESTION
    at.button_group(key=key(setback, "reflect", "reason.chemistry.applies")).set_value("yes").run()
    at.button_group(key=key(setback, "reflect", "reason.chemistry.control")).set_value("theirs")
    at.button_group(key=key(setback, "reflect", "reason.chemistry.basis")).set_value("feedback")
    at.button_group(key=key(setback, "reflect", "reason.hiring_freeze.applies")).set_value("maybe")
    at.button_group(key=key(setback, "reflect", "received")).set_value("yes").run()
    at.text_area(key=key(setback, "reflect", "said")).input("Great at building, less sure about scaling.")
    at.multiselect(key=key(setback, "reflect", "kinds")).set_value(["reason", "strengths"])
    at.text_area(key=key(setback, "reflect", "learned")).input("Balance building and scaling stories.")
    at.text_input(key=key(setback, "reflect", "stumbles.0.question")).input("Why leave now?")
    at.text_area(key=key(setback, "reflect", "stumbles.0.better_answer")).input("To grow a team.")
    at.button_group(key=key(setback, "reflect", "wanted")).set_value(8)
    at.text_area(key=key(setback, "reflect", "if_then")).input(
        "If asked about scale, then tell the Lisbon story."
    )
    save(at, "reflect")
    assert saved_note_shown(at)

    reflect = store.load(Person(USER), setback.id).reflect
    marks = {mark.reason_id: mark for mark in reflect.reasons}
    assert set(marks) == {"chemistry", "hiring_freeze"}  # "no" is not stored
    assert (marks["chemistry"].applies, marks["chemistry"].control, marks["chemistry"].basis) == (
        "yes",
        "theirs",
        "feedback",
    )
    assert reflect.feedback.received == "yes" and reflect.feedback.kinds == ["reason", "strengths"]
    assert [(s.question, s.better_answer) for s in reflect.stumbles] == [
        ("Why leave now?", "To grow a team.")
    ]
    assert reflect.wanted == 8

    again = open_page("reflect")
    assert again.button_group(key=key(setback, "reflect", "reason.chemistry.applies")).value == "yes"
    assert again.button_group(key=key(setback, "reflect", "reason.chemistry.basis")).value == "feedback"
    assert again.button_group(key=key(setback, "reflect", "reason.hiring_freeze.applies")).value == "maybe"
    assert again.text_area(key=key(setback, "reflect", "said")).value.startswith("Great at building")
    assert again.multiselect(key=key(setback, "reflect", "kinds")).value == ["reason", "strengths"]
    assert (
        again.text_area(key=key(setback, "reflect", "learned")).value
        == "Balance building and scaling stories."
    )
    assert again.text_input(key=key(setback, "reflect", "stumbles.0.question")).value == "Why leave now?"
    assert again.button_group(key=key(setback, "reflect", "wanted")).value == 8
    assert again.text_area(key=key(setback, "reflect", "if_then")).value.startswith("If asked about scale")
    # What each kind of feedback tends to mean is shown for the kinds chosen.
    assert any(content.REFLECT_FEEDBACK_MEANING["strengths"] in text for text in texts(again.caption))
    assert not again.exception


def test_mostly_guessed_reasons_bring_a_gentle_note(setback):
    at = open_page("reflect")
    assert content.REFLECT_GUESS_NOTE not in texts(at.info)
    at.button_group(key=key(setback, "reflect", "reason.chemistry.applies")).set_value("yes")
    at.button_group(key=key(setback, "reflect", "reason.culture_fit.applies")).set_value("maybe").run()
    assert content.REFLECT_GUESS_NOTE in texts(at.info)
    at.button_group(key=key(setback, "reflect", "reason.chemistry.basis")).set_value("feedback").run()
    assert content.REFLECT_GUESS_NOTE not in texts(at.info)
    assert not at.exception


def test_a_low_did_i_want_it_gets_a_nudge_and_a_high_one_does_not(setback):
    at = open_page("reflect")
    at.button_group(key=key(setback, "reflect", "wanted")).set_value(2).run()
    assert content.REFLECT_WANTED_NUDGE in texts(at.info)
    at.button_group(key=key(setback, "reflect", "wanted")).set_value(9).run()
    assert content.REFLECT_WANTED_NUDGE not in texts(at.info)
    assert not at.exception


def test_without_feedback_the_page_offers_tips_and_a_message_to_copy(setback):
    at = open_page("reflect")
    message = at.code[0].value
    assert "Product Designer role at Acme Rockets" in message and "Sam Rivera" in message
    assert "call" in " ".join(texts(at.markdown))
    at.button_group(key=key(setback, "reflect", "received")).set_value("yes").run()
    assert not at.code
    assert not at.exception


def test_reflect_text_over_the_limit_is_named_and_nothing_saved_is_lost(setback, store):
    at = open_page("reflect")
    at.text_area(key=key(setback, "reflect", "learned")).input("A first lesson")
    save(at, "reflect")
    at.text_area(key=key(setback, "reflect", "learned")).input("y" * (MEDIUM_TEXT + 1))
    at.text_input(key=key(setback, "reflect", "stumbles.0.question")).input("q" * (SHORT_TEXT + 1))
    save(at, "reflect")
    errors = texts(at.error)
    assert content.too_long("What you can learn", MEDIUM_TEXT) in errors
    assert content.too_long("Question 1", SHORT_TEXT) in errors
    assert content.STAGE_CHECK in texts(at.warning)
    assert store.load(Person(USER), setback.id).reflect.learned == "A first lesson"
    assert not at.exception


# -- what went well ------------------------------------------------------------------------------


def test_went_well_ideas_add_in_one_click_and_everything_comes_back(setback, store):
    at = open_page("went_well")
    ideas = suggestions.win_suggestions(setback.intake)
    assert content.WINS_SUGGESTIONS["final_round"] in ideas  # final round = shortlisted
    assert content.WINS_SUGGESTIONS["references"] in ideas
    assert content.WINS_SUGGESTIONS["called"] in ideas  # they phoned
    assert content.WINS_SUGGESTIONS["future"] in ideas  # their message mentions future roles
    buttons = [b for b in at.button if b.key and b.key.startswith("idea.went_well.")]
    assert [b.label for b in buttons] == [shell.escape(idea) for idea in ideas]  # labels are markdown
    buttons[0].click().run()
    assert at.text_input(key=key(setback, "went_well", "wins.0.text")).value == ideas[0]
    assert shell.escape(ideas[0]) not in [b.label for b in at.button]  # an added idea is not offered again
    at.text_input(key=key(setback, "went_well", "wins.2.text")).input("Stayed calm in the case study")
    save(at, "went_well")
    assert store.load(Person(USER), setback.id).went_well.wins == [ideas[0], "Stayed calm in the case study"]

    again = open_page("went_well")
    assert again.text_input(key=key(setback, "went_well", "wins.0.text")).value == ideas[0]
    assert (
        again.text_input(key=key(setback, "went_well", "wins.1.text")).value
        == "Stayed calm in the case study"
    )
    assert saved_note_shown(again)
    assert not again.exception


def test_rows_can_be_added_and_removed(setback):
    at = open_page("went_well")
    for index, text in enumerate(["one", "two", "three"]):
        at.text_input(key=key(setback, "went_well", f"wins.{index}.text")).input(text)
    at.button(key="add.went_well.wins").click().run()
    assert at.text_input(key=key(setback, "went_well", "wins.3.text")).value == ""
    at.button(key="remove.went_well.wins.0").click().run()
    values = [at.text_input(key=key(setback, "went_well", f"wins.{i}.text")).value for i in range(3)]
    assert values == ["two", "three", ""]
    assert not at.exception


def test_a_win_over_the_limit_is_named_by_its_row(setback, store):
    at = open_page("went_well")
    at.text_input(key=key(setback, "went_well", "wins.1.text")).input("w" * (SHORT_TEXT + 1))
    save(at, "went_well")
    assert content.too_long("Win 2", SHORT_TEXT) in texts(at.error)
    assert store.load(Person(USER), setback.id).went_well is None
    assert not at.exception


# -- gratitude -----------------------------------------------------------------------------------


def test_gratitude_counts_gently_drafts_a_thank_you_note_and_comes_back(setback, store):
    at = open_page("gratitude")
    assert content.gratitude_count(0, 3) in texts(at.caption)
    at.text_input(key=key(setback, "gratitude", "entries.0.text")).input("Being chosen to interview")
    at.text_input(key=key(setback, "gratitude", "entries.1.text")).input("Meeting a kind design lead")
    at.text_input(key=key(setback, "gratitude", "entries.1.person")).input("Priya Shah").run()
    assert content.gratitude_count(2, 3) in texts(at.caption)
    note = at.code[0].value
    assert note.startswith("Dear Priya Shah,") and "Acme Rockets" in note and "Sam Rivera" in note
    at.text_input(key=key(setback, "gratitude", "entries.2.text")).input("Sharper stories")
    save(at, "gratitude")
    assert content.gratitude_count(3, 3) in texts(at.caption)
    entries = store.load(Person(USER), setback.id).gratitude.entries
    assert [(e.text, e.person) for e in entries] == [
        ("Being chosen to interview", ""),
        ("Meeting a kind design lead", "Priya Shah"),
        ("Sharper stories", ""),
    ]

    again = open_page("gratitude")
    assert again.text_input(key=key(setback, "gratitude", "entries.1.person")).value == "Priya Shah"
    assert again.text_input(key=key(setback, "gratitude", "entries.2.text")).value == "Sharper stories"
    assert saved_note_shown(again)
    assert not again.exception


def test_gratitude_ideas_fill_the_first_empty_row(setback):
    at = open_page("gratitude")
    ideas = suggestions.gratitude_suggestions(setback.intake)
    assert any("Acme Rockets" in idea for idea in ideas)
    next(b for b in at.button if b.key == "idea.gratitude.0").click().run()
    assert at.text_input(key=key(setback, "gratitude", "entries.0.text")).value == ideas[0]
    assert not at.exception


def test_a_too_long_name_is_named_and_nothing_saved_is_lost(setback, store):
    at = open_page("gratitude")
    at.text_input(key=key(setback, "gratitude", "entries.0.text")).input("Kind recruiter")
    save(at, "gratitude")
    at.text_input(key=key(setback, "gratitude", "entries.0.person")).input("p" * (NAME_TEXT + 1))
    save(at, "gratitude")
    assert content.too_long("The person in entry 1", NAME_TEXT) in texts(at.error)
    assert store.load(Person(USER), setback.id).gratitude.entries[0].person == ""
    assert not at.exception


# -- next targets --------------------------------------------------------------------------------


def editor(setback) -> str:
    return f"targets.editor.{setback.id}"


def test_next_targets_fill_save_and_reopen_brings_every_value_back(setback, store):
    at = open_page("next_targets")
    suggested = reconnect_dates(HEARD)
    assert [
        at.date_input(key=key(setback, "next_targets", f"reconnect.{i}")).value for i in range(3)
    ] == suggested
    at.text_input(key=key(setback, "next_targets", "attractions.0.text")).input("Small senior team")
    at.session_state[editor(setback)] = {
        "edited_rows": {
            0: {"company": "Globex", "why": "Design-led", "due": "2025-05-02", "status": "applied"}
        },
        "added_rows": [{"company": "Initech", "role": "Lead designer"}],
        "deleted_rows": [],
    }
    at.text_input(key=key(setback, "next_targets", "contact")).input("Jordan Lee")
    at.date_input(key=key(setback, "next_targets", "reconnect.1")).set_value(date(2025, 7, 15))
    at.selectbox(key=key(setback, "next_targets", "actions.0.kind")).set_value("volunteering")
    at.text_input(key=key(setback, "next_targets", "actions.0.what")).input("Mentor at the meetup")
    at.date_input(key=key(setback, "next_targets", "actions.0.due")).set_value(date(2025, 6, 1))
    at.run()
    assert content.targets_count(2) in texts(at.caption)
    save(at, "next_targets")
    assert saved_note_shown(at)

    saved = store.load(Person(USER), setback.id).next_targets
    assert saved.attractions == ["Small senior team"]
    assert [(t.company, t.why, t.due, t.status) for t in saved.targets] == [
        ("Globex", "Design-led", date(2025, 5, 2), "applied"),
        ("Initech", "", None, "idea"),
    ]
    assert saved.stay_in_touch.contact == "Jordan Lee"
    assert saved.stay_in_touch.reconnect_on == [suggested[0], date(2025, 7, 15), suggested[2]]
    assert [(a.kind, a.what, a.due) for a in saved.actions] == [
        ("volunteering", "Mentor at the meetup", date(2025, 6, 1))
    ]

    again = open_page("next_targets")
    table = again.dataframe[0].value
    assert list(table["company"][:2]) == ["Globex", "Initech"]
    assert (
        again.text_input(key=key(setback, "next_targets", "attractions.0.text")).value == "Small senior team"
    )
    assert again.text_input(key=key(setback, "next_targets", "contact")).value == "Jordan Lee"
    assert again.date_input(key=key(setback, "next_targets", "reconnect.1")).value == date(2025, 7, 15)
    assert (
        again.text_input(key=key(setback, "next_targets", "actions.0.what")).value == "Mentor at the meetup"
    )
    assert saved_note_shown(again)
    assert not again.exception


def test_duplicate_companies_are_flagged_and_blank_rows_ignored(setback, store):
    at = open_page("next_targets")
    at.session_state[editor(setback)] = {
        "edited_rows": {0: {"company": "Globex"}, 2: {"company": " globex "}},
        "added_rows": [{}],
        "deleted_rows": [],
    }
    at.run()
    assert content.TARGETS_DUPLICATE.format(company="Globex") in texts(at.warning)
    save(at, "next_targets")
    assert [t.company for t in store.load(Person(USER), setback.id).next_targets.targets] == [
        "Globex",
        "globex",
    ]
    assert not at.exception


def test_a_target_without_a_company_stops_the_save_and_keeps_what_was_saved(setback, store):
    at = open_page("next_targets")
    at.session_state[editor(setback)] = {
        "edited_rows": {0: {"company": "Globex"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    save(at, "next_targets")
    at.session_state[editor(setback)] = {
        "edited_rows": {1: {"why": "No name yet"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    save(at, "next_targets")
    assert content.TARGETS_NO_COMPANY.format(row=2) in texts(at.error)
    assert [t.company for t in store.load(Person(USER), setback.id).next_targets.targets] == ["Globex"]
    assert not at.exception


def test_the_table_draft_survives_moving_to_another_page_and_back(setback):
    at = open_page("next_targets")
    at.session_state[editor(setback)] = {
        "edited_rows": {0: {"company": "Hooli"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    at.switch_page("pages/vent.py").run()
    at.switch_page("pages/next_targets.py").run()
    assert at.dataframe[0].value["company"][0] == "Hooli"
    assert content.STAGE_UNSAVED in texts(at.caption)
    assert not at.exception


def test_the_sidebar_marks_a_stage_done_on_the_very_run_that_saves_it(setback):
    at = open_page("went_well")

    def progress() -> str:
        return " ".join(texts(at.sidebar.caption))

    assert "○ What went well" in progress()
    at.text_input(key=key(setback, "went_well", "wins.0.text")).input("Reached the final round")
    save(at, "went_well")
    assert "✓ What went well" in progress()
    assert "○ Gratitude" in progress()


def test_a_removed_row_never_comes_back_after_moving_between_pages(setback):
    at = open_page("went_well")
    for index, text in enumerate(["one", "two", "three"]):
        at.text_input(key=key(setback, "went_well", f"wins.{index}.text")).input(text)
    at.run()
    at.button(key="remove.went_well.wins.2").click().run()
    at.switch_page("pages/vent.py").run()
    at.switch_page("pages/went_well.py").run()
    assert [at.text_input(key=key(setback, "went_well", f"wins.{i}.text")).value for i in range(2)] == [
        "one",
        "two",
    ]
    at.button(key="add.went_well.wins").click().run()
    assert at.text_input(key=key(setback, "went_well", "wins.2.text")).value == ""
    assert not at.exception
