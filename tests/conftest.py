"""Every test writes to its own temp data folder, never ./data."""

import json
import sys

import pytest

from tests import figures as figures_module
from tests.app.through_router import through_router  # noqa: F401 - a fixture, used below

# The interpreter's own __main__ (pytest's), as it was before any AppTest ran.
_REAL_MAIN = sys.modules["__main__"]
# The throwaway PostgreSQL server and its fixtures (`postgres`, `database_url`).
pytest_plugins = ["tests.postgres_server"]


def pytest_collection_modifyitems(items) -> None:
    """`make test` runs two pytest-xdist workers: the tests that drive Chromium and start servers
    all go to one of them, in turn (two at once would share two cores with two browsers), while the
    other worker takes the rest."""
    for item in items:
        if "e2e" in item.path.parts or item.get_closest_marker("e2e"):
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Point REBOUND_DATA_DIR at a fresh temp folder for this test."""
    folder = tmp_path / "data"
    monkeypatch.setenv("REBOUND_DATA_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def real_main_module():
    """Put the real __main__ back after each test.

    AppTest installs a stand-in __main__ module whose __file__ is app.py and can leave it in
    sys.modules; a worker process started with "spawn" (the contract and reliability tests) would
    then run app.py outside Streamlit before doing its work, and die there.
    """
    yield
    sys.modules["__main__"] = _REAL_MAIN


@pytest.fixture(autouse=True)
def app_tests_through_router(through_router):  # noqa: F811 - pytest passes the fixture in
    """Every AppTest run goes through app.py (see tests/app/through_router.py)."""


@pytest.fixture
def figures(request):
    """Call `figures(name=value, ...)` to print figures and add them to the end-of-run summary."""
    return figures_module.recorder(request)


_FIGURES: dict[str, dict[str, dict[str, object]]] = {}


def pytest_runtest_logreport(report) -> None:
    for key, value in report.user_properties:
        if key == figures_module.KEY:
            folder, name, values = value
            _FIGURES.setdefault(folder, {}).setdefault(name, {}).update(values)


def pytest_terminal_summary(terminalreporter) -> None:
    for folder, by_test in _FIGURES.items():
        terminalreporter.section(figures_module.SECTIONS.get(folder, f"{folder} figures"))
        for name, values in by_test.items():
            if not name:  # figures of their own, not of one test: a line each
                width = max(len(k) for k in values)
                for k, v in values.items():
                    terminalreporter.write_line(f"{k:<{width}}  {v}")
                continue
            terminalreporter.write_line(f"{name}: " + ", ".join(f"{k}={v}" for k, v in values.items()))
        out = figures_module.OUTPUT / folder
        out.mkdir(parents=True, exist_ok=True)
        (out / "figures.json").write_text(json.dumps(by_test, indent=2))
