"""Documents a hromada uploads to consult on, and the sections proposals may point at."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from turbota.consultations import actions
from turbota.consultations.forms import DocumentUploadForm, SectionFormSet
from turbota.consultations.models import ConsultationDocument
from turbota.consultations.permissions import can_manage_consultations, can_read_consultations
from turbota.consultations.views.base import hromada_or_404
from turbota.core.http import deny, posted


def documents(request: HttpRequest, code: str) -> HttpResponse:
    hromada = hromada_or_404(code)
    if not can_read_consultations(request.user, hromada):
        return deny(request)
    can_manage = can_manage_consultations(request.user, hromada)
    form = DocumentUploadForm(posted(request), request.FILES or None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                document = actions.upload_document(
                    hromada=hromada,
                    title=form.cleaned_data["title"],
                    upload=form.cleaned_data["file"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error("file", error)
            else:
                messages.success(request, "Документ завантажено. Назвіть його розділи.")
                return redirect("consultations:document_sections", pk=document.pk)
    return render(
        request,
        "consultations/documents.html",
        {
            "nav": "consultations",
            "hromada": hromada,
            "documents": list(
                ConsultationDocument.objects.filter(hromada=hromada).prefetch_related("sections")
            ),
            "form": form if can_manage else None,
        },
        status=400 if request.method == "POST" else 200,
    )


def document_sections(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(ConsultationDocument.objects.select_related("hromada"), pk=pk)
    if not can_manage_consultations(request.user, document.hromada):
        return deny(request)
    initial = [{"section_id": s.pk, "title": s.title} for s in document.sections.all()]
    formset = SectionFormSet(posted(request), initial=initial, prefix="sections")
    if request.method == "POST" and formset.is_valid():
        titles = [
            (form.cleaned_data.get("section_id"), form.cleaned_data["title"])
            for form in formset
            if form.cleaned_data.get("title", "").strip()
        ]
        actions.set_sections(document=document, titles=titles)
        messages.success(request, "Розділи документа збережено.")
        return redirect("consultations:document_sections", pk=document.pk)
    return render(
        request,
        "consultations/document_sections.html",
        {"nav": "consultations", "document": document, "formset": formset},
        status=400 if request.method == "POST" else 200,
    )
