"""The crisis check against its labelled phrase table, its speed, and where the cards send people.

The figures (recall per kind, idioms flagged, time for a 20,000-character vent) are printed at the
end of the run by `tests/unit/conftest.py`.
"""

from __future__ import annotations

import random
import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import content, crisis
from core.crisis import DIRECTORY, REGIONS, TOPICS, Tier, check, normalise, region, region_for, signals_crisis
from core.crisis_phrases import LANGUAGES, en
from tests.unit import crisis_held_out, crisis_held_out_2, crisis_table
from tests.unit.figures import CRISIS_FIGURES

TABLE = crisis_table.table()


def rows(kind: str) -> list[tuple[str, Tier]]:
    return [(text, tier) for row_kind, text, tier in TABLE if row_kind == kind]


def share(hits: int, total: int) -> str:
    return f"{hits}/{total} = {100 * hits / total:.1f}%"


# -- the table --------------------------------------------------------------------------------


def test_the_table_has_at_least_200_phrases_and_80_job_hunt_idioms_of_every_kind():
    assert len(TABLE) >= 200
    assert len(rows("idiom")) >= 80
    assert {kind for kind, _, _ in TABLE} == {
        "explicit",
        "indirect",
        "negated",
        "reported",
        "shorthand",
        "idiom",
    }
    assert len({text for _, text, _ in TABLE}) == len(TABLE), "a phrase is in the table twice"


@pytest.mark.parametrize("text", [text for text, _ in rows("explicit")])
def test_every_explicit_statement_brings_the_crisis_card(text):
    assert check(text).tier == Tier.EXPLICIT


def test_explicit_recall_is_total():
    explicit = [text for kind, text, tier in TABLE if tier == Tier.EXPLICIT]
    caught = [text for text in explicit if check(text).tier == Tier.EXPLICIT]
    CRISIS_FIGURES["explicit recall (crisis card)"] = share(len(caught), len(explicit))
    assert len(caught) == len(explicit), sorted(set(explicit) - set(caught))


def test_indirect_recall_is_at_least_95_percent_and_they_get_the_gentle_card():
    indirect = [text for kind, text, tier in TABLE if tier == Tier.INDIRECT]
    any_card = [text for text in indirect if check(text)]
    gentle = [text for text in indirect if check(text).tier == Tier.INDIRECT]
    CRISIS_FIGURES["indirect recall (any card)"] = share(len(any_card), len(indirect))
    CRISIS_FIGURES["indirect given the gentle card"] = share(len(gentle), len(indirect))
    assert len(any_card) >= 0.95 * len(indirect), sorted(set(indirect) - set(any_card))
    assert len(gentle) >= 0.95 * len(indirect), sorted(set(indirect) - set(gentle))


def test_job_hunt_idioms_are_flagged_at_most_5_percent_of_the_time():
    idioms = [text for text, _ in rows("idiom")]
    flagged = [text for text in idioms if check(text)]
    CRISIS_FIGURES["job-hunt idioms flagged (false positives)"] = share(len(flagged), len(idioms))
    assert len(flagged) <= 0.05 * len(idioms), flagged


def test_negated_statements_bring_no_card():
    negated = [text for text, _ in rows("negated")]
    flagged = [text for text in negated if check(text)]
    CRISIS_FIGURES["negated statements flagged"] = share(len(flagged), len(negated))
    assert len(flagged) <= 0.05 * len(negated), flagged


@pytest.mark.parametrize(("kind"), ["reported", "shorthand"])
def test_reported_words_and_shorthand_bring_the_card_of_their_tier(kind):
    labelled = rows(kind)
    right = [text for text, tier in labelled if check(text).tier == tier]
    CRISIS_FIGURES[f"{kind} recall (right card)"] = share(len(right), len(labelled))
    assert len(right) == len(labelled), sorted({text for text, _ in labelled} - set(right))


@pytest.mark.parametrize("text", crisis_table.GENERAL_INDIRECT)
def test_the_general_constructions_give_each_of_their_rows_a_card(text):
    """A wish or welcome beside an end from outside, sleep made permanent, wanting not to be, …"""
    assert check(text), text


@pytest.mark.parametrize("text", crisis_table.GENERAL_IDIOMS)
def test_the_job_hunt_talk_beside_the_general_constructions_stays_silent(text):
    assert not check(text), check(text)


def test_on_the_new_held_out_rows_the_check_is_measured_never_tuned():
    """Figures on `crisis_held_out.py` (written before the second round of pattern work); a floor, not a target."""
    signals = crisis_held_out.SIGNALS
    with_a_card = [text for text, _ in signals if check(text)]
    explicit = [text for text, tier in signals if tier == Tier.EXPLICIT]
    explicit_caught = [text for text in explicit if check(text).tier == Tier.EXPLICIT]
    indirect = [text for text, tier in signals if tier == Tier.INDIRECT]
    indirect_caught = [text for text in indirect if check(text)]
    negated = [text for text in crisis_held_out.NEGATED if check(text)]
    idioms = [text for text in crisis_held_out.IDIOMS if check(text)]
    CRISIS_FIGURES["new held out: signals given a card"] = share(len(with_a_card), len(signals))
    CRISIS_FIGURES["new held out: explicit given the crisis card"] = share(
        len(explicit_caught), len(explicit)
    )
    CRISIS_FIGURES["new held out: indirect given a card"] = share(len(indirect_caught), len(indirect))
    CRISIS_FIGURES["new held out: negated flagged"] = share(len(negated), len(crisis_held_out.NEGATED))
    CRISIS_FIGURES["new held out: idioms flagged"] = share(len(idioms), len(crisis_held_out.IDIOMS))
    assert len(signals) >= 30 and len(crisis_held_out.IDIOMS) >= 30
    assert len(with_a_card) >= 10
    assert len(idioms) <= 0.05 * len(crisis_held_out.IDIOMS)


def test_on_the_second_held_out_set_the_check_is_measured_never_tuned():
    """Figures on `crisis_held_out_2.py` (written before the general constructions); a floor, not a target."""
    held = crisis_held_out_2
    signals = held.SIGNALS
    explicit = [text for text, tier in signals if tier == Tier.EXPLICIT]
    indirect = [text for text, tier in signals if tier == Tier.INDIRECT]
    with_a_card = [text for text, _ in signals if check(text)]
    explicit_caught = [text for text in explicit if check(text).tier == Tier.EXPLICIT]
    indirect_caught = [text for text in indirect if check(text)]
    negated = [text for text in held.NEGATED if check(text)]
    idioms = [text for text in held.IDIOMS if check(text)]
    CRISIS_FIGURES["second held out: signals given a card"] = share(len(with_a_card), len(signals))
    CRISIS_FIGURES["second held out: explicit given the crisis card"] = share(
        len(explicit_caught), len(explicit)
    )
    CRISIS_FIGURES["second held out: indirect given a card"] = share(len(indirect_caught), len(indirect))
    CRISIS_FIGURES["second held out: negated flagged"] = share(len(negated), len(held.NEGATED))
    CRISIS_FIGURES["second held out: idioms flagged"] = share(len(idioms), len(held.IDIOMS))
    assert len(signals) >= 40 and len(held.NEGATED) >= 8 and len(held.IDIOMS) >= 30
    # Counts only, never the rows: a test that named its misses would invite tuning on them.
    assert len(with_a_card) >= 0.5 * len(signals), f"{len(with_a_card)}/{len(signals)}"
    assert len(idioms) <= 0.1 * len(held.IDIOMS), f"{len(idioms)}/{len(held.IDIOMS)}"


def test_the_quick_way_finds_exactly_what_running_every_pattern_everywhere_finds():
    held_out = [
        text
        for held in (crisis_held_out, crisis_held_out_2)
        for text in [text for text, _ in held.SIGNALS] + held.NEGATED + held.IDIOMS
    ]
    for text in [text for _, text, _ in TABLE] + held_out:
        assert check(text) == check(text, everywhere=True), text


words_of_the_table = st.sampled_from(" ".join(text for _, text, _ in TABLE).split())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(words_of_the_table, st.text(max_size=8)), max_size=40).map(" ".join))
def test_on_any_mix_of_words_the_quick_way_and_the_slow_way_agree(text):
    assert check(text) == check(text, everywhere=True)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_gets_a_finding_whose_tier_is_its_strongest_signal(text):
    finding = check(text)
    assert finding.tier == max((signal.tier for signal in finding.signals), default=Tier.NONE)
    assert bool(finding) == (finding.tier > Tier.NONE) == signals_crisis(text)
    assert all(signal.topic in TOPICS and signal.words for signal in finding.signals)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_a_clear_signal_is_caught_whatever_comes_before_it(text):
    assert check(text + ". I want to die.").tier == Tier.EXPLICIT


def test_the_highest_tier_wins_and_every_signal_is_named_in_order():
    finding = check("I feel like a burden. Honestly I want to kill myself.")
    assert finding.tier == Tier.EXPLICIT
    assert [signal.topic for signal in finding.signals] == ["burden", "suicide"]
    assert finding.topics == ("suicide",)
    assert check("I feel like a burden and I want to disappear").topics == ("burden", "disappear")


def test_a_negation_counts_only_for_the_phrase_it_stands_in_front_of():
    assert not check("I'm not suicidal")
    assert check("They said no. I want to die").tier == Tier.EXPLICIT
    assert check("every time they say no I want to die").tier == Tier.EXPLICIT
    assert not check("not that I'd ever kill myself")
    assert check("I'm not okay, I want to end my life").tier == Tier.EXPLICIT


def test_normalising_reads_apostrophes_quotes_dashes_repeats_and_wide_letters_alike():
    assert normalise("I DON’T  want\tto—die!!!") == "i dont want to die ! ! !"
    assert normalise("soooo tiiired") == "so tired"
    assert normalise("ｓｕｉｃｉｄａｌ") == "suicidal"
    assert normalise("self-harm, again.") == "self harm , again ."


def test_the_fingerprint_of_the_words_is_stable_and_tells_words_apart():
    first, again, other = check("I want to die"), check("I want to die."), check("I want to disappear")
    assert first.digests == again.digests
    assert first.digests.isdisjoint(other.digests)
    assert all(len(digest) == 16 for digest in first.digests)


def test_every_phrase_starts_at_a_word_and_every_topic_has_words_on_the_gentle_card():
    for language in LANGUAGES:
        for compiled in crisis._compiled(language):
            assert compiled.beginnings, compiled.phrase.pattern[:40]
            assert compiled.phrase.topic in TOPICS
            if compiled.phrase.tier == Tier.INDIRECT:
                assert compiled.phrase.topic in content.CRISIS_TOPICS


def test_a_language_is_a_table_of_its_own_and_only_its_own_phrases_run_when_asked():
    assert [language.code for language in LANGUAGES] == ["en", "es"]
    assert check("I want to die", languages=()) == crisis.NOTHING
    assert check("I want to die", languages=(en.LANGUAGE,)).tier == Tier.EXPLICIT


# -- speed ------------------------------------------------------------------------------------

VENT_SENTENCES = [
    "I heard back from the company this morning and it was a no.",
    "They said they went with another candidate who had more experience with enterprise clients.",
    "I really thought the final round went well, the panel laughed and asked about my start date.",
    "Now I have to start all over again with applications and recruiters who never reply.",
    "My partner says it's their loss but it doesn't feel like that right now.",
    "I keep replaying the answer I gave about the budget question and I cringe every time.",
    "Honestly I'm angry that they kept me waiting for three weeks just to send a template email.",
    "I spent so many evenings on the case study and nobody even gave me feedback on it.",
    "Maybe I should ask for a short call to hear what I could have done differently.",
    "I know it's normal to feel this way but the whole thing is exhausting.",
    "Tomorrow I'll take a walk, call my sister, and not look at job boards at all.",
    "The recruiter was kind on the phone, which somehow made it worse.",
    "I'm tired and a bit numb, and I think I'll go to bed early tonight.",
]


def vent(characters: int = 20_000, seed: int = 7) -> str:
    """A long, ordinary vent: job-hunt sentences in a random order."""
    rng = random.Random(seed)
    sentences: list[str] = []
    while sum(len(sentence) + 1 for sentence in sentences) < characters:
        sentences.append(rng.choice(VENT_SENTENCES))
    return " ".join(sentences)[:characters]


def fastest(text: str, runs: int = 15) -> float:
    """The fastest of several checks of `text`, in milliseconds of CPU time (the machine is shared: waiting for a core is not the check's cost)."""
    check(text)  # compiled once per process; that is not what is measured
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        check(text)
        best = min(best, time.process_time() - start)
    return best * 1000


# The figures are printed for the record; the bounds only catch runaway patterns (backtracking that
# grows with the text), with room for a busy machine. Speed itself is proven by `make bench`.
def test_a_20000_character_vent_is_checked_in_milliseconds_with_no_runaway_pattern():
    ordinary = vent()
    with_a_signal = ordinary[:19_950] + " I just want to disappear."
    every_idiom = (" ".join(text for text, _ in rows("idiom")) + " ") * 10
    every_idiom = every_idiom[:20_000]
    times = {name: fastest(text) for name, text in [("vent", ordinary), ("vent+signal", with_a_signal)]}
    times["idioms only"] = fastest(every_idiom)
    CRISIS_FIGURES["20,000-character check (fastest of 15)"] = ", ".join(
        f"{name} {ms:.2f} ms" for name, ms in times.items()
    )
    assert check(with_a_signal).tier == Tier.INDIRECT and not check(ordinary) and not check(every_idiom)
    assert times["vent"] < 25 and times["vent+signal"] < 25
    assert times["idioms only"] < 50  # the hardest case there is: every near-miss at once


def test_a_short_field_and_2000_characters_are_checked_with_no_runaway_pattern():
    short = VENT_SENTENCES[2]  # about 90 characters, the size of most answers
    field = vent(2_000, seed=11)
    times = {"short field": fastest(short, runs=50), "2,000 characters": fastest(field)}
    CRISIS_FIGURES["time per check (fastest)"] = ", ".join(
        f"{name} {ms:.3f} ms" for name, ms in times.items()
    )
    assert not check(short) and not check(field)
    assert times["short field"] < 2 and times["2,000 characters"] < 10


# -- where to turn ----------------------------------------------------------------------------


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


def test_every_number_carries_its_source_and_the_date_it_was_checked():
    for place in REGIONS.values():
        assert any(ch.isdigit() for ch in place.emergency)
        assert place.emergency_source and isinstance(place.checked, date)
        for line in (*place.lines, DIRECTORY):
            assert "." in line.source and isinstance(line.checked, date), line
    assert DIRECTORY.contact == "findahelpline.com"


@pytest.mark.parametrize(
    ("configured", "locale", "timezone", "name"),
    [
        ("au", "en-GB", "Europe/London", "Australia"),  # the operator's choice wins
        ("international", "en-GB", "Europe/London", "Worldwide"),  # chosen, not left at the default
        (None, "en-US", "Europe/London", "United Kingdom"),  # the zone says where, "en-US" is a default
        (None, "en-GB", "America/New_York", "United States"),
        (None, "fr-CA", "America/Toronto", "Canada"),
        (None, "en-US", "Australia/Perth", "Australia"),
        (None, None, "Pacific/Auckland", "New Zealand"),
        (None, None, "Europe/Dublin", "Ireland"),
        (None, "de-DE", "Europe/Berlin", "Europe"),
        (None, None, "US/Eastern", "United States"),
        (None, None, "Australia/ACT", "Australia"),
        (None, "en-US", "Asia/Tokyo", "Worldwide"),  # a zone elsewhere: not the US lines
        (None, "en-US", "America/Mexico_City", "Mexico"),
        (None, "es-ES", None, "Spain"),
        (None, "es-MX", "Europe/Madrid", "Spain"),
        (None, "es-419", "Asia/Tokyo", "Worldwide"),
        (None, "en-GB", "UTC", "United Kingdom"),  # a zone that says nothing: the language decides
        (None, "en_AU", None, "Australia"),
        (None, "en", None, "Worldwide"),
        (None, None, None, "Worldwide"),
        (None, "xx-ZZ", "Mars/Olympus_Mons", "Worldwide"),
    ],
)
def test_left_at_its_default_the_region_comes_from_the_browsers_zone_then_its_language(
    configured, locale, timezone, name
):
    assert region_for(configured, locale, timezone).name == name
