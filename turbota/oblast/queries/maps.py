"""The map's data in one JSON-ready mapping: points, per-settlement distances, the desert
layer of each basic service, boundaries, and each hromada's figures from the dashboard (the
same numbers the dashboard and the register show)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from turbota.accounts.permissions import AnyUser
from turbota.catalog.models import Service
from turbota.oblast.distances import Nearest
from turbota.oblast.models import BoundaryLayer
from turbota.oblast.queries.board import HromadaLine, OblastDashboard, dashboard
from turbota.oblast.queries.places import (
    NearestTable,
    OblastGeography,
    PlacedSettlement,
    deserts,
    geography,
    mapped_services,
    nearest_providers,
)
from turbota.oblast.queries.scope import SEXES
from turbota.territories.models import Territory


def default_desert_km() -> float:
    return float(settings.TURBOTA_SERVICE_DESERT_KM)


def tiles() -> dict[str, str] | None:
    """The background tile layer, only if an administrator set one (none by default)."""
    url = str(settings.TURBOTA_MAP_TILE_URL or "")
    if not url:
        return None
    return {"url": url, "attribution": str(settings.TURBOTA_MAP_TILE_ATTRIBUTION or "")}


@dataclass(frozen=True)
class ServiceDistances:
    """Every placed settlement's distance to the nearest provider of each basic service."""

    geo: OblastGeography
    basic: list[Service]
    nearest: NearestTable
    deserts: dict[int, list[PlacedSettlement]]  # basic service id → settlements
    km: float


def service_distances(*, oblast: Territory, year: int, km: float) -> ServiceDistances:
    """The distances and deserts alone, without the hromadas' needs figures."""
    geo = geography(oblast=oblast)
    basic = list(Service.objects.basic_on(datetime.date(year, 12, 31)).order_by("code"))
    nearest = nearest_providers(geo, basic)
    return ServiceDistances(geo, basic, nearest, deserts(geo, nearest, basic, km), km)


@dataclass(frozen=True)
class OblastMap:
    board: OblastDashboard
    geo: OblastGeography
    services: list[Service]  # with distances per settlement
    nearest: NearestTable
    deserts: dict[int, list[PlacedSettlement]]  # basic service id → settlements
    km: float


def oblast_map(*, user: AnyUser, oblast: Territory, year: int, km: float) -> OblastMap:
    board = dashboard(user=user, oblast=oblast, year=year)
    geo = geography(oblast=oblast)
    services = mapped_services(geo, board.basic)
    nearest = nearest_providers(geo, services)
    return OblastMap(
        board=board,
        geo=geo,
        services=services,
        nearest=nearest,
        deserts=deserts(geo, nearest, board.basic, km),
        km=km,
    )


def _km(nearest: Nearest | None) -> float | None:
    return None if nearest is None else round(nearest.km, 1)


def _hromada_feature(line: HromadaLine, found: OblastMap) -> dict[str, Any] | None:
    point = found.geo.hromada_points.get(line.hromada.pk)
    if point is None:
        return None
    unmet = None
    if line.study is not None:
        unmet = {
            service.code: {sex: line.needs[(service.pk, sex)].unmet for sex in SEXES}
            for service in found.board.services
            if (service.pk, "total") in line.needs and line.needs[(service.pk, "total")].need
        }
    return {
        "code": line.hromada.code,
        "name": line.hromada.display_name,
        "lat": point.latitude,
        "lon": point.longitude,
        "population": line.population,
        "providers": line.providers,
        "study_year": line.study.year if line.study else None,
        "basic_missing": [s.code for s in line.basic_missing],
        "unmet": unmet,  # None: no current study ("немає даних")
    }


def map_data(found: OblastMap, *, boundaries: BoundaryLayer | None) -> dict[str, Any]:
    hromadas = [feature for line in found.board.lines if (feature := _hromada_feature(line, found))]
    settlements = [
        {
            "code": item.settlement.code,
            "name": item.settlement.display_name,
            "lat": item.point.latitude,
            "lon": item.point.longitude,
            "population": item.population,
            "km": {
                service.code: _km(found.nearest[item.settlement.pk].get(service.pk))
                for service in found.services
            },
        }
        for item in found.geo.settlements
    ]
    codes = {item.settlement.pk: item.settlement.code for item in found.geo.settlements}
    return {
        "year": found.board.year,
        "km": found.km,
        "tiles": tiles(),
        "services": [
            {"code": s.code, "name": s.name, "basic": s in found.board.basic}
            for s in found.services
        ],
        "hromadas": hromadas,
        "settlements": settlements,
        "providers": _providers(found),
        "deserts": {
            service.code: [codes[item.settlement.pk] for item in found.deserts[service.pk]]
            for service in found.board.basic
        },
        "boundaries": boundaries.geojson if boundaries else None,
    }


def _providers(found: OblastMap) -> list[dict[str, Any]]:
    codes = {s.pk: s.code for s in found.board.services}
    by_place: dict[tuple[int, float, float], dict[str, Any]] = {}
    for sp in found.geo.service_points:
        key = (sp.provider_id, sp.point.latitude, sp.point.longitude)
        entry = by_place.setdefault(
            key,
            {
                "id": sp.provider_id,
                "name": sp.provider_name,
                "lat": sp.point.latitude,
                "lon": sp.point.longitude,
                "services": [],
            },
        )
        entry["services"].append(codes.get(sp.service_id, ""))
    return list(by_place.values())
