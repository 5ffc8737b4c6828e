"""Published results hide small counts (1 to 4, ``core.disclosure``) and whatever would
give them back.

A select-one question's counts add up to the number who answered it, so one hidden count
could be recovered by subtraction; a cross-table adds up along its rows and its columns.
Each such sum (its parts and its total) must show no hidden cell or at least two: while one
has exactly one, its smallest other shown cell is hidden too. A share, an interval and a
chart bar are shown only where their count and its base are. The cross-table's row totals
are the question's own counts, so they start hidden where the question's table hides them.
Numbers keep their count, mean and median but not their extremes (the oldest respondent is
one person); dates and texts show only how many answered.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from turbota.core.disclosure import Cell, is_small, shown, suppressed_label, withheld
from turbota.surveys.analysis import ChoiceRow, CrossTab, Frequencies, Summary
from turbota.surveys.statistics import Interval


def close_hidden(
    values: dict[Hashable, int], sums: Sequence[Sequence[Hashable]], hidden: set[Hashable]
) -> set[Hashable]:
    """``hidden`` grown until no sum has exactly one hidden member."""
    hidden = set(hidden)
    changed = True
    while changed:
        changed = False
        for members in sums:
            inside = [key for key in members if key in hidden]
            if len(inside) != 1:
                continue
            others = [key for key in members if key not in hidden]
            if not others:
                continue
            # the smallest that says something (a non-zero), else any
            pick = min(others, key=lambda key: (values[key] == 0, values[key]))
            hidden.add(pick)
            changed = True
    return hidden


def _cell(value: int, key: Hashable, hidden: set[Hashable]) -> Cell:
    if key not in hidden:
        return shown(value)
    return Cell(None, hidden=True) if is_small(value) else withheld()


def percent(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.1f}".replace(".", ",")


def interval_text(interval: Interval | None) -> str:
    if interval is None:
        return ""
    return f"{percent(interval.low)}–{percent(interval.high)}"


@dataclass(frozen=True)
class ShownChoice:
    row: ChoiceRow
    count: Cell
    share: str
    interval: str
    share_value: float | None  # for the chart; None when hidden


@dataclass(frozen=True)
class ShownFrequencies:
    result: Frequencies
    answered: Cell
    rows: list[ShownChoice]

    @property
    def hidden_names(self) -> set[str]:
        return {item.row.name for item in self.rows if item.count.hidden}


def shown_frequencies(result: Frequencies, *, suppress: bool) -> ShownFrequencies:
    values: dict[Hashable, int] = {row.name: row.count for row in result.rows}
    values["__answered__"] = result.answered
    hidden: set[Hashable] = set()
    if suppress:
        hidden = {key for key, value in values.items() if is_small(value)}
        if "__answered__" in hidden:
            hidden |= set(values)
        elif not result.multiple:
            hidden = close_hidden(values, [list(values)], hidden)
    base_hidden = "__answered__" in hidden
    rows = []
    for row in result.rows:
        visible = row.name not in hidden and not base_hidden
        rows.append(
            ShownChoice(
                row,
                _cell(row.count, row.name, hidden),
                percent(row.share) if visible else "",
                interval_text(row.interval) if visible else "",
                row.share if visible else None,
            )
        )
    return ShownFrequencies(result, _cell(result.answered, "__answered__", hidden), rows)


@dataclass(frozen=True)
class ShownSummary:
    result: Summary
    answered: Cell
    minimum: str
    maximum: str
    mean: str
    median: str


def shown_summary(result: Summary, *, suppress: bool) -> ShownSummary:
    if not suppress:
        return ShownSummary(
            result,
            shown(result.answered),
            result.minimum,
            result.maximum,
            result.mean,
            result.median,
        )
    small = is_small(result.answered)
    answered = Cell(None, hidden=True) if small else shown(result.answered)
    numeric = result.question.type in ("integer", "decimal") and not small
    return ShownSummary(
        result,
        answered,
        "",
        "",
        result.mean if numeric else "",
        result.median if numeric else "",
    )


@dataclass(frozen=True)
class ShownCrossTab:
    table: CrossTab
    cells: list[list[tuple[Cell, str]]]  # count and column share, per row and column
    row_totals: list[Cell]
    column_totals: list[Cell]
    total: Cell

    @property
    def lines(self) -> list[tuple[str, list[tuple[Cell, str]], Cell]]:
        """Each answer's label, its cells (count, column share) and its total."""
        return [
            (label, cells, total)
            for (_name, label), cells, total in zip(
                self.table.rows, self.cells, self.row_totals, strict=True
            )
        ]


def shown_crosstab(
    table: CrossTab, *, suppress: bool, hidden_rows: set[str] | None = None
) -> ShownCrossTab:
    rows, columns = range(len(table.rows)), range(len(table.columns))
    values: dict[Hashable, int] = {("c", r, c): table.cells[r][c] for r in rows for c in columns}
    values |= {("r", r): total for r, total in enumerate(table.row_totals)}
    values |= {("k", c): total for c, total in enumerate(table.column_totals)}
    values["t"] = table.total
    hidden: set[Hashable] = set()
    if suppress:
        hidden = {key for key, value in values.items() if is_small(value)}
        named = hidden_rows or set()
        hidden |= {("r", r) for r, (name, _label) in enumerate(table.rows) if name in named}
        sums: list[list[Hashable]] = [[("c", r, c) for c in columns] + [("r", r)] for r in rows]
        sums += [[("c", r, c) for r in rows] + [("k", c)] for c in columns]
        sums.append([("r", r) for r in rows] + ["t"])
        sums.append([("k", c) for c in columns] + ["t"])
        hidden = close_hidden(values, sums, hidden)
    cells = []
    for r in rows:
        line = []
        for c in columns:
            key, base = ("c", r, c), ("k", c)
            visible = key not in hidden and base not in hidden and table.column_totals[c]
            ratio = table.cells[r][c] / table.column_totals[c] if visible else None
            line.append((_cell(table.cells[r][c], key, hidden), percent(ratio)))
        cells.append(line)
    return ShownCrossTab(
        table,
        cells,
        [_cell(values[("r", r)], ("r", r), hidden) for r in rows],
        [_cell(values[("k", c)], ("k", c), hidden) for c in columns],
        _cell(table.total, "t", hidden),
    )


SUPPRESSION_NOTE = (
    f"Кількості від 1 до 4 приховано («{suppressed_label()}»), а також числа, що дозволили б "
    "їх обчислити («приховано»); частки й інтервали показано лише для видимих кількостей."
)
