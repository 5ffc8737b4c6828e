"""Counting working days: Monday to Friday, less the days of the calendar of non-working
days (``NonWorkingDay``), which an administrator keeps."""

from __future__ import annotations

import datetime
from collections.abc import Collection

from turbota.core.models import NonWorkingDay


def days_off_from(day: datetime.date) -> frozenset[datetime.date]:
    """The calendar's non-working days from ``day`` on, read once for a page or a report
    (the calendar holds a few days a year)."""
    return frozenset(NonWorkingDay.objects.filter(date__gte=day).values_list("date", flat=True))


def add_working_days(
    day: datetime.date, days: int, days_off: Collection[datetime.date] = frozenset()
) -> datetime.date:
    """``days`` working days after ``day``: the day itself is not counted, the last one
    counted is the deadline. Zero days is the day itself."""
    while days > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5 and day not in days_off:
            days -= 1
    return day
