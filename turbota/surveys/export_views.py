"""Exports of a survey's responses: the CSV streamed at once; the XLSX prepared by a
background job (``tasks``) whose page shows its progress and then offers the file to the
one who asked for it."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render

from turbota.core.http import deny
from turbota.surveys import exports, tasks
from turbota.surveys.models import ResponseExport, Survey
from turbota.surveys.permissions import can_read_responses
from turbota.surveys.views import scoped_survey

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHOWN_JOBS = 10


def responses_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    survey = scoped_survey(pk)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    if not can_read_responses(request.user, survey):
        return deny(request)
    if fmt == "xlsx":
        return _xlsx_page(request, survey)
    streamed = StreamingHttpResponse(
        exports.csv_lines(survey), content_type="text/csv; charset=utf-8"
    )
    streamed["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-responses.csv"'
    return streamed


def _xlsx_page(request: HttpRequest, survey: Survey) -> HttpResponse:
    """GET: the user's recent XLSX exports of the survey; POST: start a new one."""
    if request.method == "POST":
        job = tasks.start_export(survey=survey, by=request.user)
        return redirect("surveys:export_job", pk=job.pk)
    tasks.remove_old_files()
    jobs = ResponseExport.objects.filter(survey=survey, requested_by=request.user.pk)
    return render(
        request,
        "surveys/export_xlsx.html",
        {"nav": "surveys", "survey": survey, "jobs": list(jobs[:SHOWN_JOBS])},
    )


def _own_job(request: HttpRequest, pk: int) -> ResponseExport | None:
    """The user's own export job; None when they may not read the survey's responses.
    Someone else's job is not found: its file holds the answers they asked for."""
    job = get_object_or_404(ResponseExport.objects.select_related("survey__hromada"), pk=pk)
    if not can_read_responses(request.user, job.survey):
        return None
    if job.requested_by_id is None or job.requested_by_id != request.user.pk:
        raise Http404
    return job


def export_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = _own_job(request, pk)
    if job is None:
        return deny(request)
    tasks.end_if_stalled(job)
    tasks.remove_old_files()
    job.refresh_from_db()
    context = {
        "nav": "surveys",
        "survey": job.survey,
        "job": job,
        "rows": job.rows if job.status == "done" else tasks.progress_of(job),
    }
    polled = request.headers.get("HX-Request") == "true"  # htmx asks for the status alone
    template = "surveys/_export_status.html" if polled else "surveys/export_job.html"
    return render(request, template, context)


def export_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The file, once: it is removed as it is handed over."""
    job = _own_job(request, pk)
    if job is None:
        return deny(request)
    stream = tasks.take_file(job)
    if stream is None:
        raise Http404("Файл уже завантажено або видалено.")
    return FileResponse(
        stream,
        as_attachment=True,
        filename=f"survey-{job.survey_id}-responses.xlsx",
        content_type=XLSX,
    )
