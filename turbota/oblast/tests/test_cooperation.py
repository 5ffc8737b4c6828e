"""Cooperation matching: spare capacity = capacity − served, never negative; nearest first;
the volume that could be bought is the smaller of the spare capacity and the demand.

"Served" is the people the seller's providers serve, wherever they live, and what is agreed
with other buyers (in negotiation or signed) and not yet served is taken off too."""

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
from turbota.providers.models import ProvidedService, Provider
from turbota.providers.tests.factories import make_provider
from turbota.territories.models import Territory


def _seller(world: World, latitude: str, *, capacity: int, served: int) -> Territory:
    """A hromada of oblast A whose only settlement is at ``latitude`` on 35° E, with a home
    care provider of ``capacity`` serving ``served`` of its people in 2021."""
    hromada = many_hromadas(world.oblast_a, 1)[0]
    city = _city(hromada)
    place(city, latitude, "35.000000", population=1000)
    provider = make_provider(hromada, f"Центр {hromada.name}")
    ProvidedService.objects.create(
        provider=provider, service=Service.objects.get(code="015.1"), capacity=capacity
    )
    _serve(city, provider, served)
    published(
        NeedsStudy.objects.create(
            hromada=hromada, year=2021, method=make_method({}), groups_year=2021
        )
    )
    return hromada


def _city(hromada: Territory) -> Territory:
    return Territory.objects.get(hromada=hromada, category="M")


def _provider(hromada: Territory) -> Provider:
    return Provider.objects.get(hromada=hromada)


def _serve(settlement: Territory, provider: Provider, people: int, tag: str = "") -> None:
    """``people`` residents of ``settlement`` receiving home care from ``provider`` in 2021."""
    for number in range(people):
        make_episode(make_person(settlement, f"Отримувач{tag}{number}"), provider)


def _spares(world: World) -> dict[Territory, int]:
    return {s.seller: s.spare for s in _home_care(world).suggestions}


def _agree(world: World, buyer: Territory, seller: Territory, volume: int, *moves: str) -> None:
    analyst = world.users["oblast_analyst"]
    assert analyst is not None
    for to in moves:
        mark_cooperation(
            buyer=buyer,
            seller=seller,
            service=Service.objects.get(code="015.1"),
            to=CooperationStatus(to),
            volume=volume,
            by=analyst,
        )


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


def test_a_resident_served_by_a_neighbours_provider_does_not_reduce_own_spare(
    world: World, market: dict[str, Territory]
) -> None:
    # given: two residents of "near" (capacity 9, its provider serves 5) get home care
    # from the provider of "far"
    _serve(_city(market["near"]), _provider(market["far"]), 2, tag="Сусід")
    # then: "near" keeps its spare 4 (its places are not taken); "far" has 40 − 7 = 33
    assert _spares(world) == {market["near"]: 4, market["far"]: 33}


def test_people_of_other_hromadas_served_by_the_sellers_providers_reduce_its_spare(
    world: World, market: dict[str, Territory]
) -> None:
    # given: three residents of hromada A (the buyer) and one of "full" are served by
    # the provider of "near" (capacity 9, already serving 5 of its own)
    near = _provider(market["near"])
    _serve(world.city_a, near, 3, tag="А")
    _serve(_city(market["full"]), near, 1, tag="Повна")
    # then: 9 − 5 − 4 = 0, "near" is not offered any more; "far" is untouched
    assert _spares(world) == {market["far"]: 35}


def test_a_person_served_by_two_providers_of_the_seller_counts_once(
    world: World, market: dict[str, Territory]
) -> None:
    # given: a second home care provider of "far" (capacity 10), serving one person who
    # is also served by the first one, and one more of its own
    far = market["far"]
    first = _provider(far)
    second = make_provider(far, "Друга служба")
    ProvidedService.objects.create(
        provider=second, service=Service.objects.get(code="015.1"), capacity=10
    )
    both = make_person(_city(far), "Двічі")
    make_episode(both, first)
    make_episode(both, second)
    _serve(_city(far), second, 1, tag="Друга")
    # then: capacity 50; served 5 + the one served twice + 1 = 7 distinct; spare 43
    load = next(s.load for s in _home_care(world).suggestions if s.seller == far)
    assert (load.capacity, load.served, load.committed, load.spare) == (50, 7, 0, 43)


def test_a_volume_agreed_with_another_buyer_is_taken_off_the_spare(
    world: World, market: dict[str, Territory]
) -> None:
    # given: "full" negotiates 20 of "far"'s spare 35, and "near" signs for 1 of its own 4
    _agree(world, market["full"], market["far"], 20, "negotiating")
    _agree(world, market["full"], market["near"], 1, "signed")
    # then: hromada A is offered 35 − 20 = 15 and 4 − 1 = 3
    assert _spares(world) == {market["near"]: 3, market["far"]: 15}
    # when: the first is signed too, it still holds the 20
    _agree(world, market["full"], market["far"], 20, "signed")
    assert _spares(world) == {market["near"]: 3, market["far"]: 15}


def test_a_dropped_negotiation_holds_no_capacity(
    world: World, market: dict[str, Territory]
) -> None:
    _agree(world, market["full"], market["far"], 20, "negotiating", "dropped")
    assert _spares(world) == {market["near"]: 4, market["far"]: 35}


def test_people_already_served_under_an_agreement_are_not_taken_off_twice(
    world: World, market: dict[str, Territory]
) -> None:
    # given: "full" signed for 20 of "far" and 6 of its residents are already served there
    _agree(world, market["full"], market["far"], 20, "signed")
    _serve(_city(market["full"]), _provider(market["far"]), 6, tag="Угода")
    # then: served 5 + 6 = 11, still to come under the agreement 20 − 6 = 14: spare 15
    load = next(s.load for s in _home_care(world).suggestions if s.seller == market["far"])
    assert (load.capacity, load.served, load.committed, load.spare) == (40, 11, 14, 15)


def test_the_buyers_own_negotiation_is_not_taken_off_what_it_is_offered(
    world: World, market: dict[str, Territory]
) -> None:
    # given: hromada A negotiates all 4 of "near", and "full" then agrees 2 more with it
    _agree(world, world.hromada_a, market["near"], 4, "negotiating")
    assert _spares(world) == {market["near"]: 4, market["far"]: 35}
    _agree(world, market["full"], market["near"], 2, "negotiating")
    # then: "near" stays listed for A with what is left after the other agreement, so the
    # negotiation can still be signed or dropped
    near = _home_care(world).suggestions[0]
    assert (near.seller, near.spare, near.volume) == (market["near"], 2, 2)
    assert near.cooperation is not None
    assert near.cooperation.volume == 4
    # and "full", flagging home care, sees A's 4 taken off "near": 4 − 4 = 0, listed only
    # for its own negotiation (A itself has 10 − 3 = 7)
    flag(NeedsStudy.objects.get(hromada=market["full"]), "015.1", "немає кадрів", volume=5)
    (demand,) = cooperation_for(hromada=market["full"], year=2021).demands
    offered = {s.seller: (s.spare, s.volume) for s in demand.suggestions}
    assert offered == {world.hromada_a: (7, 5), market["near"]: (0, 0), market["far"]: (35, 5)}
