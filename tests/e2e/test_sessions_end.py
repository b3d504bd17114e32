"""Issue 11, items 1, 3 and 5 in a real browser: deleted accounts stay deleted, sessions end when
they should (password change, sign-out, a full disk, a malformed cookie), and a stranger's wrong
guesses don't lock the owner out of a browser they signed in from before."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import jwt
import pytest
from playwright.sync_api import BrowserContext, Page, expect

from core import auth, content
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

HOOKS = Path(__file__).resolve().parent / "server_hooks"
GENERIC = "This app has encountered an error"


@pytest.fixture
def app(tmp_path) -> Iterator[tuple[str, Path, Path]]:
    """A server of our own whose disk can be made full from the test: (url, data folder, flag file)."""
    data_dir, flag = tmp_path / "data", tmp_path / "disk-trouble"
    env = {"PYTHONPATH": os.pathsep.join([str(HOOKS), str(ROOT)]), "REBOUND_TEST_DISK_FLAG": str(flag)}
    process, url = start_server(ROOT / "app.py", data_dir, env)
    try:
        yield url, data_dir, flag
    finally:
        stop_server(process)


def session_cookie(context: BrowserContext) -> dict:
    [cookie] = [c for c in context.cookies() if c["name"] == "rebound_session"]
    return cookie


def with_cookie(browser, cookie: dict) -> tuple[BrowserContext, Page]:
    context = browser.new_context()
    context.add_cookies([cookie])
    return context, context.new_page()


def signed_out(page: Page) -> None:
    expect(page.get_by_role("heading", name=content.SIGN_IN_TITLE)).to_be_visible()
    expect(page.get_by_test_id("stSidebar").get_by_text("Signed in as")).to_have_count(0)
    no_error_page(page)


def signed_in(page: Page) -> None:
    expect(page.get_by_test_id("stSidebar").get_by_role("button", name="Sign out")).to_be_visible()
    no_error_page(page)


def no_error_page(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_text(GENERIC)).to_have_count(0)


def go_to(page: Page, label: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=label).click()
    settle(page)


def new_setback(page: Page, company: str) -> None:
    page.get_by_role("textbox", name="Company").fill(company)
    page.get_by_role("button", name="Save").click()
    settle(page)
    expect(page.get_by_text(content.INTAKE_SAVED)).to_be_visible()


def sign_out(page: Page) -> None:
    page.get_by_test_id("stSidebar").get_by_role("button", name="Sign out").click()
    settle(page)


# -- item 1: a deleted account stays deleted ----------------------------------------------------


def test_a_second_tab_of_a_deleted_account_saves_nothing_and_the_next_owner_of_the_name_sees_nothing(
    browser, app, shots, figures
):
    url, data_dir, _ = app
    runs, recreated, leaked, saved_after_delete = 2, 0, 0, 0
    for run in range(runs):
        name = f"dee{run}"
        context = browser.new_context()
        first = context.new_page()
        open_app(first, url)
        create_account(first, name)
        new_setback(first, f"Secret Co {run}")
        # A second tab opened from the same cookie, on Vent, with words typed and not saved yet.
        second = context.new_page()
        open_app(second, url)
        signed_in(second)
        go_to(second, "Vent")
        box = second.get_by_role("textbox").last
        box.fill(f"words typed in the second tab {run}")
        box.blur()
        settle(second)
        # Delete everything in the first tab.
        go_to(first, "Account")
        first.get_by_label(content.DELETE_CONFIRM.format(username=name)).fill(name)
        first.get_by_role("button", name=content.DELETE_BUTTON).click()
        settle(first)
        signed_out(first)
        # The second tab presses Save: nothing is written, and it is signed out on its next run.
        second.get_by_role("button", name="Save").click()
        settle(second)
        expect(
            second.get_by_text(content.STORAGE_MESSAGES["account_not_found"])
            .or_(second.get_by_role("heading", name=content.SIGN_IN_TITLE))
            .first
        ).to_be_visible()
        shot(second, shots, f"{run}-second-tab-save")
        go_to_history = second.get_by_test_id("stSidebarNav").get_by_role("link", name="History")
        if go_to_history.count():
            go_to_history.click()
            settle(second)
        signed_out(second)
        saved_after_delete += files_store(data_dir).account(name) is not None
        recreated += (data_dir / "users" / user_id(name)).exists()
        context.close()
        # Someone new registers the same name: they see none of it.
        newcomer = browser.new_context()
        page = newcomer.new_page()
        open_app(page, url)
        create_account(page, name)
        expect(page.get_by_text(content.NO_SETBACKS)).to_be_visible()
        leaked += page.get_by_text(f"Secret Co {run}").count()
        go_to(page, "History")
        leaked += page.get_by_text(f"Secret Co {run}").count()
        leaked += len((store := files_store(data_dir)).list(unlocked_person(store, name)).setbacks)
        shot(page, shots, f"{run}-newcomer")
        newcomer.close()
    figures(
        runs=runs,
        folders_recreated=recreated,
        accounts_back=saved_after_delete,
        setbacks_shown_to_newcomer=leaked,
    )
    assert recreated == 0 and saved_after_delete == 0 and leaked == 0


# -- item 5: sessions end when they should --------------------------------------------------------


def test_a_cookie_copied_before_a_password_change_no_longer_signs_in(browser, app, figures):
    url, _, _ = app
    context = browser.new_context()
    page = context.new_page()
    open_app(page, url)
    create_account(page, "pat")
    copied = session_cookie(context)
    thief, thief_page = with_cookie(browser, copied)
    open_app(thief_page, url)
    signed_in(thief_page)  # the copy works, until...
    go_to(page, "Account")
    labels = content.PASSWORD_FIELDS
    page.get_by_label(labels["Current password"], exact=True).fill(PASSWORD)
    page.get_by_label(labels["New password"], exact=True).fill("Brand-New-Lighthouse-7")
    page.get_by_label(labels["Repeat password"], exact=True).fill("Brand-New-Lighthouse-7")
    page.get_by_role("button", name=labels["Reset"]).click()
    settle(page)
    expect(page.get_by_text(content.PASSWORD_SAVED)).to_be_visible()
    # The open copy ends on its next run; a fresh browser with the copied cookie is not let in.
    thief_page.reload()
    settle(thief_page)
    signed_out(thief_page)
    later, later_page = with_cookie(browser, copied)
    open_app(later_page, url)
    signed_out(later_page)
    # The browser that changed it stays signed in, reload included (it got a new cookie).
    page.wait_for_function("(old) => !document.cookie.includes(old)", arg=copied["value"])
    page.reload()
    settle(page)
    signed_in(page)
    figures(copies_tried=2, copies_let_in=0, changer_still_signed_in=1)
    for each in (context, thief, later):
        each.close()


def test_signing_out_in_one_tab_ends_the_other_tabs_of_that_browser_on_their_next_run(browser, app, figures):
    url, _, _ = app
    context = browser.new_context()
    first, second = context.new_page(), context.new_page()
    open_app(first, url)
    create_account(first, "tam")
    open_app(second, url)
    signed_in(second)
    go_to(second, "Vent")
    sign_out(first)
    signed_out(first)
    go_to(second, "History")
    signed_out(second)
    expect(second.get_by_text(content.SIGNED_OUT_ELSEWHERE)).to_be_visible()
    figures(tabs=2, still_signed_in_after_sign_out=0)
    context.close()


def test_signed_out_in_one_tab_the_other_leaving_a_field_of_a_stage_page_is_signed_out_and_keeps_nothing(
    browser, app
):
    """A stage page's field reruns that page alone: that run, too, ends a session signed out elsewhere
    before it keeps anything."""
    url, data_dir, _ = app
    context = browser.new_context()
    first, second = context.new_page(), context.new_page()
    open_app(first, url)
    create_account(first, "tove")
    new_setback(first, "Acme")
    open_app(second, url)
    signed_in(second)
    go_to(second, "Vent")
    sign_out(first)
    signed_out(first)
    second.get_by_role("textbox", name="Your writing").fill("typed after signing out elsewhere")
    second.get_by_role("heading", name="Vent", exact=True).click()  # leaves the field
    settle(second)
    signed_out(second)
    expect(second.get_by_text(content.SIGNED_OUT_ELSEWHERE)).to_be_visible()
    assert files_store(data_dir).backend.list_drafts("tove") == []  # the words went nowhere
    context.close()


@pytest.mark.parametrize(
    "claims",
    [
        {"exp_date": "tomorrow"},
        {"exp_date": None},
        {"exp_date": [1, 2]},
        {"exp_date": time.time() + 50 * 365 * 86_400},
        {"exp_date": 1e308},
    ],
    ids=["text", "null", "list", "fifty-years", "huge"],
)
def test_a_cookie_with_a_malformed_or_absurd_expiry_shows_the_sign_in_page_not_an_error(browser, app, claims):
    url, data_dir, _ = app
    context = browser.new_context()
    page = context.new_page()
    open_app(page, url)
    create_account(page, "mal")
    key = auth.cookie_key(files_store(data_dir))
    forged = jwt.encode(auth.new_claims("mal", 30) | claims, key, algorithm="HS256")
    other, other_page = with_cookie(browser, session_cookie(context) | {"value": forged})
    open_app(other_page, url)
    signed_out(other_page)
    context.close()
    other.close()


def test_signing_out_on_a_full_disk_does_not_crash_and_still_stops_the_old_cookie(
    browser, app, shots, figures
):
    url, data_dir, flag = app
    context = browser.new_context()
    page = context.new_page()
    open_app(page, url)
    create_account(page, "fay")
    copied = session_cookie(context)
    issued = jwt.decode(copied["value"], options={"verify_signature": False})["iat"]
    flag.write_text("full")
    sign_out(page)
    signed_out(page)
    expect(page.get_by_text(content.SIGN_OUT_HELD)).to_be_visible()
    shot(page, shots, "signed-out-on-a-full-disk")
    assert files_store(data_dir).account("fay").sessions_after < issued  # not written: the disk is full
    # The copied cookie is refused all the same, in a new browser and after a reload.
    thief, thief_page = with_cookie(browser, copied)
    open_app(thief_page, url)
    signed_out(thief_page)
    # Once there is space again, the next run writes the sign-out down.
    flag.unlink()
    thief_page.reload()
    settle(thief_page)
    signed_out(thief_page)
    deadline = time.monotonic() + 10
    while files_store(data_dir).account("fay").sessions_after < issued and time.monotonic() < deadline:
        time.sleep(0.1)
    written = files_store(data_dir).account("fay").sessions_after >= issued
    figures(sign_outs=1, crashes=0, old_cookie_let_in=0, written_once_space_came_back=written)
    assert written
    context.close()
    thief.close()


# -- item 3: a stranger's guesses don't lock the owner out of a browser they used before ----------


def failed_sign_ins(page: Page, username: str, times: int) -> None:
    for attempt in range(times):
        choose_tab(page, "Sign in")
        form = page.get_by_test_id("stForm").filter(has_text="Username", has_not_text="Repeat password")
        form.get_by_label("Username").fill(username)
        form.get_by_label("Password", exact=True).fill(f"Wrong-Guess-{attempt}")
        form.get_by_role("button", name="Sign in").click()
        settle(page)


def test_a_stranger_pausing_an_account_leaves_the_owners_browser_able_to_sign_in(
    browser, app, shots, figures
):
    url, _, _ = app
    owner = browser.new_context()
    page = owner.new_page()
    open_app(page, url)
    create_account(page, "lee")
    page.wait_for_function("() => document.cookie.includes('rebound_session_device=')")
    sign_out(page)
    # A stranger, elsewhere, makes five wrong guesses: the account is paused.
    stranger = browser.new_context()
    stranger_page = stranger.new_page()
    open_app(stranger_page, url)
    failed_sign_ins(stranger_page, "lee", 5)
    expect(stranger_page.get_by_text(content.login_paused(15))).to_be_visible()
    # Even the right password from a browser that never signed in waits out the pause...
    fresh = browser.new_context()
    fresh_page = fresh.new_page()
    open_app(fresh_page, url)
    choose_tab(fresh_page, "Sign in")
    form = fresh_page.get_by_test_id("stForm").filter(has_text="Username", has_not_text="Repeat password")
    form.get_by_label("Username").fill("lee")
    form.get_by_label("Password", exact=True).fill(PASSWORD)
    form.get_by_role("button", name="Sign in").click()
    settle(fresh_page)
    expect(fresh_page.get_by_text(content.login_paused(15))).to_be_visible()
    # ...but the owner's own browser gets straight in.
    open_app(page, url)
    sign_in(page, "lee")
    signed_in(page)
    shot(page, shots, "owner-signed-in-while-paused")
    figures(stranger_guesses=5, owner_signed_in=1, new_browser_signed_in=0)
    for each in (owner, stranger, fresh):
        each.close()
