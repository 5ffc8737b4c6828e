"""Writes of the oblast app: cooperation states, assignments with their addressees and
reports, boundaries. Each runs in a transaction; state changes check the transition and
log it; django-auditlog records every row changed."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from turbota.accounts.permissions import AnyUser
from turbota.catalog.models import Service
from turbota.oblast.enums import (
    NAMED_KINDS,
    TERRITORY_KINDS,
    AddresseeKind,
    AssignmentStatus,
    CooperationStatus,
)
from turbota.oblast.models import (
    Addressee,
    Assignment,
    AssignmentReport,
    AssignmentTransition,
    BoundaryLayer,
    Cooperation,
    CooperationTransition,
    Meeting,
)
from turbota.territories.models import Territory


def _who(by: AnyUser) -> Any:
    return by if by.is_authenticated else None


# --- cooperation ------------------------------------------------------------------------

# None: a suggestion nobody has acted on yet.
COOPERATION_MOVES: set[tuple[str | None, str]] = {
    (None, CooperationStatus.NEGOTIATING),
    (None, CooperationStatus.SIGNED),
    (CooperationStatus.NEGOTIATING, CooperationStatus.SIGNED),
    (CooperationStatus.NEGOTIATING, CooperationStatus.DROPPED),
    (CooperationStatus.DROPPED, CooperationStatus.NEGOTIATING),
}


def mark_cooperation(
    *,
    buyer: Territory,
    seller: Territory,
    service: Service,
    to: CooperationStatus,
    volume: int,
    by: AnyUser,
    note: str = "",
) -> Cooperation:
    """Move a suggestion of ``seller`` for ``buyer``'s demand in ``service`` to ``to`` (in
    negotiation, agreement signed, dropped), with the transition logged."""
    if buyer.pk == seller.pk:
        raise ValidationError("Громада не може купувати послугу сама в себе.")
    if buyer.oblast_id != seller.oblast_id:
        raise ValidationError("Співробітництво пропонується в межах однієї області.")
    if volume < 0:
        raise ValidationError("Обсяг не може бути від'ємним.")
    with transaction.atomic():
        found = (
            Cooperation.objects.select_for_update()
            .filter(buyer=buyer, seller=seller, service=service)
            .first()
        )
        current = found.status if found else None
        if (current, to) not in COOPERATION_MOVES:
            label = found.get_status_display() if found else "пропозиція"
            raise ValidationError(
                f"Не можна перевести зі стану «{label}» у «{CooperationStatus(to).label}»."
            )
        cooperation = found or Cooperation(buyer=buyer, seller=seller, service=service)
        cooperation.status = to
        cooperation.volume = volume
        cooperation.note = note or cooperation.note
        cooperation.save()
        CooperationTransition.objects.create(
            cooperation=cooperation, from_status=current or "", to_status=to, by=_who(by)
        )
    return cooperation


# --- meetings and assignments -----------------------------------------------------------


@dataclass(frozen=True)
class AddresseeSpec:
    kind: AddresseeKind
    territory: Territory | None = None
    name: str = ""


def _check_addressee(spec: AddresseeSpec, oblast: Territory) -> None:
    if spec.kind in TERRITORY_KINDS:
        wanted = "P" if spec.kind == AddresseeKind.RAION else "H"
        place = spec.territory
        if place is None or place.category != wanted or place.oblast_id != oblast.pk:
            raise ValidationError(f"Виконавець «{spec.kind.label}» має бути з цієї області.")
    elif spec.kind in NAMED_KINDS and not spec.name.strip():
        raise ValidationError("Вкажіть назву виконавця.")


def add_assignment(
    *,
    meeting: Meeting,
    number: str,
    text: str,
    addressees: Sequence[AddresseeSpec],
    deadline: datetime.date | None = None,
    is_permanent: bool = False,
    by: AnyUser,
) -> Assignment:
    """An assignment of ``meeting`` with its addressees (at least one), placed last."""
    if not addressees:
        raise ValidationError("Вкажіть хоча б одного виконавця.")
    if deadline is not None and is_permanent:
        raise ValidationError("Вкажіть термін або «постійно», не обидва.")
    for spec in addressees:
        _check_addressee(spec, meeting.oblast)
    with transaction.atomic():
        last = meeting.assignments.order_by("-position").values_list("position", flat=True)
        assignment = Assignment.objects.create(
            meeting=meeting,
            number=number.strip(),
            position=(last.first() or 0) + 1,
            text=text.strip(),
            deadline=deadline,
            is_permanent=is_permanent,
        )
        Addressee.objects.bulk_create(
            Addressee(
                assignment=assignment,
                kind=spec.kind,
                territory=spec.territory if spec.kind in TERRITORY_KINDS else None,
                name=spec.name.strip() if spec.kind in NAMED_KINDS else "",
            )
            for spec in addressees
        )
    return assignment


ASSIGNMENT_MOVES = {
    (AssignmentStatus.OPEN, AssignmentStatus.DONE),
    (AssignmentStatus.OPEN, AssignmentStatus.WITHDRAWN),
    (AssignmentStatus.DONE, AssignmentStatus.OPEN),
    (AssignmentStatus.WITHDRAWN, AssignmentStatus.OPEN),
}


def change_assignment_status(
    *, assignment: Assignment, to: AssignmentStatus, by: AnyUser
) -> Assignment:
    """Done, withdrawn from control, or back to work — with the transition logged."""
    if (assignment.status, to) not in ASSIGNMENT_MOVES:
        raise ValidationError(
            f"Не можна перевести доручення зі стану «{assignment.get_status_display()}» "
            f"у «{AssignmentStatus(to).label}»."
        )
    with transaction.atomic():
        AssignmentTransition.objects.create(
            assignment=assignment, from_status=assignment.status, to_status=to, by=_who(by)
        )
        assignment.status = to
        assignment.save(update_fields=["status", "updated_at"])
    return assignment


def submit_report(
    *,
    assignment: Assignment,
    submitted_on: datetime.date,
    text: str,
    by: AnyUser,
    territory: Territory | None = None,
    reporter: str = "",
) -> AssignmentReport:
    """An addressee's report on an open assignment: from a raion or hromada of the oblast,
    or from a named executor."""
    if assignment.status != AssignmentStatus.OPEN:
        raise ValidationError("Доручення не на виконанні: звіт не приймається.")
    if territory is None and not reporter.strip():
        raise ValidationError("Вкажіть, хто звітує.")
    if territory is not None and territory.oblast_id != assignment.meeting.oblast_id:
        raise ValidationError("Звітує громада чи район іншої області.")
    if not text.strip():
        raise ValidationError("Опишіть, що зроблено.")
    with transaction.atomic():
        return AssignmentReport.objects.create(
            assignment=assignment,
            territory=territory,
            reporter="" if territory else reporter.strip(),
            submitted_on=submitted_on,
            text=text.strip(),
            submitted_by=_who(by),
        )


# --- boundaries -------------------------------------------------------------------------


def save_boundaries(
    *, oblast: Territory, name: str, geojson: dict[str, Any], features: int, by: AnyUser
) -> BoundaryLayer:
    """Keep the validated boundaries (``oblast.boundaries.read_boundaries``) for the map,
    replacing the oblast's previous ones."""
    with transaction.atomic():
        layer, _ = BoundaryLayer.objects.update_or_create(
            oblast=oblast,
            defaults={
                "name": name[:255],
                "geojson": geojson,
                "features": features,
                "uploaded_by": _who(by),
            },
        )
    return layer
