"""The monitoring report in the Melitopol annex-1 form — per task or measure: operational
goal, tasks and measures, what was done, planned and actual funding, comments, start date,
planned end date, status, actual end date — with totals per strategic goal; then the goals'
colours and the budget execution charts by year and by source."""

from __future__ import annotations

import datetime
from decimal import Decimal

from turbota.reports.documents import Block, Chart, Outline, Paragraph, Table
from turbota.strategy.documents.common import budget_chart, money, percent
from turbota.strategy.enums import NodeKind, Rag
from turbota.strategy.models import MonitoringPeriod
from turbota.strategy.queries import budget_by_source, budget_by_year
from turbota.strategy.rollup import Deviation, NodeStatus, period_rollup

FORM = [
    "Операційна ціль",
    "Завдання і заходи",
    "Що зроблено",
    "Плановий обсяг фінансування, тис. грн",
    "Фактичний обсяг фінансування, тис. грн",
    "Коментарі",
    "Дата початку",
    "Запланована дата завершення",
    "Стан",
    "Фактична дата завершення",
]


def _date(value: datetime.date | None) -> str:
    return f"{value:%d.%m.%Y}" if value else ""


def _rag(rag: Rag | None) -> str:
    return Rag(rag).label if rag else "немає даних"


def monitoring_outline(period: MonitoringPeriod, *, approved_only: bool) -> Outline:
    """``approved_only``: for readers who see approved figures only, other periods' money
    counts only where their period is approved."""
    strategy = period.strategy
    result = period_rollup(period=period, approved_only=approved_only)
    rows: list[list[str]] = []
    strong: set[int] = set()
    for root in result.roots:
        strong.add(len(rows))
        rows.append(["", f"Стратегічна ціль {root.node.number}. {root.node.title}", *[""] * 8])
        for status in root.walk()[1:]:
            if status.node.kind == NodeKind.OPERATIONAL_GOAL:
                continue
            rows.append(_form_row(status, _operational(status, root)))
        strong.add(len(rows))
        rows.append(_goal_total(root))
    strong.add(len(rows))
    rows.append(
        [
            "",
            "Усього за стратегією",
            "",
            money(result.funding.plan),
            money(result.funding.fact),
            *[""] * 5,
        ]
    )
    demo = [s for s in result.statuses() if s.report and s.report.is_demo]
    blocks: list[Block] = [
        Paragraph(
            f"{strategy.hromada.display_name}. {strategy.title}. Звітний період: {period.label}."
        ),
        Paragraph(
            f"Стан звіту: {period.get_status_display()}. "
            f"Загальний стан виконання: {_rag(result.rag)}."
        ),
    ]
    if demo:
        blocks.append(
            Paragraph(
                f"Увага: записи про виконання ({len(demo)}) — демонстраційні, вигадані "
                "для показу системи."
            )
        )
    blocks.append(
        Table(
            "Звіт про моніторинг виконання плану заходів",
            FORM,
            rows,
            strong_rows=frozenset(strong),
            sheet="Моніторинг",
            widths=(4, 7, 7, 2.5, 2.5, 4, 2.2, 2.2, 2.5, 2.2),
        )
    )
    blocks.append(_goals_table(result.roots))
    by_year = budget_by_year(strategy, approved_only=approved_only)
    by_source = budget_by_source(strategy, approved_only=approved_only)
    for rows_of, title in ((by_year, "за роками"), (by_source, "за джерелами")):
        chart = budget_chart(rows_of, f"Виконання бюджету стратегії {title}, тис. грн")
        if chart:
            blocks.append(Chart(chart, f"Діаграма: план і факт фінансування {title}"))
    blocks.append(
        Table(
            "Виконання бюджету за роками, тис. грн",
            ["Рік", "План", "Факт", "Відхилення", "Відхилення, %"],
            [_budget_line(r.label, r.plan, r.fact) for r in by_year],
            sheet="Бюджет за роками",
        )
    )
    blocks.append(
        Table(
            "Виконання бюджету за джерелами, тис. грн",
            ["Джерело", "План", "Факт", "Відхилення", "Відхилення, %"],
            [_budget_line(r.label, r.plan, r.fact) for r in by_source],
            sheet="Бюджет за джерелами",
        )
    )
    return Outline(
        title=f"Моніторинг реалізації стратегії: {period.label}", blocks=blocks, landscape=True
    )


def _operational(status: NodeStatus, root: NodeStatus) -> str:
    for child in root.children:
        if status in child.walk():
            return f"{child.node.number} {child.node.title}"
    return ""


def _form_row(status: NodeStatus, operational: str) -> list[str]:
    report = status.report
    own_plan = status.funding.plan if not status.children else None
    own_fact = status.funding.fact if not status.children else None
    return [
        operational,
        f"{status.node.number} {status.node.title}".strip(),
        report.done if report else "",
        money(own_plan),
        money(own_fact),
        report.comment if report else "",
        _date(report.started_on) if report else "",
        _date(report.planned_end_on) if report else "",
        report.get_status_display() if report else "звіту немає",
        _date(report.finished_on) if report else "",
    ]


def _goal_total(root: NodeStatus) -> list[str]:
    return [
        "",
        f"Усього за стратегічною ціллю {root.node.number}",
        "",
        money(root.funding.plan),
        money(root.funding.fact),
        *[""] * 5,
    ]


def _goals_table(roots: list[NodeStatus]) -> Table:
    rows = []
    for root in roots:
        for status in [root, *root.children]:
            f = status.funding
            rows.append(
                [
                    status.node.number,
                    status.node.title,
                    money(f.plan),
                    money(f.fact),
                    money(f.absolute),
                    percent(f.percent),
                    _rag(status.rag),
                ]
            )
    return Table(
        "Стан досягнення цілей (RAG)",
        ["№", "Ціль", "План, тис. грн", "Факт, тис. грн", "Відхилення", "Відхилення, %", "Стан"],
        rows,
        sheet="Стан цілей",
        widths=(1.5, 10, 2.5, 2.5, 2.5, 2.5, 4),
    )


def _budget_line(label: str, plan: Decimal, fact: Decimal) -> list[str]:
    deviation = Deviation(plan, fact)
    return [
        label,
        money(plan),
        money(fact),
        money(deviation.absolute),
        percent(deviation.percent),
    ]
