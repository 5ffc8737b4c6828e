"""Where things are on the oblast's map: settlements, hromadas, the places providers
deliver each service, the distance from every settlement to the nearest of them, and the
"service deserts" — settlements farther than X km from any provider of a service.

A settlement's point is its profile's latitude and longitude (entered, or imported by
``oblast.imports``). A hromada's point is its administrative centre's, else the mean of
its settlements'. A provider delivers a service where its department for the service is,
else at each of its addresses (an address's own coordinates, else its settlement's), else
at its legal address's settlement. Only the oblast's actual (not potential) providers count.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from turbota.catalog.models import Service
from turbota.oblast.distances import Nearest, Point, Targets, centre
from turbota.providers.models import ProvidedService, ProviderAddress
from turbota.territories.models import HromadaProfile, SettlementProfile, Territory


@dataclass(frozen=True)
class PlacedSettlement:
    settlement: Territory
    hromada_id: int
    point: Point
    population: int | None
    is_estimated: bool


@dataclass(frozen=True)
class ServicePoint:
    provider_id: int
    provider_name: str
    hromada_id: int
    service_id: int
    point: Point


@dataclass(frozen=True)
class OblastGeography:
    settlements: list[PlacedSettlement]
    unplaced_settlements: int  # current settlements of the oblast without coordinates
    hromada_points: dict[int, Point]
    service_points: list[ServicePoint]
    unplaced_services: int  # services of providers with no place to put them

    def targets(self, service_id: int) -> Targets:
        return Targets(
            [
                (sp.provider_id, sp.point)
                for sp in self.service_points
                if sp.service_id == service_id
            ]
        )


def _point(latitude: object, longitude: object) -> Point | None:
    if latitude is None or longitude is None:
        return None
    return Point(float(latitude), float(longitude))  # type: ignore[arg-type]


def geography(*, oblast: Territory) -> OblastGeography:
    """Everything the map places, in five queries."""
    profiles = SettlementProfile.objects.filter(
        hromada__oblast=oblast, settlement__is_current=True
    ).select_related("settlement", "settlement__hromada")
    placed: list[PlacedSettlement] = []
    for profile in profiles:
        point = _point(profile.latitude, profile.longitude)
        if point is not None:
            placed.append(
                PlacedSettlement(
                    profile.settlement,
                    profile.hromada_id,
                    point,
                    profile.population,
                    profile.is_estimated,
                )
            )
    placed.sort(key=lambda p: (p.settlement.sort_key, p.settlement.code))
    every = Territory.objects.settlements().current().filter(oblast=oblast).count()
    points = {p.settlement.pk: p.point for p in placed}
    service_points, unplaced = _service_points(oblast, points)
    return OblastGeography(
        settlements=placed,
        unplaced_settlements=every - len(placed),
        hromada_points=_hromada_points(oblast, placed, points),
        service_points=service_points,
        unplaced_services=unplaced,
    )


def _hromada_points(
    oblast: Territory, placed: list[PlacedSettlement], points: dict[int, Point]
) -> dict[int, Point]:
    by_hromada: dict[int, list[Point]] = defaultdict(list)
    for item in placed:
        by_hromada[item.hromada_id].append(item.point)
    result = {h: found for h, spots in by_hromada.items() if (found := centre(spots))}
    centres = HromadaProfile.objects.filter(
        hromada__oblast=oblast, administrative_centre__isnull=False
    ).values_list("hromada_id", "administrative_centre_id")
    for hromada_id, centre_id in centres:
        if centre_id in points:
            result[hromada_id] = points[centre_id]
    return result


def _service_points(oblast: Territory, points: dict[int, Point]) -> tuple[list[ServicePoint], int]:
    addresses: dict[int, list[Point]] = defaultdict(list)
    for provider_id, settlement_id, latitude, longitude in ProviderAddress.objects.filter(
        provider__hromada__oblast=oblast, provider__is_potential=False
    ).values_list("provider_id", "settlement_id", "latitude", "longitude"):
        own = _point(latitude, longitude)
        place = own or points.get(settlement_id)
        if place is not None:
            addresses[provider_id].append(place)
    offered = (
        ProvidedService.objects.filter(
            provider__hromada__oblast=oblast, provider__is_potential=False
        )
        .select_related("provider", "department")
        .order_by("provider__sort_key", "provider_id", "service__code")
    )
    result: list[ServicePoint] = []
    unplaced = 0
    for item in offered:
        provider = item.provider
        places = _places(item, addresses.get(provider.pk, []), points)
        if not places:
            unplaced += 1
        for place in dict.fromkeys(places):  # the same spot once
            result.append(
                ServicePoint(
                    provider.pk, str(provider), provider.hromada_id, item.service_id, place
                )
            )
    return result, unplaced


def _places(item: ProvidedService, addresses: list[Point], points: dict[int, Point]) -> list[Point]:
    department = item.department
    if department is not None and department.settlement_id in points:
        return [points[department.settlement_id]]
    if addresses:
        return addresses
    legal = points.get(item.provider.legal_settlement_id or 0)
    return [legal] if legal else []


# settlement id → service id → the nearest place of a provider of it (None: none placed)
NearestTable = dict[int, dict[int, Nearest | None]]


def nearest_providers(geo: OblastGeography, services: Iterable[Service]) -> NearestTable:
    """For every placed settlement and each service, the nearest provider's distance."""
    table: NearestTable = {item.settlement.pk: {} for item in geo.settlements}
    for service in services:
        targets = geo.targets(service.pk)
        for item in geo.settlements:
            table[item.settlement.pk][service.pk] = targets.nearest(item.point)
    return table


def is_desert(nearest: Nearest | None, km: float) -> bool:
    """Farther than ``km`` from every provider of the service, or none in the oblast."""
    return nearest is None or nearest.km > km


def deserts(
    geo: OblastGeography, table: NearestTable, services: Iterable[Service], km: float
) -> dict[int, list[PlacedSettlement]]:
    """Service id → the settlements farther than ``km`` from its nearest provider."""
    return {
        service.pk: [
            item
            for item in geo.settlements
            if is_desert(table[item.settlement.pk].get(service.pk), km)
        ]
        for service in services
    }


def mapped_services(geo: OblastGeography, basic: list[Service]) -> list[Service]:
    """The services a settlement's distances are given for: the basic ones and any other a
    placed provider offers, in code order."""
    offered = {sp.service_id for sp in geo.service_points}
    wanted = {s.pk for s in basic} | offered
    return list(Service.objects.filter(pk__in=wanted).order_by("code"))
