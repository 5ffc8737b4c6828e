"""A small hromada whose needs table can be checked by hand (see ``hand_computed``)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from conftest import World
from turbota.catalog.models import Service, VulnerableGroup
from turbota.core.enums import Sex
from turbota.needs.models import NeedsMethod, NeedsStudy, NormativeRate, SurveyShare
from turbota.people.enums import Decision, EpisodeStatus
from turbota.people.tests.factories import make_application, make_episode, make_person
from turbota.providers.models import ProvidedService
from turbota.territories.tests.factories import add_vulnerable_groups, make_settlement_profile

D = datetime.date


def make_method(rates: dict[tuple[str, str], str]) -> NeedsMethod:
    method = NeedsMethod.objects.create(name="Тестова методика", description="для тесту")
    for (service, group), rate in rates.items():
        NormativeRate.objects.create(
            method=method,
            service=Service.objects.get(code=service),
            group=VulnerableGroup.objects.get(code=group),
            rate=Decimal(rate),
        )
    return method


def hand_computed(world: World) -> NeedsStudy:
    """Hromada A in 2021, small enough to compute on paper.

    Settlements: Першанськ (city, 3000 people) and Лугове (village, 1000).
    Older people, counted only for the hromada: 100 women, 60 men — shared 3:1, so
    Першанськ 75 / 45 and Лугове 25 / 15. People with disabilities, counted per settlement:
    Першанськ 20 / 10, Лугове 4 / 6. Method: home care (015.1) for 5 % of older people and
    10 % of people with disabilities.

    need, Першанськ: women 0.05·75 + 0.1·20 = 5.75 → 6; men 0.05·45 + 0.1·10 = 3.25 → 3.
    need, Лугове: women 0.05·25 + 0.1·4 = 1.65 → 2, plus 1 woman waiting → 3;
    men 0.05·15 + 0.1·6 = 1.35 → 1.
    served in 2021: Першанськ 2 women (one with two episodes) and 1 man; Лугове nobody
    (a man's episode ended in 2020, a woman's was cancelled).
    capacity: provider A (in Першанськ) declares 10 recipients a year of home care.
    """
    make_settlement_profile(world.city_a, population=3000, population_year=2021)
    make_settlement_profile(world.village_a, population=1000, population_year=2021)
    add_vulnerable_groups(world.hromada_a, 2021, {"older_persons": (100, 60)})
    add_vulnerable_groups(world.hromada_a, 2021, {"persons_with_disabilities": (24, 16)})
    add_vulnerable_groups(
        world.hromada_a, 2021, {"persons_with_disabilities": (20, 10)}, territory=world.city_a
    )
    add_vulnerable_groups(
        world.hromada_a, 2021, {"persons_with_disabilities": (4, 6)}, territory=world.village_a
    )
    method = make_method(
        {("015.1", "older_persons"): "0.05", ("015.1", "persons_with_disabilities"): "0.10"}
    )
    world.provider_a.legal_settlement = world.city_a
    world.provider_a.save()
    provider = world.provider_a
    first = make_person(world.city_a, "Перша")
    make_episode(first, provider, start=D(2020, 1, 10), end=D(2021, 3, 1))
    make_episode(first, provider, start=D(2021, 6, 1))  # the same person again
    make_episode(make_person(world.city_a, "Друга"), provider, start=D(2021, 12, 31))
    make_episode(make_person(world.city_a, "Третій", sex=Sex.MALE), provider)
    make_episode(
        make_person(world.village_a, "Четвертий", sex=Sex.MALE),
        provider,
        start=D(2019, 1, 1),
        end=D(2020, 12, 31),
        status=EpisodeStatus.COMPLETED,
    )
    make_episode(make_person(world.village_a, "П'ята"), provider, status=EpisodeStatus.CANCELLED)
    make_application(
        make_person(world.village_a, "Шоста"), applied_on=D(2021, 5, 4), decision=Decision.PENDING
    )
    ProvidedService.objects.filter(provider=provider, service__code="015.1").update(capacity=10)
    return NeedsStudy.objects.create(
        hromada=world.hromada_a, year=2021, method=method, groups_year=2021
    )


def survey_share(study: NeedsStudy, share: str = "0.4375", source: str = "") -> SurveyShare:
    """A survey's share for home care (015.1) × persons with disabilities in ``study``."""
    return SurveyShare.objects.create(
        study=study,
        service=Service.objects.get(code="015.1"),
        group=VulnerableGroup.objects.get(code="persons_with_disabilities"),
        share=Decimal(share),
        source=source,
    )
