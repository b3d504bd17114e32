"""Account in a real browser: the export downloads a zip of valid JSON; delete signs out for good."""

from __future__ import annotations

import json
import zipfile

import pytest
from playwright.sync_api import Page, expect

from core import content
from core.models import Setback
from core.storage import user_id
from tests.e2e.conftest import ROOT, start_server, stop_server
from tests.e2e.helpers import (
    PASSWORD,
    choose_tab,
    create_account,
    open_app,
    settle,
    shot,
    sign_in,
    unlocked_person,
)
from tests.factories import files_store

pytestmark = pytest.mark.e2e


@pytest.fixture
def app_and_data(tmp_path):
    """A server of our own, so the test can also look at the files on disk."""
    data_dir = tmp_path / "data"
    process, url = start_server(ROOT / "app.py", data_dir)
    try:
        yield url, data_dir
    finally:
        stop_server(process)


def new_setback(page: Page, company: str, role: str) -> None:
    if not page.get_by_role("textbox", name="Company").is_visible():
        page.get_by_text(content.START_ADD).click()  # with a setback already there, the form is folded away
    page.get_by_role("textbox", name="Company").fill(company)
    page.get_by_role("textbox", name="Role").fill(role)
    page.get_by_role("button", name="Save").click()
    settle(page)
    expect(page.get_by_text(content.INTAKE_SAVED)).to_be_visible()


def go_to(page: Page, label: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=label).click()
    settle(page)


def test_export_then_delete_signs_out_for_good_and_leaves_others_alone(
    browser, app_and_data, shots, tmp_path
):
    url, data_dir = app_and_data

    # Robin has a setback that must survive Sam's deletion.
    robin = browser.new_context()
    page = robin.new_page()
    open_app(page, url)
    create_account(page, "robin5")
    new_setback(page, "Robin's Co", "Analyst")
    robin.close()

    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    open_app(page, url)
    create_account(page, "sam5")
    new_setback(page, "Northwind", "Data analyst")
    new_setback(page, "Contoso", "Product manager")

    go_to(page, "Account")
    expect(page.get_by_role("heading", name=content.EXPORT_TITLE)).to_be_visible()
    shot(page, shots, "1-account")
    with page.expect_download() as download_info:
        page.get_by_role("button", name=content.EXPORT_BUTTON).click()
    download = download_info.value
    assert download.suggested_filename.startswith("rebound-export-")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        names = archive.namelist()
        assert "rebound-export/README.txt" in names
        assert json.loads(archive.read("rebound-export/account.json"))["username"] == "sam5"
        setback_files = [n for n in names if n.startswith("rebound-export/setbacks/")]
        companies = set()
        for name in setback_files:
            raw = json.loads(archive.read(name))  # valid JSON ...
            companies.add(Setback.model_validate(raw).intake.company)  # ... in Rebound's own schema
    assert companies == {"Northwind", "Contoso"}

    confirm = page.get_by_label(content.DELETE_CONFIRM.format(username="sam5"))
    confirm.fill("sam5")
    page.get_by_role("button", name=content.DELETE_BUTTON).click()
    settle(page)
    # Signed out on the spot: the sign-in page, with a note that stays until it is closed.
    expect(page.get_by_role("heading", name=content.SIGN_IN_TITLE)).to_be_visible()
    expect(page.get_by_text(content.DELETED)).to_be_visible()
    expect(page.get_by_test_id("stSidebar").get_by_text("Signed in as")).to_have_count(0)
    shot(page, shots, "2-deleted")

    assert not (data_dir / "users" / user_id("sam5")).exists()
    assert files_store(data_dir).account("sam5") is None

    # The sign-in cookie went with the account, so a fresh visit in this browser is signed out.
    page.wait_for_function("() => !document.cookie.includes('rebound_session=')")
    open_app(page, url)
    expect(page.get_by_role("heading", name=content.SIGN_IN_TITLE)).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)

    choose_tab(page, "Sign in")
    form = page.get_by_test_id("stForm").filter(has_text="Username", has_not_text="Repeat password")
    form.get_by_label("Username").fill("sam5")
    form.get_by_label("Password", exact=True).fill(PASSWORD)
    form.get_by_role("button", name="Sign in").click()
    settle(page)
    expect(page.get_by_text(content.LOGIN_FAILED)).to_be_visible()
    shot(page, shots, "3-old-password-fails")
    context.close()

    assert files_store(data_dir).account("sam5") is None
    assert not (data_dir / "users" / user_id("sam5")).exists()
    store = files_store(data_dir)
    assert [s.intake.company for s in store.list(unlocked_person(store, "robin5")).setbacks] == ["Robin's Co"]

    robin = browser.new_context()
    page = robin.new_page()
    open_app(page, url)
    sign_in(page, "robin5")
    expect(page.get_by_text("Robin's Co — Analyst").first).to_be_visible()
    robin.close()
