"""Pages of the episode import: upload → a background job → its progress → its result."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from turbota.accounts.models import User
from turbota.core.enums import ImportStatus
from turbota.core.http import posted
from turbota.core.models import ImportJob
from turbota.people.import_columns import write_template
from turbota.people.mapping_forms import ColumnMappingForm
from turbota.people.models import ColumnMapping
from turbota.people.permissions import can_manage_people
from turbota.people.tasks import (
    KIND,
    end_if_stalled,
    enqueue_episode_import,
    progress_key,
    report_path,
)
from turbota.territories.models import Territory

MAX_UPLOAD_MB = 200
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    mapping = forms.ModelChoiceField(
        label="Зіставлення стовпців",
        queryset=ColumnMapping.objects.none(),
        required=False,
        empty_label="заголовки як у шаблоні",
    )
    file = forms.FileField(
        label="Файл CSV або XLSX",
        help_text=f"за шаблоном; до {MAX_UPLOAD_MB} МБ. Нічого не запишеться, якщо у файлі "
        "є хоч одна помилка — ви отримаєте звіт про кожну.",
    )

    def __init__(self, *args: object, hromada: Territory, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["mapping"]
        field.queryset = ColumnMapping.objects.filter(hromada=hromada)  # type: ignore[attr-defined]

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("Завантажте файл .csv або .xlsx.")
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(f"Файл більший за {MAX_UPLOAD_MB} МБ.")
        return upload


def _managed(request: HttpRequest, code: str) -> Territory:
    hromada = get_object_or_404(Territory.objects.hromadas(), code=code)
    if not can_manage_people(request.user, hromada):
        raise PermissionDenied
    return hromada


def _job(request: HttpRequest, pk: int) -> ImportJob:
    job = get_object_or_404(ImportJob.objects.select_related("hromada"), pk=pk, kind=KIND)
    if not can_manage_people(request.user, job.hromada):
        raise PermissionDenied
    return job


@login_required
def import_upload(request: HttpRequest, code: str) -> HttpResponse:
    hromada = _managed(request, code)
    form = UploadForm(
        posted(request),
        request.FILES if request.method == "POST" else None,
        hromada=hromada,
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        mapping: ColumnMapping | None = form.cleaned_data["mapping"]
        assert isinstance(request.user, User)  # login_required
        job = ImportJob.objects.create(
            kind=KIND,
            hromada=hromada,
            created_by=request.user,
            file=upload,
            original_name=upload.name,
            status=ImportStatus.QUEUED,
            # The mapping as it was when uploaded: editing it later changes no past import.
            summary={"mapping": mapping.columns, "mapping_name": mapping.name} if mapping else {},
        )
        enqueue_episode_import(job)
        return redirect("people:import_job", pk=job.pk)
    jobs = ImportJob.objects.filter(kind=KIND, hromada=hromada).order_by("-created_at")[:10]
    return render(
        request,
        "people/import_upload.html",
        {
            "nav": "people",
            "hromada": hromada,
            "form": form,
            "jobs": list(jobs),
            "mappings": list(ColumnMapping.objects.filter(hromada=hromada)),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    end_if_stalled(job)
    context = {
        "nav": "people",
        "job": job,
        "hromada": job.hromada,
        "working": job.status in (ImportStatus.QUEUED, ImportStatus.RUNNING),
        "progress": cache.get(progress_key(job.pk)),
        "has_report": report_path(job) is not None,
    }
    polled = request.headers.get("HX-Request") == "true"  # htmx asks for the status alone
    template = "people/_import_status.html" if polled else "people/import_job.html"
    return render(request, template, context)


@login_required
def import_report(request: HttpRequest, pk: int) -> FileResponse:
    job = _job(request, pk)
    path = report_path(job)
    if path is None or not path.is_file():
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)


@login_required
def import_template(request: HttpRequest, code: str) -> HttpResponse:
    _managed(request, code)
    response = HttpResponse(write_template(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="shablon-epizody.xlsx"'
    return response


@login_required
def mapping_list(request: HttpRequest, code: str) -> HttpResponse:
    hromada = _managed(request, code)
    form = ColumnMappingForm(posted(request))
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["name"]
        if ColumnMapping.objects.filter(hromada=hromada, name=name).exists():
            form.add_error("name", "Зіставлення з такою назвою вже є.")
        else:
            ColumnMapping.objects.create(
                hromada=hromada, name=name, columns=form.cleaned_data["lines"]
            )
            messages.success(request, f"Зіставлення «{name}» збережено.")
            return redirect("people:mappings", code=hromada.code)
    return render(
        request,
        "people/mappings.html",
        {
            "nav": "people",
            "hromada": hromada,
            "form": form,
            "mappings": list(ColumnMapping.objects.filter(hromada=hromada)),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def mapping_delete(request: HttpRequest, pk: int) -> HttpResponse:
    mapping = get_object_or_404(ColumnMapping.objects.select_related("hromada"), pk=pk)
    if not can_manage_people(request.user, mapping.hromada):
        raise PermissionDenied
    mapping.delete()
    messages.success(request, f"Зіставлення «{mapping.name}» видалено.")
    return redirect("people:mappings", code=mapping.hromada.code)
