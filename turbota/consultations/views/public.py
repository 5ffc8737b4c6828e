"""Public pages: the list, a consultation's page, the proposal and registration forms, the
document and the report. Nothing here shows who sent a proposal or who registered."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from turbota.consultations import actions, queries, subjects
from turbota.consultations.antispam import within_rate_limit
from turbota.consultations.documents import FORMATS, write_report
from turbota.consultations.enums import Channel, ConsultationStatus
from turbota.consultations.forms import ProposalForm, RegistrationForm
from turbota.consultations.models import Consultation, ConsultationDocument
from turbota.consultations.permissions import (
    can_manage_consultations,
    can_read_consultations,
    can_view_consultation,
    can_view_document,
    can_view_report,
)
from turbota.consultations.uploads import CONTENT_TYPES
from turbota.consultations.views.base import consultation_or_404, meeting_or_404
from turbota.core.http import deny
from turbota.reports.documents import CONTENT_TYPES as REPORT_TYPES

PER_PAGE = 20
PROPOSALS_PER_PAGE = 50
CLOSED_OR_LATER = {
    ConsultationStatus.CLOSED,
    ConsultationStatus.DECIDED,
    ConsultationStatus.REPORT_PUBLISHED,
}
THANKS = (
    "Дякуємо! Пропозицію отримано. Її оприлюднять (без вашого імені та контакту) після "
    "перевірки модератором, а відповідь надішлють на ваш контакт."
)
REGISTERED = "Вас зареєстровано на обговорення. Якщо щось зміниться, організатор повідомить вас."
TOO_MANY = (
    "Забагато надсилань з вашої адреси за останню годину. Спробуйте пізніше або надішліть "
    "пропозицію електронною поштою чи поштою (адреси — на сторінці консультації)."
)


def consultation_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.public_consultations(), PER_PAGE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    return render(
        request,
        "consultations/list.html",
        {
            "nav": "consultations",
            "page": page,
            "rows": [(c, queries.report_deadline(c, today=today)) for c in page],
            "own": list(queries.hromadas_for(request.user)),
            "oblasts": list(queries.oblasts_for(request.user)),
        },
    )


def _subject_url(consultation: Consultation) -> str | None:
    subject = consultation.subject
    if subject is None or not subjects.is_registered(subject):
        return None
    return subjects.type_of(subject).public_url(subject)


def _meetings(
    consultation: Consultation, today: datetime.date
) -> list[tuple[queries.MeetingCount, bool]]:
    """Each meeting, and whether the public may register for it on the site now."""
    return [
        (
            line,
            not actions.registration_problem(
                line.meeting, channel=Channel.WEB, today=today, registered=line.registered
            ),
        )
        for line in queries.meetings_with_counts(consultation)
    ]


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = consultation_or_404(pk)
    if not can_view_consultation(request.user, consultation):
        return deny(request)
    today = timezone.localdate()
    published = consultation.status == ConsultationStatus.REPORT_PUBLISHED
    return render(
        request,
        "consultations/detail.html",
        {
            "nav": "consultations",
            "consultation": consultation,
            "subject_url": _subject_url(consultation),
            "items": queries.current_items(consultation),
            "meetings": _meetings(consultation, today),
            "proposals": Paginator(
                queries.approved_proposals(consultation), PROPOSALS_PER_PAGE
            ).get_page(request.GET.get("page")),
            "show_decisions": published,
            "deadline": queries.report_deadline(consultation, today=today),
            "rules": queries.rules_for(consultation.hromada),
            "accepts_web": actions.accepts_web_proposals(consultation, today=today),
            "period_over": consultation.status in CLOSED_OR_LATER or today > consultation.ends_on,
            "today": today,
            "formats": FORMATS if published else (),
            "can_read": can_read_consultations(request.user, consultation.hromada),
            "can_manage": can_manage_consultations(request.user, consultation.hromada),
        },
    )


def propose(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = consultation_or_404(pk)
    if not can_view_consultation(request.user, consultation):
        return deny(request)
    today = timezone.localdate()
    is_open = actions.accepts_web_proposals(consultation, today=today)
    items = queries.current_items(consultation)
    # A document's page links here with its item chosen (?item=<key>); an unknown key is
    # ignored, so the form starts on "the whole document".
    chosen = request.GET.get("item", "")
    form = ProposalForm(items=items, initial={"item": chosen if chosen in dict(items) else ""})
    status = 200
    if request.method == "POST":
        if not within_rate_limit(request, "proposal"):
            return _page(request, "consultations/propose.html", consultation, None, is_open, 429)
        form = ProposalForm(request.POST, items=items)
        valid = form.is_valid()
        if form.is_bot:  # answered as accepted; nothing kept
            messages.success(request, THANKS)
            return redirect("consultations:detail", pk=consultation.pk)
        if valid:
            try:
                actions.submit_proposal(
                    consultation=consultation,
                    text=form.cleaned_data["text"],
                    contact=form.cleaned_data["contact"],
                    author_name=form.cleaned_data["author_name"],
                    item_key=form.cleaned_data["item"],
                    today=today,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, THANKS)
                return redirect("consultations:detail", pk=consultation.pk)
        status = 400
    return _page(request, "consultations/propose.html", consultation, form, is_open, status)


def _page(
    request: HttpRequest,
    template: str,
    consultation: Consultation,
    form: object,
    is_open: bool,
    status: int,
    **extra: object,
) -> HttpResponse:
    context = {"nav": "consultations", "consultation": consultation, "form": form}
    context |= {"is_open": is_open, "too_many": TOO_MANY if status == 429 else "", **extra}
    return render(request, template, context, status=status)


def register(request: HttpRequest, pk: int, meeting: int) -> HttpResponse:
    found = meeting_or_404(meeting)
    consultation = found.consultation
    if found.consultation_id != pk:
        raise Http404
    if not can_view_consultation(request.user, consultation):
        return deny(request)
    problem = actions.registration_problem(found, channel=Channel.WEB, today=timezone.localdate())
    form, status = RegistrationForm(), 200
    page = "consultations/register.html"
    if request.method == "POST":
        if not within_rate_limit(request, "registration"):
            return _page(request, page, consultation, None, False, 429, meeting=found)
        form = RegistrationForm(request.POST)
        valid = form.is_valid()
        if form.is_bot:
            messages.success(request, REGISTERED)
            return redirect("consultations:detail", pk=consultation.pk)
        if valid:
            try:
                actions.register_for_meeting(
                    meeting=found,
                    name=form.cleaned_data["name"],
                    contact=form.cleaned_data["contact"],
                    channel=Channel.WEB,
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, REGISTERED)
                return redirect("consultations:detail", pk=consultation.pk)
        status = 400
    return _page(
        request, page, consultation, form, not problem, status, meeting=found, problem=problem
    )


def document_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    document = get_object_or_404(ConsultationDocument.objects.select_related("hromada"), pk=pk)
    if not can_view_document(request.user, document):
        return deny(request)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=document.kind != "pdf",
        filename=document.original_name,
        content_type=CONTENT_TYPES[document.kind],  # type: ignore[index]
    )


def report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    consultation = consultation_or_404(pk)
    if fmt not in FORMATS:
        raise Http404
    if not can_view_report(request.user, consultation):
        return deny(request)
    content = write_report(consultation, fmt, today=timezone.localdate())
    response = HttpResponse(content, content_type=REPORT_TYPES[fmt])
    draft = "" if consultation.status == ConsultationStatus.REPORT_PUBLISHED else "-draft"
    response["Content-Disposition"] = (
        f'attachment; filename="consultation-{consultation.pk}-report{draft}.{fmt}"'
    )
    return response
