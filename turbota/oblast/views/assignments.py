"""Meetings of the oblast working group, their assignments, the reports on them, and the
protocol as a document."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from turbota.accounts.permissions import staff_hromada_ids
from turbota.core.http import posted
from turbota.oblast import actions, queries
from turbota.oblast.documents import protocol_document
from turbota.oblast.enums import AssignmentStatus
from turbota.oblast.forms import AssignmentForm, MeetingForm, ReportForm
from turbota.oblast.models import Assignment, Meeting
from turbota.oblast.permissions import (
    can_manage_oblast,
    can_report_on_assignment,
    can_view_hromada_assignments,
    can_view_oblast,
)
from turbota.oblast.views.scoping import hromada_or_404, oblast_or_404, refusal
from turbota.reports.documents import CONTENT_TYPES
from turbota.territories.enums import TerritoryCategory
from turbota.territories.models import Territory


def _page(section_title: str, oblast: Territory | None, **context: object) -> dict[str, object]:
    return {
        "nav": "oblast",
        "section": "meetings",
        "current": section_title,
        "oblast": oblast,
    } | context


def meetings(request: HttpRequest, code: str) -> HttpResponse:
    oblast = oblast_or_404(code)
    if denied := refusal(request, can_view_oblast(request.user, oblast)):
        return denied
    today = timezone.localdate()
    return render(
        request,
        "oblast/meetings.html",
        _page(
            "Засідання і доручення",
            oblast,
            meetings=list(queries.meetings_of(oblast)),
            overdue=queries.overdue_assignments(oblast=oblast, today=today),
            today=today,
            can_manage=can_manage_oblast(request.user, oblast),
        ),
    )


def meeting_add(request: HttpRequest, code: str) -> HttpResponse:
    oblast = oblast_or_404(code)
    if denied := refusal(request, can_manage_oblast(request.user, oblast)):
        return denied
    form = MeetingForm(posted(request), oblast=oblast)
    if request.method == "POST" and form.is_valid():
        meeting = form.save(commit=False)
        meeting.created_by = request.user
        meeting.save()
        messages.success(request, f"{meeting} збережено. Додайте доручення.")
        return redirect("oblast:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "oblast/meeting_form.html",
        _page("Нове засідання", oblast, form=form),
        status=400 if request.method == "POST" else 200,
    )


def _meeting(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("oblast"), pk=pk)


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    if denied := refusal(request, can_view_oblast(request.user, meeting.oblast)):
        return denied
    today = timezone.localdate()
    return render(
        request,
        "oblast/meeting_detail.html",
        _page(
            str(meeting),
            meeting.oblast,
            meeting=meeting,
            lines=queries.assignment_lines(meeting=meeting, today=today),
            today=today,
            can_manage=can_manage_oblast(request.user, meeting.oblast),
        ),
    )


def meeting_docx(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    if denied := refusal(request, can_view_oblast(request.user, meeting.oblast)):
        return denied
    lines = queries.assignment_lines(meeting=meeting, today=timezone.localdate())
    response = HttpResponse(protocol_document(meeting, lines), content_type=CONTENT_TYPES["docx"])
    name = f"protocol-{meeting.number}-{meeting.held_on:%Y-%m-%d}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def assignment_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(pk)
    if denied := refusal(request, can_manage_oblast(request.user, meeting.oblast)):
        return denied
    form = AssignmentForm(posted(request), oblast=meeting.oblast)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.add_assignment(
                meeting=meeting,
                number=data["number"],
                text=data["text"],
                addressees=form.addressees(),
                deadline=data["deadline"],
                is_permanent=data["is_permanent"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Доручення {data['number']} додано.")
            return redirect("oblast:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "oblast/assignment_form.html",
        _page("Нове доручення", meeting.oblast, meeting=meeting, form=form),
        status=400 if request.method == "POST" else 200,
    )


def _assignment(pk: int) -> Assignment:
    return get_object_or_404(Assignment.objects.select_related("meeting", "meeting__oblast"), pk=pk)


@require_POST
def assignment_status(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment(pk)
    if denied := refusal(request, can_manage_oblast(request.user, assignment.meeting.oblast)):
        return denied
    target = request.POST.get("to", "")
    if target not in AssignmentStatus.values:
        messages.error(request, "Невідомий стан.")
    else:
        try:
            actions.change_assignment_status(
                assignment=assignment, to=AssignmentStatus(target), by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, f"Доручення {assignment.number}: {assignment.get_status_display()}."
            )
    return redirect("oblast:meeting_detail", pk=assignment.meeting_id)


def _report_places(
    request: HttpRequest, assignment: Assignment
) -> tuple[QuerySet[Territory], bool]:
    """Whom the user may report for, and whether for a named executor too: the analysts
    for any raion or hromada of the oblast; a hromada's staff for their addressed hromada."""
    oblast = assignment.meeting.oblast
    if can_manage_oblast(request.user, oblast):
        places = Territory.objects.filter(
            oblast=oblast, category__in=[TerritoryCategory.RAION, TerritoryCategory.HROMADA]
        ).current()
        return places.order_by("category", "sort_key"), True
    own = staff_hromada_ids(request.user) & queries.addressed_hromada_ids(assignment)
    return Territory.objects.filter(pk__in=own).order_by("sort_key"), False


def report_add(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment(pk)
    if denied := refusal(request, can_report_on_assignment(request.user, assignment)):
        return denied
    places, allow_other = _report_places(request, assignment)
    form = ReportForm(
        posted(request),
        places=places,
        allow_other=allow_other,
        initial={"submitted_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.submit_report(
                assignment=assignment,
                territory=data.get("territory"),
                reporter=data.get("reporter") or "",
                submitted_on=data["submitted_on"],
                text=data["text"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Звіт про виконання доручення збережено.")
            if can_view_oblast(request.user, assignment.meeting.oblast):
                return redirect("oblast:meeting_detail", pk=assignment.meeting_id)
            return redirect("oblast:hromada_assignments", code=data["territory"].code)
    oblast = assignment.meeting.oblast
    shown_oblast = oblast if can_view_oblast(request.user, oblast) else None
    return render(
        request,
        "oblast/report_form.html",
        _page("Звіт про виконання", shown_oblast, assignment=assignment, form=form),
        status=400 if request.method == "POST" else 200,
    )


def hromada_assignments(request: HttpRequest, code: str) -> HttpResponse:
    """The assignments a hromada is an addressee of, for its staff."""
    hromada = hromada_or_404(code)
    if denied := refusal(request, can_view_hromada_assignments(request.user, hromada)):
        return denied
    today = timezone.localdate()
    lines = queries.assignments_for_hromada(hromada=hromada, today=today)
    return render(
        request,
        "oblast/hromada_assignments.html",
        {
            "nav": "hromadas",
            "hromada": hromada,
            "lines": [
                (line, can_report_on_assignment(request.user, line.assignment)) for line in lines
            ],
            "today": today,
        },
    )
