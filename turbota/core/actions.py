"""Writes of the shared import flow: stage an upload, apply it, or cancel it."""

from __future__ import annotations

from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from turbota.accounts.models import User
from turbota.core.enums import ImportStatus
from turbota.core.imports import Importer, ImportPlan
from turbota.core.models import ImportJob
from turbota.territories.models import Territory


def stage_import(
    *, importer: Importer, hromada: Territory, upload: UploadedFile[bytes], actor: User
) -> ImportJob:
    """Check an uploaded file and keep it for confirmation if it is valid."""
    plan = importer.plan(upload, hromada=hromada)
    job = ImportJob(
        kind=importer.kind,
        hromada=hromada,
        created_by=actor,
        original_name=(upload.name or "файл")[:255],
        status=ImportStatus.VALIDATED if plan.is_valid else ImportStatus.REJECTED,
        problems=[problem.as_dict() for problem in plan.problems],
        summary=plan.summary(),
    )
    if plan.is_valid:
        upload.seek(0)
        job.file.save(upload.name or "import.xlsx", upload, save=False)
    else:
        job.finished_at = timezone.now()
    job.save()
    return job


def apply_import(*, job: ImportJob, importer: Importer) -> ImportJob:
    """Write a staged file. It is read again, so what is written matches the data now."""
    if job.status != ImportStatus.VALIDATED:
        raise ValidationError("Цей імпорт уже завершено або скасовано.")
    with job.file.open("rb") as stored:
        plan = importer.plan(stored, hromada=job.hromada)
    with transaction.atomic():
        if plan.is_valid:
            assert plan.write is not None
            plan.write()
            job.status = ImportStatus.APPLIED
        else:
            job.status = ImportStatus.REJECTED
            job.problems = [problem.as_dict() for problem in plan.problems]
        job.summary = plan.summary()
        _finish(job)
    return job


def cancel_import(*, job: ImportJob) -> ImportJob:
    if job.status != ImportStatus.VALIDATED:
        raise ValidationError("Цей імпорт уже завершено або скасовано.")
    job.status = ImportStatus.CANCELLED
    _finish(job)
    return job


def _finish(job: ImportJob) -> None:
    job.finished_at = timezone.now()
    if job.file:
        job.file.delete(save=False)
    job.save()


def import_now(
    *, importer: Importer, hromada: Territory, source: IO[bytes], dry_run: bool = False
) -> ImportPlan:
    """Plan and, unless ``dry_run`` or the file is invalid, write at once (for commands)."""
    plan = importer.plan(source, hromada=hromada)
    if plan.is_valid and not dry_run:
        assert plan.write is not None
        with transaction.atomic():
            plan.write()
    return plan
