"""Issue 18 in a real browser: write something into every field of every stage, export, delete the
account, make it again, import the export — every stage page shows what was there, and the export
of the result equals the first one."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from core import content
from tests.e2e.conftest import ROOT, start_server, stop_server
from tests.e2e.helpers import create_account, open_app, settle, shot
from tests.e2e.test_encryption_at_rest import FIELDS, fill_every_field, go, save

pytestmark = pytest.mark.e2e

STAGES = (
    ("Vent", "vent"),
    ("Reflect", "reflect"),
    ("What went well", "wins"),
    ("Gratitude", "thanks"),
    ("Next targets", "targets"),
    ("Summary", "summary"),
)
# Every value a page shows: what its fields hold and its text.
SHOWN = """(fields) => [...document.querySelectorAll(fields)].map((el) => el.value).join('\\n')
  + '\\n' + document.querySelector("[data-testid='stMain']").innerText"""


def download_export(page: Page, folder: Path, name: str) -> bytes:
    go(page, "Account")
    with page.expect_download() as info:
        page.get_by_role("button", name=content.EXPORT_BUTTON).click()
    path = folder / name
    info.value.save_as(path)
    return path.read_bytes()


def files_of(data: bytes) -> dict[str, bytes]:
    """The zip's files by name, order normalised; the README says when it was made, so it is left out."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n) for n in sorted(archive.namelist()) if not n.endswith("README.txt")}


def test_export_delete_create_again_import_brings_every_stage_back_and_exports_the_same(
    browser, tmp_path, shots
):
    process, url = start_server(ROOT / "app.py", tmp_path / "data")
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
        page = context.new_page()
        open_app(page, url)
        create_account(page, "mover")
        page.get_by_role("button", name=content.CODES_KEPT).click()
        settle(page)

        typed: dict[str, list[str]] = {"intake": fill_every_field(page, "intake")}
        page.get_by_role("button", name="Save").click()
        settle(page)
        for label, stage in STAGES:
            go(page, label)
            if stage == "reflect":
                page.get_by_role("radiogroup", name=content.REFLECT_FEEDBACK).get_by_role(
                    "radio", name="Yes"
                ).click()
                settle(page)
            typed[stage] = fill_every_field(page, stage)
            save(page)
        assert sum(len(markers) for markers in typed.values()) >= 20, typed
        first = download_export(page, tmp_path, "first.zip")
        assert any(name.endswith(".json") and "/setbacks/" in name for name in files_of(first))

        # Delete everything; the sign-in page comes back.
        page.get_by_label(content.DELETE_CONFIRM.format(username="mover")).fill("mover")
        page.get_by_role("button", name=content.DELETE_BUTTON).click()
        settle(page)
        expect(page.get_by_role("heading", name=content.SIGN_IN_TITLE).last).to_be_visible()
        # Known: right after the delete, the tab can hold the sign-in page twice (the cookie removal
        # is drawn from the delete's callback); the person coming back opens Rebound afresh.
        open_app(page, url)

        # The same person again, empty, and the export imported.
        create_account(page, "mover")
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Start here").click()
        settle(page)
        page.get_by_role("button", name=content.CODES_KEPT).click()
        settle(page)
        go(page, "Account")
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(tmp_path / "first.zip"))
        settle(page)
        expect(page.get_by_role("heading", name=content.IMPORT_PREVIEW_TITLE)).to_be_visible()
        expect(
            page.get_by_text(content.IMPORT_COUNTS.format(total=1, new=1, identical=0, different=0, drafts=0))
        ).to_be_visible()
        shot(page, shots, "1-preview")
        page.get_by_role("button", name=content.IMPORT_BUTTON, exact=True).click()
        settle(page)
        expect(page.get_by_text("Imported. New here: 1.")).to_be_visible()
        shot(page, shots, "2-imported")

        # Every stage page shows every marker typed into it, in a fresh tab (the cookie signs in).
        open_app(page, url)
        expect(page.get_by_role("heading", name="I just heard back")).to_be_visible(timeout=20_000)
        missing = {}
        for label, stage in (("Start here", "intake"), *STAGES):
            if stage != "intake":
                go(page, label)
            shown = page.evaluate(SHOWN, FIELDS)
            # Start here shows a setback's company and role; its pasted message is shown nowhere
            # (it comes back all the same: the second export below holds it byte for byte).
            expected = typed[stage][:2] if stage == "intake" else typed[stage]
            gone = [marker for marker in expected if marker not in shown]
            if gone:
                missing[label] = gone
            shot(page, shots, f"3-{stage}")
        assert missing == {}

        again = download_export(page, tmp_path, "again.zip")
        assert files_of(again) == files_of(first)
        context.close()
    finally:
        stop_server(process)
