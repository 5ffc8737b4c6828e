"""Who may call each territories endpoint: every endpoint × every role of the world."""

import pytest

from conftest import ROLES, World
from turbota.core.tests.access import EVERYONE, Page, check_page
from turbota.territories.tests.factories import fill_profile, make_profile

FULL = frozenset({"admin", "hromada_staff", "working_group", "oblast_analyst"})


def _a(world: World) -> dict[str, str]:
    return {"code": world.hromada_a.code}


def _unpublished(world: World) -> None:
    fill_profile(world.hromada_a)


def _published(world: World) -> None:
    fill_profile(world.hromada_a, published=True)


def _neighbour_profiled(world: World) -> None:
    make_profile(world.hromada_a2)


ENDPOINTS = [
    Page(url_name="territory-list", allowed=EVERYONE, api=True),
    Page(
        url_name="territory-detail",
        allowed=EVERYONE,
        api=True,
        kwargs=lambda w: {"code": w.village_a.code},
    ),
    Page(
        url_name="hromada-list",
        allowed=EVERYONE,
        api=True,
        setup=_unpublished,
        reveals=lambda world: world.hromada_a.code,
        revealed_to=FULL,
        label="hromada list with an unpublished profile",
    ),
    Page(
        url_name="hromada-list",
        allowed=EVERYONE,
        api=True,
        setup=_published,
        reveals=lambda world: world.hromada_a.code,
        revealed_to=EVERYONE,
        label="hromada list with a published profile",
    ),
    Page(
        url_name="hromada-profile",
        allowed=FULL,
        api=True,
        kwargs=_a,
        setup=_unpublished,
        label="unpublished profile",
    ),
    Page(
        url_name="hromada-profile",
        allowed=EVERYONE,
        api=True,
        kwargs=_a,
        setup=_published,
        # the exact total of a row with a small count: only for those who see full figures
        reveals=lambda world: '"value":2,',
        revealed_to=FULL,
        label="published profile",
    ),
    Page(
        url_name="hromada-profile",
        allowed=frozenset({"admin", "oblast_analyst"}),
        api=True,
        kwargs=lambda world: {"code": world.hromada_a2.code},
        setup=_neighbour_profiled,
        label="profile of the neighbouring hromada",
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ENDPOINTS, ids=str)
def test_endpoint_access(world: World, page: Page, role: str) -> None:
    check_page(world, page, role)
