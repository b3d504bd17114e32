"""Reflect: possible reasons, the feedback and how to ask for it, lessons, and a plan for next time."""

import streamlit as st

from core import content, suggestions
from core.models import LIST_MAX, ReasonMark, Reflect, blank_row
from core.progress import days_since
from pages import _shell as shell
from pages._stage import Worksheet

shell.through_router()

STUMBLE = {"question": "", "better_answer": ""}

sheet = Worksheet("reflect")
start = sheet.saved or Reflect(if_then=content.REFLECT_IF_THEN_SUGGESTION)
marks = {mark.reason_id: mark for mark in start.reasons}
seeds = {}
for reason in content.REASONS:
    mark = marks.get(reason.id) or ReasonMark(reason_id=reason.id)
    seeds |= {f"reason.{reason.id}.{part}": getattr(mark, part) for part in ("applies", "control", "basis")}
sheet.seed(
    seeds
    | {"received": start.feedback.received, "said": start.feedback.said, "kinds": list(start.feedback.kinds)}
    | {
        field: getattr(start, field)
        for field in ("learned", "practice", "differently", "wanted", "if_then", "to_a_friend")
    }
)
sheet.seed_rows("stumbles", [stumble.model_dump() for stumble in start.stumbles], STUMBLE)


def reason_marks() -> list[dict]:
    """The reasons marked as applying (yes or maybe), as on screen."""
    marked = []
    for reason in content.REASONS:
        applies = sheet.value(f"reason.{reason.id}.applies", "no")
        if applies != "no":
            marked.append(
                {
                    "reason_id": reason.id,
                    "applies": applies,
                    "control": sheet.value(f"reason.{reason.id}.control", "unknown"),
                    "basis": sheet.value(f"reason.{reason.id}.basis", "guess"),
                }
            )
    return marked


def build() -> Reflect:
    """The page's values as a Reflect; blank questions are left out once everything is valid."""
    received = sheet.value("received", "no")
    values = {
        "reasons": reason_marks(),
        "feedback": {
            "received": received,
            "said": sheet.value("said", "") if received == "yes" else "",
            "kinds": sheet.value("kinds", []) if received == "yes" else [],
        },
        "stumbles": sheet.rows("stumbles", STUMBLE),
    } | {
        field: sheet.value(field, "")
        for field in ("learned", "practice", "differently", "if_then", "to_a_friend")
    }
    values["wanted"] = sheet.value("wanted")
    return Reflect.from_page(values, {"stumbles": blank_row})


def choice(label: str, options: dict[str, str], field: str, collapsed: bool = False) -> None:
    st.segmented_control(
        label,
        list(options),
        format_func=options.get,
        required=True,
        key=sheet.key(field),
        width="stretch",
        label_visibility="collapsed" if collapsed else "visible",
    )


def reason_row(reason: content.Reason) -> None:
    """One compact row per reason (its detail on demand); a reason marked as applying opens into a card."""
    marked = sheet.value(f"reason.{reason.id}.applies", "no") != "no"
    with st.container(border=marked, key=f"reason_{reason.id}"):
        text, applies = st.columns([3, 2], vertical_alignment="center")
        with text:
            st.markdown(f"**{reason.label}**" if marked else reason.label, help=reason.detail)
        with applies:
            choice(
                content.REFLECT_APPLIES_FOR.format(reason=reason.label),
                content.APPLIES,
                f"reason.{reason.id}.applies",
                collapsed=True,
            )
        if marked:
            st.caption(reason.detail)
            control, basis = st.columns(2)
            with control:
                choice(content.REFLECT_CONTROL, content.CONTROL, f"reason.{reason.id}.control")
            with basis:
                choice(content.REFLECT_BASIS, content.BASIS, f"reason.{reason.id}.basis")


sheet.header(content.REFLECT_INTRO)

st.header(content.REFLECT_REASONS, anchor=False)
st.caption(content.REFLECT_REASONS_HELP)
st.subheader(content.REFLECT_COMMON, anchor=False)
for reason in content.REASONS:
    if not reason.outside:
        reason_row(reason)
st.subheader(content.REFLECT_OUTSIDE, anchor=False)
st.caption(content.REFLECT_OUTSIDE_HELP)
for reason in content.REASONS:
    if reason.outside:
        reason_row(reason)
sheet.field_error("reasons")
if suggestions.guess_heavy(ReasonMark(**mark) for mark in reason_marks()):
    st.info(content.REFLECT_GUESS_NOTE, icon=":material/lightbulb:")
st.caption(f":material/person_search: {suggestions.look_up_note(days_since(sheet.setback))}")

st.header(content.REFLECT_FEEDBACK, anchor=False)
# Their message, to read again calmly beside what they said and what it meant.
message = sheet.setback.intake.message
if message.strip():
    with st.expander(content.REFLECT_MESSAGE, icon=":material/mail:"):
        st.caption(content.REFLECT_MESSAGE_HELP)
        st.markdown(shell.escape(message).replace("\n", "  \n"))
else:
    st.caption(content.REFLECT_NO_MESSAGE)
choice(content.REFLECT_FEEDBACK, content.FEEDBACK_RECEIVED, "received", collapsed=True)
if sheet.value("received") == "yes":
    st.text_area(content.REFLECT_FEEDBACK_SAID, key=sheet.key("said"), height=120)
    sheet.crisis_card("said")
    st.multiselect(
        content.REFLECT_FEEDBACK_KINDS,
        list(content.FEEDBACK_KINDS),
        format_func=content.FEEDBACK_KINDS.get,
        key=sheet.key("kinds"),
    )
    for kind in sheet.value("kinds", []):
        st.caption(f"**{content.FEEDBACK_KINDS[kind]}** — {content.REFLECT_FEEDBACK_MEANING[kind]}")
    sheet.field_error("feedback")
else:
    with st.container(border=True):
        st.markdown(f"**{content.REFLECT_ASK_TITLE}**")
        st.markdown(content.REFLECT_ASK_TIPS)
        with st.expander(content.REFLECT_ASK_OPEN, icon=":material/edit_note:"):
            st.caption(content.REFLECT_ASK_MESSAGE)
            sender = str(st.session_state.get("name") or "")
            st.code(
                suggestions.feedback_request(sheet.setback.intake, sender), language=None, wrap_lines=True
            )

st.header(content.REFLECT_LEARN, anchor=False)
# Self-compassion, said once: the words one would give a friend, offered to oneself.
st.text_area(content.REFLECT_FRIEND, key=sheet.key("to_a_friend"), height=68)
st.caption(content.REFLECT_FRIEND_HELP)
sheet.field_error("to_a_friend")
sheet.crisis_card("to_a_friend")
for field, prompt in content.REFLECT_LEARN_PROMPTS.items():
    st.text_area(prompt, key=sheet.key(field), height=68)
    sheet.field_error(field)
    sheet.crisis_card(field)
st.caption(content.REFLECT_LEARN_OK)

st.subheader(content.REFLECT_STUMBLES, anchor=False)
st.caption(content.REFLECT_STUMBLES_HELP)
for index in sheet.each_row("stumbles"):
    with st.container(border=True):
        question, remove = st.columns([12, 1], vertical_alignment="bottom")
        with question:
            st.text_input(
                content.REFLECT_STUMBLE_QUESTION.format(n=index + 1),
                key=sheet.row_key("stumbles", index, "question"),
            )
        with remove:
            sheet.remove_button("stumbles", index, STUMBLE)
        st.text_area(
            content.REFLECT_STUMBLE_ANSWER, key=sheet.row_key("stumbles", index, "better_answer"), height=68
        )
        sheet.field_error(f"stumbles.{index}")
        sheet.crisis_card(f"stumbles.{index}.question", f"stumbles.{index}.better_answer")
sheet.add_button("stumbles", LIST_MAX, STUMBLE)

st.header(content.REFLECT_WANTED, anchor=False)
st.segmented_control(content.REFLECT_WANTED_HELP, list(range(11)), key=sheet.key("wanted"), width="stretch")
sheet.field_error("wanted")
if suggestions.wanted_is_low(sheet.value("wanted")):
    st.info(content.REFLECT_WANTED_NUDGE, icon=":material/explore:")

st.header(content.REFLECT_IF_THEN, anchor=False)
st.caption(content.REFLECT_IF_THEN_HELP)
st.text_area(content.REFLECT_IF_THEN, key=sheet.key("if_then"), height=100, label_visibility="collapsed")
sheet.field_error("if_then")
sheet.crisis_card("if_then")

sheet.save_button(build, start)
sheet.next_link()
