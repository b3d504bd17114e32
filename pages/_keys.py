"""What a person sees of their key: recovery codes, Unlock, "Forgot password?" and the Account part.

The rules live in core.keys; this module draws forms and hands their values over.
"""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from core import auth, content, keys
from core.models import utcnow
from core.storage import Account, StorageError, canonical_username
from pages import _shell as shell

UNLOCK_PASSWORD = "unlock.password"
UNLOCK_PROBLEM = "unlock.problem"
FORGOT = "forgot"
FORGOT_FIELDS = ("username", "code", "new", "repeat")
FORGOT_PROBLEM = "forgot.problem"
FORGOT_OPEN = "forgot.shown"
RECOVERED = "forgot.recovered"
CODES_NOTE = "codes.note"


# -- recovery codes, shown once ---------------------------------------------------------------


def codes_file(username: str, codes: list[str]) -> bytes:
    """The small text file a person can keep their recovery codes in."""
    listed = "\n".join(f"  {index}. {code}" for index, code in enumerate(codes, start=1))
    made = utcnow().strftime("%Y-%m-%d %H:%M UTC")
    return content.CODES_FILE.format(username=username, made=made, codes=listed).encode("utf-8")


def _codes_kept() -> None:
    st.session_state.pop(shell.NEW_CODES, None)
    try:
        keys.mark_codes_kept(shell.store(), shell.username())
    except StorageError as error:
        st.session_state[CODES_NOTE] = content.CODES_TROUBLE.format(problem=str(error))
        return
    st.toast(content.CODES_KEPT_NOTE, icon=":material/check:")


def _codes_later() -> None:
    st.session_state.pop(shell.NEW_CODES, None)
    st.toast(content.CODES_LATER_NOTE, icon=":material/schedule:")


def _show_codes(shown: dict, where: str) -> None:
    """The codes, why they matter, a download, and "I've kept them" / "Remind me later"."""
    codes = list(shown["codes"])
    with st.container(border=True, key=f"{where}.codes"):
        # Right under Start here's title the panel is the page's next level; on Account, a section's.
        (st.header if where == "new" else st.subheader)(content.CODES_TITLE, anchor=False)
        why = {
            "made": content.CODES_WHY,
            "upgraded": content.CODES_UPGRADED,
            "renewed": content.CODES_RENEWED,
        }
        st.write(why.get(shown.get("why"), content.CODES_WHY))
        st.code("\n".join(codes), language=None)
        st.caption(content.CODES_HOW)
        st.download_button(
            content.CODES_DOWNLOAD,
            data=codes_file(shell.username(), codes),
            file_name=content.CODES_FILE_NAME.format(username=shell.username()),
            mime="text/plain",
            icon=":material/download:",
            on_click="ignore",
            key=f"{where}.codes.download",
        )
        left, right = st.columns(2)
        left.button(content.CODES_KEPT, key=f"{where}.codes.kept", type="primary", on_click=_codes_kept)
        right.button(content.CODES_LATER, key=f"{where}.codes.later", on_click=_codes_later)


def new_codes_panel() -> None:
    """Codes made at sign-up or at the first sign-in since encryption, above whatever page is open."""
    shown = st.session_state.get(shell.NEW_CODES)
    if shown and shown.get("why") != "renewed":
        _show_codes(shown, "new")


# -- Unlock: the password only, for a signed-in window that can't open the key itself ---------


def _unlock() -> None:
    password = str(st.session_state.get(UNLOCK_PASSWORD) or "")
    st.session_state[UNLOCK_PASSWORD] = ""
    problem = shell.unlock_with_password(password)
    if problem:
        st.session_state[UNLOCK_PROBLEM] = problem


def unlock_page() -> None:
    """In place of the page asked for: one password field and "Unlock"."""
    labels = content.UNLOCK_FIELDS
    st.title(content.UNLOCK_TITLE, anchor=False)
    st.write(content.UNLOCK_INTRO)
    with st.form("unlock", border=True):
        st.text_input(
            labels["Password"], key=UNLOCK_PASSWORD, type="password", autocomplete="current-password"
        )
        st.form_submit_button(labels["Unlock"], type="primary", on_click=_unlock)
    if problem := st.session_state.pop(UNLOCK_PROBLEM, None):
        st.error(problem)


# -- Forgot password? ---------------------------------------------------------------------------


def _field(name: str) -> str:
    return f"{FORGOT}.{name}"


def _recover() -> None:
    """Check the code and set the new password (a callback; the next run signs the person in)."""
    state = st.session_state
    values = {name: str(state.get(_field(name)) or "") for name in FORGOT_FIELDS}
    for name in ("code", "new", "repeat"):
        state[_field(name)] = ""
    username = canonical_username(values["username"])
    problem = auth.password_problem(values["new"], username=username)
    if problem:
        state[FORGOT_PROBLEM] = content.REGISTER_PROBLEMS[problem]
        return
    if values["new"] != values["repeat"]:
        state[FORGOT_PROBLEM] = content.FORGOT_REPEAT
        return
    options = shell.settings()
    try:
        recovered = keys.recover(
            shell.store(),
            username,
            values["code"],
            values["new"],
            max_attempts=options.max_login_attempts,
            cool_down=timedelta(minutes=options.login_cool_down_minutes),
        )
    except keys.CodeRefused:
        state[FORGOT_PROBLEM] = content.FORGOT_REFUSED
        return
    except auth.SignInPaused:
        state[FORGOT_PROBLEM] = content.login_paused(options.login_cool_down_minutes)
        return
    except auth.SignInUnavailable:
        state[FORGOT_PROBLEM] = content.LOGIN_TROUBLE
        return
    state[_field("username")] = ""
    state[FORGOT_OPEN] = False
    shell.keep_recovered_key(recovered.account.username, recovered.key)
    state[RECOVERED] = (recovered.account.username, recovered.codes_left)


def _open_forgot(open_it: bool) -> None:
    st.session_state[FORGOT_OPEN] = open_it


def forgot_password() -> None:
    """The way back with a recovery code, and an honest word for those without one.

    A quiet "Forgot password?" button under Sign in; its form is drawn only once asked for, so the
    sign-in page holds one username field until then.
    """
    if not st.session_state.get(FORGOT_OPEN):
        st.button(
            content.FORGOT_TITLE,
            key="forgot.open",
            type="tertiary",
            icon=":material/key:",
            on_click=_open_forgot,
            args=(True,),
        )
        return
    labels = content.FORGOT_FIELDS
    with st.container(border=True, key="forgot.section"):
        st.subheader(content.FORGOT_TITLE, anchor=False)
        st.write(content.FORGOT_INTRO)
        with st.form(FORGOT, border=False):
            st.text_input(labels["Username"], key=_field("username"), autocomplete="username")
            st.text_input(
                labels["Code"], key=_field("code"), autocomplete="off", placeholder="XXXXX-XXXXX-XXXXX-XXXXX"
            )
            st.caption(content.PASSWORD_RULES)
            st.text_input(
                labels["New password"], key=_field("new"), type="password", autocomplete="new-password"
            )
            st.text_input(
                labels["Repeat password"], key=_field("repeat"), type="password", autocomplete="new-password"
            )
            st.form_submit_button(labels["Submit"], type="primary", on_click=_recover)
        if problem := st.session_state.pop(FORGOT_PROBLEM, None):
            st.error(problem, icon=":material/edit:")
        st.caption(content.FORGOT_NO_CODE)
        st.button(
            content.FORGOT_BACK, key="forgot.close", type="tertiary", on_click=_open_forgot, args=(False,)
        )


def finish_recovery(authenticator) -> None:
    """The run after a recovery code set a new password: signed in, as Create account does."""
    done = st.session_state.pop(RECOVERED, None)
    if not done:
        return
    username, left = done
    account = shell.store().account(username)
    if account is None:
        return
    shell.sign_in_as(account)
    shell.note_for_next_run(content.forgot_done(left))
    authenticator.cookie_controller.set_cookie()  # written at the top of the run below (if remembered)
    st.rerun()


# -- the Account page's part ------------------------------------------------------------------


def _renew() -> None:
    try:
        codes = keys.renew_codes(shell.store(), shell.username(), shell.session_key() or b"")
    except (StorageError, keys.WrongKey) as error:
        st.session_state[CODES_NOTE] = content.CODES_TROUBLE.format(
            problem=str(error) or content.UNLOCK_TROUBLE
        )
        return
    st.session_state[shell.NEW_CODES] = {"codes": codes, "why": "renewed"}


def account_section(account: Account) -> None:
    """How many codes are left, a gentle reminder until they are kept, and a new set."""
    st.header(content.CODES_SECTION, anchor=False)
    ring = account.keyring
    if ring is None:
        st.caption(content.CODES_NONE_YET if shell.settings().encryption else content.CODES_OFF)
        return
    shown = st.session_state.get(shell.NEW_CODES)
    if shown and shown.get("why") == "renewed":
        _show_codes(shown, "account")
        return
    st.write(content.codes_left(len(ring.codes)))
    if ring.codes and not ring.codes_kept and not shown:
        st.info(content.CODES_REMINDER, icon=":material/info:")
        st.button(content.CODES_KEPT, key="account.codes.kept", on_click=_codes_kept)
    st.button(
        content.CODES_NEW,
        key="account.codes.new",
        help=content.CODES_NEW_HELP,
        on_click=_renew,
        icon=":material/autorenew:",
    )
    if note := st.session_state.pop(CODES_NOTE, None):
        st.error(note)
