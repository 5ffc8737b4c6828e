"""Settlement coordinates from CSV or GeoJSON: all or nothing, each bad row named,
re-importing changes nothing."""

from __future__ import annotations

import json
from decimal import Decimal

from conftest import World
from turbota.oblast.imports import plan_coordinates
from turbota.territories.models import SettlementProfile
from turbota.territories.tests.factories import make_settlement_profile


def _csv(*lines: str) -> bytes:
    return "\n".join(lines).encode()


def _points(world: World, *features: tuple[str, float, float]) -> bytes:
    return json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"code": code, "name": "ignored"},
                    "geometry": {"type": "Point", "coordinates": [lon, lat]},
                }
                for code, lat, lon in features
            ],
        }
    ).encode()


def _coordinates(world: World) -> dict[str, tuple[Decimal | None, Decimal | None]]:
    return {
        p.settlement.name: (p.latitude, p.longitude)
        for p in SettlementProfile.objects.filter(hromada__oblast=world.oblast_a).select_related(
            "settlement"
        )
    }


def test_a_csv_with_semicolons_and_decimal_commas_places_settlements(world: World) -> None:
    make_settlement_profile(world.city_a, population=3000)
    data = _csv(
        "Код;Назва;Широта;Довгота",
        f"{world.city_a.code};Першанськ;48,464700;35,046200",
        f"{world.village_a.code};Лугове;48.5;35.1",
    )
    plan = plan_coordinates(data, filename="points.csv", oblast=world.oblast_a)
    assert plan.problems == []
    assert plan.counts() == {"create": 1, "update": 1, "unchanged": 0}
    assert plan.write is not None
    plan.write()
    assert _coordinates(world) == {
        "Першанськ": (Decimal("48.464700"), Decimal("35.046200")),
        "Лугове": (Decimal("48.500000"), Decimal("35.100000")),
    }
    # the population of the existing profile is untouched; the new one is a village
    assert SettlementProfile.objects.get(settlement=world.city_a).population == 3000
    assert SettlementProfile.objects.get(settlement=world.village_a).is_urban is False


def test_reimporting_the_same_file_changes_nothing(world: World) -> None:
    data = _points(world, (world.city_a.code, 48.4647, 35.0462))
    first = plan_coordinates(data, filename="points.geojson", oblast=world.oblast_a)
    assert first.write is not None
    first.write()
    again = plan_coordinates(data, filename="points.geojson", oblast=world.oblast_a)
    assert again.counts() == {"create": 0, "update": 0, "unchanged": 1}


def test_a_file_with_any_bad_row_writes_nothing_and_names_each_problem(world: World) -> None:
    data = _csv(
        "code,latitude,longitude",
        f"{world.city_a.code},48.46,35.04",  # good, but not written
        f"{world.village_b.code},48.1,35.0",  # another oblast
        f"{world.hromada_a.code},48.1,35.0",  # a hromada, not a settlement
        f"{world.village_a.code},60.0,35.0",  # outside Ukraine
        f"{world.village_a.code},48.0,east",  # not a number (and the code again)
        ",48.0,35.0",
    )
    plan = plan_coordinates(data, filename="points.csv", oblast=world.oblast_a)
    assert not plan.is_valid
    assert [(p.row, p.message.split(":")[0].split(" (")[0]) for p in plan.problems] == [
        (3, "такого коду немає серед територій цієї області"),
        (4, "це громада"),
        (5, "широта 60.0 поза межами України"),
        (6, "код уже був"),
        (7, "не вказано код КАТОТТГ"),
    ]
    assert SettlementProfile.objects.count() == 0


def test_geojson_problems_name_the_feature(world: World) -> None:
    data = json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon"}},
                {
                    "type": "Feature",
                    "properties": {"код": world.city_a.code},
                    "geometry": {"type": "Point", "coordinates": [135.0, 48.0]},
                },
            ],
        }
    ).encode()
    plan = plan_coordinates(data, filename="x.geojson", oblast=world.oblast_a)
    assert [str(p) for p in plan.problems] == [
        "об'єкт № 1: очікується точка (Point)",
        "об'єкт № 2: довгота 135.0 поза межами України (22–40.5); потрібні градуси WGS 84 "
        f"(значення: «{world.city_a.code}»)",
    ]


def test_files_that_are_not_what_they_claim_are_refused_without_a_crash(world: World) -> None:
    for data, name in [
        (b"", "empty.csv"),
        (b"\x00\xff\xfe garbage", "bad.csv"),
        (b"{not json", "bad.geojson"),
        (b'{"type": "Feature"}', "one.geojson"),
        (b"name,x,y\nA,1,2", "headers.csv"),
    ]:
        plan = plan_coordinates(data, filename=name, oblast=world.oblast_a)
        assert plan.problems, name
        assert not plan.is_valid


def test_a_csv_cell_too_long_to_read_is_a_problem_not_a_crash(world: World) -> None:
    data = _csv("code,latitude,longitude", '"' + "x" * 200_000 + '",48,35')
    plan = plan_coordinates(data, filename="long.csv", oblast=world.oblast_a)
    assert plan.problems[0].message.startswith("не вдалося прочитати CSV")
