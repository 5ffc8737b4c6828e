"""Meetings of the oblast working group and their assignments: who is to do what by when,
who has reported, and which are overdue on a given day (passed in, so a test can freeze
"today" without waiting for it)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from turbota.oblast.enums import AddresseeKind, AssignmentStatus
from turbota.oblast.models import Addressee, Assignment, AssignmentReport, Meeting
from turbota.territories.models import Territory


def meetings_of(oblast: Territory) -> QuerySet[Meeting]:
    return Meeting.objects.filter(oblast=oblast).annotate(assignment_count=Count("assignments"))


def _with_parts(assignments: QuerySet[Assignment]) -> QuerySet[Assignment]:
    return assignments.select_related("meeting", "meeting__oblast").prefetch_related(
        Prefetch("addressees", Addressee.objects.select_related("territory")),
        Prefetch("reports", AssignmentReport.objects.select_related("territory")),
    )


@dataclass(frozen=True)
class AssignmentLine:
    assignment: Assignment
    addressees: list[Addressee]
    reports: list[AssignmentReport]
    overdue: bool
    days_overdue: int

    @property
    def reported_hromadas(self) -> int:
        return len({r.territory_id for r in self.reports if r.territory_id is not None})


def _line(assignment: Assignment, today: datetime.date) -> AssignmentLine:
    overdue = assignment.is_overdue_on(today)
    late = (today - assignment.deadline).days if overdue and assignment.deadline else 0
    return AssignmentLine(
        assignment=assignment,
        addressees=list(assignment.addressees.all()),
        reports=list(assignment.reports.all()),
        overdue=overdue,
        days_overdue=late,
    )


def assignment_lines(*, meeting: Meeting, today: datetime.date) -> list[AssignmentLine]:
    """The meeting's assignments in protocol order (three queries)."""
    found = _with_parts(Assignment.objects.filter(meeting=meeting).order_by("position", "pk"))
    return [_line(assignment, today) for assignment in found]


def overdue_assignments(*, oblast: Territory, today: datetime.date) -> list[AssignmentLine]:
    """Open assignments of the oblast's meetings whose deadline passed before ``today``,
    the longest overdue first. Permanent ones and those without a deadline never are."""
    found = _with_parts(
        Assignment.objects.filter(
            meeting__oblast=oblast, status=AssignmentStatus.OPEN, deadline__lt=today
        ).order_by("deadline", "meeting__held_on", "position", "pk")
    )
    return [_line(assignment, today) for assignment in found]


def addressed_hromada_ids(assignment: Assignment) -> set[int]:
    """Hromadas the assignment is addressed to: named ones, or every current hromada of
    the oblast when it goes to all of them."""
    named = set()
    to_all = False
    for addressee in assignment.addressees.all():
        if addressee.kind == AddresseeKind.HROMADA and addressee.territory_id is not None:
            named.add(addressee.territory_id)
        to_all = to_all or addressee.kind == AddresseeKind.HROMADAS
    if to_all:
        named |= set(
            Territory.objects.hromadas()
            .current()
            .filter(oblast_id=assignment.meeting.oblast_id)
            .values_list("pk", flat=True)
        )
    return named


def assignments_for_hromada(*, hromada: Territory, today: datetime.date) -> list[AssignmentLine]:
    """Assignments addressed to the hromada by name or to all hromadas of its oblast."""
    found = _with_parts(
        Assignment.objects.filter(
            Q(addressees__kind=AddresseeKind.HROMADA, addressees__territory=hromada)
            | Q(addressees__kind=AddresseeKind.HROMADAS, meeting__oblast_id=hromada.oblast_id)
        )
        .distinct()
        .order_by("-meeting__held_on", "position", "pk")
    )
    return [_line(assignment, today) for assignment in found]
