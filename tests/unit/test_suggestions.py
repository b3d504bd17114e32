"""Suggestions drawn from the intake: wins, gratitude, messages to copy, and the gentle checks."""

from datetime import date

import pytest

from core import content, suggestions
from core.models import Intake, ReasonMark
from core.suggestions import (
    feedback_request,
    gratitude_suggestions,
    guess_heavy,
    thank_you_note,
    wanted_is_low,
    win_suggestions,
)

WINS = content.WINS_SUGGESTIONS


def intake(**changes) -> Intake:
    values = {"company": "Acme Rockets", "role": "Product Designer", "heard_on": date(2025, 3, 1)}
    return Intake(**(values | changes))


@pytest.mark.parametrize(
    ("stage", "expected", "not_expected"),
    [
        ("applied", ["applied"], ["interview", "rapport", "references", "pay"]),
        ("screen", ["screen"], ["rapport", "references", "pay"]),
        ("interview", ["interview", "showed_up", "rapport"], ["references", "pay", "final_round"]),
        ("final_round", ["final_round", "showed_up", "rapport", "references", "pay"], ["offer_talks"]),
        ("offer_talks", ["offer_talks", "rapport", "references", "pay"], ["applied"]),
    ],
)
def test_win_ideas_follow_the_stage_reached(stage, expected, not_expected):
    ideas = win_suggestions(intake(stage_reached=stage))
    assert all(WINS[key] in ideas for key in expected)
    assert not any(WINS[key] in ideas for key in not_expected)


def test_reaching_the_final_round_is_named_as_being_shortlisted():
    assert any("shortlist" in idea for idea in win_suggestions(intake(stage_reached="final_round")))


def test_a_phone_call_and_a_hopeful_message_add_their_own_wins():
    plain = win_suggestions(intake(how_heard="email", message="We went with someone else."))
    warm = win_suggestions(intake(how_heard="call", message="We'd love to keep in touch for FUTURE roles."))
    assert WINS["called"] not in plain and WINS["future"] not in plain
    assert WINS["called"] in warm and WINS["future"] in warm


def test_wins_already_listed_are_not_suggested_again_whatever_the_case_or_spacing():
    listed = ["  i reached the final round:   I was on their SHORTLIST. "]
    ideas = win_suggestions(intake(stage_reached="final_round"), already=listed)
    assert WINS["final_round"] not in ideas
    assert WINS["references"] in ideas


def test_gratitude_ideas_name_the_company_and_skip_ones_already_written():
    ideas = gratitude_suggestions(intake())
    assert len(ideas) == 4
    assert any("Acme Rockets" in idea for idea in ideas)
    fewer = gratitude_suggestions(intake(), already=[ideas[0]])
    assert fewer == ideas[1:]


def test_the_feedback_request_names_the_role_company_and_sender_and_asks_for_a_call():
    message = feedback_request(intake(), "Sam Rivera")
    assert "Product Designer role at Acme Rockets" in message
    assert message.rstrip().endswith("Sam Rivera")
    assert "call" in message


def test_the_feedback_request_reads_well_without_a_role_or_a_name():
    message = feedback_request(intake(role=""), "  ")
    assert "about the role at Acme Rockets" in message
    assert "[your name]" in message
    assert "{" not in message


def test_a_thank_you_note_is_addressed_to_the_person_and_signed():
    note = thank_you_note(" Priya Shah ", intake(), "Sam")
    assert note.startswith("Dear Priya Shah,")
    assert "during the Product Designer hiring process at Acme Rockets" in note
    assert note.rstrip().endswith("Sam")


def test_a_thank_you_note_reads_well_without_a_role():
    note = thank_you_note("Jo", intake(role=""), "")
    assert "during the hiring process at Acme Rockets" in note
    assert "[your name]" in note and "{" not in note


def mark(applies: str, basis: str) -> ReasonMark:
    return ReasonMark(reason_id="chemistry", applies=applies, basis=basis)


@pytest.mark.parametrize(
    ("marks", "heavy"),
    [
        ([], False),
        ([mark("yes", "guess")], False),  # one reason is too few to call it a pattern
        ([mark("yes", "guess"), mark("maybe", "guess")], True),
        ([mark("yes", "guess"), mark("yes", "feedback")], False),  # half is not most
        ([mark("yes", "guess"), mark("maybe", "guess"), mark("yes", "feedback")], True),
        ([mark("no", "guess"), mark("no", "guess"), mark("yes", "feedback")], False),  # "no" is not marked
        ([mark("yes", "feedback"), mark("maybe", "feedback")], False),
    ],
)
def test_the_note_against_filling_in_blanks_shows_when_most_marked_reasons_are_guesses(marks, heavy):
    assert guess_heavy(marks) is heavy


@pytest.mark.parametrize(
    ("wanted", "low"), [(None, False), (0, True), (content.REFLECT_WANTED_LOW, True), (5, False), (10, False)]
)
def test_a_low_answer_to_did_i_really_want_it_gets_a_nudge(wanted, low):
    assert wanted_is_low(wanted) is low


@pytest.mark.parametrize(("days", "soon"), [(0, True), (1, True), (13, True), (14, False), (90, False)])
def test_looking_up_who_got_the_role_can_wait_two_weeks_and_never_tells_the_whole_story(days, soon):
    note = suggestions.look_up_note(days)
    assert note == (content.REFLECT_LOOK_UP_SOON if soon else content.REFLECT_LOOK_UP_LATER)
    assert "whole story" in note
    assert ("couple of weeks" in note) is soon
