"""Every oblast page × every role of ``conftest.World``.

Oblast A's aggregates are for its analysts (and administrators, who read but do not
write); oblast B's analyst sees nothing of A, and A's analyst nothing of B. A hromada's
staff see and report on the assignments addressed to their hromada — nothing else here."""

from __future__ import annotations

import datetime

import pytest

from conftest import ROLES, World
from turbota.catalog.models import Service
from turbota.core.tests.access import Page, check_page
from turbota.oblast.actions import AddresseeSpec, add_assignment
from turbota.oblast.enums import AddresseeKind
from turbota.oblast.models import Assignment, BoundaryLayer, Meeting, PlanningNote
from turbota.oblast.tests.factories import study_a

VIEW_A = frozenset({"admin", "oblast_analyst"})
MANAGE_A = frozenset({"oblast_analyst"})
VIEW_B = frozenset({"admin", "other_oblast_analyst"})
ANALYSTS = frozenset({"admin", "oblast_analyst", "other_oblast_analyst"})


def _a(world: World) -> dict[str, object]:
    return {"code": world.oblast_a.code}


def _hromada_a(world: World) -> dict[str, object]:
    return {"code": world.hromada_a.code}


def _study(world: World) -> None:
    if "study" not in world.extra:
        world.extra["study"] = study_a(world)


def _note(world: World) -> dict[str, object]:
    if "note" not in world.extra:
        world.extra["note"] = PlanningNote.objects.create(
            oblast=world.oblast_a, service=Service.objects.get(code="015.4"), what="Хоспіс"
        )
    return _a(world) | {"pk": world.extra["note"].pk}


def _meeting(world: World) -> Meeting:
    if "meeting" not in world.extra:
        created = Meeting.objects.create(
            oblast=world.oblast_a, number="2", held_on=datetime.date(2024, 3, 20)
        )
        world.extra["meeting"] = created
        world.extra["assignment"] = add_assignment(
            meeting=created,
            number="1.3",
            text="Надати інформацію про послуги, які громада не може запровадити.",
            addressees=[AddresseeSpec(AddresseeKind.HROMADAS)],
            deadline=datetime.date(2024, 3, 25),
            by=world.users["oblast_analyst"],  # type: ignore[arg-type]
        )
    meeting: Meeting = world.extra["meeting"]
    return meeting


def _with_meeting(world: World) -> None:
    _meeting(world)


def _of_meeting(world: World) -> dict[str, object]:
    return {"pk": _meeting(world).pk}


def _of_assignment(world: World) -> dict[str, object]:
    _meeting(world)
    assignment: Assignment = world.extra["assignment"]
    return {"pk": assignment.pk}


def _boundaries(world: World) -> None:
    BoundaryLayer.objects.get_or_create(
        oblast=world.oblast_a,
        defaults={
            "name": "межі.geojson",
            "geojson": {"type": "FeatureCollection", "features": []},
            "features": 0,
        },
    )


PAGES = [
    Page(
        "oblast:index",
        ANALYSTS,
        reveals=lambda world: world.oblast_a.display_name,
        revealed_to=VIEW_A,
        label="the oblasts one works with",
    ),
    Page(
        "oblast:dashboard",
        VIEW_A,
        kwargs=_a,
        setup=_study,
        reveals=lambda world: world.hromada_a.name,
        revealed_to=VIEW_A,
    ),
    Page(
        "oblast:dashboard",
        VIEW_B,
        kwargs=lambda world: {"code": world.oblast_b.code},
        label="the other oblast's dashboard",
    ),
    Page("oblast:dashboard_xlsx", VIEW_A, kwargs=_a, setup=_study),
    Page("oblast:register", VIEW_A, kwargs=_a, setup=_study),
    Page("oblast:note_add", MANAGE_A, kwargs=_a),
    Page(
        "oblast:note_add",
        MANAGE_A,
        kwargs=_a,
        method="post",
        ok_status=400,
        label="adding a note (POST, empty)",
    ),
    Page("oblast:note_edit", MANAGE_A, kwargs=_note),
    Page("oblast:note_delete", MANAGE_A, kwargs=_note, label="confirming a deletion"),
    Page("oblast:map", VIEW_A, kwargs=_a, setup=_study),
    Page("oblast:map_data", VIEW_A, kwargs=_a, setup=_study),
    Page("oblast:distances", VIEW_A, kwargs=_a),
    Page("oblast:coordinates_import", MANAGE_A, kwargs=_a),
    Page("oblast:boundaries_upload", MANAGE_A, kwargs=_a),
    Page("oblast:boundaries_delete", MANAGE_A, kwargs=_a, setup=_boundaries),
    Page("oblast:meetings", VIEW_A, kwargs=_a),
    Page("oblast:meeting_add", MANAGE_A, kwargs=_a),
    Page("oblast:meeting_detail", VIEW_A, kwargs=_of_meeting),
    Page("oblast:meeting_docx", VIEW_A, kwargs=_of_meeting),
    Page("oblast:assignment_add", MANAGE_A, kwargs=_of_meeting),
    Page(
        "oblast:assignment_status",
        MANAGE_A,
        kwargs=_of_assignment,
        method="post",
        ok_status=302,
    ),
    Page(
        "oblast:report_add",
        MANAGE_A | {"hromada_staff"},  # addressed to every hromada of oblast A
        kwargs=_of_assignment,
    ),
    Page("oblast:cooperation", VIEW_A, kwargs=_hromada_a, setup=_study),
    Page(
        "oblast:cooperation_mark",
        MANAGE_A,
        kwargs=_hromada_a,
        method="post",
        ok_status=302,
    ),
    Page(
        "oblast:hromada_assignments",
        VIEW_A | {"hromada_staff"},
        kwargs=_hromada_a,
        setup=_with_meeting,
        reveals=lambda world: "Надати інформацію про послуги",
        revealed_to=VIEW_A | {"hromada_staff"},
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_access(world: World, page: Page, role: str) -> None:
    check_page(world, page, role)
