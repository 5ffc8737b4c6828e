"""Age bands of cross-tables for age asked in years: the bounds a survey names, the band of
each answer, and "до 18" only where someone is younger."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from turbota.surveys.age_bands import AgeBands, parse_bounds, validate_bounds


def test_no_bounds_means_18_35_and_60() -> None:
    assert parse_bounds("") == (18, 35, 60)
    assert AgeBands().bands() == [("18-34", "18–34"), ("35-59", "35–59"), ("60+", "60+")]


def test_bounds_may_be_separated_by_commas_spaces_or_semicolons() -> None:
    assert parse_bounds("16; 30 , 45 65") == (16, 30, 45, 65)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("18, сорок", "цілі числа"),
        ("18, 60, 35", "зростати"),
        ("18, 18", "зростати"),
        ("-1, 18", "від 0 до 150"),
    ],
)
def test_bounds_that_make_no_bands_are_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(ValidationError, match=reason):
        validate_bounds(text)


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (14, "<18"),
        (17, "<18"),
        (18, "18-34"),
        (34, "18-34"),
        (35, "35-59"),
        (59, "35-59"),
        (60, "60+"),
        (110, "60+"),
        ("45", "35-59"),  # as an imported file gives it
        (30.0, "18-34"),
        (None, ""),
        ("", ""),
        ("сорок", ""),
    ],
)
def test_each_answer_falls_in_its_band(value: object, band: str) -> None:
    assert AgeBands().key(value) == band


def test_a_band_of_one_year_is_named_by_that_year() -> None:
    bands = AgeBands((17, 18, 60))
    assert bands.bands() == [("17", "17"), ("18-59", "18–59"), ("60+", "60+")]
    assert bands.columns({"<17", "60+"})[0] == ("<17", "до 17")
    assert bands.columns({"60+"}) == bands.bands()


def test_an_unreadable_setting_falls_back_to_the_default_bands() -> None:
    assert AgeBands.of("60, 18") == AgeBands()
