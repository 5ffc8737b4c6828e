"""Cells of the plan and indicator tables, read as the document writes them: the plan's
columns into a node's details and money, an indicator cell's bullets into indicators."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from turbota.strategy.parsing import plan
from turbota.strategy.parsing.parsed import ParsedFunding, ParsedIndicator, ParsedNode

if TYPE_CHECKING:
    from turbota.strategy.parsing.tree import Walker

_BULLET = re.compile(r"^[·•\-–]\s*")
_AREA = re.compile(r"міськ\w*\s*/\s*сільськ", re.I)
_SEX = re.compile(r"за статтю|жінк\w*\s*/\s*чоловік", re.I)


def plan_details(
    node: ParsedNode, cells: list[str], columns: plan.Columns, line: int, walker: Walker
) -> None:
    node.result_indicator = columns.cell(cells, "indicator") or node.result_indicator
    written = columns.cell(cells, "period")
    if written:
        node.period_text = written
        node.period_start, node.period_end = plan.period(written)
    executors = columns.cell(cells, "executor")
    if executors:
        node.executors = plan.split_executors(executors)
    node.mark = columns.cell(cells, "mark") or node.mark
    plan_funding(node, cells, columns, line, walker)


def plan_funding(
    node: ParsedNode, cells: list[str], columns: plan.Columns, line: int, walker: Walker
) -> None:
    warnings = walker.parsed.warnings
    written = columns.cell(cells, "source")
    codes: list[str] = []
    if written:
        codes, unknown = plan.match_sources(written, walker.aliases)
        node.sources_text = "; ".join(filter(None, [node.sources_text, written]))
        node.source_codes += [code for code in codes if code not in node.source_codes]
        for part in unknown:
            warnings.append(
                f"Рядок {line}: джерело фінансування «{part}» не знайдено в довіднику; "
                "збережено лише як текст."
            )
    source = codes[0] if len(codes) == 1 else None
    by_year: dict[int, Decimal] = {}
    for year, column in sorted(columns.years.items()):
        value = _amount(cells, column, f"{year} рік", line, warnings)
        if value:
            by_year[year] = value
            node.funding.append(ParsedFunding(year=year, source=source, amount=value))
    total = _amount(cells, columns.total, "усього", line, warnings)
    summed = sum(by_year.values(), Decimal(0))
    if total and not by_year:
        node.funding.append(ParsedFunding(year=None, source=source, amount=total))
        if columns.years:
            warnings.append(
                f"Рядок {line}: обсяг {_money(total)} тис. грн наведено лише загалом, без "
                "розподілу за роками."
            )
    elif total is not None and by_year and total != summed:
        warnings.append(
            f"Рядок {line}: «усього» {_money(total)} тис. грн не дорівнює сумі за роками "
            f"{_money(summed)} тис. грн; збережено суми за роками."
        )


def _amount(
    cells: list[str], column: int | None, label: str, line: int, warnings: list[str]
) -> Decimal | None:
    if column is None or column >= len(cells):
        return None
    try:
        return plan.amount(cells[column])
    except ValueError:
        warnings.append(
            f"Рядок {line}, стовпець «{label}»: «{cells[column]}» — не число; не враховано."
        )
        return None


def bullets(cell: str) -> list[str]:
    items: list[str] = []
    for raw in cell.splitlines():
        if _BULLET.match(raw) or not items:
            items.append(_BULLET.sub("", raw).strip())
        else:
            items[-1] = f"{items[-1]} {raw.strip()}"
    return [item for item in items if item]


def indicator(name: str, line: int) -> ParsedIndicator:
    unit = ""
    if "%" in name:
        unit = "%"
    elif re.search(r",\s*грн\.?$", name):
        unit = "грн"
    elif re.search(r",\s*од\.?$", name):
        unit = "од."
    return ParsedIndicator(
        name=re.sub(r"\s+", " ", name).strip(),
        line=line,
        unit=unit,
        by_area=bool(_AREA.search(name)),
        by_sex=bool(_SEX.search(name)),
    )


def _money(value: Decimal) -> str:
    return f"{value}".replace(".", ",")
