"""Consultations for tests: on an uploaded document of hromada A, walked through the real
actions up to the status a test needs."""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.utils import timezone

from conftest import World
from turbota.consultations import actions
from turbota.consultations.antispam import issue_stamp
from turbota.consultations.enums import Channel, ConsultationStatus, Decision
from turbota.consultations.models import Consultation, ConsultationDocument, Proposal
from turbota.reports.documents import Heading, Outline, Paragraph, write_document
from turbota.territories.models import Territory

Status = ConsultationStatus
DAY = datetime.timedelta(days=1)
SECTIONS = ["1. Доступність послуг", "2. Догляд вдома", "3. Співпраця з громадськими організаціями"]
ORDER = list(ConsultationStatus)
NOBODY = AnonymousUser()


def docx_bytes(title: str = "Проєкт програми") -> bytes:
    blocks = [Heading(section) for section in SECTIONS] + [Paragraph("Текст проєкту.")]
    return write_document(Outline(title=title, blocks=blocks), "docx")


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_document(hromada: Territory, *, title: str = "Проєкт програми") -> ConsultationDocument:
    upload = SimpleUploadedFile("proekt.docx", docx_bytes(title))
    document = actions.upload_document(hromada=hromada, title=title, upload=upload, by=NOBODY)
    actions.set_sections(document=document, titles=[(None, s) for s in SECTIONS])
    return document


def section_key(document: ConsultationDocument, number: int) -> str:
    return document.sections.all()[number - 1].item_key


def make_consultation(
    hromada: Territory,
    status: Status = Status.DRAFT,
    *,
    today: datetime.date | None = None,
    document: Model | None = None,
) -> Consultation:
    """A consultation in ``status`` on ``document`` (any registered document; a new
    upload unless given). Before it closes its proposals run around ``today``
    (two days ago to two weeks on); from closed on, they ran 40 to 20 days ago, and the
    decision on results, if any, is 15 days old."""
    today = today or timezone.localdate()
    early = ORDER.index(status) <= ORDER.index(Status.OPEN)
    starts = today - 2 * DAY if early else today - 40 * DAY
    consultation = Consultation(
        hromada=hromada,
        topic="Проєкт програми соціального захисту на 2027 рік",
        organiser="Управління соціального захисту населення",
        starts_on=starts,
        ends_on=starts + 16 * DAY if early else starts + 20 * DAY,
        email="consult@hromada.example",
        postal_address="вул. Центральна, 1",
        responsible_person="Відповідальна Особа",
        responsible_contacts="тел. 000 000 00 00",
    )
    actions.save_consultation(
        consultation=consultation, subject=document or make_document(hromada), by=NOBODY
    )
    advance(consultation, status)
    return consultation


def advance(consultation: Consultation, status: Status) -> Consultation:
    """Walk the real steps from where the consultation is to ``status``."""
    after_end = consultation.ends_on + DAY
    steps: dict[Status, Callable[[], object]] = {
        Status.ANNOUNCED: lambda: actions.announce(consultation=consultation, by=NOBODY),
        Status.OPEN: lambda: actions.open_for_proposals(
            consultation=consultation, by=NOBODY, today=consultation.starts_on
        ),
        Status.CLOSED: lambda: actions.close_proposals(
            consultation=consultation, by=NOBODY, today=after_end
        ),
        Status.DECIDED: lambda: _decide_all(consultation),
        Status.REPORT_PUBLISHED: lambda: actions.publish_report(
            consultation=consultation, by=NOBODY, today=consultation.decided_on
        ),
    }
    while ORDER.index(Status(consultation.status)) < ORDER.index(status):
        steps[ORDER[ORDER.index(Status(consultation.status)) + 1]]()
    return consultation


def _decide_all(consultation: Consultation) -> None:
    for proposal in consultation.proposals.filter(moderation="approved", decision=""):
        actions.decide(proposal=proposal, decision=Decision.ACCEPTED, reason="", by=NOBODY)
    decided_on = consultation.ends_on + 5 * DAY
    actions.record_decision(
        consultation=consultation,
        decided_on=decided_on,
        decision_text="Програму доопрацьовано.",
        by=NOBODY,
        today=decided_on,
    )


def add_proposal(
    consultation: Consultation,
    text: str = "Відкрити денний догляд у селі",
    *,
    contact: str = "mail@resident.example",
    item_key: str = "",
    channel: Channel = Channel.EMAIL,
) -> Proposal:
    """A proposal taken into consideration (registered by staff, as if e-mailed)."""
    return actions.register_proposal(
        consultation=consultation,
        channel=channel,
        received_on=consultation.starts_on,
        text=text,
        contact=contact,
        item_key=item_key,
        by=NOBODY,
    )


def filled_form(**fields: str) -> dict[str, str]:
    """The public form's data as a person sends it: ten seconds after the page came, the
    hidden honeypot left empty."""
    return {"started": issue_stamp(time.time() - 10), "website": "", "consent": "on", **fields}


def world_consultation(world: World, status: Status = Status.DRAFT) -> Consultation:
    """One consultation of hromada A per test, kept in ``world.extra``."""
    if "consultation" not in world.extra:
        world.extra["consultation"] = make_consultation(world.hromada_a, status)
    found: Consultation = world.extra["consultation"]
    return found
