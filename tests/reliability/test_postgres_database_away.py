"""Issue 13: the database goes away mid-session (server stopped, then started again).

A signed-in person on Vent types, the database stops, they click Save: they are told their text
was not saved, it is still on screen, and the page keeps working. The database comes back; the
next Save succeeds and the text is in the database.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core import content
from core.models import Intake
from core.storage import open_location
from tests.factories import add_person

pytestmark = pytest.mark.reliability

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TEXT = "Three interviews and then silence. I'm writing it down so it stops going round."


@pytest.fixture
def away_server():
    """A PostgreSQL server of this test's own, to stop and start (the shared one stays up)."""
    from tests.postgres_server import server

    server()  # skips (or fails in CI) without PostgreSQL
    from rebound.throwaway import ThrowawayPostgres

    with ThrowawayPostgres() as pg:
        yield pg


def test_a_save_while_the_database_is_away_keeps_the_text_says_so_and_the_next_save_after_it_is_back_works(
    away_server, monkeypatch, figures
):
    url = away_server.url(away_server.create_database())
    monkeypatch.setenv("REBOUND_DATABASE_URL", url)
    store = open_location(url)
    sam = add_person(store, "sam")
    setback = store.create(sam, Intake(company="Acme", heard_on=date(2026, 1, 2)))

    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = "sam"
    at.session_state["name"] = "Sam Rivera"
    at.session_state["auth.signed_in_at"] = time.time()
    at.run()
    at.switch_page("pages/vent.py")
    at.run()
    assert not at.exception
    text_key = f"draft.{setback.id}.vent.text"
    at.text_area(key=text_key).input(TEXT).run()

    away_server.pause()
    started = time.monotonic()
    at.button(key="save.vent").click().run()
    away_seconds = time.monotonic() - started
    assert not at.exception
    said = " ".join(e.value for e in at.error)
    assert "not saved" in said and "still on screen" in said and content.DATABASE_AWAY in said
    assert at.text_area(key=text_key).value == TEXT
    assert content.SHOWING_LAST_READ in [w.value for w in at.warning]
    # The person can keep working while it is away: another run draws the page, text intact.
    at.text_area(key=text_key).input(TEXT + " Still here.").run()
    assert not at.exception and at.text_area(key=text_key).value == TEXT + " Still here."

    away_server.resume()
    started = time.monotonic()
    at.button(key="save.vent").click().run()
    back_seconds = time.monotonic() - started
    assert not at.exception
    assert not at.error
    assert any(c.value.startswith("Saved at ") for c in at.caption)
    assert content.SHOWING_LAST_READ not in [w.value for w in at.warning]
    fresh = open_location(url)
    assert fresh.load(sam, setback.id).vent.text == TEXT + " Still here."
    fresh.close()
    store.close()
    figures(save_while_away_s=round(away_seconds, 2), first_save_after_back_s=round(back_seconds, 2))
