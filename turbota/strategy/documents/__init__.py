"""The strategy's documents — the strategy, the action plan, the monitoring report, the
indicator table — each an outline written by ``reports.documents`` as DOCX, PDF or XLSX."""

from __future__ import annotations

from turbota.reports.documents import FORMATS, write_document
from turbota.strategy.documents.indicators import actual_by_year, indicators_outline
from turbota.strategy.documents.monitoring import monitoring_outline
from turbota.strategy.documents.plan import action_plan_outline, strategy_outline
from turbota.strategy.models import MonitoringPeriod, Strategy

__all__ = [
    "FORMATS",
    "STRATEGY_DOCUMENTS",
    "action_plan_outline",
    "actual_by_year",
    "indicators_outline",
    "monitoring_document",
    "monitoring_outline",
    "strategy_document",
    "strategy_outline",
    "write_document",
]

STRATEGY_DOCUMENTS = {
    "strategy": "стратегія",
    "plan": "план заходів",
    "indicators": "індикатори: план і факт",
}


def strategy_document(strategy: Strategy, kind: str, fmt: str, *, approved_only: bool) -> bytes:
    if kind == "strategy":
        outline = strategy_outline(strategy)
    elif kind == "plan":
        outline = action_plan_outline(strategy)
    elif kind == "indicators":
        outline = indicators_outline(strategy, approved_only=approved_only)
    else:
        raise ValueError(f"unknown strategy document: {kind}")
    return write_document(outline, fmt)


def monitoring_document(period: MonitoringPeriod, fmt: str, *, approved_only: bool) -> bytes:
    return write_document(monitoring_outline(period, approved_only=approved_only), fmt)
