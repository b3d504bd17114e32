"""When to get back in touch: reconnect dates suggested from the day the news came."""

from __future__ import annotations

import calendar
from datetime import date

from core.models import NextTargets

RECONNECT_MONTHS = (1, 3, 6)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it has fewer days."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def reconnect_dates(heard_on: date) -> list[date]:
    """About 1, 3 and 6 months after the news: gentle points to say hello again."""
    return [add_months(heard_on, months) for months in RECONNECT_MONTHS]


def has_dates(stage: NextTargets | None) -> bool:
    """Whether Next targets holds any date a calendar file could carry."""
    if stage is None:
        return False
    return bool(
        stage.stay_in_touch.reconnect_on
        or any(t.due for t in stage.targets)
        or any(a.due for a in stage.actions)
    )
