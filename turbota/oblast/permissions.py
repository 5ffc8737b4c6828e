"""Access to the oblast's pages: aggregates of its hromadas, never a person.

Nothing here opens a person's record — that rule lives in ``people.permissions`` and no
oblast role passes it. The oblast's figures are counts its analysts already read in each
hromada's needs study and profile (``needs.permissions.can_view_full_study``)."""

from __future__ import annotations

from turbota.accounts.permissions import (
    AnyUser,
    analyst_oblast_ids,
    is_admin,
    staff_hromada_ids,
)
from turbota.core.perms import register
from turbota.oblast.enums import AssignmentStatus
from turbota.oblast.models import Assignment
from turbota.oblast.queries.assignments import addressed_hromada_ids
from turbota.territories.models import Territory


def can_view_oblast(user: AnyUser, oblast: Territory) -> bool:
    """The side-by-side figures, the register, the map, the meetings: the oblast's analysts
    and administrators."""
    return is_admin(user) or oblast.pk in analyst_oblast_ids(user)


def can_manage_oblast(user: AnyUser, oblast: Territory) -> bool:
    """Planning notes, cooperation, coordinates and boundaries, meetings and assignments:
    the oblast's analysts (the oblast department of social protection)."""
    return oblast.pk in analyst_oblast_ids(user)


def can_view_hromada_assignments(user: AnyUser, hromada: Territory) -> bool:
    """The assignments a hromada is an addressee of: its own staff, and the analysts of
    its oblast."""
    return hromada.pk in staff_hromada_ids(user) or can_view_oblast(user, _oblast(hromada))


def can_report_on_assignment(user: AnyUser, assignment: Assignment) -> bool:
    """A report on an open assignment: the oblast's analysts for any addressee; a
    hromada's staff for their own hromada when it is an addressee."""
    if assignment.status != AssignmentStatus.OPEN:
        return False
    if can_manage_oblast(user, assignment.meeting.oblast):
        return True
    return bool(staff_hromada_ids(user) & addressed_hromada_ids(assignment))


def _oblast(territory: Territory) -> Territory:
    if territory.oblast is None:
        return territory
    return territory.oblast


register("oblast.view_oblast", can_view_oblast)
register("oblast.manage_oblast", can_manage_oblast)
register("oblast.report_on_assignment", can_report_on_assignment)
