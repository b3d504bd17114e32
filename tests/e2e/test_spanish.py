"""Rebound in Spanish in Chromium: switch the language, walk a stage; the PDF, CSV and calendar are Spanish."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from core import content, exports, i18n
from tests.e2e.conftest import ROOT, start_server, stop_server
from tests.e2e.helpers import create_account, open_app, settle, shot
from tests.e2e.test_summary_pdf import _download, _put_full_setback

USER = "en-espanol"


def test_switching_to_spanish_walks_a_stage_and_downloads_a_spanish_pdf_csv_and_calendar(
    browser, shots, tmp_path
):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    data_dir = tmp_path / "data"
    process, url = start_server(ROOT / "app.py", data_dir)
    context = browser.new_context(
        accept_downloads=True, viewport={"width": 1280, "height": 3000}, locale="en-GB"
    )
    try:
        page = context.new_page()
        open_app(page, url)
        create_account(page, USER)
        _put_full_setback(data_dir, USER)
        with i18n.using("es"):
            spanish = {
                "account": content.NAV["account"],
                "vent": content.NAV["vent"],
                "summary": content.NAV["summary"],
                "check_in": content.VENT_CHECK_IN,
                "save": content.SAVE,
                "writing": content.VENT_WRITE_LABEL,
                "unsaved": content.STAGE_UNSAVED,
                "pdf": content.SUMMARY_DOWNLOAD_PDF,
                "ics": content.SUMMARY_DOWNLOAD_ICS,
                "csv": content.SUMMARY_DOWNLOAD_CSV,
                "csv_header": ",".join(exports.csv_columns()),
                "reconnect": content.ICS_RECONNECT.format(company="Acme Rockets"),
                "headings": [content.ARC_TITLE, content.PDF_HEADINGS["reflect"], content.PDF_COVER_KICKER],
            }
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Account").click()
        settle(page)
        page.get_by_role("combobox", name="Language").click()
        page.get_by_role("option", name="Español").click()
        settle(page)
        nav = page.get_by_test_id("stSidebarNav")
        expect(nav.get_by_role("link", name=spanish["account"])).to_be_visible()

        nav.get_by_role("link", name=spanish["vent"]).click()
        settle(page)
        expect(page.get_by_text(spanish["check_in"])).to_be_visible()
        # Leaving a field reruns the page alone (app.py's top, which sets the language, does not run).
        page.get_by_role("textbox", name=spanish["writing"]).fill("Cuatro rondas y un correo de dos líneas.")
        page.get_by_role("heading", level=1).first.click()
        settle(page)
        expect(page.get_by_text(spanish["unsaved"])).to_be_visible()
        expect(page.get_by_text(spanish["check_in"])).to_be_visible()
        page.get_by_role("button", name=spanish["save"], exact=True).first.click()
        settle(page)
        expect(page.get_by_text("Guardado a las")).to_be_visible()
        shot(page, shots, "spanish-vent")

        nav.get_by_role("link", name=spanish["summary"]).click()
        settle(page)
        pdf_path, _ = _download(page, spanish["pdf"], shots)
        text = subprocess.run(
            ["pdftotext", str(pdf_path), "-"], capture_output=True, text=True, check=True
        ).stdout
        plain = " ".join(text.split())
        for heading in spanish["headings"]:
            assert " ".join(heading.split()) in plain, heading
        assert "Página 1 de" in plain
        assert "Reflecting on what happened" not in plain and "Page 1 of" not in plain
        csv_path, _ = _download(page, spanish["csv"], shots)
        assert csv_path.read_bytes().decode("utf-8-sig").startswith(spanish["csv_header"] + "\r\n")
        ics_path, _ = _download(page, spanish["ics"], shots)
        events = Calendar.from_ical(ics_path.read_bytes()).walk("VEVENT")
        assert spanish["reconnect"] in {str(event["summary"]) for event in events}
    finally:
        context.close()
        stop_server(process)
