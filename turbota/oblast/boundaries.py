"""Boundaries the user uploads for the map, checked before they are kept.

The codifier has no geometry and Turbota runs no GIS, so boundaries come from a GeoJSON
file (exported from QGIS, OpenStreetMap, the oblast's own GIS): a FeatureCollection (or a
single Feature or geometry) of Polygons and MultiPolygons in WGS 84 degrees. The file is
refused above the size limit (``TURBOTA_BOUNDARIES_MAX_BYTES``), when it is not JSON, when
a geometry is not a polygon, when a ring has fewer than four positions or is not closed,
or when a position lies outside Ukraine's extent (a projected file, in metres, fails
there). Only scalar properties (name, code…) are kept.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

LATITUDES = (44.0, 52.5)
LONGITUDES = (22.0, 40.5)
MAX_FEATURES = 10_000
MAX_PROBLEMS = 50
POLYGONS = ("Polygon", "MultiPolygon")


@dataclass
class Boundaries:
    geojson: dict[str, Any] | None = None
    features: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return self.geojson is not None and not self.problems


def max_bytes() -> int:
    return int(settings.TURBOTA_BOUNDARIES_MAX_BYTES)


def read_boundaries(data: bytes) -> Boundaries:
    """The checked FeatureCollection, or the problems (at most fifty) that refuse it."""
    limit = max_bytes()
    if len(data) > limit:
        return Boundaries(
            problems=[f"Файл завеликий: {_size(len(data))}, дозволено до {_size(limit)}."]
        )
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return Boundaries(problems=["Файл не в кодуванні UTF-8: збережіть GeoJSON як UTF-8."])
    except json.JSONDecodeError as error:
        return Boundaries(problems=[f"Це не JSON: {error.msg} (рядок {error.lineno})."])
    features = _features(document)
    if features is None:
        return Boundaries(problems=["Очікується GeoJSON: FeatureCollection з полігонами."])
    if not features:
        return Boundaries(problems=["У файлі немає жодного контуру."])
    if len(features) > MAX_FEATURES:
        return Boundaries(problems=[f"Забагато контурів: до {MAX_FEATURES}."])
    result = Boundaries(features=len(features))
    kept = []
    for number, feature in enumerate(features, start=1):
        problem = _feature_problem(feature)
        if problem:
            result.problems.append(f"Контур № {number}: {problem}")
            if len(result.problems) >= MAX_PROBLEMS:
                result.problems.append("Далі не перевіряли: виправте ці помилки.")
                break
            continue
        kept.append(
            {
                "type": "Feature",
                "properties": _scalars(feature.get("properties")),
                "geometry": feature["geometry"],
            }
        )
    if not result.problems:
        result.geojson = {"type": "FeatureCollection", "features": kept}
    return result


def _size(size: int) -> str:
    if size < 1_000_000:
        return f"{size // 1000} КБ"
    return f"{size / 1_000_000:.1f} МБ".replace(".", ",")


def _features(document: Any) -> list[Any] | None:
    if not isinstance(document, dict):
        return None
    kind = document.get("type")
    if kind == "FeatureCollection":
        features = document.get("features")
        return features if isinstance(features, list) else None
    if kind == "Feature":
        return [document]
    if kind in POLYGONS:
        return [{"type": "Feature", "properties": {}, "geometry": document}]
    return None


def _feature_problem(feature: Any) -> str:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return "це не об'єкт GeoJSON (Feature)"
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict) or geometry.get("type") not in POLYGONS:
        return "очікується полігон (Polygon або MultiPolygon)"
    coordinates = geometry.get("coordinates")
    polygons = [coordinates] if geometry["type"] == "Polygon" else coordinates
    if not isinstance(polygons, list) or not polygons:
        return "немає координат"
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            return "немає координат"
        for ring in polygon:
            problem = _ring_problem(ring)
            if problem:
                return problem
    return ""


def _ring_problem(ring: Any) -> str:
    if not isinstance(ring, list) or len(ring) < 4:
        return "контур має бути замкненим кільцем щонайменше з чотирьох точок"
    for position in ring:
        if (
            not isinstance(position, list)
            or len(position) < 2
            or not all(_number(v) for v in position[:2])
        ):
            return "точка контуру має бути парою чисел [довгота, широта]"
        longitude, latitude = position[0], position[1]
        if not (
            LONGITUDES[0] <= longitude <= LONGITUDES[1] and LATITUDES[0] <= latitude <= LATITUDES[1]
        ):
            return (
                f"точка [{longitude}, {latitude}] поза межами України — потрібні градуси "
                "WGS 84 (EPSG:4326), а не метри"
            )
    if ring[0][:2] != ring[-1][:2]:
        return "кільце не замкнене: остання точка має збігатися з першою"
    return ""


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _scalars(properties: Any) -> dict[str, Any]:
    if not isinstance(properties, dict):
        return {}
    return {
        str(key): value
        for key, value in properties.items()
        if isinstance(value, str | int | float | bool) or value is None
    }
