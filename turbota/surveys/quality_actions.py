"""Writes of the quality of services: assessments and their indicators, the complaints
register and the log of who opened a complaint that names a person."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from turbota.accounts.permissions import AnyUser, roles
from turbota.catalog.models import Service
from turbota.people.enums import AccessAction
from turbota.providers.models import Provider
from turbota.surveys import quality_queries
from turbota.surveys.enums import (
    AssessmentKind,
    AssessmentStatus,
    ComplaintStatus,
    IndicatorSource,
    QualityIndicator,
)
from turbota.surveys.models import Complaint, ComplaintAccess, IndicatorValue, QualityAssessment

DECIDED = (ComplaintStatus.UPHELD, ComplaintStatus.PARTLY_UPHELD, ComplaintStatus.REJECTED)


def start_assessment(
    *,
    provider: Provider,
    service: Service,
    kind: AssessmentKind,
    period: quality_queries.Period,
    by: AnyUser,
) -> QualityAssessment:
    """A draft assessment with every indicator Turbota can compute filled in; the others
    wait to be entered."""
    if period.end < period.start:
        raise ValidationError("Кінець періоду не може бути раніше за початок.")
    try:
        with transaction.atomic():
            assessment = QualityAssessment.objects.create(
                hromada_id=provider.hromada_id,
                provider=provider,
                service=service,
                kind=kind,
                period_start=period.start,
                period_end=period.end,
                created_by=by if by.is_authenticated else None,
            )
            _fill(assessment)
    except IntegrityError:
        raise ValidationError("Таке оцінювання цієї послуги за цей період уже розпочато.") from None
    return assessment


def _period(assessment: QualityAssessment) -> quality_queries.Period:
    return quality_queries.Period(assessment.period_start, assessment.period_end)


def _fill(assessment: QualityAssessment) -> None:
    found = quality_queries.computed(assessment.provider, assessment.service, _period(assessment))
    working = quality_queries.staff_working(assessment.provider)
    for indicator in QualityIndicator:
        fraction = found.get(indicator)
        values: dict[str, object] = {
            "numerator": None,
            "denominator": None,
            "source": IndicatorSource.ENTERED,
            "note": "",
        }
        if fraction is not None:
            values = {
                "numerator": fraction.numerator,
                "denominator": fraction.denominator,
                "source": IndicatorSource.COMPUTED,
                "note": fraction.note[:300],
            }
        elif indicator == QualityIndicator.STAFF_TRAINED and working:
            values["denominator"] = working
            values["note"] = (
                "працює за реєстром надавачів; кількість тих, хто пройшов навчання, введіть"
            )
        IndicatorValue.objects.update_or_create(
            assessment=assessment, indicator=indicator, defaults=values
        )


def recompute(*, assessment: QualityAssessment) -> None:
    """Fill the computed indicators again from the data as it is now (entered ones stay)."""
    _check_draft(assessment)
    entered = set(
        assessment.indicators.filter(source=IndicatorSource.ENTERED)
        .exclude(numerator=None)
        .values_list("indicator", flat=True)
    )
    with transaction.atomic():
        kept = {v.indicator: v for v in assessment.indicators.filter(indicator__in=entered)}
        _fill(assessment)
        for value in kept.values():
            value.save()


def _check_draft(assessment: QualityAssessment) -> None:
    if assessment.status != AssessmentStatus.DRAFT:
        raise ValidationError("Завершене оцінювання не змінюють.")


@dataclass(frozen=True)
class Entered:
    numerator: int | None
    denominator: int | None
    note: str = ""


def save_indicators(
    *,
    assessment: QualityAssessment,
    values: dict[QualityIndicator, Entered],
    assessors: str,
    conclusion: str,
) -> None:
    """The indicators as the assessor leaves them: a value changed by hand is "entered"."""
    _check_draft(assessment)
    for indicator, given in values.items():
        top, bottom = given.numerator, given.denominator
        share = indicator != QualityIndicator.COMPLAINTS
        if share and top is not None and bottom is not None and top > bottom:
            raise ValidationError(f"«{indicator.label}»: чисельник не може перевищувати знаменник.")
    with transaction.atomic():
        for value in assessment.indicators.all():
            entered = values.get(QualityIndicator(value.indicator))
            if entered is None:
                continue
            changed = (entered.numerator, entered.denominator) != (
                value.numerator,
                value.denominator,
            )
            if changed or entered.note != value.note:
                value.numerator, value.denominator = entered.numerator, entered.denominator
                value.note = entered.note[:300]
                if changed:
                    value.source = IndicatorSource.ENTERED
                value.save()
        assessment.assessors, assessment.conclusion = assessors, conclusion
        assessment.save(update_fields=["assessors", "conclusion", "updated_at"])


def finish_assessment(*, assessment: QualityAssessment) -> QualityAssessment:
    """Close the assessment: from now on it is the record of that period."""
    _check_draft(assessment)
    assessment.status = AssessmentStatus.FINAL
    assessment.save(update_fields=["status", "updated_at"])
    return assessment


def record_complaint_access(
    *, complaint: Complaint, user: AnyUser, action: AccessAction, via: str
) -> None:
    """Log that ``user`` opened (or changed) a complaint that names a person."""
    if not complaint.names_person:
        return
    ComplaintAccess.objects.create(
        complaint=complaint,
        user=user if user.is_authenticated else None,
        username=user.get_username() if user.is_authenticated else "",
        role=", ".join(sorted(roles(user))),
        action=action,
        via=via[:200],
    )


def _check_complaint(complaint: Complaint) -> None:
    if complaint.complainant_name or complaint.complainant_contact:
        complaint.names_person = True
    if complaint.status in DECIDED and not (complaint.outcome and complaint.resolved_on):
        raise ValidationError("Для рішення за скаргою вкажіть результат розгляду і дату рішення.")
    if complaint.status not in DECIDED and complaint.resolved_on:
        raise ValidationError({"resolved_on": "Дату рішення вказують, коли скаргу розглянуто."})
    if (
        complaint.service_id
        and not complaint.provider.services.filter(service_id=complaint.service_id).exists()
    ):
        raise ValidationError({"service": "Цей надавач не надає такої послуги."})
    complaint.full_clean(exclude=["hromada", "number"])


def register_complaint(*, complaint: Complaint, user: AnyUser, via: str) -> Complaint:
    """Put a complaint in the hromada's register under the next number."""
    complaint.hromada_id = complaint.provider.hromada_id
    _check_complaint(complaint)
    with transaction.atomic():
        last = Complaint.objects.filter(hromada_id=complaint.hromada_id).aggregate(n=Max("number"))
        complaint.number = (last["n"] or 0) + 1
        complaint.save()
        record_complaint_access(
            complaint=complaint, user=user, action=AccessAction.CHANGED, via=via
        )
    return complaint


def update_complaint(*, complaint: Complaint, user: AnyUser, via: str) -> Complaint:
    """Save the review of a complaint (its state, outcome, date of decision)."""
    _check_complaint(complaint)
    with transaction.atomic():
        complaint.save()
        record_complaint_access(
            complaint=complaint, user=user, action=AccessAction.CHANGED, via=via
        )
    return complaint
