"""The survey statistics against values computed by hand (z = 1,96)."""

from __future__ import annotations

import pytest

from turbota.surveys.statistics import (
    finite_population_correction,
    margin_of_error,
    population_for_margin,
    sample_for_margin,
    wilson,
)


def test_wilson_interval_of_120_of_234() -> None:
    # p = 0,512821; centre = (p + z²/2n)/(1 + z²/n) = 0,521029/1,016417 = 0,512613;
    # half = z·√(p(1−p)/n + z²/4n²)/(1 + z²/n) = 1,96·0,0329428/1,016417 = 0,063525
    interval = wilson(120, 234)
    assert interval is not None
    assert interval.low == pytest.approx(0.44909, abs=1e-5)
    assert interval.high == pytest.approx(0.57614, abs=1e-5)


def test_wilson_interval_stays_inside_0_and_1_at_the_edges() -> None:
    # 0 of 10: centre = half = 0,19208/1,38416 = 0,13877
    none = wilson(0, 10)
    assert none is not None
    assert none.low == 0
    assert none.high == pytest.approx(0.27754, abs=1e-5)
    everyone = wilson(5, 5)
    assert everyone is not None
    assert everyone.high == 1
    assert everyone.low == pytest.approx(0.56551, abs=1e-5)


def test_wilson_interval_needs_someone_asked() -> None:
    assert wilson(0, 0) is None


def test_the_margin_of_error_of_234_respondents_is_6_41_percent() -> None:
    # 1,96 · √(0,25/234) = 1,96 · 0,0326860
    assert margin_of_error(234) == pytest.approx(0.0640646, abs=1e-6)


def test_the_finite_population_correction_lowers_the_margin() -> None:
    # N = 1000: √((1000 − 234)/(1000 − 1)) = √0,766767 = 0,875652
    assert finite_population_correction(234, 1000) == pytest.approx(0.875652, abs=1e-6)
    assert margin_of_error(234, 1000) == pytest.approx(0.0560983, abs=1e-6)
    assert finite_population_correction(234, None) == 1
    assert margin_of_error(234, 234) == 0  # everyone was asked


def test_no_population_makes_234_respondents_err_by_7_percent() -> None:
    # The correction only lowers the error below 6,41 %: seed 004's "7 %" holds for
    # every N, and is exactly true for none.
    assert population_for_margin(234, 0.07) is None


def test_the_population_for_a_margin_below_the_plain_one() -> None:
    # r = (0,06/0,0640646)² = 0,877135; N = (234 − r)/(1 − r) = 1897,4
    assert population_for_margin(234, 0.06) == pytest.approx(1897.38, abs=0.01)
    assert margin_of_error(234, 1897) == pytest.approx(0.06, abs=1e-4)


def test_the_sample_needed_for_a_margin_of_7_percent() -> None:
    # n₀ = 1,96²·0,25/0,07² = 196; with N = 1000: 196/(1 + 195/1000) = 164,0
    assert sample_for_margin(0.07) == pytest.approx(196.0)
    assert sample_for_margin(0.07, 1000) == pytest.approx(164.02, abs=0.01)
