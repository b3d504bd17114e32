"""Account: name and email, password, and full control of one's own data (export, delete)."""

from __future__ import annotations

import streamlit as st

from core import auth, content, data_zip, i18n
from core.models import utcnow
from core.storage import Account, Person, StorageError, Store
from core.storage.draft_writer import DraftWriter
from pages import _drafts as drafts
from pages import _import as importing
from pages import _keys as keys_ui
from pages import _prefs as prefs
from pages import _shell as shell

shell.through_router()

CONFIRM_KEY = "account.delete_confirm"
PROBLEM_KEY = "account.delete_problem"
DETAILS = ("first_name", "last_name", "email")
DETAILS_PROBLEM, DETAILS_NOTE = "account.details_problem", "account.details_note"
PASSWORD_PROBLEM, PASSWORD_NOTE = "account.password_problem", "account.password_note"


def _export(store: Store, person: Person, account: dict[str, str], keeper: DraftWriter | None) -> bytes:
    """The zip, built only when the button is clicked (outside the script run: no st.* here).

    Drafts go in a folder of their own, once the writer has stored what it was handed.
    """
    setbacks = store.list(person, include_archived=True).setbacks
    if keeper is not None:
        keeper.flush()
    try:
        prep_sheet = store.load_prep_sheet(person)
    except StorageError:
        prep_sheet = None  # set aside if damaged; the setbacks are what matter here
    return data_zip.build_zip(setbacks, account, utcnow(), store.drafts(person), prep_sheet=prep_sheet)


def _delete_everything() -> None:
    """Remove the account and all the person's data, then sign out; runs before the page draws."""
    username = shell.username()
    typed = str(st.session_state.get(CONFIRM_KEY) or "").strip()
    if typed.casefold() != username.casefold():
        st.session_state[PROBLEM_KEY] = content.DELETE_MISMATCH
        return
    try:
        shell.store().remove_account(username)
    except StorageError as error:
        st.session_state[PROBLEM_KEY] = content.DELETE_FAILED.format(problem=str(error))
        return
    # Signed out before the router runs, so this very run shows the sign-in page; the
    # authenticator also asks the browser to delete the sign-in cookie.
    shell.authenticator().logout(location="unrendered")
    shell.forget_session()
    st.session_state.pop(CONFIRM_KEY, None)
    st.toast(content.DELETED, icon=":material/check:", duration="infinite")


def _save_details() -> None:
    """Save name and email from the form (a callback, so the summary above shows the change)."""
    values = {field: str(st.session_state.get(f"account.details.{field}") or "").strip() for field in DETAILS}
    current = shell.account()
    problems = auth.details_problems(values)
    if current is None or problems:
        st.session_state[DETAILS_PROBLEM] = content.REGISTER_PROBLEMS[next(iter(problems.values()), "email")]
        return
    if all(getattr(current, field) == value for field, value in values.items()):
        st.session_state[DETAILS_NOTE] = content.DETAILS_SAME
        return
    try:
        updated = shell.store().update_account(shell.username(), **values)
    except StorageError as error:
        st.session_state[DETAILS_PROBLEM] = str(error)
        return
    st.session_state["name"], st.session_state["email"] = updated.name, updated.email
    st.session_state[DETAILS_NOTE] = content.DETAILS_SAVED


def _details(account: Account) -> None:
    st.text(
        content.SIGNED_IN_AS.format(name=account.name, username=account.username, email=account.email or "—")
    )
    labels = content.DETAILS_FIELDS
    for field in DETAILS:
        st.session_state.setdefault(f"account.details.{field}", getattr(account, field))
    with st.form("account.details", border=True):
        st.subheader(labels["Form name"])
        left, right = st.columns(2)
        left.text_input(labels["First name"], key="account.details.first_name", max_chars=100)
        right.text_input(labels["Last name"], key="account.details.last_name", max_chars=100)
        st.text_input(labels["Email"], key="account.details.email", max_chars=320, autocomplete="email")
        st.form_submit_button(labels["Update"], on_click=_save_details)
    if problem := st.session_state.pop(DETAILS_PROBLEM, None):
        st.error(problem)
    if note := st.session_state.pop(DETAILS_NOTE, None):
        st.success(note, icon=":material/check:")


def _change_password() -> None:
    """Check the current password, save the new one and end every other sign-in (a callback)."""
    state = st.session_state
    current, new, repeat = (
        str(state.get(f"account.password.{f}") or "") for f in ("current", "new", "repeat")
    )
    for field in ("current", "new", "repeat"):
        state[f"account.password.{field}"] = ""
    state.pop(PASSWORD_NOTE, None)
    account = shell.account()
    if account is None or not auth.verify_password(current, account.password_hash):
        state[PASSWORD_PROBLEM] = content.PASSWORD_PROBLEMS["current"]
        return
    problem = auth.password_problem(new, username=account.username, email=account.email)
    if problem:
        state[PASSWORD_PROBLEM] = content.REGISTER_PROBLEMS[problem]
        return
    if new != repeat:
        state[PASSWORD_PROBLEM] = content.PASSWORD_PROBLEMS["repeat"]
        return
    if new == current:
        state[PASSWORD_PROBLEM] = content.PASSWORD_PROBLEMS["same"]
        return
    try:
        shell.change_password(account, new)
    except StorageError as error:
        state[PASSWORD_PROBLEM] = str(error)
        return
    state[PASSWORD_NOTE] = content.PASSWORD_SAVED


def _password() -> None:
    labels = content.PASSWORD_FIELDS
    with st.form("account.password", border=True):
        st.subheader(labels["Form name"])
        st.text_input(
            labels["Current password"],
            key="account.password.current",
            type="password",
            autocomplete="current-password",
        )
        st.caption(content.PASSWORD_RULES)
        st.text_input(
            labels["New password"], key="account.password.new", type="password", autocomplete="new-password"
        )
        st.text_input(
            labels["Repeat password"],
            key="account.password.repeat",
            type="password",
            autocomplete="new-password",
        )
        st.form_submit_button(labels["Reset"], on_click=_change_password)
    if problem := st.session_state.pop(PASSWORD_PROBLEM, None):
        st.error(problem)
    # Kept until the form is sent again: the new cookie's component reruns the page at once, and a
    # note shown for one run only would vanish before it could be read.
    if note := st.session_state.get(PASSWORD_NOTE):
        st.success(note, icon=":material/check:")


def _export_section(account: Account) -> None:
    st.header(content.EXPORT_TITLE, anchor=False)
    st.write(content.EXPORT_HELP)
    details = {field: str(getattr(account, field) or "") for field in data_zip.ACCOUNT_FIELDS}
    store, person, keeper = shell.store(), shell.person(), drafts.writer()
    st.download_button(
        content.EXPORT_BUTTON,
        # A callable runs only on click, so the zip holds what is saved at that moment.
        data=i18n.bound(
            lambda: _export(store, person, details, keeper)
        ),  # the zip's README in the page's language
        file_name=data_zip.file_name(utcnow()),
        mime="application/zip",
        icon=":material/download:",
        on_click="ignore",
        key="account.export",
    )


def _delete_section(username: str) -> None:
    st.header(content.DELETE_TITLE, anchor=False)
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


account = shell.account() if shell.signed_in() else None  # only reachable through the sign-in gate
if account is not None:
    st.title(content.NAV["account"], anchor=False)
    st.write(content.ACCOUNT_INTRO)
    st.header(content.ACCOUNT_DETAILS_TITLE, anchor=False)  # over the two forms' own headings
    _details(account)
    st.divider()
    _password()
    st.divider()
    keys_ui.account_section(account)
    st.divider()
    prefs.theme_picker()
    prefs.language_picker()
    st.divider()
    _export_section(account)
    st.divider()
    importing.section()
    st.divider()
    _delete_section(account.username)
