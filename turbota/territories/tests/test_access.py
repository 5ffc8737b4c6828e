"""Who may open each page of the territories app: every URL × every role of the world."""

from __future__ import annotations

import pytest

from conftest import ROLES, World
from turbota.core.tests.access import EVERYONE, Page, check_page
from turbota.territories.tests.factories import fill_profile, make_profile

STAFF = frozenset({"admin", "hromada_staff"})
FULL = frozenset({"admin", "hromada_staff", "working_group", "oblast_analyst"})


def _a(world: World) -> dict[str, str]:
    return {"code": world.hromada_a.code}


def _unpublished(world: World) -> None:
    fill_profile(world.hromada_a)


def _published(world: World) -> None:
    fill_profile(world.hromada_a, published=True)


def _neighbour_profiled(world: World) -> None:
    make_profile(world.hromada_a2)


def _edit_page(url_name: str, query: str = "") -> Page:
    return Page(url_name, STAFF, kwargs=_a, setup=_published, query=query)


PAGES = [
    Page("home", EVERYONE),
    Page("home", EVERYONE, setup=_published, label="home with a published profile"),
    Page(
        "territories:hromada_list",
        EVERYONE,
        setup=_unpublished,
        reveals=lambda world: world.hromada_a.display_name,
        revealed_to=FULL,
    ),
    Page(
        "territories:hromada_list",
        EVERYONE,
        setup=_published,
        reveals=lambda world: world.hromada_a.display_name,
        revealed_to=EVERYONE,
        label="hromada list with a published profile",
    ),
    Page("territories:profile", FULL, kwargs=_a, setup=_unpublished, label="unpublished profile"),
    Page("territories:profile", EVERYONE, kwargs=_a, setup=_published, label="published profile"),
    Page(
        "territories:profile",
        FULL,
        kwargs=_a,
        label="profile of a hromada without one",
    ),
    Page(
        "territories:profile",
        frozenset({"admin", "oblast_analyst"}),
        kwargs=lambda world: {"code": world.hromada_a2.code},
        setup=_neighbour_profiled,
        label="profile of the neighbouring hromada",
    ),
    Page("territories:profile_create", STAFF, kwargs=_a),
    Page(
        "territories:profile_create",
        frozenset({"admin"}),
        kwargs=lambda world: {"code": world.hromada_a2.code},
        label="creating the profile of a hromada without staff",
    ),
    Page(
        "territories:profile_create",
        STAFF,
        kwargs=_a,
        method="post",
        ok_status=302,
        label="creating a profile (POST)",
    ),
    _edit_page("territories:profile_edit"),
    _edit_page("territories:settlements_edit"),
    _edit_page("territories:population_edit"),
    _edit_page("territories:population_edit", "?year=2020"),
    _edit_page("territories:vital_edit"),
    _edit_page("territories:disability_edit"),
    _edit_page("territories:vulnerable_edit"),
    _edit_page("territories:profile_import"),
    _edit_page("territories:profile_template"),
    Page("territories:history", FULL, kwargs=_a, setup=_published),
    Page("territories:profile_export", FULL, kwargs=_a, setup=_published),
    Page("territories:territory_list", EVERYONE),
    Page("territories:territory_list", EVERYONE, query="?q=перш&category=H", label="search"),
    Page("territories:territory_detail", EVERYONE, kwargs=_a),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_access(world: World, page: Page, role: str) -> None:
    check_page(world, page, role)


@pytest.mark.parametrize("role", ["other_hromada_staff", "other_oblast_analyst"])
@pytest.mark.parametrize(
    "url_name",
    [
        "territories:profile",
        "territories:profile_edit",
        "territories:vulnerable_edit",
        "territories:history",
        "territories:profile_export",
        "territories:profile_import",
    ],
)
def test_another_hromadas_staff_and_oblast_never_open_hromada_a(
    world: World, role: str, url_name: str
) -> None:
    # given an unpublished profile with exact figures
    fill_profile(world.hromada_a)
    page = Page(url_name, frozenset(), kwargs=_a)
    # then neither the other hromada's staff nor the other oblast's analyst gets in
    check_page(world, page, role)
