"""Reliability tests record their figures; the run ends with a short summary of them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

OUTPUT = Path(__file__).resolve().parents[2] / "test-output" / "reliability"
FIGURES: dict[str, dict[str, object]] = {}


@pytest.fixture(autouse=True)
def app_script_runs_every_time(monkeypatch):
    """Make AppTest run app.py on every run, as the real server does once st.navigation was called.

    A `pages/` folder beside app.py makes Streamlit emulate its old multipage mode until the first
    st.navigation call. AppTest resets that flag before every run, so from the second run on it
    executed the page file alone: no sign-in gate, no sidebar, no persist_credentials(). These
    tests are about exactly those, so the flag is settled the way the running server settles it.
    """
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def settled(self, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", settled)


@pytest.fixture
def figures(request):
    """Call `figures(name=value, ...)` to print figures and add them to the end-of-run summary."""

    def record(**values: object) -> None:
        FIGURES.setdefault(request.node.name, {}).update(values)
        print(f"[figures] {request.node.name}: " + ", ".join(f"{k}={v}" for k, v in values.items()))

    return record


def pytest_terminal_summary(terminalreporter) -> None:
    if not FIGURES:
        return
    terminalreporter.section("reliability figures")
    for name, values in FIGURES.items():
        terminalreporter.write_line(f"{name}: " + ", ".join(f"{k}={v}" for k, v in values.items()))
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "figures.json").write_text(json.dumps(FIGURES, indent=2, default=str))
