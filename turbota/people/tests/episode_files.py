"""Episode import files built in a test's tmp_path (no binary fixtures in the repository)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

from conftest import World
from turbota.people.import_columns import COLUMNS, SHEET, write_template
from turbota.people.imports import EpisodeImport, import_episodes
from turbota.people.tests.factories import offer

HEADER = [column.header for column in COLUMNS]


def letter(header: str) -> str:
    return get_column_letter(HEADER.index(header) + 1)


def olena(world: World, changes: dict[str, Any] | None = None) -> dict[str, Any]:
    """A valid row: Olena Shevchenko, home care (015.1) by provider A in village A."""
    values: dict[str, Any] = {
        "прізвище": "Шевченко",
        "ім'я": "Олена",
        "по батькові": "Петрівна",
        "РНОКПП": "1234567890",
        "вид документа": "",
        "номер документа": "",
        "дата народження": "08.03.1950",
        "стать": "ж",
        "код населеного пункту КАТОТТГ": world.village_a.code,
        "код послуги": "015.1",
        "ЄДРПОУ надавача": world.provider_a.registry_code,
        "дата початку": "01.02.2021",
        "дата завершення": "31.12.2021",
        "умови оплати": "безоплатно",
        "обсяг": "120,5",
        "одиниця обсягу": "годин",
        "стан": "",
    }
    return values | (changes or {})


def ivan(world: World, changes: dict[str, Any] | None = None) -> dict[str, Any]:
    """A man with an ID card and no РНОКПП, in city A."""
    return olena(
        world,
        {
            "прізвище": "Коваль",
            "ім'я": "Іван",
            "по батькові": "",
            "РНОКПП": "",
            "вид документа": "ID-картка",
            "номер документа": "001234567",
            "дата народження": "12.05.1980",
            "стать": "чоловік",
            "код населеного пункту КАТОТТГ": world.city_a.code,
            "дата початку": "15.01.2023",
            "дата завершення": "",
            "обсяг": "",
            "одиниця обсягу": "",
        }
        | (changes or {}),
    )


def offer_services(world: World) -> None:
    offer(world.provider_a, "015.1")
    offer(world.provider_a, "019.0")


def write_csv(
    path: Path,
    rows: Sequence[dict[str, Any]],
    *,
    header: Sequence[str] = HEADER,
    delimiter: str = ";",
    encoding: str = "utf-8-sig",
) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows([[row.get(name, "") for name in header] for row in rows])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows: Sequence[dict[str, Any]]) -> Path:
    """The template filled in, as a person would in Excel."""
    book = openpyxl.load_workbook(io.BytesIO(write_template()))
    sheet = book[SHEET.name]
    for row in rows:
        sheet.append([row.get(name) for name in HEADER])
    book.save(path)
    return path


def run(world: World, path: Path, **options: Any) -> EpisodeImport:
    with path.open("rb") as source:
        return import_episodes(
            source=source,
            name=path.name,
            hromada=world.hromada_a,
            user=options.pop("user", world.users["hromada_staff"]),
            **options,
        )


def report_rows(result: EpisodeImport) -> list[list[str]]:
    """The error report's rows below its header, CSV or XLSX alike."""
    assert result.report is not None
    if result.report.suffix == ".xlsx":
        sheet = openpyxl.load_workbook(result.report).active
        assert sheet is not None
        rows = [["" if v is None else str(v) for v in r] for r in sheet.iter_rows(values_only=True)]
        return [row[1:] for row in rows[1:]]  # without the sheet column
    with result.report.open(encoding="utf-8-sig", newline="") as source:
        return list(csv.reader(source, delimiter=";"))[1:]
