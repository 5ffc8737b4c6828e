"""The shared import flow's pages: preview a staged file, apply or cancel it, and
download its problems as a spreadsheet. Upload pages live in the importing apps."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from turbota.core import actions
from turbota.core.enums import ImportStatus
from turbota.core.forms import UploadForm
from turbota.core.imports import Importer, importer_for
from turbota.core.models import ImportJob
from turbota.core.permissions import can_handle_import
from turbota.reports.xlsx import FileProblem, write_error_report
from turbota.territories.models import Territory


def _job_for(request: HttpRequest, pk: int) -> ImportJob:
    job = get_object_or_404(ImportJob.objects.select_related("hromada"), pk=pk)
    if not can_handle_import(request.user, job):
        raise PermissionDenied
    return job


def upload(request: HttpRequest, *, importer: Importer, hromada: Territory) -> HttpResponse:
    """Upload page used by every importing app; it checks the importer's permission."""
    if not importer.can_import(request.user, hromada):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = actions.stage_import(
            importer=importer,
            hromada=hromada,
            upload=form.cleaned_data["file"],
            actor=request.user,  # type: ignore[arg-type]
        )
        return redirect("core:import_detail", pk=job.pk)
    return render(
        request,
        "core/import_upload.html",
        {
            "form": form,
            "importer": importer,
            "hromada": hromada,
            "cancel_url": importer.done_url(hromada),
        },
    )


@login_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    importer = importer_for(job.kind)
    problems = [FileProblem.from_dict(problem) for problem in job.problems]
    return render(
        request,
        "core/import_detail.html",
        {
            "job": job,
            "importer": importer,
            "problems": problems,
            "counts": job.summary.get("counts", {}),
            "changes": job.summary.get("changes", []),
            "done_url": importer.done_url(job.hromada),
        },
    )


@login_required
@require_POST
def import_apply(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    importer = importer_for(job.kind)
    try:
        job = actions.apply_import(job=job, importer=importer)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("core:import_detail", pk=job.pk)
    if job.status == ImportStatus.APPLIED:
        counts = job.summary.get("counts", {})
        messages.success(
            request,
            f"Імпорт застосовано: додано {counts.get('create', 0)}, "
            f"змінено {counts.get('update', 0)}, без змін {counts.get('unchanged', 0)}.",
        )
        return redirect(importer.done_url(job.hromada))
    messages.error(request, "Дані змінилися після перевірки, і файл тепер містить помилки.")
    return redirect("core:import_detail", pk=job.pk)


@login_required
@require_POST
def import_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    try:
        actions.cancel_import(job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("core:import_detail", pk=job.pk)
    messages.info(request, "Імпорт скасовано, нічого не записано.")
    return redirect(importer_for(job.kind).done_url(job.hromada))


@login_required
def import_problems(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    content = write_error_report(FileProblem.from_dict(problem) for problem in job.problems)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-errors.xlsx"'
    return response
