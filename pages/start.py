"""Start here: tell Rebound what happened, and pick up earlier setbacks."""

from datetime import date

import streamlit as st
from pydantic import ValidationError

from core import content, patterns
from core.models import Intake
from core.progress import days_since, stages_done
from core.storage import StorageError
from pages import _shell as shell

FIELDS = ("company", "role", "stage_reached", "heard_on", "how_heard", "message")
LIST_STEP = 20


def _key(field: str) -> str:
    return f"intake.{field}"


def _reset_form() -> None:
    """Empty the form for the next time (explicit values, so the browser's copy is reset too)."""
    blank = {"company": "", "role": "", "stage_reached": "interview", "heard_on": date.today()}
    for field, value in (blank | {"how_heard": "email", "message": ""}).items():
        st.session_state[_key(field)] = value


def _create() -> None:
    """Save the intake (runs before the page draws, so the new setback shows right away)."""
    values = {field: st.session_state.get(_key(field)) for field in FIELDS}
    values = {k: v for k, v in values.items() if v is not None}
    try:
        setback = shell.store().create(shell.username(), Intake(**values))
    except ValidationError as error:
        st.session_state.intake_errors = content.field_errors(error)
        return
    except StorageError as error:
        st.session_state.intake_errors = {"": str(error)}
        return
    st.session_state.intake_errors = {}
    st.session_state.intake_created = setback.id
    # Found once, at creation, and shown while this new setback is the current one.
    everything = shell.store().list(shell.username(), include_archived=True).setbacks
    st.session_state.intake_future_note = (setback.id, patterns.latest_future_note(everything, setback.id))
    shell.set_current(setback.id)
    _reset_form()


def _field_error(field: str) -> None:
    message = st.session_state.get("intake_errors", {}).get(field)
    if message:
        st.error(message, icon=":material/edit:")


st.title(content.START_TITLE)
st.write(content.START_INTRO)

with st.form("intake", border=True):
    st.text_input("Company", key=_key("company"), max_chars=200, help=content.INTAKE_HELP["company"])
    _field_error("company")
    st.text_input("Role", key=_key("role"), max_chars=200)
    _field_error("role")
    left, right = st.columns(2)
    with left:
        st.selectbox(
            "Stage reached",
            options=list(content.STAGE_REACHED),
            index=2,
            format_func=content.STAGE_REACHED.get,
            key=_key("stage_reached"),
        )
        st.date_input(
            "Date heard",
            value=date.today(),
            key=_key("heard_on"),
            help=content.INTAKE_HELP["heard_on"],
        )
        _field_error("heard_on")
    with right:
        st.radio(
            "How it came",
            options=list(content.HOW_HEARD),
            format_func=content.HOW_HEARD.get,
            key=_key("how_heard"),
        )
    st.text_area(
        "Their message (optional)", key=_key("message"), height=120, help=content.INTAKE_HELP["message"]
    )
    _field_error("message")
    st.form_submit_button(content.SAVE, type="primary", on_click=_create)
_field_error("")

created = st.session_state.pop("intake_created", None)
listing = shell.store().list(shell.username(), include_archived=False)
for problem in listing.problems:
    st.warning(problem.message, icon=":material/folder_open:")

current = shell.current_setback()
if created and current is not None:
    st.success(content.INTAKE_SAVED, icon=":material/check:")
note_for, note = st.session_state.get("intake_future_note") or (None, None)
if note is not None and current is not None and note_for == current.id:
    with st.container(border=True):
        st.markdown(f"**{content.FUTURE_NOTE_INTRO}**")
        st.markdown(shell.escape(note.text).replace("\n", "  \n"))
        when = content.time_ago((date.today() - note.heard_on).days)
        st.caption(content.FUTURE_NOTE_FROM.format(title=shell.escape(note.title), when=when))
if listing.setbacks:
    # Pacing is about the latest news, whichever setback is being worked on.
    st.info(content.pacing_hint(days_since(listing.setbacks[0])), icon=":material/schedule:")

st.subheader("Your setbacks")
if not listing.setbacks:
    st.caption(content.NO_SETBACKS)

shown = st.session_state.get("start_list_limit", LIST_STEP)
for setback in listing.setbacks[:shown]:
    done = stages_done(setback)
    with st.container(border=True):
        text, action = st.columns([4, 1], vertical_alignment="center")
        with text:
            st.markdown(f"**{shell.escape(setback.title())}**")
            st.caption(
                f"{content.STAGE_REACHED[setback.intake.stage_reached]} · heard "
                f"{content.time_ago(days_since(setback))} · {sum(done.values())} of {len(done)} stages done"
            )
        with action:
            if current is not None and setback.id == current.id:
                st.badge(content.CURRENT_BADGE, color="green")
            else:
                st.button(
                    content.CHOOSE_SETBACK,
                    key=f"choose.{setback.id}",
                    on_click=shell.set_current,
                    args=(setback.id,),
                )

if len(listing.setbacks) > shown:
    st.button(
        f"Show more ({len(listing.setbacks) - shown} earlier)",
        on_click=lambda: st.session_state.update(start_list_limit=shown + LIST_STEP),
    )
