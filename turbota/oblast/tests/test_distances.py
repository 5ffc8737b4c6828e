"""Distances on a sphere and the nearest of many points, against values known by hand."""

from __future__ import annotations

import math
import random

import pytest

from turbota.oblast.distances import (
    EARTH_RADIUS_KM,
    Point,
    Targets,
    centre,
    haversine_km,
)


def test_a_degree_of_latitude_is_the_radius_times_pi_over_180() -> None:
    km = haversine_km(Point(48.0, 35.0), Point(49.0, 35.0))
    assert km == pytest.approx(EARTH_RADIUS_KM * math.pi / 180, abs=1e-9)  # 111.195 km


def test_along_a_parallel_the_distance_is_2r_asin_of_cos_latitude_sin_half_the_longitude() -> None:
    # on the equator a degree of longitude is a degree of arc, as a degree of latitude is
    assert haversine_km(Point(0.0, 30.0), Point(0.0, 31.0)) == pytest.approx(
        EARTH_RADIUS_KM * math.pi / 180, abs=1e-9
    )
    # at 60° N the great circle between two points a degree apart: 2R·asin(½·sin 0.5°)
    expected = 2 * EARTH_RADIUS_KM * math.asin(0.5 * math.sin(math.radians(0.5)))
    assert haversine_km(Point(60.0, 30.0), Point(60.0, 31.0)) == pytest.approx(expected)
    assert expected == pytest.approx(55.60, abs=0.01)  # about half of 111.2 km


def test_the_distance_from_a_point_to_itself_is_zero_and_it_is_symmetric() -> None:
    a, b = Point(48.46, 35.04), Point(48.74, 37.58)
    assert haversine_km(a, a) == 0
    assert haversine_km(a, b) == pytest.approx(haversine_km(b, a))


def test_nearest_of_no_targets_is_none() -> None:
    assert Targets([]).nearest(Point(48.0, 35.0)) is None


def test_nearest_picks_the_closest_even_when_another_is_closer_in_latitude() -> None:
    targets = Targets(
        [
            ("east", Point(48.001, 36.0)),  # almost the same latitude, 74 km east
            ("north", Point(48.2, 35.0)),  # 22 km north
        ]
    )
    found = targets.nearest(Point(48.0, 35.0))
    assert found is not None
    assert found.key == "north"
    assert found.km == pytest.approx(0.2 * EARTH_RADIUS_KM * math.pi / 180, abs=1e-9)


def test_nearest_equals_a_brute_force_search_over_an_oblast_of_random_points() -> None:
    draw = random.Random(3)
    providers = [(n, Point(draw.uniform(47.5, 49.0), draw.uniform(33.5, 36.5))) for n in range(60)]
    targets = Targets(providers)
    for _ in range(300):
        origin = Point(draw.uniform(47.5, 49.0), draw.uniform(33.5, 36.5))
        found = targets.nearest(origin)
        best = min(haversine_km(origin, point) for _, point in providers)
        assert found is not None
        assert found.km == pytest.approx(best, abs=1e-9)


def test_centre_is_the_mean_of_the_points() -> None:
    assert centre([Point(48.0, 35.0), Point(48.2, 35.4)]) == Point(48.1, 35.2)
    assert centre([]) is None
