"""Models of the strategy app, split by concept: the document, the goals tree with its
plan, indicators, monitoring."""

from turbota.strategy.models.indicators import Indicator, IndicatorActual, IndicatorTarget
from turbota.strategy.models.monitoring import (
    ActualFunding,
    MeasureReport,
    MonitoringPeriod,
    PeriodTransition,
    RagSettings,
)
from turbota.strategy.models.strategy import (
    ScenarioNote,
    Strategy,
    StrategyTransition,
    SwotItem,
    WorkingGroupMember,
)
from turbota.strategy.models.tree import FundingSource, Node, NodeNeed, PlannedFunding

__all__ = [
    "ActualFunding",
    "FundingSource",
    "Indicator",
    "IndicatorActual",
    "IndicatorTarget",
    "MeasureReport",
    "MonitoringPeriod",
    "Node",
    "NodeNeed",
    "PeriodTransition",
    "PlannedFunding",
    "RagSettings",
    "ScenarioNote",
    "Strategy",
    "StrategyTransition",
    "SwotItem",
    "WorkingGroupMember",
]
