"""The strategy pages at work: two people editing one measure, the import page, monitoring
entries and their lock, the tree, the needs both ways."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import World
from turbota.catalog.models import Service
from turbota.needs.enums import StudyStatus
from turbota.needs.models import NeedsStudy
from turbota.needs.tests.factories import hand_computed
from turbota.people.tests.factories import make_person
from turbota.strategy.enums import PeriodStatus
from turbota.strategy.models import MeasureReport, Node, NodeNeed, PlannedFunding, Strategy
from turbota.strategy.monitoring_actions import open_period
from turbota.strategy.tests.factories import PLAN_TEXT, SEED_004, imported, plan_docx


def _node_post(node: Node, version: int, indicator: str) -> dict[str, str]:
    return {
        "version": str(version),
        "title": node.title,
        "slogan": "",
        "result_indicator": indicator,
        "period_text": "2021-2022",
        "period_start": "2021",
        "period_end": "2022",
        "executors": "Центр надання соціальних послуг",
        "implementation_mark": "",
        "amount_2021_0": "120,5",
    }


def test_the_second_of_two_people_saving_one_measure_is_refused_with_input_kept(
    world: World,
) -> None:
    # given: the staff member and the working-group member open the same measure
    node = imported(world.hromada_a).nodes.get(number="1.1.1")
    staff, group = world.client_for("hromada_staff"), world.client_for("working_group")
    url = reverse("strategy:node_edit", args=[node.pk])
    assert staff.get(url).status_code == 200
    assert group.get(url).status_code == 200
    # when: both save, the staff member first
    first = staff.post(url, _node_post(node, node.version, "два відділення"))
    second = group.post(url, _node_post(node, node.version, "три відділення"))
    # then
    assert first.status_code == 302
    assert second.status_code == 409
    page = second.content.decode()
    assert "змінив інший користувач" in page
    assert "три відділення" in page  # what the second person typed is still in the form
    node.refresh_from_db()
    assert node.result_indicator == "два відділення"
    assert PlannedFunding.objects.get(node=node, year=2021, source=None).amount == Decimal("120.5")
    # and saving again over the current version is a deliberate overwrite
    assert group.post(url, _node_post(node, node.version, "три відділення")).status_code == 302


def test_a_working_group_member_edits_the_strategy_but_sees_no_person(world: World) -> None:
    strategy = imported(world.hromada_a)
    person = make_person(world.city_a)
    group = world.client_for("working_group")
    response = group.get(reverse("strategy:edit", args=[strategy.pk]))
    assert response.status_code == 200
    assert group.get(reverse("people:detail", args=[person.pseudonym])).status_code in (403, 404)
    assert (
        "Шевченко" not in group.get(reverse("strategy:detail", args=[strategy.pk])).content.decode()
    )


def test_the_import_page_shows_what_was_read_with_warnings_then_writes_on_confirm(
    world: World,
) -> None:
    client = world.client_for("working_group")
    upload = SimpleUploadedFile("plan.txt", PLAN_TEXT.read_bytes(), content_type="text/plain")
    response = client.post(
        reverse("strategy:import", args=[world.hromada_a.code]), {"file": upload, "mode": "refuse"}
    )
    assert response.status_code == 302
    preview = client.get(response["Location"]).content.decode()
    assert "після 1.2.1 іде 1.2.3" in preview
    assert "Підтвердити імпорт" in preview
    assert not Strategy.objects.exists()
    job_pk = int(response["Location"].rstrip("/").split("/")[-1])
    applied = client.post(reverse("core:import_apply", args=[job_pk]))
    assert applied.status_code == 302
    strategy = Strategy.objects.get()
    assert strategy.nodes.filter(number="1.2.3").exists()


def test_a_docx_is_imported_through_the_page_too(world: World) -> None:
    client = world.client_for("hromada_staff")
    upload = SimpleUploadedFile("plan.docx", plan_docx())
    response = client.post(
        reverse("strategy:import", args=[world.hromada_a.code]), {"file": upload, "mode": "refuse"}
    )
    preview = client.get(response["Location"]).content.decode()
    assert "1670.5" in preview or "1670,5" in preview


def test_an_unreadable_file_is_refused_on_the_preview(world: World) -> None:
    client = world.client_for("hromada_staff")
    upload = SimpleUploadedFile("notes.txt", "Просто нотатки.".encode())
    response = client.post(
        reverse("strategy:import", args=[world.hromada_a.code]), {"file": upload, "mode": "refuse"}
    )
    page = client.get(response["Location"]).content.decode()
    assert "Файл не можна імпортувати" in page
    assert "Підтвердити імпорт" not in page


def test_the_tree_page_lists_numbers_as_written_with_a_filter(world: World) -> None:
    strategy = imported(world.hromada_a)
    page = world.client_for("oblast_analyst").get(reverse("strategy:detail", args=[strategy.pk]))
    text = page.content.decode()
    assert 'id="tree-filter"' in text
    assert "1.2.3 Сайт громади" in text
    assert "пункту 1.2.2 у документі немає" in text


def _report_post(version: str, done: str) -> dict[str, str]:
    return {
        "version": version,
        "status": "in_progress",
        "done": done,
        "comment": "",
        "spent_0": "80",
    }


def test_monitoring_entries_are_refused_when_stale_or_locked(world: World) -> None:
    strategy = imported(world.hromada_a)
    node = strategy.nodes.get(number="1.1.1")
    period = open_period(strategy=strategy, year=2021, quarter=None)
    client = world.client_for("hromada_staff")
    url = reverse("strategy:report_edit", args=[period.pk, node.pk])
    assert client.post(url, _report_post("", "ремонт розпочато")).status_code == 302
    stale = client.post(url, _report_post("", "інший текст"))
    assert stale.status_code == 409
    assert "інший текст" in stale.content.decode()
    status_url = reverse("strategy:period_status", args=[period.pk])
    client.post(status_url, {"to": "submitted"})
    client.post(status_url, {"to": "approved"})
    period.refresh_from_db()
    assert period.status == PeriodStatus.APPROVED
    assert client.get(url).status_code == 403
    client.post(status_url, {"to": "open"})  # no reason: refused
    period.refresh_from_db()
    assert period.status == PeriodStatus.APPROVED
    client.post(status_url, {"to": "open", "reason": "уточнено суму"})
    period.refresh_from_db()
    assert period.status == PeriodStatus.OPEN
    assert MeasureReport.objects.get().done == "ремонт розпочато"
    page = client.get(reverse("strategy:period", args=[period.pk])).content.decode()
    assert "уточнено суму" in page


def test_the_dashboard_shows_goal_colours_and_budget_by_year(world: World) -> None:
    strategy = imported(world.hromada_a)
    period = open_period(strategy=strategy, year=2021, quarter=None)
    client = world.client_for("hromada_staff")
    client.post(
        reverse("strategy:report_edit", args=[period.pk, strategy.nodes.get(number="1.1.1").pk]),
        _report_post("", "ремонт"),
    )
    page = client.get(reverse("strategy:monitoring", args=[strategy.pk])).content.decode()
    assert "chart.umd.min.js" in page
    assert 'id="chart-year"' in page
    assert "badge-warn" in page  # 80 of 100 planned: 20 % off (1.1.3 unreported: no colour)


def test_a_measure_shows_the_needs_it_answers_with_the_unmet_need(world: World) -> None:
    study = hand_computed(world)
    strategy = imported(world.hromada_a)
    node = strategy.nodes.get(number="1.1.1")
    home_care = Service.objects.get(code="015.1")
    NodeNeed.objects.create(node=node, service=home_care, settlement=world.village_a)
    page = world.client_for("hromada_staff").get(reverse("strategy:node", args=[node.pk]))
    text = page.content.decode()
    assert "015.1" in text
    assert "Лугове" in text
    # Лугове: need 3 women + 1 man, nobody served → 4 unmet
    assert '<td class="num">4</td>' in text
    # and the needs study lists the measure back
    NeedsStudy.objects.filter(pk=study.pk).update(status=StudyStatus.PUBLISHED)
    back = world.client_for("hromada_staff").get(reverse("needs:study_detail", args=[study.pk]))
    assert "Заходи стратегії, що відповідають на ці потреби" in back.content.decode()
    assert "1.1.1 Створити відділення денного догляду" in back.content.decode()


def test_the_public_does_not_see_a_draft_measure_on_the_needs_page(world: World) -> None:
    study = hand_computed(world)
    NeedsStudy.objects.filter(pk=study.pk).update(status=StudyStatus.PUBLISHED)
    node = imported(world.hromada_a).nodes.get(number="1.1.1")
    NodeNeed.objects.create(node=node, service=Service.objects.get(code="015.1"))
    page = world.client_for("anonymous").get(reverse("needs:study_detail", args=[study.pk]))
    assert "Створити відділення денного догляду" not in page.content.decode()


def test_adopting_and_publishing_from_the_page(world: World) -> None:
    strategy = imported(world.hromada_a)
    client = world.client_for("hromada_staff")
    url = reverse("strategy:status", args=[strategy.pk])
    client.post(url, {"action": "adopt", "decision_number": "3/14", "decided_on": "2021-03-01"})
    client.post(url, {"action": "publish"})
    strategy.refresh_from_db()
    assert (strategy.status, strategy.is_published) == ("adopted", True)
    assert strategy.decided_on == datetime.date(2021, 3, 1)
    public = world.client_for("anonymous").get(reverse("strategy:published")).content.decode()
    assert strategy.title in public


@pytest.mark.parametrize("document", ["strategy", "plan", "indicators"])
def test_every_document_downloads_in_every_format(world: World, document: str) -> None:
    strategy = imported(world.hromada_a)
    client = world.client_for("hromada_staff")
    for fmt in ("docx", "pdf", "xlsx"):
        response = client.get(reverse("strategy:download", args=[strategy.pk, document, fmt]))
        assert response.status_code == 200
        assert len(response.content) > 1000
    assert client.get(f"/strategy/{strategy.pk}/unknown.docx").status_code == 404


def test_a_period_cannot_be_opened_twice_from_the_dashboard(world: World) -> None:
    strategy = imported(world.hromada_a)
    client = world.client_for("hromada_staff")
    url = reverse("strategy:monitoring", args=[strategy.pk])
    assert client.post(url, {"year": "2021", "quarter": ""}).status_code == 302
    again = client.post(url, {"year": "2021", "quarter": ""})
    assert again.status_code == 400
    assert "вже є" in again.content.decode()


def test_the_strategy_page_of_a_full_document_costs_a_fixed_number_of_queries(
    world: World, django_assert_max_num_queries: Any
) -> None:
    strategy = imported(world.hromada_a, SEED_004.read_bytes(), "seed.txt")
    client = world.client_for("hromada_staff")
    with django_assert_max_num_queries(20):
        response = client.get(reverse("strategy:detail", args=[strategy.pk]))
    assert "2.4.5.5 Пости та комунікація" in response.content.decode()
