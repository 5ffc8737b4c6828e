"""The needs pages in real Chromium: axe finds no WCAG 2.1 AA violations."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from conftest import World
from turbota.core.tests.browser import axe_violations, sign_in
from turbota.needs.enums import StudyStatus
from turbota.needs.models import NeedsStudy
from turbota.needs.tests.factories import hand_computed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_needs_pages_pass_axe_for_staff_and_the_public(
    live_server: Any, page: Page, world: World
) -> None:
    study = hand_computed(world)
    NeedsStudy.objects.filter(pk=study.pk).update(status=StudyStatus.PUBLISHED)
    public = [reverse("needs:published"), reverse("needs:study_detail", args=[study.pk])]
    for url in public:
        page.goto(live_server.url + url)
        assert axe_violations(page) == [], url
    user = world.users["hromada_staff"]
    assert user is not None
    sign_in(page, user, live_server)
    NeedsStudy.objects.filter(pk=study.pk).update(status=StudyStatus.DRAFT)
    for url in [
        reverse("needs:study_list", args=[world.hromada_a.code]),
        reverse("needs:study_detail", args=[study.pk]) + f"?settlement={world.city_a.pk}",
        reverse("needs:method_edit", args=[study.pk]),
        reverse("needs:unprovidable_add", args=[study.pk]),
    ]:
        page.goto(live_server.url + url)
        assert axe_violations(page) == [], url
