"""The settlements table and the headline figures of a profile, hidden where small."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from turbota.core.disclosure import Cell, is_small, single, withheld
from turbota.territories.models import HromadaProfile, SettlementProfile, Territory
from turbota.territories.queries.counts import TrendPoint
from turbota.territories.queries.hromadas import settlements_of

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class SettlementRow:
    settlement: Territory
    profile: SettlementProfile | None
    population: Cell
    share: Decimal | None  # of the population of all settlements, %


def settlement_rows(hromada: Territory, *, suppress: bool) -> list[SettlementRow]:
    settlements = list(settlements_of(hromada))
    profiles = [getattr(s, "settlement_profile", None) for s in settlements]
    total = sum((p.population or 0) for p in profiles if p is not None)
    hidden = _hidden_settlements(profiles) if suppress else set()
    return [
        SettlementRow(
            settlement=settlement,
            profile=profile,
            population=_settlement_cell(profile, index in hidden),
            share=_percent(profile.population, total) if profile and not suppress else None,
        )
        for index, (settlement, profile) in enumerate(zip(settlements, profiles, strict=True))
    ]


def _settlement_cell(profile: SettlementProfile | None, hide: bool) -> Cell:
    population = profile.population if profile else None
    if not hide:
        return Cell(population)
    return Cell(None, hidden=True) if is_small(population) else withheld()


def _hidden_settlements(profiles: list[SettlementProfile | None]) -> set[int]:
    """Positions of settlement populations to hide from the public: the small ones and, where
    one would stand alone, the next smallest of its urban or rural group (else of all) —
    otherwise the hromada's total, or its urban total, minus the shown ones gives it back."""
    populated = sorted(
        (p.population, index, p.is_urban)
        for index, p in enumerate(profiles)
        if p is not None and p.population
    )
    hidden = {index for population, index, _ in populated if is_small(population)}
    for group in ([row for row in populated if row[2] == urban] for urban in (True, False)):
        _hide_a_second(group, hidden)
    _hide_a_second(populated, hidden)
    return hidden


def _hide_a_second(group: list[tuple[int, int, bool]], hidden: set[int]) -> None:
    shown = [index for _, index, _ in group if index not in hidden]
    if len(group) - len(shown) == 1 and shown:
        hidden.add(shown[0])  # the smallest one still shown


def _percent(part: int | None, whole: int) -> Decimal | None:
    if part is None or not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class KeyFigures:
    population: Cell
    population_year: int | None
    urban_share: Decimal | None
    rural_share: Decimal | None
    share_hidden: bool  # small settlements would show through the share
    settlements: int
    profile: HromadaProfile | None


def key_figures(
    profile: HromadaProfile | None,
    rows: list[SettlementRow],
    trend: list[TrendPoint],
    *,
    suppress: bool,
) -> KeyFigures:
    """Headline figures from what the page has already read (no queries)."""
    populations = [
        (row.profile.population, row.profile.is_urban, row.profile.population_year)
        for row in rows
        if row.profile is not None and row.profile.population is not None
    ]
    total = sum(population for population, _, _ in populations)
    urban = sum(population for population, is_urban, _ in populations if is_urban)
    year = max((y for _, _, y in populations if y), default=None)
    population = single(total, suppress=suppress) if populations else None
    if population is None and trend:
        population, year = trend[-1].total, trend[-1].year
    share_hidden = _share_would_expose(rows)
    urban_share = None if share_hidden else _percent(urban, total)
    return KeyFigures(
        population=population or Cell(None),
        population_year=year,
        urban_share=urban_share,
        rural_share=HUNDRED - urban_share if urban_share is not None else None,
        share_hidden=share_hidden,
        settlements=sum(1 for row in rows if row.settlement.is_current),
        profile=profile,
    )


def _share_would_expose(rows: list[SettlementRow]) -> bool:
    """The urban share gives back the urban and the rural totals: hide it when either of
    them, minus the shown settlements, would leave a single hidden one."""
    for urban in (True, False):
        group = [row for row in rows if row.profile and row.profile.is_urban == urban]
        if sum(1 for row in group if row.population.hidden) == 1:
            return True
    return False
