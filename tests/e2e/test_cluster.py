"""Two Rebound servers on one PostgreSQL behind HAProxy, in Chromium (`make cluster`'s set-up).

A person signs up and fills two stages on one server; a second browser signing in as them lands
on the other server and sees both; the PDF and calendar downloads come through the proxy; the
first browser's server is killed, and after a reload that browser is on the other server, still
signed in, with nothing it had saved missing. Also: the proxy's security headers hold for every
page, framing from elsewhere is refused, and operator endpoints are not reachable through it.
"""

from __future__ import annotations

import http.server
import os
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Page, expect

from core import keys
from core.storage import Person, open_location
from tests.e2e.helpers import PASSWORD, create_account, open_app, settle, shot, sign_in
from tests.factories import full_setback

pytestmark = [pytest.mark.e2e, pytest.mark.reliability]

USER = "cluster-sam"
VENT_TEXT = "Second final round this month. I'm tired, and I'm allowed to be."
LESSON = "Ask about the team's biggest problem earlier."
# Collects Content-Security-Policy violations on every page, to check the proxy's policy lets the app work.
CSP_WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
"""


@pytest.fixture(scope="module")
def cluster():
    from tests.postgres_server import server

    server()  # skips (or fails, in CI) without PostgreSQL
    from rebound.cluster import Cluster, haproxy
    from rebound.throwaway import Unavailable

    try:
        haproxy()
    except Unavailable as error:
        if os.environ.get("REBOUND_REQUIRE_POSTGRES") == "1":
            pytest.fail(str(error))
        pytest.skip(str(error))
    # Signing up through the form: the browser can't read the captcha's picture (on by default).
    with Cluster(servers=2, extra_env={"REBOUND_CAPTCHA": "false"}) as running:
        yield running


def server_of(page: Page) -> str:
    """Which Rebound server HAProxy pins this browser to (its stickiness cookie: app1, app2)."""
    return next(c["value"] for c in page.context.cookies() if c["name"] == "REBOUND_SERVER")


def go(page: Page, label: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=label, exact=True).click()
    expect(page.get_by_role("heading", name=label, exact=True)).to_be_visible(timeout=20_000)
    settle(page)


def save(page: Page) -> None:
    page.get_by_role("button", name="Save", exact=True).click()
    settle(page)
    expect(page.get_by_text("Saved at ")).to_be_visible()


def csp_violations(page: Page) -> list[str]:
    # Streamlit asks fonts.gstatic.com for the tab icon; blocking that is the policy working.
    return [v for v in page.evaluate("() => window.__csp || []") if "fonts.gstatic.com" not in v]


def new_page(browser, cluster) -> Page:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 1400})
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    open_app(page, cluster.url)
    return page


def test_two_browsers_on_two_servers_share_one_person_downloads_work_and_a_killed_server_loses_nothing(
    browser, cluster, shots
):
    first = new_page(browser, cluster)
    create_account(first, USER)
    first.get_by_role("textbox", name="Company").fill("Acme Rockets")
    first.get_by_role("textbox", name="Role").fill("Product Designer")
    first.get_by_role("button", name="Save").click()
    expect(first.get_by_text("Saved. This setback is now your current one")).to_be_visible(timeout=20_000)
    settle(first)
    go(first, "Vent")
    first.get_by_role("textbox", name="Your writing").fill(VENT_TEXT)
    save(first)
    go(first, "Reflect")
    first.get_by_role("textbox", name="What can I learn from this experience? Be curious.").fill(LESSON)
    save(first)
    first_server = server_of(first)
    shot(first, shots, "1-first-browser")

    # A second browser: round robin sends a browser without the cookie to the next server.
    second, tries = None, 0
    while tries < 4:
        tries += 1
        second = new_page(browser, cluster)
        if server_of(second) != first_server:
            break
        second.context.close()
    assert server_of(second) != first_server, f"every new browser landed on {first_server}"
    sign_in(second, USER)
    go(second, "Vent")
    expect(second.get_by_role("textbox", name="Your writing")).to_have_value(VENT_TEXT)
    go(second, "Reflect")
    expect(
        second.get_by_role("textbox", name="What can I learn from this experience? Be curious.")
    ).to_have_value(LESSON)
    shot(second, shots, "2-second-browser-other-server")

    # Dated follow-ups (Next targets) written straight to the database, as a third server would.
    store = open_location(cluster.database_url)
    # The person's writing is encrypted: a server holds their key once the password opened it.
    unlocked = keys.unlock(store, store.account(USER), PASSWORD, encryption=True)
    assert unlocked is not None
    person = Person.named(USER, unlocked.key)
    setback = store.list(person).setbacks[0]
    store.save_stage(person, setback.id, "next_targets", full_setback().next_targets)
    store.close()

    # Downloads through the proxy, from the second browser's server.
    go(second, "Summary")
    with second.expect_download() as pdf:
        second.get_by_role("button", name="Download PDF summary").click()
    assert pdf.value.path().read_bytes().startswith(b"%PDF")
    settle(second)
    with second.expect_download() as ics:
        second.get_by_role("button", name="Download follow-ups (.ics)").click()
    calendar = ics.value.path().read_bytes()
    assert calendar.startswith(b"BEGIN:VCALENDAR") and calendar.count(b"BEGIN:VEVENT") >= 10
    shot(second, shots, "3-downloads")

    # The first browser's server dies; a reload lands on the other one, still signed in.
    cluster.kill(int(first_server.removeprefix("app")) - 1)
    first.reload()
    settle(first)
    expect(first.get_by_test_id("stSidebar").get_by_role("button", name="Sign out")).to_be_visible(
        timeout=20_000
    )
    assert server_of(first) != first_server
    expect(first.get_by_role("heading", name="Reflect", exact=True)).to_be_visible()
    expect(
        first.get_by_role("textbox", name="What can I learn from this experience? Be curious.")
    ).to_have_value(LESSON)
    go(first, "Vent")
    expect(first.get_by_role("textbox", name="Your writing")).to_have_value(VENT_TEXT)
    first.get_by_test_id("stSidebarNav").get_by_role("link", name="Start here", exact=True).click()
    expect(first.get_by_role("heading", name="I just heard back")).to_be_visible(timeout=20_000)
    expect(
        first.locator(".st-key-start_current").get_by_text("Acme Rockets — Product Designer")
    ).to_be_visible()  # still the setback being worked on, after the server it began on died
    expect(first.get_by_text("3 of 5 stages done", exact=False)).to_be_visible()
    shot(first, shots, "4-after-failover")

    assert csp_violations(first) == [] and csp_violations(second) == []
    assert tries <= 4
    first.context.close()
    second.context.close()


@contextmanager
def framing_site(target: str) -> Iterator[str]:
    """Another site on the same host (another port): one page that frames `target`, as an attacker's would."""
    page = f'<!doctype html><title>elsewhere</title><iframe id="rebound" src="{target}/account" width="800" height="600"></iframe>'

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = page.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    site = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{site.server_address[1]}/"
    finally:
        site.shutdown()
        site.server_close()


OPERATOR_PATHS = (
    "/_stcore/metrics",
    "//_stcore/metrics",
    "/_stcore/%6detrics",
    "/_STCORE/Metrics",
    "/./_stcore/metrics",
    "/_stcore/script-health-check",
    "/_stcore/agent/openapi.json",
)
SECURITY_HEADERS = {
    "Content-Security-Policy": "frame-ancestors 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "SAMEORIGIN",
}


def test_the_proxy_sends_the_security_headers_refuses_framing_and_hides_operator_endpoints(
    browser, cluster, figures
):
    missing = 0
    for path in ("/", "/account", "/_stcore/health", "/static/does-not-exist.js"):
        try:
            answer = urllib.request.urlopen(cluster.url + path)
        except urllib.error.HTTPError as error:
            answer = error
        with answer:
            for name, expected in SECURITY_HEADERS.items():
                missing += expected not in (answer.headers.get(name) or "")
    reachable = 0
    for path in OPERATOR_PATHS:
        try:
            urllib.request.urlopen(cluster.url + path).close()
            reachable += 1
        except urllib.error.HTTPError as refused:
            reachable += refused.code != 404
    # Each server still answers the operator directly (metrics are the operator's, not gone).
    alive = next(
        url
        for process, url in zip(cluster.servers, cluster.server_urls, strict=True)
        if process.poll() is None
    )
    with urllib.request.urlopen(alive + "/_stcore/metrics") as direct:
        assert direct.status == 200

    # A page from another site on the same host frames the Account page (with its Delete form).
    context = browser.new_context()
    page = context.new_page()
    with framing_site(cluster.url) as elsewhere:
        with page.expect_event("framenavigated", predicate=lambda f: f != page.main_frame) as navigated:
            page.goto(elsewhere)
        framed = navigated.value
        refused = framed.url.startswith("chrome-error://")  # Chromium refused to show it
        shown = page.frame_locator("#rebound").locator("[data-testid='stApp']").count()
        expect(page.frame_locator("#rebound").locator("[data-testid='stApp']")).to_have_count(0)
    context.close()
    figures(
        pages_checked=4,
        headers_missing=missing,
        operator_paths_tried=len(OPERATOR_PATHS),
        operator_paths_reachable=reachable,
        framing_pages=1,
        framed_and_shown=int(not refused) + shown,
    )
    assert missing == 0 and reachable == 0
    assert refused, framed.url
