"""Counts of people by sex: the age pyramid and its trend, births and deaths, disability
groups and vulnerable groups. A hidden cell has no value: a small count shows as "<5", a
larger one hidden only so that it cannot give a small one back shows as "приховано"."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from turbota.catalog.models import AgeBand, VulnerableGroup
from turbota.core.disclosure import Cell, sex_row, single, threshold, withheld
from turbota.core.enums import Sex
from turbota.territories.enums import DisabilityGroup
from turbota.territories.models import (
    DisabilityCount,
    PopulationCount,
    Territory,
    VitalStatistics,
    VulnerableGroupCount,
)

CountModel = type[PopulationCount] | type[VulnerableGroupCount] | type[DisabilityCount]


@dataclass(frozen=True)
class SexRow:
    """A row of a women / men / total table, cells already suppressed if asked."""

    label: str
    female: Cell
    male: Cell
    total: Cell
    is_estimated: bool = False
    note: str = ""


def years_with_data(model: CountModel, hromada: Territory) -> list[int]:
    """Years with hromada-wide figures, latest first."""
    return list(
        model._default_manager.filter(hromada=hromada, territory=hromada)
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )


def _by_key_and_sex(
    model: CountModel, hromada: Territory, year: int, key: str
) -> tuple[dict[object, dict[str, int]], set[object]]:
    counts: dict[object, dict[str, int]] = defaultdict(dict)
    estimated: set[object] = set()
    rows = model._default_manager.filter(hromada=hromada, territory=hromada, year=year).values(
        key, "sex", "count", "is_estimated"
    )
    for row in rows:
        counts[row[key]][row["sex"]] = row["count"]
        if row["is_estimated"]:
            estimated.add(row[key])
    return counts, estimated


def grid_initial(model: CountModel, hromada: Territory, year: int, key: str) -> dict[str, object]:
    """Initial values of a women / men edit grid: ``female_<key>``, ``male_<key>``, …"""
    initial: dict[str, object] = {"year": year}
    rows = model._default_manager.filter(hromada=hromada, territory=hromada, year=year).values(
        key, "sex", "count", "is_estimated", "source"
    )
    for row in rows:
        initial[f"{row['sex']}_{row[key]}"] = row["count"]
        initial["is_estimated"] = initial.get("is_estimated") or row["is_estimated"]
        initial["source"] = initial.get("source") or row["source"]
    return initial


def _sex_row(
    label: str, counts: dict[str, int], *, estimated: bool, suppress: bool, note: str = ""
) -> SexRow:
    female, male, total = sex_row(counts.get(Sex.FEMALE), counts.get(Sex.MALE), suppress=suppress)
    return SexRow(label, female, male, total, is_estimated=estimated, note=note)


def population_pyramid(hromada: Territory, year: int | None, *, suppress: bool) -> list[SexRow]:
    """Women and men of the hromada by age band in ``year`` (youngest band first)."""
    if year is None:
        return []
    counts, estimated = _by_key_and_sex(PopulationCount, hromada, year, "age_band_id")
    return [
        _sex_row(band.label, counts[band.pk], estimated=band.pk in estimated, suppress=suppress)
        for band in AgeBand.objects.all()
        if band.pk in counts
    ]


@dataclass(frozen=True)
class TrendPoint:
    year: int
    female: Cell
    male: Cell
    total: Cell
    is_estimated: bool


def population_trend(hromada: Territory, *, suppress: bool) -> list[TrendPoint]:
    """Total women and men of the hromada by year, oldest first.

    For the public, a year whose age table hides a count is hidden whole: its totals minus
    the shown age bands would give the hidden count back."""
    rows = (
        PopulationCount.objects.filter(hromada=hromada, territory=hromada)
        .values("year")
        .annotate(
            female=Sum("count", filter=Q(sex=Sex.FEMALE)),
            male=Sum("count", filter=Q(sex=Sex.MALE)),
            estimated=Count("pk", filter=Q(is_estimated=True)),
            small=Count("pk", filter=Q(count__gt=0, count__lt=threshold())),
        )
        .order_by("year")
    )
    points = []
    for row in rows:
        female: Cell
        male: Cell
        total: Cell
        if suppress and row["small"]:
            female = male = total = withheld()
        else:
            female, male, total = sex_row(row["female"], row["male"], suppress=suppress)
        points.append(TrendPoint(row["year"], female, male, total, row["estimated"] > 0))
    return points


@dataclass(frozen=True)
class VitalRow:
    year: int
    births: Cell
    deaths: Cell
    natural_change: int | None
    is_estimated: bool


def vital_rows(hromada: Territory, *, suppress: bool) -> list[VitalRow]:
    rows = []
    for stats in VitalStatistics.objects.filter(hromada=hromada).order_by("year"):
        births = single(stats.births, suppress=suppress)
        deaths = single(stats.deaths, suppress=suppress)
        # A hidden count would come back as the difference: show it only when both show.
        change = None if births.hidden or deaths.hidden else stats.births - stats.deaths
        rows.append(VitalRow(stats.year, births, deaths, change, stats.is_estimated))
    return rows


def disability_table(hromada: Territory, year: int | None, *, suppress: bool) -> list[SexRow]:
    """People with disabilities by group (I, II, III, children) and sex in ``year``."""
    if year is None:
        return []
    counts, estimated = _by_key_and_sex(DisabilityCount, hromada, year, "group")
    return [
        _sex_row(
            group.label, counts[group.value], estimated=group.value in estimated, suppress=suppress
        )
        for group in DisabilityGroup
        if group.value in counts
    ]


def vulnerable_table(hromada: Territory, year: int | None, *, suppress: bool) -> list[SexRow]:
    """Table 1 of a strategy: vulnerable groups by sex in ``year``, in the catalogue's order."""
    if year is None:
        return []
    counts, estimated = _by_key_and_sex(VulnerableGroupCount, hromada, year, "group_id")
    return [
        _sex_row(
            group.name,
            counts[group.pk],
            estimated=group.pk in estimated,
            suppress=suppress,
            note=group.get_unit_display() if group.unit != "persons" else "",
        )
        for group in VulnerableGroup.objects.order_by("position", "name")
        if group.pk in counts
    ]


def pick_year(wanted: str | None, years: Iterable[int]) -> int | None:
    """The year asked for if there is data for it, else the latest year with data."""
    available = list(years)
    # isdecimal() alone would let "²" or "٣" through to int(), which refuses some of them.
    if wanted and wanted.isascii() and wanted.isdecimal() and int(wanted) in available:
        return int(wanted)
    return max(available, default=None)
