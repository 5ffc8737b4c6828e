"""Quality of social services (CMU No. 449): assessments of a provider's service over a
period with their indicators, and the register of complaints."""

from __future__ import annotations

from decimal import Decimal

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from turbota.core.models import HromadaAuditMixin, TimeStampedModel
from turbota.people.enums import AccessAction
from turbota.surveys.enums import (
    AssessmentKind,
    AssessmentStatus,
    ComplaintChannel,
    ComplaintStatus,
    IndicatorSource,
    QualityIndicator,
)


class QualityAssessment(HromadaAuditMixin, TimeStampedModel):
    """An internal (self-) or external assessment of one service of a provider over a
    period, with its quality indicators."""

    hromada = models.ForeignKey(
        "territories.Territory", verbose_name="громада", on_delete=models.PROTECT, related_name="+"
    )
    provider = models.ForeignKey(
        "providers.Provider",
        verbose_name="надавач",
        on_delete=models.PROTECT,
        related_name="quality_assessments",
    )
    service = models.ForeignKey(
        "catalog.Service", verbose_name="послуга", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("вид оцінювання", max_length=10, choices=AssessmentKind.choices)
    period_start = models.DateField("період з")
    period_end = models.DateField("період до")
    status = models.CharField(
        "стан", max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    assessors = models.TextField("хто оцінював", blank=True)
    conclusion = models.TextField("висновки і рекомендації", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="створив",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "оцінювання якості послуги"
        verbose_name_plural = "оцінювання якості послуг"
        ordering = ["-period_end", "provider", "service__code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="assessment_period_ends_after_it_starts",
            ),
            models.UniqueConstraint(
                fields=["provider", "service", "kind", "period_start", "period_end"],
                name="assessment_once_a_period",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()}: {self.service.code}, "
            f"{self.period_start:%d.%m.%Y}–{self.period_end:%d.%m.%Y}"
        )

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "Кінець періоду не може бути раніше за початок."})


class IndicatorValue(models.Model):
    """One quality indicator of an assessment as a fraction: complaints / recipients
    (per 100), granted / decided applications, trained / working staff, satisfied /
    respondents (in %)."""

    assessment = models.ForeignKey(
        QualityAssessment,
        verbose_name="оцінювання",
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    indicator = models.CharField("показник", max_length=15, choices=QualityIndicator.choices)
    numerator = models.PositiveIntegerField("чисельник", null=True, blank=True)
    denominator = models.PositiveIntegerField("знаменник", null=True, blank=True)
    source = models.CharField("джерело", max_length=10, choices=IndicatorSource.choices)
    note = models.CharField("пояснення", max_length=300, blank=True)

    class Meta:
        verbose_name = "показник якості"
        verbose_name_plural = "показники якості"
        ordering = ["assessment", "indicator"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "indicator"], name="indicator_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_indicator_display()}: {self.value}"

    @property
    def value(self) -> Decimal | None:
        """Per 100 (complaints) or in percent (the others), to one decimal place."""
        if self.numerator is None or not self.denominator:
            return None
        return (Decimal(100) * self.numerator / self.denominator).quantize(Decimal("0.1"))


class Complaint(HromadaAuditMixin, TimeStampedModel):
    """A complaint about a provider's services, in the hromada's register. One that names
    a person is personal data: only the hromada's staff and that provider's staff open
    it, and every opening is logged (``ComplaintAccess``)."""

    hromada = models.ForeignKey(
        "territories.Territory", verbose_name="громада", on_delete=models.PROTECT, related_name="+"
    )
    number = models.PositiveIntegerField("реєстраційний номер")
    provider = models.ForeignKey(
        "providers.Provider",
        verbose_name="надавач",
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    service = models.ForeignKey(
        "catalog.Service",
        verbose_name="послуга",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    received_on = models.DateField("дата надходження")
    channel = models.CharField("як надійшла", max_length=10, choices=ComplaintChannel.choices)
    summary = models.TextField("суть скарги")
    complainant_name = models.CharField(
        "хто скаржиться (прізвище, ім'я)", max_length=300, blank=True
    )
    complainant_contact = models.CharField("контакти для відповіді", max_length=300, blank=True)
    names_person = models.BooleanField(
        "називає особу",
        default=False,
        help_text="скарга містить ім'я, контакти або інші дані, за якими можна впізнати людину",
    )
    status = models.CharField(
        "стан розгляду",
        max_length=15,
        choices=ComplaintStatus.choices,
        default=ComplaintStatus.REGISTERED,
    )
    outcome = models.TextField("результат розгляду", blank=True)
    resolved_on = models.DateField("дата рішення", null=True, blank=True)

    class Meta:
        verbose_name = "скарга"
        verbose_name_plural = "реєстр скарг"
        ordering = ["-received_on", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["hromada", "number"], name="complaint_number_once"),
            models.CheckConstraint(
                condition=Q(resolved_on__isnull=True) | Q(resolved_on__gte=F("received_on")),
                name="complaint_resolved_after_received",
            ),
        ]

    def __str__(self) -> str:
        # Never the complainant: the audit trail and the admin print this.
        return f"Скарга № {self.number}"

    def clean(self) -> None:
        if self.resolved_on and self.received_on and self.resolved_on < self.received_on:
            raise ValidationError({"resolved_on": "Рішення не може бути раніше за скаргу."})


class ComplaintAccess(models.Model):
    """One opening of a complaint that names a person: who, when, how."""

    complaint = models.ForeignKey(
        Complaint, verbose_name="скарга", on_delete=models.CASCADE, related_name="accesses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="користувач",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField("ім'я користувача", max_length=150)
    role = models.CharField("роль", max_length=200, blank=True)
    action = models.CharField("дія", max_length=10, choices=AccessAction.choices)
    via = models.CharField("де", max_length=200)
    at = models.DateTimeField("коли", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "доступ до скарги"
        verbose_name_plural = "журнал доступу до скарг"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.username}: {self.get_action_display()} {self.at:%d.%m.%Y %H:%M}"


auditlog.register(QualityAssessment)
auditlog.register(IndicatorValue)
# The audit trail records that the complainant's data changed, not the data itself.
auditlog.register(
    Complaint, mask_fields=["summary", "complainant_name", "complainant_contact", "outcome"]
)
