"""What Start here and History share about whole setbacks: the intake fields, and delete with undo."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import suppress
from datetime import date

import streamlit as st

from core import content
from core.models import Setback
from core.storage import StorageError
from pages import _drafts as drafts
from pages import _shell as shell

INTAKE_FIELDS = ("company", "role", "stage_reached", "heard_on", "how_heard", "message")
BLANK_INTAKE = {"company": "", "role": "", "stage_reached": "interview", "how_heard": "email", "message": ""}

CONFIRM = "setbacks.confirm_delete"  # the id of the setback whose Delete was clicked
EDITING = "setbacks.editing"  # the id of the setback whose intake is open for editing (Start here)
UNDO = "setbacks.undo"  # (the deleted setback, whether it was current, when it was deleted)
FLASH = "setbacks.flash"  # ("success" | "error", words) for the next run


# -- the intake fields (creating a setback, and editing one) ---------------------------------


def seed_intake(key: Callable[[str], str], values: dict) -> None:
    """Give each intake field (its widget key is `key(field)`) a starting value, unless it has one."""
    for field in INTAKE_FIELDS:
        st.session_state.setdefault(key(field), values.get(field, date.today()))


def intake_values(key: Callable[[str], str]) -> dict:
    """The intake fields as they are on screen."""
    values = {field: st.session_state.get(key(field)) for field in INTAKE_FIELDS}
    return {field: value for field, value in values.items() if value is not None}


def intake_fields(key: Callable[[str], str], errors: dict[str, str]) -> None:
    """The intake's fields, each with its message right under it (call inside a form, after seeding)."""

    def error(field: str) -> None:
        if errors.get(field):
            st.error(errors[field], icon=":material/edit:")

    st.text_input(
        content.INTAKE_LABELS["company"],
        key=key("company"),
        max_chars=200,
        help=content.INTAKE_HELP["company"],
    )
    error("company")
    st.text_input(content.INTAKE_LABELS["role"], key=key("role"), max_chars=200)
    error("role")
    left, right = st.columns(2)
    with left:
        st.selectbox(
            content.INTAKE_LABELS["stage_reached"],
            options=list(content.STAGE_REACHED),
            format_func=content.STAGE_REACHED.get,
            key=key("stage_reached"),
        )
        st.date_input(
            content.INTAKE_LABELS["heard_on"], key=key("heard_on"), help=content.INTAKE_HELP["heard_on"]
        )
        error("heard_on")
    with right:
        st.radio(
            content.INTAKE_LABELS["how_heard"],
            options=list(content.HOW_HEARD),
            format_func=content.HOW_HEARD.get,
            key=key("how_heard"),
        )
    st.text_area(
        content.INTAKE_LABELS["message"], key=key("message"), height=120, help=content.INTAKE_HELP["message"]
    )
    error("message")


def facts(setback: Setback, done: int, total: int) -> str:
    """The one-line facts under a setback's name: stage reached, when, how far along."""
    from core.progress import days_since

    return content.SETBACK_FACTS.format(
        stage=content.STAGE_REACHED[setback.intake.stage_reached],
        when=content.time_ago(days_since(setback)),
        done=done,
        total=total,
    )


# -- delete, with a confirmation that names the setback and a short undo ----------------------


def flash(kind: str, text: str) -> None:
    st.session_state[FLASH] = (kind, text)


def ask_to_delete(setback_id: str) -> None:
    """Callback of Delete: ask first (the confirmation names the setback)."""
    st.session_state[CONFIRM] = setback_id
    if st.session_state.get(EDITING) == setback_id:
        st.session_state.pop(EDITING, None)


def keep() -> None:
    """Callback of "Keep it": nothing happens."""
    st.session_state.pop(CONFIRM, None)


def _forget_in_session(setback_id: str) -> None:
    """What this session still holds of a deleted setback: drafts, messages, the table's edits."""
    state = st.session_state
    prefixes = (f"{shell.DRAFT_PREFIX}{setback_id}.", f"errors.{setback_id}.", f"whole_page.{setback_id}.")
    for key in [k for k in state if isinstance(k, str) and k.startswith(prefixes)]:
        del state[key]
    kept = state.get(drafts.KEPT, {})
    for key in [k for k in kept if k.startswith(prefixes[0])]:
        del kept[key]
    books = state.get(drafts.BOOKS, {})
    for key in [k for k in books if k[0] == setback_id]:
        del books[key]
    state.pop(f"targets.editor.{setback_id}", None)
    if state.get(EDITING) == setback_id:
        state.pop(EDITING, None)
    note = state.get("intake_future_note")
    if note and note[0] == setback_id:
        state.pop("intake_future_note", None)


def delete(setback_id: str) -> None:
    """Callback of "Yes, delete it": delete the setback and its drafts, and hold it for a short undo."""
    st.session_state.pop(CONFIRM, None)
    user, store = shell.person(), shell.store()
    try:
        setback = store.load(user, setback_id)  # what undo brings back: the latest saved copy
        store.delete_setback(user, setback_id)
    except StorageError as error:
        flash("error", str(error))
        return
    remembered = shell.account()
    was_current = st.session_state.get("setback_id") == setback_id or bool(
        remembered and remembered.current_setback == setback_id
    )
    _forget_in_session(setback_id)
    if was_current:
        st.session_state.pop("setback_id", None)
        with suppress(StorageError):
            store.update_account(shell.username(), current_setback="")
    st.session_state[UNDO] = (setback, was_current, time.time())


def undo() -> None:
    """Callback of Undo: bring the setback back under its own id, current again if it was."""
    held = st.session_state.pop(UNDO, None)
    if held is None:
        return
    setback, was_current, _ = held
    try:
        shell.store().restore(shell.person(), setback)
    except StorageError as error:
        st.session_state[UNDO] = held  # nothing came back: the undo stays on offer
        flash("error", str(error))
        return
    if was_current:
        shell.set_current(setback.id)
    flash("success", content.UNDONE.format(title=shell.escape(setback.title())))


def _held() -> tuple[Setback, bool, float] | None:
    """The setback deleted a moment ago, while its undo lasts (then it is gone from memory too)."""
    held = st.session_state.get(UNDO)
    if held is not None and time.time() - held[2] > content.UNDO_SECONDS:
        st.session_state.pop(UNDO, None)
        return None
    return held


def notices() -> None:
    """The last action's message, and the undo of a delete while it lasts (top of the page)."""
    message = st.session_state.pop(FLASH, None)
    if message:
        kind, text = message
        if kind == "success":
            st.success(text, icon=":material/check:")
        else:
            st.error(text, icon=":material/error:")
    held = _held()
    if held is None:
        return
    with st.container(border=True, key="setbacks_undo", horizontal=True, vertical_alignment="center"):
        st.markdown(content.DELETED_ONE.format(title=shell.escape(held[0].title())), width="stretch")
        st.button(content.UNDO, key="setbacks.undo_button", icon=":material/undo:", on_click=undo)


def delete_button(setback: Setback, where: str) -> None:
    """The Delete button of a setback (its confirmation is drawn by `confirmation`)."""
    st.button(
        content.DELETE,
        key=f"{where}.delete.{setback.id}",
        icon=":material/delete:",
        type="tertiary",
        on_click=ask_to_delete,
        args=(setback.id,),
    )


def confirmation(setback: Setback, where: str) -> None:
    """Under a setback whose Delete was clicked: the question that names it, and the two answers."""
    if st.session_state.get(CONFIRM) != setback.id:
        return
    with st.container(border=True, key=f"{where}_confirm_delete"):
        st.markdown(content.DELETE_ONE_CONFIRM.format(title=shell.escape(setback.title())))
        with st.container(horizontal=True):
            st.button(
                content.DELETE_ONE_YES,
                key=f"{where}.delete_yes.{setback.id}",
                icon=":material/delete:",
                on_click=delete,
                args=(setback.id,),
            )
            st.button(
                content.DELETE_ONE_NO, key=f"{where}.delete_no.{setback.id}", type="primary", on_click=keep
            )
