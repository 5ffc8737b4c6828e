from __future__ import annotations

import datetime

import pytest

from conftest import World
from turbota.people import queries
from turbota.people.enums import Decision
from turbota.people.tests.factories import make_application, make_episode, make_person

D = datetime.date


@pytest.mark.parametrize(
    ("applied", "deadline"),
    [
        (D(2021, 3, 1), D(2021, 3, 8)),  # Monday → next Monday
        (D(2021, 3, 5), D(2021, 3, 12)),  # Friday → next Friday
        (D(2021, 3, 6), D(2021, 3, 12)),  # Saturday: counting starts on Monday
    ],
)
def test_the_assessment_is_due_five_working_days_after_the_application(
    world: World, applied: datetime.date, deadline: datetime.date
) -> None:
    application = make_application(make_person(world.village_a), applied_on=applied)
    assert queries.assessment_deadline(application) == deadline


def test_an_assessment_is_late_when_done_or_still_missing_after_the_deadline(
    world: World,
) -> None:
    person = make_person(world.village_a)
    on_time = make_application(person, applied_on=D(2021, 3, 1), assessed_on=D(2021, 3, 8))
    late = make_application(person, applied_on=D(2021, 3, 1), assessed_on=D(2021, 3, 9))
    waiting = make_application(person, applied_on=D(2021, 3, 1))
    refused = make_application(
        person, applied_on=D(2021, 3, 1), decision=Decision.REFUSED, decided_on=D(2021, 3, 2)
    )
    today = D(2021, 3, 10)
    assert not queries.is_assessment_late(on_time, today)
    assert queries.is_assessment_late(late, today)
    assert queries.is_assessment_late(waiting, today)
    assert not queries.is_assessment_late(waiting, D(2021, 3, 8))
    assert not queries.is_assessment_late(refused, today)


def test_people_visible_to_each_role(world: World) -> None:
    served = make_person(world.village_a, "Шевченко")
    make_episode(served, world.provider_a)
    unserved = make_person(world.village_a, "Коваль")

    def names(role: str) -> set[str]:
        user = world.users[role]
        assert user is not None
        people = queries.people_visible_to(user)
        return {p.identity.last_name for p in people.select_related("identity")}

    assert names("hromada_staff") == {"Шевченко", "Коваль"}
    assert names("provider_staff") == {"Шевченко"}
    for role in ("admin", "working_group", "oblast_analyst", "other_hromada_staff", "no_role"):
        assert names(role) == set(), role
    assert unserved.identity.last_name == "Коваль"
