"""The needs table and the outlook as a reader may see them: hidden where a count could
point at people.

A published table adds up two ways: women + men = both, and the settlements = the hromada.
Hiding a small cell is not enough if the rest of its row or of its column gives it back, so
each service's block of cells is closed over both ways: while some row or column has
exactly one hidden cell, the smallest other cell of that line is hidden too (complementary
suppression). A cell hidden for being small shows "<5", one hidden only to protect another
shows "приховано" (``core.disclosure``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from turbota.core.disclosure import Cell, is_small, shown, single, withheld
from turbota.needs.enums import Scenario
from turbota.needs.queries.outlook import FORECAST_YEARS, ServiceOutlook
from turbota.needs.queries.table import TOTAL, NeedRow, NeedsTable

SEX_ORDER = ("female", "male", TOTAL)


@dataclass(frozen=True)
class ShownRow:
    """A row as a reader sees it: cells hidden where a count could point at people."""

    row: NeedRow
    need: Cell
    served: Cell
    unmet: Cell
    coverage: Decimal | None


Grid = dict[tuple[int, int], int]  # (place, sex) → value; the last place is the hromada


def close_hidden(values: Grid, hidden: set[tuple[int, int]], places: int) -> set[tuple[int, int]]:
    """``hidden`` grown until no row (a place's women, men, both) and no column (a sex's
    settlements and the hromada) has exactly one hidden cell."""
    lines = [[(p, s) for s in range(3)] for p in range(places)]
    lines += [[(p, s) for p in range(places)] for s in range(3)]
    hidden = set(hidden)
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(cell in hidden for cell in line) == 1:
                others = [cell for cell in line if cell not in hidden]
                if others:
                    hidden.add(min(others, key=lambda cell: (values[cell], cell)))
                    changed = True
    return hidden


def _cell(value: int, hide: bool) -> Cell:
    if not hide:
        return shown(value)
    return Cell(None, hidden=True) if is_small(value) else withheld()


def shown_table(table: NeedsTable, *, suppress: bool) -> list[ShownRow]:
    """Every row of ``table``, in its order, as a reader sees it."""
    block = (len(table.settlements) + 1) * 3
    result: list[ShownRow] = []
    for start in range(0, len(table.rows), block):
        result.extend(_shown_block(table.rows[start : start + block], suppress=suppress))
    return result


def _shown_block(rows: Sequence[NeedRow], *, suppress: bool) -> list[ShownRow]:
    """One service: its rows in threes (women, men, both) per settlement, then the hromada."""
    places = len(rows) // 3
    index = {(i // 3, i % 3): row for i, row in enumerate(rows)}
    need = {cell: row.need for cell, row in index.items()}
    served = {cell: row.served for cell, row in index.items()}
    unmet = {cell: row.unmet for cell, row in index.items()}
    hide_need: set[tuple[int, int]] = set()
    hide_served: set[tuple[int, int]] = set()
    hide_unmet: set[tuple[int, int]] = set()
    if suppress:
        hide_need = close_hidden(need, {c for c, v in need.items() if is_small(v)}, places)
        hide_served = close_hidden(served, {c for c, v in served.items() if is_small(v)}, places)
        # need − unmet = served: unmet goes wherever need or served is hidden
        small_unmet = {c for c, v in unmet.items() if is_small(v)}
        hide_unmet = close_hidden(unmet, small_unmet | hide_need | hide_served, places)
    return [
        ShownRow(
            row=row,
            need=_cell(row.need, cell in hide_need),
            served=_cell(row.served, cell in hide_served),
            unmet=_cell(row.unmet, cell in hide_unmet),
            coverage=None if cell in hide_need or cell in hide_served else row.coverage,
        )
        for cell, row in index.items()
    ]


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


def shown_outlook(
    items: list[ServiceOutlook], rows: list[ShownRow], *, suppress: bool
) -> list[ShownOutlook]:
    """The outlook as a reader sees it. The need is the hromada's both-sexes cell of the
    shown table (the same cell, hidden the same way), and a past year's recipients are
    hidden when a count of that year by settlement and sex was small (the total would give
    it back next to that year's own table)."""
    needs = {
        shown_row.row.service.pk: shown_row.need
        for shown_row in rows
        if shown_row.row.settlement is None and shown_row.row.sex == TOTAL
    }
    result = []
    for item in items:
        need = needs.get(item.service.pk, single(item.need, suppress=suppress))
        history = [
            withheld() if suppress and exposes else single(n, suppress=suppress)
            for n, exposes in zip(item.served_before, item.history_exposes, strict=True)
        ]
        result.append(
            ShownOutlook(
                outlook=item,
                served_before=history,
                need=need,
                forecast=None if need.hidden else item.forecast,
            )
        )
    return result
