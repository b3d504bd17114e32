"""In Chromium: once a tab is idle, Streamlit's widget scripts are in it before any page asks for them."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import ROOT, start_server, stop_server
from tests.e2e.helpers import create_account, open_app, settle, sign_in
from tests.e2e.test_summary_pdf import _put_full_setback

USER = "preloaded"


def test_a_tab_opened_on_account_loads_no_widget_script_when_it_walks_every_page_afterwards(
    browser, tmp_path
):
    data_dir = tmp_path / "data"
    process, url = start_server(ROOT / "app.py", data_dir)
    try:
        first = browser.new_context()
        page = first.new_page()
        open_app(page, url)
        create_account(page, USER)
        first.close()
        _put_full_setback(data_dir, USER)

        # A new tab on Account's address: signing in there opens Account, so no other page has
        # drawn its widgets in this tab yet.
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{url}/account")
        settle(page)
        sign_in(page, USER, expect_start=False)
        expect(page.get_by_role("heading", name="Account", exact=True)).to_be_visible()
        page.wait_for_function("() => window.reboundPreload === 'done'", timeout=60_000)

        fetched: list[str] = []
        page.on(
            "request",
            lambda request: fetched.append(request.url) if request.resource_type == "script" else None,
        )
        links = page.get_by_test_id("stSidebarNav").get_by_role("link")
        labels = [links.nth(index).inner_text() for index in range(links.count())]
        assert len(labels) >= 10, labels
        for label in labels:
            page.get_by_test_id("stSidebarNav").get_by_role("link", name=label, exact=True).click()
            settle(page)
        assert fetched == [], f"scripts a page had to load on its first visit in the tab: {fetched}"
        context.close()
    finally:
        stop_server(process)
