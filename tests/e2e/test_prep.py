"""Before my next interview in Chromium: three filled setbacks → the page shows items from each →
the PDF downloads and holds them on one page → the .ics reminder parses with the evening before."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date, datetime

from icalendar import Calendar
from playwright.sync_api import expect
from pypdf import PdfReader

from core import content
from core.models import Feedback, Intake, Reflect, Stumble, WentWell
from core.storage import Person
from tests.e2e.conftest import ROOT, start_server, stop_server
from tests.e2e.helpers import create_account, open_app, settle, shot
from tests.e2e.test_rendering_hostile_text import INJECTED
from tests.factories import files_store

USER = "prep-walk"
HOSTILE = "**RBSTAR** [RBLINK](https://evil.example/a) :red[RBRED] <b>RBBOLD</b> $x^2$"
# One thing only each setback holds, so the sheet shows it came from all three.
FROM_EACH = {
    "Initech": "If they ask about salary, then I'll name my range first.",
    "Umbrella": "Prepare a story about scaling growth",
    "Globex": "Why this company?",
}


def _three_setbacks(data_dir) -> None:
    """Three filled setbacks on the server's disk, written stage by stage as the pages do."""
    store = files_store(data_dir)
    person = Person.named(USER)
    filled = {
        "Initech": (
            date(2026, 8, 2),
            Reflect(if_then=FROM_EACH["Initech"], learned="Research the panel beforehand."),
            WentWell(wins=["Calm under pressure"]),
        ),
        "Umbrella": (
            date(2026, 9, 14),
            Reflect(feedback=Feedback(received="yes", said="They wanted more evidence of scaling growth.")),
            WentWell(wins=["Calm under pressure", "A clear portfolio walkthrough"]),
        ),
        "Globex": (
            date(2026, 11, 1),
            Reflect(
                stumbles=[Stumble(question=FROM_EACH["Globex"], better_answer="Your public design system.")],
                if_then="If the interview is ending, then I'll ask whether anything might stand in the way of an offer.",
            ),
            WentWell(wins=["Good rapport with the lead", HOSTILE]),
        ),
    }
    for company, (heard_on, reflect, went_well) in filled.items():
        created = store.create(person, Intake(company=company, role="Designer", heard_on=heard_on))
        store.save_stage(person, created.id, "reflect", reflect)
        store.save_stage(person, created.id, "went_well", went_well)


def tick(page, label: str, checked: bool) -> None:
    """Click a checkbox's words, as a person does, and wait until the change is in."""
    main = page.get_by_test_id("stMain")
    main.get_by_text(label, exact=True).click()
    settle(page)
    box = main.get_by_role("checkbox", name=label)
    expect(box).to_be_checked() if checked else expect(box).not_to_be_checked()


def _download(page, label: str, folder):
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    download = info.value
    path = folder / download.suggested_filename
    download.save_as(path)
    return path


def test_three_setbacks_make_a_prep_sheet_whose_pdf_is_one_page_and_whose_reminder_is_the_evening_before(
    browser, shots, tmp_path
):
    data_dir = tmp_path / "data"
    process, url = start_server(ROOT / "app.py", data_dir)
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 3200})
    try:
        page = context.new_page()
        open_app(page, url)
        create_account(page, USER)
        _three_setbacks(data_dir)

        page.get_by_test_id("stSidebarNav").get_by_role("link", name=content.NAV["prep"]).click()
        settle(page)
        expect(page.get_by_role("heading", name=content.NAV["prep"], level=1)).to_be_visible()
        expect(page).to_have_title(content.PAGE_TITLE.format(page=content.NAV["prep"]))
        main = page.get_by_test_id("stMain")
        for company, text in FROM_EACH.items():
            expect(main.get_by_text(text, exact=True)).to_be_visible()
            expect(main.get_by_text(f"From {company} — Designer", exact=False).first).to_be_visible()
        expect(main.get_by_text(content.PREP_OFFER_QUESTION, exact=True)).to_be_visible()
        expect(main.get_by_text("came up 2 times", exact=False).first).to_be_visible()  # Calm under pressure
        assert HOSTILE in main.inner_text().replace("\u2060", "")  # the person's markdown shows as typed
        assert page.evaluate(INJECTED) == []

        # Name the interview, tick a question as practised, leave one lesson at home.
        main.get_by_label(content.PREP_COMPANY, exact=True).fill("Globex")
        main.get_by_label(content.PREP_COMPANY, exact=True).press("Tab")
        settle(page)
        # The date field is three segments (day, month, year) that move on as each is typed.
        main.get_by_role("spinbutton", name=f"day, {content.PREP_DATE}").click()
        page.keyboard.type("12032027")
        # The date is kept on leaving the field.
        main.get_by_role("heading", name=content.PREP_INTERVIEW_TITLE).click()
        settle(page)
        expect(main.get_by_text(content.PREP_ICS_HELP.format(day="12 March"))).to_be_visible()
        tick(page, content.PREP_PRACTISED.format(n=1), True)
        expect(main.get_by_text("Research the panel beforehand.", exact=True)).to_be_visible()
        tick(page, content.PREP_BRING["lessons"].format(n=1), False)
        shot(page, shots, "prep-page")

        pdf_path = _download(page, content.PREP_DOWNLOAD_PDF, shots)
        assert pdf_path.name == "rebound-prep-globex-2027-03-12.pdf"
        reader = PdfReader(io.BytesIO(pdf_path.read_bytes()))
        assert len(reader.pages) == 1
        text = " ".join(reader.pages[0].extract_text().split())
        assert "Prep sheet — Globex, 12 March" in text
        for company, item in FROM_EACH.items():
            assert item in text, item
            assert f"From {company} — Designer" in text or company in text
        assert content.PREP_OFFER_QUESTION in text
        assert f"✓ {content.PREP_PDF_PRACTISED}" in text
        assert "Research the panel beforehand." not in text
        if shutil.which("pdftotext"):
            extracted = subprocess.run(
                ["pdftotext", str(pdf_path), "-"], capture_output=True, check=True
            ).stdout.decode("utf-8")
            assert extracted.count("\f") <= 1 and all(
                item in " ".join(extracted.split()) for item in FROM_EACH.values()
            )
        if shutil.which("pdftoppm"):
            first_page = ["-png", "-r", "60", "-f", "1", "-l", "1"]
            subprocess.run(["pdftoppm", *first_page, str(pdf_path), str(shots / "prep-pdf")], check=True)

        ics_path = _download(page, content.PREP_DOWNLOAD_ICS, shots)
        (event,) = Calendar.from_ical(ics_path.read_bytes()).walk("VEVENT")
        assert event.decoded("dtstart") == datetime(2027, 3, 11, 19, 0)
        assert "Globex" in str(event["summary"])

        # A new tab later: the interview and the ticks are as they were left.
        fresh = context.new_page()
        open_app(fresh, f"{url}/prep")
        expect(fresh.get_by_role("heading", name=content.NAV["prep"], level=1)).to_be_visible()
        again = fresh.get_by_test_id("stMain")
        expect(again.get_by_label(content.PREP_COMPANY, exact=True)).to_have_value("Globex")
        practised, lesson, question = (
            again.get_by_role("checkbox", name=name)
            for name in (
                content.PREP_PRACTISED.format(n=1),
                content.PREP_BRING["lessons"].format(n=1),
                content.PREP_BRING["questions"].format(n=1),
            )
        )
        expect(practised).to_be_checked()
        expect(lesson).not_to_be_checked()
        expect(question).to_be_checked()
        shot(fresh, shots, "prep-page-new-tab")
    finally:
        context.close()
        stop_server(process)
