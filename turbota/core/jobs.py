"""Background jobs on django-q2 (decision 0014): what the people import and the survey
export share — queueing once the job row is committed, and knowing when a running job
died with its worker."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_q.tasks import async_task


def enqueue_after_commit(task: Callable[[int], Any], job_id: int) -> None:
    """Run ``task(job_id)`` once the job is saved for good (a worker must find it). The
    sync flag is read now, not when django-q2 was imported, so settings changed later
    (tests) apply."""
    sync = bool(settings.Q_CLUSTER.get("sync"))
    transaction.on_commit(lambda: async_task(task, job_id, sync=sync))


def worker_time_limit() -> datetime.timedelta:
    return datetime.timedelta(seconds=int(str(settings.Q_CLUSTER.get("timeout", 3600))))


def has_stalled(updated_at: datetime.datetime) -> bool:
    """A running job not touched for longer than the worker's time limit died with it."""
    return updated_at < timezone.now() - worker_time_limit()
