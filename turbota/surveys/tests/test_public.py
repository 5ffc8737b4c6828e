"""The public questionnaire: no login; the server checks every answer; one response per
submission token; a visitor sending too many is refused; nothing half-written."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from conftest import World
from turbota.surveys import public_views
from turbota.surveys.enums import SurveyStatus
from turbota.surveys.models import Response, Survey
from turbota.surveys.tests.factories import make_survey

ANSWERS: dict[str, object] = {
    "nickname": "Оля",
    "age": "45",
    "has_disability": "yes",
    "disability_group": "group_1",
    "services": ["home_care", "day_care"],
    "_repeat:household": "0",
    "household:0:member_name": "Іван",
    "household:0:member_age": "70",
    "household:0:member_needs_care": "yes",
    "settlement_type": "urban",
}


@pytest.fixture(autouse=True)
def _no_earlier_visits() -> None:
    cache.clear()  # the rate limit counts in the cache


@pytest.fixture
def survey(world: World) -> Survey:
    return make_survey(world.hromada_a, status=SurveyStatus.OPEN)


def _url(survey: Survey) -> str:
    return reverse("surveys:respond", args=[survey.public_key])


def _token(client: Client, survey: Survey, query: str = "") -> str:
    page = client.get(_url(survey) + query).content.decode()
    found = re.search(r'name="_token" value="([^"]+)"', page)
    assert found
    return found.group(1)


def _send(client: Client, survey: Survey, answers: dict[str, object], token: str | None = None):
    token = token if token is not None else _token(client, survey)
    return client.post(_url(survey), {**answers, "_token": token, "_send": "1"})


def test_a_resident_answers_without_an_account_and_is_thanked(survey: Survey) -> None:
    client = Client()
    response = _send(client, survey, ANSWERS)
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:thanks", args=[survey.public_key])
    stored = Response.objects.get(survey=survey)
    assert stored.channel == "web"
    assert stored.answers["age"] == 45
    assert stored.answers["services"] == ["home_care", "day_care"]
    assert stored.answers["household"] == [
        {"member_name": "Іван", "member_age": 70, "member_needs_care": "yes"}
    ]
    assert stored.answers["start"] <= stored.answers["end"]
    thanks = client.get(response["Location"])
    assert "Дякуємо! Вашу анкету отримано" in thanks.content.decode()


def test_the_same_questionnaire_sent_twice_is_kept_once(survey: Survey) -> None:
    client = Client()
    token = _token(client, survey)
    _send(client, survey, ANSWERS, token)
    again = _send(client, survey, ANSWERS, token)
    assert again.status_code == 302
    assert again["Location"].endswith("?duplicate=1")
    assert Response.objects.filter(survey=survey).count() == 1
    page = client.get(again["Location"]).content.decode()
    assert "Цю анкету вже було надіслано раніше" in page


def test_a_bad_answer_comes_back_with_its_message_and_nothing_is_written(survey: Survey) -> None:
    response = _send(Client(), survey, ANSWERS | {"age": "150", "disability_group": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#f-age"' in page  # the error summary links to the field
    assert "Вік має бути від 14 до 110 років." in page
    assert 'href="#f-disability_group-0"' in page
    assert 'value="150"' in page  # the answers are kept
    assert 'aria-invalid="true"' in page
    assert not Response.objects.exists()


def test_a_question_found_not_relevant_is_hidden_when_the_form_comes_back(
    survey: Survey,
) -> None:
    page = _send(Client(), survey, ANSWERS | {"has_disability": "no", "age": "1"}).content
    html = page.decode()
    group = re.search(r'<fieldset class="item group" id="f-g-disability"[^>]*>', html)
    assert group
    assert " hidden" in group.group(0)


def test_a_visitor_who_sends_too_many_is_refused(
    survey: Survey, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(public_views, "PER_HOUR", 2)
    client = Client()
    for _ in range(2):
        assert _send(client, survey, ANSWERS).status_code == 302
    refused = _send(client, survey, ANSWERS)
    assert refused.status_code == 429
    assert "забагато анкет" in refused.content.decode()
    assert Response.objects.filter(survey=survey).count() == 2
    other = Client(REMOTE_ADDR="10.9.9.9")
    assert _send(other, survey, ANSWERS).status_code == 302


def test_a_forged_or_foreign_token_is_refused(survey: Survey, world: World) -> None:
    other = make_survey(world.hromada_a, status=SurveyStatus.OPEN)
    client = Client()
    foreign = _token(client, other)
    for token in ("forged", foreign, ""):
        response = _send(client, survey, ANSWERS, token)
        assert response.status_code == 400
        assert "Сторінка анкети застаріла" in response.content.decode()
    assert not Response.objects.exists()


def test_a_closed_survey_takes_no_answers(survey: Survey) -> None:
    client = Client()
    token = _token(client, survey)
    Survey.objects.filter(pk=survey.pk).update(status=SurveyStatus.CLOSED)
    response = _send(client, survey, ANSWERS, token)
    assert response.status_code == 200
    assert "Збір відповідей на це опитування завершено" in response.content.decode()
    assert not Response.objects.exists()


def test_the_staff_preview_of_a_draft_checks_but_never_keeps(world: World) -> None:
    draft = make_survey(world.hromada_a)
    client = world.client_for("hromada_staff")
    page = client.get(_url(draft)).content.decode()
    assert "Попередній перегляд" in page
    response = _send(client, draft, ANSWERS)
    assert response.status_code == 200
    assert not Response.objects.exists()


def test_without_javascript_an_entry_is_added_to_a_repeat(survey: Survey) -> None:
    client = Client()
    response = client.post(
        _url(survey), {**ANSWERS, "_token": _token(client, survey), "_add": "household"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="household:1:member_name"' in page
    assert 'value="Іван"' in page
    assert not Response.objects.exists()


def test_the_form_is_shown_in_another_language_of_the_form(survey: Survey) -> None:
    page = Client().get(_url(survey) + "?lang=English (en)").content.decode()
    assert 'lang="en"' in page
    assert "How old are you?" in page
    token_page = Client().get(_url(survey)).content.decode()
    assert "Скільки вам повних років?" in token_page


def test_every_question_has_a_label_and_choices_have_a_legend(survey: Survey) -> None:
    page = Client().get(_url(survey)).content.decode()
    assert '<label for="f-age">' in page
    assert re.search(r'<fieldset class="item question"[^>]*id="f-has_disability"', page)
    assert "<legend>Чи маєте ви інвалідність?" in page
    assert 'inputmode="numeric"' in page
