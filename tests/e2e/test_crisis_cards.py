"""The gentle crisis card in a real browser: on Vent and beside the note to the future self.

The browser says it is in London (language en-GB, time zone Europe/London), so with the
operator's region left at its default the card lists the UK's lines. The card sits right under
the field, is calm (no error styling), leaves Save working, and closes.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from core import content
from tests.e2e.helpers import create_account, open_app, settle, shot

VENT_WORDS = "Four rounds and then a two-line email. Some nights I just want to disappear."
NOTE_WORDS = "When it felt like there was no way out, it passed. Call Jo before you spiral."
GENTLE = '[class*="st-key-crisis_gentle_"]'


def go(page: Page, label: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=label, exact=True).click()
    expect(page.get_by_role("heading", name=label, exact=True)).to_be_visible(timeout=20_000)
    settle(page)


def write(page: Page, label: str, words: str) -> None:
    """Type into a text box and leave it, which is when a browser sends the words to the server."""
    box = page.get_by_role("textbox", name=label)
    box.fill(words)
    box.press("Tab")
    settle(page)


def top(page: Page, locator) -> float:
    return locator.bounding_box()["y"]


def expect_a_calm_gentle_card_with_uk_lines(page: Page) -> None:
    card = page.locator(GENTLE)
    expect(card).to_have_count(1)
    expect(card).to_be_visible()
    expect(card).to_contain_text(content.CRISIS_GENTLE_TITLE)
    expect(card).to_contain_text(content.CRISIS_LINES_FOR.format(region="United Kingdom"))
    expect(card).to_contain_text("Samaritans")
    expect(card).to_contain_text("116 123")
    expect(card).to_contain_text("findahelpline.com")
    expect(card.get_by_test_id("stAlertContainer")).to_have_count(0)  # no error or warning box
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)


def test_the_gentle_card_shows_on_vent_and_beside_the_note_to_the_future_self(browser, server, shots):
    context = browser.new_context(
        viewport={"width": 1280, "height": 1000}, locale="en-GB", timezone_id="Europe/London"
    )
    page = context.new_page()
    open_app(page, server)
    create_account(page, "robin-crisis")  # signs in, as creating an account does
    page.get_by_role("textbox", name="Company").fill("Acme Rockets")
    page.get_by_role("textbox", name="Role").fill("Product Designer")
    page.get_by_role("button", name="Save").click()
    settle(page)

    # Vent: the card appears under the writing box, above the privacy toggle.
    go(page, "Vent")
    expect(page.locator(GENTLE)).to_have_count(0)
    write(page, "Your writing", VENT_WORDS)
    expect_a_calm_gentle_card_with_uk_lines(page)
    card = page.locator(GENTLE)
    writing = page.get_by_role("textbox", name="Your writing")
    private = page.get_by_text(content.VENT_PRIVATE, exact=True)
    assert top(page, writing) < top(page, card) < top(page, private)
    shot(page, shots, "1-vent-gentle-card")

    # Save still works, and the card is still there once.
    page.get_by_role("button", name=content.SAVE, exact=True).click()
    settle(page)
    expect(page.get_by_text("Saved at ")).to_be_visible()
    expect(page.locator(GENTLE)).to_have_count(1)

    # Closed, it stays closed while the person carries on.
    card.get_by_role("button", name=content.CRISIS_CLOSE).click()
    settle(page)
    expect(page.locator(GENTLE)).to_have_count(0)
    page.get_by_role("textbox", name="Feeling 1").fill("numb")
    page.get_by_role("textbox", name="Feeling 1").press("Tab")
    settle(page)
    expect(page.locator(GENTLE)).to_have_count(0)

    # Summary: the card appears beside the note to the future self, above the PDF choices.
    go(page, "Summary")
    write(page, content.SUMMARY_NOTE_LABEL, NOTE_WORDS)
    expect_a_calm_gentle_card_with_uk_lines(page)
    expect(page.locator(GENTLE)).to_contain_text(content.CRISIS_TOPICS["no_way_out"])
    note = page.get_by_role("textbox", name=content.SUMMARY_NOTE_LABEL)
    sections = page.get_by_role("heading", name=content.SUMMARY_SECTIONS)
    assert top(page, note) < top(page, page.locator(GENTLE)) < top(page, sections)
    page.get_by_role("button", name=content.SAVE, exact=True).click()
    settle(page)
    expect(page.get_by_text("Saved at ")).to_be_visible()
    shot(page, shots, "2-summary-gentle-card")
    context.close()
