"""The contract the oblast dashboard calls: each hromada's current strategy and the colour
of its latest approved monitoring period, in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from turbota.strategy import rollup
from turbota.strategy.enums import IN_FORCE, PeriodStatus, Rag, StrategyStatus
from turbota.strategy.models import MonitoringPeriod, Strategy

NO_RAG = "немає затвердженого моніторингу"


@dataclass(frozen=True)
class StrategySummary:
    strategy_id: int
    title: str
    period: str  # "2021-2026"
    status: str  # a StrategyStatus value
    status_label: str
    is_published: bool
    rag: str | None  # "green" | "amber" | "red"
    rag_label: str
    monitoring_period: str | None  # "2021 рік", "I квартал 2022 року"


def current_strategies(hromada_ids: Collection[int]) -> dict[int, Strategy]:
    """Per hromada: the latest edition in force, else the latest edition (one query)."""
    found: dict[int, Strategy] = {}
    ordered = Strategy.objects.filter(hromada_id__in=list(hromada_ids)).order_by(
        "hromada_id", "-period_start", "-edition"
    )
    for strategy in ordered:
        best = found.get(strategy.hromada_id)
        if best is None or (strategy.status in IN_FORCE and best.status not in IN_FORCE):
            found[strategy.hromada_id] = strategy
    return found


def latest_approved_periods(strategy_ids: Collection[int]) -> dict[int, MonitoringPeriod]:
    latest: dict[int, MonitoringPeriod] = {}
    periods = MonitoringPeriod.objects.filter(
        strategy_id__in=list(strategy_ids), status=PeriodStatus.APPROVED
    ).order_by("strategy_id", "year", "quarter")
    for period in periods:
        current = latest.get(period.strategy_id)
        if current is None or _later(period, current):
            latest[period.strategy_id] = period
    return latest


def _later(period: MonitoringPeriod, than: MonitoringPeriod) -> bool:
    # an annual report closes its year, so it comes after the year's quarters
    return (period.year, period.quarter or 5) > (than.year, than.quarter or 5)


def summaries_for(*, hromada_ids: Collection[int]) -> dict[int, StrategySummary]:
    strategies = current_strategies(hromada_ids)
    periods = latest_approved_periods([s.pk for s in strategies.values()])
    loaded = rollup.load(list(periods.values())) if periods else None
    result: dict[int, StrategySummary] = {}
    for hromada_id, strategy in strategies.items():
        period = periods.get(strategy.pk)
        rag = rollup.compute(loaded, period, approved_only=True).rag if loaded and period else None
        result[hromada_id] = StrategySummary(
            strategy_id=strategy.pk,
            title=strategy.title,
            period=strategy.period,
            status=strategy.status,
            status_label=StrategyStatus(strategy.status).label,
            is_published=strategy.is_published,
            rag=rag.value if rag else None,
            rag_label=Rag(rag).label if rag else NO_RAG,
            monitoring_period=period.label if period else None,
        )
    return result
