"""Sign in, or create an account."""

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
    try:
        authenticator.login(
            location="main", max_login_attempts=settings.max_login_attempts, fields=content.LOGIN_FIELDS
        )
    except LoginError:
        st.error(content.LOGIN_LOCKED)
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
            _, new_username, _ = authenticator.register_user(
                location="main",
                pre_authorized=list(settings.preauthorized_emails) or None,
                fields=content.REGISTER_FIELDS,
                captcha=settings.captcha,
                password_hint=False,
                clear_on_submit=False,
            )
            if new_username:
                shell.commit_registration(new_username)
                st.success(content.REGISTERED)
        except RegisterError as error:
            st.error(content.register_problem(str(error)))
        except auth.AccountError as error:
            st.error(str(error))
