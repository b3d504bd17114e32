"""Issue 11, items 6, 9 and 12 in a real browser: the captcha, text the browser can't send, and
downloads that can't be fetched again from their `/media/…` address."""

from __future__ import annotations

import os
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from core import content
from pages._transport import FETCHED_SECONDS
from tests.e2e.conftest import ROOT, start_server, stop_server
from tests.e2e.helpers import PASSWORD, choose_tab, create_account, open_app, settle, shot, unlocked_person
from tests.factories import files_store

pytestmark = pytest.mark.e2e

HOOKS = Path(__file__).resolve().parent / "server_hooks"
CAPTCHA_DIGITS = "4812"


@pytest.fixture
def app(tmp_path) -> Iterator[tuple[str, Path]]:
    data_dir = tmp_path / "data"
    process, url = start_server(ROOT / "app.py", data_dir)
    try:
        yield url, data_dir
    finally:
        stop_server(process)


def go_to(page: Page, label: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=label).click()
    settle(page)


def fetch_status(url: str) -> int:
    """GET without any cookie, as anyone holding the address could."""
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            answer.read()
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


# -- item 9: text the browser cannot send ---------------------------------------------------------

# Typed the way a paste arrives (real input events), with half of an emoji among the words: the
# text is made in the page, since Playwright's own channel would replace the lone surrogate.
TYPE_WITH_A_LONE_SURROGATE = """() => {
    const text = " and I pasted this " + String.fromCharCode(0xD83D) + " too";
    document.execCommand("insertText", false, text);
}"""


def test_text_with_a_lone_surrogate_is_not_saved_says_so_and_stays_on_screen(browser, app, shots, figures):
    url, data_dir = app
    context = browser.new_context()
    page = context.new_page()
    open_app(page, url)
    create_account(page, "ulla")
    page.get_by_role("textbox", name="Company").fill("Acme")
    page.get_by_role("button", name="Save").click()
    settle(page)
    go_to(page, "Vent")
    box = page.get_by_role("textbox").last
    box.fill("words saved before")
    page.get_by_role("button", name="Save").click()
    settle(page)
    expect(page.get_by_text("Saved at ")).to_be_visible()
    box.click()
    box.press("End")
    page.evaluate(TYPE_WITH_A_LONE_SURROGATE)
    typed = box.evaluate("(box) => box.value")
    assert "\ud83d" in typed
    page.get_by_role("button", name="Save").click()
    settle(page)
    expect(page.get_by_text(content.TEXT_UNSENDABLE).first).to_be_visible()
    shot(page, shots, "lone-surrogate")
    kept = page.get_by_role("textbox").last.evaluate("(box) => box.value")
    [setback] = (store := files_store(data_dir)).list(unlocked_person(store, "ulla")).setbacks
    figures(
        attempts=1,
        told=1,
        text_kept_on_screen=kept == typed,
        saved_with_damage=int(setback.vent.text != "words saved before"),
    )
    assert kept == typed
    assert setback.vent.text == "words saved before"
    expect(page.get_by_test_id("stException")).to_have_count(0)
    # Fixing the text makes Save work again, on the same connection.
    box.fill("words saved before, and I pasted this too")
    page.get_by_role("button", name="Save").click()
    settle(page)
    expect(page.get_by_text(content.TEXT_UNSENDABLE)).to_have_count(0)
    [setback] = (store := files_store(data_dir)).list(unlocked_person(store, "ulla")).setbacks
    assert setback.vent.text == "words saved before, and I pasted this too"
    context.close()


# -- item 12: downloads are made on click and can't be fetched again ------------------------------


def test_the_export_is_made_on_click_and_its_address_opens_nothing_afterwards(
    browser, app, tmp_path, figures
):
    url, _ = app
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    open_app(page, url)
    create_account(page, "xena")
    page.get_by_role("textbox", name="Company").fill("Northwind")
    page.get_by_role("button", name="Save").click()
    settle(page)
    go_to(page, "Account")
    # Nothing is waiting on the server before the click: no /media address on the page.
    assert "/media/" not in page.get_by_test_id("stMain").inner_html()
    fetched_again, open_for = 0, []
    for attempt in range(2):
        with page.expect_download() as download_info:
            page.get_by_role("button", name=content.EXPORT_BUTTON).click()
        download = download_info.value
        saved = tmp_path / f"export-{attempt}.zip"
        download.save_as(saved)
        with zipfile.ZipFile(saved) as archive:
            assert "rebound-export/account.json" in archive.namelist()
        assert "/media/" in download.url
        # The browser's own second request is let through for a few seconds; then nobody gets it.
        downloaded_at = time.monotonic()
        while fetch_status(download.url) == 200 and time.monotonic() - downloaded_at < FETCHED_SECONDS + 10:
            time.sleep(0.25)
        open_for.append(round(time.monotonic() - downloaded_at, 1))
        fetched_again += fetch_status(download.url) == 200
    figures(downloads=2, open_after_download_s=open_for, fetched_later_without_cookie=fetched_again)
    assert fetched_again == 0
    assert max(open_for) <= FETCHED_SECONDS + 2
    context.close()


# -- item 6: the captcha in the browser ------------------------------------------------------------


def test_create_account_asks_for_the_captcha_describes_its_picture_and_works(browser, tmp_path, shots):
    env = {
        "REBOUND_CAPTCHA": "true",
        "PYTHONPATH": os.pathsep.join([str(HOOKS), str(ROOT)]),
        "REBOUND_TEST_CAPTCHA": CAPTCHA_DIGITS,
    }
    process, url = start_server(ROOT / "app.py", tmp_path / "data", env)
    try:
        context = browser.new_context()
        page = context.new_page()
        open_app(page, url)
        choose_tab(page, "Create account")
        form = page.get_by_test_id("stForm").filter(has_text="Repeat password")
        expect(form.get_by_role("img", name=content.CAPTCHA_ALT)).to_be_visible()
        expect(form.get_by_text(content.CAPTCHA_HELP)).to_be_visible()
        form.get_by_label("First name").fill("Sam")
        form.get_by_label("Email").fill("cap@example.org")
        form.get_by_label("Username").fill("cap")
        form.get_by_label("Password", exact=True).fill(PASSWORD)
        form.get_by_label("Repeat password").fill(PASSWORD)
        form.get_by_label(content.REGISTER_FIELDS["Captcha"]).fill("0000")
        form.get_by_role("button", name="Create account").click()
        settle(page)
        expect(page.get_by_text(content.REGISTER_PROBLEMS["captcha"])).to_be_visible()
        shot(page, shots, "captcha-wrong")
        assert files_store(tmp_path / "data").account("cap") is None
        form.get_by_label("Password", exact=True).fill(PASSWORD)
        form.get_by_label("Repeat password").fill(PASSWORD)
        form.get_by_label(content.REGISTER_FIELDS["Captcha"]).fill(CAPTCHA_DIGITS)
        form.get_by_role("button", name="Create account").click()
        expect(page.get_by_test_id("stSidebar").get_by_role("button", name="Sign out")).to_be_visible()
        assert files_store(tmp_path / "data").account("cap") is not None
        context.close()
    finally:
        stop_server(process)
