"""Past recipients next to the need of the study year and its forecast by scenario."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from turbota.catalog.models import Service
from turbota.core.disclosure import is_small
from turbota.needs.enums import Scenario
from turbota.needs.models import NeedsStudy, ScenarioAssumption
from turbota.needs.queries.table import (
    TOTAL,
    NeedsTable,
    people_by,
    round_half_up,
    served_episodes,
)
from turbota.territories.models import (
    PopulationCount,
)

FORECAST_YEARS = 3
HISTORY_YEARS = 2
# Used until the working group sets its own (see ``ScenarioAssumption``).
DEFAULT_EXTRA_CHANGE = {
    Scenario.INERTIAL: Decimal(0),
    Scenario.REALISTIC: Decimal(2),
    Scenario.MODERNISATION: Decimal(5),
}


def population_change(hromada_id: int) -> Decimal:
    """Average yearly change of the hromada's population (a factor, 1 = no change), from the
    first to the last year of its age-by-sex counts; 1 when fewer than two years."""
    totals = list(
        PopulationCount.objects.filter(hromada_id=hromada_id, territory_id=hromada_id)
        .values("year")
        .annotate(total=Sum("count"))
        .order_by("year")
        .values_list("year", "total")
    )
    if len(totals) < 2 or not totals[0][1]:
        return Decimal(1)
    (first_year, first), (last_year, last) = totals[0], totals[-1]
    ratio = float(last) / float(first)
    return Decimal(str(round(ratio ** (1 / (last_year - first_year)), 6)))


def scenarios_stamp(study: NeedsStudy) -> str:
    """What the scenarios form was opened with: each stored assumption and its version."""
    rows = ScenarioAssumption.objects.filter(study=study).order_by("scenario")
    return ",".join(f"{row.scenario}:{row.version}" for row in rows)


def scenario_changes(study: NeedsStudy) -> dict[str, Decimal]:
    """Scenario → extra yearly change of need in percent (the study's, else the default)."""
    changes = {scenario.value: change for scenario, change in DEFAULT_EXTRA_CHANGE.items()}
    for assumption in ScenarioAssumption.objects.filter(study=study):
        changes[assumption.scenario] = assumption.extra_change_percent
    return changes


@dataclass(frozen=True)
class ServiceOutlook:
    """Seed 001's table: recipients in past years next to the need now and ahead."""

    service: Service
    served_before: list[int]  # HISTORY_YEARS years before the study year, oldest first
    need: int
    forecast: dict[str, list[int]]  # scenario → need in each of the next years
    history_exposes: list[bool]  # a year with a small count by settlement and sex


def outlook(*, study: NeedsStudy, table: NeedsTable) -> list[ServiceOutlook]:
    """For services with a need or recipients: distinct recipients in the past years, the
    need of the study year, and the need forecast for each scenario: need × (population
    change × (1 + extra change))^k for the k-th year ahead, rounded half up."""
    past_years = list(range(study.year - HISTORY_YEARS, study.year))
    served, exposed = _served_by_year(study, past_years)
    growth = population_change(study.hromada_id)
    changes = scenario_changes(study)
    result = []
    for row in table.hromada_rows():
        history = [served.get((row.service.pk, year), 0) for year in past_years]
        if row.sex != TOTAL or not (row.need or any(history)):
            continue
        forecast = {
            scenario: [
                round_half_up(row.need * (growth * (1 + change / 100)) ** k)
                for k in range(1, FORECAST_YEARS + 1)
            ]
            for scenario, change in changes.items()
        }
        exposes = [(row.service.pk, year) in exposed for year in past_years]
        result.append(ServiceOutlook(row.service, history, row.need, forecast, exposes))
    return result


def _served_by_year(
    study: NeedsStudy, years: list[int]
) -> tuple[dict[tuple[int, int], int], set[tuple[int, int]]]:
    """(service, year) → distinct people served, and the (service, year) pairs where some
    settlement-and-sex count was small."""
    found: dict[tuple[int, int], int] = {}
    exposed: set[tuple[int, int]] = set()
    for year in years:
        episodes = served_episodes(year, [study.hromada_id])
        for (service_id,), people in people_by(episodes, "service_id").items():
            found[(service_id, year)] = people
        cells = people_by(episodes, "service_id", "person__settlement_id", "person__sex")
        for (service_id, _, _), people in cells.items():
            if is_small(people):
                exposed.add((service_id, year))
    return found, exposed
