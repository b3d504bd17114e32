"""Reliability tests record their figures; the run ends with a short summary of them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.app.through_router import through_router  # noqa: F401 - a fixture, used below

OUTPUT = Path(__file__).resolve().parents[2] / "test-output" / "reliability"
FIGURES: dict[str, dict[str, object]] = {}


@pytest.fixture(autouse=True)
def app_script_runs_every_time(through_router):  # noqa: F811 - pytest passes the fixture in
    """Every AppTest run here goes through app.py: the gate, the sidebar and persist_credentials()."""


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
