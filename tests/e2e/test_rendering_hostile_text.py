"""Issue 6.7 in a real browser: HTML, scripts, markdown and directives in user text show literally."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from core import content
from tests.e2e.helpers import create_account, open_app, settle, shot

pytestmark = [pytest.mark.e2e, pytest.mark.reliability]

COMPANY = (
    '<script>window.__rb_pwned=1</script> <img src=x onerror="window.__rb_pwned=2"> '
    "[RBLINK](https://evil.example/a) :red[RBRED]"
)
ROLE = "![RBIMG](https://evil.example/i.png) <b>RBBOLD</b> **RBSTAR** _RBEM_ $x^2$ www.evil.example `RBCODE`"
# Icon codes, HTML entities and text that GFM would turn into links.
ICON_AND_ENTITY = (
    ":material/home: :smile: &amp; &lt;b&gt; &nbsp; www.evil.example https://evil.example/b a@evil.example"
)
MESSAGE = "<iframe src='https://evil.example/f'></iframe> [x](javascript:alert(1)) <https://evil.example/auto> RBMSG"
# Pages to look at, by their label in the sidebar.
PAGES = [content.NAV[key] for key in ("start", "vent", "reflect", "went_well", "gratitude", "next_targets")]
PAGES += [content.NAV[key] for key in ("summary", "prep", "history", "account")]

INJECTED = """() => {
  const found = [];
  if (window.__rb_pwned) found.push("a script from user text ran");
  for (const s of document.querySelectorAll("script"))
    if (s.textContent.includes("__rb_pwned")) found.push("<script> element from user text");
  if (document.querySelector("[onerror]")) found.push("an onerror attribute");
  for (const img of document.querySelectorAll("img")) {
    const src = img.getAttribute("src") || "";
    if (src.includes("evil.example") || src === "x") found.push("<img> " + src);
  }
  for (const f of document.querySelectorAll("iframe"))
    if ((f.getAttribute("src") || "").includes("evil.example")) found.push("<iframe>");
  for (const el of document.querySelectorAll("b, strong, em, i, code, span, del"))
    if (/^RB(BOLD|STAR|EM|RED|CODE)$/.test(el.textContent.trim())) found.push(el.tagName + " " + el.textContent);
  if (document.querySelector(".katex")) found.push("math rendered from $...$");
  for (const a of document.querySelectorAll("a")) {
    const href = a.getAttribute("href") || "";
    if (href.startsWith("javascript") || (a.textContent.includes("RBLINK"))) found.push("<a> " + href);
  }
  return found;
}"""
# Links that GFM makes from bare URLs, www. names and emails in the text itself.
AUTOLINKED = """() => [...document.querySelectorAll("a")]
  .map(a => a.getAttribute("href") || "")
  .filter(href => href.includes("evil.example") || href.startsWith("mailto:"))"""


@pytest.fixture(scope="module")
def hostile(browser, server):
    """One signed-in tab whose current setback's company, role and message are hostile text."""
    context = browser.new_context()
    page = context.new_page()
    open_app(page, server)
    create_account(page, "mallory")
    page.get_by_role("textbox", name="Company").fill(COMPANY)
    page.get_by_role("textbox", name="Role").fill(ROLE)
    page.get_by_role("textbox", name="Their message (optional)").fill(MESSAGE)
    page.get_by_role("button", name="Save").click()
    settle(page)
    expect(page.get_by_text("Saved. This setback is now your current one")).to_be_visible()
    # The sidebar's progress is drawn after the page, on the same run: wait for it too.
    expect(page.get_by_test_id("stSidebar").get_by_text("○ Vent", exact=False)).to_be_visible()
    yield page
    context.close()


def test_start_here_shows_the_hostile_title_literally_and_injects_nothing(hostile, shots):
    main = hostile.get_by_test_id("stMain").inner_text().replace("\u2060", "")
    assert f"{COMPANY} — {ROLE}" in main, "the setback's title is not shown literally on Start here"
    assert hostile.evaluate(INJECTED) == []
    sidebar = hostile.get_by_test_id("stSidebar").inner_text().replace("\u2060", "")
    assert COMPANY in sidebar and ROLE in sidebar
    shot(hostile, shots, "start-here")
    hostile.reload()  # drawn from the saved file this time, not from the form's run
    settle(hostile)
    assert hostile.evaluate(INJECTED) == []
    assert f"{COMPANY} — {ROLE}" in hostile.get_by_test_id("stMain").inner_text().replace("\u2060", "")


@pytest.mark.parametrize("label", PAGES)
def test_every_page_shows_hostile_text_literally_and_injects_nothing(hostile, label, shots):
    hostile.get_by_test_id("stSidebarNav").get_by_role("link", name=label, exact=True).click()
    heading = content.START_TITLE if label == content.NAV["start"] else label
    expect(hostile.get_by_role("heading", name=heading, exact=True)).to_be_visible()  # the new page ran
    settle(hostile)
    shot(hostile, shots, label.replace(" ", "-").lower())
    assert hostile.evaluate(INJECTED) == []
    sidebar = hostile.get_by_test_id("stSidebar").inner_text().replace("\u2060", "")
    assert COMPANY in sidebar, "company not shown literally in the sidebar"
    assert ROLE in sidebar, "role not shown literally in the sidebar"


def test_links_icon_codes_and_html_entities_in_user_text_show_literally(browser, server, shots):
    context = browser.new_context()
    page = context.new_page()
    open_app(page, server)
    create_account(page, "mallory2")
    page.get_by_role("textbox", name="Company").fill("Initech")
    page.get_by_role("textbox", name="Role").fill(ICON_AND_ENTITY)
    page.get_by_role("button", name="Save").click()
    settle(page)
    shot(page, shots, "icon-entity-links")
    sidebar = page.get_by_test_id("stSidebar").inner_text().replace("\u2060", "")
    links = page.evaluate(AUTOLINKED)
    context.close()
    assert links == []
    assert ICON_AND_ENTITY in sidebar, sidebar
