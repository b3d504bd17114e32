"""The first slice in a real browser: account, sign-in, a setback, reloads, sign-out, isolation."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.helpers import create_account, open_app, settle, shot


def _create_setback(page, company: str, role: str) -> None:
    page.get_by_role("textbox", name="Company").fill(company)
    page.get_by_role("textbox", name="Role").fill(role)
    page.get_by_role("button", name="Save").click()
    settle(page)
    expect(page.get_by_text("Saved. This setback is now your current one")).to_be_visible()
    # The form folds away under "Add a new setback": the next step is the new setback, not another form.
    expect(page.get_by_role("textbox", name="Role")).to_be_hidden()


def test_account_setback_reload_and_sign_out_round_trip(browser, server, shots):
    context = browser.new_context()
    page = context.new_page()
    open_app(page, server)
    expect(page.get_by_role("heading", name="Welcome to Rebound")).to_be_visible()
    shot(page, shots, "1-sign-in")

    create_account(page, "casey")
    shot(page, shots, "2-start-here")

    _create_setback(page, "Northwind", "Data analyst")
    expect(page.get_by_text("Northwind — Data analyst").first).to_be_visible()
    shot(page, shots, "3-setback-created")

    page.reload()
    settle(page)
    expect(page.get_by_role("heading", name="I just heard back")).to_be_visible()
    expect(page.get_by_test_id("stSidebar").get_by_text("Northwind — Data analyst")).to_be_visible()
    shot(page, shots, "4-after-reload")

    page.get_by_test_id("stSidebar").get_by_role("button", name="Sign out").click()
    settle(page)
    expect(page.get_by_role("heading", name="Welcome to Rebound")).to_be_visible()
    # The browser itself lets the sign-in cookie go (the server also refuses it from now on).
    page.wait_for_function("() => !document.cookie.split('; ').some((c) => c.startsWith('rebound_session='))")
    page.reload()
    settle(page)
    expect(page.get_by_role("heading", name="Welcome to Rebound")).to_be_visible()
    expect(page.get_by_text("Northwind")).to_have_count(0)
    shot(page, shots, "5-signed-out-after-reload")
    context.close()


def test_a_second_account_does_not_see_the_first_ones_setbacks(browser, server, shots):
    first = browser.new_context()
    page = first.new_page()
    open_app(page, server)
    create_account(page, "dana")
    _create_setback(page, "Contoso", "Nurse manager")
    first.close()

    second = browser.new_context()
    page = second.new_page()
    open_app(page, server)
    create_account(page, "eli")
    expect(page.get_by_text("Nothing here yet")).to_be_visible()
    expect(page.get_by_text("Contoso")).to_have_count(0)
    shot(page, shots, "second-account")
    second.close()
