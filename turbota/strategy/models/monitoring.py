"""Monitoring: a period (a year or a quarter) in which staff report, per task or measure,
what was done, the money spent and the status; the period is submitted, approved and then
locked until someone reopens it (logged)."""

from __future__ import annotations

import datetime

from auditlog.registry import auditlog
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from turbota.strategy.enums import MeasureStatus, PeriodStatus
from turbota.strategy.models.strategy import YEARS, Strategy
from turbota.strategy.models.tree import FundingSource, Node

QUARTER_LABELS = {1: "I", 2: "II", 3: "III", 4: "IV"}
PERCENT = [MinValueValidator(0), MaxValueValidator(1000)]


class MonitoringPeriod(models.Model):
    strategy = models.ForeignKey(
        Strategy, verbose_name="стратегія", on_delete=models.CASCADE, related_name="periods"
    )
    year = models.PositiveSmallIntegerField("рік", validators=YEARS)
    quarter = models.PositiveSmallIntegerField(
        "квартал",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text="порожньо — річний звіт",
    )
    status = models.CharField(
        "стан", max_length=10, choices=PeriodStatus.choices, default=PeriodStatus.OPEN
    )
    note = models.TextField("загальний коментар", blank=True)
    approved_at = models.DateTimeField("затверджено", null=True, blank=True)

    class Meta:
        verbose_name = "період моніторингу"
        verbose_name_plural = "періоди моніторингу"
        ordering = ["strategy", "year", "quarter"]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("strategy:period", kwargs={"pk": self.pk})

    @property
    def label(self) -> str:
        if self.quarter:
            return f"{QUARTER_LABELS[self.quarter]} квартал {self.year} року"
        return f"{self.year} рік"

    @property
    def ends_on(self) -> datetime.date:
        if not self.quarter:
            return datetime.date(self.year, 12, 31)
        following = datetime.date(self.year + (self.quarter == 4), self.quarter % 4 * 3 + 1, 1)
        return following - datetime.timedelta(days=1)

    @property
    def is_locked(self) -> bool:
        return self.status == PeriodStatus.APPROVED

    @property
    def is_open(self) -> bool:
        return self.status == PeriodStatus.OPEN


class PeriodTransition(models.Model):
    period = models.ForeignKey(
        MonitoringPeriod,
        verbose_name="період",
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    from_status = models.CharField("з", max_length=10, choices=PeriodStatus.choices)
    to_status = models.CharField("до", max_length=10, choices=PeriodStatus.choices)
    reason = models.TextField("причина", blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="хто",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField("коли", auto_now_add=True)

    class Meta:
        verbose_name = "зміна стану періоду моніторингу"
        verbose_name_plural = "зміни стану періодів моніторингу"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class MeasureReport(models.Model):
    """One row of the monitoring form (Melitopol annex 1) for a task or measure."""

    period = models.ForeignKey(
        MonitoringPeriod, verbose_name="період", on_delete=models.CASCADE, related_name="reports"
    )
    node = models.ForeignKey(
        Node, verbose_name="завдання чи захід", on_delete=models.CASCADE, related_name="reports"
    )
    done = models.TextField("що зроблено", blank=True)
    status = models.CharField(
        "стан виконання",
        max_length=12,
        choices=MeasureStatus.choices,
        default=MeasureStatus.NOT_STARTED,
    )
    started_on = models.DateField("дата початку", null=True, blank=True)
    planned_end_on = models.DateField("запланована дата завершення", null=True, blank=True)
    finished_on = models.DateField("фактична дата завершення", null=True, blank=True)
    comment = models.TextField("коментарі", blank=True)
    is_demo = models.BooleanField("демонстраційний запис", default=False)
    version = models.PositiveIntegerField("версія запису", default=1)

    class Meta:
        verbose_name = "звіт про виконання заходу"
        verbose_name_plural = "звіти про виконання заходів"
        ordering = ["period", "node__position"]
        constraints = [
            models.UniqueConstraint(fields=["period", "node"], name="measure_report_once")
        ]

    def __str__(self) -> str:
        return f"{self.period}: {self.node}"


class ActualFunding(models.Model):
    report = models.ForeignKey(
        MeasureReport,
        verbose_name="звіт про виконання",
        on_delete=models.CASCADE,
        related_name="funding",
    )
    source = models.ForeignKey(
        FundingSource,
        verbose_name="джерело",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    amount = models.DecimalField(
        "фактично профінансовано, тис. грн", max_digits=14, decimal_places=3
    )

    class Meta:
        verbose_name = "фактичне фінансування"
        verbose_name_plural = "фактичне фінансування"
        ordering = ["report", "source"]

    def __str__(self) -> str:
        return f"{self.source or 'без джерела'}: {self.amount}"


class RagSettings(models.Model):
    """The thresholds of the red/amber/green rules (decision 0018), editable by an
    administrator; one row, created with these defaults on first use."""

    name = models.CharField("назва", max_length=60, unique=True, default="default")
    funding_green_percent = models.DecimalField(
        "фінансування: «зелений», якщо відхилення від плану не більше, %",
        max_digits=5,
        decimal_places=1,
        default=10,
        validators=PERCENT,
    )
    funding_amber_percent = models.DecimalField(
        "фінансування: «жовтий», якщо відхилення не більше, % (інакше «червоний»)",
        max_digits=5,
        decimal_places=1,
        default=30,
        validators=PERCENT,
    )
    indicator_green_percent = models.DecimalField(
        "індикатор: «зелений», якщо досягнуто цілі щонайменше на, %",
        max_digits=5,
        decimal_places=1,
        default=95,
        validators=PERCENT,
    )
    indicator_amber_percent = models.DecimalField(
        "індикатор: «жовтий», якщо досягнуто щонайменше на, % (інакше «червоний»)",
        max_digits=5,
        decimal_places=1,
        default=75,
        validators=PERCENT,
    )
    rollup_green_score = models.DecimalField(
        "зведення: «зелений», якщо середній бал складових щонайменше",
        max_digits=5,
        decimal_places=1,
        default=80,
        validators=PERCENT,
    )
    rollup_amber_score = models.DecimalField(
        "зведення: «жовтий», якщо середній бал щонайменше (інакше «червоний»)",
        max_digits=5,
        decimal_places=1,
        default=50,
        validators=PERCENT,
    )

    class Meta:
        verbose_name = "правила кольорового статусу (RAG)"
        verbose_name_plural = "правила кольорового статусу (RAG)"

    def __str__(self) -> str:
        return f"Правила RAG «{self.name}»"

    @classmethod
    def current(cls) -> RagSettings:
        settings_row, _ = cls.objects.get_or_create(name="default")
        return settings_row


for _model in (MonitoringPeriod, MeasureReport, ActualFunding, RagSettings):
    auditlog.register(_model, exclude_fields=["version"])
