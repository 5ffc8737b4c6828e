"""The strategy and its action plan as the council adopts them.

The action plan has the Melitopol columns: goals, tasks and measures; result indicator;
period; executor; funding source; expected funding in thousands of UAH in total and by year;
implementation mark — with a total per strategic goal and for the whole strategy."""

from __future__ import annotations

from decimal import Decimal

from turbota.reports.documents import Block, Chart, HeaderCell, Heading, Outline, Paragraph, Table
from turbota.strategy.documents.common import budget_chart, money
from turbota.strategy.enums import NodeKind, SwotQuadrant
from turbota.strategy.models import Node, PlannedFunding, Strategy
from turbota.strategy.queries import TreeItem, budget_by_year, tree

PLAN_COLUMNS = [
    "№",
    "Цілі, завдання, заходи",
    "Індикатор результату",
    "Термін виконання",
    "Відповідальний виконавець",
    "Джерело фінансування",
]


def strategy_outline(strategy: Strategy) -> Outline:
    """The strategy itself: text, working group, SWOT, scenarios, goals, indicators."""
    blocks: list[Block] = [Paragraph(_status_line(strategy))]
    for label, text in (("Місія", strategy.mission), ("Візія", strategy.vision)):
        if text:
            blocks += [Heading(label), Paragraph(text)]
    if strategy.value_list():
        blocks += [Heading("Цінності"), *[Paragraph(f"• {v}") for v in strategy.value_list()]]
    members = list(strategy.members.all())
    blocks.append(
        Table(
            "Робоча група",
            ["№", "Прізвище, ім'я, по батькові", "Посада", "Роль"],
            [
                [str(n), m.full_name, m.position, m.get_role_display()]
                for n, m in enumerate(members, 1)
            ],
            widths=(1, 5, 10, 4),
        )
    )
    swot = {q: [i.text for i in strategy.swot.filter(quadrant=q)] for q in SwotQuadrant.values}
    blocks.append(
        Table(
            "SWOT-аналіз",
            ["Квадрант", "№", "Пункт"],
            [
                [SwotQuadrant(q).label, str(n), text]
                for q, items in swot.items()
                for n, text in enumerate(items, 1)
            ],
            widths=(3, 1, 14),
        )
    )
    for scenario in strategy.scenarios.all():
        blocks += [
            Heading(f"Сценарій: {scenario.get_kind_display()}", 3),
            Paragraph(scenario.assumptions),
        ]
    items = [item for root in tree(strategy) for item in root.walk()]
    blocks.append(
        Table(
            "Дерево цілей",
            ["Номер", "Рівень", "Назва"],
            [[i.node.number, i.node.get_kind_display(), _titled(i)] for i in items],
            strong_rows=frozenset(n for n, i in enumerate(items) if i.node.is_goal),
            widths=(2, 3, 14),
        )
    )
    return Outline(title=strategy.title, blocks=blocks)


def _titled(item: TreeItem) -> str:
    slogan = f"«{item.node.slogan}» " if item.node.slogan else ""
    return slogan + item.node.title


def _status_line(strategy: Strategy) -> str:
    line = (
        f"{strategy.hromada.display_name}. Період: {strategy.period} роки. "
        f"Редакція {strategy.edition}: {strategy.get_status_display()}"
    )
    if strategy.decision_number and strategy.decided_on:
        line += f" (рішення № {strategy.decision_number} від {strategy.decided_on:%d.%m.%Y})"
    return line + "."


def _plan_header(years: list[int]) -> tuple[tuple[HeaderCell, ...], ...]:
    first = [HeaderCell(text, rowspan=2) for text in PLAN_COLUMNS]
    money_cell = HeaderCell("Очікуваний обсяг фінансування, тис. грн", colspan=len(years) + 1)
    return (
        (*first, money_cell, HeaderCell("Відмітка про виконання", rowspan=2)),
        (HeaderCell("усього"), *[HeaderCell(str(year)) for year in years]),
    )


def action_plan_outline(strategy: Strategy) -> Outline:
    years = list(strategy.years)
    planned: dict[int, dict[int | None, Decimal]] = {}
    for row in PlannedFunding.objects.filter(node__strategy=strategy):
        by_year = planned.setdefault(row.node_id, {})
        by_year[row.year] = by_year.get(row.year, Decimal(0)) + row.amount
    sources = _sources_by_node(strategy)
    rows: list[list[str]] = []
    strong: set[int] = set()
    grand: dict[int | None, Decimal] = {}
    for root in tree(strategy):
        goal: dict[int | None, Decimal] = {}
        for item in root.walk():
            node = item.node
            own = planned.get(node.pk, {})
            for key, amount in own.items():
                goal[key] = goal.get(key, Decimal(0)) + amount
            if node.is_goal:
                strong.add(len(rows))
            rows.append(_plan_row(item, own, years, sources.get(node.pk, "")))
        strong.add(len(rows))
        rows.append(_total_row(f"Усього за стратегічною ціллю {root.node.number}", goal, years))
        for key, amount in goal.items():
            grand[key] = grand.get(key, Decimal(0)) + amount
    strong.add(len(rows))
    rows.append(_total_row("Усього за стратегією", grand, years))
    header = [*PLAN_COLUMNS, "усього", *[str(y) for y in years], "Відмітка про виконання"]
    blocks: list[Block] = [
        Paragraph(_status_line(strategy)),
        Paragraph("Обсяги фінансування — у тисячах гривень; «-» — фінансування не передбачено."),
        Table(
            "План заходів з реалізації стратегії",
            header,
            rows,
            strong_rows=frozenset(strong),
            sheet="План заходів",
            header_rows=_plan_header(years),
            widths=(2, 9, 5, 2.5, 5, 4, *[2.2] * (len(years) + 1), 3),
        ),
    ]
    chart = budget_chart(
        budget_by_year(strategy, approved_only=True), "Плановий обсяг фінансування за роками"
    )
    if chart:
        blocks.append(Chart(chart, "Діаграма: плановий і фактичний обсяг фінансування за роками"))
    return Outline(title=f"План заходів: {strategy.title}", blocks=blocks, landscape=True)


def _sources_by_node(strategy: Strategy) -> dict[int, str]:
    names: dict[int, list[str]] = {}
    links = Node.funding_sources.through.objects.filter(node__strategy=strategy)
    for link in links.select_related("fundingsource").order_by("fundingsource__position"):
        names.setdefault(link.node_id, []).append(link.fundingsource.name)
    return {node_id: ", ".join(found) for node_id, found in names.items()}


def _plan_row(
    item: TreeItem, own: dict[int | None, Decimal], years: list[int], sources: str
) -> list[str]:
    node = item.node
    total = sum(own.values(), Decimal(0)) if own else None
    sources = sources or node.funding_sources_text
    title = (
        node.title
        if node.kind != NodeKind.STRATEGIC_GOAL
        else f"Стратегічна ціль {node.number}. {node.title}"
    )
    if node.kind == NodeKind.OPERATIONAL_GOAL:
        title = f"Операційна ціль {node.number}. {node.title}"
    return [
        node.number,
        title,
        node.result_indicator,
        node.period_label,
        "; ".join(node.executor_list()),
        sources,
        money(total),
        *[money(own.get(year)) for year in years],
        node.implementation_mark,
    ]


def _total_row(label: str, amounts: dict[int | None, Decimal], years: list[int]) -> list[str]:
    total = sum(amounts.values(), Decimal(0))
    return [
        "",
        label,
        "",
        "",
        "",
        "",
        money(total),
        *[money(amounts.get(y, Decimal(0))) for y in years],
        "",
    ]
