from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader

from conftest import World
from turbota.needs.tests.factories import hand_computed


def _json(world: World, *extra: str) -> dict[str, Any]:
    out = io.StringIO()
    call_command(
        "needs_report", "--hromada", world.hromada_a.code, "--year", "2021", *extra, stdout=out
    )
    data: dict[str, Any] = json.loads(out.getvalue())
    return data


def test_json_prints_the_computed_table_in_the_documented_shape(world: World) -> None:
    hand_computed(world)
    data = _json(world)
    assert (data["hromada"], data["year"]) == (world.hromada_a.code, 2021)
    row = next(
        r
        for r in data["rows"]
        if (r["service"], r["settlement"], r["sex"]) == ("015.1", "total", "total")
    )
    assert row == {
        "service": "015.1",
        "settlement": "total",
        "sex": "total",
        "need": 13,
        "served": 3,
        "capacity": 10,
        "unmet": 10,
        "coverage": 0.2308,
    }
    city_women = next(
        r
        for r in data["rows"]
        if (r["service"], r["settlement"], r["sex"]) == ("015.1", world.city_a.code, "female")
    )
    assert (city_women["need"], city_women["served"], city_women["capacity"]) == (6, 2, None)


def test_published_json_hides_small_counts(world: World) -> None:
    hand_computed(world)
    rows = {
        (r["settlement"], r["sex"]): r
        for r in _json(world, "--published")["rows"]
        if r["service"] == "015.1"
    }
    # need: Першанськ 6/3/9, Лугове 3/1/4, hromada 9/4/13. The small cells (3, 3, 1, 4, 4)
    # are hidden, and then every cell whose row or column would give one back: only the
    # hromada's both-sexes need stays.
    city_women = rows[(world.city_a.code, "female")]
    assert (city_women["need"], city_women["served"], city_women["unmet"]) == (None, None, None)
    assert city_women["coverage"] is None
    assert rows[("total", "total")]["need"] == 13
    hidden = [key for key, row in rows.items() if row["need"] is None]
    assert len(hidden) == 8


def test_an_unknown_study_is_a_clear_error(world: World) -> None:
    with pytest.raises(CommandError, match="не знайдено"):
        call_command("needs_report", "--hromada", world.hromada_a.code, "--year", "1999")


def _write(world: World, fmt: str, tmp_path: Path, *extra: str) -> Path:
    out = tmp_path / f"report.{fmt}"
    call_command(
        "needs_report",
        "--hromada",
        world.hromada_a.code,
        "--year",
        "2021",
        "--format",
        fmt,
        "--out",
        str(out),
        *extra,
        stdout=io.StringIO(),
    )
    return out


def test_the_docx_report_has_the_title_method_and_tables(world: World, tmp_path: Path) -> None:
    hand_computed(world)
    document = docx.Document(str(_write(world, "docx", tmp_path)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Визначення потреб населення у соціальних послугах на 2021 рік" in text
    assert "Тестова методика, версія 1" in text
    first = document.tables[0]
    cells = [[cell.text for cell in row.cells] for row in first.rows]
    assert ["015.1", cells[1][1], "усього", "13", "3", "10", "23,1"] in cells
    assert document.inline_shapes  # the chart


def test_the_published_pdf_shows_small_counts_as_less_than_five(
    world: World, tmp_path: Path
) -> None:
    hand_computed(world)
    reader = PdfReader(str(_write(world, "pdf", tmp_path, "--published")))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "на 2021 рік" in text
    assert "<5" in text
    assert "приховано" in text


def test_the_xlsx_report_has_one_sheet_per_table_with_numbers(world: World, tmp_path: Path) -> None:
    hand_computed(world)
    book = openpyxl.load_workbook(_write(world, "xlsx", tmp_path))
    assert book.sheetnames[:3] == ["Про звіт", "Таблиця 1", "Таблиця 2"]
    rows = list(book["Таблиця 1"].iter_rows(values_only=True))
    assert ("015.1", rows[3][1], "усього", 13, 3, 10, 23.1) in rows
