"""Staff pages of surveys, and what the public may read of the results."""

from __future__ import annotations

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import World
from turbota.catalog.models import VulnerableGroup
from turbota.needs.actions import start_study
from turbota.needs.models import SurveyShare
from turbota.surveys.enums import SurveyStatus
from turbota.surveys.models import Response, ResponseWithdrawal, Survey
from turbota.surveys.tests.factories import (
    add_response,
    home_care,
    make_complaint,
    make_survey,
    shipped,
)
from turbota.surveys.tests.xlsforms import xlsform


def _upload(content: bytes, name: str = "form.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_staff_import_a_questionnaire_and_land_on_its_page(world: World) -> None:
    client = world.client_for("hromada_staff")
    response = client.post(
        reverse("surveys:list", args=[world.hromada_a.code]),
        {"file": _upload(shipped("satisfaction")), "title": "", "kind": "satisfaction"},
    )
    survey = Survey.objects.get()
    assert response["Location"] == reverse("surveys:detail", args=[survey.pk])
    assert survey.kind == "satisfaction"
    page = client.get(response["Location"]).content.decode()
    assert "Оцінка задоволеності отримувачів соціальних послуг" in page


def test_an_unsupported_form_is_refused_with_the_list_of_what_and_where(world: World) -> None:
    content = xlsform(
        [
            {"type": "text", "name": "a", "label": "А"},
            {"type": "image", "name": "photo", "label": "Фото"},
        ]
    )
    response = world.client_for("hromada_staff").post(
        reverse("surveys:list", args=[world.hromada_a.code]),
        {"file": _upload(content), "kind": "general"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Форму не імпортовано" in page
    assert '<td class="num">3</td><td>type: image</td>' in page
    assert not Survey.objects.exists()


def test_a_malformed_form_is_refused_with_its_reason(world: World) -> None:
    response = world.client_for("hromada_staff").post(
        reverse("surveys:list", args=[world.hromada_a.code]),
        {"file": _upload(b"just text, no form"), "kind": "general"},
    )
    assert response.status_code == 400
    assert "Форма не відповідає стандарту XLSForm" in response.content.decode()


def test_the_same_file_as_a_new_version_is_refused_on_the_page(world: World) -> None:
    survey = make_survey(world.hromada_a)
    response = world.client_for("hromada_staff").post(
        reverse("surveys:version_new", args=[survey.pk]), {"file": _upload(shipped("all-types"))}
    )
    assert response.status_code == 400
    assert "Файл не змінився: це версія 1" in response.content.decode()


def test_opening_a_survey_gives_its_public_link(world: World) -> None:
    survey = make_survey(world.hromada_a)
    client = world.client_for("hromada_staff")
    client.post(reverse("surveys:status", args=[survey.pk]), {"to": "open"})
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.OPEN
    page = client.get(reverse("surveys:detail", args=[survey.pk])).content.decode()
    assert reverse("surveys:respond", args=[survey.public_key]) in page


def test_staff_enter_a_numbered_paper_questionnaire_once(world: World) -> None:
    survey = make_survey(world.hromada_a, status=SurveyStatus.OPEN)
    client = world.client_for("hromada_staff")
    url = reverse("surveys:paper", args=[survey.pk])
    answers = {"nickname": "Паперова", "age": "66", "has_disability": "no", "paper_number": "12"}
    for _ in range(2):
        page = client.get(url).content.decode()
        token = page.split('name="_token" value="')[1].split('"')[0]
        response = client.post(url, {**answers, "_token": token, "_send": "1"}, follow=True)
    stored = Response.objects.get(survey=survey)
    assert (stored.channel, stored.paper_number, stored.entered_by) == (
        "paper",
        "12",
        world.users["hromada_staff"],
    )
    assert "Анкету № 12 уже внесено." in response.content.decode()


def test_a_response_page_lists_the_entries_of_a_repeat(world: World) -> None:
    survey = make_survey(world.hromada_a, status=SurveyStatus.OPEN)
    response = add_response(
        survey,
        {
            "nickname": "Оля",
            "has_disability": "no",
            "household": [{"member_name": "Іван", "member_age": 72}, {"member_name": "Марія"}],
        },
    )
    page = world.client_for("hromada_staff").get(
        reverse("surveys:response", args=[survey.pk, response.pk])
    )
    html = page.content.decode()
    assert "записів: 2" in html
    assert "<dd>Іван" in html
    assert "<dd>Марія" in html
    assert "<dd>Ні" in html  # a choice by its label


def test_the_submissions_page_imports_a_file_and_says_what_it_did(world: World) -> None:
    survey = make_survey(world.hromada_a, status=SurveyStatus.OPEN)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["nickname", "age", "has_disability", "_uuid"])
    sheet.append(["Оля", 40, "no", "u-1"])
    buffer = io.BytesIO()
    book.save(buffer)
    response = world.client_for("hromada_staff").post(
        reverse("surveys:submissions", args=[survey.pk]),
        {"file": _upload(buffer.getvalue(), "kobo.xlsx"), "version": survey.versions.get().pk},
    )
    assert response.status_code == 200
    assert "Додано відповідей: 1" in response.content.decode()


def _published_with_a_small_count(world: World) -> Survey:
    survey = make_survey(world.hromada_a, status=SurveyStatus.CLOSED, template="satisfaction")
    for difficulty in ["easy"] * 9 + ["very_difficult"] * 2 + ["some_difficulty"] * 6:
        add_response(survey, {"difficulty": difficulty})
    Survey.objects.filter(pk=survey.pk).update(status=SurveyStatus.PUBLISHED)
    return survey


def test_the_public_reads_published_results_with_small_counts_hidden(world: World) -> None:
    survey = _published_with_a_small_count(world)
    url = reverse("surveys:results", args=[survey.pk])
    public = world.client_for("anonymous").get(url).content.decode()
    assert "Оприлюднена версія" in public
    assert '<td class="num suppressed">&lt;5</td>' in public
    assert "11,8" not in public  # the share of the hidden 2 of 17
    staff = world.client_for("working_group").get(url).content.decode()
    assert "Оприлюднена версія" not in staff
    assert '<td class="num">2</td><td class="num">11,8</td>' in staff


def test_the_margin_of_error_is_shown_with_its_formula(world: World) -> None:
    survey = _published_with_a_small_count(world)
    page = world.client_for("anonymous").get(reverse("surveys:results", args=[survey.pk]))
    # 1,96·√(0,25/17) = 23,77 %
    assert "e = z·√(p(1 − p)/n) = 1,96·√(0,25/17) = 23,77 %" in page.content.decode()


def test_staff_hand_a_share_over_to_a_draft_needs_study(world: World) -> None:
    survey = _published_with_a_small_count(world)
    study = start_study(hromada=world.hromada_a, year=2025, by=world.users["hromada_staff"])  # type: ignore[arg-type]
    group = VulnerableGroup.objects.get(code="older_persons")
    response = world.client_for("hromada_staff").post(
        reverse("surveys:needs_feed", args=[survey.pk]),
        {
            "answer": "difficulty|some_difficulty",
            "study": study.pk,
            "service": home_care().pk,
            "group": group.pk,
        },
    )
    assert response["Location"] == reverse("needs:study_detail", args=[study.pk])
    share = SurveyShare.objects.get(study=study)
    assert str(share.share) == "0.3529"  # 6 of 17


def test_settings_keep_the_population_and_the_breakdowns(world: World) -> None:
    survey = make_survey(world.hromada_a, template="satisfaction")
    response = world.client_for("hromada_staff").post(
        reverse("surveys:settings", args=[survey.pk]),
        {
            "title": "Нова назва",
            "description": "",
            "kind": "satisfaction",
            "population": "1000",
            "population_note": "отримувачі послуг",
            "stated_margin": "7,0",
            "sex_question": "sex",
            "age_question": "",
            "area_question": "settlement_type",
            "save": "1",
        },
    )
    assert response.status_code == 302
    survey.refresh_from_db()
    assert (survey.title, survey.population, survey.age_question) == ("Нова назва", 1000, "")
    assert str(survey.stated_margin) == "7.0"


def test_the_lists_of_responses_and_complaints_take_few_queries(
    world: World, django_assert_max_num_queries
) -> None:
    survey = make_survey(world.hromada_a, status=SurveyStatus.OPEN)
    for number in range(60):
        add_response(survey, {"nickname": f"Особа {number}"})
        make_complaint(world, complainant_name="")
    client = world.client_for("hromada_staff")
    client.get(reverse("surveys:responses", args=[survey.pk]))  # sessions, memberships warm
    with django_assert_max_num_queries(12):
        assert client.get(reverse("surveys:responses", args=[survey.pk])).status_code == 200
    with django_assert_max_num_queries(12):
        page = client.get(reverse("surveys:complaints", args=[world.hromada_a.code]))
        assert page.status_code == 200


def test_published_results_cross_tabulate_age_in_years_by_band_with_small_cells_hidden(
    world: World,
) -> None:
    # given: the test form (age in years): yes 5 aged 25 and 2 aged 70, no 6 aged 30 and 7
    # aged 65
    survey = make_survey(world.hromada_a, status=SurveyStatus.CLOSED)
    people = [(25, "yes")] * 5 + [(70, "yes")] * 2 + [(30, "no")] * 6 + [(65, "no")] * 7
    for age, disability in people:
        add_response(survey, {"nickname": "x", "age": age, "has_disability": disability})
    Survey.objects.filter(pk=survey.pk).update(status=SurveyStatus.PUBLISHED)
    url = reverse("surveys:results", args=[survey.pk]) + "?crosstab=has_disability"
    # when
    public = world.client_for("anonymous").get(url).content.decode()
    staff = world.client_for("working_group").get(url).content.decode()
    # then: the bands are the columns; the public sees the 2 hidden, and what gives it back
    header = '<th scope="col" class="num">18–34</th><th scope="col" class="num">35–59</th>'
    assert header + '<th scope="col" class="num">60+</th>' in public
    assert "групи 18–34, 35–59, 60+" in public
    assert '<th scope="row">Так</th><td class="num">приховано</td>' in public
    assert '<td class="num">&lt;5</td>' in public
    assert '<th scope="row">Так</th><td class="num">5 (45,5)</td>' in staff  # 5 of 11


def test_settings_offer_age_in_years_and_refuse_bands_that_do_not_grow(world: World) -> None:
    survey = make_survey(world.hromada_a)
    client = world.client_for("hromada_staff")
    url = reverse("surveys:settings", args=[survey.pk])
    page = client.get(url).content.decode()
    assert '<option value="age" selected>age — Скільки вам повних років? (вік у роках' in page
    fields = {"title": survey.title, "kind": survey.kind, "age_question": "age", "save": "1"}
    refused = client.post(url, fields | {"age_bands": "60, 18"})
    assert refused.status_code == 400
    assert "мають зростати" in refused.content.decode()
    assert client.post(url, fields | {"age_bands": "18, 65"}).status_code == 302
    survey.refresh_from_db()
    assert (survey.age_question, survey.age_bands) == ("age", "18, 65")
    assert survey.bands.description == "18–64, 65+"


def test_the_withdrawal_page_shows_what_will_go_and_deletes_nothing(world: World) -> None:
    survey = make_survey(world.hromada_a, status=SurveyStatus.OPEN)
    response = add_response(survey, {"nickname": "Оля", "has_disability": "no"})
    client = world.client_for("hromada_staff")
    detail = client.get(reverse("surveys:response", args=[survey.pk, response.pk]))
    url = reverse("surveys:response_withdraw", args=[survey.pk, response.pk])
    assert url in detail.content.decode()
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert f"Буде видалено відповідь № {response.pk}" in html
    assert "<dd>Оля" in html
    assert 'name="reason"' in html
    assert Response.objects.filter(pk=response.pk).exists()
    assert not ResponseWithdrawal.objects.exists()


def test_a_withdrawal_without_a_reason_is_sent_back(world: World) -> None:
    survey = make_survey(world.hromada_a, status=SurveyStatus.OPEN)
    response = add_response(survey, {"nickname": "Оля"})
    url = reverse("surveys:response_withdraw", args=[survey.pk, response.pk])
    page = world.client_for("hromada_staff").post(url, {"reason": ""})
    assert page.status_code == 400
    assert "Вкажіть причину вилучення." in page.content.decode()
    assert Response.objects.filter(pk=response.pk).exists()


def test_a_withdrawn_paper_questionnaire_is_listed_and_its_number_entered_again(
    world: World,
) -> None:
    # given paper questionnaire № 12 typed in with a mistake
    survey = make_survey(world.hromada_a, status=SurveyStatus.OPEN)
    client = world.client_for("hromada_staff")
    paper = reverse("surveys:paper", args=[survey.pk])

    def enter(nickname: str) -> None:
        token = client.get(paper).content.decode().split('name="_token" value="')[1]
        answers = {"nickname": nickname, "age": "66", "has_disability": "no", "paper_number": "12"}
        client.post(paper, {**answers, "_token": token.split('"')[0], "_send": "1"})

    enter("Помилкова")
    wrong = Response.objects.get(survey=survey)
    # when it is withdrawn
    done = client.post(
        reverse("surveys:response_withdraw", args=[survey.pk, wrong.pk]),
        {"reason": "анкета іншого опитування"},
        follow=True,
    )
    # then the responses page lists the withdrawal, and № 12 goes in again
    html = done.content.decode()
    assert f"Відповідь № {wrong.pk} вилучено." in html
    listed = html.split('id="withdrawals-heading"')[1]
    assert "анкета іншого опитування" in listed
    assert "<td>12</td>" in listed
    assert "Помилкова" not in html
    enter("Виправлена")
    stored = Response.objects.get(survey=survey)
    assert (stored.paper_number, stored.answers["nickname"]) == ("12", "Виправлена")


def test_published_results_keep_their_responses_and_the_page_says_why(world: World) -> None:
    survey = make_survey(world.hromada_a, status=SurveyStatus.PUBLISHED)
    response = add_response(survey, {"nickname": "Оля"})
    url = reverse("surveys:response_withdraw", args=[survey.pk, response.pk])
    client = world.client_for("hromada_staff")
    assert "зніміть результати з оприлюднення" in client.get(url).content.decode()
    refused = client.post(url, {"reason": "двічі"})
    assert refused.status_code == 400
    assert "зніміть результати з оприлюднення" in refused.content.decode()
    assert Response.objects.filter(pk=response.pk).exists()
