"""Account: name and email, password, and full control of one's own data (export, delete)."""

from __future__ import annotations

import streamlit as st
from streamlit_authenticator.utilities import CredentialsError, ResetError, UpdateError

from core import auth, content, export
from core.models import utcnow
from core.storage import StorageError, Store
from pages import _shell as shell

CONFIRM_KEY = "account.delete_confirm"
PROBLEM_KEY = "account.delete_problem"


def _export(store: Store, username: str, account: dict[str, str]) -> bytes:
    """The zip, built only when the button is clicked (outside the script run: no st.* here)."""
    setbacks = store.list(username, include_archived=True).setbacks
    return export.build_zip(setbacks, account, utcnow())


def _delete_everything() -> None:
    """Remove the person's setbacks, then their account, then sign out; runs before the page draws."""
    username = shell.username()
    authenticator = shell.authenticator()
    typed = str(st.session_state.get(CONFIRM_KEY) or "").strip()
    if typed.casefold() != username.casefold():
        st.session_state[PROBLEM_KEY] = content.DELETE_MISMATCH
        return
    try:
        # Data first: if this fails part-way, the account still exists to try again with.
        shell.store().delete_user(username)
        auth.remove_user(shell.data_root(), username)
    except (StorageError, OSError) as error:
        problem = str(error) if isinstance(error, StorageError) else (error.strerror or "").strip()
        st.session_state[PROBLEM_KEY] = content.DELETE_FAILED.format(problem=problem or "")
        return
    # Without this, the end of this run would write the session's copy of the user back.
    shell.reload_credentials()
    # Signed out before the router runs, so this very run shows the sign-in page; the
    # authenticator also asks the browser to delete the sign-in cookie.
    authenticator.logout(location="unrendered")
    _forget_session()
    st.toast(content.DELETED, icon=":material/check:", duration="infinite")


def _forget_session() -> None:
    """Drop what this session still holds of the person's writing."""
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(shell.DRAFT_PREFIX)]:
        del st.session_state[key]
    for key in ("setback_id", "intake_future_note", CONFIRM_KEY):
        st.session_state.pop(key, None)


def _details(authenticator, username: str) -> None:
    summary = st.container()
    try:
        if authenticator.update_user_details(
            username, fields=content.DETAILS_FIELDS, key="account.details", clear_on_submit=True
        ):
            st.success(content.DETAILS_SAVED, icon=":material/check:")
    except UpdateError as error:
        st.error(content.details_problem(str(error)))
    # Filled in after the form so a change made just now already shows; plain text, no markdown.
    record = st.session_state.auth_credentials["usernames"].get(username, {})
    name = " ".join(part for part in (record.get("first_name"), record.get("last_name")) if part)
    with summary:
        st.text(
            content.SIGNED_IN_AS.format(
                name=name or username, username=username, email=record.get("email") or "—"
            )
        )


def _password(authenticator, username: str) -> None:
    try:
        if authenticator.reset_password(
            username, fields=content.PASSWORD_FIELDS, key="account.password", clear_on_submit=True
        ):
            st.success(content.PASSWORD_SAVED, icon=":material/check:")
    except (ResetError, CredentialsError) as error:
        st.error(content.password_problem(str(error)))


def _export_section(username: str) -> None:
    st.subheader(content.EXPORT_TITLE)
    st.write(content.EXPORT_HELP)
    record = st.session_state.auth_credentials["usernames"].get(username, {})
    account = {"username": username} | {k: str(record.get(k) or "") for k in export.ACCOUNT_FIELDS[1:]}
    store = shell.store()
    st.download_button(
        content.EXPORT_BUTTON,
        # A callable runs only on click, so the zip holds what is saved at that moment.
        data=lambda: _export(store, username, account),
        file_name=export.file_name(utcnow()),
        mime="application/zip",
        icon=":material/download:",
        on_click="ignore",
        key="account.export",
    )


def _delete_section(username: str) -> None:
    st.subheader(content.DELETE_TITLE)
    st.warning(content.DELETE_WARNING, icon=":material/warning:")
    with st.form("account.delete", border=True):
        st.text_input(
            content.DELETE_CONFIRM.format(username=shell.escape(username)),
            key=CONFIRM_KEY,
            autocomplete="off",
        )
        st.form_submit_button(
            content.DELETE_BUTTON, icon=":material/delete_forever:", on_click=_delete_everything
        )
    problem = st.session_state.pop(PROBLEM_KEY, None)
    if problem:
        st.error(problem)


if shell.signed_in():  # only reachable through the router's sign-in gate
    authenticator = shell.authenticator()
    username = shell.username()
    st.title(content.NAV["account"])
    st.write(content.ACCOUNT_INTRO)
    _details(authenticator, username)
    st.divider()
    _password(authenticator, username)
    st.divider()
    _export_section(username)
    st.divider()
    _delete_section(username)
