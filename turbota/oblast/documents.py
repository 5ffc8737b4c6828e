"""Files the oblast hands on: the dashboard as a spreadsheet (every hromada, every service
and sex, every vulnerable group) and a working-group protocol with its assignments."""

from __future__ import annotations

from typing import Any

from turbota.oblast.queries import AssignmentLine, OblastDashboard
from turbota.oblast.queries.scope import SEXES
from turbota.reports.documents import Heading, Outline, Paragraph, Table, write_document
from turbota.reports.xlsx import Column, SheetSpec, write_workbook

NO_DATA = "немає даних"
SEX_LABELS = {"female": "жінки", "male": "чоловіки", "total": "разом"}

HROMADAS = SheetSpec(
    name="Громади",
    columns=(
        Column("code", "Код КАТОТТГ", width=22),
        Column("name", "Громада", width=40),
        Column("raion", "Район", width=24),
        Column("population", "Населення", width=12),
        Column("providers", "Надавачів", width=10),
        Column("basic_available", "Базових послуг є", width=12),
        Column("basic_missing", "Базових послуг немає", width=40),
        Column("study", "Рік дослідження потреб", width=14),
        Column("strategy", "Стратегія", width=24),
        Column("rag", "Моніторинг", width=14),
    ),
)
NEEDS = SheetSpec(
    name="Потреби",
    columns=(
        Column("code", "Код КАТОТТГ", width=22),
        Column("name", "Громада", width=40),
        Column("service", "Код послуги", width=10),
        Column("service_name", "Послуга", width=40),
        Column("sex", "Стать", width=10),
        Column("need", "Потреба", width=10),
        Column("served", "Отримують", width=10),
        Column("unmet", "Не задоволено", width=12),
        Column("capacity", "Потужність надавачів", width=12),
    ),
)
GROUPS = SheetSpec(
    name="Вразливі групи",
    columns=(
        Column("code", "Код КАТОТТГ", width=22),
        Column("name", "Громада", width=40),
        Column("year", "Рік", width=8),
        Column("group", "Вразлива група", width=50),
        Column("female", "Жінки", width=10),
        Column("male", "Чоловіки", width=10),
        Column("total", "Разом", width=10),
    ),
)


def dashboard_workbook(board: OblastDashboard) -> bytes:
    """Hromadas without data say so in words ("немає даних"), never with zeros."""
    return write_workbook(
        [HROMADAS, NEEDS, GROUPS],
        {
            HROMADAS.name: [_hromada_row(board, line) for line in board.lines],
            NEEDS.name: list(_need_rows(board)),
            GROUPS.name: list(_group_rows(board)),
        },
        instructions=[
            f"{board.oblast.display_name}: громади поруч, потреби за {board.year} рік "
            "(дослідження цього року або двох попередніх).",
            "«немає даних» — у громади немає такого оприлюдненого дослідження чи даних; це "
            "не нуль, і в підсумки області такі громади не входять.",
        ],
    )


def _hromada_row(board: OblastDashboard, line: Any) -> dict[str, object]:
    strategy = line.strategy
    return {
        "code": line.hromada.code,
        "name": line.hromada.display_name,
        "raion": line.raion.display_name if line.raion else "",
        "population": line.population if line.population is not None else NO_DATA,
        "providers": line.providers,
        "basic_available": len(line.basic_available),
        "basic_missing": ", ".join(s.code for s in line.basic_missing) or "—",
        "study": line.study.year if line.study else NO_DATA,
        "strategy": strategy.status_label if strategy else NO_DATA,
        "rag": (strategy.rag_label or NO_DATA) if strategy else NO_DATA,
    }


def _need_rows(board: OblastDashboard) -> Any:
    for line in board.lines:
        base = {"code": line.hromada.code, "name": line.hromada.display_name}
        if line.study is None:
            yield base | {"service_name": NO_DATA}
            continue
        for service in board.services:
            for sex in SEXES:
                figures = line.needs.get((service.pk, sex))
                if figures is None:
                    continue
                yield base | {
                    "service": service.code,
                    "service_name": service.name,
                    "sex": SEX_LABELS[sex],
                    "need": figures.need,
                    "served": figures.served,
                    "unmet": figures.unmet,
                    "capacity": figures.capacity,
                }


def _group_rows(board: OblastDashboard) -> Any:
    for line in board.lines:
        base = {"code": line.hromada.code, "name": line.hromada.display_name}
        if not line.groups:
            yield base | {"group": NO_DATA}
            continue
        for group in board.groups:
            counts = line.groups.get(group.pk)
            if counts is None:
                continue
            yield base | {
                "year": line.groups_year,
                "group": group.name,
                "female": counts.female,
                "male": counts.male,
                "total": counts.total,
            }


def protocol_document(meeting: Any, lines: list[AssignmentLine], fmt: str = "docx") -> bytes:
    """The protocol as the working group signs it: header, attendees, agenda, and the
    assignments with their addressees, deadlines, state and reports."""
    blocks: list[Any] = [
        Paragraph(f"{meeting.body}, {meeting.oblast.display_name}"),
        Paragraph(f"{meeting.place + ', ' if meeting.place else ''}{meeting.held_on:%d.%m.%Y}"),
    ]
    if meeting.chair:
        blocks.append(Paragraph(f"Головував(-ла): {meeting.chair}"))
    if meeting.attendee_lines:
        blocks += [Heading("Присутні"), *(Paragraph(line) for line in meeting.attendee_lines)]
    if meeting.agenda:
        blocks += [Heading("Порядок денний"), *(Paragraph(t) for t in meeting.agenda.splitlines())]
    blocks.append(Heading("Вирішили"))
    blocks.append(
        Table(
            "Доручення",
            ["№", "Виконавці", "Зміст доручення", "Термін", "Стан", "Звіти"],
            [
                [
                    line.assignment.number,
                    "; ".join(str(a) for a in line.addressees),
                    line.assignment.text,
                    line.assignment.deadline_label,
                    line.assignment.get_status_display()
                    + (f", прострочено на {line.days_overdue} дн." if line.overdue else ""),
                    "; ".join(f"{r.who} ({r.submitted_on:%d.%m.%Y})" for r in line.reports) or "—",
                ]
                for line in lines
            ],
            sheet="Доручення",
        )
    )
    outline = Outline(
        title=f"Протокол № {meeting.number} засідання від {meeting.held_on:%d.%m.%Y}",
        blocks=blocks,
        landscape=True,
    )
    return write_document(outline, fmt)
