"""Rebound's router: page setup, the sign-in gate, the page list and the sidebar."""

import streamlit as st

from core import content, i18n
from pages import _drafts as drafts
from pages import _keys as keys_ui
from pages import _prefs as prefs
from pages import _preload as widgets
from pages import _shell as shell
from pages import _style as style
from pages import _transport
from pages import _warm as warm

# The language of this run: every content.X below reads in it. A callback, which runs before this
# line, speaks what the session's last run spoke.
i18n.set_resolver(prefs.spoken_language)
signed_in_before = shell.signed_in()
i18n.use(prefs.language())

_transport.install()  # unsendable text is reported, downloads are served once (once per process)
st.set_page_config(
    page_title=content.APP_NAME,
    page_icon=":material/spa:",
    layout="centered",
    # Streamlit shows its main menu, whose theme switcher _prefs drives, only with an item of the app's own.
    menu_items={"About": content.TAGLINE},
)
style.apply()
# Said above the page (page() below), so the page's own next run, once the text is fixed, clears it.
unsendable = _transport.text_was_unsendable()
if unsendable:
    st.toast(content.TEXT_UNSENDABLE, icon=":material/edit_off:", duration="long")
shell.show_note_from_last_run()

# Built once per session; it reads the sign-in cookie from the request and draws nothing.
authenticator = shell.authenticator()
# Cookies are written by a line of script, in a slot of their own at the top of the sidebar: they
# come and go from run to run without shifting the page's elements (a shift redraws the page,
# losing the focus and what is typed).
shell.cookie_slot()
shell.refuse_stale_cookie()
# Restores the session from the cookie on a reload; renders nothing.
authenticator.login(location="unrendered")
# A session whose account was deleted, or signed out elsewhere since, ends here, before any write.
shell.end_session_if_revoked()
# A reload, a restarted server or another replica opens the person's key with the cookie's secret.
shell.restore_key()
shell.issue_pending_cookie()
if shell.signed_in() and not signed_in_before:
    i18n.use(prefs.language())  # signed in on this run (a cookie on a reload): the account's choice
if shell.signed_in() and not shell.locked():
    # What the person changed reaches storage first, before anything else on this run (Sign out too).
    # A window without the person's key keeps nothing: a draft it wrote would be plaintext.
    drafts.keep_drafts()

progress_slot = None
if shell.signed_in():
    with st.sidebar:
        signed_in_part = st.empty()
        with signed_in_part.container():
            progress_slot = st.container()
            st.caption(
                content.SIDEBAR_SIGNED_IN_AS.format(name=st.session_state.get("name") or shell.username())
            )
            # Signing out here, before the page list is built, shows the sign-in page on this very run.
            person = shell.username()
            if st.button(content.SIGN_OUT, key="sign_out"):
                authenticator.logout(location="unrendered")  # the cookie's delete goes in its slot
        if not shell.signed_in():
            shell.record_sign_out(person)
            signed_in_part.empty()  # and none of what a signed-in sidebar shows

if shell.signed_in():
    pages = {
        key: st.Page(path, title=content.NAV[key], default=key == "start")
        for key, path in shell.PAGES.items()
    }
    # One flat list (Streamlit's section headers sit inside its list as non-items); a line drawn by
    # _style sets Start here, the five steps and the rest apart.
    navigation = st.navigation(list(pages.values()), expanded=True)
else:
    # Every page's address leads to sign-in, so a bookmark or reload lands there without a
    # "page not found", and opens the page it names once the person is signed in.
    sign_in = [st.Page("pages/sign_in.py", title=content.SIGN_IN_PAGE, default=True)]
    sign_in += [
        st.Page("pages/sign_in.py", title=content.SIGN_IN_PAGE, url_path=key)
        for key in shell.PAGES
        if key != "start"
    ]
    navigation = st.navigation(sign_in, position="hidden")
st.sidebar.caption(content.DISCLAIMER)
st.set_page_config(page_title=content.PAGE_TITLE.format(page=navigation.title))
with st.sidebar, style.scripts():
    style.page_focus(f"{navigation.url_path}:{navigation.title}")  # sign-in and Start here share ""
    widgets.preload()  # their scripts, into the tab while nobody is using it
    if shell.signed_in():
        prefs.apply_theme()
        drafts.leave_guard()


def unsendable_note(shown: bool) -> None:
    if shown:
        st.error(content.TEXT_UNSENDABLE, icon=":material/edit_off:")


def page(unsendable: bool) -> None:
    unsendable_note(unsendable)
    navigation.run()
    drafts.run_finished()  # reached only by a run that drew its page to the end


@st.fragment
def worksheet() -> None:
    """A stage page or Summary: a change to one of its fields reruns the page alone, not the router
    and the sidebar around it, which show nothing of the page's fields (Save, which changes the
    sidebar's progress, asks for a whole run when it does)."""
    own_run = drafts.own_fragment_run()
    if own_run:  # app.py's top did not run: what it does first, for this page
        if shell.session_revoked():
            st.rerun(scope="app")  # whose top ends the session (its cookie slot is outside this page)
        drafts.keep_drafts(whole_run=False)
        # Streamlit lets the page st.navigation returned run once per run of app.py; this run is
        # the page's own, so it may run once more (pinned Streamlit: tests/e2e prove the walk).
        navigation._can_be_called = True
    page(unsendable and not own_run)


locked = shell.locked()
try:
    if locked:
        # Signed in, but this window can't open the person's encrypted writing: the password only.
        unsendable_note(unsendable)
        keys_ui.unlock_page()
    elif shell.signed_in() and any(navigation is pages[name] for name in shell.WORKSHEETS):
        worksheet()
    else:
        page(unsendable)
finally:
    if shell.signed_in() and not locked:
        # Once a signed-in run has gone out, load what the other pages need (once per process). Not
        # on the sign-in page: a fresh server's first paint must not share the interpreter with it.
        warm.start()
        shell.start_sealing()  # what a sign-in asked to seal, now that its page is drawn
if progress_slot is not None and shell.signed_in() and not locked:
    # Drawn after the page so a save on this run already shows in the progress.
    with progress_slot:
        shell.sidebar_progress(shell.current_setback())
