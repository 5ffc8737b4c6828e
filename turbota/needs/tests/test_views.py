from __future__ import annotations

import re
from decimal import Decimal

from django.urls import reverse

from conftest import World
from turbota.catalog.models import Service, VulnerableGroup
from turbota.needs.enums import StudyStatus
from turbota.needs.models import (
    NeedsMethod,
    NeedsStudy,
    NormativeRate,
    StudyTransition,
)
from turbota.needs.tests.factories import hand_computed, survey_share
from turbota.people.models import Person


def _html(world: World, role: str, url: str) -> str:
    response = world.client_for(role).get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _cells(html: str, code: str) -> list[str]:
    row = re.search(rf"<th scope=\"row\">{re.escape(code)} .*?</th>(.*?)</tr>", html, re.S)
    assert row, code
    return [re.sub(r"<.*?>", "", c).strip() for c in re.findall(r"<td.*?</td>", row[1], re.S)]


def test_staff_see_need_served_and_unmet_by_sex_for_the_hromada(world: World) -> None:
    study = hand_computed(world)
    html = _html(world, "hromada_staff", reverse("needs:study_detail", args=[study.pk]))
    # women 9/2/7, men 4/1/3, total 13/3/10, 1 waiting, coverage 23 %, capacity 10
    assert _cells(html, "015.1") == [
        "9",
        "2",
        "7",
        "4",
        "1",
        "3",
        "13",
        "3",
        "10",
        "1",
        "23 %",
        "10",
    ]
    assert '<th scope="row">022.0' not in html  # nothing to show: left out by default


def test_a_settlement_is_chosen_and_all_services_can_be_shown(world: World) -> None:
    study = hand_computed(world)
    url = reverse("needs:study_detail", args=[study.pk])
    html = _html(world, "working_group", f"{url}?settlement={world.village_a.pk}&all_services=on")
    assert _cells(html, "015.1")[:3] == ["3", "0", "3"]
    assert '<th scope="row">022.0' in html


def test_the_public_sees_a_published_study_with_small_counts_hidden(world: World) -> None:
    study = hand_computed(world)
    NeedsStudy.objects.filter(pk=study.pk).update(status=StudyStatus.PUBLISHED)
    html = _html(world, "anonymous", reverse("needs:study_detail", args=[study.pk]))
    cells = _cells(html, "015.1")
    # 2 women served: "<5"; women's need and unmet withheld (with the settlements they would
    # give a small count back)
    assert cells[:3] == ["приховано", "&lt;5", "приховано"]
    assert cells[9] == "—"  # waiting list not shown
    assert "Оприлюднена версія" in html


def test_staff_start_approve_and_publish_a_study_and_each_step_is_logged(world: World) -> None:
    client = world.client_for("hromada_staff")
    url = reverse("needs:study_list", args=[world.hromada_a.code])
    response = client.post(url, {"year": "2021"})
    study = NeedsStudy.objects.get(hromada=world.hromada_a, year=2021)
    assert response["Location"] == reverse("needs:study_detail", args=[study.pk])
    assert study.method.name == "Нормативи за вразливими групами"  # the shipped example
    status_url = reverse("needs:study_status", args=[study.pk])
    client.post(status_url, {"to": "approved"})
    client.post(status_url, {"to": "published"})
    study.refresh_from_db()
    assert study.status == StudyStatus.PUBLISHED
    steps = [(t.from_status, t.to_status) for t in StudyTransition.objects.filter(study=study)]
    assert steps == [("draft", "approved"), ("approved", "published")]


def test_a_second_study_for_the_same_year_is_refused(world: World) -> None:
    hand_computed(world)
    url = reverse("needs:study_list", args=[world.hromada_a.code])
    response = world.client_for("hromada_staff").post(url, {"year": "2021"})
    assert response.status_code == 400
    assert "Визначення потреб на 2021 рік уже є." in response.content.decode()


def test_a_published_study_cannot_go_back_to_draft(world: World) -> None:
    study = hand_computed(world)
    NeedsStudy.objects.filter(pk=study.pk).update(status=StudyStatus.PUBLISHED)
    client = world.client_for("hromada_staff")
    response = client.post(
        reverse("needs:study_status", args=[study.pk]), {"to": "draft"}, follow=True
    )
    assert "Не можна перевести зі стану «оприлюднено» у «чернетка»." in response.content.decode()
    study.refresh_from_db()
    assert study.status == StudyStatus.PUBLISHED


def test_a_shared_method_is_copied_into_a_new_version_before_its_rates_change(
    world: World,
) -> None:
    study = hand_computed(world)
    client = world.client_for("working_group")
    page = _html(world, "working_group", reverse("needs:method_edit", args=[study.pk]))
    assert "Створити нову версію методики" in page  # the test method is not the hromada's
    client.post(reverse("needs:method_new_version", args=[study.pk]))
    study.refresh_from_db()
    assert (study.method.version, study.method.hromada) == (2, world.hromada_a)
    assert study.method.rates.count() == 2
    old = NeedsMethod.objects.get(name="Тестова методика", version=1)
    assert old.rates.count() == 2  # untouched


def test_the_working_group_edits_the_rates_of_the_hromadas_own_version(world: World) -> None:
    study = hand_computed(world)
    client = world.client_for("working_group")
    client.post(reverse("needs:method_new_version", args=[study.pk]))
    study.refresh_from_db()
    rates = list(NormativeRate.objects.filter(method=study.method).order_by("pk"))
    data = {
        "form-TOTAL_FORMS": "3",
        "form-INITIAL_FORMS": "2",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for index, rate in enumerate(rates):
        data |= {
            f"form-{index}-id": str(rate.pk),
            f"form-{index}-service": str(rate.service_id),
            f"form-{index}-group": str(rate.group_id),
            f"form-{index}-rate": "0.1000"
            if rate.group.code == "older_persons"
            else str(rate.rate),
        }
    data |= {
        "form-2-service": str(Service.objects.get(code="019.0").pk),
        "form-2-group": str(VulnerableGroup.objects.get(code="older_persons").pk),
        "form-2-rate": "0.0200",
    }
    response = client.post(reverse("needs:method_edit", args=[study.pk]), data)
    assert response.status_code == 302
    found = {(r.service.code, r.group.code): r.rate for r in study.method.rates.all()}
    assert found[("015.1", "older_persons")] == Decimal("0.1000")
    assert found[("019.0", "older_persons")] == Decimal("0.0200")


def test_a_rate_above_one_is_refused(world: World) -> None:
    study = hand_computed(world)
    client = world.client_for("hromada_staff")
    client.post(reverse("needs:method_new_version", args=[study.pk]))
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-service": str(Service.objects.get(code="019.0").pk),
        "form-0-group": str(VulnerableGroup.objects.get(code="older_persons").pk),
        "form-0-rate": "1.5",
    }
    response = client.post(reverse("needs:method_edit", args=[study.pk]), data)
    assert response.status_code == 400
    assert "Переконайтеся, що це значення менше чи дорівнює 1." in response.content.decode()


def test_staff_flag_a_service_the_hromada_cannot_provide_for_the_oblast(world: World) -> None:
    study = hand_computed(world)
    client = world.client_for("hromada_staff")
    shelter = Service.objects.get(code="015.2")
    url = reverse("needs:unprovidable_add", args=[study.pk])
    response = client.post(url, {"service": shelter.pk, "reason": "немає приміщення й кадрів"})
    assert response.status_code == 302
    again = client.post(url, {"service": shelter.pk, "reason": "ще раз"})
    assert "Цю послугу вже позначено." in again.content.decode()
    html = _html(world, "oblast_analyst", reverse("needs:study_detail", args=[study.pk]))
    assert "немає приміщення й кадрів" in html


def test_each_report_downloads_with_its_type(world: World) -> None:
    study = hand_computed(world)
    client = world.client_for("hromada_staff")
    for fmt, start in (("docx", b"PK"), ("xlsx", b"PK"), ("pdf", b"%PDF")):
        response = client.get(reverse("needs:study_download", args=[study.pk, fmt]))
        assert response.status_code == 200
        assert response.content.startswith(start), fmt
        assert f"needs-{world.hromada_a.code}-2021.{fmt}" in response["Content-Disposition"]
    assert client.get(reverse("needs:study_download", args=[study.pk, "exe"])).status_code == 404


def test_the_study_page_shows_past_recipients_and_the_forecast(world: World) -> None:
    study = hand_computed(world)
    html = _html(world, "hromada_staff", reverse("needs:study_detail", args=[study.pk]))
    section = html[html.index('id="outlook-heading"') :]
    # no population trend: inertial stays at 13; realistic +2 %: 13.26, 13.53, 13.80;
    # modernisation +5 %: 13.65, 14.33, 15.05
    cells = _cells(section, "015.1")
    assert cells == ["1", "2", "13", "13", "13", "13", "13", "14", "14", "14", "14", "15"]


def test_the_working_group_sets_the_scenarios_of_a_draft(world: World) -> None:
    study = hand_computed(world)
    url = reverse("needs:scenarios_edit", args=[study.pk])
    client = world.client_for("working_group")
    response = client.post(url, {"inertial": "0", "realistic": "1,5", "modernisation": "200"})
    assert response.status_code == 400  # 200 % is out of range
    response = client.post(url, {"inertial": "-1", "realistic": "1,5", "modernisation": "8"})
    assert response.status_code == 302
    changes = {a.scenario: a.extra_change_percent for a in study.scenarios.all()}
    assert changes == {
        "inertial": Decimal("-1.00"),
        "realistic": Decimal("1.50"),
        "modernisation": Decimal("8.00"),
    }


def test_the_second_of_two_people_saving_the_scenarios_is_refused_with_input_kept(
    world: World,
) -> None:
    # given: the staff member and the working-group member open the same study's scenarios
    study = hand_computed(world)
    url = reverse("needs:scenarios_edit", args=[study.pk])
    staff, group = world.client_for("hromada_staff"), world.client_for("working_group")
    staff.post(url, {"stamp": "", "inertial": "0", "realistic": "2", "modernisation": "5"})
    opened = ",".join(f"{s}:1" for s in ("inertial", "modernisation", "realistic"))
    for client in (staff, group):
        assert f'name="stamp" value="{opened}"' in client.get(url).content.decode()
    # when: both save what they opened, the staff member first
    first = staff.post(
        url, {"stamp": opened, "inertial": "0", "realistic": "3", "modernisation": "5"}
    )
    second = group.post(
        url, {"stamp": opened, "inertial": "0", "realistic": "7,25", "modernisation": "5"}
    )
    # then: the second is refused, changes nothing, and keeps what was typed
    assert first.status_code == 302
    assert second.status_code == 409
    page = second.content.decode()
    assert "змінив інший користувач" in page
    assert 'value="7,25"' in page
    current = "inertial:1,modernisation:1,realistic:2"
    assert f'name="stamp" value="{current}"' in page
    realistic = study.scenarios.get(scenario="realistic")
    assert (realistic.extra_change_percent, realistic.version) == (Decimal("3.00"), 2)
    # and saving again over the current assumptions is a deliberate overwrite
    again = group.post(
        url, {"stamp": current, "inertial": "0", "realistic": "7,25", "modernisation": "5"}
    )
    assert again.status_code == 302
    realistic.refresh_from_db()
    assert (realistic.extra_change_percent, realistic.version) == (Decimal("7.25"), 3)


def test_synthetic_recipients_are_announced_on_the_study(world: World) -> None:
    study = hand_computed(world)
    url = reverse("needs:study_detail", args=[study.pk])
    assert "синтетичні" not in _html(world, "hromada_staff", url)
    Person.objects.filter(identity__last_name="Перша").update(is_synthetic=True)
    assert "синтетичні (вигадані для демонстрації) записи — осіб: 1." in _html(
        world, "hromada_staff", url
    )


def _survey_share(study: NeedsStudy) -> None:
    survey_share(study, source="Опитування «Потреби мешканців», питання q1, варіант yes: 7 з 16")


def test_the_study_page_names_each_survey_share_used_instead_of_a_rate(world: World) -> None:
    study = hand_computed(world)
    _survey_share(study)
    html = _html(world, "hromada_staff", reverse("needs:study_detail", args=[study.pk]))
    line = re.search(r'<ul class="survey-shares">(.*?)</ul>', html, re.S)
    assert line, "no list of survey shares"
    text = " ".join(re.sub(r"<.*?>", "", line[1]).split())
    assert "015.1" in text
    assert "0,4375" in text
    assert "7 з 16" in text


def test_the_public_page_names_the_surveyed_pairs_but_not_their_shares(world: World) -> None:
    study = hand_computed(world)
    _survey_share(study)
    NeedsStudy.objects.filter(pk=study.pk).update(status=StudyStatus.PUBLISHED)
    html = _html(world, "anonymous", reverse("needs:study_detail", args=[study.pk]))
    line = re.search(r'<ul class="survey-shares">(.*?)</ul>', html, re.S)
    assert line, "no list of survey shares"
    assert "015.1" in line[1]
    assert "0,4375" not in html
    assert "7 з 16" not in html


def test_a_study_without_survey_shares_shows_no_such_list(world: World) -> None:
    study = hand_computed(world)
    html = _html(world, "hromada_staff", reverse("needs:study_detail", args=[study.pk]))
    assert "survey-shares" not in html
