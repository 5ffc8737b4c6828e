"""The whole community profile as the profile page shows it."""

from __future__ import annotations

from dataclasses import dataclass

from turbota.territories.models import (
    DisabilityCount,
    HromadaProfile,
    PopulationCount,
    Territory,
    VulnerableGroupCount,
)
from turbota.territories.queries.counts import (
    SexRow,
    TrendPoint,
    VitalRow,
    disability_table,
    pick_year,
    population_pyramid,
    population_trend,
    vital_rows,
    vulnerable_table,
    years_with_data,
)
from turbota.territories.queries.settlements import (
    KeyFigures,
    SettlementRow,
    key_figures,
    settlement_rows,
)


def profile_of(hromada: Territory) -> HromadaProfile | None:
    return (
        HromadaProfile.objects.select_related("administrative_centre")
        .filter(hromada=hromada)
        .first()
    )


@dataclass(frozen=True)
class CommunityProfile:
    """Everything the profile page shows, read in a fixed number of queries."""

    hromada: Territory
    profile: HromadaProfile | None
    suppress: bool
    figures: KeyFigures
    settlements: list[SettlementRow]
    population_years: list[int]
    population_year: int | None
    pyramid: list[SexRow]
    trend: list[TrendPoint]
    vital: list[VitalRow]
    disability_years: list[int]
    disability_year: int | None
    disability: list[SexRow]
    vulnerable_years: list[int]
    vulnerable_year: int | None
    vulnerable: list[SexRow]

    @property
    def disclosure(self) -> str:
        """ "full" for exact figures, "published" when small counts are hidden."""
        return "published" if self.suppress else "full"

    @property
    def population_caption(self) -> str:
        return f"Населення за віковими групами і статтю на 1 січня {self.population_year} року"

    @property
    def disability_caption(self) -> str:
        return f"Особи з інвалідністю за групами і статтю, {self.disability_year} рік"

    @property
    def vulnerable_caption(self) -> str:
        return f"Таблиця 1. Кількість населення з числа вразливих груп, {self.vulnerable_year} рік"

    @property
    def has_estimates(self) -> bool:
        rows: list[SexRow] = self.pyramid + self.disability + self.vulnerable
        return (
            any(row.is_estimated for row in rows)
            or any(point.is_estimated for point in self.trend)
            or any(row.is_estimated for row in self.vital)
            or any(r.profile is not None and r.profile.is_estimated for r in self.settlements)
        )


def community_profile(
    *,
    hromada: Territory,
    suppress: bool,
    population_year: str | None = None,
    disability_year: str | None = None,
    vulnerable_year: str | None = None,
) -> CommunityProfile:
    """The profile of ``hromada``; each ``*_year`` is the year asked for (latest if none)."""
    profile = profile_of(hromada)
    settlements = settlement_rows(hromada, suppress=suppress)
    trend = population_trend(hromada, suppress=suppress)
    pop_years = years_with_data(PopulationCount, hromada)
    dis_years = years_with_data(DisabilityCount, hromada)
    vul_years = years_with_data(VulnerableGroupCount, hromada)
    pop_year = pick_year(population_year, pop_years)
    dis_year = pick_year(disability_year, dis_years)
    vul_year = pick_year(vulnerable_year, vul_years)
    return CommunityProfile(
        hromada=hromada,
        profile=profile,
        suppress=suppress,
        figures=key_figures(profile, settlements, trend, suppress=suppress),
        settlements=settlements,
        population_years=pop_years,
        population_year=pop_year,
        pyramid=population_pyramid(hromada, pop_year, suppress=suppress),
        trend=trend,
        vital=vital_rows(hromada, suppress=suppress),
        disability_years=dis_years,
        disability_year=dis_year,
        disability=disability_table(hromada, dis_year, suppress=suppress),
        vulnerable_years=vul_years,
        vulnerable_year=vul_year,
        vulnerable=vulnerable_table(hromada, vul_year, suppress=suppress),
    )
