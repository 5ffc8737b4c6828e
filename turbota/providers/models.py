from __future__ import annotations

from decimal import Decimal
from typing import Any

from auditlog.registry import auditlog
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

from turbota.core.models import TimeStampedModel
from turbota.core.text import ukrainian_sort_key
from turbota.providers.enums import CapacityUnit, OwnershipSector, PaymentBasis

REGISTRY_CODE = RegexValidator(
    r"^(\d{8}|\d{10})$", "Код ЄДРПОУ — 8 цифр, РНОКПП фізичної особи — 10 цифр."
)
POSTCODE = RegexValidator(r"^\d{5}$", "Поштовий індекс — 5 цифр.")


PERSONAL_CODE_LENGTH = 10  # РНОКПП; ЄДРПОУ has 8 digits


def is_personal_code(code: str | None) -> bool:
    return len(code or "") == PERSONAL_CODE_LENGTH


class ProviderQuerySet(models.QuerySet["Provider"]):
    def in_hromada(self, hromada_id: int) -> ProviderQuerySet:
        return self.filter(hromada_id=hromada_id)

    def actual(self) -> ProviderQuerySet:
        return self.filter(is_potential=False)


class Provider(TimeStampedModel):
    """A provider of social services (надавач): communal centre, NGO, natural person, …

    Columns follow the national registry's public provider export (CMU No. 99), so a
    registry export imports as it is. NGOs and charities that could provide services are
    providers too, flagged ``is_potential``.
    """

    hromada = models.ForeignKey(
        "territories.Territory",
        verbose_name="громада",
        on_delete=models.PROTECT,
        related_name="providers",
        limit_choices_to={"category": "H"},
    )
    registry_code = models.CharField(
        "ЄДРПОУ / РНОКПП",
        max_length=10,
        null=True,
        blank=True,
        unique=True,
        validators=[REGISTRY_CODE],
        help_text="порожньо, якщо код невідомий",
    )
    full_name = models.CharField("повна назва", max_length=500)
    sort_key = models.CharField(
        "ключ сортування", max_length=1000, editable=False, db_index=True, blank=True, default=""
    )
    short_name = models.CharField("скорочена назва", max_length=250, blank=True)
    legal_form = models.CharField("організаційно-правова форма", max_length=200, blank=True)
    parent_code = models.CharField(
        "ЄДРПОУ засновника / головної організації",
        max_length=10,
        blank=True,
        validators=[REGISTRY_CODE],
    )
    ownership_sector = models.CharField(
        "сектор", max_length=16, choices=OwnershipSector.choices, default=OwnershipSector.COMMUNAL
    )
    is_potential = models.BooleanField(
        "потенційний надавач",
        default=False,
        help_text="громадська чи благодійна організація, що може надавати послуги",
    )
    activity = models.TextField("послуги / сфера діяльності", blank=True)
    phone = models.CharField("телефон", max_length=100, blank=True)
    email = models.EmailField("електронна пошта", blank=True)
    website = models.CharField("вебсайт", max_length=300, blank=True)
    postcode = models.CharField("поштовий індекс", max_length=5, blank=True, validators=[POSTCODE])
    legal_address = models.CharField("юридична адреса", max_length=500, blank=True)
    legal_settlement = models.ForeignKey(
        "territories.Territory",
        verbose_name="населений пункт юридичної адреси",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    in_national_registry = models.BooleanField("внесено до Реєстру надавачів", default=False)
    registry_status_date = models.DateField("дата статусу в Реєстрі", null=True, blank=True)
    last_inspection_date = models.DateField("дата останньої перевірки", null=True, blank=True)
    last_inspection_body = models.CharField("орган, що перевіряв", max_length=300, blank=True)
    last_inspection_result = models.CharField("результат перевірки", max_length=500, blank=True)
    version = models.PositiveIntegerField("версія", default=1, editable=False)

    objects = ProviderQuerySet.as_manager()

    class Meta:
        verbose_name = "надавач соціальних послуг"
        verbose_name_plural = "надавачі соціальних послуг"
        # pk last: a stable order, so that pages of a long list never repeat or skip one.
        ordering = ["is_potential", "sort_key", "full_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["hromada", "full_name"], name="provider_unique_name_in_hromada"
            )
        ]

    def __str__(self) -> str:
        return self.short_name or self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Ukrainian alphabetical order (І, Ї, Є in their places) on every database.
        self.sort_key = ukrainian_sort_key(self.full_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "full_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_key"}
        super().save(*args, **kwargs)

    def get_additional_data(self) -> dict[str, object]:
        return {"hromada_id": self.hromada_id, "provider_id": self.pk}

    def clean(self) -> None:
        code = self.registry_code or ""
        if len(code) == 8 and self.is_natural_person:
            raise ValidationError(
                {"registry_code": "Для фізичної особи вказують РНОКПП — 10 цифр."}
            )
        if len(code) == 10 and self.ownership_sector in (
            OwnershipSector.STATE,
            OwnershipSector.COMMUNAL,
        ):
            raise ValidationError(
                {"registry_code": "Для державної чи комунальної установи вказують ЄДРПОУ — 8 цифр."}
            )

    @property
    def is_natural_person(self) -> bool:
        return self.ownership_sector == OwnershipSector.NATURAL_PERSON

    @property
    def has_personal_code(self) -> bool:
        """The code is a person's РНОКПП: a natural person's, or any 10-digit code (a sole
        trader listed under the non-state sector still has one)."""
        return self.is_natural_person or is_personal_code(self.registry_code)

    @property
    def has_personal_parent_code(self) -> bool:
        """A founder with a 10-digit code is a person too."""
        return is_personal_code(self.parent_code)


class _ProviderPart(models.Model):
    """Something a provider has (an address, a department, staff, a service)."""

    provider: models.ForeignKey[Provider, Provider]

    class Meta:
        abstract = True

    def get_additional_data(self) -> dict[str, object]:
        return self.provider.get_additional_data()


class ProviderAddress(_ProviderPart):
    """An address where the provider delivers services."""

    provider = models.ForeignKey(
        Provider, verbose_name="надавач", on_delete=models.CASCADE, related_name="addresses"
    )
    settlement = models.ForeignKey(
        "territories.Territory",
        verbose_name="населений пункт",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="порожньо, якщо адресу не вдалося прив'язати до населеного пункту",
    )
    address = models.CharField("адреса", max_length=500)
    # The map places the address at its settlement unless it has coordinates of its own.
    latitude = models.DecimalField(
        "широта",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(44)), MaxValueValidator(Decimal("52.5"))],
        help_text="порожньо — за координатами населеного пункту",
    )
    longitude = models.DecimalField(
        "довгота",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(22)), MaxValueValidator(Decimal("40.5"))],
    )

    class Meta:
        verbose_name = "адреса надання послуг"
        verbose_name_plural = "адреси надання послуг"
        ordering = ["provider", "id"]

    def __str__(self) -> str:
        return self.address

    def clean(self) -> None:
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError("Вкажіть і широту, і довготу — або жодної.")


class Department(_ProviderPart):
    """A department (відділення) of a provider."""

    provider = models.ForeignKey(
        Provider, verbose_name="надавач", on_delete=models.CASCADE, related_name="departments"
    )
    name = models.CharField("назва відділення", max_length=300)
    settlement = models.ForeignKey(
        "territories.Territory",
        verbose_name="населений пункт",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    address = models.CharField("адреса", max_length=500, blank=True)

    class Meta:
        verbose_name = "відділення"
        verbose_name_plural = "відділення"
        ordering = ["provider", "name"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "name"], name="department_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class StaffPosition(_ProviderPart):
    """Staff of a provider or its department: established posts vs people actually working."""

    provider = models.ForeignKey(
        Provider, verbose_name="надавач", on_delete=models.CASCADE, related_name="staff"
    )
    department = models.ForeignKey(
        Department,
        verbose_name="відділення",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="staff",
    )
    title = models.CharField("посада", max_length=300)
    established = models.DecimalField(
        "штатних одиниць",
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    filled = models.DecimalField(
        "фактично працює",
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )

    class Meta:
        verbose_name = "штатна посада"
        verbose_name_plural = "штат"
        ordering = ["provider", "department__name", "title"]

    def __str__(self) -> str:
        return f"{self.title}: {self.filled} з {self.established}"

    @property
    def vacancy(self) -> Decimal:
        """Established posts nobody fills; negative when more people work than posts exist
        (part-timers on one post happen, so it is allowed and shown, not refused)."""
        return self.established - self.filled

    def clean(self) -> None:
        if self.department_id and self.provider_id:
            owner = Department.objects.values_list("provider_id", flat=True).get(
                pk=self.department_id
            )
            if owner != self.provider_id:
                raise ValidationError({"department": "Відділення іншого надавача."})


class ProvidedService(_ProviderPart):
    """A classifier service the provider offers, with its capacity and payment bases."""

    provider = models.ForeignKey(
        Provider, verbose_name="надавач", on_delete=models.CASCADE, related_name="services"
    )
    service = models.ForeignKey(
        "catalog.Service",
        verbose_name="послуга",
        on_delete=models.PROTECT,
        related_name="provided_by",
    )
    department = models.ForeignKey(
        Department,
        verbose_name="відділення",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="services",
    )
    capacity = models.PositiveIntegerField("потужність", null=True, blank=True)
    capacity_unit = models.CharField(
        "одиниця потужності",
        max_length=20,
        choices=CapacityUnit.choices,
        default=CapacityUnit.RECIPIENTS_PER_YEAR,
    )
    free = models.BooleanField(PaymentBasis.FREE.label, default=True)
    differentiated_fee = models.BooleanField(PaymentBasis.DIFFERENTIATED_FEE.label, default=False)
    paid = models.BooleanField(PaymentBasis.PAID.label, default=False)

    class Meta:
        verbose_name = "послуга надавача"
        verbose_name_plural = "послуги надавача"
        ordering = ["provider", "service__code"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "service"], name="provided_service_unique")
        ]

    def __str__(self) -> str:
        return f"{self.provider}: {self.service.code}"

    @property
    def payment_bases(self) -> list[str]:
        return [
            basis.label
            for basis, on in (
                (PaymentBasis.FREE, self.free),
                (PaymentBasis.DIFFERENTIATED_FEE, self.differentiated_fee),
                (PaymentBasis.PAID, self.paid),
            )
            if on
        ]

    def clean(self) -> None:
        if not (self.free or self.differentiated_fee or self.paid):
            raise ValidationError("Позначте хоча б одну умову оплати.")


# The version only guards concurrent edits; it would be noise in a card's history.
auditlog.register(Provider, exclude_fields=["version", "sort_key", "updated_at"])
for _model in (ProviderAddress, Department, StaffPosition, ProvidedService):
    auditlog.register(_model)
