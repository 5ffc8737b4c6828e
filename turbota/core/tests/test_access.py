"""Access to the shared import pages: only the uploader (still allowed) and administrators."""

from __future__ import annotations

import pytest

from conftest import ROLES, World
from turbota.core.actions import stage_import
from turbota.core.tests.access import Page, check_page
from turbota.core.tests.fake_importer import IMPORTER
from turbota.core.tests.test_actions import upload

UPLOADER_AND_ADMIN = frozenset({"admin", "hromada_staff"})


def _stage(world: World) -> None:
    user = world.users["hromada_staff"]
    assert user is not None
    world.extra["job"] = stage_import(
        importer=IMPORTER, hromada=world.hromada_a, upload=upload((2020, 1, 2)), actor=user
    )


def _job(world: World) -> dict[str, int]:
    return {"pk": world.extra["job"].pk}


PAGES = [
    Page("core:import_detail", UPLOADER_AND_ADMIN, kwargs=_job, setup=_stage),
    Page("core:import_problems", UPLOADER_AND_ADMIN, kwargs=_job, setup=_stage),
    Page(
        "core:import_apply",
        UPLOADER_AND_ADMIN,
        kwargs=_job,
        setup=_stage,
        method="post",
        ok_status=302,
    ),
    Page(
        "core:import_cancel",
        UPLOADER_AND_ADMIN,
        kwargs=_job,
        setup=_stage,
        method="post",
        ok_status=302,
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_access(world: World, page: Page, role: str) -> None:
    check_page(world, page, role)
