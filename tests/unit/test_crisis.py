"""The crisis-language check: clear signals are caught, everyday job-hunt talk and negations are not."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.crisis import DIRECTORY, REGIONS, region, signals_crisis


@pytest.mark.parametrize(
    "text",
    [
        "I want to die.",
        "Honestly sometimes I think about suicide",
        "I feel suicidal tonight",
        "I might kill myself if this keeps happening",
        "I want to end my life",
        "I've been hurting myself again",
        "thinking about self-harm",
        "Everyone would be better off without me.",
        "I don't want to be here anymore",
        "I don’t want to live anymore",  # curly apostrophe
        "there's no reason to live",
        "I wish I was dead",
        "I can't go on living like this",
        "I'm not sure I want to live anymore",
        "I'm not sure I want to die, but I think about it",
        "SUICIDAL",
        "I'm fine. Actually no. I want to end it all",
        "The rejection was fine, I'm not angry, but I want to die",
        "I don't want to wake up tomorrow",
    ],
)
def test_clear_signals_of_self_harm_or_suicide_are_caught(text):
    assert signals_crisis(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "This job search is killing me",
        "The waiting is killing me, honestly.",
        "I'm dying to hear back from the next company",
        "I could kill for a coffee right now",
        "I'm dead tired after all those interviews",
        "This feels like a dead end",
        "I've been killing myself trying to get this job",
        "I was killing myself over that take-home assignment",
        "I'm not suicidal, just really disappointed",
        "I would never hurt myself over a job",
        "I don't want to die on this hill",
        "I don't want to live in a city that far away",
        "Their interview process would make anyone want to cry",
        "They killed the role after a budget freeze",
        "I nailed it and still lost. Brutal.",
    ],
)
def test_everyday_exaggerations_and_negations_are_not_flagged(text):
    assert not signals_crisis(text)


@given(st.text())
def test_any_text_gets_a_plain_yes_or_no(text):
    assert signals_crisis(text) in (True, False)


@given(st.text())
def test_a_clear_signal_is_caught_whatever_comes_before_it(text):
    assert signals_crisis(text + ". I want to die.")


@pytest.mark.parametrize(
    ("code", "name", "number"),
    [
        ("us", "United States", "988"),
        ("US", "United States", "988"),
        ("ca", "Canada", "988"),
        ("uk", "United Kingdom", "116 123"),
        ("gb", "United Kingdom", "116 123"),
        ("ie", "Ireland", "116 123"),
        ("au", "Australia", "13 11 14"),
        ("nz", "New Zealand", "1737"),
    ],
)
def test_each_region_lists_its_own_crisis_line(code, name, number):
    help_here = region(code)
    assert help_here.name == name
    assert any(number in line.contact for line in help_here.lines)


@pytest.mark.parametrize("code", ["international", "", None, "atlantis", " Worldwide "])
def test_unknown_or_missing_region_gets_the_worldwide_list(code):
    worldwide = region(code)
    assert worldwide is REGIONS["international"]
    contacts = " ".join(line.contact for line in worldwide.lines)
    assert "988" in contacts and "116 123" in contacts
    assert "112" in worldwide.emergency and "911" in worldwide.emergency


def test_every_region_names_an_emergency_number_and_the_directory_is_findahelpline():
    assert all(any(ch.isdigit() for ch in place.emergency) for place in REGIONS.values())
    assert DIRECTORY.contact == "findahelpline.com"
