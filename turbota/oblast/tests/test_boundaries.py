"""Uploaded boundaries are checked before the map shows them."""

from __future__ import annotations

import json
from typing import Any

from turbota.oblast.boundaries import read_boundaries

SQUARE = [[35.0, 48.0], [35.1, 48.0], [35.1, 48.1], [35.0, 48.1], [35.0, 48.0]]


def _feature(geometry: dict[str, Any], **properties: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def _file(*features: dict[str, Any]) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


def test_polygons_and_multipolygons_are_kept_with_their_scalar_properties() -> None:
    found = read_boundaries(
        _file(
            _feature({"type": "Polygon", "coordinates": [SQUARE]}, name="Перша", code="UA1"),
            _feature(
                {"type": "MultiPolygon", "coordinates": [[SQUARE], [SQUARE]]},
                name="Друга",
                nested={"dropped": True},
            ),
        )
    )
    assert found.is_valid
    assert found.features == 2
    assert found.geojson is not None
    assert [f["properties"] for f in found.geojson["features"]] == [
        {"name": "Перша", "code": "UA1"},
        {"name": "Друга"},
    ]


def test_a_single_polygon_geometry_is_accepted_as_a_collection_of_one() -> None:
    found = read_boundaries(json.dumps({"type": "Polygon", "coordinates": [SQUARE]}).encode())
    assert found.is_valid
    assert found.geojson is not None
    assert found.geojson["type"] == "FeatureCollection"


def test_each_bad_contour_is_named_and_nothing_is_kept() -> None:
    open_ring = [*SQUARE[:-1], [35.05, 48.05]]
    in_metres = [[3896000.0, 6124000.0]] * 4
    found = read_boundaries(
        _file(
            _feature({"type": "Polygon", "coordinates": [SQUARE]}),
            _feature({"type": "Point", "coordinates": [35.0, 48.0]}),
            _feature({"type": "Polygon", "coordinates": [open_ring]}),
            _feature({"type": "Polygon", "coordinates": [in_metres]}),
            _feature({"type": "Polygon", "coordinates": [SQUARE[:3]]}),
            _feature({"type": "Polygon", "coordinates": [[["35", "48"]] * 4]}),
        )
    )
    assert not found.is_valid
    assert found.geojson is None
    assert [p.split(":")[0] for p in found.problems] == [
        "Контур № 2",
        "Контур № 3",
        "Контур № 4",
        "Контур № 5",
        "Контур № 6",
    ]
    assert "Polygon або MultiPolygon" in found.problems[0]
    assert "не замкнене" in found.problems[1]
    assert "поза межами України" in found.problems[2]
    assert "метри" in found.problems[2]
    assert "щонайменше з чотирьох" in found.problems[3]
    assert "парою чисел" in found.problems[4]


def test_a_file_above_the_size_limit_is_refused_before_it_is_read(settings: Any) -> None:
    settings.TURBOTA_BOUNDARIES_MAX_BYTES = 2000
    assert read_boundaries(b" " * 5000).problems == ["Файл завеликий: 5 КБ, дозволено до 2 КБ."]
    settings.TURBOTA_BOUNDARIES_MAX_BYTES = 10_000_000
    too_big = read_boundaries(b" " * 12_500_000).problems
    assert too_big == ["Файл завеликий: 12,5 МБ, дозволено до 10,0 МБ."]


def test_not_json_not_geojson_and_empty_files_are_refused() -> None:
    assert read_boundaries(b"{oops").problems[0].startswith("Це не JSON")
    assert read_boundaries(b"\xff\xfe").problems == [
        "Файл не в кодуванні UTF-8: збережіть GeoJSON як UTF-8."
    ]
    assert read_boundaries(b"[1, 2]").problems == [
        "Очікується GeoJSON: FeatureCollection з полігонами."
    ]
    assert read_boundaries(_file()).problems == ["У файлі немає жодного контуру."]
