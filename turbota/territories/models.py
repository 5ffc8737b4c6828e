from __future__ import annotations

from decimal import Decimal

from auditlog.registry import auditlog
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

from turbota.core.enums import Sex
from turbota.core.models import HromadaAuditMixin, TimeStampedModel
from turbota.territories.enums import (
    SETTLEMENT_CATEGORIES,
    URBAN_CATEGORIES,
    DisabilityGroup,
    TerritoryCategory,
)

KATOTTG_CODE = RegexValidator(
    r"^UA\d{17}$", "Код КАТОТТГ має вигляд UA і 17 цифр, наприклад UA14160230000060952."
)
CRIMEA_CODE_PREFIXES = ("UA01", "UA85")  # AR Crimea and Sevastopol


class TerritoryQuerySet(models.QuerySet["Territory"]):
    def hromadas(self) -> TerritoryQuerySet:
        return self.filter(category=TerritoryCategory.HROMADA)

    def oblasts(self) -> TerritoryQuerySet:
        return self.filter(
            category__in=[TerritoryCategory.OBLAST, TerritoryCategory.SPECIAL_CITY],
            parent__isnull=True,
        )

    def settlements(self) -> TerritoryQuerySet:
        return self.filter(category__in=SETTLEMENT_CATEGORIES)

    def outside_crimea(self) -> TerritoryQuerySet:
        return self.filter(is_crimea=False)

    def current(self) -> TerritoryQuerySet:
        return self.filter(is_current=True)


class Territory(models.Model):
    """A unit of the KATOTTG codifier: oblast, raion, hromada, settlement or city district.

    Reference data loaded from the official codifier; never edited by hand. Units dropped
    from a newer edition stay (other records point at them) with ``is_current`` off.
    """

    code = models.CharField("код КАТОТТГ", max_length=19, unique=True, validators=[KATOTTG_CODE])
    name = models.CharField("назва", max_length=200)
    category = models.CharField("категорія", max_length=1, choices=TerritoryCategory.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="входить до",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Denormalised ancestors: scoping by oblast or hromada is one indexed equality.
    oblast = models.ForeignKey(
        "self",
        verbose_name="область",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    hromada = models.ForeignKey(
        "self",
        verbose_name="громада",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="для громади — вона сама; для населеного пункту — громада, до якої він входить",
    )
    sort_key = models.CharField("ключ сортування", max_length=400, editable=False)
    is_crimea = models.BooleanField("АР Крим або Севастополь", default=False)
    is_current = models.BooleanField("у чинній редакції кодифікатора", default=True)
    edition = models.CharField("редакція кодифікатора", max_length=200, blank=True)

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        verbose_name = "територія (КАТОТТГ)"
        verbose_name_plural = "території (КАТОТТГ)"
        ordering = ["sort_key", "code"]
        indexes = [
            models.Index(fields=["category", "sort_key"]),
            models.Index(fields=["parent", "sort_key"]),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.code})"

    @property
    def display_name(self) -> str:
        prefixes: dict[str, str] = {
            TerritoryCategory.CITY: "м. ",
            TerritoryCategory.URBAN_TYPE_SETTLEMENT: "смт ",
            TerritoryCategory.SETTLEMENT: "с-ще ",
            TerritoryCategory.VILLAGE: "с. ",
        }
        suffixes: dict[str, str] = {
            TerritoryCategory.HROMADA: " територіальна громада",
            TerritoryCategory.RAION: " район",
            TerritoryCategory.OBLAST: " область",
        }
        name = self.name
        if self.category == TerritoryCategory.OBLAST and name.startswith("Автономна"):
            return name
        return prefixes.get(self.category, "") + name + suffixes.get(self.category, "")

    @property
    def is_hromada(self) -> bool:
        return self.category == TerritoryCategory.HROMADA

    @property
    def is_settlement(self) -> bool:
        return self.category in SETTLEMENT_CATEGORIES

    @property
    def is_urban_by_category(self) -> bool:
        return self.category in URBAN_CATEGORIES


def _hromada_only(territory_id: int | None) -> None:
    if territory_id is None:
        return
    category = Territory.objects.filter(pk=territory_id).values_list("category", flat=True).first()
    if category != TerritoryCategory.HROMADA:
        raise ValidationError("Це має бути територіальна громада (категорія H).")


class HromadaProfile(HromadaAuditMixin, TimeStampedModel):
    """What a hromada says about itself beyond the codifier: area, centre, publication."""

    hromada = models.OneToOneField(
        Territory,
        verbose_name="громада",
        on_delete=models.PROTECT,
        related_name="profile",
        limit_choices_to={"category": TerritoryCategory.HROMADA},
    )
    area_km2 = models.DecimalField(
        "площа, км²", max_digits=9, decimal_places=2, null=True, blank=True
    )
    administrative_centre = models.ForeignKey(
        Territory,
        verbose_name="адміністративний центр громади",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    distance_to_oblast_centre_km = models.DecimalField(
        "відстань до обласного центру, км",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    oblast_centre_name = models.CharField(
        "обласний (адміністративний) центр", max_length=200, blank=True
    )
    description = models.TextField("загальні відомості", blank=True)
    data_note = models.TextField(
        "примітка про дані",
        blank=True,
        help_text="джерела, дата, що саме оцінено, а не взято з документа",
    )
    is_published = models.BooleanField(
        "профіль опубліковано",
        default=False,
        help_text="опублікований профіль бачать усі; малі значення (< 5) приховано",
    )

    class Meta:
        verbose_name = "профіль громади"
        verbose_name_plural = "профілі громад"

    def __str__(self) -> str:
        return f"Профіль: {self.hromada.display_name}"

    def clean(self) -> None:
        _hromada_only(self.hromada_id)


class SettlementProfile(HromadaAuditMixin, TimeStampedModel):
    """A settlement of the hromada as the social-protection department describes it."""

    settlement = models.OneToOneField(
        Territory,
        verbose_name="населений пункт",
        on_delete=models.PROTECT,
        related_name="settlement_profile",
    )
    hromada = models.ForeignKey(
        Territory,
        verbose_name="громада",
        on_delete=models.PROTECT,
        related_name="settlement_profiles",
    )
    population = models.PositiveIntegerField("кількість населення", null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(
        "рік (станом на 1 січня)", null=True, blank=True
    )
    area_km2 = models.DecimalField(
        "площа, км²", max_digits=9, decimal_places=2, null=True, blank=True
    )
    is_urban = models.BooleanField("міська місцевість")
    distance_to_centre_km = models.DecimalField(
        "відстань до центру громади, км",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    latitude = models.DecimalField(
        "широта",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(44)), MaxValueValidator(Decimal("52.5"))],
    )
    longitude = models.DecimalField(
        "довгота",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(22)), MaxValueValidator(Decimal("40.5"))],
    )
    is_estimated = models.BooleanField(
        "оцінка", default=False, help_text="значення оцінені, а не взяті з офіційного джерела"
    )

    class Meta:
        verbose_name = "населений пункт громади"
        verbose_name_plural = "населені пункти громади"
        ordering = ["settlement__sort_key"]

    def __str__(self) -> str:
        return self.settlement.display_name

    def clean(self) -> None:
        if self.settlement_id and self.hromada_id:
            settlement_hromada = (
                Territory.objects.filter(pk=self.settlement_id)
                .values_list("hromada_id", flat=True)
                .first()
            )
            if settlement_hromada != self.hromada_id:
                raise ValidationError("Населений пункт не входить до цієї громади.")


class _Count(HromadaAuditMixin, TimeStampedModel):
    """A count of people for one year and one sex, in a hromada or one of its settlements.

    ``territory`` is the hromada itself for hromada-wide figures, or a settlement of it;
    keeping it non-null lets one unique constraint cover both (NULLs are never equal).
    """

    hromada = models.ForeignKey(
        Territory, verbose_name="громада", on_delete=models.PROTECT, related_name="+"
    )
    territory = models.ForeignKey(
        Territory,
        verbose_name="територія",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="громада загалом або її населений пункт",
    )
    year = models.PositiveSmallIntegerField(
        "рік", validators=[MinValueValidator(1991), MaxValueValidator(2100)]
    )
    sex = models.CharField("стать", max_length=6, choices=Sex.choices)
    count = models.PositiveIntegerField("кількість осіб")
    is_estimated = models.BooleanField("оцінка", default=False)
    source = models.CharField("джерело", max_length=300, blank=True)

    class Meta:
        abstract = True


class PopulationCount(_Count):
    age_band = models.ForeignKey(
        "catalog.AgeBand", verbose_name="вікова група", on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = "чисельність населення"
        verbose_name_plural = "чисельність населення за віком і статтю"
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "year", "age_band", "sex"], name="population_count_unique"
            )
        ]
        indexes = [models.Index(fields=["hromada", "year"])]

    def __str__(self) -> str:
        return f"{self.year} {self.age_band} {self.get_sex_display()}: {self.count}"


class VulnerableGroupCount(_Count):
    group = models.ForeignKey(
        "catalog.VulnerableGroup", verbose_name="вразлива група", on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = "чисельність вразливої групи"
        verbose_name_plural = "чисельність вразливих груп за статтю"
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "year", "group", "sex"], name="vulnerable_count_unique"
            )
        ]
        indexes = [models.Index(fields=["hromada", "year"])]

    def __str__(self) -> str:
        return f"{self.year} {self.group} {self.get_sex_display()}: {self.count}"


class DisabilityCount(_Count):
    group = models.CharField("група інвалідності", max_length=5, choices=DisabilityGroup.choices)

    class Meta:
        verbose_name = "чисельність осіб з інвалідністю"
        verbose_name_plural = "чисельність осіб з інвалідністю за групами"
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "year", "group", "sex"], name="disability_count_unique"
            )
        ]
        indexes = [models.Index(fields=["hromada", "year"])]

    def __str__(self) -> str:
        return f"{self.year} {self.get_group_display()} {self.get_sex_display()}: {self.count}"


class VitalStatistics(HromadaAuditMixin, TimeStampedModel):
    hromada = models.ForeignKey(
        Territory, verbose_name="громада", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(
        "рік", validators=[MinValueValidator(1991), MaxValueValidator(2100)]
    )
    births = models.PositiveIntegerField("народилося")
    deaths = models.PositiveIntegerField("померло")
    is_estimated = models.BooleanField("оцінка", default=False)
    source = models.CharField("джерело", max_length=300, blank=True)

    class Meta:
        verbose_name = "природний рух населення"
        verbose_name_plural = "природний рух населення (народжені, померлі)"
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["hromada", "year"], name="vital_statistics_unique")
        ]

    def __str__(self) -> str:
        return f"{self.year}: +{self.births} / −{self.deaths}"


for _model in (
    HromadaProfile,
    SettlementProfile,
    PopulationCount,
    VulnerableGroupCount,
    DisabilityCount,
    VitalStatistics,
):
    auditlog.register(_model)
