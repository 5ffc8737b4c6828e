from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, ManagementUtility, call_command

from conftest import World
from turbota.people.models import PersonAccess, ServiceEpisode
from turbota.people.tests.episode_files import ivan, offer_services, olena, write_csv


def _call(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def good_file(world: World, tmp_path: Path) -> Path:
    offer_services(world)
    rows = [olena(world), olena(world, {"код послуги": "019.0"}), ivan(world)]
    return write_csv(tmp_path / "episodes.csv", rows)


def test_import_episodes_writes_a_file_and_prints_a_summary(world: World, good_file: Path) -> None:
    output = _call("import_episodes", str(good_file), "--hromada", world.hromada_a.code)
    assert output.splitlines() == [
        "Прочитано рядків: 3.",
        "Осіб додано: 2, знайдено в реєстрі: 0.",
        "Епізодів додано: 3, пропущено як уже імпортовані: 0.",
        "Записано.",
    ]
    assert ServiceEpisode.objects.count() == 3
    assert set(PersonAccess.objects.values_list("username", "via")) == {
        ("", "import: episodes.csv")
    }


def test_import_episodes_a_second_time_skips_every_row(world: World, good_file: Path) -> None:
    _call("import_episodes", str(good_file), "--hromada", world.hromada_a.code)
    output = _call("import_episodes", str(good_file), "--hromada", world.hromada_a.code)
    assert "Осіб додано: 0, знайдено в реєстрі: 2." in output
    assert "Епізодів додано: 0, пропущено як уже імпортовані: 3." in output
    assert output.splitlines()[-1] == "Нічого нового: усе з цього файлу вже є в реєстрі."
    assert ServiceEpisode.objects.count() == 3


def test_import_episodes_dry_run_writes_nothing(world: World, good_file: Path) -> None:
    output = _call(
        "import_episodes", str(good_file), "--hromada", world.hromada_a.code, "--dry-run"
    )
    assert "Епізодів буде додано: 3, пропущено як уже імпортовані: 0." in output
    assert output.splitlines()[-1] == "Перевірка: нічого не записано."
    assert not ServiceEpisode.objects.exists()


def test_import_episodes_refuses_a_bad_file_naming_the_report(world: World, tmp_path: Path) -> None:
    offer_services(world)
    rows = [olena(world, {"код послуги": "999.9"}), ivan(world, {"стать": "?"})]
    path = write_csv(tmp_path / "bad.csv", rows)
    with pytest.raises(CommandError) as failure:
        _call("import_episodes", str(path), "--hromada", world.hromada_a.code)
    first, second, *problems = str(failure.value).splitlines()
    assert first == "Файл не прийнято, нічого не записано. Помилок: 2."
    report = Path(second.removeprefix("Звіт про помилки: "))
    assert report.is_file()
    assert report.suffix == ".csv"
    assert problems == [
        "  Рядок 2, стовпець J («код послуги»): такого коду послуги немає в класифікаторі "
        "(значення: «999.9»)",
        "  Рядок 3, стовпець H («стать»): допустимі значення: «ж», «ч», «жінка», «чоловік» "
        "(значення: «?»)",
    ]
    assert not ServiceEpisode.objects.exists()


def test_import_episodes_exits_non_zero_from_the_shell(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    utility = ManagementUtility(
        ["turbota", "import_episodes", str(path), "--hromada", world.hromada_a.code]
    )
    with pytest.raises(SystemExit) as exit_:
        utility.execute()
    assert exit_.value.code == 1
    assert "Звіт про помилки: " in capsys.readouterr().err


def test_import_episodes_refuses_an_unknown_hromada(world: World, good_file: Path) -> None:
    with pytest.raises(CommandError, match="Громади з кодом UA00000000000000000 немає"):
        _call("import_episodes", str(good_file), "--hromada", "UA00000000000000000")


def test_import_episodes_refuses_a_missing_file(world: World, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"Файлу .*nothing\.csv немає"):
        _call("import_episodes", str(tmp_path / "nothing.csv"), "--hromada", world.hromada_a.code)
