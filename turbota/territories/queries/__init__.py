"""Reads of the territories app: which hromadas a user sees, and the figures of one.

Every function that returns counts of people takes ``suppress``: true when the reader may
not see the full profile, so that small counts come back hidden (``core.disclosure``) in
tables and chart data alike. Each function runs a fixed number of queries.
"""

from turbota.territories.queries.counts import (
    CountModel,
    SexRow,
    TrendPoint,
    VitalRow,
    disability_table,
    grid_initial,
    pick_year,
    population_pyramid,
    population_trend,
    vital_rows,
    vulnerable_table,
    years_with_data,
)
from turbota.territories.queries.hromadas import (
    HromadaCard,
    hromada_cards,
    hromadas_visible_to,
    parent_chain,
    search_territories,
    settlements_of,
)
from turbota.territories.queries.profile import CommunityProfile, community_profile, profile_of
from turbota.territories.queries.settlements import (
    KeyFigures,
    SettlementRow,
    key_figures,
    settlement_rows,
)

__all__ = [
    "CommunityProfile",
    "CountModel",
    "HromadaCard",
    "KeyFigures",
    "SettlementRow",
    "SexRow",
    "TrendPoint",
    "VitalRow",
    "community_profile",
    "disability_table",
    "grid_initial",
    "hromada_cards",
    "hromadas_visible_to",
    "key_figures",
    "parent_chain",
    "pick_year",
    "population_pyramid",
    "population_trend",
    "profile_of",
    "search_territories",
    "settlement_rows",
    "settlements_of",
    "vital_rows",
    "vulnerable_table",
    "years_with_data",
]
