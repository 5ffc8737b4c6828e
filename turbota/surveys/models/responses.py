"""Responses to a survey and the imports of submissions from KoboToolbox / ODK files.

Responses are not in django-auditlog: a free-text answer may name a person, and the audit
trail is read more widely than the answers; who entered a paper questionnaire is on the
response, and every file import leaves a ``SubmissionImport`` record. For the same reason a
response withdrawn by mistake leaves a ``ResponseWithdrawal`` that keeps what identifies
the questionnaire and why it went, never its answers.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from turbota.core.models import TimeStampedModel
from turbota.surveys.enums import ResponseChannel


class Response(models.Model):
    """One completed questionnaire: its answers by question name (a repeat is a list of
    such mappings), with the form version it answered."""

    survey = models.ForeignKey(
        "surveys.Survey",
        verbose_name="опитування",
        on_delete=models.CASCADE,
        related_name="responses",
    )
    version = models.ForeignKey(
        "surveys.FormVersion",
        verbose_name="версія анкети",
        on_delete=models.RESTRICT,
        related_name="responses",
    )
    channel = models.CharField("як отримано", max_length=10, choices=ResponseChannel.choices)
    submission_uuid = models.CharField(
        "ідентифікатор подання",
        max_length=64,
        help_text="для імпорту з KoboToolbox / ODK — _uuid або meta/instanceID",
    )
    token = models.CharField(
        "токен надсилання", max_length=40, null=True, blank=True, unique=True, editable=False
    )
    paper_number = models.CharField("номер паперової анкети", max_length=50, blank=True)
    language = models.CharField("мова анкети", max_length=100, blank=True)
    answers = models.JSONField("відповіді", default=dict)
    submitted_at = models.DateTimeField("отримано", db_index=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="вніс",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_synthetic = models.BooleanField(
        "демонстраційна (вигадана) відповідь", default=False, editable=False
    )

    class Meta:
        verbose_name = "відповідь на опитування"
        verbose_name_plural = "відповіді на опитування"
        ordering = ["survey", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "submission_uuid"], name="response_submitted_once"
            ),
            models.UniqueConstraint(
                fields=["survey", "paper_number"],
                condition=~Q(paper_number=""),
                name="paper_questionnaire_once",
            ),
        ]

    def __str__(self) -> str:
        return f"Відповідь № {self.pk} ({self.get_channel_display()})"


class SubmissionImport(TimeStampedModel):
    """One import of a file of submissions: what it brought in, or why it was refused."""

    survey = models.ForeignKey(
        "surveys.Survey",
        verbose_name="опитування",
        on_delete=models.CASCADE,
        related_name="imports",
    )
    version = models.ForeignKey(
        "surveys.FormVersion",
        verbose_name="версія анкети",
        on_delete=models.CASCADE,
        related_name="+",
    )
    file_name = models.CharField("назва файлу", max_length=255)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="імпортував",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dry_run = models.BooleanField("лише перевірка", default=False)
    created = models.PositiveIntegerField("додано відповідей", default=0)
    skipped = models.PositiveIntegerField("уже імпортовано раніше", default=0)
    problems = models.JSONField("відхилені рядки", default=list, blank=True)
    notes = models.JSONField("зауваження", default=list, blank=True)

    class Meta:
        verbose_name = "імпорт відповідей з файлу"
        verbose_name_plural = "імпорти відповідей з файлів"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name}: додано {self.created}"

    @property
    def is_rejected(self) -> bool:
        return bool(self.problems)


class ResponseWithdrawal(models.Model):
    """A response withdrawn by staff (entered twice, or for the wrong survey): what it was
    and why it went. The answers are not kept (see the module docstring)."""

    survey = models.ForeignKey(
        "surveys.Survey",
        verbose_name="опитування",
        on_delete=models.CASCADE,
        related_name="withdrawals",
    )
    response_number = models.PositiveIntegerField("номер відповіді")
    channel = models.CharField("як отримано", max_length=10, choices=ResponseChannel.choices)
    paper_number = models.CharField("номер паперової анкети", max_length=50, blank=True)
    submitted_at = models.DateTimeField("отримано")
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="вилучив",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField("вилучено", default=timezone.now)
    reason = models.TextField("причина вилучення")

    class Meta:
        verbose_name = "вилучена відповідь"
        verbose_name_plural = "вилучені відповіді"
        ordering = ["-withdrawn_at", "-pk"]

    def __str__(self) -> str:
        return f"Вилучена відповідь № {self.response_number}"
