"""The oblast pages in real Chromium: axe finds no WCAG 2.1 AA violations, and the map
draws its layers from the map's data."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from conftest import World
from turbota.core.tests.browser import axe_violations, sign_in
from turbota.oblast.demo import load_protocol_003
from turbota.oblast.tests.factories import flag, line_geography, study_a

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_oblast_pages_pass_axe_for_an_analyst(live_server: Any, page: Page, world: World) -> None:
    flag(study_a(world), "015.4", "немає лікаря", volume=4)
    line_geography(world)
    meeting = load_protocol_003(world.oblast_a)
    assert meeting is not None
    user = world.users["oblast_analyst"]
    assert user is not None
    sign_in(page, user, live_server)
    code = world.oblast_a.code
    for url in [
        reverse("oblast:index"),
        reverse("oblast:dashboard", args=[code]) + "?sort=unmet&descending=on",
        reverse("oblast:register", args=[code]),
        reverse("oblast:note_add", args=[code]),
        reverse("oblast:distances", args=[code]),
        reverse("oblast:coordinates_import", args=[code]),
        reverse("oblast:boundaries_upload", args=[code]),
        reverse("oblast:meetings", args=[code]),
        reverse("oblast:meeting_detail", args=[meeting.pk]),
        reverse("oblast:assignment_add", args=[meeting.pk]),
        reverse("oblast:cooperation", args=[world.hromada_a.code]),
    ]:
        page.goto(live_server.url + url)
        assert axe_violations(page) == [], url


def test_the_map_draws_its_points_and_passes_axe(
    live_server: Any, page: Page, world: World
) -> None:
    study_a(world)
    line_geography(world)
    user = world.users["oblast_analyst"]
    assert user is not None
    sign_in(page, user, live_server)
    page.goto(live_server.url + reverse("oblast:map", args=[world.oblast_a.code]))
    page.wait_for_selector("#oblast-map[data-ready]")
    # four settlements, two hromadas and two provider places are drawn on the canvas;
    # the layer control lists a desert layer per basic service
    labels = page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    assert any("Далі 20 км: 015.1" in label for label in labels)
    assert "Населені пункти" in " ".join(labels)
    assert axe_violations(page) == []


def test_a_hromadas_assignments_pass_axe_for_its_staff(
    live_server: Any, page: Page, world: World
) -> None:
    load_protocol_003(world.oblast_a)
    user = world.users["hromada_staff"]
    assert user is not None
    sign_in(page, user, live_server)
    page.goto(live_server.url + reverse("oblast:hromada_assignments", args=[world.hromada_a.code]))
    assert axe_violations(page) == []
