"""A consultation's life, one action per step, each checked and logged:
draft → announced → open for proposals → closed → decided → report published."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from turbota.accounts.permissions import AnyUser
from turbota.consultations import subjects
from turbota.consultations.actions.base import actor
from turbota.consultations.enums import ConsultationStatus
from turbota.consultations.models import Consultation, ConsultationTransition
from turbota.consultations.queries import approved_proposals, pending_proposals, rules_for

Status = ConsultationStatus


def _locked(consultation: Consultation, *, expected: Status, to: Status) -> Consultation:
    """The caller's consultation, re-read under a row lock (two clicks make one step), and
    refused unless it is in ``expected``."""
    Consultation.objects.select_for_update().filter(pk=consultation.pk).first()
    consultation.refresh_from_db()
    if consultation.status != expected:
        raise ValidationError(
            f"Консультація в стані «{consultation.get_status_display()}»: перейти до «{to.label}» "
            f"можна лише зі стану «{expected.label}»."
        )
    return consultation


def _step(
    consultation: Consultation, *, to: Status, by: AnyUser, fields: list[str]
) -> Consultation:
    """Log the step and move the (locked, checked) consultation to ``to``, saving ``fields``."""
    ConsultationTransition.objects.create(
        consultation=consultation, from_status=consultation.status, to_status=to, by=actor(by)
    )
    consultation.status = to
    consultation.save(update_fields=["status", "updated_at", *fields])
    return consultation


def announcement_problems(consultation: Consultation) -> list[str]:
    """What keeps a draft from being announced, in words; empty when it may be."""
    problems = []
    subject = consultation.subject
    if subject is None or not subjects.is_registered(subject):
        problems.append("Документ для обговорення не знайдено: оберіть його знову.")
    elif subjects.type_of(subject).public_url(subject) is None:
        problems.append(
            "Документ ще не оприлюднено: мешканці не зможуть його прочитати. Оприлюдніть "
            "його або завантажте файл."
        )
    minimum = rules_for(consultation.hromada).min_discussion_days
    if consultation.discussion_days < minimum:
        problems.append(
            f"Пропозиції приймаються {consultation.discussion_days} дн., а правила громади "
            f"вимагають щонайменше {minimum} календарних днів."
        )
    if not (consultation.accepts_web or consultation.email or consultation.postal_address):
        problems.append("Зазначте хоча б один спосіб подати пропозиції.")
    return problems


def announce(*, consultation: Consultation, by: AnyUser) -> Consultation:
    """Publish the announcement: from now the public page, the document and the meetings
    are open to everyone."""
    with transaction.atomic():
        locked = _locked(consultation, expected=Status.DRAFT, to=Status.ANNOUNCED)
        problems = announcement_problems(locked)
        if problems:
            raise ValidationError(problems)
        subject = locked.subject
        assert subject is not None
        locked.subject_title = subjects.type_of(subject).title(subject)[:500]
        return _step(locked, to=Status.ANNOUNCED, by=by, fields=["subject_title"])


def open_for_proposals(
    *, consultation: Consultation, by: AnyUser, today: datetime.date | None = None
) -> Consultation:
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = _locked(consultation, expected=Status.ANNOUNCED, to=Status.OPEN)
        if today < locked.starts_on:
            raise ValidationError(
                f"Прийом пропозицій оголошено з {locked.starts_on:%d.%m.%Y}: раніше його "
                "не відкривають."
            )
        return _step(locked, to=Status.OPEN, by=by, fields=[])


def close_proposals(
    *, consultation: Consultation, by: AnyUser, today: datetime.date | None = None
) -> Consultation:
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = _locked(consultation, expected=Status.OPEN, to=Status.CLOSED)
        if today <= locked.ends_on:
            raise ValidationError(
                f"Пропозиції приймаються до {locked.ends_on:%d.%m.%Y} включно: завершити прийом "
                "можна з наступного дня."
            )
        return _step(locked, to=Status.CLOSED, by=by, fields=[])


def decision_problems(consultation: Consultation) -> list[str]:
    problems = []
    pending = pending_proposals(consultation).count()
    if pending:
        problems.append(f"Пропозицій чекають модерації: {pending}.")
    undecided = approved_proposals(consultation).filter(decision="").count()
    if undecided:
        problems.append(f"Пропозицій без рішення: {undecided}.")
    return problems


def record_decision(
    *,
    consultation: Consultation,
    decided_on: datetime.date,
    decision_text: str,
    by: AnyUser,
    today: datetime.date | None = None,
) -> Consultation:
    """The decision on the results (e.g. the strategy amended): every proposal must have its
    own decision first. The report is then due in the hromada's N calendar days."""
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = _locked(consultation, expected=Status.CLOSED, to=Status.DECIDED)
        problems = decision_problems(locked)
        if decided_on > today:
            problems.append("Дата рішення не може бути в майбутньому.")
        if decided_on <= locked.ends_on:
            problems.append("Рішення приймають після завершення прийому пропозицій.")
        if not decision_text.strip():
            problems.append("Опишіть рішення за результатами обговорення.")
        if problems:
            raise ValidationError(problems)
        locked.decided_on = decided_on
        locked.decision_text = decision_text.strip()
        locked.report_days = rules_for(locked.hromada).report_days
        fields = ["decided_on", "decision_text", "report_days"]
        return _step(locked, to=Status.DECIDED, by=by, fields=fields)


def publish_report(
    *, consultation: Consultation, by: AnyUser, today: datetime.date | None = None
) -> Consultation:
    """Publish the report on results (its page and downloads open to everyone)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = _locked(consultation, expected=Status.DECIDED, to=Status.REPORT_PUBLISHED)
        if locked.decided_on is not None and today < locked.decided_on:
            raise ValidationError("Звіт оприлюднюють після рішення.")
        locked.report_published_on = today
        return _step(locked, to=Status.REPORT_PUBLISHED, by=by, fields=["report_published_on"])
