import datetime

import pytest

from turbota.core.models import NonWorkingDay
from turbota.core.working_days import add_working_days, days_off_from

D = datetime.date


def test_working_days_skip_weekends_and_the_days_off_given() -> None:
    # Friday 30.04.2021 + 1: Monday 03.05 is a holiday, so Tuesday
    assert add_working_days(D(2021, 4, 30), 1) == D(2021, 5, 3)
    assert add_working_days(D(2021, 4, 30), 1, {D(2021, 5, 3)}) == D(2021, 5, 4)
    assert add_working_days(D(2021, 4, 30), 0, {D(2021, 5, 3)}) == D(2021, 4, 30)


@pytest.mark.django_db
def test_the_calendar_is_empty_as_shipped_and_read_from_a_day_on() -> None:
    assert days_off_from(D(2000, 1, 1)) == frozenset()
    NonWorkingDay.objects.create(date=D(2021, 1, 7), name="Різдво Христове")
    NonWorkingDay.objects.create(date=D(2021, 5, 3), name="Великдень (перенесено)")

    assert days_off_from(D(2021, 2, 1)) == {D(2021, 5, 3)}
