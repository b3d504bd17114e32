"""core.prep: gathering the prep sheet from several setbacks — merged, newest first, feedback turned
into story prompts, the offer question first — and this interview's choice of what to bring."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import content, prep
from core.models import (
    Feedback,
    Intake,
    OwnPrepItem,
    PrepSheet,
    Reflect,
    Setback,
    Stumble,
    WentWell,
)

TODAY = date(2026, 11, 20)


def setback(company: str, days_ago: int, archived: bool = False, **stages) -> Setback:
    return Setback(
        intake=Intake(company=company, role="Designer", heard_on=TODAY - timedelta(days=days_ago)),
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
        archived=archived,
        **stages,
    )


def texts(gathered: prep.Gathered, section: str) -> list[str]:
    return [item.text for item in gathered.sections.get(section, ())]


def companies(item: prep.Item) -> list[str]:
    return [source.title.split(" — ")[0] for source in item.sources]


# -- merging and order ---------------------------------------------------------------------------


def test_the_same_plan_in_several_setbacks_is_one_item_with_each_setback_newest_first():
    plan = "If they ask about salary, then I'll name my range first."
    found = prep.gather(
        [
            setback("Initech", 60, reflect=Reflect(if_then=plan)),
            setback(
                "Globex",
                5,
                reflect=Reflect(if_then="  if they ask about SALARY then i'll name my range first "),
            ),
            setback(
                "Umbrella", 30, reflect=Reflect(if_then="If it goes quiet, then I'll follow up in a week.")
            ),
        ]
    )
    plans = found.sections["plans"]
    assert [companies(item) for item in plans] == [["Globex", "Initech"], ["Umbrella"]]
    assert plans[0].times == 2
    assert plans[0].text == "if they ask about SALARY then i'll name my range first"  # the newest words
    assert plans[0].origin() == content.prep_origin(["Globex — Designer", "Initech — Designer"], 2)
    assert "came up 2 times" in plans[0].origin()


def test_items_are_newest_first_by_when_the_news_came_not_by_the_order_given():
    found = prep.gather(
        [
            setback("Old", 90, reflect=Reflect(learned="Old lesson.")),
            setback("New", 1, reflect=Reflect(learned="New lesson.")),
            setback("Middle", 40, reflect=Reflect(learned="Middle lesson.")),
        ]
    )
    assert texts(found, "lessons") == ["New lesson.", "Middle lesson.", "Old lesson."]


def test_words_written_twice_in_one_setback_count_once():
    twice = setback("Globex", 3, went_well=WentWell(wins=["Good rapport", "good rapport!"]))
    (item,) = prep.gather([twice]).sections["strengths"]
    assert item.times == 1


def test_strengths_that_keep_coming_up_come_first_then_the_newest():
    found = prep.gather(
        [
            setback("A", 1, went_well=WentWell(wins=["Newest one-off"])),
            setback("B", 10, went_well=WentWell(wins=["Calm under pressure", "Clear walkthrough"])),
            setback("C", 20, went_well=WentWell(wins=["Calm under pressure", "Clear walkthrough"])),
            setback("D", 30, went_well=WentWell(wins=["Calm under pressure"])),
        ]
    )
    assert texts(found, "strengths") == ["Calm under pressure", "Clear walkthrough", "Newest one-off"]
    assert [item.times for item in found.sections["strengths"]] == [3, 2, 1]


def test_a_stumbled_question_is_merged_and_keeps_the_newest_better_answer_there_is():
    found = prep.gather(
        [
            setback("New", 1, reflect=Reflect(stumbles=[Stumble(question="Why us?", better_answer="")])),
            setback(
                "Mid",
                5,
                reflect=Reflect(stumbles=[Stumble(question="why us", better_answer="Your mission.")]),
            ),
            setback(
                "Old", 9, reflect=Reflect(stumbles=[Stumble(question="Why us?", better_answer="Old answer.")])
            ),
            setback(
                "Blank", 2, reflect=Reflect(stumbles=[Stumble(question="  ", better_answer="Orphan answer")])
            ),
        ]
    )
    (item,) = found.sections["questions"]
    assert item.text == "Why us?" and item.detail == "Your mission."
    assert companies(item) == ["New", "Mid", "Old"]


def test_lessons_come_from_reflect_with_their_kind_as_history_gathers_them():
    found = prep.gather(
        [setback("Globex", 3, reflect=Reflect(learned="Lead with outcomes.", practice="Whiteboarding."))]
    )
    lessons = found.sections["lessons"]
    assert [(item.text, item.kind) for item in lessons] == [
        ("Lead with outcomes.", "learned"),
        ("Whiteboarding.", "practice"),
    ]
    assert prep.origin_line(lessons[1]).startswith(content.PREP_LESSON_KINDS["practice"] + " · ")


def test_archived_setbacks_are_left_out_unless_asked_for():
    setbacks = [
        setback("Shown", 3, went_well=WentWell(wins=["Visible win"])),
        setback("Tucked", 9, archived=True, went_well=WentWell(wins=["Archived win"])),
    ]
    assert texts(prep.gather(setbacks), "strengths") == ["Visible win"]
    assert texts(prep.gather(setbacks, include_archived=True), "strengths") == ["Visible win", "Archived win"]
    assert prep.gather(setbacks).setbacks == 1


def test_with_no_setbacks_nothing_is_gathered_not_even_a_suggestion():
    found = prep.gather([])
    assert found.sections == {} and not found.from_setbacks()


def test_empty_sections_are_left_out_and_the_offer_question_stands_alone_as_a_suggestion():
    found = prep.gather([setback("Globex", 3)])
    assert list(found.sections) == ["ask"]
    (offer,) = found.sections["ask"]
    assert (offer.key, offer.text, offer.sources) == (prep.OFFER_KEY, content.PREP_OFFER_QUESTION, ())
    assert offer.origin() == content.PREP_SUGGESTED
    assert not found.from_setbacks()


def test_each_item_says_which_setback_it_came_from():
    one = setback("Globex", 3, went_well=WentWell(wins=["Rapport"]))
    (item,) = prep.gather([one]).sections["strengths"]
    assert item.sources[0].setback_id == one.id
    assert item.origin() == "From Globex — Designer, 17 Nov 2026"


# -- stories from feedback -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "topic"),
    [
        ("They wanted more evidence of scaling growth.", "scaling growth"),
        ("We were looking for someone with more experience leading teams and they felt it.", "leading teams"),
        ("They loved the portfolio review but wanted more experience with design systems.", "design systems"),
        ("Not enough depth in stakeholder management, but great energy.", "stakeholder management"),
        ("Limited exposure to B2B sales", "B2B sales"),
        ("You could have talked more about metrics.", "metrics"),
        ("We'd have liked to hear more about your research process", "research process"),
        ("They hoped for a stronger product vision.", "product vision"),
        ("Suggested I work on my presentation skills.", "presentation skills"),
        ("Great culture fit overall.", ""),
        ("We went with someone internal.", ""),
        ("", ""),
    ],
)
def test_what_feedback_wanted_more_of_becomes_the_topic_of_a_story(said, topic):
    assert prep.story_topic(said) == topic


def test_feedback_becomes_prepare_a_story_prompts_with_what_they_said():
    said = (
        "Strong portfolio. They wanted more evidence of scaling growth. Also limited exposure to B2B sales."
    )
    found = prep.gather([setback("Globex", 3, reflect=Reflect(feedback=Feedback(received="yes", said=said)))])
    stories = found.sections["stories"]
    assert [item.text for item in stories] == [
        content.PREP_STORY.format(topic="scaling growth"),
        content.PREP_STORY.format(topic="B2B sales"),
    ]
    assert stories[0].text == "Prepare a story about scaling growth"
    assert stories[0].detail == content.PREP_THEY_SAID.format(
        quote="They wanted more evidence of scaling growth."
    )


def test_the_same_story_from_two_setbacks_is_one_prompt():
    found = prep.gather(
        [
            setback("A", 1, reflect=Reflect(feedback=Feedback(said="They wanted more experience with SQL."))),
            setback("B", 9, reflect=Reflect(feedback=Feedback(said="Not enough experience with sql"))),
        ]
    )
    (story,) = found.sections["stories"]
    assert companies(story) == ["A", "B"]


@pytest.mark.parametrize(
    ("kinds", "kept"),
    [
        ([], True),
        (["reason"], True),
        (["vague"], False),
        (["vague", "strengths"], False),
        (["vague", "reason"], True),
    ],
)
def test_feedback_marked_only_as_vague_is_not_turned_into_stories(kinds, kept):
    feedback = Feedback(received="yes", said="They wanted more evidence of scaling growth.", kinds=kinds)
    found = prep.gather([setback("Globex", 3, reflect=Reflect(feedback=feedback))])
    assert ("stories" in found.sections) is kept


# -- questions to ask ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        (
            "Ask about the team's biggest challenge earlier in the process.",
            "Ask about the team's biggest challenge earlier in the process",
        ),
        (
            'If they wrap up, then I\'ll ask "How do you measure success in 90 days?"',
            "How do you measure success in 90 days?",
        ),
        ("Next time ask them whether the role is new", "Ask whether the role is new"),
        ("I'll ask whether anything might stand in the way of an offer.", "offer"),
        ("Ask if they have any concerns about me.", "offer"),
        ("Ask for feedback sooner.", None),
        ("They asked me about budgets.", None),
        ("Ask myself whether I want it.", None),
        ("Prepare better examples.", None),
        ("If they ask about salary, then I'll name my range first.", None),
        ("If the interviewer asks why I left, then I'll ask about their team.", "Ask about their team"),
        ("I'll ask about the roadmap, then follow up with a note.", "Ask about the roadmap"),
        ("If they ask about gaps, then I'll ask whether anything stands in the way of an offer", "offer"),
    ],
)
def test_a_question_to_ask_is_found_in_the_persons_own_words(sentence, question):
    assert prep.question_to_ask(sentence) == question


def test_the_offer_question_is_always_first_and_cites_the_plans_that_name_it():
    offer_plan = "If the final interview is ending, then I will ask whether anything might stand in the way of an offer."
    found = prep.gather(
        [
            setback("Newest", 1, reflect=Reflect(differently="Ask how the team measures success.")),
            setback("Mid", 10, reflect=Reflect(if_then=offer_plan)),
            setback(
                "Old",
                20,
                reflect=Reflect(
                    if_then="If asked about gaps, then I'll ask: “What does onboarding look like?”"
                ),
            ),
        ]
    )
    asks = found.sections["ask"]
    assert [item.text for item in asks] == [
        content.PREP_OFFER_QUESTION,
        "Ask how the team measures success",
        "What does onboarding look like?",
    ]
    assert companies(asks[0]) == ["Mid"]
    assert asks[0].key == prep.OFFER_KEY
    assert found.sections["plans"][0].text == offer_plan  # the plan itself stays a plan too


# -- keys, picks, practised, own items -------------------------------------------------------------


def test_item_keys_ignore_case_spacing_and_punctuation_and_differ_by_section():
    assert prep.item_key("plans", "If X, then Y.") == prep.item_key("plans", "  if x then y ")
    assert prep.item_key("plans", "If X, then Y.") != prep.item_key("lessons", "If X, then Y.")
    assert prep.item_key("plans", "If X, then Y.") != prep.item_key("plans", "If X, then Z.")


def four_plans() -> prep.Gathered:
    return prep.gather([setback(f"C{i}", i + 1, reflect=Reflect(if_then=f"Plan {i}.")) for i in range(4)])


def test_the_newest_few_of_each_section_are_brought_until_the_person_says_otherwise():
    found = four_plans()
    chosen = prep.brought(found, PrepSheet())
    assert [item.text for item in chosen["plans"]] == ["Plan 0.", "Plan 1.", "Plan 2."]
    assert prep.DEFAULT_BROUGHT["plans"] == 3


def test_ticks_and_unticks_override_the_default_and_own_items_come_first():
    found = four_plans()
    keys = [item.key for item in found.sections["plans"]]
    sheet = prep.pick(prep.pick(PrepSheet(), keys[0], False), keys[3], True)
    sheet = prep.add_own(sheet, "plans", "My own plan.")
    chosen = prep.brought(found, sheet)
    assert [item.text for item in chosen["plans"]] == ["My own plan.", "Plan 1.", "Plan 2.", "Plan 3."]
    assert chosen["plans"][0].origin() == content.PREP_ADDED_BY_YOU


def test_practised_ticks_are_set_and_cleared_per_question():
    sheet = prep.mark_practised(PrepSheet(), "questions-00000000000000aa", True)
    sheet = prep.mark_practised(sheet, "questions-00000000000000bb", True)
    sheet = prep.mark_practised(sheet, "questions-00000000000000aa", True)  # twice is once
    assert sheet.practised == ["questions-00000000000000bb", "questions-00000000000000aa"]
    assert prep.mark_practised(sheet, "questions-00000000000000aa", False).practised == [
        "questions-00000000000000bb"
    ]


def test_own_items_are_validated_and_removed_with_their_practised_tick():
    with pytest.raises(ValueError):
        prep.add_own(PrepSheet(), "plans", "   ")
    with pytest.raises(ValueError):
        prep.add_own(PrepSheet(), "plans", "x" * 1001)
    with pytest.raises(ValueError):
        prep.add_own(PrepSheet(), "elsewhere", "text")
    sheet = prep.add_own(PrepSheet(), "questions", "My question?")
    key = prep.own_key(sheet.own[0])
    sheet = prep.mark_practised(sheet, key, True)
    assert prep.remove_own(sheet, sheet.own[0].id) == PrepSheet()


def test_pruning_forgets_ticks_of_items_that_are_gone_but_keeps_own_items():
    sheet = PrepSheet(
        picks={"plans-00000000000000aa": False, "plans-00000000000000bb": True},
        practised=["questions-00000000000000cc", "questions-00000000000000dd"],
        own=[OwnPrepItem(id="00000000000000ee", section="questions", text="Mine?")],
    )
    sheet = sheet.model_copy(update={"practised": [*sheet.practised, "own-00000000000000ee"]})
    kept = prep.pruned(sheet, {"plans-00000000000000bb", "questions-00000000000000dd"})
    assert kept.picks == {"plans-00000000000000bb": True}
    assert kept.practised == ["questions-00000000000000dd", "own-00000000000000ee"]


# -- what the PDF and the reminder show ----------------------------------------------------------


@pytest.mark.parametrize(
    ("company", "day", "title"),
    [
        ("Globex", date(2027, 3, 12), "Prep sheet — Globex, 12 March"),
        ("Globex", None, "Prep sheet — Globex"),
        ("", date(2027, 3, 12), "Prep sheet — 12 March"),
        ("", None, "Prep sheet"),
    ],
)
def test_the_sheet_is_titled_by_the_interview(company, day, title):
    assert prep.sheet_title(PrepSheet(company=company, interview_on=day)) == title


def test_the_doc_holds_what_is_brought_with_origins_and_practised_marks():
    found = prep.gather(
        [
            setback(
                "Globex", 3, reflect=Reflect(stumbles=[Stumble(question="Why us?", better_answer="Mission.")])
            )
        ]
    )
    (question,) = found.sections["questions"]
    sheet = PrepSheet(
        company="Initech", role="Lead", interview_on=date(2027, 3, 12), practised=[question.key]
    )
    doc = prep.sheet_doc(found, sheet)
    assert doc.title == "Prep sheet — Initech, 12 March"
    assert doc.facts == ("Role: Lead", "Interview: 12 March 2027")
    assert [s.section for s in doc.sections] == ["questions", "ask"]
    (entry,) = doc.sections[0].entries
    assert (entry.text, entry.detail, entry.practised) == ("Why us?", "Better answer: Mission.", True)
    assert entry.origin == "From Globex — Designer, 17 Nov 2026"
    assert (doc.left_out, doc.shortened) == (0, False)


def test_the_doc_keeps_a_few_of_each_section_shortens_long_entries_and_counts_what_it_left_out():
    found = prep.gather(
        [setback(f"C{i}", i + 1, reflect=Reflect(if_then=f"Plan {i} " + "word " * 100)) for i in range(12)]
    )
    sheet = PrepSheet(picks={item.key: True for item in found.items()})
    doc = prep.sheet_doc(found, sheet)
    plans = doc.sections[0]
    assert len(plans.entries) == prep.PDF_PER_SECTION
    assert doc.left_out == 12 - prep.PDF_PER_SECTION
    assert doc.shortened and all(len(e.text) <= prep.PDF_TEXT_CHARS for e in plans.entries)
    assert plans.entries[0].text.endswith("…")


@settings(max_examples=60, deadline=None)
@given(said=st.text(max_size=400), plan=st.text(max_size=300), win=st.text(max_size=100))
def test_any_text_gathers_without_error_and_stories_stay_short(said, plan, win):
    one = setback(
        "Globex",
        3,
        reflect=Reflect(feedback=Feedback(said=said), if_then=plan, differently=said),
        went_well=WentWell(wins=[win]),
    )
    found = prep.gather([one])
    for item in found.items():
        assert item.key.startswith(item.section + "-")
        assert item.sources in ((), (prep.Source(one.id, one.title(), one.intake.heard_on),))
    for story in found.sections.get("stories", ()):
        topic = story.text.removeprefix("Prepare a story about ")
        assert 1 <= len(topic.split()) <= prep.STORY_WORDS
    prep.sheet_doc(found, PrepSheet(picks={item.key: True for item in found.items()}))
