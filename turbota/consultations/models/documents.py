"""A document a hromada uploads to consult on (a draft in PDF or DOCX), with the sections
its staff name so that proposals can point at one."""

from __future__ import annotations

import uuid

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models

from turbota.consultations.enums import DocumentKind
from turbota.core.models import HromadaAuditMixin, TimeStampedModel


def _stored_name(instance: ConsultationDocument, filename: str) -> str:
    # A random name: the original (shown to readers) may hold anything.
    return f"consultations/{uuid.uuid4().hex}.{instance.kind}"


class ConsultationDocument(HromadaAuditMixin, TimeStampedModel):
    hromada = models.ForeignKey(
        "territories.Territory",
        verbose_name="громада",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"category": "H"},
    )
    title = models.CharField("назва документа", max_length=300)
    file = models.FileField("файл", upload_to=_stored_name)
    original_name = models.CharField("назва файлу", max_length=255)
    kind = models.CharField("формат", max_length=4, choices=DocumentKind.choices)
    size = models.PositiveIntegerField("розмір, байтів")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="завантажив",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demonstration = models.BooleanField("демонстраційний", default=False)

    class Meta:
        verbose_name = "документ для обговорення"
        verbose_name_plural = "документи для обговорення"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class DocumentSection(models.Model):
    """A part of an uploaded document (a chapter, a goal) a proposal may be about. Its key
    for proposals is its primary key, so renaming it keeps proposals pointing at it."""

    document = models.ForeignKey(
        ConsultationDocument,
        verbose_name="документ",
        on_delete=models.CASCADE,
        related_name="sections",
    )
    position = models.PositiveSmallIntegerField("порядок", default=0)
    title = models.CharField("розділ", max_length=300)

    class Meta:
        verbose_name = "розділ документа"
        verbose_name_plural = "розділи документа"
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def item_key(self) -> str:
        return f"section:{self.pk}"


auditlog.register(ConsultationDocument, exclude_fields=["file"])
auditlog.register(DocumentSection)
