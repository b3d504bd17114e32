"""Sign in, or create an account."""

import base64
import html

import streamlit as st
from streamlit_authenticator.utilities import Encryptor, Helpers, LoginError

from core import auth, content
from core.storage import StorageError
from pages import _keys as keys_ui
from pages import _prefs as prefs
from pages import _shell as shell

shell.through_router()

FORM = "Register user"
CAPTCHA = "register.captcha_code"
ERRORS = "register.errors"
LOGIN = "Login"
LOGIN_USERNAME = "login.username"
LOGIN_PASSWORD = "login.password"
LOGIN_PROBLEM = "login.problem"
FIELDS = ("first_name", "last_name", "email", "username", "password", "repeat")


def _key(field: str) -> str:
    return f"register.{field}"


def _captcha_matches(secret: str) -> bool:
    entered = str(st.session_state.get(_key("captcha")) or "").strip()
    code = st.session_state.pop(CAPTCHA, None)  # one try per picture
    return bool(code) and entered == Encryptor(secret).decrypt(code)


def _register(secret: str) -> None:
    """Create the account and sign the person in (on the click, before the run it starts)."""
    options = shell.settings()
    values = {field: str(st.session_state.get(_key(field)) or "") for field in FIELDS}
    form = auth.Registration(**values)
    problems = {
        field: content.REGISTER_PROBLEMS[key] for field, key in auth.registration_problems(form).items()
    }
    if options.captcha and not _captcha_matches(secret):
        problems["captcha"] = content.REGISTER_PROBLEMS["captcha"]
    if not problems and not options.may_register(form.email):
        problems[""] = content.NOT_INVITED
    store = shell.store()
    try:
        if not problems and store.account_by_email(form.username) is not None:
            problems["username"] = content.STORAGE_MESSAGES["username_taken"]
        if not problems and options.max_sign_ups_per_client:
            auth.take_sign_up(store, shell.client(), options.max_sign_ups_per_client)
        if not problems:
            account = shell.with_new_keys(auth.new_account(form), form.password)
            store.add_account(account)
    except auth.SignUpsPaused:
        problems[""] = content.SIGN_UPS_PAUSED
    except StorageError as error:
        problems[error.key if error.key in ("email", "username") else ""] = str(error)
    st.session_state[ERRORS] = problems
    if problems:
        return
    for field in FIELDS:
        st.session_state.pop(_key(field), None)
    # Signed in straight away, as Sign in does: the click's own run opens the page asked for, its
    # top writing the cookie and saying what happened.
    shell.sign_in_as(account)
    shell.note_for_next_run(content.REGISTERED_SIGNED_IN)
    shell.authenticator().cookie_controller.set_cookie()  # none when sign-ins are not remembered


def _sign_in(authenticator) -> None:
    """Check the password on the click, before the run it starts: the person it signs in sees the
    page they asked for on that very run, its top writing the cookie (no second run)."""
    state = st.session_state
    try:
        # Failed attempts, the pause after too many and the timing are Rebound's (core.auth).
        signed_in = authenticator.authentication_controller.login(
            str(state.get(LOGIN_USERNAME) or ""), str(state.get(LOGIN_PASSWORD) or "")
        )
    except auth.ClientPaused:
        state[LOGIN_PROBLEM] = "client_paused"
    except auth.SignInPaused:
        state[LOGIN_PROBLEM] = "paused"
    except (auth.SignInUnavailable, LoginError):
        state[LOGIN_PROBLEM] = "trouble"
    else:
        state[LOGIN_PROBLEM] = "failed" if signed_in is False else None
        if signed_in:
            state.pop(LOGIN_PASSWORD, None)
            authenticator.cookie_controller.set_cookie()


def _login_problem() -> None:
    """Why the last click did not sign in, in the language of this run."""
    problem = st.session_state.get(LOGIN_PROBLEM)
    if not problem:
        return
    minutes = shell.settings().login_cool_down_minutes
    messages = {
        "failed": content.LOGIN_FAILED,
        "trouble": content.LOGIN_TROUBLE,
        "paused": content.login_paused(minutes),
        "client_paused": content.login_client_paused(minutes),
    }
    st.error(messages[problem])


def _login_form(authenticator) -> None:
    labels = content.LOGIN_FIELDS
    with st.form(LOGIN, border=True):
        st.subheader(labels["Form name"])
        st.text_input(labels["Username"], key=LOGIN_USERNAME, autocomplete="username")
        st.text_input(
            labels["Password"], key=LOGIN_PASSWORD, type="password", autocomplete="current-password"
        )
        st.form_submit_button(labels["Login"], type="primary", on_click=_sign_in, args=(authenticator,))


def _error(field: str) -> None:
    message = st.session_state.get(ERRORS, {}).get(field)
    if message:
        st.error(message, icon=":material/edit:")


def _registration_form(captcha: bool, secret: str) -> None:
    labels = content.REGISTER_FIELDS
    with st.form(FORM, border=True):
        st.subheader(labels["Form name"])
        left, right = st.columns(2)
        with left:
            st.text_input(
                labels["First name"], key=_key("first_name"), max_chars=100, autocomplete="given-name"
            )
            _error("first_name")
        with right:
            st.text_input(
                labels["Last name"], key=_key("last_name"), max_chars=100, autocomplete="family-name"
            )
            _error("last_name")
        st.text_input(labels["Email"], key=_key("email"), max_chars=320, autocomplete="email")
        _error("email")
        st.text_input(
            labels["Username"],
            key=_key("username"),
            max_chars=auth.USERNAME_MAX,
            autocomplete="username",
        )
        st.caption(content.USERNAME_RULES)
        _error("username")
        st.caption(content.PASSWORD_RULES)
        st.text_input(labels["Password"], key=_key("password"), type="password", autocomplete="new-password")
        _error("password")
        st.text_input(
            labels["Repeat password"], key=_key("repeat"), type="password", autocomplete="new-password"
        )
        _error("repeat")
        if captcha:
            st.text_input(
                labels["Captcha"],
                key=_key("captcha"),
                max_chars=8,
                autocomplete="off",
            )
            st.caption(content.CAPTCHA_HELP)
            # As an inline PNG: st.image would load numpy on the way to the sign-in page's first paint.
            png = base64.b64encode(Helpers.generate_captcha(CAPTCHA, secret).getvalue()).decode("ascii")
            alt = html.escape(content.CAPTCHA_ALT, quote=True)
            st.html(f'<img src="data:image/png;base64,{png}" alt="{alt}" width="120" height="75">')
            _error("captcha")
        st.form_submit_button(labels["Register"], type="primary", on_click=_register, args=(secret,))
    _error("")


settings = shell.settings()
authenticator = shell.authenticator()

st.title(content.SIGN_IN_TITLE, anchor=False)
st.write(content.SIGN_IN_INTRO)
prefs.language_picker()

# A recovery code set a new password on the run before: signed in here, with its own note.
keys_ui.finish_recovery(authenticator)

login_tab, register_tab = st.tabs([content.LOGIN_FIELDS["Form name"], content.REGISTER_FIELDS["Form name"]])

with login_tab:
    _login_form(authenticator)
    _login_problem()

with login_tab:
    if not shell.signed_in():
        keys_ui.forgot_password()

with register_tab:
    who = settings.registration_open_to
    if who == "nobody":
        st.info(content.REGISTRATION_CLOSED)
    else:
        if who == "listed":
            st.caption(content.REGISTRATION_LISTED)
        _registration_form(settings.captcha, auth.cookie_key(shell.store(), settings.cookie_key))
