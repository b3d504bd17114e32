"""Issue 14, reliability: after a browser journey that types a known marker into every text field of
every stage, no marker can be found anywhere in the data folder or, on PostgreSQL, in a `pg_dump`
of the database (as text, inside any base64, or inside bytea's hex) — while every one of them is
saved and opens with the person's password."""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import re
import subprocess
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from core import content, crypto
from core.storage import Person, open_location, user_id
from tests.e2e.conftest import ROOT, start_server, stop_server
from tests.e2e.helpers import PASSWORD, create_account, open_app, settle, shot
from tests.e2e.test_stages import type_into_grid

pytestmark = [pytest.mark.e2e, pytest.mark.reliability]

MARK = "Zqxw"
FIELDS = "[data-testid='stMain'] textarea, [data-testid='stMain'] input[type='text']"
# Inputs that are not free text: dates, choices, the targets table (typed into below).
NOT_TEXT = (
    "[data-testid='stDateInput'], [data-testid='stSelectbox'], [data-testid='stMultiSelect'], "
    "[data-testid='stDataFrame'], [data-testid='stTimeInput'], [data-testid='stNumberInput']"
)
NEXT_UNFILLED = """([fields, notText, mark]) => [...document.querySelectorAll(fields)].findIndex(
  (el) => !el.closest(notText) && el.getClientRects().length && !el.disabled && !el.readOnly
          && !el.value.includes(mark))"""
_BASE64 = re.compile(rb"[A-Za-z0-9+/_=-]{16,}")
# How pg_dump writes a bytea value: \\x and hex digits (a doubled backslash inside COPY data).
_HEX = re.compile(rb"\\\\?x((?:[0-9a-fA-F]{2}){8,})")


def go(page: Page, label: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=label, exact=True).click()
    expect(page.get_by_role("heading", name=label, exact=True)).to_be_visible(timeout=20_000)
    settle(page)


def fill_every_field(page: Page, stage: str) -> list[str]:
    """Type a marker into each visible free-text field (new ones may appear as others are filled)."""
    typed: list[str] = []
    for _ in range(80):
        index = page.evaluate(NEXT_UNFILLED, [FIELDS, NOT_TEXT, MARK])
        if index < 0:
            return typed
        marker = f"{MARK}{stage}{len(typed)}"
        field = page.locator(FIELDS).nth(index)
        field.fill(marker)
        field.press("Tab")  # commits the value (a rerun), as leaving the field does
        settle(page)
        typed.append(marker)
    raise AssertionError(f"{stage}: fields kept appearing")


def save(page: Page) -> None:
    page.get_by_role("button", name="Save", exact=True).click()
    settle(page)
    expect(page.get_by_text("Saved at ").first).to_be_visible()


def _readable(data: bytes) -> list[bytes]:
    """`data`, and everything inside it that a base64 or bytea-hex decoder turns back into bytes."""
    readable = [data]
    for run in _HEX.findall(data):
        readable.append(bytes.fromhex(run.decode("ascii")))
    for chunk in list(readable):
        for run in _BASE64.findall(chunk):
            for decode in (base64.b64decode, base64.urlsafe_b64decode):
                with contextlib.suppress(binascii.Error, ValueError):
                    readable.append(decode(run + b"=" * (-len(run) % 4)))
    return readable


def found_in(sources: Iterable[tuple[str, bytes]], markers: list[str]) -> dict[str, list[str]]:
    """Which markers any source holds, as text or inside a base64 run or a bytea hex value."""
    hits: dict[str, list[str]] = {}
    for name, data in sources:
        readable = _readable(data)
        for marker in markers:
            if any(marker.encode() in chunk or marker.encode("utf-16-le") in chunk for chunk in readable):
                hits.setdefault(marker, []).append(name)
    return hits


def files_of(folder: Path) -> Iterator[tuple[str, bytes]]:
    for path in (p for p in folder.rglob("*") if p.is_file()):
        yield str(path.relative_to(folder)), path.read_bytes()


def pg_dump(postgres, database: str) -> bytes:
    """A plain-SQL dump of the whole database, as an operator's backup would take it."""
    answer = subprocess.run(
        [str(postgres.bin / "pg_dump"), "--no-owner", postgres.url(database)],
        capture_output=True,
        timeout=120,
        check=True,
    )
    return answer.stdout


def test_the_search_finds_a_marker_as_text_in_base64_and_in_bytea_hex():
    """The search below is worth only what it finds: each hiding place it must see through."""
    marker = "Zqxwprobe"
    for data in (
        f"x {marker} y".encode(),
        b"v: " + base64.b64encode(f"{{'text': '{marker}'}}".encode()),
        b"COPY t (doc) FROM stdin;\n\\\\x" + f'{{"vent": "{marker}"}}'.encode().hex().encode() + b"\n",
        b"INSERT VALUES ('\\x" + base64.b64encode(marker.encode() * 2).hex().encode() + b"');",
    ):
        assert found_in([("probe", data)], [marker]) == {marker: ["probe"]}, data
    sealed = crypto.seal(crypto.new_key(), marker.encode(), b"aad")
    assert found_in([("sealed", sealed.encode() + b"\\x" + sealed.encode().hex().encode())], [marker]) == {}


def test_a_pg_dump_shows_plaintext_writing_and_hides_sealed_writing(database_url, postgres):
    """On a real database: the dump search finds what is stored in the clear (so a clean dump
    below means something), and finds nothing of what the store sealed."""
    from core.models import Intake, Vent
    from tests.factories import add_person

    store = open_location(database_url)
    try:
        plain = add_person(store, "plain")
        sealed = Person.named("sealed", crypto.new_key())
        add_person(store, "sealed")
        for person, word in ((plain, "Zqxwclear"), (sealed, "Zqxwhidden")):
            setback = store.create(person, Intake(company=f"{word}co", heard_on=date(2026, 1, 2)))
            store.save_stage(person, setback.id, "vent", Vent(text=f"{word}vent"))
            store.save_draft(person, setback.id, "reflect", {"learned": f"{word}draft"})
    finally:
        store.close()
    dump = pg_dump(postgres, database_url.rsplit("/", 1)[1])
    markers = [f"{w}{p}" for w in ("Zqxwclear", "Zqxwhidden") for p in ("co", "vent", "draft")]
    assert sorted(found_in([("dump", dump)], markers)) == ["Zqxwclearco", "Zqxwcleardraft", "Zqxwclearvent"]


@pytest.fixture(params=["files", "postgres"])
def installation(request, tmp_path) -> Iterator[dict]:
    """Where the server keeps everything: a data folder, or a fresh PostgreSQL database."""
    data = tmp_path / "data"
    if request.param == "files":
        yield {"data": data, "env": {}, "location": f"files:{data}", "dumps": lambda: []}
        return
    from tests.postgres_server import server

    postgres = server()  # skips (or fails, in CI) without PostgreSQL
    name = postgres.create_database()
    try:
        yield {
            "data": data,
            "env": {"REBOUND_DATABASE_URL": postgres.url(name)},
            "location": postgres.url(name),
            "dumps": lambda: [(f"pg_dump of {name}", pg_dump(postgres, name))],
        }
    finally:
        postgres.drop_database(name)


def test_no_marker_typed_anywhere_is_readable_in_the_data_folder_or_a_database_dump(
    browser, installation, shots
):
    data = installation["data"]
    process, url = start_server(ROOT / "app.py", data, installation["env"])
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        page = context.new_page()
        open_app(page, url)
        create_account(page, "marker")
        page.get_by_role("button", name=content.CODES_KEPT).click()
        settle(page)

        typed = fill_every_field(page, "intake")
        page.get_by_role("button", name="Save").click()
        settle(page)
        go(page, "Vent")
        typed += fill_every_field(page, "vent")
        save(page)
        go(page, "Reflect")
        page.get_by_role("radiogroup", name=content.REFLECT_FEEDBACK).get_by_role("radio", name="Yes").click()
        settle(page)
        typed += fill_every_field(page, "reflect")
        save(page)
        go(page, "What went well")
        typed += fill_every_field(page, "wins")
        save(page)
        go(page, "Gratitude")
        typed += fill_every_field(page, "thanks")
        save(page)
        go(page, "Next targets")
        for column, x in enumerate((90, 200)):
            marker = f"{MARK}grid{column}"
            type_into_grid(page, x, 0, marker)
            typed.append(marker)
        typed += fill_every_field(page, "targets")
        save(page)
        go(page, "Summary")
        typed += fill_every_field(page, "summary")
        save(page)
        shot(page, shots, "summary-filled")
        context.close()
    finally:
        stop_server(process)

    print(f"{len(typed)} markers typed: {typed}")
    assert len(typed) >= 25, typed
    dumps = installation["dumps"]()
    assert all(len(dump) > 1000 for _, dump in dumps)  # a dump of something, not of nothing
    hits = found_in([*files_of(data), *dumps] if data.exists() else dumps, typed)
    assert hits == {}, f"readable at rest: {hits}"

    # And every marker was really saved: the person's password opens all of them.
    store = open_location(installation["location"])
    try:
        account = store.account("marker")
        key = crypto.open_with_password(account.keyring.password, PASSWORD, user_id("marker"))
        saved = json.dumps(
            [json.loads(s.model_dump_json()) for s in store.list(Person.named("marker", key)).setbacks]
        )
    finally:
        store.close()
    missing = [marker for marker in typed if marker not in saved]
    assert missing == [], f"typed but not saved: {missing}"
