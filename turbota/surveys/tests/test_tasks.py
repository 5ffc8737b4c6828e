"""The XLSX export as a background job: started on the page, its progress polled, the file
downloaded once by the one who asked for it, removed after a day, and a failure told."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import openpyxl
import pytest
from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse
from django.urls import reverse
from django.utils import timezone

from conftest import World
from turbota.accounts.enums import Role
from turbota.accounts.tests.factories import make_user
from turbota.surveys import exports, tasks
from turbota.surveys.enums import ExportStatus, SurveyStatus
from turbota.surveys.models import ResponseExport, Survey
from turbota.surveys.tests.factories import add_response, make_survey


def _survey(world: World) -> Survey:
    survey = make_survey(world.hromada_a, status=SurveyStatus.OPEN)
    add_response(survey, {"nickname": "Оля", "age": 45})
    add_response(survey, {"nickname": "Ігор", "age": 70})
    return survey


def _start(world: World, survey: Survey, capture: Any) -> ResponseExport:
    client = world.client_for("hromada_staff")
    with capture(execute=True):
        started = client.post(reverse("surveys:export", args=[survey.pk, "xlsx"]))
    job = ResponseExport.objects.get(survey=survey)
    assert started.status_code == 302
    assert started["Location"] == reverse("surveys:export_job", args=[job.pk])
    return job


def _files(world: World) -> list[Path]:
    folder = Path(settings.MEDIA_ROOT) / tasks.FOLDER
    return sorted(folder.iterdir()) if folder.exists() else []


def test_staff_start_an_xlsx_export_and_download_its_rows_once(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    # given
    survey = _survey(world)
    client = world.client_for("hromada_staff")
    # when the export is started, the job runs (synchronously in tests)
    job = _start(world, survey, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert (job.status, job.total, job.rows) == (ExportStatus.DONE, 2, 2)
    page = client.get(reverse("surveys:export_job", args=[job.pk])).content.decode()
    download = reverse("surveys:export_download", args=[job.pk])
    assert "Файл готовий: відповідей 2." in page
    assert download in page
    # then the file has the rows, and is gone once downloaded
    got: Any = client.get(download)
    assert isinstance(got, FileResponse)
    book = openpyxl.load_workbook(
        io.BytesIO(b"".join(cast(Iterator[bytes], got.streaming_content))), read_only=True
    )
    rows = list(book["Відповіді"].iter_rows(values_only=True))
    header = list(rows[0])
    assert [row[header.index("nickname")] for row in rows[1:]] == ["Оля", "Ігор"]
    assert _files(world) == []
    assert client.get(download).status_code == 404
    again = client.get(reverse("surveys:export_job", args=[job.pk])).content.decode()
    assert "Файл уже завантажено" in again


def test_another_staff_member_cannot_open_or_download_someones_export(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    survey = _survey(world)
    job = _start(world, survey, django_capture_on_commit_callbacks)
    colleague = make_user("staff_a_2", Role.HROMADA_STAFF, territory=world.hromada_a)
    client = world.client_for("hromada_staff")
    client.force_login(colleague)
    assert client.get(reverse("surveys:export_job", args=[job.pk])).status_code == 404
    assert client.get(reverse("surveys:export_download", args=[job.pk])).status_code == 404
    own = client.get(reverse("surveys:export", args=[survey.pk, "xlsx"])).content.decode()
    assert reverse("surveys:export_job", args=[job.pk]) not in own
    assert len(_files(world)) == 1  # still there for the one who asked
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE


def test_a_failed_export_says_so_in_ukrainian_and_leaves_no_file(
    world: World, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(survey: Survey, target: str, progress: Any = None) -> int:
        Path(target).write_bytes(b"half a file")
        raise OSError("disk full")

    monkeypatch.setattr(exports, "write_xlsx", broken)
    survey = _survey(world)
    job = _start(world, survey, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED
    page = world.client_for("hromada_staff").get(reverse("surveys:export_job", args=[job.pk]))
    html = page.content.decode()
    assert "Не вдалося підготувати файл XLSX через внутрішню помилку." in html
    assert reverse("surveys:export_download", args=[job.pk]) not in html
    assert _files(world) == []
    download = world.client_for("hromada_staff").get(
        reverse("surveys:export_download", args=[job.pk])
    )
    assert download.status_code == 404


def test_the_job_page_polls_the_rows_written_of_the_total(world: World) -> None:
    survey = _survey(world)
    job = ResponseExport.objects.create(
        survey=survey,
        requested_by=world.users["hromada_staff"],
        status=ExportStatus.RUNNING,
        total=12000,
    )
    cache.set(tasks.progress_key(job.pk), 5000)
    polled = world.client_for("hromada_staff").get(
        reverse("surveys:export_job", args=[job.pk]), headers={"HX-Request": "true"}
    )
    html = polled.content.decode()
    assert html.lstrip().startswith('<div id="export-status"')
    assert "Записано рядків: 5000 з 12000." in html
    assert 'hx-trigger="every 2s"' in html


def test_a_job_that_outlived_the_worker_time_limit_is_ended(world: World) -> None:
    survey = _survey(world)
    job = ResponseExport.objects.create(
        survey=survey, requested_by=world.users["hromada_staff"], status=ExportStatus.RUNNING
    )
    hours_ago = timezone.now() - datetime.timedelta(hours=2)
    ResponseExport.objects.filter(pk=job.pk).update(updated_at=hours_ago)
    page = world.client_for("hromada_staff").get(reverse("surveys:export_job", args=[job.pk]))
    assert "Підготовку файлу перервано" in page.content.decode()
    assert "hx-trigger" not in page.content.decode()


def test_a_file_not_downloaded_within_a_day_is_removed_when_exports_are_looked_at(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    survey = _survey(world)
    job = _start(world, survey, django_capture_on_commit_callbacks)
    assert len(_files(world)) == 1
    a_day_ago = timezone.now() - datetime.timedelta(days=1, minutes=1)
    ResponseExport.objects.filter(pk=job.pk).update(finished_at=a_day_ago)
    exports_page = reverse("surveys:export", args=[survey.pk, "xlsx"])
    page = world.client_for("hromada_staff").get(exports_page)
    assert "файл видалено" in page.content.decode()
    assert _files(world) == []
    job.refresh_from_db()
    assert job.status == ExportStatus.REMOVED
