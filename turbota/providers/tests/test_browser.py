"""The registry pages in real Chromium: axe finds no WCAG 2.1 AA violations, and the card
form adds rows without a reload."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from conftest import World
from turbota.core.tests.browser import axe_violations, sign_in
from turbota.providers.models import Provider
from turbota.providers.tests.factories import make_full_provider, make_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page: Page, world: World, role: str, live_server: Any) -> None:
    user = world.users[role]
    assert user is not None
    sign_in(page, user, live_server)


@pytest.fixture
def centre(world: World) -> Provider:
    make_provider(world.hromada_a, "ГО «Вікторія»", is_potential=True, activity="захист прав")
    return make_full_provider(world.hromada_a, world.city_a, registry_code="22334455")


def _urls(world: World, centre: Provider) -> list[str]:
    code = world.hromada_a.code
    return [
        reverse("providers:list"),
        reverse("providers:list") + "?q=немає",
        reverse("providers:hromada_list", args=[code]),
        reverse("providers:hromada_list", args=[world.hromada_a2.code]),
        reverse("providers:detail", args=[centre.pk]),
        reverse("providers:edit", args=[centre.pk]),
        reverse("providers:create", args=[code]),
        reverse("providers:delete", args=[centre.pk]),
    ]


def test_registry_pages_pass_axe(
    live_server: Any, page: Page, world: World, centre: Provider
) -> None:
    _sign_in(page, world, "admin", live_server)
    for url in _urls(world, centre):
        page.goto(live_server.url + url)
        assert axe_violations(page) == [], url


def test_card_form_adds_a_row_and_saves_it(
    live_server: Any, page: Page, world: World, centre: Provider
) -> None:
    # given
    _sign_in(page, world, "hromada_staff", live_server)
    page.goto(live_server.url + reverse("providers:edit", args=[centre.pk]))
    # when: a second new address row is added and both are filled in
    addresses = page.locator('fieldset[data-formset="addresses"]')
    addresses.get_by_role("button", name="Додати рядок").click()
    page.fill("#id_addresses-1-address", "вул. Польова, 3")
    page.select_option("#id_addresses-1-settlement", label="с. Лугове")
    page.fill("#id_addresses-2-address", "вул. Шкільна, 1")
    page.get_by_role("button", name="Зберегти").click()
    # then
    page.wait_for_url(live_server.url + reverse("providers:detail", args=[centre.pk]))
    assert sorted(centre.addresses.values_list("address", flat=True)) == [
        "вул. Польова, 3",
        "вул. Пушкіна, 8",
        "вул. Шкільна, 1",
    ]
