"""The Summary page in Chromium: the PDF, the calendar and the targets file really download."""

from __future__ import annotations

import io
import subprocess
import time

from icalendar import Calendar
from playwright.sync_api import expect
from pypdf import PdfReader

from core.storage import Person
from tests.e2e.conftest import ROOT, start_server, stop_server
from tests.e2e.helpers import create_account, open_app, settle, shot
from tests.factories import VENT_MARKER, files_store, full_setback

USER = "summary-pdf"


def _put_full_setback(data_dir, username: str) -> None:
    """A filled setback on the server's disk, written stage by stage like the pages do."""
    setback = full_setback()
    store = files_store(data_dir)
    person = Person.named(username)
    created = store.create(person, setback.intake)
    for stage in ("vent", "reflect", "went_well", "gratitude", "next_targets", "summary"):
        store.save_stage(person, created.id, stage, getattr(setback, stage))


def _download(page, label: str, folder):
    """Click a download button; returns the saved file's path and how long the click took to deliver."""
    started = time.perf_counter()
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    download = info.value
    path = folder / download.suggested_filename
    download.save_as(path)
    return path, time.perf_counter() - started


def test_the_pdf_summary_downloads_in_chromium_with_the_saved_stages_and_not_the_private_vent(
    browser, shots, tmp_path
):
    data_dir = tmp_path / "data"
    process, url = start_server(ROOT / "app.py", data_dir)
    # Tall enough that a screenshot shows the whole page (Streamlit scrolls inside its own container).
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 3000})
    try:
        page = context.new_page()
        open_app(page, url)
        create_account(page, USER)
        _put_full_setback(data_dir, USER)

        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Summary").click()
        settle(page)
        expect(page.get_by_role("heading", name="Summary", exact=True)).to_be_visible()
        expect(page.get_by_text("Disappointment eased from 80 to 55")).to_be_visible()
        expect(page.get_by_test_id("stVegaLiteChart")).to_be_visible()
        shot(page, shots, "summary-page")

        pdf_path, seconds = _download(page, "Download PDF summary", shots)
        print(f"PDF download took {seconds:.2f} s from click to file")
        assert pdf_path.name == "rebound-acme-rockets-2025-11-03.pdf"
        data = pdf_path.read_bytes()
        assert data.startswith(b"%PDF")
        reader = PdfReader(io.BytesIO(data))
        text = " ".join(" ".join(page_.extract_text() for page_ in reader.pages).split())
        for expected in (
            "Acme Rockets",
            "Senior Product Designer",
            "How I felt, before and after",
            "Reflecting on what happened",
            "Being chosen to interview at all",
            "Globex",
            "Rest first, then pick one small step.",
        ):
            assert expected in text
        assert VENT_MARKER not in text
        assert "furious" not in text

        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf_path), str(shots / "pdf-page")],
            check=True,
        )
        assert list(shots.glob("pdf-page*.png"))

        ics_path, _ = _download(page, "Download follow-ups (.ics)", shots)
        events = Calendar.from_ical(ics_path.read_bytes()).walk("VEVENT")
        assert len(events) == 3 + 10 + 1  # reconnect dates, targets, one dated action
        csv_path, _ = _download(page, "Download targets (.csv)", shots)
        assert csv_path.read_bytes().startswith(b"\xef\xbb\xbfCompany,")
        settle(page)
        shot(page, shots, "summary-after-downloads")
    finally:
        context.close()
        stop_server(process)
