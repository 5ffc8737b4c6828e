"""Cooperation matching: for a hromada's unmet demand in a service, the other hromadas of
its oblast whose providers have spare capacity in it, nearest first, with the volume that
could be bought from each.

spare = capacity − served of the seller's current study (never negative); the demand is
the volume the hromada declared when it flagged the service as impossible alone, else its
study's unmet need; the volume to buy from a seller is the smaller of the two. Distance is
between the hromadas' points (``queries.geography``); a hromada without one comes last.
"""

from __future__ import annotations

from dataclasses import dataclass

from turbota.catalog.models import Service
from turbota.needs.models import UnprovidableService
from turbota.oblast.distances import Point, haversine_km
from turbota.oblast.models import Cooperation
from turbota.oblast.queries.places import geography
from turbota.oblast.queries.scope import (
    ZERO,
    ServiceFigures,
    current_studies,
    hromadas_of,
    study_figures,
)
from turbota.territories.models import Territory

MAX_SUGGESTIONS = 10


@dataclass(frozen=True)
class Suggestion:
    seller: Territory
    km: float | None
    spare: int
    volume: int  # what could be bought: min(spare, demand)
    cooperation: Cooperation | None  # already in negotiation or signed


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
    figures = study_figures(studies.values())
    agreements = list(Cooperation.objects.filter(buyer=hromada).select_related("seller", "service"))
    own = studies.get(hromada.pk)
    if own is None:
        return CooperationPage(hromada, year, False, [], agreements)
    flags = {
        item.service_id: item
        for item in UnprovidableService.objects.filter(study=own).select_related("service")
    }
    points = geography(oblast=oblast).hromada_points
    known = {(a.seller_id, a.service_id): a for a in agreements}
    demands = []
    own_figures = figures.get(hromada.pk, {})
    for service in _demanded(own_figures, flags):
        flag = flags.get(service.pk)
        unmet = own_figures.get((service.pk, "total"), ZERO).unmet
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
                figures=figures,
                hromadas=hromadas,
                points=points,
                known=known,
            )
        )
        demands.append(demand)
    return CooperationPage(hromada, year, True, demands, agreements)


def _demanded(own: ServiceFigures, flags: dict[int, UnprovidableService]) -> list[Service]:
    unmet = {sid for (sid, sex), f in own.items() if sex == "total" and f.unmet > 0}
    services = Service.objects.filter(pk__in=unmet | set(flags)).order_by("code")
    return sorted(services, key=lambda s: (s.pk not in flags, s.code))


def suggestions(
    *,
    buyer: Territory,
    service: Service,
    demand: int,
    figures: dict[int, ServiceFigures],
    hromadas: dict[int, Territory],
    points: dict[int, Point],
    known: dict[tuple[int, int], Cooperation],
) -> list[Suggestion]:
    """Other hromadas with spare capacity in ``service``, nearest first (unknown last)."""
    origin = points.get(buyer.pk)
    found = []
    for seller_id, seller_figures in figures.items():
        if seller_id == buyer.pk:
            continue
        total = seller_figures.get((service.pk, "total"))
        if total is None or total.spare <= 0:
            continue
        target = points.get(seller_id)
        km = haversine_km(origin, target) if origin and target else None
        found.append(
            Suggestion(
                seller=hromadas[seller_id],
                km=km,
                spare=total.spare,
                volume=min(total.spare, demand),
                cooperation=known.get((seller_id, service.pk)),
            )
        )
    found.sort(key=lambda s: (s.km is None, s.km or 0.0, s.seller.sort_key))
    return found[:MAX_SUGGESTIONS]
