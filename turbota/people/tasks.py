"""Background jobs of the people register: a long import runs in a django-q2 worker while
the page shows its progress (read from the shared cache)."""

from __future__ import annotations

import logging
from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.utils import timezone

from turbota.core.enums import ImportStatus
from turbota.core.jobs import enqueue_after_commit, has_stalled
from turbota.core.models import ImportJob
from turbota.people.imports import import_episodes

logger = logging.getLogger(__name__)
KIND = "episodes"
SHOWN_PROBLEMS = 200  # the rest are in the report file


def progress_key(job_id: int) -> str:
    return f"import-progress-{job_id}"


def enqueue_episode_import(job: ImportJob) -> None:
    """Run the import after the job is saved for good (a worker must find it). The sync flag
    is read now, not when django-q2 was imported, so settings changed later apply."""
    enqueue_after_commit(run_episode_import, job.pk)


def run_episode_import(job_id: int) -> None:
    # Claimed in one statement: a second delivery of the task finds it no longer queued.
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING, updated_at=timezone.now()
    )
    if not claimed:
        return
    job = ImportJob.objects.select_related("hromada", "created_by").get(pk=job_id)

    def report(stage: str, rows: int) -> None:
        cache.set(progress_key(job.pk), {"stage": stage, "rows": rows}, timeout=3600)

    try:
        with job.file.open("rb") as source:
            result = import_episodes(
                source=source,
                name=job.original_name,
                hromada=job.hromada,
                user=job.created_by or AnonymousUser(),
                progress=report,
                mapping=job.summary.get("mapping"),
            )
    except Exception:
        # Nothing was written (the import is one transaction); say so instead of hanging.
        logger.exception("episode import %s failed", job.pk)
        end_job(job, INTERNAL_ERROR)
        return
    finally:
        # The upload is personal data: kept only while needed, whatever came of it.
        job.file.delete(save=False)
        cache.delete(progress_key(job.pk))
    job.status = ImportStatus.APPLIED if result.accepted else ImportStatus.REJECTED
    job.summary = {
        "mapping_name": job.summary.get("mapping_name", ""),
        "rows": result.rows,
        "people_created": result.people_created,
        "people_matched": result.people_matched,
        "episodes_created": result.episodes_created,
        "episodes_skipped": result.episodes_skipped,
        "problem_count": result.problem_count,
        "report": str(result.report) if result.report else "",
    }
    job.problems = [str(problem) for problem in result.problems[:SHOWN_PROBLEMS]]
    job.save(update_fields=["status", "summary", "problems", "file", "updated_at"])


INTERNAL_ERROR = (
    "Внутрішня помилка під час імпорту; нічого не записано. Спробуйте ще раз або зверніться "
    "до адміністратора."
)
STOPPED = (
    "Імпорт перервано: обробник фонових задач зупинився чи не встиг; нічого не записано. "
    "Завантажте файл ще раз."
)


def end_job(job: ImportJob, message: str) -> None:
    """Close a job that could not finish: rejected, with ``message``, its file removed."""
    job.status = ImportStatus.REJECTED
    job.summary = {"problem_count": 1, "report": ""}
    job.problems = [message]
    job.file.delete(save=False)
    job.save(update_fields=["status", "summary", "problems", "file", "updated_at"])
    cache.delete(progress_key(job.pk))


def end_if_stalled(job: ImportJob) -> bool:
    """A running job older than the worker's time limit died with its worker: end it."""
    stalled = job.status == ImportStatus.RUNNING and has_stalled(job.updated_at)
    if stalled:
        end_job(job, STOPPED)
    return stalled


def report_path(job: ImportJob) -> Path | None:
    found = str(job.summary.get("report") or "")
    return Path(found) if found else None
