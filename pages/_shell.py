"""What every page shares: settings, the store, the authenticator, the current setback, small pieces."""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import time
from contextlib import nullcontext, suppress
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import jwt
import streamlit as st
import streamlit_authenticator as stauth
from streamlit.runtime.pages_manager import PagesManager
from streamlit_authenticator.models import cookie_model

from core import auth, content, keys
from core.models import STAGES, Setback, StageModel
from core.progress import stages_done
from core.settings import Settings, SettingsError
from core.storage import (
    Account,
    Person,
    SetbackNotFound,
    SetbackUnreadable,
    StorageError,
    Store,
    StoreMisconfigured,
    canonical_username,
    open_store,
)

# What a session holds of a person's unsaved writing starts with this (pages/_drafts.py).
DRAFT_PREFIX = "draft."
PAGES = {
    "start": "pages/start.py",
    "vent": "pages/vent.py",
    "reflect": "pages/reflect.py",
    "went_well": "pages/went_well.py",
    "gratitude": "pages/gratitude.py",
    "next_targets": "pages/next_targets.py",
    "summary": "pages/summary.py",
    "prep": "pages/prep.py",
    "history": "pages/history.py",
    "account": "pages/account.py",
}
# The pages whose fields only change the page itself until Save (a fragment each: see app.py).
WORKSHEETS = (*STAGES, "summary")
NEXT_STAGE = {
    "vent": "reflect",
    "reflect": "went_well",
    "went_well": "gratitude",
    "gratitude": "next_targets",
    "next_targets": "summary",
}

# -- settings, files, authenticator ----------------------------------------------------------


# Cookies to write on the next run: {name: (value, expires)} (_RequestCookies.set).
COOKIES_TO_WRITE = "auth.cookies_to_write"


class _RequestCookies:
    """What the authenticator takes for extra_streamlit_components' CookieManager (it calls `set`
    and `delete`), with no component: every cookie is a line of script.

    The authenticator reads its cookie from the request headers (st.context.cookies), so the
    component's copy of the browser's cookies was never used; drawing it cost every new session an
    iframe, a 2.4 MB script and a second run of the whole app. Setting a cookie through it cost a
    sign-in the same again: the click waited for the component to load and answer before the app
    opened. A line of script has no answer, so no run follows it (one used to swallow a click made
    just after). A cookie set while a page draws (the sign-in forms) is kept for the next run's top
    (issue_pending_cookie); the page that signs someone in reruns straight away.
    """

    def __init__(self) -> None:
        self.cookies = dict(st.context.cookies)
        self.slot: Any = None  # where this run's cookie scripts go (cookie_slot())

    def set(
        self,
        cookie: str,
        val: str,
        key: str = "set",
        path: str = "/",
        expires_at: datetime | None = None,
        **_: Any,
    ) -> None:
        """Keep `cookie` for the top of the next run (issue_pending_cookie), which writes it."""
        expires = expires_at or datetime.now() + timedelta(days=1)
        st.session_state.setdefault(COOKIES_TO_WRITE, {})[cookie] = (val, expires.astimezone(UTC))
        self.cookies[cookie] = val

    def write_pending(self) -> None:
        """Write the cookies kept since the last run, in this run's slot."""
        for name, (value, expires) in st.session_state.pop(COOKIES_TO_WRITE, {}).items():
            self._write(name, value, expires)

    def delete(self, cookie: str, key: str = "delete") -> None:
        self._write(cookie, "", datetime(1970, 1, 1, tzinfo=UTC))
        self.cookies.pop(cookie, None)

    def _write(self, name: str, value: str, expires: datetime) -> None:
        when = expires.strftime("%a, %d %b %Y %H:%M:%S GMT")
        # Quoted whole (no "/" or "<" left in a name or value), so nothing can close the script.
        cookie = json.dumps(f"{quote(name, safe='')}={quote(value, safe='')}; path=/; expires={when}")
        secure = "(location.protocol === 'https:' ? '; Secure' : '')"
        script = f"<script>document.cookie = {cookie} + '; SameSite=Strict' + {secure};</script>"
        with self.slot if self.slot is not None else nullcontext():
            st.html(script, unsafe_allow_javascript=True)


def _cookies() -> _RequestCookies:
    return authenticator().cookie_controller.cookie_model.cookie_manager


def cookie_slot() -> None:
    """Open this run's place for cookies, at the top of the sidebar: nothing in the page shifts."""
    with st.sidebar:
        _cookies().slot = st.container(key="rebound_cookies")


# The authenticator builds its cookie manager as `stx.CookieManager()`: it gets the one above.
cookie_model.stx = SimpleNamespace(CookieManager=_RequestCookies)


# Until `st.navigation` has run once in a server process, Streamlit treats a `pages/` folder beside
# the main script as its page list (its older multipage mode): it sends that list of files to the
# browser and runs a deep link's file on its own, without app.py's sign-in gate. Tabs that reconnect
# to a restarted server all at once begin their runs in that mode before any of them can switch it
# off, so every page calls this first, on every run. (A run of app.py itself needs nothing: its
# st.navigation switches the mode off and replaces the list, in that same run.)
ROUTER = Path(__file__).resolve().parents[1] / "app.py"


def through_router() -> None:
    """Start this run again through app.py when Streamlit ran this page on its own."""
    if not _run_by_router():
        PagesManager.uses_pages_directory = False
        st.rerun()


def _run_by_router() -> bool:
    frame = sys._getframe(1)
    while frame is not None:
        name = frame.f_code.co_filename
        if name.endswith("app.py") and Path(name).resolve() == ROUTER:
            return True
        frame = frame.f_back
    return False


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


@st.cache_resource(show_spinner=False)
def _store(where: str) -> Store:
    """One store per process and configured backend, shared by every session."""
    return open_store(settings())


def store() -> Store:
    """The configured store; storage that can't be used stops the app with the operator's message."""
    try:
        return _store(settings().storage_location)
    except StoreMisconfigured as error:
        st.error(str(error))
        st.stop()
    except StorageError as error:
        st.error(str(error))
        st.stop()


def _cookie_key() -> str:
    """The key that signs sign-in cookies; a folder it can't be written to stops with a message."""
    try:
        return auth.cookie_key(store(), settings().cookie_key)
    except StorageError as error:
        st.error(str(error))
        st.stop()


def person() -> Person:
    """Whose data this session works on, with their unlocked key (pages need a signed-in session)."""
    return Person.named(username(), session_key())


# -- signing in ------------------------------------------------------------------------------

# When this session's sign-in was made (the form, or the cookie's issue time): a sign-out or a
# password change after that moment ends the session on its next run.
SIGNED_IN_AT = "auth.signed_in_at"


def _token_encode(self: cookie_model.CookieModel) -> str:
    """The authenticator's cookie, with when it was issued (so a later sign-out voids it)."""
    claims = auth.new_claims(st.session_state["username"], self.cookie_expiry_days)
    claims |= _unlock_claim(claims)
    self.exp_date = claims["exp_date"]
    st.session_state[SIGNED_IN_AT] = claims["iat"]
    return jwt.encode(claims, self.cookie_key, algorithm="HS256")


cookie_model.CookieModel._token_encode = _token_encode


def client() -> str:
    """The address sign-in and sign-up limits count this visitor by (see core.auth.client_address).

    X-Forwarded-For is read only when the operator names the proxies it may come from
    (`trusted_proxies`); without that, anyone could write any address into it.
    """
    options = settings()
    forwarded = ",".join(st.context.headers.get_all("X-Forwarded-For")) if options.trusted_proxies else ""
    return auth.client_address(st.context.ip_address, forwarded, options.trusted_proxies)


def device_cookie_name() -> str:
    """The cookie that marks a browser an account signed in from before (core.auth.Device)."""
    return f"{settings().cookie_name}_device"


def _device() -> auth.Device | None:
    """What this browser's device cookie says, when it is genuine."""
    token = st.context.cookies.get(device_cookie_name())
    return auth.read_device(token, _cookie_key()) if token else None


# Set after a sign-in with a password: the next run gives this browser its device cookie.
DEVICE_PENDING = "auth.device_pending"


def _check_credentials(username: str, password: str) -> bool:
    """The authenticator's password check, done by Rebound (see core.auth.check_sign_in)."""
    options = settings()
    account = auth.check_sign_in(
        store(),
        username,
        password,
        max_attempts=options.max_login_attempts,
        cool_down=timedelta(minutes=options.login_cool_down_minutes),
        client=client(),
        client_attempts=options.max_login_attempts_per_client,
        device=_device(),
    )
    if account is None:
        return False
    st.session_state[SIGNED_IN_AT] = time.time()
    _unlock_writing(account, password)
    st.session_state[DEVICE_PENDING] = True
    return True


def authenticator() -> stauth.Authenticate:
    """This session's authenticator (built once), which reads accounts from the store on demand."""
    state = st.session_state
    if "authenticator" not in state:
        options = settings()
        credentials: dict[str, Any] = {"usernames": {}}
        built = stauth.Authenticate(
            credentials=credentials,
            cookie_name=options.cookie_name,
            cookie_key=_cookie_key(),
            cookie_expiry_days=options.cookie_expiry_days,
            auto_hash=False,
            # The authenticator sleeps this long on every signed-out run; its cookie is read from
            # the request headers (st.context.cookies), so there is nothing to wait for.
            login_sleep_time=0,
        )
        # The authenticator keeps this very dict: give it the on-demand view of the accounts, and
        # let Rebound check passwords (lockout, timing and failure counts live in core.auth).
        credentials["usernames"] = auth.AuthenticatorAccounts(store())
        built.authentication_controller.authentication_model.check_credentials = _check_credentials
        state.authenticator = built
    return state.authenticator


PENDING_COOKIE = "auth.cookie_pending"
# A word for the next run's top: st.rerun() drops what the run it ends has not yet sent, toasts too.
NEXT_RUN_NOTE = "shell.next_run_note"


def note_for_next_run(message: str) -> None:
    """Show `message` as a toast at the top of the next run: for a page about to call st.rerun(),
    or a callback (the run it comes before is that next run)."""
    st.session_state[NEXT_RUN_NOTE] = message


def show_note_from_last_run() -> None:
    if message := st.session_state.pop(NEXT_RUN_NOTE, None):
        st.toast(message, icon=":material/check:", duration="long")


def sign_in_as(account: Account) -> None:
    """Sign this session in as a just-made account (the caller sets the cookie)."""
    st.session_state.update(
        authentication_status=True,
        username=account.username,
        name=account.name,
        email=account.email,
        roles=None,
        logout=None,
    )
    st.session_state[SIGNED_IN_AT] = time.time()
    _take_new_keys(account.username)
    st.session_state[DEVICE_PENDING] = True


def issue_pending_cookie() -> None:
    """Write the cookies a sign-in asked for (they are drawn in a run, not in a callback)."""
    sign_in_cookie = st.session_state.pop(PENDING_COOKIE, False)
    device_cookie = st.session_state.pop(DEVICE_PENDING, False)
    cookies = _cookies()
    if not signed_in():
        st.session_state.pop(COOKIES_TO_WRITE, None)
        return
    if sign_in_cookie:
        authenticator().cookie_controller.set_cookie()
    if device_cookie:
        token = jwt.encode(auth.new_device_claims(username()), _cookie_key(), algorithm="HS256")
        cookies.set(device_cookie_name(), token, expires_at=datetime.now() + timedelta(days=auth.DEVICE_DAYS))
    cookies.write_pending()


def change_password(account: Account, password: str) -> None:
    """Save a new password; every other sign-in of the account ends, this session carries on."""
    now = time.time()
    # The same data key, locked by the new password (keys.change_password); nothing is re-encrypted.
    keys.change_password(store(), account.username, password, session_key(), sessions_after=now)
    st.session_state[SIGNED_IN_AT] = now + 0.001
    st.session_state[PENDING_COOKIE] = True  # a new cookie, issued after the cut-off


def refuse_stale_cookie() -> None:
    """Ignore a sign-in cookie that is forged, malformed, expired, or older than a sign-out."""
    if auth.SIGN_OUTS:
        auth.SIGN_OUTS.retry(store())  # sign-outs a full disk refused: written once it can
    if signed_in():
        return
    options = settings()
    cookie = st.context.cookies.get(options.cookie_name)
    if not cookie:
        return
    token = auth.read_token(cookie, _cookie_key())
    try:
        account = store().account(token.username) if token else None
    except StorageError:
        account = None
    if token is None or not auth.session_valid(account, token.issued_at):
        # The authenticator reads no cookie for the rest of a session flagged like this.
        st.session_state["logout"] = True
        return
    st.session_state[SIGNED_IN_AT] = token.issued_at


def end_session_if_revoked() -> None:
    """Sign this session out if its account was deleted, or signed out or re-passworded since.

    Runs first on every run, before any page or callback can write for the person.
    """
    message = _revocation()
    if message is None:
        return
    authenticator().logout(location="unrendered")
    forget_session()
    st.toast(message, icon=":material/info:")


def session_revoked() -> bool:
    """Whether end_session_if_revoked() would end this session (a page's own run asks, then reruns)."""
    return _revocation() is not None


def _revocation() -> str | None:
    """What to tell a signed-in session that must end now, or None while it may go on."""
    if not signed_in():
        return None
    try:
        account = store().account(username())
    except StorageError:
        return None  # can't tell just now; every write checks the account itself
    if auth.session_valid(account, float(st.session_state.get(SIGNED_IN_AT, 0.0))):
        return None
    return content.ACCOUNT_GONE if account is None else content.SIGNED_OUT_ELSEWHERE


def forget_session() -> None:
    """Drop what this session holds of the person's writing (after sign-out or deletion)."""
    state = st.session_state
    for key in [k for k in state if isinstance(k, str) and k.startswith(DRAFT_PREFIX)]:
        del state[key]
    # "setbacks.undo": a just-deleted setback held for its undo (pages/_setbacks.py).
    for key in ("setback_id", "intake_future_note", "setbacks.undo", SIGNED_IN_AT, *KEY_STATE):
        state.pop(key, None)


def record_sign_out(username: str) -> None:
    """Make the sign-out stick everywhere: cookies issued until now stop opening the account.

    When storage can't write it (a full disk), this server holds it in memory, refuses those
    cookies meanwhile, and writes it on a later run (core.auth.PendingSignOuts).
    """
    if not auth.SIGN_OUTS.record(store(), canonical_username(username), time.time()):
        st.toast(content.SIGN_OUT_HELD, icon=":material/info:")
    _forget_remembered_sign_ins(username)
    forget_session()


# -- encryption at rest: this session's key (core.keys, core.crypto) ---------------------------

log = logging.getLogger("rebound.keys")
# The person's unlocked data key, in this session's memory only.
DATA_KEY = "crypto.key"
# Recovery codes made just now (sign-up, the first sign-in since encryption, a new set): shown
# once, then forgotten. Rebound keeps no copy that opens anything.
NEW_CODES = "crypto.new_codes"
# The key and codes of an account Create account just made, until sign_in_as takes them.
NEW_KEYS = "crypto.new_keys"
# A sealing sweep this run asked for (see _seal_old_writing), by the username it is for.
SWEEP_PENDING = "crypto.sweep_pending"
KEY_STATE = (DATA_KEY, NEW_CODES, NEW_KEYS)


def session_key() -> bytes | None:
    """This session's unlocked data key, if any."""
    return st.session_state.get(DATA_KEY)


def with_new_keys(account: Account, password: str) -> Account:
    """A just-made account with its keyring (when encryption is on); the key waits for sign_in_as."""
    st.session_state.pop(NEW_KEYS, None)
    if not settings().encryption:
        return account
    account, key, codes = keys.with_new_keyring(account, password)
    st.session_state[NEW_KEYS] = (account.username, key, codes)
    return account


def _take_new_keys(username: str) -> None:
    """Give a session signed in as a just-made account that account's key and codes to show."""
    st.session_state.pop(DATA_KEY, None)
    made = st.session_state.pop(NEW_KEYS, None)
    if made and made[0] == canonical_username(username):
        st.session_state[DATA_KEY] = made[1]
        if made[2]:
            st.session_state[NEW_CODES] = {"codes": list(made[2]), "why": "made"}


def keep_recovered_key(username: str, key: bytes) -> None:
    """The key a recovery code opened, for the run that signs the person in (sign_in_as)."""
    st.session_state[NEW_KEYS] = (canonical_username(username), key, [])


def _unlock_writing(account: Account, password: str) -> None:
    """Open the person's key with the password just checked (or make it), and seal old writing."""
    state = st.session_state
    for key in KEY_STATE:
        state.pop(key, None)
    try:
        unlocked = keys.unlock(store(), account, password, encryption=settings().encryption)
    except StorageError as error:
        log.error("Could not unlock the key of a signing-in person: %s", error.key)
        return
    if unlocked is None:
        return
    state[DATA_KEY] = unlocked.key
    if unlocked.codes:
        state[NEW_CODES] = {"codes": list(unlocked.codes), "why": "upgraded"}
    _seal_old_writing(unlocked.account, unlocked.key, every_time=True)


def _seal_old_writing(account: Account, key: bytes, every_time: bool = False) -> None:
    """Seal any plaintext the person still has, in the background once this run has drawn its page
    (at sign-in; at a restore only until everything is sealed): the sweep reads every setback, and
    beside the run it would slow the very page the person is waiting for."""
    if account.keyring is None or (account.keyring.sealed_all and not every_time):
        return
    st.session_state[SWEEP_PENDING] = account.username


def start_sealing() -> None:
    """Start the sweep this run asked for (app.py calls it once the run's page is drawn)."""
    person, key = st.session_state.pop(SWEEP_PENDING, None), session_key()
    if person is None or key is None or not signed_in() or person != username():
        return
    found = account()
    if found is not None:
        keys.seal_in_background(store(), found, key)


def _unlock_claim(claims: dict[str, Any]) -> dict[str, Any]:
    """The unlock secret a new sign-in cookie carries (its lock is kept with the account)."""
    key = session_key()
    if key is None:
        return {}
    try:
        secret = keys.remember_sign_in(
            store(), st.session_state["username"], key, claims["jti"], claims["iat"], claims["exp_date"]
        )
    except (StorageError, keys.WrongKey) as error:
        log.warning("Could not remember this sign-in's key (%s); a reload will ask to unlock", error)
        return {}
    return {keys.UNLOCK_CLAIM: secret}


def restore_key() -> None:
    """On a session restored from the cookie: open the key with the cookie's unlock secret."""
    if not signed_in() or session_key() is not None:
        return
    found = account()
    if found is None or found.keyring is None:
        return
    options = settings()
    claim = keys.cookie_unlock(
        st.context.cookies.get(options.cookie_name), auth.cookie_key(store(), options.cookie_key)
    )
    key = keys.open_remembered(found, *claim) if claim else None
    if key is not None:
        st.session_state[DATA_KEY] = key
        _seal_old_writing(found, key)


def locked() -> bool:
    """Whether this signed-in session lacks the key its person's writing is encrypted with."""
    if not signed_in() or session_key() is not None:
        return False
    found = account()
    return found is not None and found.keyring is not None


def unlock_with_password(password: str) -> str | None:
    """Unlock a signed-in session with the password only; None, or why not (a message)."""
    options = settings()
    try:
        found = auth.check_sign_in(
            store(),
            username(),
            password,
            max_attempts=options.max_login_attempts,
            cool_down=timedelta(minutes=options.login_cool_down_minutes),
        )
    except auth.SignInPaused:
        return content.login_paused(options.login_cool_down_minutes)
    except auth.SignInUnavailable:
        return content.UNLOCK_TROUBLE
    if found is None:
        return content.UNLOCK_WRONG
    _unlock_writing(found, password)
    if session_key() is None:
        return content.UNLOCK_TROUBLE
    st.session_state[PENDING_COOKIE] = True  # a new cookie, whose secret opens the key next time
    return None


def _forget_remembered_sign_ins(username: str) -> None:
    """Signing out removes every remembered sign-in's lock: a cookie kept afterwards opens nothing."""
    try:
        keys.forget_sign_ins(store(), username)
    except StorageError as error:
        log.warning("Could not forget remembered sign-ins (%s)", error.key)


def signed_in() -> bool:
    """Whether this session belongs to a signed-in person."""
    return bool(st.session_state.get("authentication_status")) and bool(st.session_state.get("username"))


def username() -> str:
    """The signed-in person's username, canonical (pages are only reachable when signed in)."""
    return canonical_username(str(st.session_state["username"]))


def account() -> Account | None:
    """The signed-in person's account record."""
    try:
        return store().account(username())
    except StorageError:
        return None


# -- the current setback ---------------------------------------------------------------------


def set_current(setback_id: str) -> None:
    """Make a setback the one the stage pages work on, here and next time (any device)."""
    st.session_state.setback_id = setback_id
    with suppress(StorageError):  # else remembered for this session at least
        store().update_account(username(), current_setback=setback_id)


# The setback this session last read, and whether this run had to show it instead of a fresh copy.
LAST_READ = "storage.last_read"
UNREACHABLE = "storage.unreachable"


def current_setback() -> Setback | None:
    """The chosen setback: this session's, else the account's last, else the newest one.

    When storage can't be reached (a database gone away), the copy this session read last is
    shown instead, so the page still draws with what the person has typed; their Save says it
    did not save. With no copy to show, the page stops with the message.
    """
    try:
        setback = _read_current()
    except (SetbackNotFound, SetbackUnreadable):
        raise
    except StorageError as error:
        held = st.session_state.get(LAST_READ)
        if held is None or held.id != st.session_state.get("setback_id"):
            st.error(str(error), icon=":material/cloud_off:")
            st.stop()
        st.session_state[UNREACHABLE] = str(error)
        return held
    st.session_state[LAST_READ] = setback
    st.session_state.pop(UNREACHABLE, None)
    return setback


def _read_current() -> Setback | None:
    chosen = st.session_state.get("setback_id")
    if not chosen:
        remembered = account()
        chosen = remembered.current_setback if remembered else ""
    try:
        if chosen:
            setback = store().load(person(), chosen)
            if not setback.archived or st.session_state.get("setback_id") == chosen:
                st.session_state.setback_id = chosen
                return setback
    except SetbackNotFound:
        pass
    except SetbackUnreadable as error:
        st.warning(str(error))
    st.session_state.pop("setback_id", None)
    listing = store().list(person(), include_archived=False)
    if not listing.setbacks:
        return None
    st.session_state.setback_id = listing.setbacks[0].id
    return listing.setbacks[0]


def require_setback() -> Setback:
    """The current setback, or a friendly pointer to Start here (and the page stops)."""
    setback = current_setback()
    if setback is None:
        st.info(content.NO_SETBACK_YET)
        st.page_link(PAGES["start"], label=content.NAV["start"], icon=":material/arrow_forward:")
        st.stop()
    if st.session_state.get(UNREACHABLE):
        st.warning(content.SHOWING_LAST_READ, icon=":material/cloud_off:")
    return setback


# -- saving and small shared pieces ----------------------------------------------------------


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
            PAGES[following],
            label=content.NEXT_STAGE_LINK.format(stage=content.NAV[following]),
            icon=":material/arrow_forward:",
        )


def sidebar_progress(setback: Setback | None) -> None:
    """The current setback and which of its five stages are done."""
    if setback is None:
        st.caption(content.NO_CURRENT)
        return
    st.caption(content.CURRENT_SETBACK)
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
