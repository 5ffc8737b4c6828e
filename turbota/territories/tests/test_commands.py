from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, ManagementUtility, call_command

from conftest import World
from turbota.territories.models import VitalStatistics, VulnerableGroupCount
from turbota.territories.tests.factories import fill_profile


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_export_profile_writes_the_workbook(world: World, tmp_path: Path) -> None:
    fill_profile(world.hromada_a)
    out = tmp_path / "profile.xlsx"
    _run("export_profile", "--hromada", world.hromada_a.code, "--out", str(out))
    book = openpyxl.load_workbook(out, read_only=True)
    rows = list(book["Природний рух"].iter_rows(min_row=2, values_only=True))
    assert [row[:3] for row in rows] == [(2020, 210, 640), (2021, 190, 702)]


def test_import_profile_of_its_own_export_changes_nothing(world: World, tmp_path: Path) -> None:
    fill_profile(world.hromada_a)
    out = tmp_path / "profile.xlsx"
    _run("export_profile", "--hromada", world.hromada_a.code, "--out", str(out))
    printed = _run("import_profile", str(out), "--hromada", world.hromada_a.code)
    assert printed.strip() == "Імпортовано: додано 0, змінено 0, без змін 30."


def test_dry_run_counts_the_changes_and_writes_nothing(world: World, tmp_path: Path) -> None:
    fill_profile(world.hromada_a)
    out = tmp_path / "profile.xlsx"
    _run("export_profile", "--hromada", world.hromada_a.code, "--out", str(out))
    VitalStatistics.objects.filter(year=2021).delete()
    printed = _run("import_profile", str(out), "--hromada", world.hromada_a.code, "--dry-run")
    assert "Буде додано 1, змінено 0, без змін 29" in printed
    assert not VitalStatistics.objects.filter(year=2021).exists()


def test_import_profile_prints_the_problems_and_fails(world: World, tmp_path: Path) -> None:
    book = tmp_path / "bad.xlsx"
    book.write_bytes(b"not a spreadsheet")
    errors = io.StringIO()
    with pytest.raises(CommandError, match="помилок — 1"):
        call_command("import_profile", str(book), "--hromada", world.hromada_a.code, stderr=errors)
    assert "файл пошкоджений" in errors.getvalue()
    assert not VulnerableGroupCount.objects.exists()


def test_an_unknown_hromada_code_is_refused(tmp_path: Path, world: World) -> None:
    with pytest.raises(CommandError, match="не знайдено"):
        _run("export_profile", "--hromada", world.city_a.code, "--out", str(tmp_path / "x.xlsx"))


def test_the_command_exits_with_a_non_zero_status_on_problems(world: World, tmp_path: Path) -> None:
    book = tmp_path / "empty.xlsx"
    book.write_bytes(b"")
    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(
            ["turbota", "import_profile", str(book), "--hromada", world.hromada_a.code]
        ).execute()
    assert exit_info.value.code == 1
