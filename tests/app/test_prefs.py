"""The theme choice on Account: system by default, light or dark when picked, and the script that applies it."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from core import content
from tests.app.conftest import signed_in_app
from tests.factories import files_store


def account() -> AppTest:
    at = signed_in_app()
    at.run()
    at.switch_page("pages/account.py").run()
    return at


def theme_scripts(at: AppTest) -> list[str]:
    return [
        element.proto.body
        for element in at.sidebar
        if getattr(element, "type", "") == "html" and "stMainMenuItem-theme-" in element.proto.body
    ]


def picker(at: AppTest):
    return next(radio for radio in at.radio if radio.label == content.THEME_LABEL)


def test_the_theme_is_the_devices_until_the_person_picks_one_and_the_app_applies_the_pick():
    at = account()
    assert picker(at).value == "system"
    assert [content.THEME_CHOICES[key] for key in ("system", "light", "dark")] == picker(at).options
    assert 'const want = "System";' in theme_scripts(at)[0]

    picker(at).set_value("dark").run()
    assert at.session_state["prefs.theme"] == "dark"
    assert 'const want = "Dark";' in theme_scripts(at)[0]

    # Elsewhere in the app the choice holds, and coming back shows it picked.
    at.switch_page("pages/history.py").run()
    assert 'const want = "Dark";' in theme_scripts(at)[0]
    at.switch_page("pages/account.py").run()
    assert picker(at).value == "dark"
    assert not at.exception


def test_only_the_three_choices_are_taken():
    at = account()
    at.session_state["prefs.theme"] = "sepia"  # e.g. a stored value from a later version
    at.run()
    assert picker(at).value == "system"
    assert not at.exception


def test_the_choice_is_kept_for_the_account_and_a_new_session_elsewhere_applies_it(data_dir):
    at = account()
    picker(at).set_value("light").run()
    assert files_store(data_dir).account("sam").theme == "light"
    elsewhere = account()  # a new session: another tab, browser or device
    assert picker(elsewhere).value == "light"
    assert 'const want = "Light";' in theme_scripts(elsewhere)[0]
    assert not elsewhere.exception
