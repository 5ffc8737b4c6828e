"""Reads of needs studies. The method in words is the docstring of ``queries.table``."""

from turbota.needs.queries.deadlines import (
    ComplianceRow,
    ShownCompliance,
    deadline_compliance,
    shown_compliance,
)
from turbota.needs.queries.outlook import (
    DEFAULT_EXTRA_CHANGE,
    FORECAST_YEARS,
    HISTORY_YEARS,
    ServiceOutlook,
    outlook,
    population_change,
    scenario_changes,
    scenarios_stamp,
)
from turbota.needs.queries.published import ShownOutlook, ShownRow, shown_outlook, shown_table
from turbota.needs.queries.studies import (
    hromadas_with_studies_for,
    published_studies,
    studies_of,
)
from turbota.needs.queries.table import (
    TOTAL,
    BasicServiceGap,
    NeedRow,
    NeedsTable,
    basic_services_gap,
    effective_rates,
    group_counts,
    needs_table,
    share_out,
    survey_shares,
    synthetic_recipients,
)

__all__ = [
    "DEFAULT_EXTRA_CHANGE",
    "FORECAST_YEARS",
    "HISTORY_YEARS",
    "TOTAL",
    "BasicServiceGap",
    "ComplianceRow",
    "NeedRow",
    "NeedsTable",
    "ServiceOutlook",
    "ShownCompliance",
    "ShownOutlook",
    "ShownRow",
    "basic_services_gap",
    "deadline_compliance",
    "effective_rates",
    "group_counts",
    "hromadas_with_studies_for",
    "needs_table",
    "outlook",
    "population_change",
    "published_studies",
    "scenario_changes",
    "scenarios_stamp",
    "share_out",
    "shown_compliance",
    "shown_outlook",
    "shown_table",
    "studies_of",
    "survey_shares",
    "synthetic_recipients",
]
