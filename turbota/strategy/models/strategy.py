"""A strategy document of a hromada for a period, in editions (drafts, the one adopted by
the council, later amended ones), with what its text says besides the goals tree."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from turbota.core.models import HromadaAuditMixin, TimeStampedModel
from turbota.strategy.enums import (
    IN_FORCE,
    ScenarioKind,
    StrategyStatus,
    SwotQuadrant,
    WorkingGroupRole,
)

YEARS = [MinValueValidator(1991), MaxValueValidator(2100)]


class Strategy(HromadaAuditMixin, TimeStampedModel):
    hromada = models.ForeignKey(
        "territories.Territory",
        verbose_name="громада",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"category": "H"},
    )
    title = models.TextField("назва")
    period_start = models.PositiveSmallIntegerField("перший рік", validators=YEARS)
    period_end = models.PositiveSmallIntegerField("останній рік", validators=YEARS)
    edition = models.PositiveSmallIntegerField("редакція", default=1)
    based_on = models.ForeignKey(
        "self",
        verbose_name="попередня редакція",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        "стан", max_length=12, choices=StrategyStatus.choices, default=StrategyStatus.DRAFT
    )
    decision_number = models.CharField("номер рішення ради", max_length=60, blank=True)
    decided_on = models.DateField("дата рішення ради", null=True, blank=True)
    is_published = models.BooleanField("оприлюднено", default=False)
    published_at = models.DateTimeField("коли оприлюднено", null=True, blank=True)
    mission = models.TextField("місія", blank=True)
    vision = models.TextField("візія (бачення)", blank=True)
    values = models.TextField("цінності (по одній у рядку)", blank=True)
    source_name = models.CharField("файл, з якого імпортовано", max_length=255, blank=True)
    source_checksum = models.CharField("контрольна сума файлу", max_length=64, blank=True)
    import_warnings = models.JSONField("зауваження імпорту", default=list, blank=True)
    version = models.PositiveIntegerField("версія запису", default=1)

    class Meta:
        verbose_name = "стратегія"
        verbose_name_plural = "стратегії"
        ordering = ["-period_start", "-edition"]
        constraints = [
            models.UniqueConstraint(
                fields=["hromada", "period_start", "period_end", "edition"],
                name="strategy_edition_once",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="strategy_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (редакція {self.edition})"

    def get_absolute_url(self) -> str:
        return reverse("strategy:detail", kwargs={"pk": self.pk})

    @property
    def period(self) -> str:
        return f"{self.period_start}-{self.period_end}"

    @property
    def years(self) -> range:
        return range(self.period_start, self.period_end + 1)

    @property
    def in_force(self) -> bool:
        return self.status in IN_FORCE

    @property
    def is_public(self) -> bool:
        return self.in_force and self.is_published

    def value_list(self) -> list[str]:
        return [line.strip() for line in self.values.splitlines() if line.strip()]


class StrategyTransition(models.Model):
    """One change of a strategy's status or publication, with who made it."""

    strategy = models.ForeignKey(
        Strategy, verbose_name="стратегія", on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField("з", max_length=12, choices=StrategyStatus.choices)
    to_status = models.CharField("до", max_length=12, choices=StrategyStatus.choices)
    note = models.CharField("що саме", max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="хто",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField("коли", auto_now_add=True)

    class Meta:
        verbose_name = "зміна стану стратегії"
        verbose_name_plural = "зміни стану стратегій"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class WorkingGroupMember(models.Model):
    """A member of the working group as the document lists them (officials, not recipients)."""

    strategy = models.ForeignKey(
        Strategy, verbose_name="стратегія", on_delete=models.CASCADE, related_name="members"
    )
    position_in_list = models.PositiveSmallIntegerField("порядок", default=0)
    full_name = models.CharField("прізвище, ім'я, по батькові", max_length=200)
    position = models.TextField("посада", blank=True)
    role = models.CharField(
        "роль у групі",
        max_length=10,
        choices=WorkingGroupRole.choices,
        default=WorkingGroupRole.MEMBER,
    )
    version = models.PositiveIntegerField("версія запису", default=1)

    class Meta:
        verbose_name = "член робочої групи"
        verbose_name_plural = "робоча група"
        ordering = ["strategy", "position_in_list", "pk"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_role_display()})"


class SwotItem(models.Model):
    strategy = models.ForeignKey(
        Strategy, verbose_name="стратегія", on_delete=models.CASCADE, related_name="swot"
    )
    quadrant = models.CharField("квадрант", max_length=12, choices=SwotQuadrant.choices)
    number = models.PositiveSmallIntegerField("номер у квадранті")
    text = models.TextField("текст")
    version = models.PositiveIntegerField("версія запису", default=1)

    class Meta:
        verbose_name = "пункт SWOT-аналізу"
        verbose_name_plural = "SWOT-аналіз"
        ordering = ["strategy", "quadrant", "number"]

    def __str__(self) -> str:
        return f"{self.get_quadrant_display()} {self.number}. {self.text[:60]}"


class ScenarioNote(models.Model):
    """A development scenario and its assumptions, as the document describes it."""

    strategy = models.ForeignKey(
        Strategy, verbose_name="стратегія", on_delete=models.CASCADE, related_name="scenarios"
    )
    kind = models.CharField("сценарій", max_length=14, choices=ScenarioKind.choices)
    assumptions = models.TextField("припущення та опис")
    version = models.PositiveIntegerField("версія запису", default=1)

    class Meta:
        verbose_name = "сценарій розвитку"
        verbose_name_plural = "сценарії розвитку"
        ordering = ["strategy", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "kind"], name="strategy_scenario_once")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


for _model in (Strategy, WorkingGroupMember, SwotItem, ScenarioNote):
    auditlog.register(_model, exclude_fields=["version"])
