"""Indicators at any level of the tree: baseline, targets by year and, through monitoring,
actual values — split urban / rural and by sex where the indicator asks for it."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.db import models

from turbota.strategy.enums import Area, Direction, SexCut
from turbota.strategy.models.strategy import YEARS, Strategy
from turbota.strategy.models.tree import Node


class Indicator(models.Model):
    strategy = models.ForeignKey(
        Strategy, verbose_name="стратегія", on_delete=models.CASCADE, related_name="indicators"
    )
    node = models.ForeignKey(
        Node,
        verbose_name="ціль, завдання чи захід",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    position = models.PositiveIntegerField("порядок", default=0)
    name = models.TextField("індикатор, як у документі")
    unit = models.CharField("одиниця виміру", max_length=40, blank=True)
    direction = models.CharField(
        "напрям", max_length=6, choices=Direction.choices, default=Direction.HIGHER
    )
    data_source = models.CharField("джерело даних", max_length=300, blank=True)
    baseline_value = models.DecimalField(
        "базове значення", null=True, blank=True, max_digits=16, decimal_places=3
    )
    baseline_year = models.PositiveSmallIntegerField(
        "рік базового значення", null=True, blank=True, validators=YEARS
    )
    by_area = models.BooleanField("за місцевістю (міська / сільська)", default=False)
    by_sex = models.BooleanField("за статтю", default=False)
    source_line = models.PositiveIntegerField("рядок у файлі імпорту", null=True, blank=True)
    version = models.PositiveIntegerField("версія запису", default=1)

    class Meta:
        verbose_name = "індикатор"
        verbose_name_plural = "індикатори"
        ordering = ["strategy", "position", "pk"]

    def __str__(self) -> str:
        return self.name[:120]

    def cuts(self) -> list[tuple[str, str]]:
        """The (area, sex) cells the indicator is counted in; the total always first."""
        areas = [Area.TOTAL.value] + ([Area.URBAN.value, Area.RURAL.value] if self.by_area else [])
        sexes = [SexCut.TOTAL.value] + (
            [SexCut.FEMALE.value, SexCut.MALE.value] if self.by_sex else []
        )
        return [(area, sex) for area in areas for sex in sexes]


class IndicatorTarget(models.Model):
    indicator = models.ForeignKey(
        Indicator, verbose_name="індикатор", on_delete=models.CASCADE, related_name="targets"
    )
    year = models.PositiveSmallIntegerField("рік", validators=YEARS)
    area = models.CharField("місцевість", max_length=5, choices=Area.choices, default=Area.TOTAL)
    sex = models.CharField("стать", max_length=6, choices=SexCut.choices, default=SexCut.TOTAL)
    value = models.DecimalField("цільове значення", max_digits=16, decimal_places=3)

    class Meta:
        verbose_name = "цільове значення індикатора"
        verbose_name_plural = "цільові значення індикаторів"
        ordering = ["indicator", "year", "area", "sex"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "area", "sex"], name="indicator_target_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.value}"


class IndicatorActual(models.Model):
    """An actual value entered in a monitoring period (locked with the period)."""

    period = models.ForeignKey(
        "strategy.MonitoringPeriod",
        verbose_name="період моніторингу",
        on_delete=models.CASCADE,
        related_name="actuals",
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name="індикатор", on_delete=models.CASCADE, related_name="actuals"
    )
    area = models.CharField("місцевість", max_length=5, choices=Area.choices, default=Area.TOTAL)
    sex = models.CharField("стать", max_length=6, choices=SexCut.choices, default=SexCut.TOTAL)
    value = models.DecimalField("фактичне значення", max_digits=16, decimal_places=3)
    comment = models.CharField("коментар", max_length=300, blank=True)
    version = models.PositiveIntegerField("версія запису", default=1)

    class Meta:
        verbose_name = "фактичне значення індикатора"
        verbose_name_plural = "фактичні значення індикаторів"
        ordering = ["period", "indicator", "area", "sex"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "indicator", "area", "sex"], name="indicator_actual_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} — {self.value}"


for _model in (Indicator, IndicatorTarget, IndicatorActual):
    auditlog.register(_model, exclude_fields=["version"])
