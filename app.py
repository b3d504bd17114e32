"""Rebound's router: page setup, the sign-in gate, the page list and the sidebar."""

import streamlit as st

from core import content
from pages import _shell as shell

st.set_page_config(page_title=content.APP_NAME, page_icon=":material/spa:", layout="centered")

# Built once per session; it reads the sign-in cookie from the request and draws nothing.
authenticator = shell.authenticator()
shell.refuse_stale_cookie()
# Restores the session from the cookie on a reload; renders nothing.
authenticator.login(location="unrendered")

progress_slot = None
if shell.signed_in():
    with st.sidebar:
        progress_slot = st.container()
        st.caption(f"Signed in as {st.session_state.get('name') or shell.username()}")
        # Signing out here, before the page list is built, shows the sign-in page on this very run.
        person = shell.username()
        authenticator.logout(content.SIGN_OUT, location="sidebar", key="sign_out")
        if not shell.signed_in():
            shell.record_sign_out(person)

if shell.signed_in():
    shell.keep_drafts()
    pages = {
        key: st.Page(path, title=content.NAV[key], default=key == "start")
        for key, path in shell.PAGES.items()
    }
    navigation = st.navigation(
        {
            "": [pages["start"]],
            "Five steps": [pages[s] for s in ("vent", "reflect", "went_well", "gratitude", "next_targets")],
            "Keep": [pages["summary"], pages["history"], pages["account"]],
        }
    )
else:
    # Every page's address leads to sign-in, so a bookmark or reload lands there without a
    # "page not found", and opens the page it names once the person is signed in.
    sign_in = [st.Page("pages/sign_in.py", title="Sign in", default=True)]
    sign_in += [
        st.Page("pages/sign_in.py", title="Sign in", url_path=key) for key in shell.PAGES if key != "start"
    ]
    navigation = st.navigation(sign_in, position="hidden")
st.sidebar.caption(content.DISCLAIMER)

try:
    navigation.run()
    if progress_slot is not None and shell.signed_in():
        # Drawn after the page so a save on this run already shows in the progress.
        with progress_slot:
            shell.sidebar_progress(shell.current_setback())
finally:
    shell.persist_credentials()
