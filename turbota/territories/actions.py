"""Writes to territories: the codifier load and the community profile."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F

from turbota.core.enums import Sex
from turbota.core.imports import ChangeAction
from turbota.core.models import ReferenceLoad
from turbota.core.text import ukrainian_sort_key
from turbota.territories.enums import SETTLEMENT_CATEGORIES, TerritoryCategory
from turbota.territories.katottg import (
    CodifierRow,
    bundled_codifier_path,
    file_checksum,
    read_codifier,
)
from turbota.territories.models import (
    CRIMEA_CODE_PREFIXES,
    DisabilityCount,
    HromadaProfile,
    PopulationCount,
    SettlementProfile,
    Territory,
    VitalStatistics,
    VulnerableGroupCount,
)

CODIFIER_DATASET = "katottg"
BATCH = 2000


@dataclass
class CodifierLoadResult:
    edition: str
    skipped: bool = False
    created: int = 0
    updated: int = 0
    retired: int = 0
    by_category: dict[str, int] = field(default_factory=dict)


def load_codifier(*, path: Path | None = None, force: bool = False) -> CodifierLoadResult:
    """Bring the territories table in line with a KATOTTG codifier file.

    Idempotent: a file already loaded (same checksum) is skipped unless ``force``; units
    missing from the file are kept but marked not current, since other records refer to them.
    """
    path = path or bundled_codifier_path()
    checksum = file_checksum(path)
    last = ReferenceLoad.objects.filter(dataset=CODIFIER_DATASET).first()
    if last and last.checksum == checksum and not force:
        return CodifierLoadResult(edition=last.edition, skipped=True)
    edition, rows = read_codifier(path)
    with transaction.atomic():
        result = _sync_territories(rows, edition)
        ReferenceLoad.objects.create(
            dataset=CODIFIER_DATASET,
            checksum=checksum,
            edition=edition,
            summary={
                "created": result.created,
                "updated": result.updated,
                "retired": result.retired,
                "by_category": result.by_category,
            },
        )
    return result


def _sync_territories(rows: list[CodifierRow], edition: str) -> CodifierLoadResult:
    result = CodifierLoadResult(edition=edition, by_category=_count_by_category(rows))
    category_of = {row.code: row.category for row in rows}
    existing = {t.code: t for t in Territory.objects.all()}
    ids = {code: territory.pk for code, territory in existing.items()}
    # Parents first: a unit's chain is longer than its parent's, so creating by chain
    # length lets every new row carry its links from the start.
    for depth in sorted({len(row.chain) for row in rows}):
        new = [
            Territory(code=row.code, **_fields(row, edition, ids, category_of))
            for row in rows
            if len(row.chain) == depth and row.code not in existing
        ]
        Territory.objects.bulk_create(new, batch_size=BATCH)
        ids.update(
            Territory.objects.filter(code__in=[t.code for t in new]).values_list("code", "id")
        )
        result.created += len(new)
    _link_hromadas_to_themselves()
    changed = []
    for row in rows:
        territory = existing.get(row.code)
        if territory is None:
            continue
        wanted = _fields(row, edition, ids, category_of)
        if any(getattr(territory, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(territory, name, value)
            changed.append(territory)
    Territory.objects.bulk_update(changed, list(_fields(rows[0], edition, ids, category_of)))
    result.updated = len(changed)
    retired = [code for code, t in existing.items() if t.is_current and code not in category_of]
    result.retired = Territory.objects.filter(code__in=retired).update(is_current=False)
    return result


def _link_hromadas_to_themselves() -> None:
    Territory.objects.filter(category=TerritoryCategory.HROMADA, hromada__isnull=True).update(
        hromada=F("id")
    )


def _fields(
    row: CodifierRow, edition: str, ids: dict[str, int], category_of: dict[str, str]
) -> dict[str, object]:
    hromada_code = next(
        (code for code in row.chain if category_of.get(code) == TerritoryCategory.HROMADA), None
    )
    return {
        "name": row.name,
        "category": row.category,
        "sort_key": ukrainian_sort_key(row.name),
        "is_crimea": row.code.startswith(CRIMEA_CODE_PREFIXES),
        "is_current": True,
        "edition": edition[:200],
        "parent_id": ids[row.parent_code] if row.parent_code else None,
        "oblast_id": ids[row.chain[0]] if len(row.chain) > 1 else None,
        "hromada_id": ids.get(hromada_code) if hromada_code else None,
    }


def _count_by_category(rows: list[CodifierRow]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.category] = counts.get(row.category, 0) + 1
    return dict(sorted(counts.items()))


# --- the community profile -------------------------------------------------------------------
# Every write saves rows one by one, and only when a value changes, so django-auditlog keeps
# one entry per real change (the hromada's history page reads them).

Written = Literal["create", "update", "unchanged", "delete"]
CountModel = type[PopulationCount] | type[VulnerableGroupCount] | type[DisabilityCount]


def _differs(instance: models.Model, values: Mapping[str, object]) -> bool:
    return any(getattr(instance, name) != value for name, value in values.items())


def _assign_and_save(instance: models.Model, values: Mapping[str, object]) -> None:
    for name, value in values.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()


def _check_in_hromada(hromada: Territory, territory: Territory) -> None:
    if territory.hromada_id != hromada.pk:
        raise ValidationError(f"{territory.display_name} не входить до цієї громади.")


def create_profile(*, hromada: Territory) -> HromadaProfile:
    """Start the profile of a hromada that has none (unpublished until its staff publish it)."""
    if not hromada.is_hromada:
        raise ValidationError("Профіль можна створити лише для територіальної громади.")
    with transaction.atomic():
        if HromadaProfile.objects.filter(hromada=hromada).exists():
            raise ValidationError("Профіль цієї громади вже існує.")
        profile = HromadaProfile(hromada=hromada)
        profile.full_clean()
        profile.save()
    return profile


def update_profile(
    *,
    profile: HromadaProfile,
    area_km2: Decimal | None,
    administrative_centre: Territory | None,
    distance_to_oblast_centre_km: Decimal | None,
    oblast_centre_name: str,
    description: str,
    data_note: str,
    is_published: bool,
) -> bool:
    """Change the profile's own fields; the centre must be one of the hromada's settlements.
    Returns whether anything changed."""
    if administrative_centre is not None:
        _check_in_hromada(profile.hromada, administrative_centre)
    values = {
        "area_km2": area_km2,
        "administrative_centre": administrative_centre,
        "distance_to_oblast_centre_km": distance_to_oblast_centre_km,
        "oblast_centre_name": oblast_centre_name,
        "description": description,
        "data_note": data_note,
        "is_published": is_published,
    }
    if not _differs(profile, values):
        return False
    with transaction.atomic():
        _assign_and_save(profile, values)
    return True


@dataclass(frozen=True)
class SettlementData:
    """What the department says about one settlement (empty = not known)."""

    population: int | None = None
    population_year: int | None = None
    area_km2: Decimal | None = None
    is_urban: bool | None = None  # None: from the codifier category
    distance_to_centre_km: Decimal | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    is_estimated: bool = False

    def values_for(self, settlement: Territory) -> dict[str, object]:
        values = asdict(self)
        if self.is_urban is None:
            values["is_urban"] = settlement.is_urban_by_category
        return values

    def is_blank(self) -> bool:
        return not self.is_estimated and all(
            value is None for name, value in asdict(self).items() if name != "is_estimated"
        )


def settlement_change(
    existing: SettlementProfile | None, values: Mapping[str, object]
) -> ChangeAction:
    if existing is None:
        return "create"
    return "update" if _differs(existing, values) else "unchanged"


def set_settlement(*, hromada: Territory, settlement: Territory, data: SettlementData) -> Written:
    """Create or update the profile of one of the hromada's settlements."""
    _check_in_hromada(hromada, settlement)
    if settlement.category not in SETTLEMENT_CATEGORIES:
        raise ValidationError(f"{settlement.display_name} — не населений пункт.")
    existing = SettlementProfile.objects.filter(settlement=settlement).first()
    values = data.values_for(settlement)
    change = settlement_change(existing, values)
    if change != "unchanged":
        instance = existing or SettlementProfile(settlement=settlement, hromada=hromada)
        _assign_and_save(instance, values)
    return change


def save_settlements(
    *, hromada: Territory, rows: Sequence[tuple[Territory, SettlementData]]
) -> Counter[Written]:
    """Save the settlements table; a blank row of a settlement without a profile is skipped."""
    existing = set(
        SettlementProfile.objects.filter(hromada=hromada).values_list("settlement_id", flat=True)
    )
    counts: Counter[Written] = Counter()
    with transaction.atomic():
        for settlement, data in rows:
            if settlement.pk in existing or not data.is_blank():
                counts[set_settlement(hromada=hromada, settlement=settlement, data=data)] += 1
    return counts


def set_count(
    *,
    model: CountModel,
    hromada: Territory,
    territory: Territory,
    year: int,
    sex: Sex,
    count: int | None,
    is_estimated: bool | None = None,
    source: str | None = None,
    key: Mapping[str, object],
) -> Written:
    """Write one count (``key`` names the age band or group); ``None`` removes it.
    ``is_estimated`` and ``source`` left as ``None`` keep what is stored."""
    _check_in_hromada(hromada, territory)
    lookup = {"territory": territory, "year": year, "sex": sex, **key}
    existing = model._default_manager.filter(**lookup).first()
    if count is None:
        if existing is None:
            return "unchanged"
        existing.delete()
        return "delete"
    values: dict[str, object] = {"count": count}
    if is_estimated is not None:
        values["is_estimated"] = is_estimated
    if source is not None:
        values["source"] = source
    if existing is not None and not _differs(existing, values):
        return "unchanged"
    instance = existing or model(hromada=hromada, **lookup)
    _assign_and_save(instance, values)
    return "update" if existing is not None else "create"


def save_sex_grid(
    *,
    model: CountModel,
    hromada: Territory,
    year: int,
    key_field: str,
    rows: Mapping[object, tuple[int | None, int | None]],
    is_estimated: bool,
    source: str,
) -> Counter[Written]:
    """Save a women / men table of the hromada as a whole for one year. ``rows`` maps an age
    band or group to (women, men); an empty cell removes the stored count."""
    counts: Counter[Written] = Counter()
    with transaction.atomic():
        for key, pair in rows.items():
            for sex, count in zip((Sex.FEMALE, Sex.MALE), pair, strict=True):
                written = set_count(
                    model=model,
                    hromada=hromada,
                    territory=hromada,
                    year=year,
                    sex=sex,
                    count=count,
                    is_estimated=is_estimated,
                    source=source,
                    key={key_field: key},
                )
                counts[written] += 1
    return counts


@dataclass(frozen=True)
class VitalData:
    year: int
    births: int
    deaths: int
    is_estimated: bool = False
    source: str | None = None  # None keeps what is stored


def set_vital_statistics(*, hromada: Territory, data: VitalData) -> Written:
    existing = VitalStatistics.objects.filter(hromada=hromada, year=data.year).first()
    values = {k: v for k, v in asdict(data).items() if k != "year" and v is not None}
    if existing is not None and not _differs(existing, values):
        return "unchanged"
    instance = existing or VitalStatistics(hromada=hromada, year=data.year)
    _assign_and_save(instance, values)
    return "update" if existing is not None else "create"


def save_vital_statistics(
    *, hromada: Territory, rows: Iterable[VitalData], delete_years: Iterable[int] = ()
) -> Counter[Written]:
    counts: Counter[Written] = Counter()
    with transaction.atomic():
        for stats in VitalStatistics.objects.filter(hromada=hromada, year__in=list(delete_years)):
            stats.delete()
            counts["delete"] += 1
        for data in rows:
            counts[set_vital_statistics(hromada=hromada, data=data)] += 1
    return counts
