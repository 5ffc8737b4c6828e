from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction

from conftest import World
from turbota.people.models import ServiceEpisode
from turbota.people.tests.factories import make_episode, make_person

D = datetime.date


def test_the_database_refuses_an_episode_ending_before_it_starts(world: World) -> None:
    episode = make_episode(make_person(world.village_a), world.provider_a)
    episode.end_date = episode.start_date - datetime.timedelta(days=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        episode.save()


def test_a_person_shows_as_a_pseudonym_never_by_name(world: World) -> None:
    person = make_person(world.village_a, "Шевченко", "Олена")
    assert "Шевченко" not in str(person)
    assert str(person).startswith("Особа ")


def test_episodes_active_in_a_year_include_those_crossing_its_bounds(world: World) -> None:
    person = make_person(world.village_a)
    make_episode(person, world.provider_a, start=D(2020, 6, 1), end=D(2021, 1, 1))
    make_episode(person, world.provider_a, "019.0", start=D(2021, 12, 31))
    make_episode(person, world.provider_a, "002.0", start=D(2019, 1, 1), end=D(2020, 12, 31))
    codes = {e.service.code for e in ServiceEpisode.objects.active_in_year(2021)}
    assert codes == {"015.1", "019.0"}
