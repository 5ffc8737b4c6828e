"""The strategy pages in real Chromium: axe finds no WCAG 2.1 AA violations (a draft
under consultation too, with its link to the proposal form), and the tree's filter narrows
the tree."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from playwright.sync_api import Page

from conftest import World
from turbota.consultations.enums import ConsultationStatus
from turbota.consultations.tests.factories import make_consultation
from turbota.core.tests.browser import axe_violations, sign_in
from turbota.strategy.actions import adopt_strategy, set_published
from turbota.strategy.enums import PeriodStatus
from turbota.strategy.models import SwotItem
from turbota.strategy.monitoring_actions import change_period_status, open_period
from turbota.strategy.tests.factories import imported

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NOBODY = AnonymousUser()


def test_strategy_pages_pass_axe_for_the_public_and_staff(
    live_server: Any, page: Page, world: World
) -> None:
    strategy = imported(world.hromada_a)
    node = strategy.nodes.get(number="1.1.1")
    period = open_period(strategy=strategy, year=2021, quarter=None)
    staff = world.users["hromada_staff"]
    assert staff is not None
    sign_in(page, staff, live_server)
    for url in [
        reverse("strategy:list", args=[world.hromada_a.code]),
        reverse("strategy:detail", args=[strategy.pk]),
        reverse("strategy:node", args=[node.pk]),
        reverse("strategy:node_edit", args=[node.pk]),
        reverse("strategy:monitoring", args=[strategy.pk]),
        reverse("strategy:period", args=[period.pk]),
        reverse("strategy:report_edit", args=[period.pk, node.pk]),
        reverse("strategy:import", args=[world.hromada_a.code]),
    ]:
        page.goto(live_server.url + url)
        assert axe_violations(page) == [], url
    adopt_strategy(
        strategy=strategy, decision_number="1", decided_on=datetime.date(2021, 1, 1), by=NOBODY
    )
    set_published(strategy=strategy, published=True, by=NOBODY)
    change_period_status(period=period, to=PeriodStatus.SUBMITTED, by=NOBODY)
    change_period_status(period=period, to=PeriodStatus.APPROVED, by=NOBODY)
    page.context.clear_cookies()
    for url in [
        reverse("strategy:published"),
        reverse("strategy:detail", args=[strategy.pk]),
        reverse("strategy:monitoring", args=[strategy.pk]),
        reverse("strategy:period", args=[period.pk]),
    ]:
        page.goto(live_server.url + url)
        assert axe_violations(page) == [], url


def test_the_tree_filter_keeps_matches_and_their_goals(
    live_server: Any, page: Page, world: World
) -> None:
    strategy = imported(world.hromada_a)
    staff = world.users["hromada_staff"]
    assert staff is not None
    sign_in(page, staff, live_server)
    page.goto(live_server.url + reverse("strategy:detail", args=[strategy.pk]))
    page.fill("#tree-filter", "сайт громади")
    assert page.locator("text=1.2.3 Сайт громади").is_visible()
    assert page.locator("text=1.2 Інформування мешканців").is_visible()
    assert not page.locator("text=1.1.1 Створити відділення денного догляду").is_visible()
    assert page.inner_text("#tree-filter-status") == "Знайдено: 1"


def test_a_consulted_drafts_pages_pass_axe_for_the_public(
    live_server: Any, page: Page, world: World
) -> None:
    strategy = imported(world.hromada_a)
    node = strategy.nodes.get(number="1.1.1")
    consultation = make_consultation(world.hromada_a, ConsultationStatus.OPEN, document=strategy)
    for url in [
        reverse("strategy:published"),
        reverse("strategy:detail", args=[strategy.pk]),
        reverse("strategy:node", args=[node.pk]),
        reverse("consultations:propose", args=[consultation.pk]) + f"?item=node:{node.pk}",
    ]:
        page.goto(live_server.url + url)
        assert axe_violations(page) == [], url
    page.goto(live_server.url + reverse("strategy:node", args=[node.pk]))
    page.click("text=Подати пропозицію до цього пункту")
    assert page.locator("select[name=item]").input_value() == f"node:{node.pk}"


def test_the_pages_that_build_a_draft_pass_axe(live_server: Any, page: Page, world: World) -> None:
    strategy = imported(world.hromada_a)
    node = strategy.nodes.get(number="1.1.1")
    indicator = strategy.indicators.first()
    assert indicator is not None
    item = SwotItem.objects.create(strategy=strategy, quadrant="threat", number=1, text="Відтік")
    group = world.users["working_group"]
    assert group is not None
    sign_in(page, group, live_server)
    for url in [
        reverse("strategy:create", args=[world.hromada_a.code]),
        reverse("strategy:goal_add", args=[strategy.pk]),
        reverse("strategy:child_add", args=[node.pk]),
        reverse("strategy:node_delete", args=[node.pk]),
        reverse("strategy:indicator_add", args=[node.pk]),
        reverse("strategy:indicator_delete", args=[indicator.pk]),
        reverse("strategy:parts", args=[strategy.pk]),
        reverse("strategy:part_add", args=[strategy.pk, "members"]),
        reverse("strategy:part_edit", args=["swot", item.pk]),
        reverse("strategy:part_delete", args=["swot", item.pk]),
    ]:
        page.goto(live_server.url + url)
        assert axe_violations(page) == [], url
