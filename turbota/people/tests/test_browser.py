"""The people pages in real Chromium: axe finds no WCAG 2.1 AA violations."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from conftest import World
from turbota.core.tests.browser import axe_violations, sign_in
from turbota.people import queries as people_queries
from turbota.people.enums import Decision
from turbota.people.tests.factories import make_application, make_episode, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_people_pages_pass_axe(live_server: Any, page: Page, world: World) -> None:
    olena = make_person(world.village_a)
    make_episode(olena, world.provider_a)
    make_application(
        olena,
        applied_on=datetime.date(2021, 3, 5),
        assessed_on=datetime.date(2021, 3, 15),
        decision=Decision.GRANTED,
        decided_on=datetime.date(2021, 3, 16),
    )
    for number in range(55):  # more than a page: the pager shows
        make_person(world.city_a, f"Особа{number:02d}")
    staff = world.users["hromada_staff"]
    assert staff is not None
    sign_in(page, staff, live_server)
    of_olena = {"pseudonym": olena.pseudonym}
    first = people_queries.register_page(
        people_queries.person_rows(people_queries.people_visible_to(staff)), count=56
    )
    for url in [
        reverse("people:list"),
        reverse("people:list") + f"?after={first.next.pseudonym}&at={first.next.position}",
        reverse("people:list") + "?q=немає",
        reverse("people:detail", kwargs=of_olena),
        reverse("people:access_log", kwargs=of_olena),
        reverse("people:edit", kwargs=of_olena),
        reverse("people:create", kwargs={"code": world.hromada_a.code}),
        reverse("people:episode_create", kwargs=of_olena),
        reverse("people:application_create", kwargs=of_olena),
        reverse("people:import", kwargs={"code": world.hromada_a.code}),
        reverse("people:mappings", kwargs={"code": world.hromada_a.code}),
    ]:
        page.goto(live_server.url + url)
        assert axe_violations(page) == [], url
