"""What every page shares: settings, the store, the authenticator, the current setback, drafts."""

from __future__ import annotations

import os
import re
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import extra_streamlit_components as stx
import streamlit as st
import streamlit_authenticator as stauth
from streamlit.runtime.pages_manager import PagesManager
from streamlit_authenticator.models import cookie_model

from core import auth, content
from core.models import Setback, StageModel
from core.progress import stages_done
from core.settings import Settings, SettingsError
from core.storage import SetbackNotFound, SetbackUnreadable, StorageError, Store

DRAFT_PREFIX = "draft."
# Draft values kept while their page is closed (a plain key: deleting every "draft." key forgets it too).
DRAFT_VALUES = f"{DRAFT_PREFIX}kept"
PAGES = {
    "start": "pages/start.py",
    "vent": "pages/vent.py",
    "reflect": "pages/reflect.py",
    "went_well": "pages/went_well.py",
    "gratitude": "pages/gratitude.py",
    "next_targets": "pages/next_targets.py",
    "summary": "pages/summary.py",
    "history": "pages/history.py",
    "account": "pages/account.py",
}
NEXT_STAGE = {
    "vent": "reflect",
    "reflect": "went_well",
    "went_well": "gratitude",
    "gratitude": "next_targets",
    "next_targets": "summary",
}

# -- settings, files, authenticator ----------------------------------------------------------


class _RequestCookies(stx.CookieManager):
    """The authenticator's cookie manager without the "getAll" component it draws when built.

    The authenticator reads its cookie from the request headers (st.context.cookies), so the
    component's copy of the browser's cookies was never used; drawing it cost every new session an
    iframe, a 2.4 MB script and a second run of the whole app. Setting the cookie (sign-in) and
    deleting it (sign-out) still go through the component, as before.
    """

    def __init__(self, key: str = "init") -> None:  # the component is not drawn, so no key is taken
        self.cookie_manager = sys.modules[stx.CookieManager.__module__]._component_func
        self.cookies = dict(st.context.cookies)


# The authenticator builds its cookie manager as `stx.CookieManager()`; give it the one above.
cookie_model.stx = SimpleNamespace(CookieManager=_RequestCookies)


# Until `st.navigation` has run once in a server process, Streamlit treats a `pages/` folder beside
# the main script as its page list (the older multipage mode): a deep link as a fresh server's very
# first request would run that page on its own, without app.py's sign-in gate. Every page imports
# this module first, so switch that mode off here and start the run again through app.py.
if PagesManager.uses_pages_directory:
    PagesManager.uses_pages_directory = False
    st.rerun()


def _secrets() -> dict[str, Any]:
    """The `[rebound]` table of `.streamlit/secrets.toml`, when there is one."""
    if not st.secrets.load_if_toml_exists():
        return {}
    return dict(st.secrets.get("rebound", {}))


def settings() -> Settings:
    """The operator's settings; a bad value stops the app with a message that names it."""
    try:
        return Settings.load(os.environ, _secrets())
    except SettingsError as error:
        st.error(str(error))
        st.stop()


def data_root() -> Path:
    """The data folder, created (with credentials and cookie key) on first use."""
    root = settings().data_dir.resolve()
    auth.ensure_setup(root)
    return root


@st.cache_resource(show_spinner=False)
def _store(root: str) -> Store:
    return Store(root)


def store() -> Store:
    """The setback store for this data folder, shared by every session of the process."""
    return _store(str(data_root()))


def authenticator() -> stauth.Authenticate:
    """This session's authenticator, its credentials refreshed whenever the file changed."""
    root = data_root()
    state = st.session_state
    version = auth.credentials_version(root)
    if state.get("auth_root") != str(root) or "authenticator" not in state:
        options = auth.authenticator_options(settings(), root)
        state.authenticator = stauth.Authenticate(**options)
        state.auth_credentials = options["credentials"]
        state.auth_root = str(root)
        _remember_snapshot(version)
    elif state.auth_version != version:
        # Someone registered or changed details in another tab or session: refresh in place,
        # because the authenticator holds a reference to this very dict.
        state.auth_credentials["usernames"] = auth.load_credentials(root)["usernames"]
        _remember_snapshot(version)
    _sign_out_if_account_deleted(state.authenticator)
    return state.authenticator


def _sign_out_if_account_deleted(authenticator: stauth.Authenticate) -> None:
    """Sign out a session whose account was deleted (say, in another tab) after it signed in.

    Only an account this session has seen in the credentials counts, so a session that never
    had one on file (as in AppTest) is left alone.
    """
    state = st.session_state
    if not signed_in():
        return
    person = username().lower()
    if person in state.auth_credentials["usernames"]:
        state.auth_account_seen = person
    elif state.get("auth_account_seen") == person:
        del state["auth_account_seen"]
        authenticator.logout(location="unrendered")
        st.toast(content.ACCOUNT_GONE, icon=":material/info:", duration="long")


def _remember_snapshot(version: int) -> None:
    st.session_state.auth_snapshot = auth.snapshot(st.session_state.auth_credentials)
    st.session_state.auth_version = version


def persist_credentials() -> None:
    """Write what the authenticator changed in memory (failed attempts, details) to the file."""
    state = st.session_state
    if "auth_credentials" not in state:
        return
    root = Path(state.auth_root)
    try:
        auth.save_changes(root, state.auth_snapshot, state.auth_credentials)
    except auth.AccountError as error:  # a full disk or a busy lock: say so, keep the session going
        st.warning(str(error))
        return
    if auth.changed_users(state.auth_snapshot, state.auth_credentials):
        _remember_snapshot(auth.credentials_version(root))


def reload_credentials() -> None:
    """Take this session's credentials (and their snapshot) afresh from the file.

    After an account is removed from the file, this keeps persist_credentials() from writing
    the removed user back from the session's in-memory copy.
    """
    state = st.session_state
    if "auth_credentials" not in state:
        return
    root = Path(state.auth_root)
    state.auth_credentials["usernames"] = auth.load_credentials(root)["usernames"]
    _remember_snapshot(auth.credentials_version(root))


def commit_registration(username: str, invited: bool) -> None:
    """Add a just-registered user to the file, unless not invited or the name was taken meanwhile.

    Either way the session's credentials are then taken from the file, so a refused account does
    not linger in memory.
    """
    state = st.session_state
    record = state.auth_credentials["usernames"][username]
    try:
        if not invited:
            raise auth.AccountError(content.NOT_INVITED)
        auth.add_user(Path(state.auth_root), username, record)
    finally:
        reload_credentials()


def refuse_stale_cookie() -> None:
    """Ignore a sign-in cookie issued before its owner last signed out (see auth.mark_signed_out)."""
    if signed_in():
        return
    options = settings()
    token = st.context.cookies.get(options.cookie_name)
    root = Path(st.session_state.auth_root)
    if token and not auth.cookie_issued_after_sign_out(
        st.session_state.auth_credentials, token, auth.cookie_key(root), options.cookie_expiry_days
    ):
        # The authenticator reads no cookie for the rest of a session flagged like this.
        st.session_state["logout"] = True


def record_sign_out(person: str) -> None:
    """Make the sign-out stick even if the browser closes before it deletes the cookie."""
    auth.mark_signed_out(Path(st.session_state.auth_root), person, time.time())
    reload_credentials()


def signed_in() -> bool:
    """Whether this session belongs to a signed-in person."""
    return bool(st.session_state.get("authentication_status")) and bool(st.session_state.get("username"))


def username() -> str:
    """The signed-in person's username (pages are only reachable when signed in)."""
    return str(st.session_state["username"])


# -- the current setback ---------------------------------------------------------------------


def set_current(setback_id: str) -> None:
    """Make a setback the one the stage pages work on."""
    st.session_state.setback_id = setback_id


def current_setback() -> Setback | None:
    """The chosen setback; the newest one when nothing was chosen yet this session."""
    chosen = st.session_state.get("setback_id")
    try:
        if chosen:
            return store().load(username(), chosen)
    except SetbackNotFound:
        st.session_state.pop("setback_id", None)
    except SetbackUnreadable as error:
        st.session_state.pop("setback_id", None)
        st.warning(str(error))
    listing = store().list(username(), include_archived=False)
    if not listing.setbacks:
        return None
    set_current(listing.setbacks[0].id)
    return listing.setbacks[0]


def require_setback() -> Setback:
    """The current setback, or a friendly pointer to Start here (and the page stops)."""
    setback = current_setback()
    if setback is None:
        st.info("There's no setback to work on yet. Tell Rebound what happened first.")
        st.page_link(PAGES["start"], label=content.NAV["start"], icon=":material/arrow_forward:")
        st.stop()
    return setback


# -- drafts: typed values survive moving between pages ---------------------------------------


def draft_key(setback: Setback, stage: str, field: str) -> str:
    """The session key of a draft value, unique to the setback so switching setbacks starts fresh."""
    return f"{DRAFT_PREFIX}{setback.id}.{stage}.{field}"


def seed_drafts(setback: Setback, stage: str, saved: dict[str, Any]) -> None:
    """Give each widget its draft (kept by keep_drafts while on other pages) or else its saved value."""
    prefix = f"{DRAFT_PREFIX}{setback.id}.{stage}."
    for key, value in st.session_state.get(DRAFT_VALUES, {}).items():
        if key.startswith(prefix) and key not in st.session_state:
            st.session_state[key] = value
    for field, value in saved.items():
        st.session_state.setdefault(draft_key(setback, stage, field), value)


def keep_drafts() -> None:
    """Remember every draft value, so seed_drafts can bring it back after Streamlit drops it.

    Streamlit forgets a widget's value once a run doesn't draw it (another page is open). This only
    reads the values: writing every draft key back on each run would make Streamlit send the old
    values to the browser too, overwriting whatever the person was typing during that run.
    """
    kept = st.session_state.setdefault(DRAFT_VALUES, {})
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(DRAFT_PREFIX)]:
        if key != DRAFT_VALUES:
            kept[key] = st.session_state[key]


def drop_drafts(setback: Setback, stage: str) -> None:
    """Forget the drafts of a stage (after a save, the saved values are the new start)."""
    prefix = f"{DRAFT_PREFIX}{setback.id}.{stage}."
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(prefix)]:
        del st.session_state[key]
    kept = st.session_state.get(DRAFT_VALUES, {})
    for key in [k for k in kept if k.startswith(prefix)]:
        del kept[key]


# -- saving and small shared pieces ----------------------------------------------------------


def save_stage(setback: Setback, stage: str, model: StageModel) -> Setback | None:
    """Save one stage; on failure say so and keep what was typed on screen."""
    try:
        return store().save_stage(username(), setback.id, stage, model)
    except StorageError as error:
        st.error(str(error))
        return None


def local_time(moment: datetime) -> str:
    """A saved time as the person's clock shows it (their browser's time zone when known)."""
    try:
        zone = ZoneInfo(st.context.timezone) if st.context.timezone else UTC
    except (ZoneInfoNotFoundError, ValueError):
        zone = UTC
    return moment.astimezone(zone).strftime("%H:%M")


def saved_note(model: StageModel | None) -> None:
    """A quiet "Saved at 14:03" under the Save button."""
    if model is not None and model.saved_at is not None:
        st.caption(content.SAVED_AT.format(time=local_time(model.saved_at)))


def next_stage_link(stage: str) -> None:
    """The link to the following stage, at the bottom of a stage page."""
    following = NEXT_STAGE.get(stage)
    if following:
        st.divider()
        st.page_link(
            PAGES[following], label=f"Next: {content.NAV[following]}", icon=":material/arrow_forward:"
        )


def sidebar_progress(setback: Setback | None) -> None:
    """The current setback and which of its five stages are done."""
    if setback is None:
        st.caption(content.NO_CURRENT)
        return
    st.caption("Current setback")
    st.markdown(f"**{escape(setback.title())}**")
    done = stages_done(setback)
    st.caption("  \n".join(f"{'✓' if done[s] else '○'} {content.NAV[s]}" for s in done))


# Where GFM would make a link out of plain text (www., ://, user@): an invisible word joiner there
# stops it, since links are found after backslashes are undone.
_AUTOLINK = re.compile(r"(?<=www)(?=\.)|(?<=:)(?=//)|(?<=@)", re.IGNORECASE)
_MARKDOWN_SPECIALS = frozenset("\\`*_{}[]()#+-.!|<>~$&")


def escape(text: str) -> str:
    """Show user text literally inside markdown: no links, images, HTML, entities, icons or colours.

    ":" becomes its HTML entity, because Streamlit reads ":material/home:" and ":red[...]" even
    with backslashes; "&" is escaped so "&amp;" shows as typed.
    """
    text = _AUTOLINK.sub("\u2060", text)
    return "".join("&#58;" if ch == ":" else "\\" + ch if ch in _MARKDOWN_SPECIALS else ch for ch in text)
