"""Checking the rows of a profile workbook against the database, and planning their writes.

Each ``plan_*`` function takes the parsed rows of one sheet (cells already typed by
``reports.xlsx``) and adds to a ``PlanBuilder``: a problem per bad row, or a change and the
write that makes it. The writes are the actions the edit pages use, row by row, so
django-auditlog records each change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property, partial

from turbota.catalog.models import AgeBand, VulnerableGroup
from turbota.core.enums import Sex
from turbota.core.imports import Change, ChangeAction
from turbota.reports.xlsx import FileProblem, Row
from turbota.territories.actions import (
    CountModel,
    SettlementData,
    VitalData,
    set_count,
    set_settlement,
    set_vital_statistics,
    settlement_change,
)
from turbota.territories.enums import SETTLEMENT_CATEGORIES, DisabilityGroup
from turbota.territories.models import (
    DisabilityCount,
    PopulationCount,
    SettlementProfile,
    Territory,
    VitalStatistics,
    VulnerableGroupCount,
)

EMPTY = "—"


@dataclass
class PlanBuilder:
    """What the sheets add to an import plan: problems, changes and the writes behind them."""

    hromada: Territory
    bad_rows: set[tuple[str, int]]
    problems: list[FileProblem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    writes: list[Callable[[], object]] = field(default_factory=list)
    data_rows: int = 0
    seen: dict[tuple[object, ...], int] = field(default_factory=dict)

    @cached_property
    def territories(self) -> dict[str, Territory]:
        """The hromada and every codifier unit inside it, by code."""
        return {t.code: t for t in Territory.objects.filter(hromada=self.hromada)}

    @cached_property
    def age_bands(self) -> dict[str, AgeBand]:
        return {band.label: band for band in AgeBand.objects.all()}

    @cached_property
    def groups(self) -> dict[str, VulnerableGroup]:
        return {group.code: group for group in VulnerableGroup.objects.all()}

    def usable(self, row: Row) -> bool:
        """A row whose cells all parsed (the reader has reported the others)."""
        return (row.sheet.name, row.number) not in self.bad_rows

    def error(self, row: Row, key: str, message: str) -> None:
        self.problems.append(row.error(key, message))

    def is_duplicate(self, row: Row, key: tuple[object, ...], column: str, what: str) -> bool:
        first = self.seen.setdefault((row.sheet.name, *key), row.number)
        if first != row.number:
            self.error(row, column, f"{what} уже є в рядку {first}; кожен запис — лише один раз")
        return first != row.number

    def add(self, change: Change, write: Callable[[], object]) -> None:
        self.data_rows += 1
        self.changes.append(change)
        if change.action != "unchanged":
            self.writes.append(write)

    def write_all(self) -> None:
        for write in self.writes:
            write()


def _show(value: object) -> str:
    if value is None:
        return EMPTY
    if isinstance(value, bool):
        return "так" if value else "ні"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f").replace(".", ",")
    return str(value)


def territory_in_file(builder: PlanBuilder, row: Row) -> Territory | None:
    """The row's territory: empty code — the hromada itself, else a unit within it."""
    code = row.values.get("territory")
    if not code:
        return builder.hromada
    territory = builder.territories.get(code)
    if territory is None:
        exists = Territory.objects.filter(code=code).exists()
        builder.error(
            row,
            "territory",
            "ця територія не входить до громади" if exists else "невідомий код КАТОТТГ",
        )
    return territory


# --- «Населені пункти» -----------------------------------------------------------------------

_DECIMALS = {  # column: (decimal places, digits) as the database keeps them
    "area_km2": (2, 9),
    "distance_to_centre_km": (2, 7),
    "latitude": (6, 9),
    "longitude": (6, 9),
}
_RANGES = {
    "latitude": (Decimal(44), Decimal("52.5")),
    "longitude": (Decimal(22), Decimal("40.5")),
}
_SETTLEMENT_LABELS = {
    "population": "населення",
    "population_year": "рік",
    "area_km2": "площа",
    "is_urban": "міська",
    "distance_to_centre_km": "відстань",
    "latitude": "широта",
    "longitude": "довгота",
    "is_estimated": "оцінка",
}


def plan_settlements(builder: PlanBuilder, rows: list[Row]) -> None:
    existing = {
        p.settlement_id: p for p in SettlementProfile.objects.filter(hromada=builder.hromada)
    }
    for row in rows:
        if not builder.usable(row):
            continue
        settlement = _settlement(builder, row)
        if settlement is None or builder.is_duplicate(
            row, (settlement.pk,), "code", "Цей населений пункт"
        ):
            continue
        data = _settlement_data(builder, row)
        if data is None or (data.is_blank() and settlement.pk not in existing):
            continue  # a row of the template left empty
        values = data.values_for(settlement)
        old = existing.get(settlement.pk)
        change = Change(
            settlement_change(old, values),
            f"Населений пункт: {settlement.display_name}",
            *_settlement_texts(old, values),
        )
        write = partial(set_settlement, hromada=builder.hromada, settlement=settlement, data=data)
        builder.add(change, write)


def _settlement(builder: PlanBuilder, row: Row) -> Territory | None:
    code = row.values["code"]
    settlement = builder.territories.get(code)
    if settlement is None:
        exists = Territory.objects.filter(code=code).exists()
        message = (
            "населений пункт не входить до цієї громади" if exists else "невідомий код КАТОТТГ"
        )
        builder.error(row, "code", message)
        return None
    if settlement.category not in SETTLEMENT_CATEGORIES:
        builder.error(row, "code", f"це не населений пункт: {settlement.display_name}")
        return None
    return settlement


def _settlement_data(builder: PlanBuilder, row: Row) -> SettlementData | None:
    found = len(builder.problems)
    decimals = {key: _quantized(builder, row, key, *shape) for key, shape in _DECIMALS.items()}
    for key, (low, high) in _RANGES.items():
        value = decimals[key]
        if value is not None and not low <= value <= high:
            builder.error(row, key, f"має бути між {_show(low)} і {_show(high)} (межі України)")
    if row.values.get("population") is not None and row.values.get("population_year") is None:
        builder.error(row, "population_year", "вкажіть рік, на який наведено населення")
    if len(builder.problems) > found:
        return None
    return SettlementData(
        population=row.values.get("population"),
        population_year=row.values.get("population_year"),
        is_urban=row.values.get("is_urban"),
        is_estimated=bool(row.values.get("is_estimated")),
        **decimals,
    )


def _quantized(
    builder: PlanBuilder, row: Row, key: str, places: int, digits: int
) -> Decimal | None:
    """Rounded as the database keeps it, so a re-import compares equal."""
    value: Decimal | None = row.values.get(key)
    if value is None:
        return None
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if rounded.adjusted() >= digits - places:
        builder.error(row, key, "число завелике")
        return None
    return rounded


def _settlement_texts(
    old: SettlementProfile | None, values: Mapping[str, object]
) -> tuple[str, str]:
    if old is None:
        shown = [(k, v) for k, v in values.items() if v is not None]
        return "", "; ".join(f"{_SETTLEMENT_LABELS[k]} {_show(v)}" for k, v in shown)
    changed = [k for k, v in values.items() if getattr(old, k) != v]
    return (
        "; ".join(f"{_SETTLEMENT_LABELS[k]} {_show(getattr(old, k))}" for k in changed),
        "; ".join(f"{_SETTLEMENT_LABELS[k]} {_show(values[k])}" for k in changed),
    )


# --- «Населення», «Інвалідність», «Вразливі групи»: women / men / total -----------------------


@dataclass(frozen=True)
class CountSheet:
    model: CountModel
    key_field: str  # the model field a row's key goes to
    key_attr: str  # the attribute holding its id on a stored count
    column: str  # the sheet column of the key
    what: str
    key_name: str
    resolve: Callable[[PlanBuilder, Row], tuple[object, object, str] | None]
    has_territory: bool = True


def _age_band(builder: PlanBuilder, row: Row) -> tuple[object, object, str] | None:
    band = builder.age_bands.get(row.values["age_band"])
    if band is None:
        allowed = ", ".join(builder.age_bands)
        builder.error(row, "age_band", f"невідома вікова група; допустимі: {allowed}")
        return None
    return band, band.pk, band.label


def _disability_group(builder: PlanBuilder, row: Row) -> tuple[object, object, str] | None:
    group = DisabilityGroup(row.values["group"])
    return group.value, group.value, str(group.label)


def _vulnerable_group(builder: PlanBuilder, row: Row) -> tuple[object, object, str] | None:
    group = builder.groups.get(row.values["group"])
    if group is None:
        builder.error(row, "group", "невідомий код вразливої групи (див. аркуш «Інструкція»)")
        return None
    return group, group.pk, group.name


POPULATION_COUNTS = CountSheet(
    PopulationCount, "age_band", "age_band_id", "age_band", "Населення", "вікова група", _age_band
)
DISABILITY_COUNTS = CountSheet(
    DisabilityCount,
    "group",
    "group",
    "group",
    "Інвалідність",
    "група інвалідності",
    _disability_group,
    has_territory=False,
)
VULNERABLE_COUNTS = CountSheet(
    VulnerableGroupCount,
    "group",
    "group_id",
    "group",
    "Вразливі групи",
    "вразлива група",
    _vulnerable_group,
)


def plan_counts(builder: PlanBuilder, rows: list[Row], sheet: CountSheet) -> None:
    stored = {
        (c.territory_id, c.year, getattr(c, sheet.key_attr), c.sex): c
        for c in sheet.model._default_manager.filter(hromada=builder.hromada)
    }
    for row in rows:
        if not builder.usable(row):
            continue
        territory = territory_in_file(builder, row) if sheet.has_territory else builder.hromada
        resolved = sheet.resolve(builder, row)
        counts = _sex_counts(builder, row)
        if territory is None or resolved is None or counts is None:
            continue
        key, key_id, label = resolved
        year: int = row.values["year"]
        what = f"{sheet.key_name[:1].upper()}{sheet.key_name[1:]} за цей рік і територію"
        if builder.is_duplicate(row, (territory.pk, year, key_id), sheet.column, what):
            continue
        old = {sex: stored.get((territory.pk, year, key_id, sex)) for sex in counts}
        estimated: bool | None = row.values.get("is_estimated")
        place = "громада загалом" if territory == builder.hromada else territory.display_name
        change = Change(
            _count_change(old, counts, estimated),
            f"{sheet.what} {year}, {place}: {label}",
            _sex_text({sex: c.count for sex, c in old.items() if c is not None}),
            _sex_text(counts),
        )
        write = partial(
            _write_counts, builder.hromada, sheet, territory, year, key, counts, estimated
        )
        builder.add(change, write)


def _sex_counts(builder: PlanBuilder, row: Row) -> dict[Sex, int] | None:
    female: int | None = row.values.get("female")
    male: int | None = row.values.get("male")
    total: int | None = row.values.get("total")
    if female is None and male is None:
        builder.error(row, "female", "вкажіть кількість жінок і (або) чоловіків")
        return None
    if total is not None:
        if female is None or male is None:
            message = "щоб перевірити «Разом», заповніть і «Жінки», і «Чоловіки»"
            builder.error(row, "total", message)
            return None
        if female + male != total:
            message = (
                f"сума жінок і чоловіків ({female + male}) не дорівнює значенню «Разом» ({total})"
            )
            builder.error(row, "total", message)
            return None
    pairs = ((Sex.FEMALE, female), (Sex.MALE, male))
    return {sex: count for sex, count in pairs if count is not None}


def _count_change(
    old: Mapping[Sex, PopulationCount | DisabilityCount | VulnerableGroupCount | None],
    counts: Mapping[Sex, int],
    estimated: bool | None,
) -> ChangeAction:
    if all(stored is None for stored in old.values()):
        return "create"
    for sex, count in counts.items():
        stored = old[sex]
        if stored is None or stored.count != count:
            return "update"
        if estimated is not None and stored.is_estimated != estimated:
            return "update"
    return "unchanged"


def _sex_text(counts: Mapping[Sex, int]) -> str:
    return ", ".join(f"{Sex(sex).label} {count}" for sex, count in counts.items())


def _write_counts(
    hromada: Territory,
    sheet: CountSheet,
    territory: Territory,
    year: int,
    key: object,
    counts: Mapping[Sex, int],
    estimated: bool | None,
) -> None:
    for sex, count in counts.items():
        set_count(
            model=sheet.model,
            hromada=hromada,
            territory=territory,
            year=year,
            sex=sex,
            count=count,
            is_estimated=estimated,
            key={sheet.key_field: key},
        )


# --- «Природний рух» ------------------------------------------------------------------------


def plan_vital(builder: PlanBuilder, rows: list[Row]) -> None:
    stored = {v.year: v for v in VitalStatistics.objects.filter(hromada=builder.hromada)}
    for row in rows:
        if not builder.usable(row):
            continue
        year: int = row.values["year"]
        if builder.is_duplicate(row, (year,), "year", "Цей рік"):
            continue
        old = stored.get(year)
        estimated = row.values.get("is_estimated")
        if estimated is None:
            estimated = old.is_estimated if old else False
        data = VitalData(year, row.values["births"], row.values["deaths"], estimated)
        new = {"births": data.births, "deaths": data.deaths, "is_estimated": estimated}
        action: ChangeAction = "create"
        if old is not None:
            differs = any(getattr(old, name) != value for name, value in new.items())
            action = "update" if differs else "unchanged"
        change = Change(action, f"Природний рух {year}", _vital_text(old), _vital_text(data))
        builder.add(change, partial(set_vital_statistics, hromada=builder.hromada, data=data))


def _vital_text(stats: VitalStatistics | VitalData | None) -> str:
    if stats is None:
        return ""
    mark = " (оцінка)" if stats.is_estimated else ""
    return f"народилося {stats.births}, померло {stats.deaths}{mark}"
