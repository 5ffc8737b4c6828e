"""Settlement coordinates for the map from a CSV table or a GeoJSON file of points.

CSV: a header row with the KATOTTG code («код», «code», «katottg») and the coordinates
(«широта» / «latitude» / «lat», «довгота» / «longitude» / «lon» / «lng»); comma or
semicolon separated, UTF-8 or Windows-1251, a decimal comma accepted. GeoJSON: Point
features ([longitude, latitude], WGS 84) with the code in a property of the same names.

All or nothing: every row is checked — the code names a current settlement of the oblast,
the point lies within Ukraine's extent, no code twice — and a file with any problem
writes nothing; each problem names its line or feature. Only coordinates are written (a
settlement without a profile gets one); importing the same file again changes nothing.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from turbota.core.imports import Change, ImportPlan
from turbota.reports.xlsx import FileProblem
from turbota.territories.enums import SETTLEMENT_CATEGORIES, TerritoryCategory
from turbota.territories.models import SettlementProfile, Territory

MAX_ROWS = 100_000
LATITUDES = (Decimal(44), Decimal("52.5"))
LONGITUDES = (Decimal(22), Decimal("40.5"))
CODE_NAMES = ("код", "code", "katottg", "катоттг", "код катоттг")
LATITUDE_NAMES = ("широта", "latitude", "lat")
LONGITUDE_NAMES = ("довгота", "longitude", "lon", "lng")
PLACES = Decimal("0.000001")


@dataclass(frozen=True)
class PointRow:
    where: str  # "рядок 3" / "об'єкт № 3", for messages
    line: int
    code: str
    latitude: object
    longitude: object


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1251", errors="replace")


def _pick(names: tuple[str, ...], header: dict[str, str]) -> str | None:
    return next((header[name] for name in names if name in header), None)


def read_csv(data: bytes) -> tuple[list[PointRow], list[FileProblem]]:
    text = _text(data)
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    try:
        return _csv_rows(reader)
    except csv.Error as error:
        return [], [FileProblem(row=reader.line_num, message=f"не вдалося прочитати CSV: {error}")]


def _csv_rows(reader: csv.DictReader[str]) -> tuple[list[PointRow], list[FileProblem]]:
    header = {(name or "").strip().casefold(): name for name in reader.fieldnames or []}
    columns = [_pick(names, header) for names in (CODE_NAMES, LATITUDE_NAMES, LONGITUDE_NAMES)]
    if None in columns:
        return [], [
            FileProblem(
                row=1,
                message="у першому рядку потрібні стовпці «код», «широта» і «довгота»",
            )
        ]
    code, lat, lon = (str(column) for column in columns)
    rows = []
    for record in reader:
        if not any((value or "").strip() for value in record.values() if isinstance(value, str)):
            continue
        line = reader.line_num  # the file's line, even after a quoted multi-line cell
        rows.append(
            PointRow(
                f"рядок {line}",
                line,
                (record.get(code) or "").strip(),
                record.get(lat),
                record.get(lon),
            )
        )
    return rows, []


def read_geojson(data: bytes) -> tuple[list[PointRow], list[FileProblem]]:
    try:
        document = json.loads(_text(data))
    except json.JSONDecodeError as error:
        return [], [FileProblem(message=f"це не JSON: {error.msg} (рядок {error.lineno})")]
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list):
        return [], [FileProblem(message="очікується GeoJSON FeatureCollection з точками")]
    rows, problems = [], []
    for number, feature in enumerate(features, start=1):
        where = f"об'єкт № {number}"
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        coordinates = geometry.get("coordinates") if isinstance(geometry, dict) else None
        if not isinstance(geometry, dict) or geometry.get("type") != "Point":
            problems.append(FileProblem(message=f"{where}: очікується точка (Point)"))
            continue
        if not isinstance(coordinates, list) or len(coordinates) < 2:
            problems.append(FileProblem(message=f"{where}: у точки немає координат"))
            continue
        properties = feature.get("properties")
        if not isinstance(properties, dict):
            properties = {}
        found = {str(k).strip().casefold(): v for k, v in properties.items()}
        code = next((str(found[name]) for name in CODE_NAMES if found.get(name)), "")
        rows.append(PointRow(where, number, code.strip(), coordinates[1], coordinates[0]))
    return rows, problems


def _coordinate(value: object, bounds: tuple[Decimal, Decimal], name: str) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(f"{name}: очікується число")
    text = str(value if value is not None else "").strip().replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{name}: очікується число, напр. 48,4647") from None
    if not number.is_finite():
        raise ValueError(f"{name}: очікується число")
    if not bounds[0] <= number <= bounds[1]:
        raise ValueError(
            f"{name} {text} поза межами України ({bounds[0]}–{bounds[1]}); потрібні градуси WGS 84"
        )
    return number.quantize(PLACES)


@dataclass(frozen=True)
class Placed:
    settlement: Territory
    latitude: Decimal
    longitude: Decimal


def plan_coordinates(data: bytes, *, filename: str, oblast: Territory) -> ImportPlan:
    """Check the file and plan its writes; nothing is written until ``plan.write()``."""
    is_json = filename.lower().endswith((".geojson", ".json"))
    rows, problems = read_geojson(data) if is_json else read_csv(data)
    if len(rows) > MAX_ROWS:
        return ImportPlan(problems=[FileProblem(message=f"забагато рядків: до {MAX_ROWS}")])
    if not rows and not problems:
        problems.append(FileProblem(message="у файлі немає жодного рядка з координатами"))
    settlements = {
        t.code: t
        for t in Territory.objects.filter(
            code__in={row.code.upper() for row in rows}, oblast=oblast
        ).select_related("hromada")
    }
    placed = _check_rows(rows, settlements, problems)
    if problems:
        return ImportPlan(problems=problems)
    return _plan(placed)


def _check_rows(
    rows: list[PointRow], settlements: dict[str, Territory], problems: list[FileProblem]
) -> list[Placed]:
    placed: list[Placed] = []
    seen: dict[str, str] = {}
    for row in rows:
        try:
            settlement = _settlement(row, settlements, seen)
            latitude = _coordinate(row.latitude, LATITUDES, "широта")
            longitude = _coordinate(row.longitude, LONGITUDES, "довгота")
        except ValueError as error:
            problems.append(
                FileProblem(message=f"{row.where}: {error}", value=row.code)
                if row.where.startswith("об'єкт")
                else FileProblem(row=row.line, message=str(error), value=row.code)
            )
            continue
        placed.append(Placed(settlement, latitude, longitude))
    return placed


def _settlement(
    row: PointRow, settlements: dict[str, Territory], seen: dict[str, str]
) -> Territory:
    code = row.code.upper()
    if not code:
        raise ValueError("не вказано код КАТОТТГ")
    if code in seen:
        raise ValueError(f"код уже був ({seen[code]})")
    seen[code] = row.where
    settlement = settlements.get(code)
    if settlement is None:
        raise ValueError("такого коду немає серед територій цієї області")
    if settlement.category == TerritoryCategory.HROMADA:
        raise ValueError(
            "це громада: вкажіть координати її населених пунктів (точка громади — її "
            "адміністративний центр)"
        )
    if settlement.category not in SETTLEMENT_CATEGORIES or settlement.hromada is None:
        raise ValueError(f"{settlement.display_name} — не населений пункт")
    if not settlement.is_current:
        raise ValueError(f"{settlement.display_name} — немає в чинній редакції кодифікатора")
    return settlement


def _plan(placed: list[Placed]) -> ImportPlan:
    profiles = {
        p.settlement_id: p
        for p in SettlementProfile.objects.filter(settlement__in=[x.settlement for x in placed])
    }
    changes, writes = [], []
    for item in placed:
        profile = profiles.get(item.settlement.pk)
        new = f"{item.latitude}, {item.longitude}"
        if profile is None:
            changes.append(Change("create", item.settlement.display_name, "", new))
        elif (profile.latitude, profile.longitude) == (item.latitude, item.longitude):
            changes.append(Change("unchanged", item.settlement.display_name))
            continue
        else:
            old = f"{profile.latitude}, {profile.longitude}" if profile.latitude else ""
            changes.append(Change("update", item.settlement.display_name, old, new))
        writes.append((item, profile))
    return ImportPlan(changes=changes, write=lambda: _write(writes))


def _write(writes: list[tuple[Placed, SettlementProfile | None]]) -> None:
    with transaction.atomic():
        for item, profile in writes:
            if profile is None:
                hromada: Any = item.settlement.hromada
                SettlementProfile.objects.create(
                    settlement=item.settlement,
                    hromada=hromada,
                    is_urban=item.settlement.is_urban_by_category,
                    latitude=item.latitude,
                    longitude=item.longitude,
                )
            else:
                profile.latitude, profile.longitude = item.latitude, item.longitude
                profile.save(update_fields=["latitude", "longitude", "updated_at"])
