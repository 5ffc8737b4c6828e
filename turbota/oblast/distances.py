"""Distances on the Earth's surface, without a GIS (decision 0024: maps without PostGIS).

Great-circle distance by the haversine formula on a sphere of the mean Earth radius: within
an oblast it differs from the ellipsoid by well under 0.5 %, far below what a settlement's
single point (its centre) already rounds away. The nearest of many targets is found by
scanning targets sorted by latitude outwards from the point's own latitude and stopping
once a degree of latitude alone is farther than the best found — exact, and fast enough in
Python for every settlement of an oblast against every provider of a service.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)
KM_PER_DEGREE_LATITUDE = math.pi * EARTH_RADIUS_KM / 180


@dataclass(frozen=True, slots=True)
class Point:
    latitude: float
    longitude: float


def haversine_km(a: Point, b: Point) -> float:
    """Great-circle distance between two points, in kilometres."""
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    d_lat = lat2 - lat1
    d_lon = math.radians(b.longitude - a.longitude)
    h = math.sin(d_lat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(d_lon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class Nearest:
    key: Hashable
    km: float


class Targets:
    """Points to find the nearest of, each under a key (a provider, a hromada)."""

    def __init__(self, items: Sequence[tuple[Hashable, Point]]) -> None:
        ordered = sorted(items, key=lambda item: (item[1].latitude, item[1].longitude))
        self._items = ordered
        self._latitudes = [point.latitude for _, point in ordered]

    def __len__(self) -> int:
        return len(self._items)

    def nearest(self, origin: Point) -> Nearest | None:
        """The target nearest to ``origin`` (of equally near ones, the first reached), or None
        when there are no targets."""
        if not self._items:
            return None
        start = bisect.bisect_left(self._latitudes, origin.latitude)
        best: Nearest | None = None
        below, above = start - 1, start
        while below >= 0 or above < len(self._items):
            candidates = []
            if above < len(self._items):
                candidates.append(above)
            if below >= 0:
                candidates.append(below)
            index = min(candidates, key=lambda i: abs(self._latitudes[i] - origin.latitude))
            gap_km = abs(self._latitudes[index] - origin.latitude) * KM_PER_DEGREE_LATITUDE
            if best is not None and gap_km > best.km:
                break  # every remaining target is farther in latitude alone
            key, point = self._items[index]
            km = haversine_km(origin, point)
            if best is None or km < best.km:
                best = Nearest(key, km)
            if index == above:
                above += 1
            else:
                below -= 1
        return best


def centre(points: Sequence[Point]) -> Point | None:
    """The mean of ``points`` (an oblast spans a few degrees: no need for a spherical mean)."""
    if not points:
        return None
    return Point(
        sum(p.latitude for p in points) / len(points),
        sum(p.longitude for p in points) / len(points),
    )
