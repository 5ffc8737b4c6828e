"""The counts of people served stay equal to counting the episodes, whatever is written."""

from __future__ import annotations

import datetime
import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from conftest import World
from turbota.core.enums import Sex
from turbota.needs.queries.table import people_by
from turbota.people import served
from turbota.people.enums import EpisodeStatus
from turbota.people.models import Person, ServedChange, ServiceEpisode
from turbota.people.tests.factories import make_episode, make_person, offer

D = datetime.date
YEARS = range(2017, 2027)
BY_CELL = ("person__hromada_id", "person__settlement_id", "service_id", "person__sex")


def _kept() -> dict[tuple[object, ...], int]:
    """(hromada, settlement, service, sex, year) → people, from the kept changes."""
    changes = list(
        ServedChange.objects.values_list(
            "hromada_id", "settlement_id", "service_id", "sex", "year", "change"
        )
    )
    people: Counter[tuple[object, ...]] = Counter()
    for year in YEARS:
        for *cell, since, change in changes:
            if since <= year:
                people[(*cell, year)] += change
    return {cell: n for cell, n in people.items() if n}


def _counted() -> dict[tuple[object, ...], int]:
    """The same, counted from the episodes."""
    return {
        (*cell, year): n
        for year in YEARS
        for cell, n in people_by(ServiceEpisode.objects.active_in_year(year), *BY_CELL).items()
    }


def _assert_true() -> None:
    assert _kept() == _counted()


def test_the_counts_follow_every_kind_of_write_of_episodes(world: World) -> None:
    provider = world.provider_a
    olena = make_person(world.village_a)
    ivan = make_person(world.city_a, "Бондар", "Іван", sex=Sex.MALE)
    # overlapping and following episodes of one service, one without an end
    first = make_episode(olena, provider, start=D(2018, 3, 1), end=D(2019, 5, 1))
    make_episode(olena, provider, start=D(2019, 9, 1), end=D(2020, 1, 1))
    later = make_episode(olena, provider, start=D(2022, 1, 1))
    make_episode(olena, provider, "019.0", start=D(2020, 1, 1), end=D(2020, 2, 1))
    _assert_true()
    first.end_date = D(2023, 1, 1)  # now it covers the gap of 2021
    first.save()
    _assert_true()
    later.status = EpisodeStatus.CANCELLED
    later.save()
    _assert_true()
    first.person = ivan  # recorded for the wrong person
    first.save()
    _assert_true()
    ServiceEpisode.objects.filter(person=olena, start_date__year=2019).update(
        end_date=D(2021, 1, 1)
    )
    _assert_true()
    ServiceEpisode.objects.bulk_create(
        ServiceEpisode(
            person=person,
            service=offer(provider, "015.1"),
            provider=provider,
            settlement=person.settlement,
            start_date=D(2017, 6, 1),
        )
        for person in (olena, ivan)
    )
    _assert_true()
    first.delete()
    _assert_true()
    ServiceEpisode.objects.filter(person=olena, service__code="015.1").delete()
    _assert_true()
    assert _kept()  # something is left to count: ivan's, and olena's 019.0


def test_the_counts_follow_a_person_who_moves_or_whose_sex_is_corrected(world: World) -> None:
    olena = make_person(world.village_a)
    make_episode(olena, world.provider_a, start=D(2019, 1, 1))
    make_episode(make_person(world.village_a, "Друга"), world.provider_a, start=D(2019, 1, 1))
    olena.settlement = world.city_a
    olena.save()
    _assert_true()
    Person.objects.filter(pk=olena.pk).update(sex=Sex.MALE)
    _assert_true()
    olena.refresh_from_db()
    olena.birth_year = 1951  # not what people are counted by: nothing to change
    olena.save(update_fields=["birth_year"])
    _assert_true()


def test_a_write_that_fails_changes_no_count(world: World) -> None:
    olena = make_person(world.village_a)
    make_episode(olena, world.provider_a, start=D(2019, 1, 1))
    before = _kept()

    @transaction.atomic
    def fails() -> None:
        make_episode(olena, world.provider_a, "019.0", start=D(2020, 1, 1))
        raise RuntimeError

    with pytest.raises(RuntimeError):
        fails()
    assert _kept() == before


def test_a_recount_writes_the_counts_that_were_kept(world: World) -> None:
    olena = make_person(world.village_a)
    make_episode(olena, world.provider_a, start=D(2019, 1, 1), end=D(2020, 6, 1))
    make_episode(olena, world.provider_a, start=D(2020, 3, 1))
    make_episode(make_person(world.village_b, "Далека"), world.provider_b, start=D(2021, 1, 1))
    kept = _kept()
    ServedChange.objects.all().delete()
    served.recount(hromada_ids=[world.hromada_a.pk])
    assert _kept() == {cell: n for cell, n in kept.items() if cell[0] == world.hromada_a.pk}
    served.recount()
    assert _kept() == kept


def test_an_episode_without_an_end_is_counted_in_every_later_year(world: World) -> None:
    olena = make_person(world.village_a)
    make_episode(olena, world.provider_a, start=D(2020, 5, 1))
    home_care = offer(world.provider_a, "015.1").pk
    cell = (world.hromada_a.pk, home_care, "female")
    for year, people in ((2019, 0), (2020, 1), (2021, 1), (2040, 1)):
        counts = served.served_by_hromada(year=year, hromada_ids=[world.hromada_a.pk])
        assert counts == ({cell: people} if people else {}), year


def test_the_recount_command_puts_counts_right_after_a_write_past_the_models(
    world: World,
) -> None:
    olena = make_person(world.village_a)
    episode = make_episode(olena, world.provider_a, start=D(2019, 1, 1))
    with connection.cursor() as cursor:  # as raw SQL would, past the models
        cursor.execute(
            "UPDATE people_serviceepisode SET end_date = %s WHERE id = %s",
            [D(2019, 6, 30), episode.pk],
        )
    assert _kept() != _counted()
    out = io.StringIO()
    call_command("recount_served", "--hromada", world.hromada_a.code, stdout=out)
    assert out.getvalue().startswith("Перераховано з епізодів. Записів змін за роками: 2 (")
    _assert_true()
    with pytest.raises(CommandError, match="Громади з кодом UA00 немає"):
        call_command("recount_served", "--hromada", "UA00")
