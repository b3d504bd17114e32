"""WCAG 2.2 AA in a real Chromium: axe on every page at desktop and phone size in the light and the dark
theme; a keyboard-only walk from sign-in to a saved stage, a PDF, an export and deleting everything;
page titles, button names, headings, the phone layout, the theme choice and reduced motion.

One server and one seeded data folder serve the whole module; screenshots of every page in the dark
theme land in test-output/e2e/ for a person to look at.
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from core import content, contrast
from core.models import CheckIn, Intake, Summary, Vent
from core.storage import Person
from tests.e2e.conftest import OUTPUT, ROOT, start_server, stop_server
from tests.e2e.helpers import PASSWORD, choose_tab, create_account, open_app, settle
from tests.factories import files_store, full_setback

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
THEMES = ("light", "dark")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING_IMPACTS = ("critical", "serious")
# An explicit statement, so the full crisis card shows (an indirect one brings the gentler card).
CRISIS_TEXT = "Some days I think about ending my life."
AXE = Axe()

# Violations inside Streamlit's own markup that no app-side change avoids: (axe rule, a piece of the
# node's CSS selector) -> the upstream Streamlit issue that tracks it. Every entry must still occur
# somewhere in the run (a stale entry fails the test), so the list only ever shrinks.
ALLOWLIST: dict[tuple[str, str], str] = {}

# The sign-in page's two forms title themselves at level 3 (the authenticator's Login form draws its
# own st.subheader): the tabs above them are their section. On Account an h2 sits above its forms.
AUTHENTICATOR_FORM_HEADINGS = {"sign-in", "create account"}


@dataclass
class Findings:
    """Everything the axe walk found, to report in one go at the end."""

    violations: list[str] = field(default_factory=list)
    allowed: set[tuple[str, str]] = field(default_factory=set)
    other: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """One server for the module, on a data folder the tests seed through the store."""
    data_dir = tmp_path_factory.mktemp("a11y-data")
    process, url = start_server(ROOT / "app.py", data_dir)
    try:
        yield url, data_dir
    finally:
        stop_server(process)


@pytest.fixture
def out(request) -> Path:
    folder = OUTPUT / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# -- small steps -------------------------------------------------------------------------------


def idle(page: Page) -> None:
    """The run has finished and nothing on screen is left over from the run before."""
    settle(page)
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')")


def use_theme(page: Page, theme: str) -> None:
    """Ask for the system's light or dark, and wait until the app shows it."""
    page.emulate_media(color_scheme=theme)
    page.wait_for_function(
        "(theme) => getComputedStyle(document.querySelector('.stApp')).colorScheme === theme", arg=theme
    )


def go(page: Page, label: str) -> None:
    page.get_by_test_id("stSidebar").get_by_role("link", name=label, exact=True).click()
    expect(page).to_have_title(content.PAGE_TITLE.format(page=label))
    idle(page)


def open_sidebar(page: Page) -> None:
    """On a phone the sidebar starts folded away: open it to reach the page list."""
    expand = page.get_by_test_id("stExpandSidebarButton")
    if expand.is_visible():
        expand.click()
    expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "false")


def tall_screenshot(page: Page, path: Path) -> None:
    """The whole page (Streamlit scrolls inside its own container, so make the window as tall)."""
    size = page.viewport_size
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll("
        "'[data-testid=stMain], [data-testid=stAppViewContainer], [data-testid=stSidebarContent]')]"
        ".map((e) => e.scrollHeight))"
    )
    page.set_viewport_size({"width": size["width"], "height": min(height + 40, 16_000)})
    page.screenshot(path=str(path))
    page.set_viewport_size(size)


def overflow(page: Page) -> str | None:
    """What sticks out sideways, if anything (the page itself or the main column)."""
    return page.evaluate(
        """() => {
          const main = document.querySelector('[data-testid="stMain"]');
          const doc = document.documentElement;
          if (doc.scrollWidth > window.innerWidth + 1) return `page ${doc.scrollWidth}px in ${window.innerWidth}px`;
          if (main && main.scrollWidth > main.clientWidth + 1) return `main ${main.scrollWidth}px in ${main.clientWidth}px`;
          return null;
        }"""
    )


def headings(page: Page) -> list[tuple[int, str]]:
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMain"] :is(h1, h2, h3, h4, h5, h6)')]
             .filter((h) => h.offsetParent !== null)
             .map((h) => [Number(h.tagName[1]), h.textContent.trim()])"""
    )


def outline_problems(found: list[tuple[int, str]], authenticator_forms: bool) -> list[str]:
    """One h1, first; each heading at most one level deeper than the one before it."""
    problems = []
    levels = [level for level, _ in found]
    if levels.count(1) != 1 or not levels or levels[0] != 1:
        problems.append(f"expected one h1, first: {found}")
    for (before, _), (level, text) in itertools.pairwise(found):
        if level > before + 1 and not (authenticator_forms and before == 1 and level == 3):
            problems.append(f"h{before} then h{level} ({text!r})")
    return problems


NO_TOOLTIP = """() => ![...document.querySelectorAll('.stTooltipContent')]
    .some((tip) => tip.getBoundingClientRect().width > 0)"""


def check_page(
    page: Page, name: str, findings: Findings, out: Path, authenticator_forms: bool = False
) -> None:
    """axe, sideways overflow and the heading outline, at both sizes in both themes."""
    problems = outline_problems(headings(page), authenticator_forms)
    findings.other += [f"{name}: headings: {problem}" for problem in problems]
    for size_name, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        for theme in THEMES:
            use_theme(page, theme)
            idle(page)
            # The pointer rests where the theme menu was: a tooltip fading in under it is no page state.
            page.mouse.move(1, 1)
            page.wait_for_function(NO_TOOLTIP)
            where = f"{name} · {size_name} · {theme}"
            for violation in run_axe(page):
                if violation["impact"] not in FAILING_IMPACTS:
                    continue
                for node in violation["nodes"]:
                    target = " ".join(str(part) for part in node["target"])
                    allowed = [key for key in ALLOWLIST if key[0] == violation["id"] and key[1] in target]
                    if allowed:
                        findings.allowed.update(allowed)
                        continue
                    message = (node.get("any") or node.get("all") or node.get("none") or [{}])[0]
                    findings.violations.append(
                        f"{where}: {violation['id']} ({violation['impact']}) at {target}: "
                        f"{message.get('message', violation['help'])}"
                    )
            if sticking_out := overflow(page):
                findings.other.append(f"{where}: wider than the screen: {sticking_out}")
            findings.checked.append(where)
            if theme == "dark":
                tall_screenshot(page, out / f"{name.replace(' ', '-')}-{size_name}-dark.png")
    page.set_viewport_size(DESKTOP)
    use_theme(page, "light")


def run_axe(page: Page) -> list[dict]:
    """axe-core's WCAG 2.2 A/AA violations on the page as it is now.

    Streamlit moves between pages without loading a new document, so axe is injected once per load.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.axe_script)
    options = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
    return page.evaluate("(options) => axe.run(document, options)", options)["violations"]


def show_restored_draft_line(page: Page) -> bool:
    """Hook: make the "Restored what you wrote at 14:02, not saved yet" line show on this page.

    TODO(issue 12): drafts kept on the server do not exist yet, so there is no such line to show.
    Once they do, type into a field here, reload, wait for the line, and return True: every page
    this is called on is then checked by axe with the line showing.
    """
    return False


def seed(data_dir: Path, username: str) -> None:
    """Three setbacks with both check-ins (History's chart and patterns), the newest fully filled."""
    store, person = files_store(data_dir), Person.named(username)
    older = [
        (
            Intake(company="Globex", role="Designer", stage_reached="interview", heard_on=date(2025, 5, 2)),
            70,
            40,
        ),
        (
            Intake(company="Initech", role="UX Lead", stage_reached="screen", heard_on=date(2025, 8, 10)),
            60,
            35,
        ),
    ]
    for intake, first, last in older:
        created = store.create(person, intake)
        store.save_stage(person, created.id, "vent", Vent(check_in=CheckIn(disappointment=first)))
        store.save_stage(person, created.id, "summary", Summary(check_in=CheckIn(disappointment=last)))
    setback = full_setback()
    created = store.create(person, setback.intake)
    for stage in ("vent", "reflect", "went_well", "gratitude", "next_targets", "summary"):
        store.save_stage(person, created.id, stage, getattr(setback, stage))


# -- axe on every page -----------------------------------------------------------------------


def test_every_page_has_no_serious_axe_violation_at_both_sizes_in_both_themes(browser, app, out):
    url, data_dir = app
    findings = Findings()
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    page = context.new_page()
    try:
        open_app(page, url)
        # Sign in, with the message for a wrong password showing.
        choose_tab(page, content.LOGIN_FIELDS["Form name"])
        form = page.get_by_test_id("stForm").filter(has_text="Username", has_not_text="Repeat password")
        form.get_by_label("Username").fill("nobody-here")
        form.get_by_label("Password", exact=True).fill("not-the-password")
        form.get_by_role("button", name=content.LOGIN_FIELDS["Login"]).click()
        idle(page)
        expect(page.get_by_text(content.LOGIN_FAILED)).to_be_visible()
        check_page(page, "sign-in", findings, out, authenticator_forms=True)

        choose_tab(page, content.REGISTER_FIELDS["Form name"])
        check_page(page, "create account", findings, out, authenticator_forms=True)
        create_account(page, "axe-reader")  # signs the new person in
        idle(page)

        # Start here with nothing yet, and the message a Save without a company brings.
        page.get_by_role("button", name=content.SAVE).click()
        idle(page)
        expect(page.get_by_test_id("stAlertContentError").first).to_be_visible()
        check_page(page, "start here, empty", findings, out)

        seed(data_dir, "axe-reader")
        go(page, content.NAV["vent"])
        page.get_by_role("textbox", name=content.VENT_WRITE_LABEL).fill(CRISIS_TEXT)
        page.get_by_role("textbox", name=content.VENT_WRITE_LABEL).blur()
        idle(page)
        expect(page.get_by_text(content.CRISIS_TITLE)).to_be_visible()
        show_restored_draft_line(page)
        check_page(page, "vent, with the crisis card", findings, out)

        for key in (
            "start",
            "reflect",
            "went_well",
            "gratitude",
            "next_targets",
            "summary",
            "prep",
            "history",
            "account",
        ):
            go(page, content.NAV[key])
            if key in ("reflect", "went_well", "gratitude", "next_targets", "summary"):
                show_restored_draft_line(page)
            if key == "history":
                expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(1)
                expect(page.get_by_text(content.PATTERNS_INTRO)).to_be_visible()
            check_page(page, content.NAV[key], findings, out)
    finally:
        context.close()

    stale = set(ALLOWLIST) - findings.allowed
    report = "\n".join(findings.violations + findings.other)
    print(f"axe checked {len(findings.checked)} page states: " + "; ".join(findings.checked))
    assert not findings.violations and not findings.other, f"\n{report}"
    assert not stale, f"allowlist entries no longer needed: {stale}"


# -- keyboard only ---------------------------------------------------------------------------

FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const ringed = el.closest('[data-baseweb="input"], [data-baseweb="textarea"], [data-baseweb="select"] > div') || el;
  const style = getComputedStyle(ringed);
  // What a screen reader says: the text without the parts hidden from it (icon ligatures).
  const copy = el.cloneNode(true);
  copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
  const name = el.getAttribute('aria-label') || copy.textContent || el.value || '';
  return {
    tag: el.tagName, role: el.getAttribute('role') || '', name: name.trim().slice(0, 80),
    label: el.labels && el.labels[0] ? el.labels[0].innerText.trim() : (el.getAttribute('aria-label') || ''),
    ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
  };
}"""


def focused(page: Page) -> dict | None:
    return page.evaluate(FOCUS)


def tab_to(page: Page, matches, back: bool = False, limit: int = 250) -> dict:
    """Press Tab (or Shift+Tab) until the focused element matches; every stop must show its ring."""
    key = "Shift+Tab" if back else "Tab"
    stops = []
    for _ in range(limit):
        page.keyboard.press(key)
        now = focused(page)
        if now is None:
            continue
        stops.append((now["tag"], now["name"][:30], now["label"][:30]))
        assert now["ring"], f"no visible focus ring on {now}"
        if matches(now):
            return now
    raise AssertionError(f"never reached the element after {limit} presses of {key}; stops: {stops[-40:]}")


def named(name: str):
    return lambda now: now["name"] == name or now["label"] == name


def test_a_keyboard_alone_signs_in_saves_a_stage_adds_and_removes_rows_downloads_exports_and_deletes(
    browser, app, out
):
    url, _ = app
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    page = context.new_page()
    try:
        open_app(page, url)
        # The walk starts at sign-in, with an account that exists.
        create_account(page, "keys-only")
        # The note that the account is ready is a stop on the way too (it stays while it has focus).
        expect(page.get_by_test_id("stToast").filter(has_text=content.REGISTERED_SIGNED_IN)).to_be_visible()
        tab_to(page, lambda now: now["role"] == "alertdialog", back=True)
        page.get_by_test_id("stSidebar").get_by_role("button", name=content.SIGN_OUT).click()
        expect(page.get_by_role("heading", name=content.SIGN_IN_TITLE)).to_be_visible()
        idle(page)

        tab_to(page, named("Username"))
        page.keyboard.type("keys-only")
        tab_to(page, named("Password"))
        page.keyboard.type(PASSWORD)
        tab_to(page, named(content.LOGIN_FIELDS["Login"]))
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name=content.START_TITLE)).to_be_visible(timeout=20_000)
        idle(page)
        # The page's title has focus, so a screen reader reads out where the person landed.
        expect(page.get_by_role("heading", name=content.START_TITLE, level=1)).to_be_focused()

        tab_to(page, named("Company"))
        page.keyboard.type("Keyboard Co")
        tab_to(page, named("Role"))
        page.keyboard.type("Analyst")
        tab_to(page, named(content.SAVE))
        page.keyboard.press("Space")
        idle(page)
        expect(page.get_by_text(content.INTAKE_SAVED)).to_be_visible()

        # To Vent through the sidebar's page list (it comes before the page, so Shift+Tab).
        tab_to(page, named(content.NAV["vent"]), back=True)
        page.keyboard.press("Enter")
        expect(page).to_have_title(content.PAGE_TITLE.format(page=content.NAV["vent"]))
        idle(page)
        expect(page.get_by_role("heading", name=content.NAV["vent"], level=1)).to_be_focused()
        tab_to(page, named(content.VENT_WRITE_LABEL))
        page.keyboard.type("Typed with the keyboard alone.")
        tab_to(page, named(content.SAVE))
        idle(page)  # leaving the field sent its text
        page.keyboard.press("Space")
        idle(page)
        expect(page.get_by_text(re.compile(r"^Saved at \d\d:\d\d$"))).to_be_visible()
        page.screenshot(path=str(out / "vent-saved.png"))

        # Add a win, type it, remove it again.
        tab_to(page, named(content.NAV["went_well"]), back=True)
        page.keyboard.press("Enter")
        expect(page).to_have_title(content.PAGE_TITLE.format(page=content.NAV["went_well"]))
        idle(page)
        tab_to(page, named(content.WINS_LABEL.format(n=1)))
        page.keyboard.type("Stayed calm")
        tab_to(page, named(content.STAGE_ADD_ROW))
        idle(page)  # leaving the field sent its text
        page.keyboard.press("Space")
        idle(page)
        expect(page.get_by_role("textbox", name=content.WINS_LABEL.format(n=4))).to_be_visible()
        remove_four = content.STAGE_REMOVE["went_well.wins"].format(n=4)
        tab_to(page, named(remove_four))
        page.keyboard.press("Enter")
        idle(page)
        expect(page.get_by_role("textbox", name=content.WINS_LABEL.format(n=4))).to_have_count(0)
        tab_to(page, named(content.SAVE))
        page.keyboard.press("Enter")
        idle(page)
        expect(page.get_by_role("textbox", name=content.WINS_LABEL.format(n=1))).to_have_value("Stayed calm")

        # The PDF from Summary.
        tab_to(page, named(content.NAV["summary"]), back=True)
        page.keyboard.press("Enter")
        idle(page)
        tab_to(page, named(content.SUMMARY_DOWNLOAD_PDF))
        with page.expect_download() as pdf:
            page.keyboard.press("Enter")
        data = Path(pdf.value.path()).read_bytes()
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
        assert "Keyboard Co" in text and "Stayed calm" in " ".join(text.split())

        # Export, then delete everything, from Account.
        tab_to(page, named(content.NAV["account"]), back=True)
        page.keyboard.press("Enter")
        idle(page)
        tab_to(page, named(content.EXPORT_BUTTON))
        with page.expect_download() as export:
            page.keyboard.press("Enter")
        names = zipfile.ZipFile(export.value.path()).namelist()
        assert any(name.endswith(".json") for name in names)
        tab_to(page, lambda now: now["label"].startswith("To confirm"))
        page.keyboard.type("keys-only")
        tab_to(page, named(content.DELETE_BUTTON))
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name=content.SIGN_IN_TITLE)).to_be_visible(timeout=20_000)
    finally:
        context.close()


# -- names, titles, phone, theme, motion ----------------------------------------------------


@pytest.fixture(scope="module")
def reader(browser, app):
    """A browser context signed in (by cookie) as a person with the seeded setbacks."""
    url, data_dir = app
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    open_app(page, url)
    create_account(page, "reader")  # signs the new person in; the context keeps the cookie
    seed(data_dir, "reader")
    page.close()
    yield context, url
    context.close()


def signed_in_page(reader, viewport=DESKTOP, color_scheme="light", reduced_motion="no-preference") -> Page:
    """A new tab (a new session, signed in by the cookie) at this size, theme and motion setting."""
    context, url = reader
    page = context.new_page()
    page.set_viewport_size(viewport)
    page.emulate_media(color_scheme=color_scheme, reduced_motion=reduced_motion)
    open_app(page, url)
    expect(page.get_by_role("heading", name=content.START_TITLE, level=1)).to_be_visible(timeout=20_000)
    idle(page)
    return page


def test_every_remove_button_says_which_row_it_removes_and_none_is_called_close(reader):
    page = signed_in_page(reader)
    try:
        for key, lists in {
            "went_well": ["went_well.wins"],
            "gratitude": ["gratitude.entries"],
            "reflect": ["reflect.stumbles"],
            "next_targets": ["next_targets.attractions", "next_targets.actions"],
        }.items():
            go(page, content.NAV[key])
            for name in lists:
                expect(
                    page.get_by_role("button", name=content.STAGE_REMOVE[name].format(n=1), exact=True)
                ).to_have_count(1)
            icon_named = page.get_by_role("button", name=re.compile(r"^\s*(close|close icon|add|check)\s*$"))
            expect(icon_named).to_have_count(0)
        # On a phone the name stands beside the x, right under the row it removes.
        go(page, content.NAV["went_well"])
        page.set_viewport_size(PHONE)
        idle(page)
        remove = page.get_by_role(
            "button", name=content.STAGE_REMOVE["went_well.wins"].format(n=2), exact=True
        )
        expect(remove).to_contain_text(content.STAGE_REMOVE["went_well.wins"].format(n=2))
        field_box = page.get_by_role("textbox", name=content.WINS_LABEL.format(n=2)).bounding_box()
        button_box = remove.bounding_box()
        next_label = page.get_by_text(content.WINS_LABEL.format(n=3), exact=True).bounding_box()
        assert field_box["y"] < button_box["y"] < next_label["y"], (field_box, button_box, next_label)
        assert button_box["height"] >= 24 and button_box["width"] >= 24
    finally:
        page.close()


def test_each_page_announces_its_title_in_the_tab_and_by_moving_focus_to_its_heading(reader):
    page = signed_in_page(reader)
    try:
        titles = {key: content.NAV[key] for key in ("vent", "summary", "history", "account")}
        titles["start"] = content.START_TITLE
        expect(page.get_by_role("heading", name=content.START_TITLE, level=1)).to_be_focused()
        for key, heading in titles.items():
            go(page, content.NAV[key])
            expect(page.get_by_role("heading", name=heading, level=1)).to_be_focused()
        # A rerun on the same page (a widget changing) leaves the person's focus where it is.
        go(page, content.NAV["vent"])
        box = page.get_by_role("textbox", name=content.VENT_WRITE_LABEL)
        box.fill("Still here.")
        page.get_by_role("switch", name=content.VENT_PRIVATE).focus()
        idle(page)
        expect(page.get_by_role("switch", name=content.VENT_PRIVATE)).to_be_focused()
    finally:
        page.close()


def test_on_a_phone_the_scale_is_one_even_line_and_the_targets_table_scrolls_inside_itself(reader):
    page = signed_in_page(reader, viewport=PHONE)
    try:
        open_sidebar(page)
        go(page, content.NAV["reflect"])
        buttons = page.locator('[class*="-reflect-wanted"] [role="radiogroup"] > button')
        expect(buttons).to_have_count(11)
        boxes = [buttons.nth(i).bounding_box() for i in range(11)]
        assert len({round(box["y"]) for box in boxes}) == 1, "the 0-10 scale wraps"
        assert max(box["width"] for box in boxes) - min(box["width"] for box in boxes) <= 1
        assert (
            min(box["width"] for box in boxes) >= 24 and boxes[-1]["x"] + boxes[-1]["width"] <= PHONE["width"]
        )
        assert overflow(page) is None

        open_sidebar(page)
        go(page, content.NAV["next_targets"])
        scroller = page.get_by_test_id("stDataFrame").locator(".dvn-scroller")
        widths = scroller.evaluate("(e) => [e.scrollWidth, e.clientWidth]")
        assert widths[0] > widths[1], "the table should scroll sideways inside itself on a phone"
        scroller.evaluate("(e) => { e.scrollLeft = e.scrollWidth; }")
        assert scroller.evaluate("(e) => e.scrollLeft + e.clientWidth >= e.scrollWidth - 1")
        assert overflow(page) is None
    finally:
        page.close()


def background(page: Page) -> str:
    return page.evaluate("getComputedStyle(document.querySelector('.stApp')).backgroundColor")


def test_the_theme_follows_the_system_until_the_person_picks_light_or_dark_on_account(reader):
    page = signed_in_page(reader, color_scheme="dark")
    try:
        expect(page.locator(".stApp")).to_have_css("background-color", "rgb(20, 24, 27)")
        use_theme(page, "light")
        expect(page.locator(".stApp")).to_have_css("background-color", "rgb(251, 250, 247)")

        go(page, content.NAV["account"])
        page.get_by_role("radiogroup", name=content.THEME_LABEL).get_by_text(
            content.THEME_CHOICES["dark"]
        ).click()
        idle(page)
        expect(page.locator(".stApp")).to_have_css("background-color", "rgb(20, 24, 27)")
        # The menu it went through stays out of sight, and focus is back on the choice.
        expect(page.get_by_test_id("stMainMenuPopover")).to_have_count(0)
        go(page, content.NAV["history"])
        expect(page.locator(".stApp")).to_have_css(
            "background-color", "rgb(20, 24, 27)"
        )  # while the system is light

        go(page, content.NAV["account"])
        page.get_by_role("radiogroup", name=content.THEME_LABEL).get_by_text(
            content.THEME_CHOICES["system"]
        ).click()
        idle(page)
        expect(page.locator(".stApp")).to_have_css("background-color", "rgb(251, 250, 247)")
        use_theme(page, "dark")
        expect(page.locator(".stApp")).to_have_css("background-color", "rgb(20, 24, 27)")
    finally:
        page.close()


def test_nothing_moves_when_the_system_asks_for_reduced_motion(reader):
    moving = "(e) => getComputedStyle(e).transitionDuration"
    page = signed_in_page(reader)
    try:
        sidebar = page.get_by_test_id("stSidebar")
        assert set(sidebar.evaluate(moving).replace(" ", "").split(",")) != {"1e-05s"}
        page.emulate_media(reduced_motion="reduce")
        durations = sidebar.evaluate(moving)
        assert set(durations.replace(" ", "").split(",")) == {"1e-05s"}, durations
    finally:
        page.close()


CHART_TEXT = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"] svg text')]
  .filter((t) => t.textContent.trim())
  .map((t) => [t.closest('[class*="role-"]').getAttribute('class'), t.textContent, getComputedStyle(t).fill])"""


def hex_colour(css: str) -> str:
    red, green, blue = (int(part) for part in re.findall(r"\d+", css)[:3])
    return f"#{red:02x}{green:02x}{blue:02x}"


def test_the_emotion_charts_text_reads_at_4_5_to_1_in_both_themes_and_a_table_sits_beside_each(reader):
    page = signed_in_page(reader)
    try:
        for key in ("summary", "history"):
            go(page, content.NAV[key])
            for theme in THEMES:
                use_theme(page, theme)
                idle(page)
                expect(page.get_by_test_id("stVegaLiteChart").locator("svg text").first).to_be_attached()
                back = hex_colour(background(page))
                texts = page.evaluate(CHART_TEXT)
                assert any("axis-label" in role for role, _, _ in texts) and any(
                    "legend-label" in role for role, _, _ in texts
                )
                for role, text, fill in texts:
                    assert contrast.ratio(hex_colour(fill), back) >= contrast.TEXT, (
                        key,
                        theme,
                        role,
                        text,
                        fill,
                    )
            table = page.get_by_test_id("stExpander").filter(has_text=content.ARC_TABLE)
            table.get_by_text(content.ARC_TABLE).click()
            expect(table.get_by_role("table")).to_be_visible()
            expect(table.get_by_role("columnheader", name=content.ARC_MOMENTS["before"])).to_be_visible()
            if key == "summary":
                row = table.get_by_role("row").filter(has_text="Disappointment")
                expect(row).to_contain_text("80")
                expect(row).to_contain_text("55")
            else:
                expect(table.get_by_role("row").filter(has_text="Globex")).to_contain_text("70")
            use_theme(page, "light")
    finally:
        page.close()
