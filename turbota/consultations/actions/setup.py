"""Writes that prepare a consultation: the consultation itself on its document, its public
meetings and registrations for them, uploaded documents and their sections, the rules."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from turbota.accounts.permissions import AnyUser
from turbota.consultations import subjects
from turbota.consultations.actions.base import actor
from turbota.consultations.actions.status import announcement_problems
from turbota.consultations.enums import Channel, ConsultationStatus
from turbota.consultations.models import (
    Consultation,
    ConsultationDocument,
    ConsultationRules,
    DocumentSection,
    Meeting,
    MeetingRegistration,
)
from turbota.consultations.uploads import check_document
from turbota.territories.models import Territory

EDITABLE = {ConsultationStatus.DRAFT, ConsultationStatus.ANNOUNCED}
MEETINGS_EDITABLE = EDITABLE | {ConsultationStatus.OPEN, ConsultationStatus.CLOSED}
REGISTRATION_OPEN = {ConsultationStatus.ANNOUNCED, ConsultationStatus.OPEN}


def save_consultation(*, consultation: Consultation, subject: Model, by: AnyUser) -> Consultation:
    """Create or change a consultation on ``subject``, a registered document of the same
    hromada. Only a draft changes its document; after the proposals open nothing here does."""
    if consultation.pk and consultation.status not in EDITABLE:
        raise ValidationError("Після початку прийому пропозицій оголошення не змінюють.")
    if not subjects.is_registered(subject):
        raise ValidationError("Цей документ не можна обговорювати.")
    subject_type = subjects.type_of(subject)
    if subject_type.hromada(subject).pk != consultation.hromada_id:
        raise ValidationError("Документ належить іншій громаді.")
    if consultation.ends_on < consultation.starts_on:
        raise ValidationError("Прийом пропозицій не може завершитися раніше, ніж почався.")
    if consultation.pk and consultation.status != ConsultationStatus.DRAFT:
        old = Consultation.objects.get(pk=consultation.pk)
        if (old.subject_type_id, old.subject_id) != (_type_id(subject), subject.pk):
            raise ValidationError("Документ оголошеної консультації не змінюють.")
    with transaction.atomic():
        consultation.subject = subject
        if consultation.status == ConsultationStatus.ANNOUNCED:  # still true as announced
            problems = announcement_problems(consultation)
            if problems:
                raise ValidationError(problems)
        consultation.subject_title = subject_type.title(subject)[:500]
        if not consultation.pk:
            consultation.created_by = actor(by)
        consultation.save()
    return consultation


def _type_id(subject: Model) -> int:
    return ContentType.objects.get_for_model(subject).pk


def save_meeting(*, meeting: Meeting) -> Meeting:
    consultation = meeting.consultation
    if consultation.status not in MEETINGS_EDITABLE:
        raise ValidationError("Після рішення за результатами обговорення зустрічі не змінюють.")
    if not consultation.starts_on <= meeting.date <= consultation.ends_on:
        raise ValidationError(
            f"Обговорення має відбутися в період прийому пропозицій "
            f"({consultation.starts_on:%d.%m.%Y}–{consultation.ends_on:%d.%m.%Y})."
        )
    with transaction.atomic():
        meeting.save()
    return meeting


def registration_problem(
    meeting: Meeting, *, channel: Channel, today: datetime.date, registered: int | None = None
) -> str:
    """Why nobody can register for the meeting now (in words); empty when they can.
    ``registered``: the count, when the caller has it already."""
    if meeting.consultation.status not in REGISTRATION_OPEN:
        return "Реєстрацію на обговорення завершено."
    if meeting.date < today:
        return "Це обговорення вже відбулося."
    if channel == Channel.WEB and not meeting.online_registration:
        return "На це обговорення реєструються інакше: див. оголошення."
    if registered is None:
        registered = meeting.registrations.count()
    if meeting.capacity is not None and registered >= meeting.capacity:
        return "Усі місця на це обговорення вже зайняті."
    return ""


def register_for_meeting(
    *,
    meeting: Meeting,
    name: str,
    contact: str,
    channel: Channel,
    by: AnyUser,
    today: datetime.date | None = None,
) -> MeetingRegistration:
    """One more participant, within the capacity. The public registers on the site only
    where the meeting offers it; staff register those who phoned or came."""
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = (
            Meeting.objects.select_for_update().select_related("consultation").get(pk=meeting.pk)
        )
        problem = registration_problem(locked, channel=channel, today=today)
        if problem:
            raise ValidationError(problem)
        return MeetingRegistration.objects.create(
            meeting=locked,
            name=name.strip(),
            contact=contact.strip(),
            channel=channel,
            registered_by=actor(by),
        )


def upload_document(
    *, hromada: Territory, title: str, upload: File[bytes], by: AnyUser, demonstration: bool = False
) -> ConsultationDocument:
    """Keep an uploaded PDF or DOCX (checked by content and size) to consult on."""
    name = upload.name or "document"
    kind = check_document(upload, name=name, size=upload.size or 0)
    with transaction.atomic():
        document = ConsultationDocument(
            hromada=hromada,
            title=title.strip(),
            original_name=name.rsplit("/", 1)[-1][:255],
            kind=kind,
            size=upload.size or 0,
            uploaded_by=actor(by),
            is_demonstration=demonstration,
        )
        document.file.save(name, upload, save=False)
        document.save()
    return document


def set_sections(
    *, document: ConsultationDocument, titles: Sequence[tuple[int | None, str]]
) -> None:
    """The document's sections in order: ``(pk or None for a new one, title)``; sections
    not listed are removed (proposals keep their snapshot of the name)."""
    with transaction.atomic():
        existing = {s.pk: s for s in document.sections.all()}
        kept = set()
        for position, (pk, title) in enumerate(titles, start=1):
            section = existing.get(pk) if pk else None
            if section is None:
                section = DocumentSection(document=document)
            section.position, section.title = position, title.strip()
            section.save()
            kept.add(section.pk)
        DocumentSection.objects.filter(document=document).exclude(pk__in=kept).delete()


def save_rules(*, rules: ConsultationRules, hromada: Territory) -> ConsultationRules:
    """The hromada's own rules (a copy of the default the first time)."""
    with transaction.atomic():
        if rules.hromada_id != hromada.pk:  # the default, edited: becomes the hromada's own
            rules.pk, rules.hromada = None, hromada
            rules._state.adding = True
        rules.save()
    return rules
