"""The needs table and the outlook as a reader may see them: hidden where a count
could point at people (``core.disclosure``)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from turbota.core.disclosure import Cell, sex_row, single, withheld
from turbota.needs.enums import Scenario
from turbota.needs.queries.outlook import FORECAST_YEARS, ServiceOutlook
from turbota.needs.queries.table import NeedRow


@dataclass(frozen=True)
class ShownRow:
    """A row as a reader sees it: cells hidden where a count could point at people."""

    row: NeedRow
    need: Cell
    served: Cell
    unmet: Cell
    coverage: Decimal | None


def shown_rows(rows: list[NeedRow], *, suppress: bool) -> list[ShownRow]:
    """Rows in threes (women, men, both) as ``needs_table`` makes them. Published, need,
    served and unmet are hidden as the profile's counts are (``core.disclosure``); unmet
    and coverage also go when served is hidden, since need minus unmet would give it back."""
    shown: list[ShownRow] = []
    for index in range(0, len(rows), 3):
        women, men, both = rows[index : index + 3]
        need = sex_row(women.need, men.need, suppress=suppress)
        served = sex_row(women.served, men.served, suppress=suppress)
        unmet = sex_row(women.unmet, men.unmet, suppress=suppress)
        for position, row in enumerate((women, men, both)):
            hide_rest = served[position].hidden or need[position].hidden
            shown.append(
                ShownRow(
                    row=row,
                    need=need[position],
                    served=served[position],
                    unmet=withheld()
                    if hide_rest and not unmet[position].hidden
                    else unmet[position],
                    coverage=None if hide_rest else row.coverage,
                )
            )
    return shown


@dataclass(frozen=True)
class ShownOutlook:
    outlook: ServiceOutlook
    served_before: list[Cell]
    need: Cell
    forecast: dict[str, list[int]] | None  # None when the need it starts from is hidden

    @property
    def forecast_cells(self) -> list[str]:
        """Every scenario's years in ``Scenario`` order, as the table's columns run."""
        if self.forecast is None:
            return ["приховано"] * (len(Scenario) * FORECAST_YEARS)
        return [str(n) for scenario in Scenario for n in self.forecast[scenario.value]]


def shown_outlook(items: list[ServiceOutlook], *, suppress: bool) -> list[ShownOutlook]:
    shown = []
    for item in items:
        need = single(item.need, suppress=suppress)
        shown.append(
            ShownOutlook(
                outlook=item,
                served_before=[single(n, suppress=suppress) for n in item.served_before],
                need=need,
                forecast=None if need.hidden else item.forecast,
            )
        )
    return shown
