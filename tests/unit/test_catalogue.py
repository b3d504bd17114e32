"""The message catalogue: every key of content in every language, files up to date, plurals and numbers by its rules."""

from datetime import UTC, date

import pytest

from core import catalogue, content, i18n

OTHER_LANGUAGES = [language for language in i18n.LANGUAGES if language != i18n.SOURCE]


def missing_keys(language: str) -> list[str]:
    """The source keys a language's .po does not translate (absent, empty or fuzzy)."""
    translated = {
        message.context
        for message in catalogue.read_po(language)
        if message.id
        and message.string
        and all(message.string if isinstance(message.string, tuple) else [message.string])
        and not message.fuzzy
    }
    return [key for key in catalogue.source_messages() if key not in translated]


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_message_of_content_is_translated_in_every_language(language):
    missing = missing_keys(language)
    assert not missing, (
        f"{language}: no translation for {', '.join(missing)} (run `make messages`, then fill them in)"
    )


def test_a_key_missing_in_a_language_is_named(monkeypatch):
    monkeypatch.setattr(content, "A_NEW_MESSAGE", "Something another branch added", raising=False)
    assert missing_keys("es") == ["A_NEW_MESSAGE"]


def test_the_template_the_po_files_and_the_compiled_mo_files_are_up_to_date(capsys):
    assert catalogue.run(check=True) == 0, capsys.readouterr().out


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_placeholders_are_the_same_in_every_translation(language):
    import string

    def names(text: str) -> set[str]:
        return {field for _, field, _, _ in string.Formatter().parse(text) if field}

    for message in catalogue.read_po(language):
        if not message.id:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        targets = message.string if isinstance(message.string, tuple) else (message.string,)
        want = set().union(*(names(text) for text in sources))
        for text in targets:
            # A singular may leave out {count} ("una vez"); nothing may appear that English lacks.
            assert names(text) <= want, (message.context, text)
            assert names(text) >= want - {"count"}, (message.context, text)


def test_plurals_follow_the_catalogues_rules_not_ifs():
    with i18n.using("es"):
        assert content.time_ago(1) == "ayer"
        assert content.AGO_DAYS.format(1) == "hace 1 día" and content.AGO_DAYS.format(5) == "hace 5 días"
        assert content.feedback_line("vague", 1).endswith("una vez")
    assert content.AGO_DAYS.format(1) == "1 day ago" and content.AGO_DAYS.format(2) == "2 days ago"


def test_numbers_dates_and_lists_are_written_the_languages_way():
    with i18n.using("es"):
        assert content.SUMMARY_NOTE_COUNT.format(count=12345, limit=20000) == "12.345 de 20.000 caracteres"
        assert i18n.long_date(date(2026, 11, 21)) == "21 de noviembre de 2026"
        assert content.crisis_topics(["burden", "tired"]) == "sentirte una carga y sentir cansancio de todo"
    assert content.SUMMARY_NOTE_COUNT.format(count=12345, limit=20000) == "12,345 of 20,000 characters"
    assert i18n.long_date(date(2026, 11, 21)) == "21 November 2026"
    assert content.crisis_topics(["burden", "tired", "stop"]) == (
        "feeling like a burden, being tired of it all and wanting it all to stop"
    )


@pytest.mark.parametrize(
    ("chosen", "browser", "spoken"),
    [
        ("", "es-MX", "es"),
        ("", "en-US", "en"),
        ("en", "es-ES", "en"),
        ("es", "de-DE", "es"),
        ("", None, "en"),
        ("", "fr", "en"),
    ],
)
def test_the_language_is_the_persons_choice_else_the_browsers_else_english(chosen, browser, spoken):
    assert i18n.pick(chosen, browser) == spoken


def test_content_is_english_at_import_and_translated_on_access_only_inside_a_spanish_run():
    assert content.NAV["vent"] == "Vent"
    with i18n.using("es"):
        assert content.NAV["vent"] == "Desahógate"
        assert (
            content.REASONS_BY_ID["referral"].label
            == content.REASONS[8].label
            != "An employee referral or someone from their network"
        )
    assert content.NAV["vent"] == "Vent"


def test_a_download_made_later_on_another_thread_speaks_the_language_of_the_page_that_offered_it():
    import threading
    import zipfile
    from datetime import datetime
    from io import BytesIO

    from core import data_zip

    def readme() -> bytes:
        data = data_zip.build_zip([], {"username": "sam"}, datetime(2026, 12, 2, tzinfo=UTC))
        return zipfile.ZipFile(BytesIO(data)).read("rebound-export/README.txt")

    with i18n.using("es"):
        later = i18n.bound(readme)  # what a page hands st.download_button
    got: list[bytes] = []
    thread = threading.Thread(target=lambda: got.append(later()))  # Streamlit's download thread
    thread.start()
    thread.join()
    assert "Esta carpeta contiene todos tus datos de Rebound" in got[0].decode("utf-8")
    assert "This folder holds all of your data" in readme().decode("utf-8")  # unbound: English


def test_no_module_freezes_a_message_in_english_at_import():
    # content.X translates when read; `from core.content import X` at the top of a module, or a
    # module-level `NAME = content.X...`, would keep the English for every language ("i18n-ok" on
    # the line: it keeps keys only, no words).
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    frozen = re.compile(r"^(?:from core\.content import [A-Z]|[A-Z_]+\s*[:=].*\bcontent\.[A-Z])", re.M)
    found = [
        f"{path.relative_to(root)}: {match.group(0)}"
        for folder in ("core", "pages")
        for path in sorted((root / folder).rglob("*.py"))
        if path.name != "content.py"
        for match in frozen.finditer(path.read_text(encoding="utf-8"))
        if "i18n-ok" not in path.read_text(encoding="utf-8")[match.start() :].split("\n", 1)[0]
    ]
    found += [f"app.py: {m.group(0)}" for m in frozen.finditer((root / "app.py").read_text(encoding="utf-8"))]
    assert not found, "\n".join(found)


def test_the_counts_of_the_newer_messages_follow_the_catalogues_plural_rules():
    # Recovery codes, a new password by code, the prep sheet's origins, "show more", plans and pauses.
    assert content.codes_left(1) == "You have 1 of 8 recovery codes left."
    assert content.prep_origin(["Globex", "Initech", "Umbrella"], 3) == (
        "From Globex, Initech and 1 more · came up 3 times"
    )
    assert content.prep_origin(["Globex", "Initech"], 2) == "From Globex and Initech · came up 2 times"
    assert content.show_more(1) == "Show one more" and content.show_more(4) == "Show 4 more"
    with i18n.using("es"):
        assert content.codes_left(1) == "Te queda 1 de 8 códigos de recuperación."
        assert content.codes_left(3) == "Te quedan 3 de 8 códigos de recuperación."
        assert "Te queda 1 código de recuperación" in content.forgot_done(1)
        assert "Te quedan 7 códigos de recuperación" in content.forgot_done(7)
        assert "No te queda ningún código" in content.forgot_done(0)
        assert content.prep_origin(["Globex", "Initech", "Umbrella", "Acme"], 2) == (
            "De Globex, Initech y 2 más · apareció 2 veces"
        )
        assert content.prep_origin(["Globex"], 1) == "De Globex"
        assert content.show_more(1) == "Mostrar uno más" and content.show_more(4) == "Mostrar 4 más"
        assert content.plan_from(1, "Globex", "hace 2 días").startswith("Plan «si… entonces» · Globex")
        assert content.plan_from(3, "Globex", "ayer") == "En 3 reveses · el más reciente: Globex, ayer"
        assert "durante 1 minuto." in content.login_client_paused(1)
        assert "durante 15 minutos." in content.login_client_paused(15)
        assert content.STAGE_REMOVED_ROWS.format(3) == "Se han quitado 3 filas"


def test_why_a_zip_cant_be_imported_is_said_in_the_language_with_its_numbers():
    from core import importer

    refusals = [
        importer.ImportRefused("too_many_files", count=12000, limit=10000),
        importer.ImportRefused("zip_too_big", size=250_000_000, limit=100_000_000),
        importer.ImportRefused("newer", made_by="", version=3),
        importer.ImportRefused("newer", made_by="Rebound 9.0", version=3),
    ]
    with i18n.using("es"):
        said = [str(refusal) for refusal in refusals]
    assert said[0].startswith("Este zip contiene 12.000 archivos") and "como máximo 10.000." in said[0]
    assert said[1].startswith("Este archivo ocupa 250 MB") and "como máximo 100 MB." in said[1]
    assert (
        said[2].startswith("Esta exportación la creó una versión de Rebound más reciente") and "3" in said[2]
    )
    assert said[3].startswith("Esta exportación la creó Rebound 9.0")
    with i18n.using("en"):
        assert str(refusals[0]).startswith("This zip holds 12,000 files")
