"""The profile as an Excel workbook: template, export and import."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from turbota.core.views import upload
from turbota.territories.exports import profile_workbook, template_workbook
from turbota.territories.imports import PROFILE_IMPORTER
from turbota.territories.permissions import can_edit_profile, can_view_full_profile
from turbota.territories.views.scoping import hromada_or_404, refusal

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def profile_template(request: HttpRequest, code: str) -> HttpResponse:
    hromada = hromada_or_404(code)
    if denied := refusal(request, can_edit_profile(request.user, hromada)):
        return denied
    return _attachment(template_workbook(hromada), f"profile-template-{hromada.code}.xlsx")


def profile_export(request: HttpRequest, code: str) -> HttpResponse:
    """Exact figures, so only for those who may see the full profile."""
    hromada = hromada_or_404(code)
    if denied := refusal(request, can_view_full_profile(request.user, hromada)):
        return denied
    return _attachment(profile_workbook(hromada), f"profile-{hromada.code}.xlsx")


def profile_import(request: HttpRequest, code: str) -> HttpResponse:
    hromada = hromada_or_404(code)
    if denied := refusal(request, PROFILE_IMPORTER.can_import(request.user, hromada)):
        return denied
    return upload(request, importer=PROFILE_IMPORTER, hromada=hromada)
