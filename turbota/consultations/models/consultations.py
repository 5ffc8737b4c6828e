"""A consultation: topic, the document consulted on, the period of proposals, public
meetings, ways to send proposals, the responsible person, and its status with a log."""

from __future__ import annotations

import datetime

from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from turbota.consultations.enums import Channel, ConsultationStatus
from turbota.core.models import HromadaAuditMixin, TimeStampedModel

PUBLIC_STATUSES = [status for status in ConsultationStatus if status != ConsultationStatus.DRAFT]


class ConsultationRules(TimeStampedModel):
    """The rules a hromada's own regulation on consultations sets (reference data: the
    10-day report is seed 000's; the 15-day discussion is "commonly", to verify). The row
    without a hromada is the default for every hromada that has none of its own."""

    hromada = models.OneToOneField(
        "territories.Territory",
        verbose_name="громада",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"category": "H"},
        help_text="порожньо — правило для всіх громад, що не мають власного",
    )
    report_days = models.PositiveSmallIntegerField(
        "звіт оприлюднюється не пізніше ніж через, календарних днів після рішення",
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    min_discussion_days = models.PositiveSmallIntegerField(
        "найкоротший строк прийому пропозицій, календарних днів",
        default=15,
        validators=[MaxValueValidator(365)],
        help_text="0 — без обмеження",
    )
    legal_basis = models.CharField("підстава (положення про консультації)", max_length=300)

    class Meta:
        verbose_name = "правила консультацій"
        verbose_name_plural = "правила консультацій"
        ordering = ["hromada__sort_key", "pk"]

    def __str__(self) -> str:
        return f"звіт за {self.report_days} дн., обговорення від {self.min_discussion_days} дн."

    def clean(self) -> None:
        # A NULL hromada is not unique in SQL: the single default row is checked here.
        defaults = ConsultationRules.objects.filter(hromada__isnull=True).exclude(pk=self.pk)
        if self.hromada_id is None and defaults.exists():
            raise ValidationError("Правило для всіх громад уже є; змініть його.")


class ConsultationQuerySet(models.QuerySet["Consultation"]):
    def public(self) -> ConsultationQuerySet:
        return self.exclude(status=ConsultationStatus.DRAFT)


class Consultation(HromadaAuditMixin, TimeStampedModel):
    hromada = models.ForeignKey(
        "territories.Territory",
        verbose_name="громада",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"category": "H"},
    )
    topic = models.CharField("тема консультацій", max_length=500)
    description = models.TextField("про що консультації", blank=True)
    organiser = models.CharField(
        "організатор",
        max_length=500,
        help_text="хто проводить, напр. управління соціального "
        "захисту населення спільно з центром надання соціальних послуг",
    )
    subject_type = models.ForeignKey(
        ContentType, verbose_name="вид документа", on_delete=models.PROTECT, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField("документ (ідентифікатор)")
    subject = GenericForeignKey("subject_type", "subject_id")
    subject_title = models.CharField(
        "назва документа", max_length=500, help_text="як її було оголошено"
    )
    starts_on = models.DateField("прийом пропозицій з")
    ends_on = models.DateField("прийом пропозицій до (включно)")
    accepts_web = models.BooleanField("пропозиції через вебформу", default=True)
    email = models.EmailField("електронна адреса для пропозицій", blank=True)
    postal_address = models.CharField("поштова адреса для пропозицій", max_length=300, blank=True)
    responsible_person = models.CharField("відповідальна особа організатора", max_length=200)
    responsible_contacts = models.CharField(
        "контакти відповідальної особи", max_length=300, help_text="телефон, електронна пошта"
    )
    enquiries = models.TextField(
        "де отримати роз'яснення", blank=True, help_text="адреса або телефон для консультацій"
    )
    status = models.CharField(
        "стан", max_length=20, choices=ConsultationStatus.choices, default=ConsultationStatus.DRAFT
    )
    decided_on = models.DateField("дата рішення за результатами", null=True, blank=True)
    decision_text = models.TextField("рішення за результатами обговорення", blank=True)
    report_days = models.PositiveSmallIntegerField(
        "строк звіту, календарних днів після рішення",
        null=True,
        blank=True,
        help_text="за правилами громади на день рішення",
    )
    report_published_on = models.DateField("звіт оприлюднено", null=True, blank=True)
    is_demonstration = models.BooleanField("демонстраційні дані", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="створив",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = "консультація з громадськістю"
        verbose_name_plural = "консультації з громадськістю"
        ordering = ["-starts_on", "-pk"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id"]),
            models.Index(fields=["hromada", "status"]),
            models.Index(fields=["status", "starts_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="consultation_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.topic

    @property
    def is_public(self) -> bool:
        return self.status != ConsultationStatus.DRAFT

    @property
    def discussion_days(self) -> int:
        """Calendar days of the proposal period, both ends included."""
        return (self.ends_on - self.starts_on).days + 1

    @property
    def report_due_on(self) -> datetime.date | None:
        if self.decided_on is None or self.report_days is None:
            return None
        return self.decided_on + datetime.timedelta(days=self.report_days)


class ConsultationTransition(models.Model):
    """One step of a consultation's status: who moved it from what to what, and when."""

    consultation = models.ForeignKey(
        Consultation,
        verbose_name="консультація",
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    from_status = models.CharField("з", max_length=20, choices=ConsultationStatus.choices)
    to_status = models.CharField("до", max_length=20, choices=ConsultationStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="хто",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField("коли", auto_now_add=True)

    class Meta:
        verbose_name = "зміна стану консультації"
        verbose_name_plural = "зміни стану консультацій"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class Meeting(models.Model):
    """A public meeting (публічне громадське обговорення) of a consultation."""

    consultation = models.ForeignKey(
        Consultation, verbose_name="консультація", on_delete=models.CASCADE, related_name="meetings"
    )
    date = models.DateField("дата")
    starts_at = models.TimeField("час початку")
    address = models.CharField("адреса", max_length=300)
    registration_info = models.TextField(
        "як зареєструватися", blank=True, help_text="напр. за попередньою заявкою за телефоном"
    )
    capacity = models.PositiveIntegerField(
        "найбільше учасників", null=True, blank=True, help_text="порожньо — без обмеження"
    )
    online_registration = models.BooleanField("реєстрація на сайті", default=False)
    participants = models.PositiveIntegerField(
        "було присутніх (за листом реєстрації)", null=True, blank=True
    )

    class Meta:
        verbose_name = "публічне обговорення"
        verbose_name_plural = "публічні обговорення"
        ordering = ["date", "starts_at", "pk"]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} о {self.starts_at:%H:%M}, {self.address}"


class MeetingRegistration(models.Model):
    """Someone who registered for a meeting. Name and contact are personal data: only the
    hromada's staff read them; everyone else sees the count."""

    meeting = models.ForeignKey(
        Meeting, verbose_name="обговорення", on_delete=models.CASCADE, related_name="registrations"
    )
    name = models.CharField("ім'я", max_length=200)
    contact = models.CharField("контакт", max_length=200)
    channel = models.CharField("як зареєструвався", max_length=10, choices=Channel.choices)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="зареєстрував працівник",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("зареєстровано", auto_now_add=True)

    class Meta:
        verbose_name = "реєстрація на обговорення"
        verbose_name_plural = "реєстрації на обговорення"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"реєстрація № {self.pk}"

    def get_additional_data(self) -> dict[str, object]:
        return {"hromada_id": self.meeting.consultation.hromada_id}


auditlog.register(ConsultationRules)
auditlog.register(Consultation)
auditlog.register(Meeting)
# The audit trail is read more widely than the registrations: names and contacts masked.
auditlog.register(MeetingRegistration, mask_fields=["name", "contact"])
