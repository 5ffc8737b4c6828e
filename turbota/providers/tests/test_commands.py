from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, ManagementUtility, call_command

from conftest import World
from turbota.providers import workbook as book
from turbota.providers.models import Provider
from turbota.providers.tests.factories import make_full_provider


def _call(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_export_providers_writes_the_hromadas_registry(world: World, tmp_path: Path) -> None:
    make_full_provider(world.hromada_a, world.city_a, registry_code="22334455")
    target = tmp_path / "registry.xlsx"
    output = _call("export_providers", "--hromada", world.hromada_a.code, "--out", str(target))
    assert "Першанська територіальна громада: надавачів — 2" in output
    sheet = openpyxl.load_workbook(target)[book.STAFF]
    assert sheet.max_row == 4  # header and three posts


def _registry_with_new_provider(world: World, path: Path) -> Path:
    workbook = openpyxl.load_workbook(io.BytesIO(book.write_export(world.hromada_a)))
    workbook[book.PROVIDERS].append(["12345678", "Центр соціальних служб"])
    workbook.save(path)
    return path


def test_import_providers_writes_a_valid_file(world: World, tmp_path: Path) -> None:
    path = _registry_with_new_provider(world, tmp_path / "registry.xlsx")
    output = _call("import_providers", str(path), "--hromada", world.hromada_a.code)
    assert "додати: Надавач «Центр соціальних служб»" in output
    assert "Записано: додано 1, змінено 0, без змін 1." in output
    assert Provider.objects.get(registry_code="12345678").hromada == world.hromada_a


def test_import_providers_dry_run_writes_nothing(world: World, tmp_path: Path) -> None:
    path = _registry_with_new_provider(world, tmp_path / "registry.xlsx")
    output = _call("import_providers", str(path), "--hromada", world.hromada_a.code, "--dry-run")
    assert "Перевірка: буде додано 1, змінено 0, без змін 1; нічого не записано." in output
    assert not Provider.objects.filter(registry_code="12345678").exists()


def test_import_providers_fails_listing_the_problems(world: World, tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(book.write_export(world.hromada_a)))
    workbook[book.PROVIDERS].append(["123", "Центр соціальних служб"])
    path = tmp_path / "registry.xlsx"
    workbook.save(path)
    with pytest.raises(CommandError) as failure:
        _call("import_providers", str(path), "--hromada", world.hromada_a.code)
    assert str(failure.value) == (
        "Файл не прийнято, нічого не записано. Помилки:\n"
        "  Аркуш «Надавачі», рядок 3, стовпець A («ЄДРПОУ/РНОКПП»): код ЄДРПОУ — 8 цифр, "
        "РНОКПП фізичної особи — 10 цифр (значення: «123»)"
    )
    assert not Provider.objects.filter(full_name="Центр соціальних служб").exists()


def test_import_providers_exits_non_zero_from_the_shell(world: World, tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    utility = ManagementUtility(
        ["turbota", "import_providers", str(path), "--hromada", world.hromada_a.code]
    )
    with pytest.raises(SystemExit) as exit_:
        utility.execute()
    assert exit_.value.code == 1


def test_commands_refuse_an_unknown_hromada(world: World, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Громади з кодом UA00000000000000000 немає"):
        _call("export_providers", "--hromada", "UA00000000000000000", "--out", "x.xlsx")
