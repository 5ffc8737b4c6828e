"""Cooperation matching: for a hromada's unmet demand in a service, the other hromadas of
its oblast whose providers have spare capacity in it, nearest first, with the volume that
could be bought from each.

A seller is a hromada with a current published study (decision 0023); its spare in a
service is, never negative (decision 0025, amended):

    capacity its actual providers declared for the service
    − distinct people those providers serve in it in the year of the seller's study,
      wherever the people live (residents served by a neighbour do not count; people of
      other hromadas served here do)
    − what is agreed with other buyers (in negotiation or signed) and not yet served:
      per agreement, its volume less the buyer's residents those providers already serve.

The buyer's own agreement with a seller is not taken off what that seller offers it: the
suggestion carries it, to be signed or dropped. The demand is the volume the hromada
declared when it flagged the service as impossible alone, else its study's unmet need; the
volume to buy from a seller is the smaller of the two. Distance is between the hromadas'
points (``queries.geography``); a hromada without one comes last. Only counts are read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef

from turbota.catalog.models import Service
from turbota.needs.models import NeedsStudy, UnprovidableService
from turbota.oblast.distances import Point, haversine_km
from turbota.oblast.enums import CooperationStatus
from turbota.oblast.models import Cooperation
from turbota.oblast.queries.places import geography
from turbota.oblast.queries.scope import (
    TOTAL,
    ZERO,
    ServiceFigures,
    current_studies,
    hromadas_of,
    study_figures,
)
from turbota.people.models import ServiceEpisode
from turbota.providers.models import ProvidedService
from turbota.territories.models import Territory

MAX_SUGGESTIONS = 10
# Agreements that hold part of a seller's capacity; a dropped one holds nothing.
COMMITTING = (CooperationStatus.NEGOTIATING, CooperationStatus.SIGNED)


@dataclass(frozen=True, slots=True)
class SellerLoad:
    """A seller hromada's capacity in one service and what already takes it up."""

    capacity: int  # declared by its actual providers
    served: int  # distinct people those providers serve in the year, wherever they live
    committed: int  # agreed with other buyers and not yet served

    @property
    def spare(self) -> int:
        """What could still be offered: capacity − served − committed, never negative."""
        return max(self.capacity - self.served - self.committed, 0)


# (seller hromada id, service id) → its load
Loads = dict[tuple[int, int], SellerLoad]
# (provider's hromada id, person's hromada id, service id) → distinct people
ServedAt = dict[tuple[int, int, int], int]


@dataclass(frozen=True)
class Suggestion:
    seller: Territory
    km: float | None
    load: SellerLoad
    volume: int  # what could be bought: min(spare, demand)
    cooperation: Cooperation | None  # already in negotiation or signed

    @property
    def spare(self) -> int:
        return self.load.spare


@dataclass(frozen=True)
class Demand:
    service: Service
    unmet: int  # the study's unmet need, both sexes
    declared: int | None  # the volume declared with the flag, if flagged and given
    flagged: bool
    reason: str
    suggestions: list[Suggestion]

    @property
    def volume(self) -> int:
        return self.declared if self.declared is not None else self.unmet


@dataclass(frozen=True)
class CooperationPage:
    hromada: Territory
    year: int
    has_study: bool
    demands: list[Demand]
    agreements: list[Cooperation]  # everything the hromada buys, whatever the state


def cooperation_for(*, hromada: Territory, year: int) -> CooperationPage:
    """The hromada's demands (flagged ones first) and the suggestions for each."""
    oblast = hromada.oblast or hromada
    hromadas = {h.pk: h for h in hromadas_of(oblast)}
    studies = current_studies(hromadas.keys(), year)
    agreements = list(Cooperation.objects.filter(buyer=hromada).select_related("seller", "service"))
    own = studies.get(hromada.pk)
    if own is None:
        return CooperationPage(hromada, year, False, [], agreements)
    figures = study_figures(studies.values())
    flags = {
        item.service_id: item
        for item in UnprovidableService.objects.filter(study=own).select_related("service")
    }
    own_figures = figures.get(hromada.pk, {})
    services = _demanded(own_figures, flags)
    sellers = [study for pk, study in studies.items() if pk != hromada.pk]
    loads = seller_loads(
        buyer=hromada, sellers=sellers, figures=figures, service_ids=[s.pk for s in services]
    )
    points = geography(oblast=oblast).hromada_points
    known = {(a.seller_id, a.service_id): a for a in agreements}
    demands = []
    for service in services:
        flag = flags.get(service.pk)
        unmet = own_figures.get((service.pk, TOTAL), ZERO).unmet
        demand = Demand(
            service=service,
            unmet=unmet,
            declared=flag.volume if flag else None,
            flagged=flag is not None,
            reason=flag.reason if flag else "",
            suggestions=[],
        )
        demand.suggestions.extend(
            suggestions(
                buyer=hromada,
                service=service,
                demand=demand.volume,
                loads=loads,
                hromadas=hromadas,
                points=points,
                known=known,
            )
        )
        demands.append(demand)
    return CooperationPage(hromada, year, True, demands, agreements)


def _demanded(own: ServiceFigures, flags: dict[int, UnprovidableService]) -> list[Service]:
    unmet = {sid for (sid, sex), f in own.items() if sex == TOTAL and f.unmet > 0}
    services = Service.objects.filter(pk__in=unmet | set(flags)).order_by("code")
    return sorted(services, key=lambda s: (s.pk not in flags, s.code))


def seller_loads(
    *,
    buyer: Territory,
    sellers: Iterable[NeedsStudy],
    figures: dict[int, ServiceFigures],
    service_ids: Collection[int],
) -> Loads:
    """Each seller's load in each of ``service_ids``, as ``buyer`` is offered it: capacity
    as on the seller's study (``study_figures``), people served at its providers in the
    study's year, and the other buyers' agreements not yet served (three queries)."""
    studies = {study.hromada_id: study for study in sellers}
    if not studies or not service_ids:
        return {}
    served_at = served_at_providers(studies=studies.values(), service_ids=service_ids)
    served: dict[tuple[int, int], int] = defaultdict(int)
    for (seller, _home, service), people in served_at.items():
        served[(seller, service)] += people  # a person lives in one hromada: still distinct
    committed: dict[tuple[int, int], int] = defaultdict(int)
    for seller, other, service, volume in (
        Cooperation.objects.filter(
            seller_id__in=studies, service_id__in=service_ids, status__in=COMMITTING
        )
        .exclude(buyer=buyer)
        .values_list("seller_id", "buyer_id", "service_id", "volume")
    ):
        already = served_at.get((seller, other, service), 0)
        committed[(seller, service)] += max(volume - already, 0)
    loads: Loads = {}
    for seller in studies:
        for service in service_ids:
            capacity = figures.get(seller, {}).get((service, TOTAL), ZERO).capacity or 0
            key = (seller, service)
            loads[key] = SellerLoad(capacity, served.get(key, 0), committed.get(key, 0))
    return loads


def served_at_providers(*, studies: Iterable[NeedsStudy], service_ids: Collection[int]) -> ServedAt:
    """Distinct people served in the year of each study by its hromada's actual providers
    that declared a capacity for the service (those whose capacity is counted), by where
    the people live. A count, one query per year of the studies; no person is read."""
    by_year: dict[int, list[int]] = defaultdict(list)
    for study in studies:
        by_year[study.year].append(study.hromada_id)
    declared = ProvidedService.objects.filter(
        provider=OuterRef("provider"), service=OuterRef("service"), capacity__isnull=False
    )
    found: ServedAt = {}
    for year, hromada_ids in sorted(by_year.items()):
        rows = (
            ServiceEpisode.objects.active_in_year(year)
            .filter(
                provider__hromada_id__in=hromada_ids,
                provider__is_potential=False,
                service_id__in=service_ids,
            )
            .filter(Exists(declared))
            .order_by()
            .values_list("provider__hromada_id", "person__hromada_id", "service_id")
            .annotate(people=Count("person_id", distinct=True))
        )
        for seller, home, service, people in rows:
            found[(seller, home, service)] = people
    return found


def suggestions(
    *,
    buyer: Territory,
    service: Service,
    demand: int,
    loads: Loads,
    hromadas: dict[int, Territory],
    points: dict[int, Point],
    known: dict[tuple[int, int], Cooperation],
) -> list[Suggestion]:
    """Other hromadas with spare capacity in ``service``, nearest first (unknown last). A
    seller the buyer is negotiating with stays listed without spare, so that the
    negotiation can be signed or dropped."""
    origin = points.get(buyer.pk)
    found = []
    for (seller_id, service_id), load in loads.items():
        if service_id != service.pk or seller_id == buyer.pk:
            continue
        cooperation = known.get((seller_id, service.pk))
        negotiating = (
            cooperation is not None and cooperation.status == CooperationStatus.NEGOTIATING
        )
        if load.spare <= 0 and not negotiating:
            continue
        target = points.get(seller_id)
        km = haversine_km(origin, target) if origin and target else None
        found.append(
            Suggestion(
                seller=hromadas[seller_id],
                km=km,
                load=load,
                volume=min(load.spare, demand),
                cooperation=cooperation,
            )
        )
    found.sort(key=lambda s: (s.km is None, s.km or 0.0, s.seller.sort_key))
    return found[:MAX_SUGGESTIONS]
