"""People served or at risk, kept in two parts: a pseudonymous ``Person`` that every
service record points to (sex, birth year, settlement — what counting needs), and the
``PersonIdentity`` that says who that is (name, РНОКПП, document, address). Counting reads
only the first; opening the second is logged in ``PersonAccess``."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import Any

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from turbota.accounts.enums import Role
from turbota.core.enums import Sex
from turbota.core.models import HromadaAuditMixin, TimeStampedModel
from turbota.core.text import ukrainian_sort_key
from turbota.people.enums import (
    AccessAction,
    Decision,
    DocumentType,
    EpisodeStatus,
    HouseholdRelation,
    VolumeUnit,
)
from turbota.providers.enums import PaymentBasis

# What people are counted by: a write to these keeps the counts of people served true.
COUNTED_FIELDS = frozenset({"hromada", "hromada_id", "settlement", "settlement_id", "sex"})


def _kept_for(person_ids: Iterable[int]) -> AbstractContextManager[None]:
    from turbota.people.served import kept_for  # it reads the models below

    return kept_for(person_ids)


RNOKPP = RegexValidator(r"^\d{10}$", "РНОКПП — 10 цифр.")


class PersonQuerySet(models.QuerySet["Person"]):
    def in_hromada(self, hromada_id: int) -> PersonQuerySet:
        return self.filter(hromada_id=hromada_id)

    def update(self, **kwargs: Any) -> int:
        if COUNTED_FIELDS.isdisjoint(kwargs):
            return super().update(**kwargs)
        # they are counted by hromada, settlement and sex
        with _kept_for(self.order_by().values_list("pk", flat=True)):
            return super().update(**kwargs)


class Household(HromadaAuditMixin, TimeStampedModel):
    """People living together (домогосподарство), as a family in difficult circumstances is
    counted and served."""

    hromada = models.ForeignKey(
        "territories.Territory",
        verbose_name="громада",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"category": "H"},
    )
    note = models.CharField("примітка", max_length=300, blank=True)

    class Meta:
        verbose_name = "домогосподарство"
        verbose_name_plural = "домогосподарства"

    def __str__(self) -> str:
        return f"Домогосподарство № {self.pk}"


class Person(HromadaAuditMixin, TimeStampedModel):
    """A recipient or a person at risk, without identity: what figures are made of."""

    pseudonym = models.UUIDField(
        "псевдонім", default=uuid.uuid4, unique=True, editable=False, db_index=True
    )
    hromada = models.ForeignKey(
        "territories.Territory",
        verbose_name="громада",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"category": "H"},
        db_index=False,  # the index on (hromada, settlement, sex, birth year) leads with it
    )
    settlement = models.ForeignKey(
        "territories.Territory",
        verbose_name="населений пункт",
        on_delete=models.PROTECT,
        related_name="+",
    )
    sex = models.CharField("стать", max_length=6, choices=Sex.choices)
    birth_year = models.PositiveSmallIntegerField("рік народження")
    household = models.ForeignKey(
        Household,
        verbose_name="домогосподарство",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    household_relation = models.CharField(
        "роль у домогосподарстві", max_length=10, choices=HouseholdRelation.choices, blank=True
    )
    is_synthetic = models.BooleanField(
        "синтетичний запис", default=False, help_text="створено генератором для демо й тестів"
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "особа"
        verbose_name_plural = "особи"
        ordering = ["pk"]
        indexes = [models.Index(fields=["hromada", "settlement", "sex", "birth_year"])]

    def __str__(self) -> str:
        # Never the name: a person shows as a pseudonym wherever identity is not needed.
        return f"Особа {str(self.pseudonym)[:8]}"

    def age_on(self, day: datetime.date) -> int:
        """Age in whole years on ``day`` by birth year (the identity has the exact date)."""
        return day.year - self.birth_year

    def clean(self) -> None:
        if self.settlement_id and self.hromada_id and self.settlement.hromada_id != self.hromada_id:
            raise ValidationError({"settlement": "Населений пункт має належати до громади особи."})

    def save(self, *args: Any, **kwargs: Any) -> None:
        fields = kwargs.get("update_fields")
        if self._state.adding or (fields is not None and COUNTED_FIELDS.isdisjoint(fields)):
            super().save(*args, **kwargs)
            return
        with _kept_for([self.pk]):  # they are counted by where they live and their sex
            super().save(*args, **kwargs)


class PersonIdentity(TimeStampedModel):
    """Who a person is. Kept apart so that service data can be counted without it."""

    person = models.OneToOneField(
        Person, verbose_name="особа", on_delete=models.CASCADE, related_name="identity"
    )
    last_name = models.CharField("прізвище", max_length=100)
    first_name = models.CharField("ім'я", max_length=100)
    patronymic = models.CharField("по батькові", max_length=100, blank=True)
    rnokpp = models.CharField(
        "РНОКПП", max_length=10, null=True, blank=True, unique=True, validators=[RNOKPP]
    )
    document_type = models.CharField(
        "документ", max_length=20, choices=DocumentType.choices, blank=True
    )
    document_number = models.CharField("серія і номер документа", max_length=30, blank=True)
    birth_date = models.DateField("дата народження")
    address = models.CharField("адреса", max_length=500, blank=True)
    phone = models.CharField("телефон", max_length=50, blank=True)
    name_key = models.CharField(
        "ключ пошуку й сортування", max_length=400, editable=False, default=""
    )

    class Meta:
        verbose_name = "дані про особу"
        verbose_name_plural = "дані про осіб"
        # The people list's order (name, then person): a page starts after any row of it.
        indexes = [models.Index(fields=["name_key", "person"], name="people_identity_order")]

    def __str__(self) -> str:
        # The audit trail and the admin print this: the person's pseudonym, never the name.
        return f"Дані: {self.person}"

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Ukrainian alphabetical order and case-blind search on SQLite and PostgreSQL alike.
        self.name_key = ukrainian_sort_key(self.full_name)
        super().save(*args, **kwargs)

    def get_additional_data(self) -> dict[str, object]:
        return {"hromada_id": self.person.hromada_id, "person_id": self.person_id}

    def clean(self) -> None:
        if not self.rnokpp and not (self.document_type and self.document_number):
            raise ValidationError("Вкажіть РНОКПП або документ (вид, серію і номер).")
        if self.birth_date and self.birth_date > timezone.localdate():
            raise ValidationError({"birth_date": "Дата народження не може бути в майбутньому."})


class GroupMembership(TimeStampedModel):
    """A person's membership of a vulnerable group (for a period, if known)."""

    person = models.ForeignKey(
        Person, verbose_name="особа", on_delete=models.CASCADE, related_name="groups"
    )
    group = models.ForeignKey(
        "catalog.VulnerableGroup",
        verbose_name="вразлива група",
        on_delete=models.PROTECT,
        related_name="+",
    )
    since = models.DateField("з", null=True, blank=True)
    until = models.DateField("до", null=True, blank=True)

    class Meta:
        verbose_name = "належність до вразливої групи"
        verbose_name_plural = "належність до вразливих груп"
        constraints = [
            models.UniqueConstraint(fields=["person", "group"], name="person_group_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.group}"


class CircumstanceFactor(TimeStampedModel):
    """A factor of difficult life circumstances (СЖО) found in a person's assessment."""

    person = models.ForeignKey(
        Person, verbose_name="особа", on_delete=models.CASCADE, related_name="factors"
    )
    factor = models.ForeignKey(
        "catalog.LifeCircumstanceFactor",
        verbose_name="чинник СЖО",
        on_delete=models.PROTECT,
        related_name="+",
    )
    found_on = models.DateField("встановлено", null=True, blank=True)

    class Meta:
        verbose_name = "чинник складних життєвих обставин"
        verbose_name_plural = "чинники складних життєвих обставин"
        constraints = [
            models.UniqueConstraint(fields=["person", "factor"], name="person_factor_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.factor}"


class EpisodeQuerySet(models.QuerySet["ServiceEpisode"]):
    """Writes in bulk keep the counts of people served true (``people.served``)."""

    def active_in_year(self, year: int) -> EpisodeQuerySet:
        """Episodes that ran on at least one day of ``year``."""
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        return (
            self.filter(start_date__lte=end)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
            .exclude(status=EpisodeStatus.CANCELLED)
        )

    def bulk_create(self, objs: Iterable[ServiceEpisode], *args: Any, **kwargs: Any) -> Any:
        episodes = list(objs)
        with _kept_for(e.person_id for e in episodes):
            return super().bulk_create(episodes, *args, **kwargs)

    def update(self, **kwargs: Any) -> int:
        with _kept_for(self._people(kwargs.get("person_id", kwargs.get("person")))):
            return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        with _kept_for(self._people()):
            return super().delete()

    def _people(self, moved_to: Any = None) -> set[int]:
        ids = set(self.order_by().values_list("person_id", flat=True))
        if moved_to is not None:
            ids.add(getattr(moved_to, "pk", moved_to))
        return ids


class ServiceEpisode(TimeStampedModel):
    """A service given to a person by a provider over a period (the recipient register)."""

    person = models.ForeignKey(
        Person, verbose_name="особа", on_delete=models.PROTECT, related_name="episodes"
    )
    service = models.ForeignKey(
        "catalog.Service",
        verbose_name="послуга",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # the index on (service, start date) leads with it
    )
    provider = models.ForeignKey(
        "providers.Provider",
        verbose_name="надавач",
        on_delete=models.PROTECT,
        related_name="episodes",
    )
    settlement = models.ForeignKey(
        "territories.Territory",
        verbose_name="населений пункт надання",
        on_delete=models.PROTECT,
        related_name="+",
    )
    start_date = models.DateField("початок")
    end_date = models.DateField("завершення", null=True, blank=True)
    payment_basis = models.CharField(
        "умови оплати", max_length=20, choices=PaymentBasis.choices, default=PaymentBasis.FREE
    )
    volume = models.DecimalField("обсяг", max_digits=9, decimal_places=2, null=True, blank=True)
    volume_unit = models.CharField(
        "одиниця обсягу", max_length=15, choices=VolumeUnit.choices, blank=True
    )
    status = models.CharField(
        "стан", max_length=10, choices=EpisodeStatus.choices, default=EpisodeStatus.ACTIVE
    )
    source_key = models.CharField(
        "ключ рядка імпорту",
        max_length=64,
        blank=True,
        help_text="однаковий рядок, імпортований удруге, нічого не змінює",
    )

    objects = EpisodeQuerySet.as_manager()

    class Meta:
        verbose_name = "епізод надання послуги"
        verbose_name_plural = "епізоди надання послуг"
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="episode_ends_after_it_starts",
            ),
            # A row imported twice is one episode (the importer also skips it first).
            models.UniqueConstraint(
                fields=["person", "source_key"],
                condition=~Q(source_key=""),
                name="episode_imported_once",
            ),
        ]
        indexes = [models.Index(fields=["service", "start_date"])]

    def __str__(self) -> str:
        return f"{self.person}: {self.service.code}, з {self.start_date:%d.%m.%Y}"

    def get_additional_data(self) -> dict[str, object]:
        return {"hromada_id": self.person.hromada_id, "person_id": self.person_id}

    def save(self, *args: Any, **kwargs: Any) -> None:
        people = {self.person_id}
        if not self._state.adding:  # it may move from another person
            people |= set(
                ServiceEpisode.objects.filter(pk=self.pk).values_list("person", flat=True)
            )
        with _kept_for(people):
            super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        with _kept_for([self.person_id]):
            return super().delete(*args, **kwargs)

    def clean(self) -> None:
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "Завершення не може бути раніше за початок."})
        if self.volume is not None and not self.volume_unit:
            raise ValidationError({"volume_unit": "Вкажіть одиницю обсягу."})


class ServedChange(models.Model):
    """How many more (or fewer) people of a hromada, living in a settlement, of one sex, are
    served by a service in ``year`` than in the year before. The people served in a year
    are the sum of the changes up to it; kept true by ``people.served`` on every write of
    episodes and of people's counting fields, so a country's needs read a small table
    instead of every episode (decision 0016)."""

    hromada = models.ForeignKey(
        "territories.Territory",
        verbose_name="громада",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,  # the unique constraint's index leads with the hromada
    )
    settlement = models.ForeignKey(
        "territories.Territory",
        verbose_name="населений пункт проживання",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    service = models.ForeignKey(
        "catalog.Service",
        verbose_name="послуга",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    sex = models.CharField("стать", max_length=6, choices=Sex.choices)
    year = models.SmallIntegerField("рік")
    change = models.IntegerField("зміна кількості отримувачів")

    class Meta:
        verbose_name = "зміна кількості отримувачів за рік"
        verbose_name_plural = "зміни кількості отримувачів за роками"
        constraints = [
            models.UniqueConstraint(
                fields=["hromada", "settlement", "service", "sex", "year"],
                name="served_change_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.change:+d}"


class Application(TimeStampedModel):
    """An application (звернення) for a service: an assessment, then a decision, each within
    the deadline of ``catalog.DeadlineRule`` in force on the application's date (art. 20:
    5 working days to assess); a granted service without a free place puts the person on
    the waiting list."""

    person = models.ForeignKey(
        Person, verbose_name="особа", on_delete=models.PROTECT, related_name="applications"
    )
    service = models.ForeignKey(
        "catalog.Service", verbose_name="послуга", on_delete=models.PROTECT, related_name="+"
    )
    provider = models.ForeignKey(
        "providers.Provider",
        verbose_name="надавач",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    applied_on = models.DateField("дата звернення")
    assessed_on = models.DateField("дата оцінювання потреб", null=True, blank=True)
    decision = models.CharField(
        "рішення", max_length=15, choices=Decision.choices, default=Decision.PENDING
    )
    decided_on = models.DateField("дата рішення", null=True, blank=True)
    note = models.CharField("примітка", max_length=500, blank=True)

    class Meta:
        verbose_name = "звернення"
        verbose_name_plural = "звернення"
        ordering = ["-applied_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(assessed_on__isnull=True) | Q(assessed_on__gte=models.F("applied_on")),
                name="application_assessed_after_applied",
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=models.F("applied_on")),
                name="application_decided_after_applied",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.service.code}, {self.applied_on:%d.%m.%Y}"

    def get_additional_data(self) -> dict[str, object]:
        return {"hromada_id": self.person.hromada_id, "person_id": self.person_id}

    def clean(self) -> None:
        for field in ("assessed_on", "decided_on"):
            day = getattr(self, field)
            if day and self.applied_on and day < self.applied_on:
                raise ValidationError({field: "Дата не може бути раніше за дату звернення."})
        if self.decision != Decision.PENDING and not self.decided_on:
            raise ValidationError({"decided_on": "Вкажіть дату рішення."})


class PersonAccess(models.Model):
    """One opening of a person's record: who, when, how. Never edited, never deleted."""

    person = models.ForeignKey(
        Person, verbose_name="особа", on_delete=models.CASCADE, related_name="accesses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="користувач",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField("ім'я користувача", max_length=150)
    role = models.CharField("роль", max_length=200, blank=True)
    action = models.CharField("дія", max_length=10, choices=AccessAction.choices)
    via = models.CharField("де", max_length=200, help_text="сторінка або адреса API")
    at = models.DateTimeField("коли", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "доступ до даних особи"
        verbose_name_plural = "журнал доступу до даних осіб"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.username}: {self.get_action_display()} {self.at:%d.%m.%Y %H:%M}"

    @property
    def role_labels(self) -> str:
        """The roles as people read them; ``role`` keeps their codes, as written then."""
        labels = {code: str(label) for code, label in Role.choices}
        return ", ".join(labels.get(code, code) for code in self.role.split(", ") if code)


# The audit trail records that identifiers changed, not their values: it is read more widely
# than the identity itself.
auditlog.register(
    PersonIdentity,
    mask_fields=[
        "last_name",
        "first_name",
        "patronymic",
        "rnokpp",
        "document_type",
        "document_number",
        "birth_date",
        "address",
        "phone",
        "name_key",
    ],
)
for _model in (Household, Person, GroupMembership, CircumstanceFactor, ServiceEpisode, Application):
    auditlog.register(_model)


class ColumnMapping(HromadaAuditMixin, TimeStampedModel):
    """How the headers of a hromada's own file layout (an export of another system, say)
    stand for the import template's, saved under a name to use again."""

    hromada = models.ForeignKey(
        "territories.Territory",
        verbose_name="громада",
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"category": "H"},
    )
    name = models.CharField("назва", max_length=100)
    columns = models.JSONField(
        "відповідність стовпців", help_text="заголовок у файлі (без огляду на регістр) → шаблону"
    )

    class Meta:
        verbose_name = "зіставлення стовпців імпорту"
        verbose_name_plural = "зіставлення стовпців імпорту"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["hromada", "name"], name="column_mapping_name_once")
        ]

    def __str__(self) -> str:
        return self.name


auditlog.register(ColumnMapping)
