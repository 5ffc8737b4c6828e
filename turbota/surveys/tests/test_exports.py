"""The export of responses: in KoboToolbox's layout, never a formula; the CSV streamed (the
XLSX is a background job: ``test_tasks``)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any, cast

import openpyxl
import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from conftest import World
from turbota.surveys import exports
from turbota.surveys.enums import SurveyStatus
from turbota.surveys.tests.factories import add_response, make_survey


def _survey(world: World):
    survey = make_survey(world.hromada_a, status=SurveyStatus.OPEN)
    add_response(
        survey,
        {
            "nickname": "=1+2",
            "age": 45,
            "income": "12.5",
            "services": ["home_care", "other"],
            "household": [
                {"member_name": "Іван", "member_age": 72},
                {"member_name": "Марія", "member_age": 8},
            ],
        },
    )
    add_response(survey, {"nickname": "Ігор", "age": 70})
    return survey


def test_the_csv_has_a_column_per_question_and_no_formula(world: World) -> None:
    survey = _survey(world)
    text = b"".join(exports.csv_lines(survey)).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 2
    first = rows[0]
    assert first["nickname"] == "'=1+2"  # free text starting like a formula stays text
    assert first["age"] == "45"
    assert first["services"] == "home_care other"
    assert first["_index"] == "1"
    assert first["_version"] == "1"
    assert '"member_name": "Іван"' in first["household"]
    assert rows[1]["services"] == ""


def test_the_xlsx_has_a_sheet_per_repeat_tied_by_parent_index(world: World) -> None:
    survey = _survey(world)
    buffer = io.BytesIO()
    exports.write_xlsx(survey, buffer)
    book = openpyxl.load_workbook(buffer, read_only=True)
    assert book.sheetnames == ["Відповіді", "household"]
    main = list(book["Відповіді"].iter_rows(values_only=True))
    header = list(main[0])
    assert header[:7] == exports.META
    assert main[1][header.index("nickname")] == "=1+2"  # a string cell, not a formula
    assert main[1][header.index("age")] == 45
    household = list(book["household"].iter_rows(values_only=True))
    assert household[0] == (
        "member_name",
        "member_age",
        "member_needs_care",
        "_index",
        "_parent_index",
    )
    assert household[1:] == [("Іван", 72, None, 1, 1), ("Марія", 8, None, 2, 1)]


def test_the_csv_export_page_streams_its_file(world: World) -> None:
    survey = _survey(world)
    client = world.client_for("hromada_staff")
    as_csv: Any = client.get(reverse("surveys:export", args=[survey.pk, "csv"]))
    assert isinstance(as_csv, StreamingHttpResponse)
    assert as_csv["Content-Type"] == "text/csv; charset=utf-8"
    assert b"nickname" in b"".join(cast(Iterator[bytes], as_csv.streaming_content))
    assert 'filename="survey-' in as_csv["Content-Disposition"]


def test_the_xlsx_is_written_with_its_progress_told_every_chunk(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    survey = _survey(world)
    monkeypatch.setattr(exports, "CHUNK", 1)
    heard: list[int] = []
    written = exports.write_xlsx(survey, io.BytesIO(), progress=heard.append)
    assert (written, heard) == (2, [1, 2])
