"""Saved column mappings: a hromada's own file layout imported as the template's."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from conftest import World
from turbota.people.models import ColumnMapping, ServiceEpisode
from turbota.people.tests.episode_files import HEADER, ivan, offer_services, olena, write_csv

THEIRS = {"прізвище": "Прізвище отримувача", "код послуги": "Код послуги за класифікатором"}
LINES = "Прізвище отримувача = прізвище\nКод послуги за класифікатором = Код послуги\n"


def _their_file(world: World, tmp_path: Path) -> Path:
    """The template's rows under another system's headers for two of the columns."""
    header = [THEIRS.get(name, name) for name in HEADER]
    rows: list[dict[str, Any]] = [
        {THEIRS.get(key, key): value for key, value in row.items()}
        for row in (olena(world), ivan(world))
    ]
    return write_csv(tmp_path / "export.csv", rows, header=header)


def _save(world: World, **data: str) -> Any:
    url = reverse("people:mappings", kwargs={"code": world.hromada_a.code})
    return world.client_for("hromada_staff").post(url, {"name": "Експорт ЄІССС", **data})


def test_staff_save_a_mapping_of_their_headers(world: World) -> None:
    response = _save(world, lines=LINES)
    assert response.status_code == 302
    mapping = ColumnMapping.objects.get(hromada=world.hromada_a)
    assert mapping.columns == {
        "прізвище отримувача": "прізвище",
        "код послуги за класифікатором": "код послуги",
    }


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ("Прізвище отримувача прізвище", "Рядок 1: очікується «заголовок у файлі = заголовок"),
        ("Прізвище отримувача = фамилия", "Рядок 1: «фамилия» — такого стовпця в шаблоні немає."),
        ("А = прізвище\nБ = прізвище", "Рядок 2: стовпець шаблону «прізвище» уже зіставлено."),
        ("А = прізвище\nа = ім'я", "Рядок 2: «а» уже зіставлено вище."),
        ("\n\n", "Це поле обов'язкове."),  # blank lines only: nothing was given
        ("* = прізвище", "Рядок 1: очікується «заголовок у файлі = заголовок"),
    ],
)
def test_a_wrong_mapping_is_refused_line_by_line(world: World, lines: str, message: str) -> None:
    response = _save(world, lines=lines)
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not ColumnMapping.objects.exists()


def test_their_file_imports_with_the_mapping_and_is_refused_without_it(
    world: World, tmp_path: Path
) -> None:
    offer_services(world)
    _save(world, lines=LINES)
    path = _their_file(world, tmp_path)
    code = world.hromada_a.code
    with pytest.raises(CommandError, match="невідомий стовпець"):
        call_command("import_episodes", str(path), "--hromada", code, stdout=io.StringIO())
    assert not ServiceEpisode.objects.exists()
    call_command(
        "import_episodes", str(path), "--hromada", code, "--mapping", "Експорт ЄІССС",
        stdout=io.StringIO(),
    )  # fmt: skip
    assert ServiceEpisode.objects.count() == 2


def test_an_unknown_mapping_name_is_a_clear_error(world: World, tmp_path: Path) -> None:
    path = _their_file(world, tmp_path)
    with pytest.raises(CommandError, match=r"Зіставлення стовпців «Інше» у громади немає\."):
        call_command(
            "import_episodes", str(path), "--hromada", world.hromada_a.code, "--mapping", "Інше"
        )


def test_the_upload_page_imports_with_a_chosen_mapping(
    world: World, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from turbota.core.models import ImportJob

    offer_services(world)
    _save(world, lines=LINES)
    mapping = ColumnMapping.objects.get()
    path = _their_file(world, tmp_path)
    url = reverse("people:import", kwargs={"code": world.hromada_a.code})
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client_for("hromada_staff").post(
            url, {"file": upload, "mapping": mapping.pk}
        )
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == "applied"
    assert job.summary["mapping_name"] == "Експорт ЄІССС"
    assert ServiceEpisode.objects.count() == 2


def test_staff_delete_a_mapping(world: World) -> None:
    _save(world, lines=LINES)
    mapping = ColumnMapping.objects.get()
    client = world.client_for("hromada_staff")
    response = client.post(reverse("people:mapping_delete", args=[mapping.pk]))
    assert response.status_code == 302
    assert not ColumnMapping.objects.exists()
