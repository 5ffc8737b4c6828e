"""Reads of the provider registry: who sees which providers, the list rows, a provider's
card and its history."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery, Sum

from turbota.accounts.permissions import (
    AnyUser,
    analyst_oblast_ids,
    is_admin,
    provider_ids,
    staff_hromada_ids,
    working_group_hromada_ids,
)
from turbota.catalog.models import Service
from turbota.core.text import normalize_text, ukrainian_sort_key
from turbota.providers.enums import OwnershipSector
from turbota.providers.models import (
    PERSONAL_CODE_LENGTH,
    Department,
    ProvidedService,
    Provider,
    ProviderAddress,
    ProviderQuerySet,
    StaffPosition,
)
from turbota.territories.models import Territory, TerritoryQuerySet


def providers_visible_to(user: AnyUser) -> ProviderQuerySet:
    """Administrators see every provider; hromada staff and the working group their
    hromadas'; oblast analysts their oblast's; provider staff their own providers; and
    everyone the providers of hromadas whose profile is published. The same rule as
    ``permissions.can_view_provider``, as a query."""
    providers = Provider.objects.all()
    if is_admin(user):
        return providers
    scope = Q(hromada__profile__is_published=True) | Q(pk__in=provider_ids(user))
    hromadas = staff_hromada_ids(user) | working_group_hromada_ids(user)
    if hromadas:
        scope |= Q(hromada_id__in=hromadas)
    oblasts = analyst_oblast_ids(user)
    if oblasts:
        scope |= Q(hromada__oblast_id__in=oblasts)
    return providers.filter(scope)


def hromadas_of(providers: models.QuerySet[Provider]) -> TerritoryQuerySet:
    """The hromadas the given providers belong to, in Ukrainian alphabetical order."""
    return Territory.objects.filter(pk__in=providers.values("hromada_id")).order_by("sort_key")


def search_providers(providers: ProviderQuerySet, text: str) -> ProviderQuerySet:
    """Providers whose full or short name contains every word of ``text``, or whose
    ЄДРПОУ starts with it. A РНОКПП (a natural person's, or any 10-digit code) is never
    searched: the search would tell anyone whether a guessed number is someone's.
    Case-insensitive for Cyrillic on SQLite too: full names are matched through their sort
    key, case-folded letter by letter."""
    text = normalize_text(text)
    if not text:
        return providers
    condition = (
        Q(registry_code__startswith=text)
        & ~Q(ownership_sector=OwnershipSector.NATURAL_PERSON)
        & ~Q(registry_code__regex=rf"^[0-9]{{{PERSONAL_CODE_LENGTH}}}$")
    )
    words = Q()
    for word in text.split(" "):
        spellings = {word, word.lower(), word.capitalize(), word.upper()}
        in_short_name = Q()
        for spelling in spellings:
            in_short_name |= Q(short_name__contains=spelling)
        words &= Q(sort_key__contains=ukrainian_sort_key(word)) | in_short_name
    return providers.filter(condition | words)


def offering(providers: ProviderQuerySet, service: Service) -> ProviderQuerySet:
    return providers.filter(
        Exists(ProvidedService.objects.filter(provider=OuterRef("pk"), service=service))
    )


def provider_rows(providers: ProviderQuerySet) -> ProviderQuerySet:
    """What a row of the registry table shows: hromada, service codes and staff totals
    (``staff_established``, ``staff_filled``), in a constant number of queries."""
    staff = StaffPosition.objects.filter(provider=OuterRef("pk")).order_by().values("provider")
    return (
        providers.select_related("hromada")
        .annotate(
            staff_established=Subquery(staff.annotate(total=Sum("established")).values("total")),
            staff_filled=Subquery(staff.annotate(total=Sum("filled")).values("total")),
        )
        .prefetch_related(
            Prefetch(
                "services",
                queryset=ProvidedService.objects.select_related("service").order_by(
                    "service__code"
                ),
            )
        )
    )


@dataclass(frozen=True)
class HromadaRegistry:
    providers: ProviderQuerySet
    potential: ProviderQuerySet


def hromada_registry(user: AnyUser, hromada: Territory) -> HromadaRegistry:
    """A hromada's providers the user may see, split into providers and potential ones."""
    providers = provider_rows(providers_visible_to(user).in_hromada(hromada.pk))
    return HromadaRegistry(
        providers=providers.filter(is_potential=False),
        potential=providers.filter(is_potential=True),
    )


def hromada_settlements(hromada: Territory) -> TerritoryQuerySet:
    """The settlements of a hromada (cities, towns, villages), in alphabetical order."""
    return Territory.objects.filter(hromada=hromada).settlements().order_by("sort_key")


@dataclass(frozen=True)
class ProviderCard:
    """Everything a provider's card shows besides its own fields."""

    provider: Provider
    addresses: list[ProviderAddress]
    departments: list[Department]
    staff: list[StaffPosition]
    services: list[ProvidedService]

    @property
    def established_total(self) -> Decimal:
        return sum((position.established for position in self.staff), Decimal(0))

    @property
    def filled_total(self) -> Decimal:
        return sum((position.filled for position in self.staff), Decimal(0))

    @property
    def vacancy_total(self) -> Decimal:
        return self.established_total - self.filled_total

    @property
    def overstaffed(self) -> list[StaffPosition]:
        return [position for position in self.staff if position.vacancy < 0]


def provider_card(provider: Provider) -> ProviderCard:
    """A provider's addresses, departments, staff and services: four queries."""
    departments = list(provider.departments.select_related("settlement"))
    departments.sort(key=lambda department: ukrainian_sort_key(department.name))
    return ProviderCard(
        provider=provider,
        addresses=list(provider.addresses.select_related("settlement")),
        departments=departments,
        staff=list(provider.staff.select_related("department")),
        services=list(provider.services.select_related("service", "department")),
    )


def overstaffed_positions(provider: Provider) -> list[StaffPosition]:
    """Posts where more people work than established: allowed (part-timers share posts),
    but worth a second look after saving."""
    return list(
        provider.staff.filter(filled__gt=models.F("established")).select_related("department")
    )


_ACTIONS = {
    LogEntry.Action.CREATE: "додано",
    LogEntry.Action.UPDATE: "змінено",
    LogEntry.Action.DELETE: "видалено",
    LogEntry.Action.ACCESS: "переглянуто",
}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    timestamp: datetime.datetime
    actor: str
    action: str
    what: str
    changes: list[FieldChange] = field(default_factory=list)


def provider_history(*, provider: Provider, limit: int = 50) -> list[HistoryEntry]:
    """The latest audit entries of the provider and of its addresses, departments, staff
    and services (their ``additional_data`` names the provider)."""
    entries = list(
        LogEntry.objects.filter(additional_data__provider_id=provider.pk)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")[:limit]
    )
    labels = _related_labels(entries)
    return [
        HistoryEntry(
            timestamp=entry.timestamp,
            actor=str(entry.actor) if entry.actor else "система",
            action=_ACTIONS.get(entry.action, ""),
            what=f"{_model_of(entry)._meta.verbose_name} «{entry.object_repr}»",
            changes=_changes(entry, labels) if entry.action == LogEntry.Action.UPDATE else [],
        )
        for entry in entries
    ]


def _model_of(entry: LogEntry) -> type[models.Model]:
    model: type[models.Model] | None = entry.content_type.model_class()
    assert model is not None
    return model


def _relation(entry: LogEntry, name: str) -> models.Field[object, object] | None:
    try:
        model_field = _model_of(entry)._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return model_field if isinstance(model_field, models.ForeignKey) else None


RelatedLabels = dict[tuple[type[models.Model], str], str]


def _related_labels(entries: list[LogEntry]) -> RelatedLabels:
    """Names of the objects foreign keys in the changes point at: one query per model."""
    wanted: dict[type[models.Model], set[str]] = defaultdict(set)
    for entry in entries:
        if entry.action != LogEntry.Action.UPDATE:
            continue
        for name, values in (entry.changes or {}).items():
            relation = _relation(entry, name)
            if relation is not None and relation.related_model is not None:
                related = relation.related_model
                assert isinstance(related, type)
                wanted[related] |= {str(value) for value in values if value not in (None, "None")}
    labels: RelatedLabels = {}
    for model, pks in wanted.items():
        for obj in model._default_manager.filter(pk__in=pks):
            label = getattr(obj, "display_name", None) or str(obj)
            labels[(model, str(obj.pk))] = label
    return labels


def _changes(entry: LogEntry, labels: RelatedLabels) -> list[FieldChange]:
    changes = []
    model = _model_of(entry)
    for name, (old, new) in (entry.changes or {}).items():
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        changes.append(
            FieldChange(
                field=str(getattr(model_field, "verbose_name", name)),
                old=_shown(model_field, old, labels),
                new=_shown(model_field, new, labels),
            )
        )
    return changes


def _shown(model_field: object, value: object, labels: RelatedLabels) -> str:
    if value in (None, "None", ""):
        return "—"
    text = str(value)
    if isinstance(model_field, models.BooleanField):
        return "так" if text == "True" else "ні"
    if isinstance(model_field, models.ForeignKey) and model_field.related_model is not None:
        related = model_field.related_model
        assert isinstance(related, type)
        return labels.get((related, text), text)
    choices = dict(getattr(model_field, "choices", None) or ())
    return str(choices.get(text, text))
