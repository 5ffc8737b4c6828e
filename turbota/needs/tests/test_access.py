"""Every page of needs studies × every role of ``conftest.World``.

Studies hold counts, never people: hromada A's staff, working group and oblast-A analyst
(and the administrator) read a draft; everyone reads a published study, with small
counts hidden; only the staff start, approve and publish; staff and working group edit a
draft's inputs."""

from __future__ import annotations

import pytest

from conftest import ROLES, World
from turbota.core.tests.access import EVERYONE, Page, check_page
from turbota.needs.enums import StudyStatus
from turbota.needs.models import NeedsStudy
from turbota.needs.tests.factories import hand_computed

READS_A = frozenset({"admin", "hromada_staff", "working_group", "oblast_analyst"})
EDITS_A = frozenset({"hromada_staff", "working_group"})
STAFF_A = frozenset({"hromada_staff"})


def _study(world: World) -> NeedsStudy:
    if "study" not in world.extra:
        world.extra["study"] = hand_computed(world)
    study: NeedsStudy = world.extra["study"]
    return study


def _draft(world: World) -> None:
    _study(world)


def _published(world: World) -> None:
    NeedsStudy.objects.filter(pk=_study(world).pk).update(status=StudyStatus.PUBLISHED)


def _of_study(world: World) -> dict[str, object]:
    return {"pk": _study(world).pk}


def _download(fmt: str) -> dict[str, object]:
    return {"fmt": fmt}


PAGES = [
    Page("needs:published", EVERYONE),
    Page(
        "needs:published",
        EVERYONE,
        setup=_published,
        reveals=lambda world: world.hromada_a.display_name,
        revealed_to=EVERYONE,
        label="published list names the hromada",
    ),
    Page("needs:study_list", READS_A, kwargs=lambda world: {"code": world.hromada_a.code}),
    Page(
        "needs:study_list",
        STAFF_A,
        kwargs=lambda world: {"code": world.hromada_a.code},
        method="post",
        ok_status=400,  # an empty form: refused with its errors, but let in
        label="starting a study (POST)",
    ),
    Page("needs:study_detail", READS_A, kwargs=_of_study, setup=_draft, label="a draft"),
    Page(
        "needs:study_detail",
        EVERYONE,
        kwargs=_of_study,
        setup=_published,
        # only those who may not see exact figures get the published version
        reveals=lambda world: "Оприлюднена версія",
        revealed_to=EVERYONE - READS_A,
        label="a published study",
    ),
    Page(
        "needs:study_download",
        READS_A,
        kwargs=lambda world: _of_study(world) | _download("xlsx"),
        setup=_draft,
    ),
    Page(
        "needs:study_download",
        EVERYONE,
        kwargs=lambda world: _of_study(world) | _download("docx"),
        setup=_published,
        label="a published report",
    ),
    Page(
        "needs:study_status",
        STAFF_A,
        kwargs=_of_study,
        setup=_draft,
        method="post",
        ok_status=302,
    ),
    Page("needs:method_edit", READS_A, kwargs=_of_study, setup=_draft),
    Page(
        "needs:method_new_version",
        EDITS_A,
        kwargs=_of_study,
        setup=_draft,
        method="post",
        ok_status=302,
    ),
    Page("needs:unprovidable_add", EDITS_A, kwargs=_of_study, setup=_draft),
    Page("needs:scenarios_edit", EDITS_A, kwargs=_of_study, setup=_draft),
    Page(
        "needs:unprovidable_add",
        frozenset(),
        kwargs=_of_study,
        setup=_published,
        label="a published study's inputs are closed",
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_access(world: World, page: Page, role: str) -> None:
    check_page(world, page, role)
