"""Who may call each oblast endpoint: the same roles as the oblast pages."""

from __future__ import annotations

import pytest

from conftest import ROLES, World
from turbota.core.tests.access import SIGNED_IN, Page, check_page
from turbota.oblast.tests.factories import study_a
from turbota.oblast.tests.test_access import VIEW_A, VIEW_B


def _a(world: World) -> dict[str, str]:
    return {"code": world.oblast_a.code}


def _study(world: World) -> None:
    study_a(world)


ENDPOINTS = [
    Page(
        "oblast-list",
        SIGNED_IN,
        api=True,
        reveals=lambda world: world.oblast_a.code,
        revealed_to=VIEW_A,
        label="oblasts one works with",
    ),
    Page(
        "oblast-dashboard",
        VIEW_A,
        api=True,
        kwargs=_a,
        setup=_study,
        reveals=lambda world: world.hromada_a.code,
        revealed_to=VIEW_A,
    ),
    Page(
        "oblast-dashboard",
        VIEW_B,
        api=True,
        kwargs=lambda world: {"code": world.oblast_b.code},
        label="the other oblast's dashboard",
    ),
    Page("oblast-unmet-demand", VIEW_A, api=True, kwargs=_a, setup=_study),
    Page("oblast-map", VIEW_A, api=True, kwargs=_a, setup=_study),
    Page("oblast-assignments", VIEW_A, api=True, kwargs=_a),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_endpoint_access(world: World, endpoint: Page, role: str) -> None:
    check_page(world, endpoint, role)
