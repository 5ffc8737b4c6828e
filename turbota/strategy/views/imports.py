"""The import page: upload a DOCX or text file → what was read, with warnings → confirm.
The staged file, the confirmation and the cancellation are the shared flow's
(``core.actions``, ``core:import_apply``, ``core:import_cancel``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from turbota.accounts.models import User
from turbota.core import actions as core_actions
from turbota.core.models import ImportJob
from turbota.core.permissions import can_handle_import
from turbota.reports.xlsx import FileProblem
from turbota.strategy.forms import ImportForm
from turbota.strategy.imports import IMPORTERS, ImportMode, StrategyImporter
from turbota.strategy.permissions import can_import_strategy
from turbota.territories.models import Territory


@login_required
def upload(request: HttpRequest, code: str) -> HttpResponse:
    hromada = get_object_or_404(Territory.objects.hromadas(), code=code)
    if not can_import_strategy(request.user, hromada):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        importer = IMPORTERS[ImportMode(form.cleaned_data["mode"])]
        assert isinstance(request.user, User)
        job = core_actions.stage_import(
            importer=importer, hromada=hromada, upload=form.cleaned_data["file"], actor=request.user
        )
        return redirect("strategy:import_preview", pk=job.pk)
    return render(
        request,
        "core/import_upload.html",
        {
            "nav": "strategy",
            "form": form,
            "importer": IMPORTERS[ImportMode.REFUSE],
            "hromada": hromada,
            "cancel_url": IMPORTERS[ImportMode.REFUSE].done_url(hromada),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(
        ImportJob.objects.select_related("hromada"), pk=pk, kind__startswith="strategy:"
    )
    if not can_handle_import(request.user, job):
        raise PermissionDenied
    read = job.summary.get("strategy", {})
    importer = IMPORTERS[ImportMode(job.kind.split(":", 1)[1])]
    assert isinstance(importer, StrategyImporter)
    return render(
        request,
        "strategy/import_preview.html",
        {
            "nav": "strategy",
            "job": job,
            "read": read,
            "problems": [FileProblem.from_dict(problem) for problem in job.problems],
            "mode": importer.mode,
            "done_url": importer.done_url(job.hromada),
        },
    )
