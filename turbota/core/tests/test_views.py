from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import World
from turbota.core.actions import stage_import
from turbota.core.enums import ImportStatus
from turbota.core.models import ImportJob
from turbota.core.tests.fake_importer import IMPORTER
from turbota.core.tests.test_actions import staff, upload
from turbota.territories.models import VitalStatistics


def test_preview_lists_what_will_change_before_anything_is_written(world: World) -> None:
    job = stage_import(
        importer=IMPORTER,
        hromada=world.hromada_a,
        upload=upload((2020, 241, 793)),
        actor=staff(world),
    )
    page = world.client_for("hromada_staff").get(f"/imports/{job.pk}/").content.decode()
    assert "буде додано" in page
    assert "241/793" in page
    assert "Підтвердити й записати" in page


def test_rejected_file_page_lists_each_error_with_its_row(world: World) -> None:
    bad = SimpleUploadedFile("bad.xlsx", b"not a workbook")
    job = stage_import(importer=IMPORTER, hromada=world.hromada_a, upload=bad, actor=staff(world))
    page = world.client_for("hromada_staff").get(f"/imports/{job.pk}/").content.decode()
    assert "Файл не прийнято" in page
    assert "не є книгою Excel" in page
    assert "Підтвердити" not in page


def test_confirming_writes_and_reports_the_counts(world: World) -> None:
    job = stage_import(
        importer=IMPORTER,
        hromada=world.hromada_a,
        upload=upload((2020, 241, 793)),
        actor=staff(world),
    )
    response = world.client_for("hromada_staff").post(f"/imports/{job.pk}/apply/", follow=True)
    assert "Імпорт застосовано: додано 1" in response.content.decode()
    assert VitalStatistics.objects.filter(hromada=world.hromada_a, year=2020).exists()
    assert ImportJob.objects.get(pk=job.pk).status == ImportStatus.APPLIED


def test_confirming_twice_is_refused_with_a_message(world: World) -> None:
    job = stage_import(
        importer=IMPORTER, hromada=world.hromada_a, upload=upload((2020, 1, 1)), actor=staff(world)
    )
    client = world.client_for("hromada_staff")
    client.post(f"/imports/{job.pk}/apply/")
    response = client.post(f"/imports/{job.pk}/apply/", follow=True)
    assert "уже завершено" in response.content.decode()
