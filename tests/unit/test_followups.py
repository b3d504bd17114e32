"""Reconnect dates: about one, three and six months after the news, on real calendar days."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.followups import RECONNECT_MONTHS, add_months, reconnect_dates


def test_reconnect_dates_fall_one_three_and_six_months_after_the_news():
    assert reconnect_dates(date(2025, 3, 14)) == [date(2025, 4, 14), date(2025, 6, 14), date(2025, 9, 14)]


def test_reconnect_dates_roll_over_into_the_next_year():
    assert reconnect_dates(date(2025, 11, 5)) == [date(2025, 12, 5), date(2026, 2, 5), date(2026, 5, 5)]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2025, 3, 31), 1, date(2025, 4, 30)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2025, 12, 15), 12, date(2026, 12, 15)),
        (date(2025, 5, 10), 0, date(2025, 5, 10)),
    ],
)
def test_adding_months_keeps_the_day_or_falls_back_to_the_months_last_day(day, months, expected):
    assert add_months(day, months) == expected


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 1, 1)))
def test_reconnect_dates_are_in_order_and_each_about_the_right_number_of_months_on(heard_on):
    dates = reconnect_dates(heard_on)
    assert dates == sorted(dates) and len(dates) == len(RECONNECT_MONTHS)
    for months, day in zip(RECONNECT_MONTHS, dates, strict=True):
        assert (day.year - heard_on.year) * 12 + day.month - heard_on.month == months
        assert 28 * months - 3 <= (day - heard_on).days <= 31 * months
