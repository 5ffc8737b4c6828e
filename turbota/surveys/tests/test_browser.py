"""The questionnaire in real Chromium: relevance shows and hides questions, a constraint
gives its message, progress survives a reload, the response is stored; the browser's
evaluator agrees with the server's; axe finds no WCAG 2.1 AA violations."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.urls import reverse
from playwright.sync_api import Page, expect

from conftest import World
from turbota.core.tests.browser import axe_violations, sign_in
from turbota.surveys.enums import AssessmentKind, SurveyStatus
from turbota.surveys.models import Response, Survey
from turbota.surveys.quality_actions import start_assessment
from turbota.surveys.quality_queries import Period
from turbota.surveys.tests.factories import add_response, home_care, make_complaint, make_survey
from turbota.surveys.xlsform.expressions import Context, Value, evaluate, parse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _fresh_rate_limit() -> None:
    cache.clear()


def _open(world: World) -> Survey:
    return make_survey(world.hromada_a, status=SurveyStatus.OPEN)


def _form(page: Page, live_server: Any, survey: Survey) -> None:
    page.goto(live_server.url + reverse("surveys:respond", args=[survey.public_key]))


def test_a_resident_fills_the_form_and_the_response_is_stored(
    live_server: Any, page: Page, world: World
) -> None:
    survey = _open(world)
    _form(page, live_server, survey)
    assert axe_violations(page) == []
    greeting = page.locator("#f-greeting")
    group = page.locator("#f-g-disability")
    expect(greeting).to_be_hidden()
    expect(group).to_be_hidden()
    page.get_by_label("Як до вас звертатися?").fill("Оля")
    expect(greeting).to_have_text("Дякуємо, Оля!")
    # a constraint's message appears as soon as the answer is given
    page.get_by_label("Скільки вам повних років?").fill("150")
    page.get_by_label("Середній дохід на місяць, тис. грн").focus()
    expect(page.locator("#f-age-item-error")).to_have_text("Вік має бути від 14 до 110 років.")
    assert axe_violations(page) == []
    page.get_by_label("Скільки вам повних років?").fill("45")
    page.get_by_label("Середній дохід на місяць, тис. грн").fill("12,5")
    expect(page.locator("#f-age-item-error")).to_be_hidden()
    page.locator("#f-has_disability").get_by_label("Так").check()
    expect(group).to_be_visible()
    # sending with a required answer missing: the summary links to it, nothing is sent
    page.get_by_role("button", name="Надіслати анкету").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link")).to_have_text(
        ["Група інвалідності: Це обов'язкове питання: оберіть відповідь."]
    )
    assert not Response.objects.exists()
    page.get_by_label("II група", exact=True).check()
    # a repeat: each entry's relevance is its own
    page.locator("#f-household-0-member_age").fill("70")
    expect(page.locator("#f-household-0-member_needs_care")).to_be_visible()
    page.get_by_role("button", name="Додати запис").click()
    page.locator("#f-household-1-member_age").fill("10")
    expect(page.locator("#f-household-1-member_needs_care")).to_be_hidden()
    page.locator("#f-household-0-member_needs_care").get_by_label("Так").check()
    page.get_by_role("button", name="Надіслати анкету").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Дякуємо! Вашу анкету отримано")
    assert axe_violations(page) == []
    stored = Response.objects.get(survey=survey)
    assert stored.answers["age"] == 45
    assert stored.answers["income"] == "12.5"
    assert stored.answers["disability_group"] == "group_2"
    assert stored.answers["household"] == [
        {"member_age": 70, "member_needs_care": "yes"},
        {"member_age": 10},
    ]
    assert page.evaluate("localStorage.length") == 0


def test_unfinished_answers_survive_a_reload(live_server: Any, page: Page, world: World) -> None:
    survey = _open(world)
    _form(page, live_server, survey)
    page.get_by_label("Як до вас звертатися?").fill("Оля")
    page.locator("#f-has_disability").get_by_label("Так").check()
    page.get_by_role("button", name="Додати запис").click()
    page.locator("#f-household-1-member_name").fill("Марія")
    page.reload()
    expect(page.locator("#restored-notice")).to_be_visible()
    expect(page.get_by_label("Як до вас звертатися?")).to_have_value("Оля")
    expect(page.locator("#f-household-1-member_name")).to_have_value("Марія")
    expect(page.locator("#f-g-disability")).to_be_visible()


EXPRESSIONS = [
    "${age} > 18 and ${has} = 'yes'",
    "selected(${services}, 'other') or count-selected(${services}) >= 3",
    "not(${empty}) and string-length(${name}) = 3",
    "-${age} + 2 * 3 - 10 div 4 + 7 mod 3",
    "${empty} > 5",
    "${d} <= today() and ${d} = '2024-03-01'",
    "regex(${phone}, '^0[0-9]{9}$')",
    "${age} = '30'",
    "1 div 0 > 1000",
    "(${age} - 30) div 0 = 0",
]
ANSWERS: dict[str, Value] = {
    "age": 30.0,
    "has": "yes",
    "services": "home_care other",
    "empty": "",
    "name": "Оля",
    "d": "2024-03-01",
    "phone": "0501234567",
}


def test_the_browser_evaluates_expressions_as_the_server_does(
    live_server: Any, page: Page, world: World
) -> None:
    _form(page, live_server, _open(world))
    today = datetime.date(2024, 6, 15)
    expected = [
        evaluate(parse(text), Context(lookup=lambda n: ANSWERS.get(n, ""), today=today))
        for text in EXPRESSIONS
    ]
    found = page.evaluate(
        """([texts, answers]) => texts.map(t => TurbotaXLSForm.evaluate(
             TurbotaXLSForm.parse(t),
             {lookup: n => (n in answers ? answers[n] : ""), current: "", today: "2024-06-15"}))""",
        [EXPRESSIONS, ANSWERS],
    )
    assert found == expected


def _staff_pages(world: World) -> list[str]:
    survey = make_survey(world.hromada_a, status=SurveyStatus.OPEN, template="satisfaction")
    for difficulty in ["easy"] * 6 + ["very_difficult"]:
        add_response(survey, {"difficulty": difficulty, "sex": "female", "providers": ["uszn"]})
    response = survey.responses.first()
    assert response is not None
    assessment = start_assessment(
        provider=world.provider_a,
        service=home_care(),
        kind=AssessmentKind.INTERNAL,
        period=Period.year(2024),
        by=AnonymousUser(),
    )
    complaint = make_complaint(world)
    code = world.hromada_a.code
    return [
        reverse("surveys:list", args=[code]),
        reverse("surveys:detail", args=[survey.pk]),
        reverse("surveys:results", args=[survey.pk]),
        reverse("surveys:settings", args=[survey.pk]),
        reverse("surveys:version", args=[survey.pk, 1]),
        reverse("surveys:paper", args=[survey.pk]),
        reverse("surveys:submissions", args=[survey.pk]),
        reverse("surveys:responses", args=[survey.pk]),
        reverse("surveys:response", args=[survey.pk, response.pk]),
        reverse("surveys:needs_feed", args=[survey.pk]),
        reverse("surveys:quality_hromada", args=[code]),
        reverse("surveys:quality_provider", args=[world.provider_a.pk]),
        reverse("surveys:assessment", args=[assessment.pk]),
        reverse("surveys:complaints", args=[code]),
        reverse("surveys:complaint", args=[complaint.pk]),
    ]


def test_survey_and_quality_pages_pass_axe(live_server: Any, page: Page, world: World) -> None:
    published = make_survey(world.hromada_a, status=SurveyStatus.PUBLISHED, template="satisfaction")
    for answer in ["easy"] * 7 + ["some_difficulty"] * 2:
        add_response(published, {"difficulty": answer, "sex": "male"})
    for url in [reverse("surveys:public_list"), reverse("surveys:results", args=[published.pk])]:
        page.goto(live_server.url + url)
        assert axe_violations(page) == [], url
    user = world.users["hromada_staff"]
    assert user is not None
    sign_in(page, user, live_server)
    for url in _staff_pages(world):
        page.goto(live_server.url + url)
        assert axe_violations(page) == [], url


def test_the_form_fits_a_phone_screen_without_sideways_scrolling(
    live_server: Any, page: Page, world: World
) -> None:
    survey = _open(world)
    page.set_viewport_size({"width": 360, "height": 740})
    _form(page, live_server, survey)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"
    for field in (page.get_by_label("Як до вас звертатися?"), page.locator("#f-has_disability")):
        box = field.bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= 360
    send = page.get_by_role("button", name="Надіслати анкету")
    send.scroll_into_view_if_needed()
    box = send.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= 360
    assert box["height"] >= 24  # a target a finger can hit (WCAG 2.2, 2.5.8)
