"""Vent: how strong each feeling is (the "before" of the emotion arc), then free writing."""

from datetime import timedelta

import streamlit as st

from core import content
from core.models import EMOTIONS, Vent, utcnow
from pages import _shell as shell
from pages._stage import Worksheet

shell.through_router()

OWN = 3  # up to three feelings of one's own
FEELING = {"name": "", "score": 50}

sheet = Worksheet("vent")
start = sheet.saved or Vent()
sheet.seed(
    {emotion: getattr(start.check_in, emotion) for emotion in EMOTIONS}
    | {"text": start.text, "private": start.private}
)
sheet.seed_rows("own", [feeling.model_dump() for feeling in start.check_in.own], FEELING, OWN, fixed=True)


def build() -> Vent:
    """The page's values as a Vent."""
    feelings = [
        {"name": sheet.value(f"own.{i}.name", "").strip(), "score": sheet.value(f"own.{i}.score", 50)}
        for i in range(OWN)
    ]
    return Vent(
        check_in={emotion: sheet.value(emotion, 0) for emotion in EMOTIONS}
        | {"own": [feeling for feeling in feelings if feeling["name"]]},
        text=sheet.value("text", ""),
        private=sheet.value("private", True),
    )


def timer_key() -> str:
    return f"vent_timer.{sheet.setback.id}"


sheet.header(content.VENT_INTRO)
with st.container(border=True):
    st.markdown(content.VENT_NORMAL)
    st.markdown(content.VENT_LEAN_ON)

st.header(content.VENT_CHECK_IN, anchor=False)
st.caption(content.VENT_CHECK_IN_HELP)
columns = st.columns(2, gap="large")
for index, emotion in enumerate(EMOTIONS):
    with columns[index % 2]:
        st.slider(content.EMOTIONS[emotion], 0, 100, step=5, key=sheet.key(emotion))
sheet.field_error("check_in")

st.markdown(content.VENT_OWN)
for i in sheet.each_row("own"):
    name_column, score_column, remove = st.columns([4, 6, 1], gap="medium", vertical_alignment="bottom")
    with name_column:
        st.text_input(
            content.VENT_OWN_LABEL.format(n=i + 1),
            key=sheet.key(f"own.{i}.name"),
            max_chars=60,
            placeholder=content.VENT_OWN_PLACEHOLDERS[i],
        )
    with score_column:
        st.slider(
            content.VENT_OWN_SCORE,
            0,
            100,
            step=5,
            key=sheet.key(f"own.{i}.score"),
            disabled=not sheet.value(f"own.{i}.name", "").strip(),
        )
    with remove:
        if sheet.value(f"own.{i}.name", "").strip():
            sheet.remove_button("own", i, FEELING)
    sheet.crisis_card(f"own.{i}.name")

st.header(content.VENT_WRITE, anchor=False)
st.caption(content.VENT_TIMER_TIP)
started = st.session_state.get(timer_key())
if started is None:
    st.button(
        content.VENT_TIMER_START,
        icon=":material/timer:",
        on_click=lambda: st.session_state.update({timer_key(): utcnow()}),
    )
else:
    ends = started + timedelta(minutes=content.VENT_TIMER_MINUTES)
    if utcnow() >= ends:
        st.caption(content.VENT_TIMER_DONE)
    else:
        st.caption(
            content.VENT_TIMER_RUNNING.format(start=shell.local_time(started), end=shell.local_time(ends))
        )
    st.button(
        content.VENT_TIMER_STOP,
        icon=":material/timer_off:",
        type="tertiary",
        on_click=lambda: st.session_state.pop(timer_key(), None),
    )
st.text_area(
    content.VENT_WRITE_LABEL,
    key=sheet.key("text"),
    height=360,
    placeholder=content.VENT_WRITE_PLACEHOLDER,
)
sheet.field_error("text")
sheet.crisis_card("text")
st.toggle(content.VENT_PRIVATE, key=sheet.key("private"), help=content.VENT_PRIVATE_HELP)

sheet.save_button(build, start)
sheet.next_link()
