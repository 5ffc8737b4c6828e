"""The XLSX export of a survey's responses as a background job (decision 0014): the page
queues it, a django-q2 worker writes the file with ``exports.write_xlsx`` under the data
folder while the page polls its progress from the shared cache, and the requester downloads
it once. A file goes when downloaded or a day after it was made, whichever comes first;
the removal of old files runs whenever export jobs are looked at (no scheduler needed).
The CSV export needs none of this: it streams from its first row."""

from __future__ import annotations

import datetime
import logging
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from turbota.accounts.permissions import AnyUser
from turbota.core.jobs import enqueue_after_commit, has_stalled
from turbota.surveys import exports
from turbota.surveys.enums import ExportStatus
from turbota.surveys.models import ResponseExport, Survey

logger = logging.getLogger(__name__)
FOLDER = "survey-exports"
KEPT_FOR = datetime.timedelta(days=1)

FAILED = (
    "Не вдалося підготувати файл XLSX через внутрішню помилку. Спробуйте ще раз або "
    "зверніться до адміністратора."
)
STOPPED = (
    "Підготовку файлу перервано: обробник фонових задач зупинився чи не встиг. Спробуйте ще раз."
)


def progress_key(job_id: int) -> str:
    return f"survey-export-progress-{job_id}"


def file_path(job: ResponseExport) -> Path:
    """Where a job's file is (under MEDIA_ROOT, which is not served: the view checks who
    downloads)."""
    return Path(settings.MEDIA_ROOT) / FOLDER / f"survey-{job.survey_id}-export-{job.pk}.xlsx"


def start_export(*, survey: Survey, by: AnyUser) -> ResponseExport:
    """Queue an XLSX export of ``survey``'s responses for ``by``; it runs once the job is
    saved for good (a worker must find it). The sync flag is read now, as the people
    import does, so settings changed after django-q2 was imported apply."""
    job = ResponseExport.objects.create(
        survey=survey,
        requested_by=by if by.is_authenticated else None,
        total=survey.responses.count(),
    )
    enqueue_after_commit(run_export, job.pk)
    return job


def run_export(job_id: int) -> None:
    # Claimed in one statement: a second delivery of the task finds it no longer queued.
    claimed = ResponseExport.objects.filter(pk=job_id, status=ExportStatus.QUEUED).update(
        status=ExportStatus.RUNNING, updated_at=timezone.now()
    )
    if not claimed:
        return
    job = ResponseExport.objects.select_related("survey").get(pk=job_id)
    target = file_path(job)
    partial = target.with_suffix(".part")  # never offered for download half-written
    target.parent.mkdir(parents=True, exist_ok=True)

    def report(rows: int) -> None:
        cache.set(progress_key(job.pk), rows, timeout=int(KEPT_FOR.total_seconds()))

    try:
        rows = exports.write_xlsx(job.survey, str(partial), progress=report)
        partial.replace(target)
    except Exception:
        logger.exception("survey response export %s failed", job.pk)
        partial.unlink(missing_ok=True)
        end_job(job, FAILED)
        return
    finally:
        cache.delete(progress_key(job.pk))
    job.status, job.rows, job.finished_at = ExportStatus.DONE, rows, timezone.now()
    job.save(update_fields=["status", "rows", "finished_at", "updated_at"])


def end_job(job: ResponseExport, message: str) -> None:
    """Close a job that could not finish: failed, with ``message``, no file left."""
    file_path(job).unlink(missing_ok=True)
    job.status, job.message, job.finished_at = ExportStatus.FAILED, message, timezone.now()
    job.save(update_fields=["status", "message", "finished_at", "updated_at"])
    cache.delete(progress_key(job.pk))


def end_if_stalled(job: ResponseExport) -> bool:
    """A running job older than the worker's time limit died with its worker: end it."""
    stalled = job.status == ExportStatus.RUNNING and has_stalled(job.updated_at)
    if stalled:
        end_job(job, STOPPED)
    return stalled


def progress_of(job: ResponseExport) -> int:
    found = cache.get(progress_key(job.pk))
    return int(found) if found else 0


def remove_old_files() -> int:
    """Remove the files of exports made more than a day ago and not downloaded."""
    old = list(
        ResponseExport.objects.filter(
            status=ExportStatus.DONE, finished_at__lt=timezone.now() - KEPT_FOR
        )
    )
    for job in old:
        file_path(job).unlink(missing_ok=True)
    ResponseExport.objects.filter(pk__in=[job.pk for job in old]).update(
        status=ExportStatus.REMOVED, updated_at=timezone.now()
    )
    return len(old)


def take_file(job: ResponseExport) -> IO[bytes] | None:
    """The job's file, opened for one download and removed from the disk at once (the open
    handle still reads it); None if it is gone or was taken by another request."""
    path = file_path(job)
    try:
        stream = path.open("rb")
    except FileNotFoundError:
        return None
    taken = ResponseExport.objects.filter(pk=job.pk, status=ExportStatus.DONE).update(
        status=ExportStatus.REMOVED, updated_at=timezone.now()
    )
    if not taken:
        stream.close()
        return None
    path.unlink(missing_ok=True)
    return stream
