"""Every provider endpoint × every role of ``conftest.World``: the same rules as the pages.

In the world, hromada A is unpublished: only its staff, working group, oblast-A analyst,
the administrator and provider A's own staff may see provider A."""

from __future__ import annotations

import pytest

from conftest import ROLES, World
from turbota.core.tests.access import EVERYONE, Page, check_page
from turbota.providers.enums import OwnershipSector
from turbota.providers.tests.factories import make_provider
from turbota.providers.tests.test_access import SEES_HROMADA_A, _provider_a, _publish_a

MANAGES_A = frozenset({"admin", "hromada_staff"})
PERSON_CODE = "3012345678"


def _natural_person_in_a(world: World) -> None:
    _publish_a(world)
    world.extra["person"] = make_provider(
        world.hromada_a,
        "Фізична особа-підприємець Коваленко Ольга Петрівна",
        registry_code=PERSON_CODE,
        ownership_sector=OwnershipSector.NATURAL_PERSON,
    )


ENDPOINTS = [
    Page(
        url_name="provider-list",
        allowed=EVERYONE,
        api=True,
        label="list shows provider A to those who may see it",
        reveals=lambda world: world.provider_a.full_name,
        revealed_to=SEES_HROMADA_A | {"provider_staff"},
    ),
    Page(
        url_name="provider-list",
        allowed=EVERYONE,
        api=True,
        label="list shows provider B only to hromada B's people",
        reveals=lambda world: world.provider_b.full_name,
        revealed_to=frozenset({"admin", "other_hromada_staff", "other_oblast_analyst"}),
    ),
    Page(
        url_name="provider-list",
        allowed=EVERYONE,
        api=True,
        label="list shows a natural person's РНОКПП only to those who edit the card",
        setup=_natural_person_in_a,
        reveals=lambda world: PERSON_CODE,
        revealed_to=MANAGES_A,
    ),
    Page(
        url_name="provider-detail",
        allowed=SEES_HROMADA_A | {"provider_staff"},
        api=True,
        kwargs=_provider_a,
    ),
    Page(
        url_name="provider-detail",
        allowed=EVERYONE,
        api=True,
        kwargs=_provider_a,
        label="published provider card is open to everyone",
        setup=_publish_a,
    ),
    Page(
        url_name="provider-detail",
        allowed=EVERYONE,
        api=True,
        kwargs=lambda world: {"pk": world.extra["person"].pk},
        label="a natural person's card hides the РНОКПП",
        setup=_natural_person_in_a,
        reveals=lambda world: PERSON_CODE,
        revealed_to=MANAGES_A,
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ENDPOINTS, ids=str)
def test_endpoint_access(world: World, page: Page, role: str) -> None:
    check_page(world, page, role)
