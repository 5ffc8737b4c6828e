"""Reads of strategies, split by concept."""

from turbota.strategy.queries.budget import BudgetRow, budget_by_source, budget_by_year
from turbota.strategy.queries.consultation import StrategyConsultation, consultation_on
from turbota.strategy.queries.editing import (
    Removal,
    indicator_locked_periods,
    next_number,
    node_removal,
    subtree_ids,
)
from turbota.strategy.queries.needs import (
    MeasureLink,
    NeedLine,
    latest_study,
    measures_for_study,
    needs_of,
)
from turbota.strategy.queries.strategies import (
    TreeItem,
    consulted_drafts,
    hromadas_with_strategies_for,
    numbering_warnings,
    public_strategies,
    strategies_of,
    tree,
)
from turbota.strategy.queries.summaries import (
    StrategySummary,
    current_strategies,
    latest_approved_periods,
    summaries_for,
)

__all__ = [
    "BudgetRow",
    "MeasureLink",
    "NeedLine",
    "Removal",
    "StrategyConsultation",
    "StrategySummary",
    "TreeItem",
    "budget_by_source",
    "budget_by_year",
    "consultation_on",
    "consulted_drafts",
    "current_strategies",
    "hromadas_with_strategies_for",
    "indicator_locked_periods",
    "latest_approved_periods",
    "latest_study",
    "measures_for_study",
    "needs_of",
    "next_number",
    "node_removal",
    "numbering_warnings",
    "public_strategies",
    "strategies_of",
    "subtree_ids",
    "summaries_for",
    "tree",
]
