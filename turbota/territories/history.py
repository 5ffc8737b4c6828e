"""The change history of a hromada's profile data, read from django-auditlog.

Every profile model puts ``{"hromada_id": …}`` into its audit entries. Providers do too, but
their history belongs to the provider registry (and a natural person's card holds personal
data), so only the profile's own models are listed here.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import QuerySet

from turbota.catalog.models import AgeBand, VulnerableGroup
from turbota.territories.models import (
    DisabilityCount,
    HromadaProfile,
    PopulationCount,
    SettlementProfile,
    Territory,
    VitalStatistics,
    VulnerableGroupCount,
)

TRACKED: tuple[type[models.Model], ...] = (
    HromadaProfile,
    SettlementProfile,
    PopulationCount,
    VulnerableGroupCount,
    DisabilityCount,
    VitalStatistics,
)
NOT_SHOWN = {"id", "created_at", "updated_at", "hromada"}
ACTIONS = {0: "додано", 1: "змінено", 2: "вилучено"}
EMPTY = "—"


def profile_history(hromada: Territory) -> QuerySet[LogEntry]:
    """Audit entries of the hromada's profile data, newest first."""
    types = ContentType.objects.get_for_models(*TRACKED).values()
    entries: QuerySet[LogEntry] = (
        LogEntry.objects.filter(additional_data__hromada_id=hromada.pk, content_type__in=types)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )
    return entries


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryRow:
    when: datetime.datetime
    who: str
    action: str
    what: str
    record: str
    changes: list[FieldChange]


def history_rows(entries: Iterable[LogEntry]) -> list[HistoryRow]:
    """Entries as people read them: field names, choice labels and names of linked records
    (looked up once for the whole page)."""
    entries = list(entries)
    names = _linked_names(entries)
    return [
        HistoryRow(
            when=entry.timestamp,
            who=str(entry.actor) if entry.actor else "система (імпорт або команда)",
            action=ACTIONS.get(entry.action, "записано"),
            what=_model_name(entry),
            record=entry.object_repr,
            changes=_field_changes(entry, names),
        )
        for entry in entries
    ]


def _model_name(entry: LogEntry) -> str:
    model = entry.content_type.model_class()
    name = str(model._meta.verbose_name) if model else entry.content_type.model
    return name[:1].upper() + name[1:]


def _changed_fields(entry: LogEntry) -> Iterable[tuple[models.Field[object, object], list[str]]]:
    model = entry.content_type.model_class()
    if model is None:
        return
    for name, values in (entry.changes_dict or {}).items():
        if name in NOT_SHOWN:
            continue
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(field, models.Field):
            yield field, [str(value) for value in values]


def _linked_names(entries: list[LogEntry]) -> dict[tuple[type[models.Model], str], str]:
    wanted: dict[type[models.Model], set[str]] = defaultdict(set)
    for entry in entries:
        for field, values in _changed_fields(entry):
            if field.is_relation and field.related_model is not None:
                related = field.related_model
                assert isinstance(related, type)
                wanted[related] |= {value for value in values if value.isdigit()}
    names: dict[tuple[type[models.Model], str], str] = {}
    for model, ids in wanted.items():
        for record in model._default_manager.filter(pk__in=ids):
            names[(model, str(record.pk))] = _record_name(record)
    return names


def _record_name(record: models.Model) -> str:
    if isinstance(record, Territory):
        return record.display_name
    if isinstance(record, AgeBand):
        return record.label
    if isinstance(record, VulnerableGroup):
        return record.name
    return str(record)


def _field_changes(
    entry: LogEntry, names: dict[tuple[type[models.Model], str], str]
) -> list[FieldChange]:
    changes = []
    for field, values in _changed_fields(entry):
        shown = [_value(field, value, names) for value in values]
        old, new = [*shown, EMPTY, EMPTY][:2] if len(shown) != 2 else shown
        label = str(field.verbose_name)
        changes.append(FieldChange(label[:1].upper() + label[1:], old, new))
    return changes


def _value(
    field: models.Field[object, object],
    value: str,
    names: dict[tuple[type[models.Model], str], str],
) -> str:
    if value in ("None", ""):
        return EMPTY
    if field.is_relation and isinstance(field.related_model, type):
        return names.get((field.related_model, value), f"№ {value}")
    if isinstance(field, models.BooleanField):
        return {"True": "так", "False": "ні"}.get(value, value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return value
