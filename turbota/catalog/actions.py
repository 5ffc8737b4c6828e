"""Writes to the catalogue: loading the shipped reference data.

Shipped values are defaults. A record that already exists is left as it is, so that an
administrator's corrections (a confirmed name, a fixed basic-service link) survive every
re-run of ``load_reference``.
"""

from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources

from django.db import models, transaction

from turbota.catalog.models import (
    AgeBand,
    BasicServiceList,
    BasicServiceListEntry,
    LifeCircumstanceFactor,
    Service,
    ServiceGroup,
    VulnerableGroup,
)

REFERENCE = resources.files("turbota.catalog").joinpath("reference")


@dataclass
class CatalogLoadResult:
    created: dict[str, int] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, was_created: bool) -> None:
        bucket = self.created if was_created else self.kept
        bucket[kind] = bucket.get(kind, 0) + 1


def placeholder_name(code: str) -> str:
    return f"Послуга {code} (назву потрібно уточнити)"


def load_catalog() -> CatalogLoadResult:
    result = CatalogLoadResult()
    with transaction.atomic():
        _load_service_groups(result)
        _load_services(result)
        _load_basic_services(result)
        _load_age_bands(result)
        _load_vulnerable_groups(result)
        _load_life_circumstances(result)
    return result


def _rows(name: str) -> Iterator[dict[str, str]]:
    with REFERENCE.joinpath(name).open(encoding="utf-8") as handle:
        yield from csv.DictReader(handle)


def _create_missing(
    result: CatalogLoadResult, kind: str, key: str, candidates: Sequence[models.Model]
) -> None:
    """Create the candidates whose ``key`` is not in the table yet; keep the others as is."""
    if not candidates:
        return
    model = type(candidates[0])
    existing = set(model._default_manager.values_list(key, flat=True))
    new = [candidate for candidate in candidates if getattr(candidate, key) not in existing]
    model._default_manager.bulk_create(new)
    if new:
        result.created[kind] = len(new)
    if len(new) < len(candidates):
        result.kept[kind] = len(candidates) - len(new)


def _load_service_groups(result: CatalogLoadResult) -> None:
    groups = [
        ServiceGroup(
            code=row["code"],
            name=row["name"] or f"Група {row['code']} (назву потрібно уточнити)",
            name_confirmed=row["name_confirmed"] == "yes",
        )
        for row in _rows("service_groups.csv")
    ]
    _create_missing(result, "service_groups", "code", groups)


def _load_services(result: CatalogLoadResult) -> None:
    groups = {group.code: group for group in ServiceGroup.objects.all()}
    services = [
        Service(
            code=row["code"],
            name=row["name"] or placeholder_name(row["code"]),
            name_confirmed=row["name_confirmed"] == "yes",
            group=groups[row["code"][:3]],
            purpose=row["purpose"],
        )
        for row in _rows("services.csv")
    ]
    _create_missing(result, "services", "code", services)


def _load_basic_services(result: CatalogLoadResult) -> None:
    spec = json.loads(REFERENCE.joinpath("basic_services.json").read_text(encoding="utf-8"))
    basic_list, created = BasicServiceList.objects.get_or_create(
        legal_act=spec["legal_act"],
        valid_from=datetime.date.fromisoformat(spec["valid_from"]),
        defaults={"title": spec["title"], "note": spec["note"], "valid_to": spec["valid_to"]},
    )
    result.count("basic_service_lists", created)
    services = {service.code: service for service in Service.objects.all()}
    known = set(basic_list.entries.values_list("name", flat=True))
    entries = [
        BasicServiceListEntry(
            basic_list=basic_list,
            name=name,
            service=services.get(code) if code else None,
            position=position,
        )
        for position, (name, code) in enumerate(spec["entries"], start=1)
    ]
    new = [entry for entry in entries if entry.name not in known]
    BasicServiceListEntry.objects.bulk_create(new)
    if new:
        result.created["basic_services"] = len(new)
    if known:
        result.kept["basic_services"] = len(entries) - len(new)


def _load_age_bands(result: CatalogLoadResult) -> None:
    if AgeBand.objects.exists():  # bands are configured locally once they exist
        result.kept["age_bands"] = AgeBand.objects.count()
        return
    bands = [
        AgeBand(
            min_age=int(row["min_age"]), max_age=int(row["max_age"]) if row["max_age"] else None
        )
        for row in _rows("age_bands.csv")
    ]
    AgeBand.objects.bulk_create(bands)
    result.created["age_bands"] = len(bands)


def _load_vulnerable_groups(result: CatalogLoadResult) -> None:
    groups = [
        VulnerableGroup(
            code=row["code"],
            name=row["name"],
            unit=row["unit"],
            reference_date_type=row["reference_date_type"],
            data_source=row["data_source"],
            position=position,
            note="Рядок таблиці 1 стратегії Селидівської громади; звірити з додатком 1.",
        )
        for position, row in enumerate(_rows("vulnerable_groups.csv"), start=1)
    ]
    _create_missing(result, "vulnerable_groups", "code", groups)


def _load_life_circumstances(result: CatalogLoadResult) -> None:
    factors = [
        LifeCircumstanceFactor(code=row["code"], name=row["name"], position=position)
        for position, row in enumerate(_rows("life_circumstances.csv"), start=1)
    ]
    _create_missing(result, "life_circumstance_factors", "code", factors)
