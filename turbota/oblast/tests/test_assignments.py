"""Seed 003: protocol No. 2 of the Dnipropetrovsk oblast working group of 20.03.2024, its
eight assignments and deadlines, and which are overdue as the days pass ("today" is passed
in, never waited for)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from conftest import World
from turbota.oblast.actions import (
    AddresseeSpec,
    add_assignment,
    change_assignment_status,
    submit_report,
)
from turbota.oblast.demo import DNIPROPETROVSK, load_protocol_003
from turbota.oblast.enums import AddresseeKind, AssignmentStatus
from turbota.oblast.models import Assignment, AssignmentTransition, Meeting
from turbota.oblast.queries import (
    addressed_hromada_ids,
    assignment_lines,
    assignments_for_hromada,
    overdue_assignments,
)
from turbota.territories.enums import TerritoryCategory
from turbota.territories.models import Territory
from turbota.territories.tests.factories import make_territory

D = datetime.date


@pytest.fixture
def dnipro(db: None) -> Territory:
    """Dnipropetrovsk oblast by its codifier code, with one raion and two hromadas."""
    oblast = make_territory("Дніпропетровська", TerritoryCategory.OBLAST, code=DNIPROPETROVSK)
    raion = make_territory(
        "Дніпровський", TerritoryCategory.RAION, parent=oblast, code="UA12020000000052809"
    )
    make_territory("Перша дніпровська", TerritoryCategory.HROMADA, parent=raion)
    make_territory("Друга дніпровська", TerritoryCategory.HROMADA, parent=raion)
    return oblast


@pytest.fixture
def protocol(dnipro: Territory) -> Meeting:
    meeting = load_protocol_003(dnipro)
    assert meeting is not None
    return meeting


def _overdue(oblast: Territory, day: datetime.date) -> list[str]:
    return [line.assignment.number for line in overdue_assignments(oblast=oblast, today=day)]


def test_the_protocol_has_its_eight_assignments_with_their_deadlines(protocol: Meeting) -> None:
    assert str(protocol) == "Протокол № 2 від 20.03.2024"
    lines = assignment_lines(meeting=protocol, today=D(2024, 3, 20))
    assert [(line.assignment.number, line.assignment.deadline_label) for line in lines] == [
        ("1.1", "постійно"),
        ("1.2", "постійно"),
        ("1.3", "до 25.03.2024"),
        ("1.4", "до 08.04.2024"),
        ("2.1", "постійно"),
        ("2.2", "до 01.04.2024"),
        ("2.3", "до 19.04.2024"),
        ("2.4", "не встановлено"),
    ]
    addressees = [[str(a) for a in line.addressees] for line in lines]
    assert addressees[0] == [
        "усі районні (військові) адміністрації",
        "усі територіальні громади (сільські, селищні, міські ради)",
    ]
    assert addressees[4] == ["Департамент соціального захисту населення облдержадміністрації"]


def test_loading_the_protocol_again_adds_nothing(dnipro: Territory, protocol: Meeting) -> None:
    assert load_protocol_003(dnipro) is None
    assert Assignment.objects.filter(meeting__oblast=dnipro).count() == 8


def test_overdue_assignments_are_listed_once_their_dates_pass(
    dnipro: Territory, protocol: Meeting
) -> None:
    assert _overdue(dnipro, D(2024, 3, 20)) == []
    assert _overdue(dnipro, D(2024, 3, 25)) == []  # "до 25.03" still allows the 25th
    assert _overdue(dnipro, D(2024, 3, 26)) == ["1.3"]
    assert _overdue(dnipro, D(2024, 4, 2)) == ["1.3", "2.2"]
    assert _overdue(dnipro, D(2024, 4, 9)) == ["1.3", "2.2", "1.4"]
    assert _overdue(dnipro, D(2024, 4, 20)) == ["1.3", "2.2", "1.4", "2.3"]
    # permanent ones and the one without a deadline never are
    assert _overdue(dnipro, D(2030, 1, 1)) == ["1.3", "2.2", "1.4", "2.3"]
    late = overdue_assignments(oblast=dnipro, today=D(2024, 4, 20))
    assert [line.days_overdue for line in late] == [26, 19, 12, 1]


def test_a_done_or_withdrawn_assignment_is_not_overdue_and_each_change_is_logged(
    dnipro: Territory, protocol: Meeting
) -> None:
    by_number = {a.number: a for a in protocol.assignments.all()}
    analyst = AnonymousUser()
    change_assignment_status(assignment=by_number["1.3"], to=AssignmentStatus.DONE, by=analyst)
    change_assignment_status(assignment=by_number["2.2"], to=AssignmentStatus.WITHDRAWN, by=analyst)
    assert _overdue(dnipro, D(2024, 4, 20)) == ["1.4", "2.3"]
    change_assignment_status(assignment=by_number["1.3"], to=AssignmentStatus.OPEN, by=analyst)
    assert _overdue(dnipro, D(2024, 4, 20)) == ["1.3", "1.4", "2.3"]
    assert [(t.from_status, t.to_status) for t in AssignmentTransition.objects.all()] == [
        ("open", "done"),
        ("open", "withdrawn"),
        ("done", "open"),
    ]
    with pytest.raises(ValidationError):
        change_assignment_status(assignment=by_number["2.2"], to=AssignmentStatus.DONE, by=analyst)


def test_hromadas_report_on_an_assignment_to_all_of_them(
    dnipro: Territory, protocol: Meeting
) -> None:
    info = protocol.assignments.get(number="1.3")
    hromadas = list(Territory.objects.hromadas().filter(oblast=dnipro).order_by("sort_key"))
    assert addressed_hromada_ids(info) == {h.pk for h in hromadas}
    report = submit_report(
        assignment=info,
        territory=hromadas[0],
        submitted_on=D(2024, 3, 22),
        text="Потрібні паліативний догляд і підтримане проживання.",
        by=AnonymousUser(),
    )
    (line,) = [
        line
        for line in assignments_for_hromada(hromada=hromadas[0], today=D(2024, 3, 26))
        if line.assignment == info
    ]
    assert line.reports == [report]
    assert line.reported_hromadas == 1
    assert line.overdue  # one hromada reported; the assignment stays open until closed


def test_a_report_is_refused_on_a_closed_assignment_or_from_another_oblast(
    world: World, dnipro: Territory, protocol: Meeting
) -> None:
    info = protocol.assignments.get(number="1.3")
    with pytest.raises(ValidationError, match="іншої області"):
        submit_report(
            assignment=info,
            territory=world.hromada_a,
            submitted_on=D(2024, 3, 22),
            text="…",
            by=AnonymousUser(),
        )
    change_assignment_status(assignment=info, to=AssignmentStatus.DONE, by=AnonymousUser())
    with pytest.raises(ValidationError, match="не на виконанні"):
        submit_report(
            assignment=info,
            reporter="Департамент",
            submitted_on=D(2024, 3, 22),
            text="Зроблено",
            by=AnonymousUser(),
        )


def test_an_assignment_needs_an_addressee_of_the_oblast_and_not_both_kinds_of_deadline(
    world: World, protocol: Meeting
) -> None:
    base = {"meeting": protocol, "number": "3.1", "text": "Зробити", "by": AnonymousUser()}
    with pytest.raises(ValidationError, match="хоча б одного"):
        add_assignment(addressees=[], **base)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="з цієї області"):
        add_assignment(
            addressees=[AddresseeSpec(AddresseeKind.HROMADA, world.hromada_a)],
            **base,  # type: ignore[arg-type]
        )
    with pytest.raises(ValidationError, match="не обидва"):
        add_assignment(
            addressees=[AddresseeSpec(AddresseeKind.HROMADAS)],
            deadline=D(2024, 5, 1),
            is_permanent=True,
            **base,  # type: ignore[arg-type]
        )
    assert protocol.assignments.count() == 8
