from __future__ import annotations

from typing import ClassVar

from django.db import models


class DraftPlan(models.Model):
    hromada = models.ForeignKey(
        "territories.Territory", verbose_name="громада", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("назва", max_length=200)
    is_published = models.BooleanField("оприлюднено", default=True)

    objects: ClassVar[models.Manager[DraftPlan]] = models.Manager()

    class Meta:
        app_label = "consultations_standin"
        verbose_name = "проєкт плану"

    def __str__(self) -> str:
        return self.title


class PlanGoal(models.Model):
    plan = models.ForeignKey(
        DraftPlan, verbose_name="план", on_delete=models.CASCADE, related_name="goals"
    )
    code = models.CharField("номер", max_length=10)
    title = models.CharField("ціль", max_length=200)

    objects: ClassVar[models.Manager[PlanGoal]] = models.Manager()

    class Meta:
        app_label = "consultations_standin"
        verbose_name = "ціль плану"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"
