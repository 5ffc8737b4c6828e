"""Import of submissions exported from KoboToolbox / ODK: all or nothing, every rejected
row with its line and reason, and the same file twice adds nothing."""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence

import openpyxl
import pytest
from django.contrib.auth.models import AnonymousUser

from conftest import World
from turbota.surveys import exports
from turbota.surveys.enums import SurveyStatus
from turbota.surveys.models import Response, SubmissionImport, Survey
from turbota.surveys.submissions import import_submissions
from turbota.surveys.tests.factories import add_response, make_survey

MAIN = [
    "start",
    "end",
    "nickname",
    "age",
    "has_disability",
    "disability/disability_group",  # KoboToolbox writes a group's path
    "services",
    "services/home_care",  # and a column per choice of a select-multiple
    "settlement_type",
    "_id",
    "_uuid",
    "_submission_time",
    "_index",
]
ROWS: list[list[object]] = [
    [
        "2024-05-01T10:00:00",
        "2024-05-01T10:05:00",
        "Оля",
        45,
        "yes",
        "group_2",
        "home_care",
        1,
        "urban",
        101,
        "aaaa-1",
        "2024-05-01T10:06:00",
        1,
    ],
    [
        "2024-05-02T11:00:00",
        "2024-05-02T11:04:00",
        "Ігор",
        70,
        "no",
        None,
        "day_care other",
        0,
        "rural",
        102,
        "aaaa-2",
        "2024-05-02T11:05:00",
        2,
    ],
]
HOUSEHOLD: list[list[object]] = [
    ["member_name", "member_age", "member_needs_care", "_index", "_parent_index"],
    ["Іван", 72, "yes", 1, 1],
    ["Марія", 8, None, 2, 1],
]


def _kobo(
    rows: Sequence[Sequence[object]], household: Sequence[Sequence[object]] = HOUSEHOLD
) -> bytes:
    book = openpyxl.Workbook()
    main = book.active
    assert main is not None
    main.title = "Тест усіх типів питань"
    main.append(MAIN)
    for row in rows:
        main.append(list(row))
    repeat = book.create_sheet("household")
    for row in household:
        repeat.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def survey(world: World) -> Survey:
    return make_survey(world.hromada_a, status=SurveyStatus.OPEN)


def _import(survey: Survey, content: bytes, *, dry_run: bool = False) -> SubmissionImport:
    version = survey.current_version
    assert version is not None
    return import_submissions(
        survey=survey,
        version=version,
        content=content,
        file_name="kobo.xlsx",
        by=AnonymousUser(),
        dry_run=dry_run,
    )


def test_a_kobo_export_imports_every_submission_with_its_repeat(survey: Survey) -> None:
    result = _import(survey, _kobo(ROWS))
    assert (result.created, result.skipped, result.problems) == (2, 0, [])
    first = Response.objects.get(survey=survey, submission_uuid="aaaa-1")
    assert first.channel == "import"
    assert first.answers["disability_group"] == "group_2"
    assert first.answers["household"] == [
        {"member_name": "Іван", "member_age": 72, "member_needs_care": "yes"},
        {"member_name": "Марія", "member_age": 8},
    ]
    assert first.answers["start"] == "2024-05-01T10:00:00"
    assert first.submitted_at == datetime.datetime(2024, 5, 1, 10, 6, tzinfo=datetime.UTC)
    second = Response.objects.get(survey=survey, submission_uuid="aaaa-2")
    assert second.answers["services"] == ["day_care", "other"]
    assert "disability_group" not in second.answers


def test_the_same_file_imported_again_adds_nothing(survey: Survey) -> None:
    _import(survey, _kobo(ROWS))
    again = _import(survey, _kobo(ROWS))
    assert (again.created, again.skipped, again.problems) == (0, 2, [])
    assert Response.objects.filter(survey=survey).count() == 2


def test_a_file_with_a_bad_row_writes_nothing_and_names_each_rejected_row(survey: Survey) -> None:
    bad = [list(row) for row in ROWS]
    bad[0][3] = 150  # age: constraint
    bad[1][4] = "перепрошую"  # not a choice
    household: list[list[object]] = [HOUSEHOLD[0], ["Іван", 200, "yes", 1, 1]]
    result = _import(survey, _kobo(bad, household))
    assert result.created == 0
    assert not Response.objects.exists()
    problems = [
        (p["sheet"], p["row"], p["column"], p["header"], p["message"]) for p in result.problems
    ]
    assert problems == [
        ("Тест усіх типів питань", 2, "D", "age", "Вік має бути від 14 до 110 років."),
        ("household", 2, "B", "member_age", "Вік від 0 до 119 років."),
        (
            "Тест усіх типів питань",
            3,
            "E",
            "has_disability",
            "Оберіть один із запропонованих варіантів.",
        ),
    ]
    assert SubmissionImport.objects.get().is_rejected


def test_a_row_without_an_id_or_with_a_repeated_one_is_rejected(survey: Survey) -> None:
    rows = [list(ROWS[0]), list(ROWS[0]), list(ROWS[1])]
    rows[2][10] = None
    result = _import(survey, _kobo(rows))
    messages = [(p["row"], p["message"]) for p in result.problems]
    assert messages == [
        (3, "це подання вже є вище у файлі"),
        (4, "немає ідентифікатора подання (_uuid або meta/instanceID)"),
    ]
    assert not Response.objects.exists()


def test_a_dry_run_checks_and_writes_nothing(survey: Survey) -> None:
    result = _import(survey, _kobo(ROWS), dry_run=True)
    assert (result.created, result.problems) == (2, [])
    assert not Response.objects.exists()
    assert not SubmissionImport.objects.exists()


def test_an_odk_central_csv_with_semicolons_and_instance_ids_imports(survey: Survey) -> None:
    content = (
        "SubmissionDate;nickname;age;has_disability;disability-disability_group;meta-instanceID\n"
        "2024-05-03T09:00:00Z;Оля;40;yes;group_1;uuid:bbbb-1\n"
    ).encode()
    result = _import(survey, content)
    assert (result.created, result.problems) == (1, [])
    response = Response.objects.get(survey=survey)
    assert response.submission_uuid == "bbbb-1"
    assert response.answers["disability_group"] == "group_1"
    assert "Записів повтору «household» у файлі немає." in result.notes


def test_an_unreadable_file_is_refused_with_the_reason(survey: Survey) -> None:
    result = _import(survey, b"PK\x03\x04 broken zip")
    assert [p["message"] for p in result.problems] == [
        "Файл пошкоджений або не є книгою Excel (.xlsx)."
    ]
    assert _import(survey, b"   ").problems[0]["message"] == "Файл порожній."


def test_an_export_of_turbota_imports_back_into_another_survey(
    world: World, survey: Survey
) -> None:
    add_response(
        survey,
        {
            "nickname": "Оля",
            "age": 45,
            "has_disability": "no",
            "services": ["home_care", "other"],
            "services_other": "=HYPERLINK(1)",
            "household": [{"member_name": "Іван", "member_age": 72, "member_needs_care": "yes"}],
        },
    )
    buffer = io.BytesIO()
    exports.write_xlsx(survey, buffer)
    copy = make_survey(world.hromada_a, status=SurveyStatus.OPEN)
    result = _import(copy, buffer.getvalue())
    assert (result.created, result.problems) == (1, [])
    original = Response.objects.get(survey=survey).answers
    imported = Response.objects.get(survey=copy).answers
    assert imported == original
