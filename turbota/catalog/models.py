from __future__ import annotations

import datetime

from auditlog.registry import auditlog
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

from turbota.catalog.enums import CountUnit, DeadlineKind, ReferenceDateType, ServicePurpose
from turbota.core.models import TimeStampedModel

SERVICE_CODE = RegexValidator(
    r"^\d{3}\.\d(\.\d)?$", "Код послуги має вигляд NNN.N або NNN.N.N, наприклад 015.1."
)


class ServiceGroup(TimeStampedModel):
    """The three-digit head of a classifier code (015 → догляд)."""

    code = models.CharField("код групи", max_length=3, unique=True)
    name = models.CharField("назва групи", max_length=300)
    name_confirmed = models.BooleanField(
        "назву звірено з класифікатором",
        default=False,
        help_text="вимкнено, доки адміністратор не звірить назву з наказом № 429",
    )

    class Meta:
        verbose_name = "група соціальних послуг"
        verbose_name_plural = "групи соціальних послуг"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ServiceQuerySet(models.QuerySet["Service"]):
    def basic_on(self, day: datetime.date) -> ServiceQuerySet:
        """Services on the basic-services list in force on ``day``."""
        return self.filter(
            basic_list_entries__basic_list__in=BasicServiceList.objects.in_force_on(day)
        ).distinct()


class Service(TimeStampedModel):
    """A social service of the classifier (order of the Ministry of Social Policy No. 429)."""

    code = models.CharField("код", max_length=7, unique=True, validators=[SERVICE_CODE])
    name = models.CharField("назва", max_length=300)
    group = models.ForeignKey(
        ServiceGroup, verbose_name="група", on_delete=models.PROTECT, related_name="services"
    )
    purpose = models.CharField(
        "призначення", max_length=12, choices=ServicePurpose.choices, blank=True
    )
    name_confirmed = models.BooleanField(
        "назву звірено з класифікатором",
        default=False,
        help_text="вимкнено для назв-заглушок, які адміністратор має уточнити",
    )
    note = models.TextField("примітка", blank=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = "соціальна послуга"
        verbose_name_plural = "класифікатор соціальних послуг"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def clean(self) -> None:
        if self.group_id and not self.code.startswith(
            ServiceGroup.objects.values_list("code", flat=True).get(pk=self.group_id)
        ):
            raise ValidationError({"group": "Код послуги має починатися з коду групи."})


class BasicServiceListQuerySet(models.QuerySet["BasicServiceList"]):
    def in_force_on(self, day: datetime.date) -> BasicServiceListQuerySet:
        return self.filter(valid_from__lte=day).filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day)
        )


class BasicServiceList(TimeStampedModel):
    """A version of the list of basic social services every hromada must ensure."""

    title = models.CharField("назва переліку", max_length=300)
    legal_act = models.CharField("нормативний акт", max_length=300)
    valid_from = models.DateField("чинний з")
    valid_to = models.DateField("чинний до", null=True, blank=True)
    note = models.TextField("примітка", blank=True)

    objects = BasicServiceListQuerySet.as_manager()

    class Meta:
        verbose_name = "перелік базових соціальних послуг"
        verbose_name_plural = "переліки базових соціальних послуг"
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        until = self.valid_to.strftime("%d.%m.%Y") if self.valid_to else "досі"
        return f"{self.title} ({self.valid_from:%d.%m.%Y} — {until})"

    def clean(self) -> None:
        if self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "Дата закінчення раніша за дату початку."})


class BasicServiceListEntry(models.Model):
    """One basic service as the law names it, linked to a classifier code where known."""

    basic_list = models.ForeignKey(
        BasicServiceList, verbose_name="перелік", on_delete=models.CASCADE, related_name="entries"
    )
    name = models.CharField("назва в законі", max_length=300)
    service = models.ForeignKey(
        Service,
        verbose_name="послуга класифікатора",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="basic_list_entries",
        help_text="порожньо, доки код не встановлено — адміністратор має його вказати",
    )
    position = models.PositiveSmallIntegerField("порядковий номер", default=0)

    class Meta:
        verbose_name = "базова послуга"
        verbose_name_plural = "базові послуги"
        ordering = ["basic_list", "position"]
        constraints = [
            models.UniqueConstraint(fields=["basic_list", "name"], name="basic_entry_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class AgeBand(models.Model):
    """An age band used to disaggregate counts of people (0-17, 18-34, …, 80+)."""

    min_age = models.PositiveSmallIntegerField("від (років)", unique=True)
    max_age = models.PositiveSmallIntegerField(
        "до (років, включно)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(130)],
        help_text="порожньо для відкритої групи, наприклад 80+",
    )

    class Meta:
        verbose_name = "вікова група"
        verbose_name_plural = "вікові групи"
        ordering = ["min_age"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.max_age is None:
            return f"{self.min_age}+"
        return f"{self.min_age}-{self.max_age}"

    def clean(self) -> None:
        if self.max_age is not None and self.max_age < self.min_age:
            raise ValidationError({"max_age": "Верхня межа менша за нижню."})

    def contains(self, age: int) -> bool:
        return age >= self.min_age and (self.max_age is None or age <= self.max_age)


class VulnerableGroup(TimeStampedModel):
    """A vulnerable group / annex-1 indicator of order 130-Н."""

    code = models.SlugField("код", max_length=60, unique=True)
    name = models.CharField("назва", max_length=300)
    annex_row = models.CharField("рядок додатка 1 наказу 130-Н", max_length=20, blank=True)
    unit = models.CharField(
        "одиниця обліку", max_length=10, choices=CountUnit.choices, default=CountUnit.PERSONS
    )
    reference_date_type = models.CharField(
        "дата, на яку рахують", max_length=16, choices=ReferenceDateType.choices
    )
    data_source = models.CharField("джерело даних", max_length=300)
    position = models.PositiveSmallIntegerField("порядок у таблиці", default=0)
    is_confirmed = models.BooleanField(
        "звірено з наказом 130-Н",
        default=False,
        help_text="вимкнено, доки адміністратор не звірить рядок з додатком 1",
    )
    note = models.TextField("примітка", blank=True)

    class Meta:
        verbose_name = "вразлива група"
        verbose_name_plural = "вразливі групи (показники додатка 1 наказу 130-Н)"
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class LifeCircumstanceFactor(TimeStampedModel):
    """A factor that can cause difficult life circumstances (СЖО), art. 1 of the law."""

    code = models.SlugField("код", max_length=60, unique=True)
    name = models.CharField("назва", max_length=300)
    position = models.PositiveSmallIntegerField("порядок", default=0)

    class Meta:
        verbose_name = "чинник СЖО"
        verbose_name_plural = "чинники складних життєвих обставин"
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class DeadlineRuleQuerySet(models.QuerySet["DeadlineRule"]):
    def in_force_on(self, day: datetime.date) -> DeadlineRuleQuerySet:
        return self.filter(valid_from__lte=day).filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day)
        )


class DeadlineRule(TimeStampedModel):
    """A deadline in working days from an application, as one version of the law sets it:
    for every service (no code) or for one classifier code, which then wins over the rule
    for every service. A change of law is a new row from the day it takes effect, with the
    old row closed the day before, so an application is judged by the rule of its date.

    The service is named by its code, not a link to ``Service``: the rules ship in a
    migration, before ``load_reference`` has loaded the classifier (decision 30)."""

    kind = models.CharField("строк", max_length=12, choices=DeadlineKind.choices)
    service_code = models.CharField(
        "код послуги",
        max_length=7,
        blank=True,
        validators=[SERVICE_CODE],
        help_text="порожньо — правило для всіх послуг; правило для коду має перевагу",
    )
    working_days = models.SmallIntegerField(
        "робочих днів",
        validators=[MinValueValidator(0, "Кількість робочих днів не може бути від'ємною.")],
        help_text="від дня звернення; 0 — того ж дня",
    )
    valid_from = models.DateField(
        "чинне з",
        help_text="зміна закону — нове правило з дня, коли вона набирає чинності; чинне "
        "правило закрийте датою «чинне до» напередодні, а не змінюйте його",
    )
    valid_to = models.DateField("чинне до", null=True, blank=True, help_text="включно")
    legal_basis = models.CharField("правова підстава", max_length=300)
    note = models.TextField("примітка", blank=True)

    objects = DeadlineRuleQuerySet.as_manager()

    class Meta:
        verbose_name = "строк розгляду звернення"
        verbose_name_plural = "строки розгляду звернень"
        ordering = ["kind", "service_code", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(working_days__gte=0), name="deadline_rule_days_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="deadline_rule_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        service = f"послуга {self.service_code}" if self.service_code else "усі послуги"
        until = f"{self.valid_to:%d.%m.%Y}" if self.valid_to else "досі"
        return (
            f"{self.get_kind_display()}: {self.working_days} роб. дн., {service} "
            f"({self.valid_from:%d.%m.%Y} — {until})"
        )

    def is_in_force_on(self, day: datetime.date) -> bool:
        """``DeadlineRuleQuerySet.in_force_on`` for a rule already read."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def clean(self) -> None:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "Дата «чинне до» раніша за дату «чинне з»."})
        if self.service_code and not self._code_in_classifier():
            raise ValidationError({"service_code": "Такого коду немає в класифікаторі послуг."})
        if self.kind and self.valid_from:
            clash = self._overlapping().first()
            if clash is not None:
                raise ValidationError(
                    f"Для цього строку й цієї послуги вже є правило, чинне в ці дати: {clash}. "
                    "Зміна закону — це нове правило: закрийте чинне датою «чинне до» "
                    "напередодні нового."
                )

    def _code_in_classifier(self) -> bool:
        # Before the classifier is loaded there is nothing to check the code against.
        services = Service.objects.all()
        return not services.exists() or services.filter(code=self.service_code).exists()

    def _overlapping(self) -> DeadlineRuleQuerySet:
        rules = DeadlineRule.objects.filter(kind=self.kind, service_code=self.service_code)
        rules = rules.filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=self.valid_from)
        )
        if self.valid_to:
            rules = rules.filter(valid_from__lte=self.valid_to)
        return rules.exclude(pk=self.pk) if self.pk else rules


for _model in (
    ServiceGroup,
    Service,
    BasicServiceList,
    BasicServiceListEntry,
    AgeBand,
    VulnerableGroup,
    LifeCircumstanceFactor,
    DeadlineRule,
):
    auditlog.register(_model)
