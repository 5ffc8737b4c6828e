"""Every page of the provider registry × every role of ``conftest.World``.

In the world, hromada A is unpublished: only its staff, working group, oblast-A analyst,
the administrator and provider A's own staff may see provider A."""

from __future__ import annotations

import pytest

from conftest import ROLES, World
from turbota.core.tests.access import EVERYONE, Page, check_page
from turbota.providers.tests.factories import make_provider
from turbota.territories.models import HromadaProfile

SEES_HROMADA_A = frozenset({"admin", "hromada_staff", "working_group", "oblast_analyst"})
MANAGES_A = frozenset({"admin", "hromada_staff"})
NGO_A = "Громадська організація «Турбота поруч»"


def _publish_a(world: World) -> None:
    HromadaProfile.objects.create(hromada=world.hromada_a, is_published=True)


def _ngo_in_a(world: World) -> None:
    make_provider(world.hromada_a, NGO_A, registry_code=None, is_potential=True)


def _provider_a(world: World) -> dict[str, object]:
    return {"pk": world.provider_a.pk}


def _hromada_a(world: World) -> dict[str, object]:
    return {"code": world.hromada_a.code}


PAGES = [
    Page(
        url_name="providers:list",
        allowed=EVERYONE,
        label="list shows provider A to those who may see it",
        reveals=lambda world: world.provider_a.full_name,
        revealed_to=SEES_HROMADA_A | {"provider_staff"},
    ),
    Page(
        url_name="providers:list",
        allowed=EVERYONE,
        label="list shows provider B only to hromada B's people",
        reveals=lambda world: world.provider_b.full_name,
        revealed_to=frozenset({"admin", "other_hromada_staff", "other_oblast_analyst"}),
    ),
    Page(
        url_name="providers:list",
        allowed=EVERYONE,
        label="list shows a published hromada's providers to everyone",
        setup=_publish_a,
        reveals=lambda world: world.provider_a.full_name,
        revealed_to=EVERYONE,
    ),
    Page(
        url_name="providers:hromada_list",
        allowed=SEES_HROMADA_A | {"provider_staff"},
        kwargs=_hromada_a,
        label="hromada registry hides other providers from provider staff",
        setup=_ngo_in_a,
        reveals=lambda world: NGO_A,
        revealed_to=SEES_HROMADA_A,
    ),
    Page(
        url_name="providers:hromada_list",
        allowed=SEES_HROMADA_A | {"provider_staff"},
        kwargs=_hromada_a,
        label="hromada registry shows provider staff their own provider",
        reveals=lambda world: world.provider_a.full_name,
        revealed_to=SEES_HROMADA_A | {"provider_staff"},
    ),
    Page(
        url_name="providers:hromada_list",
        allowed=EVERYONE,
        kwargs=_hromada_a,
        label="published hromada registry is open to everyone",
        setup=_publish_a,
    ),
    Page(
        url_name="providers:detail",
        allowed=SEES_HROMADA_A | {"provider_staff"},
        kwargs=_provider_a,
    ),
    Page(
        url_name="providers:detail",
        allowed=EVERYONE,
        kwargs=_provider_a,
        label="published provider card is open to everyone",
        setup=_publish_a,
    ),
    Page(url_name="providers:create", allowed=MANAGES_A, kwargs=_hromada_a),
    Page(url_name="providers:edit", allowed=MANAGES_A | {"provider_staff"}, kwargs=_provider_a),
    Page(url_name="providers:delete", allowed=MANAGES_A, kwargs=_provider_a),
    Page(url_name="providers:export", allowed=MANAGES_A, kwargs=_hromada_a),
    Page(url_name="providers:template", allowed=MANAGES_A, kwargs=_hromada_a),
    Page(url_name="providers:import", allowed=MANAGES_A, kwargs=_hromada_a),
    Page(
        url_name="providers:import",
        allowed=MANAGES_A,
        kwargs=_hromada_a,
        label="publishing a hromada does not let anyone else import",
        setup=_publish_a,
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_access(world: World, page: Page, role: str) -> None:
    check_page(world, page, role)
