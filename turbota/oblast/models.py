"""What the oblast keeps beside its hromadas' data: regional planning notes, cooperation
between hromadas, boundaries for the map, and the working group's meetings with their
assignments (доручення) and the reports on them. Every figure about people is read from
the hromadas' own data (``oblast.queries``); nothing here counts people."""

from __future__ import annotations

import datetime

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from turbota.core.models import TimeStampedModel
from turbota.oblast.enums import (
    NAMED_KINDS,
    TERRITORY_KINDS,
    AddresseeKind,
    AssignmentStatus,
    CooperationStatus,
)

YEARS = [MinValueValidator(1991), MaxValueValidator(2100)]
OBLAST_ONLY = {"category": "O"}
HROMADA_ONLY = {"category": "H"}


def _user(label: str) -> models.ForeignKey:  # type: ignore[type-arg]
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class PlanningNote(TimeStampedModel):
    """What the oblast will organise regionally for a service hromadas cannot provide
    alone, and where (seed 003: "врахувати під час планування … на регіональному рівні")."""

    oblast = models.ForeignKey(
        "territories.Territory",
        verbose_name="область",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=OBLAST_ONLY,
    )
    service = models.ForeignKey(
        "catalog.Service", verbose_name="послуга", on_delete=models.PROTECT, related_name="+"
    )
    raion = models.ForeignKey(
        "territories.Territory",
        verbose_name="район",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"category": "P"},
    )
    hromada = models.ForeignKey(
        "territories.Territory",
        verbose_name="громада, де організують послугу",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=HROMADA_ONLY,
    )
    what = models.TextField("що організує область")
    planned_volume = models.PositiveIntegerField(
        "плановий обсяг, осіб на рік", null=True, blank=True
    )
    start_year = models.PositiveSmallIntegerField(
        "рік запровадження", null=True, blank=True, validators=YEARS
    )
    created_by = _user("хто вніс")

    class Meta:
        verbose_name = "нотатка регіонального планування"
        verbose_name_plural = "нотатки регіонального планування"
        ordering = ["service__code", "raion__sort_key", "pk"]

    def __str__(self) -> str:
        return f"{self.service.code}: {self.what[:60]}"

    def clean(self) -> None:
        for place in (self.raion, self.hromada):
            if place is not None and place.oblast_id != self.oblast_id:
                raise ValidationError(f"{place.display_name} — не в цій області.")
        if self.raion and self.hromada and self.hromada.parent_id != self.raion.pk:
            raise ValidationError({"hromada": "Громада не входить до вибраного району."})


class Cooperation(TimeStampedModel):
    """A hromada buying a service from a neighbouring hromada's providers (inter-municipal
    cooperation, seed 004): started from a suggestion of ``queries.cooperation``."""

    buyer = models.ForeignKey(
        "territories.Territory",
        verbose_name="громада, що потребує послуги",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=HROMADA_ONLY,
    )
    seller = models.ForeignKey(
        "territories.Territory",
        verbose_name="громада, чиї надавачі мають вільну потужність",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=HROMADA_ONLY,
    )
    service = models.ForeignKey(
        "catalog.Service", verbose_name="послуга", on_delete=models.PROTECT, related_name="+"
    )
    volume = models.PositiveIntegerField("обсяг, осіб на рік")
    status = models.CharField("стан", max_length=12, choices=CooperationStatus.choices)
    note = models.TextField("примітка", blank=True)

    class Meta:
        verbose_name = "міжмуніципальне співробітництво"
        verbose_name_plural = "міжмуніципальне співробітництво"
        ordering = ["service__code", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["buyer", "seller", "service"], name="cooperation_once_a_pair"
            ),
            models.CheckConstraint(
                condition=~Q(buyer=models.F("seller")), name="cooperation_with_another_hromada"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service.code}: {self.buyer.name} ← {self.seller.name}"


class CooperationTransition(models.Model):
    cooperation = models.ForeignKey(
        Cooperation,
        verbose_name="співробітництво",
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    from_status = models.CharField(
        "з", max_length=12, choices=CooperationStatus.choices, blank=True
    )
    to_status = models.CharField("до", max_length=12, choices=CooperationStatus.choices)
    by = _user("хто")
    at = models.DateTimeField("коли", auto_now_add=True)

    class Meta:
        verbose_name = "зміна стану співробітництва"
        verbose_name_plural = "зміни стану співробітництва"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        start = self.get_from_status_display() or "пропозиція"
        return f"{start} → {self.get_to_status_display()}"


class BoundaryLayer(TimeStampedModel):
    """Boundaries of the oblast's hromadas or raions for the map, as the user uploaded
    them (validated GeoJSON; the codifier carries no geometry)."""

    oblast = models.OneToOneField(
        "territories.Territory",
        verbose_name="область",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=OBLAST_ONLY,
    )
    name = models.CharField("назва файлу", max_length=255)
    geojson = models.JSONField("межі (GeoJSON)")
    features = models.PositiveIntegerField("контурів")
    uploaded_by = _user("хто завантажив")

    class Meta:
        verbose_name = "межі для мапи"
        verbose_name_plural = "межі для мапи"

    def __str__(self) -> str:
        return self.name


class Meeting(TimeStampedModel):
    """A meeting of the oblast working group, as its protocol records it (seed 003)."""

    oblast = models.ForeignKey(
        "territories.Territory",
        verbose_name="область",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=OBLAST_ONLY,
    )
    body = models.CharField("орган", max_length=500, default="обласна робоча група")
    number = models.CharField("номер протоколу", max_length=20)
    held_on = models.DateField("дата засідання")
    place = models.CharField("місце", max_length=200, blank=True)
    chair = models.CharField("головував(-ла): посада", max_length=500, blank=True)
    attendees = models.TextField(
        "присутні (посади)", blank=True, help_text="по одній посаді чи групі в рядку"
    )
    agenda = models.TextField("порядок денний", blank=True)
    created_by = _user("хто вніс")

    class Meta:
        verbose_name = "засідання робочої групи"
        verbose_name_plural = "засідання робочої групи"
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["oblast", "body", "held_on", "number"], name="meeting_protocol_once"
            )
        ]

    def __str__(self) -> str:
        return f"Протокол № {self.number} від {self.held_on:%d.%m.%Y}"

    @property
    def attendee_lines(self) -> list[str]:
        return [line.strip() for line in self.attendees.splitlines() if line.strip()]


class Assignment(TimeStampedModel):
    """One assignment (доручення) of a meeting: to whom, what, by when."""

    meeting = models.ForeignKey(
        Meeting, verbose_name="засідання", on_delete=models.CASCADE, related_name="assignments"
    )
    number = models.CharField("номер", max_length=20, help_text="як у протоколі, напр. 1.3")
    position = models.PositiveSmallIntegerField("порядок", default=0)
    text = models.TextField("зміст доручення")
    deadline = models.DateField("термін (до)", null=True, blank=True)
    is_permanent = models.BooleanField("постійно", default=False)
    status = models.CharField(
        "стан", max_length=10, choices=AssignmentStatus.choices, default=AssignmentStatus.OPEN
    )

    class Meta:
        verbose_name = "доручення"
        verbose_name_plural = "доручення"
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(deadline__isnull=False, is_permanent=True),
                name="assignment_deadline_or_permanent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"

    def clean(self) -> None:
        if self.deadline and self.is_permanent:
            raise ValidationError("Вкажіть термін або «постійно», не обидва.")

    @property
    def deadline_label(self) -> str:
        if self.is_permanent:
            return "постійно"
        if self.deadline is None:
            return "не встановлено"
        return f"до {self.deadline:%d.%m.%Y}"

    def is_overdue_on(self, day: datetime.date) -> bool:
        """Open after the day of its deadline ("до 25.03" still allows the 25th)."""
        return (
            self.status == AssignmentStatus.OPEN
            and self.deadline is not None
            and self.deadline < day
        )


class Addressee(models.Model):
    assignment = models.ForeignKey(
        Assignment, verbose_name="доручення", on_delete=models.CASCADE, related_name="addressees"
    )
    kind = models.CharField("кому", max_length=24, choices=AddresseeKind.choices)
    territory = models.ForeignKey(
        "territories.Territory",
        verbose_name="район чи громада",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField("назва виконавця", max_length=500, blank=True)

    class Meta:
        verbose_name = "виконавець доручення"
        verbose_name_plural = "виконавці доручення"
        ordering = ["assignment", "pk"]

    def __str__(self) -> str:
        if self.kind in TERRITORY_KINDS and self.territory is not None:
            return self.territory.display_name
        if self.kind in NAMED_KINDS:
            return self.name
        return self.get_kind_display()

    def clean(self) -> None:
        if self.kind in TERRITORY_KINDS and self.territory_id is None:
            raise ValidationError({"territory": "Виберіть район чи громаду."})
        if self.kind in NAMED_KINDS and not self.name.strip():
            raise ValidationError({"name": "Вкажіть назву виконавця."})


class AssignmentReport(TimeStampedModel):
    """What an addressee reports it has done on an assignment."""

    assignment = models.ForeignKey(
        Assignment, verbose_name="доручення", on_delete=models.CASCADE, related_name="reports"
    )
    territory = models.ForeignKey(
        "territories.Territory",
        verbose_name="громада чи район, що звітує",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reporter = models.CharField(
        "виконавець", max_length=500, blank=True, help_text="якщо звітує не громада й не район"
    )
    submitted_on = models.DateField("дата звіту")
    text = models.TextField("що зроблено")
    submitted_by = _user("хто вніс")

    class Meta:
        verbose_name = "звіт про виконання доручення"
        verbose_name_plural = "звіти про виконання доручень"
        ordering = ["assignment", "submitted_on", "pk"]

    def __str__(self) -> str:
        return f"{self.who}, {self.submitted_on:%d.%m.%Y}"

    @property
    def who(self) -> str:
        return self.territory.display_name if self.territory else self.reporter


class AssignmentTransition(models.Model):
    assignment = models.ForeignKey(
        Assignment,
        verbose_name="доручення",
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    from_status = models.CharField("з", max_length=10, choices=AssignmentStatus.choices)
    to_status = models.CharField("до", max_length=10, choices=AssignmentStatus.choices)
    by = _user("хто")
    at = models.DateTimeField("коли", auto_now_add=True)

    class Meta:
        verbose_name = "зміна стану доручення"
        verbose_name_plural = "зміни стану доручень"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


for _model in (
    PlanningNote,
    Cooperation,
    BoundaryLayer,
    Meeting,
    Assignment,
    Addressee,
    AssignmentReport,
):
    auditlog.register(_model, exclude_fields=["geojson"] if _model is BoundaryLayer else None)
