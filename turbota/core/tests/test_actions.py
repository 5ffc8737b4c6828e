from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import World
from turbota.accounts.models import User
from turbota.core.actions import apply_import, cancel_import, import_now, stage_import
from turbota.core.enums import ImportStatus
from turbota.core.tests.fake_importer import IMPORTER, SHEET
from turbota.reports.xlsx import write_workbook
from turbota.territories.models import VitalStatistics


def upload(*rows: tuple[int, int, int]) -> SimpleUploadedFile:
    content = write_workbook(
        [SHEET], {SHEET.name: [{"year": y, "births": b, "deaths": d} for y, b, d in rows]}
    )
    return SimpleUploadedFile("rух.xlsx", content)


def staff(world: World) -> User:
    user = world.users["hromada_staff"]
    assert user is not None
    return user


def test_a_valid_file_is_kept_for_confirmation_and_nothing_is_written_yet(world: World) -> None:
    job = stage_import(
        importer=IMPORTER,
        hromada=world.hromada_a,
        upload=upload((2020, 241, 793)),
        actor=staff(world),
    )
    assert job.status == ImportStatus.VALIDATED
    assert job.summary["counts"] == {"create": 1, "update": 0, "unchanged": 0}
    assert job.file
    assert not VitalStatistics.objects.exists()


def test_a_file_with_errors_is_rejected_with_its_problems_and_not_kept(world: World) -> None:
    job = stage_import(
        importer=IMPORTER, hromada=world.hromada_a, upload=upload((1800, 1, 1)), actor=staff(world)
    )
    assert job.status == ImportStatus.REJECTED
    assert job.problems[0]["row"] == 2
    assert "1991" in job.problems[0]["message"]
    assert not job.file
    assert not VitalStatistics.objects.exists()


def test_applying_writes_the_file_and_removes_the_stored_copy(world: World) -> None:
    job = stage_import(
        importer=IMPORTER,
        hromada=world.hromada_a,
        upload=upload((2020, 241, 793)),
        actor=staff(world),
    )
    job = apply_import(job=job, importer=IMPORTER)
    assert job.status == ImportStatus.APPLIED
    assert not job.file
    assert VitalStatistics.objects.get(hromada=world.hromada_a, year=2020).deaths == 793


def test_a_finished_import_cannot_be_applied_or_cancelled_again(world: World) -> None:
    job = stage_import(
        importer=IMPORTER, hromada=world.hromada_a, upload=upload((2020, 1, 1)), actor=staff(world)
    )
    apply_import(job=job, importer=IMPORTER)
    with pytest.raises(ValidationError):
        apply_import(job=job, importer=IMPORTER)
    with pytest.raises(ValidationError):
        cancel_import(job=job)


def test_cancelling_writes_nothing(world: World) -> None:
    job = stage_import(
        importer=IMPORTER, hromada=world.hromada_a, upload=upload((2020, 1, 1)), actor=staff(world)
    )
    job = cancel_import(job=job)
    assert job.status == ImportStatus.CANCELLED
    assert not VitalStatistics.objects.exists()


def test_apply_plans_again_so_changes_made_meanwhile_show_as_updates(world: World) -> None:
    job = stage_import(
        importer=IMPORTER,
        hromada=world.hromada_a,
        upload=upload((2020, 241, 793)),
        actor=staff(world),
    )
    VitalStatistics.objects.create(hromada=world.hromada_a, year=2020, births=1, deaths=1)
    job = apply_import(job=job, importer=IMPORTER)
    assert job.summary["counts"] == {"create": 0, "update": 1, "unchanged": 0}


def test_importing_the_same_file_twice_changes_nothing_the_second_time(world: World) -> None:
    content = upload((2019, 262, 688), (2020, 241, 793)).read()
    import_now(importer=IMPORTER, hromada=world.hromada_a, source=io.BytesIO(content))
    again = import_now(importer=IMPORTER, hromada=world.hromada_a, source=io.BytesIO(content))
    assert again.counts() == {"create": 0, "update": 0, "unchanged": 2}


def test_dry_run_writes_nothing(world: World) -> None:
    content = upload((2019, 262, 688)).read()
    plan = import_now(
        importer=IMPORTER, hromada=world.hromada_a, source=io.BytesIO(content), dry_run=True
    )
    assert plan.counts()["create"] == 1
    assert not VitalStatistics.objects.exists()
