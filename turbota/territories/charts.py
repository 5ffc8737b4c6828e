"""Data and text summaries for the profile's charts.

The data goes to the page through ``json_script`` and is drawn by static/js/profile-charts.js.
It is built from the same suppressed cells as the tables, so a hidden count is ``null`` in
the chart data too. Each summary is the chart's ``aria-label``; the table beside the chart
carries every value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from turbota.territories.queries import CommunityProfile


@dataclass(frozen=True)
class Chart:
    kind: str
    data: dict[str, Any]
    summary: str

    @property
    def element_id(self) -> str:
        return f"chart-data-{self.kind}"


def profile_charts(profile: CommunityProfile) -> dict[str, Chart]:
    """The charts the profile has data for, by name."""
    charts = {}
    if profile.pyramid:
        charts["pyramid"] = pyramid_chart(profile)
    if profile.trend:
        charts["trend"] = trend_chart(profile)
    if profile.vital:
        charts["vital"] = vital_chart(profile)
    return charts


def pyramid_chart(profile: CommunityProfile) -> Chart:
    rows = profile.pyramid
    data = {
        "labels": [row.label for row in rows],
        "female": [row.female.value for row in rows],
        "male": [row.male.value for row in rows],
    }
    largest = max(rows, key=lambda row: row.total.value or 0)
    summary = (
        f"Діаграма: жінки й чоловіки за віковими групами, {profile.population_year} рік. "
        f"Найбільша вікова група — {largest.label} років"
        + (f" ({largest.total} осіб)" if largest.total.value is not None else "")
        + ". Усі значення — у таблиці поруч."
    )
    return Chart("pyramid", data, summary)


def trend_chart(profile: CommunityProfile) -> Chart:
    points = profile.trend
    data = {
        "labels": [str(point.year) for point in points],
        "female": [point.female.value for point in points],
        "male": [point.male.value for point in points],
        "total": [point.total.value for point in points],
    }
    first, last = points[0], points[-1]
    summary = (
        f"Діаграма: чисельність населення з {first.year} по {last.year} рік, "
        f"від {first.total} до {last.total} осіб. Усі значення — у таблиці поруч."
    )
    return Chart("trend", data, summary)


def vital_chart(profile: CommunityProfile) -> Chart:
    rows = profile.vital
    data = {
        "labels": [str(row.year) for row in rows],
        "births": [row.births.value for row in rows],
        "deaths": [row.deaths.value for row in rows],
    }
    last = rows[-1]
    summary = (
        f"Діаграма: народжені й померлі за роками, {rows[0].year}–{last.year}. "
        f"У {last.year} році народилося {last.births}, померло {last.deaths}. "
        "Усі значення — у таблиці поруч."
    )
    return Chart("vital", data, summary)
