"""build_summary: which stages go into the PDF, in what order, and that private writing stays out."""

from datetime import date

import pytest

from core import content, targets
from core.models import STAGES, CheckIn, Feeling, Intake, Setback, Summary, Vent
from core.summary import (
    Bullets,
    Paragraph,
    Table,
    build_summary,
    long_date,
    target_columns,
)
from tests.factories import HEARD_ON, VENT_MARKER, full_setback, vent_text

FUTURE_NOTE_HEADING = content.PDF_FUTURE_NOTE_HEADING
TARGET_COLUMNS = target_columns()
VENT_KEPT_PRIVATE = content.PDF_VENT_KEPT_PRIVATE
VENT_LEFT_OUT = content.PDF_VENT_LEFT_OUT


def all_text(doc) -> str:
    """Every string in the document, joined, to search for leaks."""
    parts = [doc.future_note, *(value for _, value in doc.cover.facts()), doc.cover.title]
    for section in doc.sections:
        parts.append(section.heading)
        for block in section.blocks:
            parts.append(block.label)
            if isinstance(block, Paragraph):
                parts.append(block.text)
            elif isinstance(block, Bullets):
                parts.extend(block.items)
            elif isinstance(block, Table):
                parts.extend(cell for row in block.rows for cell in row)
            else:
                parts.extend(value for pair in block.pairs for value in pair)
    return "\n".join(parts)


def shared_vent(private: bool) -> Setback:
    setback = full_setback()
    return setback.model_copy(update={"vent": setback.vent.model_copy(update={"private": private})})


def test_sections_follow_the_journey_order_whatever_order_they_are_asked_in():
    doc = build_summary(full_setback(), sections=["next_targets", "gratitude", "reflect", "went_well"])
    assert [section.key for section in doc.sections] == ["reflect", "went_well", "gratitude", "next_targets"]


def test_default_sections_are_the_ones_chosen_on_the_summary_page():
    setback = full_setback()
    setback = setback.model_copy(
        update={"summary": setback.summary.model_copy(update={"sections": ["gratitude"]})}
    )
    assert [section.key for section in build_summary(setback).sections] == ["gratitude"]


def test_without_a_summary_stage_every_stage_after_vent_is_included():
    doc = build_summary(full_setback(summary=None))
    assert [section.key for section in doc.sections] == list(STAGES[1:])
    assert doc.future_note == ""


def test_sections_left_out_are_not_in_the_document():
    text = all_text(build_summary(full_setback(), sections=["went_well"]))
    assert "They asked for my references" in text
    assert "Priya Shah" not in text and "Vandelay Imports" not in text


@pytest.mark.parametrize(
    ("private", "include_vent", "expected"),
    [(True, False, VENT_KEPT_PRIVATE), (True, True, VENT_KEPT_PRIVATE), (False, False, VENT_LEFT_OUT)],
)
def test_private_or_unshared_vent_text_never_reaches_the_summary(private, include_vent, expected):
    doc = build_summary(shared_vent(private), sections=list(STAGES), include_vent=include_vent)
    assert VENT_MARKER not in all_text(doc)
    vent = next(section for section in doc.sections if section.key == "vent")
    assert vent.blocks == (Paragraph(expected),)


def test_vent_text_is_included_only_when_shared_and_asked_for():
    doc = build_summary(shared_vent(private=False), include_vent=True)
    assert doc.sections[0].key == "vent"
    assert doc.sections[0].blocks == (Paragraph(vent_text()),)


def test_vent_check_in_numbers_feed_the_arc_even_when_the_text_is_private():
    doc = build_summary(full_setback())
    assert doc.arc is not None
    assert doc.arc.points["Disappointment"] == (80, 55)
    assert doc.arc.points["Worry"] == (70, None)
    assert doc.arc.points["Hope"] == (None, 60)
    assert doc.arc.reading.startswith("Disappointment eased from 80 to 55")


def test_an_own_feeling_named_like_a_fixed_one_keeps_its_own_bar():
    setback = full_setback(vent=Vent(check_in=CheckIn(anger=50, own=[Feeling(name="Anger", score=10)])))
    assert build_summary(setback).arc.points["Anger (own)"] == (10, None)


def test_no_check_ins_means_no_arc():
    assert build_summary(full_setback(vent=None, summary=None)).arc is None


def test_cover_names_the_setback_with_readable_labels():
    cover = build_summary(full_setback()).cover
    assert (cover.company, cover.role, cover.heard_on) == (
        "Acme Rockets",
        "Senior Product Designer",
        HEARD_ON,
    )
    assert dict(cover.facts()) == {
        "Heard back on": long_date(HEARD_ON),
        "Stage reached": "Final round",
        "How the news came": "Email",
    }


def test_targets_become_a_table_with_the_apps_columns_in_the_apps_order_and_every_target():
    section = build_summary(full_setback(), sections=["next_targets"]).sections[0]
    table = next(
        block for block in section.blocks if isinstance(block, Table) and block.columns == TARGET_COLUMNS
    )
    # The same words and the same order as the Next targets table on screen.
    assert TARGET_COLUMNS == ("Company", "Why it fits", "Role", "Next step", "Due", "Status", "Contact")
    assert tuple(content.TARGETS_COLUMNS[column] for column in targets.SHOWN_ORDER) == TARGET_COLUMNS
    assert len(table.widths) == len(TARGET_COLUMNS)
    assert len(table.rows) == 10
    assert table.rows[0] == (
        "Globex",
        "Globex builds tools with a strong design culture and hires for product thinking.",
        "Product Designer",
        "Write to the design lead at Globex about open roles",
        "13 Nov 2025",
        "Idea",
        "",
    )
    assert table.rows[1][0] == "Initech" and table.rows[1][-1] == "Alex Kim"


def test_reasons_marked_no_are_left_out_and_labels_are_readable():
    section = build_summary(full_setback(), sections=["reflect"]).sections[0]
    reasons = section.blocks[0]
    assert isinstance(reasons, Table)
    assert [row[0] for row in reasons.rows] == [
        "Someone else matched more closely",
        "Answers came out less clearly than I'd like",
        "An employee referral or someone from their network",
    ]
    assert reasons.rows[0][1:] == ("Yes", "Theirs", "Their feedback")


def test_empty_stages_are_skipped_instead_of_printing_empty_headings():
    setback = Setback(intake=Intake(company="Acme", heard_on=date(2025, 1, 2)))
    doc = build_summary(setback, sections=list(STAGES), include_vent=True)
    assert doc.sections == ()
    assert doc.arc is None


def test_the_note_to_the_future_self_is_carried_for_the_last_page():
    doc = build_summary(full_setback(summary=Summary(future_note="Be gentle with yourself.")))
    assert doc.future_note == "Be gentle with yourself."
    assert FUTURE_NOTE_HEADING == "A note to my future self"


# -- their message (issue 17): off unless asked for ---------------------------------------------


def test_their_message_stays_out_unless_asked_for_and_then_comes_first_as_pasted():
    setback = full_setback()
    message = setback.intake.message
    assert message not in all_text(build_summary(setback, sections=list(STAGES)))
    doc = build_summary(setback, sections=["reflect"], include_message=True)
    assert [section.key for section in doc.sections] == ["message", "reflect"]
    assert doc.sections[0].blocks == (Paragraph(message),)


def test_asking_for_a_message_that_was_never_pasted_adds_nothing():
    setback = full_setback(intake=full_setback().intake.model_copy(update={"message": "  "}))
    doc = build_summary(setback, sections=["reflect"], include_message=True)
    assert [section.key for section in doc.sections] == ["reflect"]


def test_what_i_would_say_to_a_friend_is_in_the_reflect_section():
    setback = full_setback()
    setback = setback.model_copy(
        update={
            "reflect": setback.reflect.model_copy(update={"to_a_friend": "You did well to get this far."})
        }
    )
    [section] = build_summary(setback, sections=["reflect"]).sections
    assert Paragraph("You did well to get this far.", label="What I'd say to a friend who got this news") in (
        section.blocks
    )
