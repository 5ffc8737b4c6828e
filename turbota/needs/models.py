"""A needs study (визначення потреб населення, order 130-Н): per hromada and year, with the
versioned method that turns vulnerable-group counts into a need for each service."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from turbota.core.models import HromadaAuditMixin, TimeStampedModel
from turbota.needs.enums import Scenario, StudyStatus

YEARS = [MinValueValidator(1991), MaxValueValidator(2100)]
SHARE = [MinValueValidator(0), MaxValueValidator(1)]


class NeedsMethod(TimeStampedModel):
    """How need is estimated: a share of each vulnerable group needing each service.

    A method is versioned: once a study that used a version is approved, that version is
    frozen and changes go into a new version, so every study keeps the figures it had."""

    hromada = models.ForeignKey(
        "territories.Territory",
        verbose_name="громада",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="порожньо — методика, що постачається з системою як приклад",
    )
    name = models.CharField("назва", max_length=200)
    version = models.PositiveSmallIntegerField("версія", default=1)
    description = models.TextField("опис методики")
    based_on = models.ForeignKey(
        "self",
        verbose_name="попередня версія",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "методика визначення потреб"
        verbose_name_plural = "методики визначення потреб"
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["hromada", "name", "version"], name="needs_method_version_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}, версія {self.version}"

    @property
    def is_frozen(self) -> bool:
        return self.studies.exclude(status=StudyStatus.DRAFT).exists()


class NormativeRate(models.Model):
    """The share of a vulnerable group's members who need a service."""

    method = models.ForeignKey(
        NeedsMethod, verbose_name="методика", on_delete=models.CASCADE, related_name="rates"
    )
    service = models.ForeignKey(
        "catalog.Service", verbose_name="послуга", on_delete=models.PROTECT, related_name="+"
    )
    group = models.ForeignKey(
        "catalog.VulnerableGroup",
        verbose_name="вразлива група",
        on_delete=models.PROTECT,
        related_name="+",
    )
    rate = models.DecimalField(
        "частка групи, якій потрібна послуга", max_digits=6, decimal_places=4, validators=SHARE
    )
    source = models.CharField("обґрунтування", max_length=300, blank=True)

    class Meta:
        verbose_name = "норматив потреби"
        verbose_name_plural = "нормативи потреби"
        ordering = ["service__code", "group__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["method", "service", "group"], name="normative_rate_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service.code} × {self.group}: {self.rate}"


class NeedsStudy(HromadaAuditMixin, TimeStampedModel):
    hromada = models.ForeignKey(
        "territories.Territory",
        verbose_name="громада",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"category": "H"},
    )
    year = models.PositiveSmallIntegerField("рік, на який визначено потреби", validators=YEARS)
    status = models.CharField(
        "стан", max_length=10, choices=StudyStatus.choices, default=StudyStatus.DRAFT
    )
    method = models.ForeignKey(
        NeedsMethod, verbose_name="методика", on_delete=models.PROTECT, related_name="studies"
    )
    groups_year = models.PositiveSmallIntegerField("рік даних про вразливі групи", validators=YEARS)
    working_group = models.TextField("склад робочої групи", blank=True)
    conclusions = models.TextField("висновки", blank=True)

    class Meta:
        verbose_name = "визначення потреб"
        verbose_name_plural = "визначення потреб"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["hromada", "year"], name="needs_study_once_a_year")
        ]

    def __str__(self) -> str:
        return f"Визначення потреб на {self.year} рік"


class StudyTransition(models.Model):
    """One change of a study's status: who moved it from what to what, and when."""

    study = models.ForeignKey(
        NeedsStudy, verbose_name="дослідження", on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField("з", max_length=10, choices=StudyStatus.choices)
    to_status = models.CharField("до", max_length=10, choices=StudyStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="хто",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField("коли", auto_now_add=True)

    class Meta:
        verbose_name = "зміна стану дослідження"
        verbose_name_plural = "зміни стану досліджень"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class SurveyShare(models.Model):
    """A share found by the hromada's own survey, used instead of the method's rate."""

    study = models.ForeignKey(
        NeedsStudy, verbose_name="дослідження", on_delete=models.CASCADE, related_name="shares"
    )
    service = models.ForeignKey(
        "catalog.Service", verbose_name="послуга", on_delete=models.PROTECT, related_name="+"
    )
    group = models.ForeignKey(
        "catalog.VulnerableGroup",
        verbose_name="вразлива група",
        on_delete=models.PROTECT,
        related_name="+",
    )
    share = models.DecimalField(
        "частка за опитуванням", max_digits=6, decimal_places=4, validators=SHARE
    )
    source = models.CharField("опитування", max_length=300, blank=True)

    class Meta:
        verbose_name = "частка за опитуванням"
        verbose_name_plural = "частки за опитуванням"
        constraints = [
            models.UniqueConstraint(fields=["study", "service", "group"], name="survey_share_once")
        ]

    def __str__(self) -> str:
        return f"{self.service.code} × {self.group}: {self.share}"


class UnprovidableService(TimeStampedModel):
    """A service in demand that the hromada cannot provide by itself (seed 003): the list
    the oblast collects to plan regional services."""

    study = models.ForeignKey(
        NeedsStudy,
        verbose_name="дослідження",
        on_delete=models.CASCADE,
        related_name="unprovidable",
    )
    service = models.ForeignKey(
        "catalog.Service", verbose_name="послуга", on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField("чому громада не може запровадити послугу самостійно")
    volume = models.PositiveIntegerField(
        "обсяг потреби, осіб на рік",
        null=True,
        blank=True,
        help_text="скільки осіб потребують послуги; порожньо — невідомо",
    )

    class Meta:
        verbose_name = "послуга, яку громада не може надати самостійно"
        verbose_name_plural = "послуги, які громада не може надати самостійно"
        ordering = ["service__code"]
        constraints = [
            models.UniqueConstraint(fields=["study", "service"], name="unprovidable_once")
        ]

    def __str__(self) -> str:
        return f"{self.service.code}: {self.reason[:60]}"


class ScenarioAssumption(models.Model):
    """The user's assumption for a scenario: how much faster than the population need grows
    each year (more people reached, new services, …), in percent; may be negative."""

    study = models.ForeignKey(
        NeedsStudy, verbose_name="дослідження", on_delete=models.CASCADE, related_name="scenarios"
    )
    scenario = models.CharField("сценарій", max_length=15, choices=Scenario.choices)
    extra_change_percent = models.DecimalField(
        "зміна потреби понад зміну населення, % на рік",
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(-50), MaxValueValidator(100)],
    )
    note = models.CharField("обґрунтування", max_length=300, blank=True)
    version = models.PositiveIntegerField("версія запису", default=1)

    class Meta:
        verbose_name = "припущення сценарію"
        verbose_name_plural = "припущення сценаріїв"
        ordering = ["study", "scenario"]
        constraints = [
            models.UniqueConstraint(fields=["study", "scenario"], name="scenario_once_a_study")
        ]

    def __str__(self) -> str:
        return f"{self.get_scenario_display()}: {self.extra_change_percent} %"


for _model in (
    NeedsMethod,
    NormativeRate,
    NeedsStudy,
    SurveyShare,
    UnprovidableService,
):
    auditlog.register(_model)
auditlog.register(ScenarioAssumption, exclude_fields=["version"])
