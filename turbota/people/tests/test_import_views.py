"""The import page: upload, a background job (run at once in tests), its status, its report."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import World
from turbota.core.enums import ImportStatus
from turbota.core.models import ImportJob
from turbota.people.models import PersonIdentity, ServiceEpisode
from turbota.people.tasks import progress_key
from turbota.people.tests.episode_files import ivan, offer_services, olena, write_csv


def _upload(world: World, path: Path) -> ImportJob:
    url = reverse("people:import", kwargs={"code": world.hromada_a.code})
    with path.open("rb") as handle:
        upload = SimpleUploadedFile(path.name, handle.read())
    with_commit = world.client_for("hromada_staff")
    response = with_commit.post(url, {"file": upload})
    assert response.status_code == 302, response.content.decode()[-2000:]
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("people:import_job", kwargs={"pk": job.pk})
    return job


def test_an_uploaded_file_is_imported_by_a_job_and_its_result_shown(
    world: World, tmp_path: Path, django_capture_on_commit_callbacks: object
) -> None:
    offer_services(world)
    path = write_csv(tmp_path / "epizody.csv", [olena(world), ivan(world)])
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        job = _upload(world, path)
    job.refresh_from_db()
    assert job.status == ImportStatus.APPLIED
    assert (job.summary["people_created"], job.summary["episodes_created"]) == (2, 2)
    assert not job.file  # the upload is not kept
    assert PersonIdentity.objects.count() == 2
    page = world.client_for("hromada_staff").get(reverse("people:import_job", args=[job.pk]))
    assert "Імпорт завершено. Рядків: 2; нових осіб: 2" in page.content.decode()


def test_a_rejected_file_writes_nothing_and_offers_its_report(
    world: World, tmp_path: Path, django_capture_on_commit_callbacks: object
) -> None:
    offer_services(world)
    path = write_csv(tmp_path / "bad.csv", [olena(world, {"код послуги": "999.9"})])
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        job = _upload(world, path)
    job.refresh_from_db()
    assert job.status == ImportStatus.REJECTED
    assert not ServiceEpisode.objects.exists()
    client = world.client_for("hromada_staff")
    html = client.get(reverse("people:import_job", args=[job.pk])).content.decode()
    assert "Файл не прийнято, нічого не записано. Помилок: 1." in html
    assert "такого коду послуги немає в класифікаторі" in html
    report = client.get(reverse("people:import_report", args=[job.pk]))
    assert report.status_code == 200
    assert "такого коду послуги немає" in b"".join(report.streaming_content).decode()  # type: ignore[attr-defined]


def test_a_running_job_shows_its_progress_and_polls_for_more(world: World) -> None:
    job = ImportJob.objects.create(
        kind="episodes",
        hromada=world.hromada_a,
        original_name="big.csv",
        status=ImportStatus.RUNNING,
    )
    cache.set(progress_key(job.pk), {"stage": "checking", "rows": 12000})
    client = world.client_for("hromada_staff")
    partial = client.get(reverse("people:import_job", args=[job.pk]), HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert html.lstrip().startswith('<div id="import-status"')
    assert 'hx-trigger="every 2s"' in html
    assert "Перевірено рядків: 12000." in html


def test_only_csv_or_xlsx_is_accepted(world: World) -> None:
    url = reverse("people:import", kwargs={"code": world.hromada_a.code})
    response = world.client_for("hromada_staff").post(
        url, {"file": SimpleUploadedFile("people.docx", b"PK")}
    )
    assert response.status_code == 400
    assert "Завантажте файл .csv або .xlsx." in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_template_downloads_with_its_instructions(world: World, tmp_path: Path) -> None:
    url = reverse("people:import_template", kwargs={"code": world.hromada_a.code})
    response = world.client_for("hromada_staff").get(url)
    (tmp_path / "t.xlsx").write_bytes(response.content)
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert "Інструкція" in book.sheetnames


def test_a_job_that_fails_inside_says_so_and_writes_nothing(
    world: World, tmp_path: Path, monkeypatch: object, django_capture_on_commit_callbacks: object
) -> None:
    def broken(**options: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("turbota.people.tasks.import_episodes", broken)  # type: ignore[attr-defined]
    offer_services(world)
    path = write_csv(tmp_path / "epizody.csv", [olena(world)])
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        job = _upload(world, path)
    job.refresh_from_db()
    assert job.status == ImportStatus.REJECTED
    assert job.problems[0].startswith("Внутрішня помилка під час імпорту; нічого не записано.")
    assert not job.file  # the upload is removed even so
    assert not any((Path(settings.MEDIA_ROOT) / "imports").rglob("*.csv"))


def test_a_second_delivery_of_the_task_imports_nothing_twice(
    world: World, tmp_path: Path, django_capture_on_commit_callbacks: object
) -> None:
    from turbota.people.tasks import run_episode_import

    offer_services(world)
    path = write_csv(tmp_path / "epizody.csv", [olena(world)])
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        job = _upload(world, path)
    run_episode_import(job.pk)  # the queue delivers it again
    assert ServiceEpisode.objects.count() == 1


def test_a_job_stalled_past_the_time_limit_is_ended_when_looked_at(world: World) -> None:
    import datetime

    from django.utils import timezone

    job = ImportJob.objects.create(
        kind="episodes", hromada=world.hromada_a, original_name="big.csv", status="running"
    )
    ImportJob.objects.filter(pk=job.pk).update(
        updated_at=timezone.now() - datetime.timedelta(hours=2)
    )
    html = world.client_for("hromada_staff").get(reverse("people:import_job", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.REJECTED
    assert "Імпорт перервано: обробник фонових задач зупинився" in html.content.decode()
