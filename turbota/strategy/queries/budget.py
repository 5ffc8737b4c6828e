"""Budget execution: planned against actual funding by year and by source, in thousands of
UAH, for the dashboard chart and the documents."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from turbota.strategy.enums import PeriodStatus
from turbota.strategy.models import (
    ActualFunding,
    FundingSource,
    MonitoringPeriod,
    PlannedFunding,
    Strategy,
)
from turbota.strategy.rollup import Deviation

UNSPLIT = "без розподілу за джерелами"


@dataclass(frozen=True)
class BudgetRow:
    label: str
    plan: Decimal
    fact: Decimal

    @property
    def deviation(self) -> Deviation:
        return Deviation(self.plan, self.fact)


def counted_periods(strategy: Strategy, *, approved_only: bool) -> list[int]:
    """The periods whose actual funding makes a year's fact: the annual period where the
    year has one, else its quarters (each quarter reports its own spending), so money
    reported both in a quarter and for the whole year is not counted twice."""
    periods = MonitoringPeriod.objects.filter(strategy=strategy)
    if approved_only:
        periods = periods.filter(status=PeriodStatus.APPROVED)
    rows = list(periods.values_list("pk", "year", "quarter"))
    annual = {year for _pk, year, quarter in rows if not quarter}
    return [pk for pk, year, quarter in rows if not quarter or year not in annual]


def budget_by_year(strategy: Strategy, *, approved_only: bool) -> list[BudgetRow]:
    """Every year of the strategy; a total the document did not split by year is a row
    of its own at the end."""
    plan: dict[int | None, Decimal] = defaultdict(Decimal)
    for row in (
        PlannedFunding.objects.filter(node__strategy=strategy)
        .values("year")
        .annotate(amount=Sum("amount"))
    ):
        plan[row["year"]] += row["amount"]
    fact: dict[int | None, Decimal] = defaultdict(Decimal)
    actual = ActualFunding.objects.filter(
        report__period__in=counted_periods(strategy, approved_only=approved_only)
    )
    for spent in actual.values("report__period__year").annotate(amount=Sum("amount")):
        fact[spent["report__period__year"]] += spent["amount"]
    rows = [BudgetRow(str(year), plan[year], fact[year]) for year in strategy.years]
    if plan.get(None):
        rows.append(BudgetRow("за весь період, без розподілу за роками", plan[None], Decimal(0)))
    return rows


def budget_by_source(strategy: Strategy, *, approved_only: bool) -> list[BudgetRow]:
    sources = {source.pk: source.name for source in FundingSource.objects.all()}
    plan: dict[int | None, Decimal] = defaultdict(Decimal)
    for row in (
        PlannedFunding.objects.filter(node__strategy=strategy)
        .values("source")
        .annotate(amount=Sum("amount"))
    ):
        plan[row["source"]] += row["amount"]
    fact: dict[int | None, Decimal] = defaultdict(Decimal)
    actual = ActualFunding.objects.filter(
        report__period__in=counted_periods(strategy, approved_only=approved_only)
    )
    for spent in actual.values("source").annotate(amount=Sum("amount")):
        fact[spent["source"]] += spent["amount"]
    keys = sorted(set(plan) | set(fact), key=lambda key: (key is None, key or 0))
    return [
        BudgetRow(sources.get(key, UNSPLIT) if key else UNSPLIT, plan[key], fact[key])
        for key in keys
    ]
