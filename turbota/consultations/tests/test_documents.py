"""The report on results: its rows, and its text as LibreOffice and a PDF reader get it."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pypdf

from conftest import World
from turbota.consultations import actions
from turbota.consultations.documents import PROPOSALS_HEADER, PROPOSALS_TABLE, outline, write_report
from turbota.consultations.enums import Channel, ConsultationStatus, Decision
from turbota.consultations.models import Consultation
from turbota.consultations.tests.factories import (
    NOBODY,
    add_proposal,
    advance,
    make_consultation,
    make_document,
    section_key,
)
from turbota.reports.tests.libreoffice import TEXT, converted

Status = ConsultationStatus
DAY = datetime.timedelta(days=1)


def _decided(world: World) -> Consultation:
    """Three proposals, each with its own decision; the author of one named, all with
    contacts; the report published."""
    document = make_document(world.hromada_a)
    consultation = make_consultation(world.hromada_a, Status.OPEN, document=document)
    add_proposal(
        consultation,
        "Соціальне таксі для сіл",
        contact="olena@resident.example",
        item_key=section_key(document, 1),
    )
    named = add_proposal(consultation, "Більше соцпрацівників", contact="+380 67 000 00 00")
    named.author_name = "Петро Приватний"
    named.save()
    add_proposal(
        consultation,
        "Wi-Fi у старостатах",
        contact="вул. Садова, 3",
        item_key=section_key(document, 3),
        channel=Channel.POST,
    )
    advance(consultation, Status.CLOSED)
    decisions = [
        (Decision.ACCEPTED, ""),
        (Decision.PARTLY, "Лише у 2028 році"),
        (Decision.REJECTED, "Не стосується соціальних послуг"),
    ]
    for proposal, (decision, reason) in zip(
        consultation.proposals.order_by("pk"), decisions, strict=True
    ):
        actions.decide(proposal=proposal, decision=decision, reason=reason, by=NOBODY)
    return advance(consultation, Status.REPORT_PUBLISHED)


def test_the_report_table_lists_every_proposal_with_its_item_decision_and_reason(
    world: World,
) -> None:
    consultation = _decided(world)
    report = outline(consultation, today=consultation.ends_on + 10 * DAY)
    (table,) = [t for t in report.tables if t.title == PROPOSALS_TABLE]
    assert table.header == PROPOSALS_HEADER
    received = f"{consultation.starts_on:%d.%m.%Y}"
    assert table.rows == [
        [
            "1",
            "1. Доступність послуг",
            "Соціальне таксі для сіл",
            f"електронна пошта, {received}",
            "враховано",
            "—",
        ],
        [
            "2",
            "документ загалом",
            "Більше соцпрацівників",
            f"електронна пошта, {received}",
            "враховано частково",
            "Лише у 2028 році",
        ],
        [
            "3",
            "3. Співпраця з громадськими організаціями",
            "Wi-Fi у старостатах",
            f"пошта, {received}",
            "не враховано",
            "Не стосується соціальних послуг",
        ],
    ]


def test_the_report_counts_participants_and_never_names_a_contact_or_an_author(
    world: World,
) -> None:
    consultation = _decided(world)
    report = outline(consultation, today=consultation.ends_on + 10 * DAY)
    participants = {row[0]: row[1] for row in report.tables[0].rows}
    assert participants["Осіб і організацій, що подали пропозиції"] == "3"
    assert participants["Пропозицій розглянуто"] == "3"
    text = str(report)
    for secret in ("olena@resident.example", "+380 67 000 00 00", "вул. Садова", "Петро"):
        assert secret not in text


def test_the_report_names_its_deadline_and_says_when_it_was_published(world: World) -> None:
    consultation = _decided(world)
    report = outline(consultation, today=consultation.ends_on + 10 * DAY)
    assert consultation.decided_on is not None
    due = consultation.decided_on + 10 * DAY
    assert (
        "Звіт оприлюднюється не пізніше ніж через 10 календарних днів після рішення — "
        f"до {due:%d.%m.%Y}. Оприлюднено {consultation.decided_on:%d.%m.%Y}."
    ) in report.paragraphs


def test_a_preview_before_the_decisions_says_so_for_each_proposal(world: World) -> None:
    consultation = make_consultation(world.hromada_a, Status.OPEN)
    add_proposal(consultation)
    report = outline(consultation, today=consultation.ends_on)
    assert report.tables[1].rows[0][4] == "рішення ще немає"
    assert "Рішення за результатами ще не прийнято." in report.paragraphs


def test_libreoffice_reads_the_docx_report_with_every_proposal_and_decision(
    world: World, tmp_path: Path
) -> None:
    consultation = _decided(world)
    report = tmp_path / "report.docx"
    report.write_bytes(write_report(consultation, "docx", today=consultation.ends_on + 10 * DAY))
    text = converted(report, TEXT, tmp_path)
    assert "Звіт про результати консультацій з громадськістю" in text
    assert "Пропозиції та рішення щодо них" in text
    for expected in (
        "Соціальне таксі для сіл",
        "Wi-Fi у старостатах",
        "враховано частково",
        "Лише у 2028 році",
        "не враховано",
    ):
        assert expected in text
    assert "olena@resident.example" not in text


def test_the_pdf_report_has_the_same_table(world: World) -> None:
    consultation = _decided(world)
    pdf = write_report(consultation, "pdf", today=consultation.ends_on + 10 * DAY)
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())  # cells wrap
    assert "Пропозиції та рішення щодо них" in text
    assert "Соціальне таксі для сіл" in text
    assert "Не стосується соціальних послуг" in text
