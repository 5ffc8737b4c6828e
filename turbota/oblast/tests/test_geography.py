"""Points, nearest providers and service deserts on a hand-made geography
(``factories.line_geography``: settlements on one meridian, 1.11 km per 0.01°)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from conftest import World
from turbota.catalog.models import Service
from turbota.oblast.distances import Point
from turbota.oblast.queries import deserts, geography, nearest_providers
from turbota.oblast.tests.factories import KM_PER_CENTIDEGREE, address_at, line_geography, place
from turbota.providers.models import ProvidedService
from turbota.providers.tests.factories import make_provider
from turbota.territories.enums import TerritoryCategory
from turbota.territories.tests.factories import make_profile, make_territory


def _km(centidegrees: int) -> Any:
    return pytest.approx(centidegrees * KM_PER_CENTIDEGREE, abs=1e-6)


def _services(*codes: str) -> list[Service]:
    return list(Service.objects.filter(code__in=codes).order_by("code"))


def test_every_settlement_gets_the_distance_to_the_nearest_provider_of_each_service(
    world: World,
) -> None:
    # given
    places = line_geography(world)
    home_care, day_care = _services("015.1", "015.3")
    # when
    geo = geography(oblast=world.oblast_a)
    table = nearest_providers(geo, [home_care, day_care])
    # then: Першанськ 48.00, Лугове 48.10, Далеке 48.30, Сусідка 48.25 on 35° E
    expected = {
        world.city_a: (0, 25),
        world.village_a: (10, 15),
        places["far"]: (30, 5),
        places["neighbour"]: (25, 0),
    }
    for settlement, (to_home_care, to_day_care) in expected.items():
        home, day = table[settlement.pk][home_care.pk], table[settlement.pk][day_care.pk]
        assert home is not None
        assert day is not None
        assert home.km == _km(to_home_care), settlement.name
        assert day.km == _km(to_day_care), settlement.name
        assert home.key == world.provider_a.pk


def test_service_deserts_are_the_settlements_farther_than_x_km(world: World) -> None:
    places = line_geography(world)
    home_care, day_care, palliative = _services("015.1", "015.3", "015.4")
    geo = geography(oblast=world.oblast_a)
    table = nearest_providers(geo, [home_care, day_care, palliative])
    at_20 = deserts(geo, table, [home_care, day_care, palliative], km=20)
    names = {pk: [p.settlement.name for p in found] for pk, found in at_20.items()}
    assert names[home_care.pk] == ["Далеке", "Сусідка"]  # 33.4 and 27.8 km
    assert names[day_care.pk] == ["Першанськ"]  # 27.8 km
    # nobody in the oblast provides palliative care: every placed settlement is a desert
    assert names[palliative.pk] == ["Далеке", "Лугове", "Першанськ", "Сусідка"]
    at_30 = deserts(geo, table, [home_care], km=30)
    assert [p.settlement for p in at_30[home_care.pk]] == [places["far"]]


def test_a_settlement_exactly_x_km_away_is_not_a_desert(world: World) -> None:
    line_geography(world)
    (home_care,) = _services("015.1")
    geo = geography(oblast=world.oblast_a)
    table = nearest_providers(geo, [home_care])
    exactly = table[world.village_a.pk][home_care.pk]
    assert exactly is not None
    found = deserts(geo, table, [home_care], km=exactly.km)
    assert world.village_a not in [p.settlement for p in found[home_care.pk]]


def test_a_hromada_is_at_its_administrative_centre_else_at_the_mean_of_its_settlements(
    world: World,
) -> None:
    places = line_geography(world)
    geo = geography(oblast=world.oblast_a)
    mean = (48.0 + 48.1 + 48.3) / 3
    assert geo.hromada_points[world.hromada_a.pk] == Point(pytest.approx(mean), 35.0)  # type: ignore[arg-type]
    assert geo.hromada_points[world.hromada_a2.pk] == Point(48.25, 35.0)
    make_profile(world.hromada_a, administrative_centre=world.city_a)
    assert geography(oblast=world.oblast_a).hromada_points[world.hromada_a.pk] == Point(48.0, 35.0)
    assert places  # the far village stays in the mean above


def test_a_provider_is_at_its_address_own_coordinates_else_at_its_settlement(
    world: World,
) -> None:
    line_geography(world)
    provider = make_provider(world.hromada_a, "Надавач з двома адресами")
    ProvidedService.objects.create(provider=provider, service=Service.objects.get(code="019.0"))
    address_at(provider, world.village_a)  # at Лугове's point
    address_at(
        provider, world.village_a, latitude=Decimal("48.200000"), longitude=Decimal("35.000000")
    )
    geo = geography(oblast=world.oblast_a)
    spots = {sp.point for sp in geo.service_points if sp.provider_id == provider.pk}
    assert spots == {Point(48.1, 35.0), Point(48.2, 35.0)}


def test_potential_providers_and_other_oblasts_are_not_on_the_map(world: World) -> None:
    line_geography(world)
    ngo = make_provider(world.hromada_a, "Громадська організація", is_potential=True)
    ngo.legal_settlement = world.village_a
    ngo.save()
    ProvidedService.objects.create(provider=ngo, service=Service.objects.get(code="015.4"))
    place(world.village_b, "48.100000", "35.010000")
    geo = geography(oblast=world.oblast_a)
    assert ngo.pk not in {sp.provider_id for sp in geo.service_points}
    assert world.village_b not in [p.settlement for p in geo.settlements]


def test_settlements_and_services_without_a_place_are_counted(world: World) -> None:
    line_geography(world)
    make_territory("Безкоординатне", TerritoryCategory.VILLAGE, parent=world.hromada_a)
    homeless = make_provider(world.hromada_a2, "Надавач без адреси")
    ProvidedService.objects.create(provider=homeless, service=Service.objects.get(code="002.0"))
    geo = geography(oblast=world.oblast_a)
    assert geo.unplaced_settlements == 1
    assert geo.unplaced_services == 1
