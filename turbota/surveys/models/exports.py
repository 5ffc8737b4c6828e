"""An XLSX export of a survey's responses, written by a background job (decision 0014):
a million rows take minutes, longer than a proxy waits for a first byte."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from turbota.core.models import TimeStampedModel
from turbota.surveys.enums import ExportStatus


class ResponseExport(TimeStampedModel):
    """One requested XLSX file of responses: queued → running → done (file ready) →
    removed (downloaded, or a day old), or failed. The file is the requester's only."""

    survey = models.ForeignKey(
        "surveys.Survey",
        verbose_name="опитування",
        on_delete=models.CASCADE,
        related_name="exports",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="замовив",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        "стан", max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    total = models.PositiveIntegerField("відповідей на початку", default=0)
    rows = models.PositiveIntegerField("записано відповідей", default=0)
    message = models.TextField("повідомлення", blank=True)
    finished_at = models.DateTimeField("завершено", null=True, blank=True)

    class Meta:
        verbose_name = "вивантаження відповідей XLSX"
        verbose_name_plural = "вивантаження відповідей XLSX"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"XLSX відповідей № {self.pk} ({self.get_status_display()})"

    @property
    def is_working(self) -> bool:
        return self.status in (ExportStatus.QUEUED, ExportStatus.RUNNING)
