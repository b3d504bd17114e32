"""Reflect on a first visit: compact reasons with details on demand, their message beside the feedback,
the note on looking up who got the role, the friend prompt, and labels that read naturally."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from core import content, suggestions
from core.models import Intake
from core.progress import stage_done
from core.storage import Person, Store
from pages import _drafts as drafts
from pages import _shell as shell
from tests.app.conftest import signed_in_app
from tests.factories import people_store

SAM = Person("sam")
MESSAGE = "Thank you for your time.\nWe went with *another* candidate — [details](http://x.example)."


@pytest.fixture
def store(data_dir) -> Store:
    return people_store(data_dir)


def setback_with(store: Store, message: str = MESSAGE, days_ago: int = 0):
    return store.create(
        SAM,
        Intake(
            company="Acme", role="Designer", heard_on=date.today() - timedelta(days=days_ago), message=message
        ),
    )


def open_reflect() -> AppTest:
    at = signed_in_app()
    at.run()
    at.switch_page("pages/reflect.py")
    at.run()
    assert not at.exception
    return at


def key(setback, field: str) -> str:
    return drafts.draft_key(setback.id, "reflect", field)


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def test_their_message_is_shown_folded_beside_the_feedback_as_plain_text(store):
    setback_with(store)
    at = open_reflect()
    [folded] = [e for e in at.expander if e.label == content.REFLECT_MESSAGE]
    assert shell.escape(MESSAGE).replace("\n", "  \n") in [m.value for m in folded.markdown]
    assert content.REFLECT_MESSAGE_HELP in [c.value for c in folded.caption]
    # It sits in the feedback part: after its heading, before the question whether they gave any.
    order = [
        getattr(node, "value", None) if node.type == "header" else getattr(node, "label", None)
        for node in at.main
    ]
    received = content.REFLECT_FEEDBACK  # the segmented control's (hidden) label is the same question
    assert (
        order.index(received)
        < order.index(content.REFLECT_MESSAGE)
        < order.index(received, order.index(received) + 1)
    )
    assert not at.exception


def test_without_a_pasted_message_the_page_says_where_to_add_one(store):
    setback_with(store, message="")
    at = open_reflect()
    assert content.REFLECT_MESSAGE not in [e.label for e in at.expander]
    assert content.REFLECT_NO_MESSAGE in captions(at)
    assert not at.exception


@pytest.mark.parametrize(("days_ago", "note"), [(2, "soon"), (30, "later")])
def test_a_gentle_note_on_looking_up_who_got_the_role(store, days_ago, note):
    setback_with(store, days_ago=days_ago)
    at = open_reflect()
    expected = suggestions.look_up_note(days_ago)
    assert expected == (content.REFLECT_LOOK_UP_SOON if note == "soon" else content.REFLECT_LOOK_UP_LATER)
    assert any(text.endswith(expected) for text in captions(at))
    assert not at.exception


def test_each_reason_is_one_row_with_its_detail_on_demand_until_it_is_marked(store):
    setback = setback_with(store)
    at = open_reflect()
    reason = content.REASONS_BY_ID["chemistry"]
    [row] = [m for m in at.markdown if m.value == reason.label]
    assert row.help == reason.detail  # on demand: behind the help mark, not on the page
    assert reason.detail not in captions(at)
    assert not any(b.key == key(setback, "reason.chemistry.control") for b in at.button_group)
    applies = at.button_group(key=key(setback, "reason.chemistry.applies"))
    assert applies.label == content.REFLECT_APPLIES_FOR.format(reason=reason.label)
    applies.set_value("maybe").run()
    # Marked: the row opens into a card, named in bold, with its detail and the two follow-up choices.
    assert any(m.value == f"**{reason.label}**" for m in at.markdown)
    assert reason.detail in captions(at)
    assert at.button_group(key=key(setback, "reason.chemistry.control")).value == "unknown"
    assert at.button_group(key=key(setback, "reason.chemistry.basis")).value == "guess"
    assert not at.exception


def test_what_i_would_say_to_a_friend_is_saved_and_counts_as_reflecting(store):
    setback = setback_with(store)
    at = open_reflect()
    prompt = at.text_area(key=key(setback, "to_a_friend"))
    assert prompt.label == content.REFLECT_FRIEND
    assert content.REFLECT_FRIEND_HELP in captions(at)
    prompt.input("You got to the final round. That's real.")
    at.button(key="save.reflect").click().run()
    saved = store.load(SAM, setback.id)
    assert saved.reflect.to_a_friend == "You got to the final round. That's real."
    assert stage_done(saved, "reflect")
    again = open_reflect()
    assert (
        again.text_area(key=key(setback, "to_a_friend")).value == "You got to the final round. That's real."
    )
    assert not again.exception


def test_the_feedback_kinds_read_naturally_and_the_next_step_link_too(store):
    setback = setback_with(store)
    at = open_reflect()
    at.button_group(key=key(setback, "received")).set_value("yes").run()
    at.multiselect(key=key(setback, "kinds")).set_value(["stay_in_touch"]).run()
    [line] = [c for c in captions(at) if c.startswith(f"**{content.FEEDBACK_KINDS['stay_in_touch']}**")]
    assert line.count("stay in touch") == 1  # not "'Let's stay in touch' — 'Let's stay in touch' means…"
    links = [e.proto.label for e in at.get("page_link")]
    assert links == ["Continue to What went well"]
    assert not any(label.startswith("Next:") for label in links)
    assert not at.exception
