"""Contract: event counters — count up, refuse past a limit, start again after the window, take back, race."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from tests.contract import _workers

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
WINDOW = timedelta(minutes=15)


def test_events_count_up_and_start_again_a_window_after_the_last_one(store):
    assert [
        store.count_event("client:203.0.113.7", NOW + timedelta(minutes=m), WINDOW) for m in (0, 10, 20)
    ] == [
        1,
        2,
        3,
    ]  # each within 15 minutes of the one before
    assert store.count_event("client:203.0.113.7", NOW + timedelta(minutes=35), WINDOW) == 1


def test_past_the_limit_an_event_is_refused_and_not_counted(store):
    counts = [store.count_event("name:sam", NOW + timedelta(seconds=s), WINDOW, limit=3) for s in range(6)]
    assert counts == [1, 2, 3, 4, 4, 4]  # limit + 1: refused
    # Refused events did not move the window on: it ends 15 minutes after the last counted one.
    assert store.count_event("name:sam", NOW + timedelta(seconds=2) + WINDOW, WINDOW, limit=3) == 1


def test_taking_back_an_event_frees_its_place_and_never_goes_below_zero(store):
    for _ in range(3):
        store.count_event("k", NOW, WINDOW, limit=3)
    store.uncount_event("k")
    assert store.count_event("k", NOW, WINDOW, limit=3) == 3
    for _ in range(5):
        store.uncount_event("k")
    store.uncount_event("never-counted")
    assert store.count_event("k", NOW, WINDOW) == 1
    assert store.count_event("never-counted", NOW, WINDOW) == 1


@pytest.mark.parametrize(
    "key",
    [
        "",
        "../../etc/passwd",
        "name:STRASSE",
        "name:straße",
        "client:2001:db8::/64",
        "\ud800 lone",
        "x" * 5000,
    ],
    ids=["empty", "path", "upper", "eszett", "ipv6", "surrogate", "long"],
)
def test_any_text_is_a_key_of_its_own(store, key):
    assert store.count_event(key, NOW, WINDOW) == 1
    assert store.count_event(key, NOW, WINDOW) == 2
    assert store.count_event(key + "-other", NOW, WINDOW) == 1


def test_counts_are_kept_by_the_store_not_by_one_process(kit):
    for _ in range(4):
        kit.store.count_event("client:198.51.100.1", NOW, WINDOW)
    assert kit.reopen().count_event("client:198.51.100.1", NOW, WINDOW) == 5


def test_many_threads_at_once_get_exactly_the_limit(store):
    with ThreadPoolExecutor(16) as pool:
        counts = list(
            pool.map(lambda _: store.count_event("name:sam", datetime.now(UTC), WINDOW, 10), range(64))
        )
    assert sorted(c for c in counts if c <= 10) == list(range(1, 11))
    assert counts.count(11) == 54


def test_two_processes_at_once_get_exactly_the_limit(kit):
    context = multiprocessing.get_context("spawn")
    barrier = context.Manager().Barrier(2)
    with ProcessPoolExecutor(2, mp_context=context) as pool:
        done = [
            pool.submit(_workers.take_counts, kit.location, "client:x", 30, 25, barrier) for _ in range(2)
        ]
        granted = [f.result() for f in done]
    assert sum(granted) == 25
