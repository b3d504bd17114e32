"""Small steps shared by the browser tests: waiting, signing up, signing in."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

PASSWORD = "Calm-Harbor-42"
IDLE = '[data-test-script-state="notRunning"]'


# Counts the runs the page has seen start (the script state turning "running"), so that settle()
# can tell whether the run an action asked for has begun: a click's run starts a moment after the
# click, and checking "not running" before then would pass too soon.
_COUNT_RUNS = """() => {
  if (window.__reboundRuns === undefined) {
    window.__reboundRuns = 0;
    window.__reboundSettled = 0;
    new MutationObserver((changes) => {
      for (const change of changes) {
        if (change.target.getAttribute("data-test-script-state") === "running") window.__reboundRuns += 1;
      }
    }).observe(document.body, { attributes: true, subtree: true, attributeFilter: ["data-test-script-state"] });
  }
}"""
# How long a run asked for by the last action may take to start (the click's message to the server).
RUN_START_MS = 300


def settle(page: Page, timeout: float = 20_000) -> None:
    """Wait until the app has finished its current run, and the one the last action asked for (no sleeps)."""
    page.wait_for_selector(IDLE, state="attached", timeout=timeout)
    page.evaluate(_COUNT_RUNS)
    # A run since the last settle (started, or over already), or none within RUN_START_MS.
    page.wait_for_function(
        """(ms) => {
          window.__reboundAsked ??= performance.now();
          return window.__reboundRuns > window.__reboundSettled || performance.now() - window.__reboundAsked > ms;
        }""",
        arg=RUN_START_MS,
        timeout=timeout,
    )
    page.wait_for_function(
        "() => !document.querySelector('[data-test-script-state=\"running\"]')", timeout=timeout
    )
    page.evaluate(
        "() => { window.__reboundSettled = window.__reboundRuns; window.__reboundAsked = undefined; }"
    )


def open_app(page: Page, url: str) -> None:
    page.goto(url)
    settle(page)


def shot(page: Page, folder: Path, name: str) -> None:
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def choose_tab(page: Page, name: str) -> None:
    # react-aria keeps a hidden copy of each tab, so match Streamlit's own test id. A rerun that
    # lands during the click can swallow it: click again.
    tab = page.get_by_test_id("stTab").filter(has_text=name)
    for _ in range(5):
        tab.click()
        settle(page)
        if tab.get_attribute("aria-selected") == "true":
            return
    expect(tab).to_have_attribute("aria-selected", "true")


def create_account(page: Page, username: str, password: str = PASSWORD) -> None:
    """Fill Create account; the new person is signed in and lands on the page they asked for."""
    choose_tab(page, "Create account")
    form = page.get_by_test_id("stForm").filter(has_text="Repeat password")
    form.get_by_label("First name").fill("Sam")
    form.get_by_label("Last name").fill("Rivera")
    form.get_by_label("Email").fill(f"{username}@example.org")
    form.get_by_label("Username").fill(username)
    form.get_by_label("Password", exact=True).fill(password)
    form.get_by_label("Repeat password").fill(password)
    form.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Welcome to Rebound")).to_have_count(0, timeout=20_000)
    expect(page.get_by_test_id("stSidebar").get_by_role("button", name="Sign out")).to_be_visible()
    settle(page)


def sign_in(page: Page, username: str, password: str = PASSWORD, expect_start: bool = True) -> None:
    choose_tab(page, "Sign in")
    form = page.get_by_test_id("stForm").filter(has_text="Username", has_not_text="Repeat password")
    form.get_by_label("Username").fill(username)
    form.get_by_label("Password", exact=True).fill(password)
    form.get_by_role("button", name="Sign in").click()
    if expect_start:
        expect(page.get_by_role("heading", name="I just heard back")).to_be_visible(timeout=20_000)
    else:
        expect(page.get_by_role("heading", name="Welcome to Rebound")).to_have_count(0, timeout=20_000)
    settle(page)


def unlocked_person(store, username: str, password: str = PASSWORD):
    """The person with their data key, as a server holds it once their password opened it (their
    writing is encrypted at rest, so a test reading it from storage needs the key too)."""
    from core import keys
    from core.storage import Person

    unlocked = keys.unlock(store, store.account(username), password, encryption=True)
    assert unlocked is not None, f"{username}'s key did not open with the password"
    return Person.named(username, unlocked.key)
