"""Reliability tests record their figures; the run ends with a short summary of them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

OUTPUT = Path(__file__).resolve().parents[2] / "test-output" / "reliability"
FIGURES: dict[str, dict[str, object]] = {}


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
