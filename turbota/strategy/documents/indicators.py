"""The indicator table (Selydove table 4) with plan against fact by year."""

from __future__ import annotations

from decimal import Decimal

from turbota.reports.documents import HeaderCell, Outline, Paragraph, Table
from turbota.strategy.documents.common import number
from turbota.strategy.enums import Area, PeriodStatus, SexCut
from turbota.strategy.models import IndicatorActual, IndicatorTarget, Strategy
from turbota.strategy.queries import tree


def actual_by_year(strategy: Strategy, *, approved_only: bool) -> dict[tuple[int, int], Decimal]:
    """(indicator, year) → the value of that year's latest period (the annual one if any)."""
    rows = IndicatorActual.objects.filter(
        indicator__strategy=strategy, area=Area.TOTAL, sex=SexCut.TOTAL
    ).select_related("period")
    if approved_only:
        rows = rows.filter(period__status=PeriodStatus.APPROVED)
    found: dict[tuple[int, int], tuple[int, Decimal]] = {}
    for row in rows:
        key = (row.indicator_id, row.period.year)
        rank = row.period.quarter or 5
        if key not in found or rank > found[key][0]:
            found[key] = (rank, row.value)
    return {key: value for key, (_, value) in found.items()}


def indicators_outline(strategy: Strategy, *, approved_only: bool) -> Outline:
    years = list(strategy.years)
    targets = {
        (t.indicator_id, t.year): t.value
        for t in IndicatorTarget.objects.filter(
            indicator__strategy=strategy, area=Area.TOTAL, sex=SexCut.TOTAL
        )
    }
    actuals = actual_by_year(strategy, approved_only=approved_only)
    rows: list[list[str]] = []
    strong: set[int] = set()
    for root in tree(strategy):
        strong.add(len(rows))
        rows.append(
            [
                f"Стратегічна ціль {root.node.number}. {root.node.title}",
                *[""] * (3 + 2 * len(years)),
            ]
        )
        for item in root.walk():
            for indicator in item.indicators:
                baseline = number(indicator.baseline_value)
                if indicator.baseline_year:
                    baseline += f" ({indicator.baseline_year})"
                cells = []
                for year in years:
                    cells += [
                        number(targets.get((indicator.pk, year))),
                        number(actuals.get((indicator.pk, year))),
                    ]
                rows.append(
                    [
                        f"{item.node.number} {item.node.title}",
                        indicator.name,
                        indicator.unit,
                        baseline,
                        *cells,
                    ]
                )
    header_rows = (
        (
            HeaderCell("Ціль", rowspan=2),
            HeaderCell("Індикатор", rowspan=2),
            HeaderCell("Одиниця", rowspan=2),
            HeaderCell("Базове значення", rowspan=2),
            *[HeaderCell(str(year), colspan=2) for year in years],
        ),
        tuple(HeaderCell(word) for _ in years for word in ("план", "факт")),
    )
    header = ["Ціль", "Індикатор", "Одиниця", "Базове значення"]
    header += [f"{word} {year}" for year in years for word in ("план", "факт")]
    note = (
        "Факт — за затвердженими звітами моніторингу."
        if approved_only
        else "Факт — за усіма звітами моніторингу, зокрема ще не затвердженими."
    )
    return Outline(
        title=f"Індикатори оцінки результативності: {strategy.title}",
        blocks=[
            Paragraph(f"{strategy.hromada.display_name}. {note} «—» — значення немає."),
            Table(
                "Перелік індикаторів: план і факт за роками",
                header,
                rows,
                strong_rows=frozenset(strong),
                sheet="Індикатори",
                header_rows=header_rows,
                widths=(5, 9, 2, 2.5, *[1.6] * (2 * len(years))),
            ),
        ],
        landscape=True,
    )
