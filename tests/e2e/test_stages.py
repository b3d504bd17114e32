"""The five stages in a real browser: fill and save each, reload, everything is back — and a second tab
saving another stage in between undoes nothing."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.helpers import create_account, open_app, settle, shot

VENT_TEXT = "Four rounds and then a two-line email. I'm allowed to be gutted."
LESSON = "Lead with outcomes, then the process."
WIN = "Stayed calm through the case study"
THANKS = ("Being chosen to interview", "Meeting a kind design lead", "Sharper stories for next time")
ATTRACTION = "A small, senior team"


def go(page: Page, label: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=label, exact=True).click()
    expect(page.get_by_role("heading", name=label, exact=True)).to_be_visible(timeout=20_000)
    settle(page)


def save(page: Page) -> None:
    page.get_by_role("button", name="Save", exact=True).click()
    settle(page)
    expect(page.get_by_text("Saved at ")).to_be_visible()


def reason(page: Page, reason_id: str):
    return page.locator(f".st-key-reason_{reason_id}")


def grid_cell(page: Page, column: int, row: int):
    return page.get_by_test_id("stDataFrame").get_by_test_id(f"glide-cell-{column}-{row}")


def type_into_grid(page: Page, column_x: float, row: int, text: str) -> None:
    """Open a cell of the targets table (drawn on a canvas) with a double click, type, and commit."""
    box = page.get_by_test_id("stDataFrame").get_by_test_id("data-grid-canvas").bounding_box()
    page.mouse.dblclick(box["x"] + column_x, box["y"] + 36 + 35 * row + 17)
    editor = page.locator("textarea.gdg-input")
    expect(editor).to_be_visible()
    editor.fill(text)
    editor.press("Enter")
    settle(page)


def slider(page: Page, label: str):
    return page.locator(f'input[type="range"][aria-label="{label}"]')


def test_five_stages_saved_come_back_after_a_reload_and_a_second_tab_undoes_nothing(browser, server, shots):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    open_app(page, server)
    create_account(page, "robin-stages")
    page.get_by_role("textbox", name="Company").fill("Acme Rockets")
    page.get_by_role("textbox", name="Role").fill("Product Designer")
    page.get_by_role("button", name="Save").click()
    settle(page)

    # A second tab opens Gratitude now, before anything is saved: its copy of the setback is old.
    second = context.new_page()
    open_app(second, server)
    expect(second.get_by_role("heading", name="I just heard back")).to_be_visible(timeout=20_000)
    settle(second)
    go(second, "Gratitude")

    go(page, "Vent")
    slider(page, "Disappointment").focus()
    for _ in range(14):  # 14 steps of 5
        page.keyboard.press("ArrowRight")
    settle(page)
    page.get_by_role("textbox", name="Your writing").fill(VENT_TEXT)
    save(page)
    expect(slider(page, "Disappointment")).to_have_value("70")
    shot(page, shots, "1-vent")

    go(page, "Reflect")
    reason(page, "chemistry").get_by_role("radio", name="Yes", exact=True).click()
    settle(page)
    reason(page, "chemistry").get_by_role("radio", name="Their feedback", exact=True).click()
    settle(page)
    page.get_by_role("textbox", name="What can I learn from this experience? Be curious.").fill(LESSON)
    save(page)
    shot(page, shots, "2-reflect")

    go(page, "What went well")
    idea = page.get_by_role("button", name="I was invited to interview", exact=False)
    idea.click()
    settle(page)
    page.get_by_role("textbox", name="Win 2").fill(WIN)
    save(page)
    shot(page, shots, "3-went-well")

    # Meanwhile the second tab fills in Gratitude and saves it.
    for index, text in enumerate(THANKS):
        second.get_by_role("textbox", name="Thankful for…").nth(index).fill(text)
    second.get_by_role("textbox", name="A person (optional)").nth(1).fill("Priya Shah")
    save(second)
    expect(second.get_by_text("A thank-you note for Priya Shah")).to_be_visible()
    shot(second, shots, "4-gratitude-second-tab")

    go(page, "Next targets")
    type_into_grid(page, 90, 0, "Globex")
    type_into_grid(page, 200, 0, "Design-led and remote")
    expect(grid_cell(page, 1, 0)).to_have_text("Globex")
    expect(page.get_by_text("1 of about 10.")).to_be_visible()
    page.get_by_role("textbox", name="What drew me 1").fill(ATTRACTION)
    save(page)
    shot(page, shots, "5-next-targets")

    # A reload starts a new session: everything shown now comes from disk.
    for tab in (page, second):
        tab.reload()
        settle(tab)
    progress = page.get_by_test_id("stSidebar")
    for stage in ("Vent", "Reflect", "What went well", "Gratitude", "Next targets"):
        expect(progress.get_by_text(f"✓ {stage}")).to_be_visible()

    go(page, "Vent")
    expect(page.get_by_role("textbox", name="Your writing")).to_have_value(VENT_TEXT)
    expect(slider(page, "Disappointment")).to_have_value("70")

    go(page, "Reflect")
    chemistry = reason(page, "chemistry")
    expect(chemistry.get_by_role("radio", name="Yes", exact=True)).to_be_checked()
    expect(chemistry.get_by_role("radio", name="Their feedback", exact=True)).to_be_checked()
    expect(
        page.get_by_role("textbox", name="What can I learn from this experience? Be curious.")
    ).to_have_value(LESSON)

    go(page, "What went well")
    expect(page.get_by_role("textbox", name="Win 1")).to_have_value(
        "I was invited to interview — they saw something in my experience."
    )
    expect(page.get_by_role("textbox", name="Win 2")).to_have_value(WIN)

    go(page, "Gratitude")
    for index, text in enumerate(THANKS):
        expect(page.get_by_role("textbox", name="Thankful for…").nth(index)).to_have_value(text)
    expect(page.get_by_role("textbox", name="A person (optional)").nth(1)).to_have_value("Priya Shah")

    go(page, "Next targets")
    expect(page.get_by_role("textbox", name="What drew me 1")).to_have_value(ATTRACTION)
    expect(grid_cell(page, 1, 0)).to_have_text("Globex")
    expect(grid_cell(page, 2, 0)).to_have_text("Design-led and remote")
    shot(page, shots, "6-after-reload")
    context.close()
