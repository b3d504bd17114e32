"""Sign in, or create an account."""

from datetime import timedelta

import streamlit as st
from streamlit_authenticator.utilities import LoginError, RegisterError

from core import auth, content
from pages import _shell as shell

settings = shell.settings()
authenticator = shell.authenticator()

st.title(content.SIGN_IN_TITLE)
st.write(content.SIGN_IN_INTRO)

login_tab, register_tab = st.tabs([content.LOGIN_FIELDS["Form name"], content.REGISTER_FIELDS["Form name"]])

with login_tab:
    # The authenticator would pause an account for good after max_login_attempts; this lets the
    # failed attempts stop counting once the cool-down has passed since the last one.
    auth.lift_expired_lockouts(
        st.session_state.auth_credentials, cool_down=timedelta(minutes=settings.login_cool_down_minutes)
    )
    try:
        authenticator.login(
            location="main", max_login_attempts=settings.max_login_attempts, fields=content.LOGIN_FIELDS
        )
    except LoginError as error:
        paused = "login attempts exceeded" in str(error)
        st.error(content.login_paused(settings.login_cool_down_minutes) if paused else content.LOGIN_TROUBLE)
    if st.session_state.get("authentication_status") is False:
        st.error(content.LOGIN_FAILED)
    elif shell.signed_in():
        # No st.rerun() here: the cookie component must reach the browser first; it reruns the app.
        st.success(f"Welcome, {st.session_state.get('name') or shell.username()}. One moment…")

with register_tab:
    who = settings.registration_open_to
    if who == "nobody":
        st.info(content.REGISTRATION_CLOSED)
    else:
        if who == "listed":
            st.caption(content.REGISTRATION_LISTED)
        try:
            # Invitations are checked by Rebound (settings.may_register), without regard to case.
            email, new_username, _ = authenticator.register_user(
                location="main",
                pre_authorized=None,
                fields=content.REGISTER_FIELDS,
                captcha=settings.captcha,
                password_hint=False,
                clear_on_submit=False,
            )
            if new_username:
                shell.commit_registration(new_username, invited=settings.may_register(email))
                st.success(content.REGISTERED)
        except RegisterError as error:
            st.error(content.register_problem(str(error)))
        except auth.AccountError as error:
            st.error(str(error))
