"""A throwaway PostgreSQL for the tests: one server per test run, a fresh database per test.

The server (rebound.throwaway) starts on first use and is removed when the run ends. Without
PostgreSQL installed the tests that need it skip, saying why; with REBOUND_REQUIRE_POSTGRES=1 (CI)
they fail instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

REQUIRED = os.environ.get("REBOUND_REQUIRE_POSTGRES") == "1"

_server = None
_unavailable: str | None = None


def server():
    """The run's PostgreSQL server (a rebound.throwaway.ThrowawayPostgres), started on first use."""
    global _server, _unavailable
    if _server is None and _unavailable is None:
        try:
            import psycopg  # noqa: F401 - the backend needs it; say so here rather than later

            from rebound.throwaway import ThrowawayPostgres, Unavailable

            try:
                _server = ThrowawayPostgres().start()
            except Unavailable as error:
                _unavailable = f"PostgreSQL can't be started here: {error}"
        except ImportError as error:
            _unavailable = f"psycopg is not installed ({error}): pip install -r requirements.txt"
    if _unavailable is not None:
        if REQUIRED:
            pytest.fail(f"{_unavailable} (REBOUND_REQUIRE_POSTGRES=1)")
        pytest.skip(_unavailable)
    return _server


def pytest_sessionfinish(session, exitstatus) -> None:
    global _server
    if _server is not None:
        _server.stop()
        _server = None


@pytest.fixture(scope="session")
def postgres():
    """The throwaway server, shared by the whole run."""
    return server()


@pytest.fixture
def database_url(postgres) -> Iterator[str]:
    """A fresh, empty database on the throwaway server, dropped after the test."""
    name = postgres.create_database()
    try:
        yield postgres.url(name)
    finally:
        postgres.drop_database(name)
