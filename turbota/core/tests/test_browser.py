"""Walks through the demo in real Chromium: the public page, log-in, profile, providers."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from turbota.core.demo import HROMADA_CODE, load_demo
from turbota.core.tests.browser import axe_violations
from turbota.territories.models import Territory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_passwords(selydove: Territory) -> dict[str, str]:
    return load_demo().passwords


def _row(page: Page, group: str) -> list[str]:
    cells = page.get_by_role("row").filter(has_text=group).first.get_by_role("cell")
    return [text.strip() for text in cells.all_inner_texts()]


def test_the_public_sees_the_demo_profile_with_small_counts_hidden(
    live_server: object, page: Page, demo_passwords: dict[str, str]
) -> None:
    page.goto(f"{live_server}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Селидівська")
    assert _row(page, "Внутрішньо переміщені особи")[-3:] == ["8522", "5448", "13970"]
    assert _row(page, "учасника бойових дій")[-3:] == ["0", "<5", "<5"]
    assert axe_violations(page) == []


def test_staff_log_in_see_table_1_exactly_and_open_the_provider_list(
    live_server: object, page: Page, demo_passwords: dict[str, str]
) -> None:
    # given the public home page
    page.goto(f"{live_server}/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Перейти до основного вмісту")).to_be_focused()
    # when hromada staff log in
    page.get_by_role("link", name="Увійти").click()
    assert axe_violations(page) == []
    page.get_by_label("Ім'я користувача").fill("demo-hromada")
    page.get_by_label("Пароль").fill(demo_passwords["demo-hromada"])
    page.get_by_role("button", name="Увійти").click()
    # then their hromada's profile shows table 1 exactly as published
    expect(page.get_by_role("heading", level=1)).to_contain_text("Селидівська")
    assert _row(page, "учасника бойових дій")[-3:] == ["0", "2", "2"]
    assert _row(page, "Люди похилого віку")[-3:] == ["6843", "3685", "10528"]
    assert axe_violations(page) == []
    # and the provider list shows the territorial centre
    page.get_by_role("navigation", name="Головне меню").get_by_role("link", name="Надавачі").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(
        page.get_by_text("Територіальний центр соціального обслуговування").first
    ).to_be_visible()
    assert axe_violations(page) == []
    page.goto(f"{live_server}/hromadas/{HROMADA_CODE}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Селидівська")
