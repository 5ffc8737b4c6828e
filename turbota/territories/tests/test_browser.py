"""The profile pages in real Chromium: charts draw, and axe finds no WCAG 2.1 AA violations.

``browser`` and ``page`` come from ``turbota.core.tests.browser`` (a plugin of conftest.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from conftest import World
from turbota.core.tests.browser import axe_violations, sign_in
from turbota.territories.tests.factories import fill_profile, make_settlement_profile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHARTS = ("chart-pyramid", "chart-trend", "chart-vital")


def _sign_in(page: Page, world: World, role: str, live_server: Any) -> None:
    user = world.users[role]
    assert user is not None
    sign_in(page, user, live_server)


def _drawn_charts(page: Page) -> list[str]:
    page.wait_for_function("() => window.Chart !== undefined")
    drawn: list[str] = page.evaluate(
        "ids => ids.filter(id => Chart.getChart(document.getElementById(id)) !== undefined)",
        list(CHARTS),
    )
    return drawn


def test_the_public_profile_draws_its_charts_and_passes_axe(
    live_server: Any, page: Page, world: World
) -> None:
    fill_profile(world.hromada_a, published=True)
    make_settlement_profile(world.city_a, population=900, population_year=2021)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + reverse("territories:profile", args=[world.hromada_a.code]))
    assert _drawn_charts(page) == list(CHARTS)
    assert errors == []
    assert axe_violations(page) == []


@pytest.mark.parametrize(
    "url_name",
    [
        "territories:profile",
        "territories:profile_edit",
        "territories:settlements_edit",
        "territories:population_edit",
        "territories:vital_edit",
        "territories:disability_edit",
        "territories:vulnerable_edit",
        "territories:history",
        "territories:profile_import",
        "territories:territory_detail",
    ],
)
def test_staff_pages_pass_axe(live_server: Any, page: Page, world: World, url_name: str) -> None:
    fill_profile(world.hromada_a)
    _sign_in(page, world, "hromada_staff", live_server)
    page.goto(live_server.url + reverse(url_name, args=[world.hromada_a.code]))
    assert axe_violations(page) == []


@pytest.mark.parametrize(
    "url_name", ["home", "territories:hromada_list", "territories:territory_list"]
)
def test_lists_pass_axe(live_server: Any, page: Page, world: World, url_name: str) -> None:
    fill_profile(world.hromada_a, published=True)
    fill_profile(world.hromada_b, published=True)
    page.goto(live_server.url + reverse(url_name) + "?q=ська")
    assert axe_violations(page) == []
