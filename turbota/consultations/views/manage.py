"""The hromada's work on its consultations: the list with drafts, the announcement form,
the working page, status steps, the decision on results, meetings and registrations, the
rules; and the oblast's aggregates."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from turbota.consultations import actions, queries
from turbota.consultations.documents import FORMATS
from turbota.consultations.enums import Channel, ConsultationStatus, Moderation
from turbota.consultations.forms import (
    ConsultationForm,
    MeetingForm,
    ResultsForm,
    RulesForm,
    StaffRegistrationForm,
)
from turbota.consultations.models import Consultation, Meeting
from turbota.consultations.models.consultations import PUBLIC_STATUSES
from turbota.consultations.permissions import (
    can_decide_proposals,
    can_manage_consultations,
    can_read_consultations,
    can_read_contacts,
    can_recommend_decisions,
    can_view_oblast_summary,
    can_view_report,
)
from turbota.consultations.views.base import consultation_or_404, hromada_or_404, meeting_or_404
from turbota.consultations.views.public import PROPOSALS_PER_PAGE
from turbota.core.http import deny, posted
from turbota.territories.models import Territory

STEPS = {
    ConsultationStatus.ANNOUNCED: actions.announce,
    ConsultationStatus.OPEN: actions.open_for_proposals,
    ConsultationStatus.CLOSED: actions.close_proposals,
    ConsultationStatus.REPORT_PUBLISHED: actions.publish_report,
}


def hromada_list(request: HttpRequest, code: str) -> HttpResponse:
    hromada = hromada_or_404(code)
    if not can_read_consultations(request.user, hromada):
        return deny(request)
    today = timezone.localdate()
    return render(
        request,
        "consultations/hromada_list.html",
        {
            "nav": "consultations",
            "hromada": hromada,
            "rows": [
                (c, queries.report_deadline(c, today=today))
                for c in queries.consultations_of(hromada)
            ],
            "rules": queries.rules_for(hromada),
            "can_manage": can_manage_consultations(request.user, hromada),
        },
    )


def _edit(request: HttpRequest, hromada: Territory, consultation: Consultation) -> HttpResponse:
    form = ConsultationForm(posted(request), instance=consultation, hromada=hromada)
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.save_consultation(
                consultation=form.instance,
                subject=form.cleaned_data["subject_ref"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Консультацію збережено.")
            return redirect("consultations:manage", pk=saved.pk)
    return render(
        request,
        "consultations/form.html",
        {
            "nav": "consultations",
            "hromada": hromada,
            "consultation": consultation,
            "form": form,
            "has_subjects": len(form.fields["subject_ref"].choices) > 1,  # type: ignore[attr-defined]
        },
        status=400 if request.method == "POST" else 200,
    )


def create(request: HttpRequest, code: str) -> HttpResponse:
    hromada = hromada_or_404(code)
    if not can_manage_consultations(request.user, hromada):
        return deny(request)
    return _edit(request, hromada, Consultation(hromada=hromada))


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = consultation_or_404(pk)
    if not can_manage_consultations(request.user, consultation.hromada):
        return deny(request)
    if consultation.status not in actions.setup.EDITABLE:
        messages.error(request, "Після початку прийому пропозицій оголошення не змінюють.")
        return redirect("consultations:manage", pk=consultation.pk)
    return _edit(request, consultation.hromada, consultation)


def manage(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = consultation_or_404(pk)
    if not can_read_consultations(request.user, consultation.hromada):
        return deny(request)
    status = consultation.status
    return render(
        request,
        "consultations/manage.html",
        {
            "nav": "consultations",
            "consultation": consultation,
            "meetings": queries.meetings_with_counts(consultation),
            "proposals": Paginator(
                queries.approved_proposals(consultation), PROPOSALS_PER_PAGE
            ).get_page(request.GET.get("page")),
            "pending": queries.pending_proposals(consultation).count(),
            "rejected": consultation.proposals.filter(moderation=Moderation.REJECTED).count(),
            "meetings_editable": status in actions.setup.MEETINGS_EDITABLE,
            "deadline": queries.report_deadline(consultation, today=timezone.localdate()),
            "problems": (
                actions.announcement_problems(consultation)
                if status == ConsultationStatus.DRAFT
                else actions.decision_problems(consultation)
                if status == ConsultationStatus.CLOSED
                else []
            ),
            "transitions": list(consultation.transitions.select_related("by")),
            "formats": FORMATS if can_view_report(request.user, consultation) else (),
            "can_manage": can_manage_consultations(request.user, consultation.hromada),
            "can_read_contacts": can_read_contacts(request.user, consultation.hromada),
            "can_decide": can_decide_proposals(request.user, consultation),
            "can_recommend": can_recommend_decisions(request.user, consultation),
        },
    )


@require_POST
def transition(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = consultation_or_404(pk)
    if not can_manage_consultations(request.user, consultation.hromada):
        return deny(request)
    target = request.POST.get("to", "")
    step = STEPS.get(ConsultationStatus(target)) if target in ConsultationStatus.values else None
    if step is None:
        messages.error(request, "Невідомий крок.")
    else:
        try:
            step(consultation=consultation, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Стан: {consultation.get_status_display()}.")
    return redirect("consultations:manage", pk=consultation.pk)


def results(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = consultation_or_404(pk)
    if not can_manage_consultations(request.user, consultation.hromada):
        return deny(request)
    form = ResultsForm(posted(request), initial={"decided_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_decision(
                consultation=consultation,
                decided_on=form.cleaned_data["decided_on"],
                decision_text=form.cleaned_data["decision_text"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Рішення за результатами записано; стежте за строком звіту.")
            return redirect("consultations:manage", pk=consultation.pk)
    return render(
        request,
        "consultations/results_form.html",
        {
            "nav": "consultations",
            "consultation": consultation,
            "form": form,
            "problems": actions.decision_problems(consultation),
            "rules": queries.rules_for(consultation.hromada),
        },
        status=400 if request.method == "POST" else 200,
    )


def _meeting_form(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    form = MeetingForm(posted(request), instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_meeting(meeting=form.instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Обговорення збережено.")
            return redirect("consultations:manage", pk=meeting.consultation_id)
    return render(
        request,
        "consultations/meeting_form.html",
        {"nav": "consultations", "consultation": meeting.consultation, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def meeting_add(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = consultation_or_404(pk)
    if not can_manage_consultations(request.user, consultation.hromada):
        return deny(request)
    return _meeting_form(request, Meeting(consultation=consultation))


def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(pk)
    if not can_manage_consultations(request.user, meeting.consultation.hromada):
        return deny(request)
    return _meeting_form(request, meeting)


def registrations(request: HttpRequest, pk: int) -> HttpResponse:
    """Who registered (names and contacts: the hromada's staff only); staff add those who
    phoned."""
    meeting = meeting_or_404(pk)
    if not can_read_contacts(request.user, meeting.consultation.hromada):
        return deny(request)
    form = StaffRegistrationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.register_for_meeting(
                meeting=meeting,
                name=form.cleaned_data["name"],
                contact=form.cleaned_data["contact"],
                channel=Channel(form.cleaned_data["channel"]),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Учасника зареєстровано.")
            return redirect("consultations:registrations", pk=meeting.pk)
    return render(
        request,
        "consultations/registrations.html",
        {
            "nav": "consultations",
            "consultation": meeting.consultation,
            "meeting": meeting,
            "registrations": list(meeting.registrations.all()),
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


def rules(request: HttpRequest, code: str) -> HttpResponse:
    hromada = hromada_or_404(code)
    if not can_manage_consultations(request.user, hromada):
        return deny(request)
    current = queries.rules_for(hromada)
    form = RulesForm(posted(request), instance=current)
    if request.method == "POST" and form.is_valid():
        actions.save_rules(rules=form.instance, hromada=hromada)
        messages.success(request, "Правила консультацій громади збережено.")
        return redirect("consultations:hromada_list", code=hromada.code)
    return render(
        request,
        "consultations/rules.html",
        {"nav": "consultations", "hromada": hromada, "form": form, "own": current.hromada_id},
        status=400 if request.method == "POST" else 200,
    )


def oblast_summary(request: HttpRequest, code: str) -> HttpResponse:
    oblast = get_object_or_404(Territory.objects.oblasts(), code=code)
    if not can_view_oblast_summary(request.user, oblast):
        return deny(request)
    rows = queries.oblast_summary(oblast, today=timezone.localdate())
    return render(
        request,
        "consultations/oblast_summary.html",
        {"nav": "consultations", "oblast": oblast, "rows": rows, "statuses": PUBLIC_STATUSES},
    )
