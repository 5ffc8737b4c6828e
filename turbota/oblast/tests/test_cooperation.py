"""Cooperation matching: spare capacity = capacity − served, never negative; nearest first;
the volume that could be bought is the smaller of the spare capacity and the demand."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from conftest import World
from turbota.catalog.models import Service
from turbota.needs.models import NeedsStudy
from turbota.needs.tests.factories import make_method
from turbota.oblast.actions import mark_cooperation
from turbota.oblast.enums import CooperationStatus
from turbota.oblast.models import CooperationTransition
from turbota.oblast.queries import Demand, cooperation_for
from turbota.oblast.tests.factories import (
    KM_PER_CENTIDEGREE,
    flag,
    many_hromadas,
    place,
    published,
    study_a,
)
from turbota.people.tests.factories import make_episode, make_person
from turbota.providers.models import ProvidedService
from turbota.providers.tests.factories import make_provider
from turbota.territories.models import Territory


def _seller(world: World, latitude: str, *, capacity: int, served: int) -> Territory:
    """A hromada of oblast A whose only settlement is at ``latitude`` on 35° E, with a home
    care provider of ``capacity`` serving ``served`` of its people in 2021."""
    hromada = many_hromadas(world.oblast_a, 1)[0]
    city = Territory.objects.get(hromada=hromada, category="M")
    place(city, latitude, "35.000000", population=1000)
    provider = make_provider(hromada, f"Центр {hromada.name}")
    ProvidedService.objects.create(
        provider=provider, service=Service.objects.get(code="015.1"), capacity=capacity
    )
    for number in range(served):
        make_episode(make_person(city, f"Отримувач{number}"), provider)
    published(
        NeedsStudy.objects.create(
            hromada=hromada, year=2021, method=make_method({}), groups_year=2021
        )
    )
    return hromada


@pytest.fixture
def market(world: World) -> dict[str, Territory]:
    """Hromada A (home care: need 13, served 3, unmet 10) at 48.00° and sellers north of it."""
    study_a(world)
    place(world.city_a, "48.000000", "35.000000")
    place(world.village_a, "48.000000", "35.000000")
    return {
        "far": _seller(world, "48.500000", capacity=40, served=5),  # spare 35, 55.6 km
        "near": _seller(world, "48.100000", capacity=9, served=5),  # spare 4, 11.1 km
        "full": _seller(world, "48.050000", capacity=2, served=5),  # over capacity: spare 0
    }


def _home_care(world: World) -> Demand:
    page = cooperation_for(hromada=world.hromada_a, year=2021)
    return next(d for d in page.demands if d.service.code == "015.1")


def test_sellers_with_spare_capacity_are_suggested_nearest_first(
    world: World, market: dict[str, Territory]
) -> None:
    demand = _home_care(world)
    assert demand.unmet == 10
    suggestions = demand.suggestions
    assert [s.seller for s in suggestions] == [market["near"], market["far"]]
    assert [s.km for s in suggestions] == [
        pytest.approx(10 * KM_PER_CENTIDEGREE),
        pytest.approx(50 * KM_PER_CENTIDEGREE),
    ]


def test_spare_is_capacity_minus_served_and_a_full_provider_is_never_negative(
    world: World, market: dict[str, Territory]
) -> None:
    suggestions = _home_care(world).suggestions
    assert [(s.spare, s.volume) for s in suggestions] == [(4, 4), (35, 10)]
    # 2 places, 5 served: no spare, so not offered (and not −3)
    assert market["full"] not in [s.seller for s in suggestions]


def test_the_declared_volume_of_a_flagged_service_is_the_demand(
    world: World, market: dict[str, Territory]
) -> None:
    study = NeedsStudy.objects.get(hromada=world.hromada_a)
    flag(study, "015.1", "немає соціальних робітників", volume=30)
    demand = _home_care(world)
    assert demand.flagged
    assert demand.volume == 30
    assert [s.volume for s in demand.suggestions] == [4, 30]


def test_a_hromada_without_a_current_study_gets_no_suggestions(world: World) -> None:
    page = cooperation_for(hromada=world.hromada_a2, year=2021)
    assert not page.has_study
    assert page.demands == []


def test_marking_a_suggestion_moves_it_through_negotiation_to_an_agreement_logged(
    world: World, market: dict[str, Territory]
) -> None:
    analyst = world.users["oblast_analyst"]
    assert analyst is not None
    service = Service.objects.get(code="015.1")
    deal = mark_cooperation(
        buyer=world.hromada_a,
        seller=market["near"],
        service=service,
        to=CooperationStatus.NEGOTIATING,
        volume=4,
        by=analyst,
    )
    suggestion = _home_care(world).suggestions[0]
    assert suggestion.cooperation == deal
    mark_cooperation(
        buyer=world.hromada_a,
        seller=market["near"],
        service=service,
        to=CooperationStatus.SIGNED,
        volume=4,
        by=analyst,
    )
    deal.refresh_from_db()
    assert deal.status == CooperationStatus.SIGNED
    assert [(t.from_status, t.to_status, t.by) for t in CooperationTransition.objects.all()] == [
        ("", "negotiating", analyst),
        ("negotiating", "signed", analyst),
    ]


def test_a_signed_agreement_cannot_go_back_to_negotiation(
    world: World, market: dict[str, Territory]
) -> None:
    analyst = world.users["oblast_analyst"]
    assert analyst is not None
    service = Service.objects.get(code="015.1")
    for to in (CooperationStatus.NEGOTIATING, CooperationStatus.SIGNED):
        mark_cooperation(
            buyer=world.hromada_a,
            seller=market["far"],
            service=service,
            to=to,
            volume=10,
            by=analyst,
        )
    with pytest.raises(ValidationError, match="угоду підписано"):
        mark_cooperation(
            buyer=world.hromada_a,
            seller=market["far"],
            service=service,
            to=CooperationStatus.NEGOTIATING,
            volume=10,
            by=analyst,
        )
    assert CooperationTransition.objects.count() == 2


def test_cooperation_is_within_one_oblast_and_with_another_hromada(world: World) -> None:
    analyst = world.users["oblast_analyst"]
    assert analyst is not None
    service = Service.objects.get(code="015.1")
    for seller in (world.hromada_a, world.hromada_b):
        with pytest.raises(ValidationError):
            mark_cooperation(
                buyer=world.hromada_a,
                seller=seller,
                service=service,
                to=CooperationStatus.NEGOTIATING,
                volume=1,
                by=analyst,
            )
