"""``turbota import_xlsform``: the report, the refusals and the import."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from conftest import World
from turbota.surveys.management.commands.import_xlsform import Command
from turbota.surveys.models import Survey
from turbota.surveys.shipped import TEMPLATES
from turbota.surveys.tests.xlsforms import xlsform


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("import_xlsform", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _file(tmp_path: Path, content: bytes, name: str = "form.xlsx") -> str:
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


def test_a_dry_run_prints_the_form_as_json(tmp_path: Path) -> None:
    path = _file(
        tmp_path,
        xlsform(
            [
                {"type": "text", "name": "name", "label::Українська (uk)": "Ім'я"},
                {"type": "rank services", "name": "top", "label::Українська (uk)": "Порядок"},
            ],
            [{"list_name": "services", "name": "a", "label::Українська (uk)": "А"}],
            {"form_title": "Анкета", "default_language": "Українська (uk)"},
        ),
    )
    report = json.loads(_run(path, "--dry-run", "--format", "json"))
    assert report == {
        "title": "Анкета",
        "questions": [{"name": "name", "type": "text", "label": "Ім'я"}],
        "unsupported": [{"row": 3, "feature": "type: rank services"}],
    }


def test_the_shipped_template_has_nothing_unsupported(db: None) -> None:
    report = json.loads(_run(str(TEMPLATES["satisfaction"].path), "--dry-run", "--format", "json"))
    assert report["title"] == "Оцінка задоволеності отримувачів соціальних послуг"
    assert report["unsupported"] == []
    assert {"name": "sex", "type": "select_one", "label": "Стать"} in report["questions"]


def test_a_malformed_form_exits_non_zero_with_the_reason(tmp_path: Path, capsys) -> None:
    path = _file(tmp_path, xlsform([{"type": "select_one nowhere", "name": "q", "label": "Q"}]))
    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(["turbota", "import_xlsform", path, "--dry-run"])
    assert exited.value.code == 1
    assert "Форма не відповідає стандарту XLSForm" in capsys.readouterr().err


def test_an_unsupported_form_is_reported_and_not_imported(tmp_path: Path, world: World) -> None:
    path = _file(tmp_path, xlsform([{"type": "geopoint", "name": "where", "label": "Де?"}]))
    with pytest.raises(CommandError, match="непідтримуваних можливостей — 1"):
        _run(path, "--hromada", world.hromada_a.code)
    assert not Survey.objects.exists()


def test_a_form_is_imported_for_a_hromada_and_then_as_a_new_version(
    tmp_path: Path, world: World
) -> None:
    first = _file(tmp_path, xlsform([{"type": "text", "name": "a", "label": "А"}]), "v1.xlsx")
    _run(first, "--hromada", world.hromada_a.code)
    survey = Survey.objects.get()
    assert survey.hromada == world.hromada_a
    second = _file(tmp_path, xlsform([{"type": "text", "name": "b", "label": "Б"}]), "v2.xlsx")
    _run(second, "--survey", str(survey.pk))
    assert list(survey.versions.values_list("number", flat=True)) == [2, 1]
    with pytest.raises(CommandError, match="Файл не змінився"):
        _run(second, "--survey", str(survey.pk))


def test_an_import_needs_a_hromada_or_a_survey(tmp_path: Path, db: None) -> None:
    path = _file(tmp_path, xlsform([{"type": "text", "name": "a", "label": "А"}]))
    with pytest.raises(CommandError, match="Вкажіть --hromada"):
        _run(path)
