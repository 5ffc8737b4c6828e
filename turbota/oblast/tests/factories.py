"""Small oblasts whose figures and distances can be checked by hand."""

from __future__ import annotations

import math
from decimal import Decimal

from conftest import World
from turbota.catalog.models import Service
from turbota.needs.enums import StudyStatus
from turbota.needs.models import NeedsStudy, UnprovidableService
from turbota.needs.tests.factories import hand_computed, make_method
from turbota.oblast.distances import EARTH_RADIUS_KM
from turbota.providers.models import Department, ProvidedService, Provider, ProviderAddress
from turbota.providers.tests.factories import make_provider
from turbota.territories.enums import TerritoryCategory
from turbota.territories.models import Territory
from turbota.territories.tests.factories import (
    add_vulnerable_groups,
    make_settlement_profile,
    make_territory,
)

# One hundredth of a degree of latitude, along a meridian: exactly R·π/18000 km.
KM_PER_CENTIDEGREE = EARTH_RADIUS_KM * math.pi / 18000  # 1.1119…


def published(study: NeedsStudy) -> NeedsStudy:
    NeedsStudy.objects.filter(pk=study.pk).update(status=StudyStatus.PUBLISHED)
    study.refresh_from_db()
    return study


def place(settlement: Territory, latitude: str, longitude: str, **fields: object) -> None:
    """Coordinates (and other profile fields) for a settlement, creating its profile."""
    profile = getattr(settlement, "settlement_profile", None)
    if profile is None:
        make_settlement_profile(
            settlement, latitude=Decimal(latitude), longitude=Decimal(longitude), **fields
        )
        return
    profile.latitude, profile.longitude = Decimal(latitude), Decimal(longitude)
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.save()


def study_a(world: World) -> NeedsStudy:
    """Hromada A's hand-computed 2021 study (``needs.tests.factories.hand_computed``),
    published: home care need 13 (women 9, men 4), served 3 (women 2, men 1), unmet 10
    (women 7, men 3), capacity 10."""
    return published(hand_computed(world))


def study_a2(world: World, *, capacity: int, served_people: int = 0) -> NeedsStudy:
    """Hromada A2 (the neighbour) in 2021: one settlement, Сусідка, 2000 people, with a
    provider of home care of ``capacity`` and nobody needing it (no group counts)."""
    village = make_territory("Сусідка", TerritoryCategory.VILLAGE, parent=world.hromada_a2)
    make_settlement_profile(village, population=2000, population_year=2021)
    provider = make_provider(world.hromada_a2, "Центр послуг Сусідньої громади")
    provider.legal_settlement = village
    provider.save()
    ProvidedService.objects.create(
        provider=provider, service=Service.objects.get(code="015.1"), capacity=capacity
    )
    if served_people:
        from turbota.people.tests.factories import make_episode, make_person

        for number in range(served_people):
            make_episode(make_person(village, f"Сусідка{number}"), provider)
    method = make_method({("015.1", "older_persons"): "0.05"})
    return published(
        NeedsStudy.objects.create(
            hromada=world.hromada_a2, year=2021, method=method, groups_year=2021
        )
    )


def flag(study: NeedsStudy, code: str, reason: str, volume: int | None) -> UnprovidableService:
    return UnprovidableService.objects.create(
        study=study, service=Service.objects.get(code=code), reason=reason, volume=volume
    )


def line_geography(world: World) -> dict[str, Territory]:
    """A hand-made geography on the meridian 35° E, where distances are multiples of
    ``KM_PER_CENTIDEGREE`` (1.11 km per 0.01°):

    - Першанськ (city of hromada A) at 48.00° — provider A (home care, its legal address);
    - Лугове (village of A) at 48.10° — 11.12 km north of Першанськ;
    - Далеке (village of A) at 48.30° — 33.36 km north; nobody provides anything there;
    - Сусідка (hromada A2) at 48.25° — a day-care department of A2's provider: 5.56 km
      from Далеке, 16.68 km from Лугове.
    """
    far = make_territory("Далеке", TerritoryCategory.VILLAGE, parent=world.hromada_a)
    neighbour = make_territory("Сусідка", TerritoryCategory.VILLAGE, parent=world.hromada_a2)
    place(world.city_a, "48.000000", "35.000000", population=3000)
    place(world.village_a, "48.100000", "35.000000", population=1000)
    place(far, "48.300000", "35.000000", population=120)
    place(neighbour, "48.250000", "35.000000", population=2000)
    world.provider_a.legal_settlement = world.city_a
    world.provider_a.save()
    ProvidedService.objects.update_or_create(
        provider=world.provider_a,
        service=Service.objects.get(code="015.1"),
        defaults={"capacity": 10},
    )
    provider = make_provider(world.hromada_a2, "Центр послуг Сусідньої громади")
    day_care = Department.objects.create(
        provider=provider, name="Відділення денного догляду", settlement=neighbour
    )
    ProvidedService.objects.create(
        provider=provider,
        service=Service.objects.get(code="015.3"),
        department=day_care,
        capacity=20,
    )
    return {"far": far, "neighbour": neighbour}


def address_at(provider: Provider, settlement: Territory, **coordinates: Decimal) -> None:
    ProviderAddress.objects.create(
        provider=provider, settlement=settlement, address="вул. Тестова, 1", **coordinates
    )


def many_hromadas(oblast: Territory, count: int, settlements: int = 2) -> list[Territory]:
    """``count`` hromadas in raions of five, each with a city and villages."""
    hromadas = []
    raion = None
    for number in range(count):
        if number % 5 == 0:
            raion = make_territory(f"Район {number // 5 + 1}", TerritoryCategory.RAION, oblast)
        hromada = make_territory(f"Громада {number:03d}", TerritoryCategory.HROMADA, raion)
        make_territory(f"Місто {number:03d}", TerritoryCategory.CITY, hromada)
        for village in range(settlements - 1):
            make_territory(f"Село {number:03d}-{village}", TerritoryCategory.VILLAGE, hromada)
        hromadas.append(hromada)
    return hromadas


def groups_of(hromada: Territory) -> None:
    add_vulnerable_groups(hromada, 2021, {"older_persons": (100, 60)})
