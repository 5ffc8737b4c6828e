"""The community profile as a workbook: the export, in the very shape the import reads, and
the empty template (its settlements sheet lists the hromada's settlements to fill in)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from turbota.catalog.models import AgeBand, VulnerableGroup
from turbota.reports.xlsx import write_workbook
from turbota.territories.enums import DisabilityGroup
from turbota.territories.imports import (
    DISABILITY,
    DISABILITY_LABELS,
    POPULATION,
    SETTLEMENTS,
    SPECS,
    VITAL,
    VULNERABLE,
)
from turbota.territories.models import (
    DisabilityCount,
    PopulationCount,
    SettlementProfile,
    Territory,
    VitalStatistics,
    VulnerableGroupCount,
)
from turbota.territories.queries import settlements_of

Values = dict[str, Any]


def profile_workbook(hromada: Territory) -> bytes:
    rows = {
        SETTLEMENTS.name: settlement_rows(hromada),
        POPULATION.name: population_rows(hromada),
        VITAL.name: vital_rows(hromada),
        DISABILITY.name: disability_rows(hromada),
        VULNERABLE.name: vulnerable_rows(hromada),
    }
    return write_workbook(SPECS, rows, instructions=instructions(hromada))


def template_workbook(hromada: Territory) -> bytes:
    settlements = [
        {"code": territory.code, "name": territory.display_name}
        for territory in settlements_of(hromada)
        if territory.is_current
    ]
    return write_workbook(
        SPECS, {SETTLEMENTS.name: settlements}, instructions=instructions(hromada)
    )


def instructions(hromada: Territory) -> list[str]:
    bands = ", ".join(band.label for band in AgeBand.objects.all())
    groups = [f"   {g.code} — {g.name}" for g in VulnerableGroup.objects.order_by("position")]
    return [
        f"Профіль громади: {hromada.display_name} ({hromada.code}).",
        "Кожен аркуш — окрема таблиця. Перший рядок — назви стовпців: не змінюйте їх.",
        "Імпорт додає й оновлює записи з файлу і нічого не вилучає: чого у файлі немає, "
        "те залишиться як було. Якщо у файлі є хоч одна помилка, не записується нічого.",
        "«Код території» порожній — громада загалом; або код КАТОТТГ її населеного пункту.",
        "«Разом» має дорівнювати сумі «Жінки» і «Чоловіки» (можна лишити порожнім).",
        "«Оцінка»: «так», якщо значення оцінені, а не взяті з офіційного джерела.",
        f"Вікові групи: {bands}.",
        "Групи інвалідності: I, II, III, діти.",
        "Коди вразливих груп:",
        *groups,
    ]


def settlement_rows(hromada: Territory) -> list[Values]:
    profiles = SettlementProfile.objects.filter(hromada=hromada).select_related("settlement")
    fields = [column.key for column in SETTLEMENTS.columns if column.key not in ("code", "name")]
    return [
        {"code": p.settlement.code, "name": p.settlement.display_name}
        | {name: getattr(p, name) for name in fields}
        for p in sorted(profiles, key=lambda p: (p.settlement.sort_key, p.settlement.code))
    ]


def _by_sex(
    counts: Iterable[Any], key: Callable[[Any], tuple[tuple[Any, ...], Values]]
) -> list[Values]:
    """Long rows (one per sex) as sheet rows: women, men, their total, estimated if any."""
    grouped: dict[tuple[Any, ...], Values] = {}
    for count in counts:
        order, values = key(count)
        row = grouped.setdefault(order, values | {"is_estimated": False})
        row[count.sex] = count.count
        row["is_estimated"] = row["is_estimated"] or count.is_estimated
    for row in grouped.values():
        if row.get("female") is not None and row.get("male") is not None:
            row["total"] = row["female"] + row["male"]
    return [grouped[order] for order in sorted(grouped)]


def _code(count: PopulationCount | VulnerableGroupCount, hromada: Territory) -> str:
    return "" if count.territory_id == hromada.pk else count.territory.code


def population_rows(hromada: Territory) -> list[Values]:
    counts = PopulationCount.objects.filter(hromada=hromada).select_related("territory", "age_band")

    def key(c: PopulationCount) -> tuple[tuple[Any, ...], Values]:
        code = _code(c, hromada)
        values = {"year": c.year, "territory": code, "age_band": c.age_band.label}
        return (c.year, code, c.age_band.min_age), values

    return _by_sex(counts, key)


def vital_rows(hromada: Territory) -> list[Values]:
    return [
        {"year": s.year, "births": s.births, "deaths": s.deaths, "is_estimated": s.is_estimated}
        for s in VitalStatistics.objects.filter(hromada=hromada).order_by("year")
    ]


def disability_rows(hromada: Territory) -> list[Values]:
    order = [group.value for group in DisabilityGroup]
    counts = DisabilityCount.objects.filter(hromada=hromada, territory=hromada)

    def key(c: DisabilityCount) -> tuple[tuple[Any, ...], Values]:
        values = {"year": c.year, "group": DISABILITY_LABELS[c.group]}
        return (c.year, order.index(c.group)), values

    return _by_sex(counts, key)


def vulnerable_rows(hromada: Territory) -> list[Values]:
    counts = VulnerableGroupCount.objects.filter(hromada=hromada).select_related(
        "territory", "group"
    )

    def key(c: VulnerableGroupCount) -> tuple[tuple[Any, ...], Values]:
        code = _code(c, hromada)
        values = {
            "year": c.year,
            "group": c.group.code,
            "group_name": c.group.name,
            "territory": code,
        }
        return (c.year, code, c.group.position, c.group.code), values

    return _by_sex(counts, key)
