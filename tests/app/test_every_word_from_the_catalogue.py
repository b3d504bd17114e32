"""Every page's words come from the message catalogue: in English no string outside it, in Spanish no English left.

Each page is opened through the router for a person with a setback filled in at every stage, and
every string its elements show is matched against the catalogue (tests/app/shown_words.py). What
is left over must be the person's own text or a proper name; anything else is a word that is not
in the catalogue (English), or not translated (Spanish).
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from babel.dates import get_month_names

from core import catalogue, content, i18n
from core.models import STAGES
from core.storage import Person
from pages import _shell as shell
from tests.app import shown_words
from tests.app.conftest import signed_in_app
from tests.factories import full_setback, people_store

USER = "sam"
PROPER_NAMES = ("Rebound", "English", "Español", "findahelpline.com", "Sam Rivera", "Sam")


def _catalogue(language: str) -> list[str]:
    if language == i18n.SOURCE:
        return [text for one, other in catalogue.source_messages().values() for text in (one, other) if text]
    spanish = catalogue.read_po(language)
    found = []
    for message in spanish:
        if message.id and message.string:
            found += list(message.string) if isinstance(message.string, tuple) else [message.string]
    return found


@pytest.fixture(scope="module")
def templates():
    return {language: shown_words.patterns(_catalogue(language)) for language in i18n.LANGUAGES}


@pytest.fixture
def person_with_everything(data_dir):
    store = people_store(data_dir, USER)
    whole = full_setback()
    setback = store.create(Person(USER), whole.intake)
    for stage in STAGES:
        model = getattr(whole, stage)
        if model is not None:
            store.save_stage(Person(USER), setback.id, stage, model)
    store.update_account(USER, current_setback=setback.id)
    return store, store.load(Person(USER), setback.id)


def _own_words(store, setback, language: str) -> list[str]:
    """The person's own text: everything in their setback and account, and month names in the page's language."""
    words: list[str] = []

    def gather(value) -> None:
        if isinstance(value, str) and not re.fullmatch(r"[a-z_]+|[0-9T:.+-]+", value):  # ids, choices, dates
            words.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                gather(item)
        elif isinstance(value, list):
            for item in value:
                gather(item)

    gather(setback.model_dump(mode="json"))
    account = store.account(USER)
    words += [account.username, account.first_name, account.last_name, account.email, setback.title()]
    words += list(get_month_names("wide", locale=i18n.BABEL_LOCALES[language]).values())
    words += list(get_month_names("abbreviated", locale=i18n.BABEL_LOCALES[language]).values())
    return [*words, *PROPER_NAMES]


def _open(page: str, language: str, store):
    store.update_account(USER, language=language)
    at = signed_in_app(USER)
    at.run()
    at.switch_page(shell.PAGES[page]).run()
    assert not at.exception
    return at


@pytest.mark.parametrize("page", list(shell.PAGES))
@pytest.mark.parametrize("language", ["en", "es"])
def test_every_string_a_page_shows_is_in_the_catalogue_of_its_language(
    page, language, person_with_everything, templates
):
    store, setback = person_with_everything
    at = _open(page, language, store)
    strings = shown_words.shown(at)
    assert strings, "the page showed nothing"
    left = shown_words.unexplained(strings, templates[language], _own_words(store, setback, language))
    assert not left, "\n".join(left)
    assert not at.exception


def test_a_spanish_page_shows_its_spanish_words_and_not_the_english_ones(person_with_everything):
    store, _ = person_with_everything
    at = _open("vent", "es", store)
    everything = " ".join(shown_words.shown(at))
    with i18n.using("es"):
        assert content.VENT_CHECK_IN in everything and content.NAV["reflect"] in everything
    assert "How strong is each feeling right now?" not in everything
    assert not at.exception


def test_the_unexplained_check_catches_a_word_that_is_not_in_the_catalogue(templates):
    # The check itself must fail on English left in a Spanish page, and on a word no catalogue holds.
    with i18n.using("es"):
        spanish = content.VENT_CHECK_IN
    assert not shown_words.unexplained([spanish], templates["es"], [])
    assert shown_words.unexplained([content.VENT_CHECK_IN], templates["es"], [])
    assert shown_words.unexplained(["Guardar", "Made-up words here"], templates["en"], [])


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_sign_in_page_shows_only_catalogue_words_and_switches_language(language, data_dir, templates):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(shell.__file__).replace("pages/_shell.py", "app.py"), default_timeout=30)
    at.run()
    if language != "en":
        at.selectbox(key="prefs.language_picker").set_value(language).run()  # the person picks it
    left = shown_words.unexplained(shown_words.shown(at), templates[language], PROPER_NAMES)
    assert not left, "\n".join(left)
    with i18n.using(language):
        assert at.title[0].value == content.SIGN_IN_TITLE
    assert not at.exception


def test_the_language_chosen_on_account_is_kept_for_the_account_and_follows_to_a_new_session(
    person_with_everything,
):
    store, _ = person_with_everything
    at = _open("account", "", store)
    assert at.title[0].value == "Account"  # "" follows the browser; AppTest's has no Spanish
    at.selectbox(key="prefs.language_picker").set_value("es").run()
    assert store.account(USER).language == "es"
    with i18n.using("es"):
        assert at.title[0].value == content.NAV["account"] == "Cuenta"
    again = signed_in_app(USER)  # another browser: the account's choice
    again.run()
    with i18n.using("es"):
        assert again.title[0].value == content.START_TITLE
    assert not at.exception and not again.exception


@pytest.mark.parametrize(
    ("words", "title", "topic"),
    [("ya no puedo más", "CRISIS_GENTLE_TITLE", "cant_go_on"), ("me quiero morir", "CRISIS_TITLE", None)],
)
def test_a_browser_in_spanish_gets_spanish_pages_and_spanish_crisis_cards_with_spains_lines(
    words, title, topic, person_with_everything, templates
):
    store, setback = person_with_everything
    store.update_account(USER, language="")  # no choice made: the browser's language decides
    at = signed_in_app(USER)
    at.context = {"locale": "es-ES", "timezone": "Europe/Madrid"}
    at.run()
    at.switch_page(shell.PAGES["vent"]).run()
    at.text_area(key=f"draft.{setback.id}.vent.text").set_value(words).run()
    markdown = [element.value for element in at.markdown]
    with i18n.using("es"):
        assert f"**{getattr(content, title)}**" in markdown
        if topic:
            assert any(content.CRISIS_TOPICS[topic] in text for text in shown_words.shown(at))
        assert any(
            content.CRISIS_LINES_FOR.format(region="España") == caption.value for caption in at.caption
        )
    lines = " ".join(markdown)
    assert "024" in lines and "717 003 717" in lines and "112" in lines
    left = shown_words.unexplained(
        shown_words.shown(at), templates["es"], [*_own_words(store, setback, "es"), words]
    )
    assert not left, "\n".join(left)
    assert not at.exception


# -- the states a page reaches only after a click: each in both languages ------------------------


def _assert_only_catalogue_words(at, language, templates, own) -> list[str]:
    strings = shown_words.shown(at)
    left = shown_words.unexplained(strings, templates[language], own)
    assert not left, "\n".join(left)
    assert not at.exception
    return strings


def _submit(at, language: str, name: str, field: str | None = None) -> None:
    """Click the button whose label is the message `name` (or its `field`) in `language`."""
    with i18n.using(language):
        label = getattr(content, name) if field is None else getattr(content, name)[field]
    next(button for button in at.button if button.label == label).click().run()


def _has(strings: list[str], wanted: str) -> bool:
    return any(wanted in text for text in strings)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_prep_page_with_its_items_an_interview_and_an_item_of_ones_own(
    language, person_with_everything, templates
):
    store, setback = person_with_everything
    at = _open("prep", language, store)
    at.text_input(key="prep.company").input("Globex").run()
    at.date_input(key="prep.interview_on").set_value(date(2027, 3, 12)).run()
    at.text_area(key="prep.own.text").input("Mention the launch early")
    _submit(at, language, "PREP_OWN_ADD")
    at.run()
    own = [*_own_words(store, setback, language), "Globex", "Mention the launch early"]
    strings = _assert_only_catalogue_words(at, language, templates, own)
    with i18n.using(language):
        for section in ("plans", "questions", "strengths", "ask", "lessons"):
            assert _has(strings, content.PREP_SECTION_TITLES[section]), section
        assert _has(strings, content.PREP_BRING["plans"].format(n=1))
        assert _has(strings, "Mention the launch early") and _has(strings, content.PREP_ADDED_BY_YOU)
        assert _has(strings, content.PREP_DOWNLOAD_ICS)


@pytest.mark.parametrize("language", ["en", "es"])
def test_start_here_with_the_recovery_codes_the_edit_form_the_delete_question_and_its_undo(
    language, person_with_everything, templates
):
    store, setback = person_with_everything
    codes = ["ABCDE-FGHJK-MNPQR-STUVW", "WXYZA-BCDEF-GHJKM-NPQRS"]
    store.update_account(USER, language=language)
    at = signed_in_app(USER)
    at.session_state[shell.NEW_CODES] = {"codes": codes, "why": "upgraded"}
    at.run()
    own = [*_own_words(store, setback, language), *codes]
    strings = _assert_only_catalogue_words(at, language, templates, own)
    with i18n.using(language):
        assert _has(strings, content.CODES_UPGRADED) and _has(strings, content.CODES_LATER)
    at.button(key="new.codes.later").click().run()

    at.button(key=f"start.edit.{setback.id}").click().run()
    strings = _assert_only_catalogue_words(at, language, templates, own)
    with i18n.using(language):
        assert _has(strings, content.EDIT_SAVE) and _has(strings, content.INTAKE_LABELS["how_heard"])
    at.button(key=f"start.delete.{setback.id}").click().run()
    strings = _assert_only_catalogue_words(at, language, templates, own)
    with i18n.using(language):
        assert _has(strings, content.DELETE_ONE_YES) and _has(strings, content.DELETE_ONE_NO)
    at.button(key=f"start.delete_yes.{setback.id}").click().run()
    strings = _assert_only_catalogue_words(at, language, templates, own)
    with i18n.using(language):
        assert _has(strings, content.UNDO)


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_stage_page_with_a_restored_draft_and_an_undo_line(language, person_with_everything, templates):
    from core.storage.draft_writer import flush_all

    store, setback = person_with_everything
    at = _open("went_well", language, store)
    at.text_input(key=f"draft.{setback.id}.went_well.wins.0.text").input("A draft win, not saved").run()
    flush_all()
    again = _open("went_well", language, store)  # another session: the draft comes back
    own = [*_own_words(store, setback, language), "A draft win, not saved"]
    strings = _assert_only_catalogue_words(again, language, templates, own)
    with i18n.using(language):
        assert _has(strings, content.DRAFT_DISCARD)
    again.button(key="remove.went_well.wins.0").click().run()
    strings = _assert_only_catalogue_words(again, language, templates, own)
    with i18n.using(language):
        assert _has(strings, content.STAGE_UNDO)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_unlock_page_and_its_wrong_password_message(language, data_dir, templates):
    from tests.app.test_keys import signed_in_with_key
    from tests.factories import add_encrypted_person, files_store

    store = files_store(data_dir)
    add_encrypted_person(store, USER)
    store.update_account(USER, language=language)
    at = signed_in_with_key(USER)  # signed in, but this window holds no key
    at.run()
    with i18n.using(language):
        assert at.title[0].value == content.UNLOCK_TITLE
    at.text_input(key=at.text_input[0].key).input("not the password")
    _submit(at, language, "UNLOCK_FIELDS", "Unlock")
    strings = _assert_only_catalogue_words(at, language, templates, PROPER_NAMES)
    with i18n.using(language):
        assert _has(strings, content.UNLOCK_WRONG)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_sign_in_pages_forgot_password_form_and_a_refused_code(language, data_dir, templates):
    from streamlit.testing.v1 import AppTest

    from tests.factories import add_encrypted_person, files_store

    add_encrypted_person(files_store(data_dir), USER)
    at = AppTest.from_file(str(shell.__file__).replace("pages/_shell.py", "app.py"), default_timeout=30)
    at.run()
    if language != "en":
        at.selectbox(key="prefs.language_picker").set_value(language).run()
    at.button(key="forgot.open").click().run()
    own = [*PROPER_NAMES, "XXXXX-XXXXX-XXXXX-XXXXX"]
    strings = _assert_only_catalogue_words(at, language, templates, own)
    with i18n.using(language):
        assert _has(strings, content.FORGOT_NO_CODE) and _has(strings, content.FORGOT_FIELDS["Code"])
    at.text_input(key="forgot.username").input(USER)
    at.text_input(key="forgot.code").input("AAAAA-BBBBB-CCCCC-DDDDD")
    at.text_input(key="forgot.new").input("Quiet-Meadow-77")
    at.text_input(key="forgot.repeat").input("Quiet-Meadow-77")
    _submit(at, language, "FORGOT_FIELDS", "Submit")
    strings = _assert_only_catalogue_words(at, language, templates, own)
    with i18n.using(language):
        assert _has(strings, content.FORGOT_REFUSED)
