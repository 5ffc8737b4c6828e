"""Every page of consultations × every role of ``conftest.World``.

The public (everyone) reads what is announced, the proposals taken into consideration
and the published report — never a contact, not even the staff on the public pages. The
staff of hromada A manage; they alone read names and contacts. The working group and the
administrator read the working pages; the working group recommends decisions. Oblast
analysts read their oblast's aggregates. Drafts are for hromada A's readers only."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest

from conftest import ROLES, World
from turbota.consultations import actions
from turbota.consultations.enums import Channel, ConsultationStatus
from turbota.consultations.models import Consultation, Meeting
from turbota.consultations.tests.factories import NOBODY, add_proposal, make_consultation
from turbota.core.tests.access import EVERYONE, Page, check_page

Status = ConsultationStatus
NOBODY_ROLE: frozenset[str] = frozenset()
READS_A = frozenset({"admin", "hromada_staff", "working_group"})
STAFF_A = frozenset({"hromada_staff"})
WORKING_GROUP_A = frozenset({"working_group"})
OBLAST_A = frozenset({"admin", "oblast_analyst"})
CONTACT = "secret-contact@resident.example"
REGISTERED = "registered-contact@resident.example"


def _in(status: Status) -> Callable[[World], Consultation]:
    """Hromada A's consultation in ``status``, with a meeting open for registration
    (while it may be), one proposal taken into consideration and one waiting."""

    def build(world: World) -> Consultation:
        if "consultation" not in world.extra:
            consultation = make_consultation(world.hromada_a, Status.OPEN)
            meeting = actions.save_meeting(
                meeting=Meeting(
                    consultation=consultation,
                    date=consultation.ends_on,
                    starts_at=datetime.time(14),
                    address="вул. Центральна, 1",
                    online_registration=True,
                )
            )
            actions.register_for_meeting(
                meeting=meeting,
                name="Учасник",
                contact=REGISTERED,
                channel=Channel.PHONE,
                by=NOBODY,
            )
            add_proposal(consultation, contact=CONTACT)
            actions.submit_proposal(consultation=consultation, text="Чекає", contact=CONTACT)
            world.extra |= {"consultation": consultation, "meeting": meeting}
            _move(consultation, status)
        found: Consultation = world.extra["consultation"]
        return found

    return build


def _move(consultation: Consultation, status: Status) -> None:
    """Set the status directly: the access rules read the status, not how it came."""
    Consultation.objects.filter(pk=consultation.pk).update(status=status)
    consultation.refresh_from_db()


def _of(status: Status) -> Callable[[World], dict[str, Any]]:
    return lambda world: {"pk": _in(status)(world).pk}


def _report(status: Status, fmt: str) -> Callable[[World], dict[str, Any]]:
    return lambda world: {"pk": _in(status)(world).pk, "fmt": fmt}


def _meeting(status: Status) -> Callable[[World], dict[str, Any]]:
    def kwargs(world: World) -> dict[str, Any]:
        _in(status)(world)
        return {"pk": world.extra["meeting"].pk}

    return kwargs


def _register(status: Status) -> Callable[[World], dict[str, Any]]:
    def kwargs(world: World) -> dict[str, Any]:
        consultation = _in(status)(world)
        return {"pk": consultation.pk, "meeting": world.extra["meeting"].pk}

    return kwargs


def _proposal(status: Status, *, pending: bool = False) -> Callable[[World], dict[str, Any]]:
    def kwargs(world: World) -> dict[str, Any]:
        consultation = _in(status)(world)
        wanted = "pending" if pending else "approved"
        return {"pk": consultation.proposals.get(moderation=wanted).pk}

    return kwargs


def _document(status: Status) -> Callable[[World], dict[str, Any]]:
    return lambda world: {"pk": _in(status)(world).subject_id}


def _hromada(world: World) -> dict[str, Any]:
    return {"code": world.hromada_a.code}


def _a_draft(world: World) -> None:
    _in(Status.DRAFT)(world)


PAGES = [
    Page("consultations:list", EVERYONE),
    Page(
        "consultations:list",
        EVERYONE,
        setup=_a_draft,
        reveals=lambda world: "Проєкт програми соціального захисту",
        revealed_to=NOBODY_ROLE,
        label="the public list never shows a draft",
    ),
    Page(
        "consultations:list",
        EVERYONE,
        setup=_a_draft,
        reveals=lambda world: f"{world.oblast_a.display_name}: консультації громад",
        revealed_to=OBLAST_A,
        label="the list links the oblast summary for its readers",
    ),
    Page("consultations:detail", READS_A, kwargs=_of(Status.DRAFT), label="a draft"),
    Page(
        "consultations:detail",
        EVERYONE,
        kwargs=_of(Status.OPEN),
        reveals=lambda world: CONTACT,
        revealed_to=NOBODY_ROLE,
        label="an open consultation never shows a contact",
    ),
    Page(
        "consultations:detail",
        EVERYONE,
        kwargs=_of(Status.OPEN),
        reveals=lambda world: "Відкрити денний догляд у селі",
        revealed_to=EVERYONE,
        label="an approved proposal is public",
    ),
    Page(
        "consultations:detail",
        EVERYONE,
        kwargs=_of(Status.OPEN),
        reveals=lambda world: "Чекає",
        revealed_to=NOBODY_ROLE,
        label="a proposal waiting for moderation is not public",
    ),
    Page("consultations:propose", EVERYONE, kwargs=_of(Status.OPEN)),
    Page("consultations:propose", READS_A, kwargs=_of(Status.DRAFT), label="propose to a draft"),
    Page(
        "consultations:propose",
        EVERYONE,
        kwargs=_of(Status.OPEN),
        method="post",
        ok_status=400,  # an empty form: refused with its errors, but let in
        label="sending a proposal (POST)",
    ),
    Page("consultations:register", EVERYONE, kwargs=_register(Status.ANNOUNCED)),
    Page(
        "consultations:register",
        EVERYONE,
        kwargs=_register(Status.ANNOUNCED),
        method="post",
        ok_status=400,
        label="registering (POST)",
    ),
    Page("consultations:report", NOBODY_ROLE, kwargs=_report(Status.OPEN, "docx"), label="open"),
    Page("consultations:report", READS_A, kwargs=_report(Status.CLOSED, "pdf"), label="a preview"),
    Page(
        "consultations:report",
        EVERYONE,
        kwargs=_report(Status.REPORT_PUBLISHED, "docx"),
        label="a published report",
    ),
    Page("consultations:document_file", READS_A, kwargs=_document(Status.DRAFT), label="a draft's"),
    Page(
        "consultations:document_file",
        EVERYONE,
        kwargs=_document(Status.ANNOUNCED),
        label="an announced consultation's",
    ),
    Page("consultations:hromada_list", READS_A, kwargs=_hromada),
    Page("consultations:create", STAFF_A, kwargs=_hromada),
    Page(
        "consultations:create",
        STAFF_A,
        kwargs=_hromada,
        method="post",
        ok_status=400,
        label="creating (POST)",
    ),
    Page("consultations:rules", STAFF_A, kwargs=_hromada),
    Page("consultations:documents", READS_A, kwargs=_hromada),
    Page(
        "consultations:documents",
        STAFF_A,
        kwargs=_hromada,
        method="post",
        ok_status=400,
        label="uploading (POST)",
    ),
    Page("consultations:document_sections", STAFF_A, kwargs=_document(Status.DRAFT)),
    Page("consultations:edit", STAFF_A, kwargs=_of(Status.DRAFT)),
    Page(
        "consultations:manage",
        READS_A,
        kwargs=_of(Status.OPEN),
        reveals=lambda world: CONTACT,
        revealed_to=NOBODY_ROLE,
        label="the working page never shows a contact",
    ),
    Page(
        "consultations:transition",
        STAFF_A,
        kwargs=_of(Status.DRAFT),
        method="post",
        ok_status=302,
    ),
    Page("consultations:results", STAFF_A, kwargs=_of(Status.CLOSED)),
    Page("consultations:meeting_add", STAFF_A, kwargs=_of(Status.ANNOUNCED)),
    Page("consultations:meeting_edit", STAFF_A, kwargs=_meeting(Status.ANNOUNCED)),
    Page(
        "consultations:registrations",
        STAFF_A,
        kwargs=_meeting(Status.ANNOUNCED),
        reveals=lambda world: REGISTERED,
        revealed_to=STAFF_A,
    ),
    Page("consultations:proposal_add", STAFF_A, kwargs=_of(Status.OPEN)),
    Page(
        "consultations:moderation",
        STAFF_A,
        kwargs=_of(Status.OPEN),
        reveals=lambda world: CONTACT,
        revealed_to=STAFF_A,
    ),
    Page(
        "consultations:moderate",
        STAFF_A,
        kwargs=_proposal(Status.OPEN, pending=True),
        method="post",
        ok_status=302,
    ),
    Page("consultations:decide", STAFF_A, kwargs=_proposal(Status.CLOSED)),
    Page(
        "consultations:decide",
        NOBODY_ROLE,
        kwargs=_proposal(Status.OPEN),
        label="no decision while proposals are open",
    ),
    Page("consultations:recommend", WORKING_GROUP_A, kwargs=_proposal(Status.CLOSED)),
    Page(
        "consultations:oblast_summary",
        OBLAST_A,
        kwargs=lambda world: {"code": world.oblast_a.code},
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_access(world: World, page: Page, role: str) -> None:
    check_page(world, page, role)
