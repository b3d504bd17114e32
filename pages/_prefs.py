"""A person's display preferences, the theme (system, light or dark) and the language, and applying them.

The language works the same way: `language_choice()` / `set_language_choice()`, kept in
`Account.language` ("" follows the browser's language, `st.context.locale`); signed out, the
choice this session made. `language()` is the language a run speaks; app.py hands it to
core.i18n at the top of every run.

`theme_choice()` and `set_theme_choice()` are the only way pages read and change the choice. It is
kept in the person's account record (`Account.theme`), so it follows them to every browser and
device; `apply_theme()` re-applies it on every session's first run. Signed out, or when the account
can't be read just now, the choice this session last made (or "system") is used.
"""

from __future__ import annotations

import json

import streamlit as st

from core import content, i18n
from core.storage import StorageError
from pages import _shell as shell

THEMES = ("system", "light", "dark")
DEFAULT_THEME = "system"
_STATE_KEY = "prefs.theme"
_PICKER_KEY = "prefs.theme_picker"
# The names Streamlit's own theme switcher (in its main menu) gives the three choices.
_STREAMLIT_NAMES = {"system": "System", "light": "Light", "dark": "Dark"}


def theme_choice() -> str:
    """The person's theme: "system" (follow the device), "light" or "dark"."""
    account = shell.account() if shell.signed_in() else None
    value = account.theme if account is not None else st.session_state.get(_STATE_KEY, DEFAULT_THEME)
    return value if value in THEMES else DEFAULT_THEME


def set_theme_choice(value: str) -> None:
    """Remember the person's theme for their account; anything but the three choices is refused."""
    if value not in THEMES:
        raise ValueError(f"unknown theme {value!r}; expected one of {', '.join(THEMES)}")
    st.session_state[_STATE_KEY] = value
    if shell.signed_in():
        try:
            shell.store().update_account(shell.username(), theme=value)
        except StorageError as error:
            st.toast(str(error), icon=":material/warning:")


def _picked() -> None:
    set_theme_choice(st.session_state[_PICKER_KEY])


def theme_picker() -> None:
    """The Appearance section of Account: system, light or dark, applied at once."""
    st.header(content.THEME_TITLE, anchor=False)
    st.session_state[_PICKER_KEY] = theme_choice()
    st.radio(
        content.THEME_LABEL,
        THEMES,
        format_func=content.THEME_CHOICES.get,
        key=_PICKER_KEY,
        on_change=_picked,
        horizontal=True,
        help=content.THEME_HELP,
    )


# Streamlit has no call to set a session's theme, and keeps the browser's choice (light, dark or
# follow the system) itself, in local storage under the path the app was first opened at. Its main
# menu's theme switcher is the way to change it: this opens that menu out of sight, picks the
# person's choice and closes it again, and only when the browser's current choice differs.
_THEME_SCRIPT = """
<script>
(() => {
  const want = %s;
  const entry = performance.getEntriesByType("navigation")[0];
  const opened = new URL(entry ? entry.name : location.href).pathname;
  let current = "System";
  try { current = JSON.parse(localStorage.getItem(`stActiveTheme-${opened}-v2`)) || "System"; } catch {}
  if (current === want) return;
  const root = document.documentElement;
  const before = document.activeElement;
  const deadline = Date.now() + 10000;
  const later = (step) => { if (Date.now() < deadline) setTimeout(step, 30); else done(); };
  const done = () => {
    const button = document.querySelector('[data-testid="stMainMenuButton"]');
    if (document.querySelector('[data-testid="stMainMenuPopover"]') && button) button.click();
    setTimeout(() => {
      root.classList.remove("rebound-theme-switch");
      if (before && before.isConnected && before !== document.body) before.focus({ preventScroll: true });
    }, 0);
  };
  const pick = () => {
    const item = document.querySelector(`[data-testid="stMainMenuItem-theme-${want}"]`);
    if (!item) return later(pick);
    if (item.getAttribute("aria-checked") !== "true") item.click();
    done();
  };
  const openMenu = () => {
    const button = document.querySelector('[data-testid="stMainMenuButton"]');
    if (!button) return later(openMenu);
    root.classList.add("rebound-theme-switch");
    button.click();
    pick();
  };
  openMenu();
})();
</script>
"""


_LANGUAGE_KEY = "prefs.language"
_LANGUAGE_PICKER_KEY = "prefs.language_picker"
_SPOKEN_KEY = "prefs.language_spoken"  # what this session's last run spoke (for callbacks, which run first)
LANGUAGE_CHOICES = ("", *i18n.LANGUAGES)  # "" follows the browser


def language_choice() -> str:
    """The person's language choice: "" (follow the browser), "en" or "es"."""
    account = shell.account() if shell.signed_in() else None
    value = (
        account.language
        if account is not None and account.language
        else st.session_state.get(_LANGUAGE_KEY, "")
    )
    return value if value in LANGUAGE_CHOICES else ""


def set_language_choice(value: str) -> None:
    """Remember the person's language for their account (and this session); unknown codes are refused."""
    if value not in LANGUAGE_CHOICES:
        raise ValueError(
            f"unknown language {value!r}; expected one of {', '.join(map(repr, LANGUAGE_CHOICES))}"
        )
    st.session_state[_LANGUAGE_KEY] = value
    st.session_state[_SPOKEN_KEY] = i18n.pick(value, st.context.locale)
    if shell.signed_in():
        try:
            shell.store().update_account(shell.username(), language=value)
        except StorageError as error:
            st.toast(str(error), icon=":material/warning:")


def language() -> str:
    """The language this run speaks: the person's choice, else the browser's, else English."""
    spoken = i18n.pick(language_choice(), st.context.locale)
    st.session_state[_SPOKEN_KEY] = spoken
    return spoken


def spoken_language() -> str | None:
    """What this session's last run spoke: the language of a callback, which runs before app.py.

    None outside a session's thread (the PDF's warm-up, a download): core.i18n then speaks English
    unless the caller says otherwise (`i18n.using`).
    """
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    if get_script_run_ctx(suppress_warning=True) is None:
        return None
    return st.session_state.get(_SPOKEN_KEY)


def _language_picked() -> None:
    set_language_choice(st.session_state[_LANGUAGE_PICKER_KEY])


def language_picker() -> None:
    """The language choice (Account, and the sign-in page): same as my browser, English or Español."""
    st.session_state[_LANGUAGE_PICKER_KEY] = language_choice()
    st.selectbox(
        content.LANGUAGE_LABEL,
        LANGUAGE_CHOICES,
        format_func=content.LANGUAGE_CHOICES.get,
        key=_LANGUAGE_PICKER_KEY,
        on_change=_language_picked,
        help=content.LANGUAGE_HELP,
    )


def apply_theme() -> None:
    """Make the browser show the person's theme (a script that runs when the choice changes)."""
    st.html(_THEME_SCRIPT % json.dumps(_STREAMLIT_NAMES[theme_choice()]), unsafe_allow_javascript=True)
