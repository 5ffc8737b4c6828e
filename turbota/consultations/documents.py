"""The report on the results of a consultation (звіт про результати), DOCX and PDF from one
outline: what was discussed and how, who took part (counts only, never a name or a
contact), every proposal taken into consideration with the decision on it and the reason,
the decision on the results and the report's deadline."""

from __future__ import annotations

import datetime

from turbota.consultations.enums import Channel, Decision
from turbota.consultations.models import Consultation, Proposal
from turbota.consultations.queries import (
    Participation,
    approved_proposals,
    meetings_with_counts,
    participation,
    report_deadline,
)
from turbota.reports.documents import Block, Heading, Outline, Paragraph, Table, write_document

FORMATS = ("docx", "pdf")
TITLE = "Звіт про результати консультацій з громадськістю"
PROPOSALS_TABLE = "Пропозиції та рішення щодо них"
PROPOSALS_HEADER = ["№", "Пункт документа", "Пропозиція", "Як надійшла", "Рішення", "Обґрунтування"]
NOT_DECIDED = "рішення ще немає"


def _date(value: datetime.date | None) -> str:
    return f"{value:%d.%m.%Y}" if value else "—"


def proposal_rows(proposals: list[Proposal]) -> list[list[str]]:
    return [
        [
            str(number),
            p.item_label or "документ загалом",
            p.text,
            f"{p.get_channel_display()}, {_date(p.received_on)}",
            p.get_decision_display() if p.decision else NOT_DECIDED,
            p.decision_reason or "—",
        ]
        for number, p in enumerate(proposals, start=1)
    ]


def _about(consultation: Consultation) -> list[Block]:
    blocks: list[Block] = [
        Paragraph(f"Тема: {consultation.topic}."),
        Paragraph(f"Організатор: {consultation.organiser} ({consultation.hromada.display_name})."),
        Paragraph(f"Документ, винесений на обговорення: {consultation.subject_title}."),
        Paragraph(
            f"Пропозиції приймалися з {_date(consultation.starts_on)} по "
            f"{_date(consultation.ends_on)} ({consultation.discussion_days} календарних днів)."
        ),
    ]
    for line in meetings_with_counts(consultation):
        blocks.append(Paragraph(f"Публічне обговорення: {line.meeting}."))
    if consultation.is_demonstration:
        blocks.insert(
            0, Paragraph("ДЕМОНСТРАЦІЙНІ ДАНІ: консультація вигадана для показу системи.")
        )
    return blocks


def _participants(counts: Participation) -> Table:
    attendance = (
        str(counts.meeting_participants) if counts.meetings_with_attendance else "не зафіксовано"
    )
    rows = [
        ["Учасників публічних обговорень (за листами реєстрації)", attendance],
        ["Зареєструвалися на обговорення заздалегідь", str(counts.registered)],
        ["Осіб і організацій, що подали пропозиції", str(counts.proposers)],
        ["Пропозицій розглянуто", str(counts.proposals)],
    ]
    rows += [
        [f"  з них: {Channel(channel).label}", str(n)] for channel, n in counts.by_channel.items()
    ]
    rows += [
        [f"  {Decision(decision).label}", str(n)] for decision, n in counts.by_decision.items()
    ]
    return Table(
        "Учасники і пропозиції",
        ["Показник", "Кількість"],
        rows,
        note="Імена та контакти учасників і авторів пропозицій не оприлюднюються.",
        sheet="Учасники",
    )


def _results(consultation: Consultation, today: datetime.date) -> list[Block]:
    blocks: list[Block] = [Heading("Рішення за результатами обговорення")]
    if consultation.decided_on is None:
        return [*blocks, Paragraph("Рішення за результатами ще не прийнято.")]
    blocks.append(Paragraph(f"{_date(consultation.decided_on)}: {consultation.decision_text}"))
    deadline = report_deadline(consultation, today=today)
    assert deadline is not None
    line = (
        f"Звіт оприлюднюється не пізніше ніж через {consultation.report_days} календарних днів "
        f"після рішення — до {_date(deadline.due_on)}."
    )
    if deadline.published_on:
        line += f" Оприлюднено {_date(deadline.published_on)}."
        if deadline.published_late:
            line += f" Із запізненням на {deadline.days_overdue} дн."
    elif deadline.is_overdue:
        line += f" Строк минув {deadline.days_overdue} дн. тому."
    blocks.append(Paragraph(line))
    return blocks


def outline(consultation: Consultation, *, today: datetime.date) -> Outline:
    proposals = list(approved_proposals(consultation))
    return Outline(
        title=f"{TITLE}: {consultation.topic}",
        blocks=[
            *_about(consultation),
            _participants(participation(consultation)),
            Table(
                PROPOSALS_TABLE,
                PROPOSALS_HEADER,
                proposal_rows(proposals),
                sheet="Пропозиції",
            ),
            *_results(consultation, today),
        ],
        landscape=True,
    )


def write_report(consultation: Consultation, fmt: str, *, today: datetime.date) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format: {fmt}")
    return write_document(outline(consultation, today=today), fmt)
