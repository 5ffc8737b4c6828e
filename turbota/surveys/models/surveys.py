"""A survey of a hromada and the versions of its questionnaire."""

from __future__ import annotations

import uuid
from decimal import Decimal

from auditlog.registry import auditlog
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from turbota.core.models import HromadaAuditMixin, TimeStampedModel
from turbota.surveys.age_bands import AgeBands, validate_bounds
from turbota.surveys.enums import SurveyKind, SurveyStatus
from turbota.surveys.xlsform.definition import FormDefinition


class Survey(HromadaAuditMixin, TimeStampedModel):
    """An opinion survey (анкетування) of residents or recipients, run by the hromada."""

    hromada = models.ForeignKey(
        "territories.Territory",
        verbose_name="громада",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"category": "H"},
    )
    title = models.CharField("назва", max_length=300)
    description = models.TextField(
        "звернення до респондентів", blank=True, help_text="показується над анкетою"
    )
    kind = models.CharField(
        "вид опитування", max_length=15, choices=SurveyKind.choices, default=SurveyKind.GENERAL
    )
    status = models.CharField(
        "стан", max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    public_key = models.UUIDField(
        "ключ публічного посилання", default=uuid.uuid4, unique=True, editable=False
    )
    population = models.PositiveIntegerField(
        "чисельність генеральної сукупності (N)",
        null=True,
        blank=True,
        help_text="скільки всього людей, серед яких опитано вибірку; для поправки на "
        "скінченну сукупність",
    )
    population_note = models.CharField("хто ця сукупність", max_length=300, blank=True)
    stated_margin = models.DecimalField(
        "заявлена похибка, %",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal(50))],
        help_text="похибка, яку називає звіт про опитування; сторінка перевіряє її",
    )
    collected_from = models.DateField("збір відповідей з", null=True, blank=True)
    collected_to = models.DateField("збір відповідей до", null=True, blank=True)
    sex_question = models.CharField("питання про стать", max_length=100, blank=True)
    age_question = models.CharField(
        "питання про вікову групу",
        max_length=100,
        blank=True,
        help_text="варіант відповіді — вікова група, або вік цілим числом (тоді за групами нижче)",
    )
    age_bands = models.CharField(
        "межі вікових груп",
        max_length=100,
        blank=True,
        validators=[validate_bounds],
        help_text=(
            "для віку цілим числом: нижні межі груп через кому; порожньо — «18, 35, 60», "
            "тобто 18–34, 35–59, 60+ (і «до 18», якщо є молодші)"
        ),
    )
    area_question = models.CharField(
        "питання про місцевість (міська / сільська)", max_length=100, blank=True
    )
    is_demo = models.BooleanField(
        "демонстраційне", default=False, help_text="створено для демонстрації системи"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="створив",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "опитування"
        verbose_name_plural = "опитування"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def current_version(self) -> FormVersion | None:
        return self.versions.order_by("-number").first()

    @property
    def breakdowns(self) -> dict[str, str]:
        """Cross-tabulation dimension → the question that answers it."""
        found = {
            "sex": self.sex_question,
            "age": self.age_question,
            "area": self.area_question,
        }
        return {key: name for key, name in found.items() if name}

    @property
    def bands(self) -> AgeBands:
        """The age bands of cross-tables when age is asked as a whole number."""
        return AgeBands.of(self.age_bands)


class FormVersion(TimeStampedModel):
    """One version of the questionnaire, as imported from its XLSForm file. A changed file
    is a new version; each response keeps the version it answered."""

    survey = models.ForeignKey(
        Survey, verbose_name="опитування", on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField("версія")
    file_name = models.CharField("назва файлу", max_length=255)
    xlsform = models.BinaryField("файл XLSForm")
    checksum = models.CharField("контрольна сума файлу", max_length=64)
    form_id = models.CharField("ідентифікатор форми (form_id)", max_length=200, blank=True)
    form_version = models.CharField("версія у файлі (version)", max_length=200, blank=True)
    definition = models.JSONField("питання анкети")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="завантажив",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "версія анкети"
        verbose_name_plural = "версії анкет"
        ordering = ["survey", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "number"], name="form_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.survey}: версія {self.number}"

    @property
    def form(self) -> FormDefinition:
        cached: FormDefinition | None = getattr(self, "_form", None)
        if cached is None:
            cached = FormDefinition.from_json(self.definition)
            self._form = cached
        return cached

    def get_additional_data(self) -> dict[str, object]:
        return {"hromada_id": self.survey.hromada_id}


class SurveyTransition(models.Model):
    """One change of a survey's status: who, from what to what, and when."""

    survey = models.ForeignKey(
        Survey, verbose_name="опитування", on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField("з", max_length=10, choices=SurveyStatus.choices)
    to_status = models.CharField("до", max_length=10, choices=SurveyStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="хто",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField("коли", auto_now_add=True)

    class Meta:
        verbose_name = "зміна стану опитування"
        verbose_name_plural = "зміни стану опитувань"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class SatisfactionLink(models.Model):
    """A question of a survey that measures satisfaction with one provider (and service):
    the share answering one of ``satisfied_choices`` is that provider's satisfaction %
    (a quality indicator of CMU 449)."""

    survey = models.ForeignKey(
        Survey,
        verbose_name="опитування",
        on_delete=models.CASCADE,
        related_name="satisfaction_links",
    )
    question = models.CharField("питання про задоволеність", max_length=100)
    provider = models.ForeignKey(
        "providers.Provider",
        verbose_name="надавач",
        on_delete=models.CASCADE,
        related_name="satisfaction_links",
    )
    service = models.ForeignKey(
        "catalog.Service",
        verbose_name="послуга",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="порожньо — задоволеність надавачем загалом",
    )
    satisfied_choices = models.JSONField(
        "варіанти, що означають «задоволені»", default=list, blank=True
    )

    class Meta:
        verbose_name = "питання про задоволеність надавачем"
        verbose_name_plural = "питання про задоволеність надавачами"
        ordering = ["survey", "question"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "question", "provider"], name="satisfaction_link_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question} → {self.provider}"


auditlog.register(Survey)
auditlog.register(FormVersion, exclude_fields=["xlsform", "definition"])
auditlog.register(SatisfactionLink)
