"""Start here: tell Rebound what happened and go straight on; pick up, edit or delete setbacks."""

from collections.abc import Callable
from datetime import date

import streamlit as st
from pydantic import ValidationError

from core import content, patterns
from core.models import STAGES, Intake, Setback
from core.progress import days_since, next_stage, stages_done
from core.storage import StorageError
from pages import _drafts as drafts
from pages import _keys as keys_ui
from pages import _setbacks as setbacks
from pages import _shell as shell
from pages._stage import CrisisCards

shell.through_router()

LIST_STEP = 20
EDITING = setbacks.EDITING
ADD_OPEN = "start.add_open"  # whether "Add a new setback" is open (closed again once one is added)


def _new(field: str) -> str:
    """The widget key of a field of the new-setback form."""
    return f"intake.{field}"


def _reset_form() -> None:
    """Empty the form for the next time (explicit values, so the browser's copy is reset too)."""
    for field, value in (setbacks.BLANK_INTAKE | {"heard_on": date.today()}).items():
        st.session_state[_new(field)] = value


def _create() -> None:
    """Save the intake (runs before the page draws, so the new setback shows right away)."""
    values = setbacks.intake_values(_new)
    # The form's words reach the server only now: checked for the crisis card after the form.
    st.session_state.intake_words = tuple(
        str(values.get(field) or "") for field in ("company", "role", "message")
    )
    try:
        setback = shell.store().create(shell.person(), Intake(**values))
    except ValidationError as error:
        st.session_state.intake_errors = content.field_errors(error)
        return
    except StorageError as error:
        st.session_state.intake_errors = {"": str(error)}
        return
    st.session_state.intake_errors = {}
    st.session_state.intake_created = setback.id
    # Found once, at creation, and shown while this new setback is the current one.
    everything = shell.store().list(shell.person(), include_archived=True).setbacks
    st.session_state.intake_future_note = (setback.id, patterns.latest_future_note(everything, setback.id))
    shell.set_current(setback.id)
    st.session_state[ADD_OPEN] = False  # the page now has a setback: the form folds away
    st.session_state.pop(EDITING, None)
    _reset_form()


# -- editing a setback's intake ----------------------------------------------------------------
# The fields are the setback's "intake" drafts, so what is typed survives a visit to another page.


def _start_editing(setback_id: str) -> None:
    """Callback of Edit: open the setback's intake as a form, filled with what is saved."""
    st.session_state.pop(setbacks.CONFIRM, None)
    st.session_state[EDITING] = setback_id
    st.session_state.pop("edit_errors", None)


def _stop_editing(setback: Setback) -> None:
    """Close the form; its drafts go (after a save the saved intake is the new start)."""
    st.session_state.pop(EDITING, None)
    st.session_state.pop("edit_errors", None)
    drafts.drop_drafts(setback.id, "intake")


def _save_edit(setback: Setback) -> None:
    """Callback of "Save changes": replace only the intake; every stage stays as it is."""
    values = setbacks.intake_values(_edited(setback))
    try:
        saved = shell.store().save_stage(shell.person(), setback.id, "intake", Intake(**values))
    except ValidationError as error:
        st.session_state.edit_errors = content.field_errors(error)
        return
    except StorageError as error:
        st.session_state.edit_errors = {"": str(error)}
        return
    _stop_editing(setback)
    setbacks.flash("success", content.EDIT_SAVED.format(title=shell.escape(saved.title())))


def _edited(setback: Setback) -> Callable[[str], str]:
    """The widget keys of the edit form's fields: the setback's intake drafts."""
    return lambda field: drafts.draft_key(setback.id, "intake", field)


def _edit_form(setback: Setback) -> None:
    errors = st.session_state.get("edit_errors", {})
    drafts.seed_session(setback.id, "intake", setback.intake.model_dump())
    # No st.form: each field reaches the server as it is left, so a visit elsewhere keeps it.
    with st.container(key=f"edit_{setback.id}"):
        st.markdown(f"**{content.EDIT_TITLE.format(title=shell.escape(setback.title()))}**")
        setbacks.intake_fields(_edited(setback), errors)
        key = _edited(setback)
        words = (str(st.session_state.get(key(field)) or "") for field in ("company", "role", "message"))
        CrisisCards().beside(key("message"), *words)
        with st.container(horizontal=True):
            st.button(content.EDIT_SAVE, type="primary", on_click=_save_edit, args=(setback,))
            st.button(content.EDIT_CANCEL, on_click=_stop_editing, args=(setback,))
    if errors.get(""):
        st.error(errors[""], icon=":material/error:")


# -- the page --------------------------------------------------------------------------------

st.title(content.START_TITLE, anchor=False)
keys_ui.new_codes_panel()  # right after sign-up (or the first sign-in since encryption): shown once
listing = shell.store().list(shell.person(), include_archived=False)
created = st.session_state.pop("intake_created", None)
if not listing.setbacks:
    st.write(content.START_INTRO)
elif not created:
    st.write(content.START_INTRO_BACK)
setbacks.notices()
for problem in listing.problems:
    st.warning(problem.message, icon=":material/folder_open:")

current = shell.current_setback()
if current is not None:
    # What to do now, and the pacing hint, about the setback being worked on.
    with st.container(border=True, key="start_current"):
        if created == current.id:
            st.success(content.INTAKE_SAVED, icon=":material/check:")
        else:
            st.caption(content.START_CURRENT)
        st.markdown(f"**{shell.escape(current.title())}**")
        st.info(content.pacing_hint(days_since(current)), icon=":material/schedule:")
        following = next_stage(current)
        label = content.START_BEGIN if following == "vent" else content.START_CONTINUE
        if st.button(
            label.format(stage=content.NAV[following]),
            key="start.go_on",
            type="primary",
            icon=":material/arrow_forward:",
        ):
            st.switch_page(shell.PAGES[following])
        if following == "vent":
            st.caption(content.START_NEXT_HINT)

    note_for, note = st.session_state.get("intake_future_note") or (None, None)
    if note is not None and note_for == current.id:
        with st.container(border=True):
            st.markdown(f"**{content.FUTURE_NOTE_INTRO}**")
            st.markdown(shell.escape(note.text).replace("\n", "  \n"))
            when = content.time_ago((date.today() - note.heard_on).days)
            st.caption(content.FUTURE_NOTE_FROM.format(title=shell.escape(note.title), when=when))

# The form for a new setback: open while there is none, folded away once there is.
errors = st.session_state.get("intake_errors", {})
setbacks.seed_intake(_new, setbacks.BLANK_INTAKE)
if listing.setbacks:
    if errors:
        st.session_state[ADD_OPEN] = True  # a message to read: keep the form in view
    form_place = st.expander(content.START_ADD, icon=":material/add:", key=ADD_OPEN, on_change="rerun")
else:
    form_place = st.container()
with form_place:
    if listing.setbacks:
        st.caption(content.START_ADD_HELP)
    with st.form("intake", border=not listing.setbacks):
        setbacks.intake_fields(_new, errors)
        st.form_submit_button(content.SAVE, type="primary", on_click=_create)
    # Buttons can't sit inside a form, so the card goes right under it, beside the message box.
    CrisisCards().beside("intake", *st.session_state.get("intake_words", ()))
    if errors.get(""):
        st.error(errors[""], icon=":material/error:")

st.header(content.START_SETBACKS, anchor=False)
if not listing.setbacks:
    st.caption(content.NO_SETBACKS)

shown = st.session_state.get("start_list_limit", LIST_STEP)
editing = st.session_state.get(EDITING)
for setback in listing.setbacks[:shown]:
    done = stages_done(setback)
    with st.container(border=True, key=f"setback_{setback.id}"):
        st.markdown(f"**{shell.escape(setback.title())}**")
        st.caption(setbacks.facts(setback, sum(done.values()), len(STAGES)))
        with st.container(horizontal=True, vertical_alignment="center"):
            if current is not None and setback.id == current.id:
                st.badge(content.CURRENT_BADGE, color="green")
            else:
                st.button(
                    content.CHOOSE_SETBACK,
                    key=f"choose.{setback.id}",
                    on_click=shell.set_current,
                    args=(setback.id,),
                )
            st.button(
                content.EDIT,
                key=f"start.edit.{setback.id}",
                icon=":material/edit:",
                type="tertiary",
                on_click=_start_editing,
                args=(setback.id,),
                disabled=editing == setback.id,
            )
            setbacks.delete_button(setback, "start")
        setbacks.confirmation(setback, "start")
        if editing == setback.id:
            _edit_form(setback)

if len(listing.setbacks) > shown:
    st.button(
        content.SHOW_MORE_SETBACKS.format(len(listing.setbacks) - shown),
        on_click=lambda: st.session_state.update(start_list_limit=shown + LIST_STEP),
    )
