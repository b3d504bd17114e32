"""The widget scripts' preload: drawn once per session, and not at all when switched off."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from pages import _preload
from tests.app.conftest import APP


def _preload_drawn(app: AppTest) -> int:
    return sum("reboundPreload" in element.proto.body for element in app.get("html"))


def test_the_preload_is_drawn_on_a_session_s_first_run_only(monkeypatch):
    monkeypatch.delenv(_preload.OFF, raising=False)
    app = AppTest.from_file(APP, default_timeout=30)
    app.run()
    assert not app.exception
    assert _preload_drawn(app) == 1
    for name in _preload.widget_scripts():
        assert any(name in element.proto.body for element in app.get("html")), name
    app.run()
    assert _preload_drawn(app) == 0


def test_an_operator_can_switch_the_preload_off(monkeypatch):
    monkeypatch.setenv(_preload.OFF, "1")
    app = AppTest.from_file(APP, default_timeout=30)
    app.run()
    assert not app.exception
    assert _preload_drawn(app) == 0
