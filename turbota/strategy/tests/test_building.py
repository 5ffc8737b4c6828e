"""A strategy built on the pages from nothing: the draft, its goals tree with numbers as
typed (warned, not refused), money by year, indicators, SWOT, the working group and the
scenarios; deletions after a confirmation; and the four documents it then exports."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from conftest import World
from turbota.core.locking import StaleEditError
from turbota.reports.tests.libreoffice import TEXT, converted
from turbota.strategy import actions, building_actions
from turbota.strategy.enums import NodeKind, PeriodStatus, StrategyStatus
from turbota.strategy.models import (
    FundingSource,
    Indicator,
    IndicatorTarget,
    MeasureReport,
    MonitoringPeriod,
    Node,
    PlannedFunding,
    ScenarioNote,
    Strategy,
    SwotItem,
    WorkingGroupMember,
)
from turbota.strategy.monitoring_actions import (
    change_period_status,
    open_period,
    save_actuals,
    save_report,
)
from turbota.strategy.tests.factories import imported

NOBODY = AnonymousUser()


def _create(client: Client, world: World, **changes: str) -> Strategy:
    data = {
        "title": "Стратегія розвитку соціальних послуг Першанської громади на 2025-2027 роки",
        "period_start": "2025",
        "period_end": "2027",
        "mission": "Послуги поруч з домом для кожного.",
        "vision": "",
        "values": "Гідність\nДоступність",
    } | changes
    response = client.post(reverse("strategy:create", args=[world.hromada_a.code]), data)
    assert response.status_code == 302, response.content.decode()
    return Strategy.objects.get(title=data["title"])


def _add(client: Client, url: str, number: str, title: str) -> Node:
    response = client.post(url, {"number": number, "title": title})
    assert response.status_code == 302, response.content.decode()
    node = Node.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-2]))
    assert node.number == number
    return node


def _goal(client: Client, strategy: Strategy, number: str, title: str) -> Node:
    return _add(client, reverse("strategy:goal_add", args=[strategy.pk]), number, title)


def _child(client: Client, parent: Node, number: str, title: str) -> Node:
    return _add(client, reverse("strategy:child_add", args=[parent.pk]), number, title)


def _plan(node: Node, **changes: str) -> dict[str, str]:
    return {
        "version": str(node.version),
        "number": node.number,
        "title": node.title,
        "slogan": "",
        "result_indicator": "",
        "period_text": "",
        "period_start": "",
        "period_end": "",
        "executors": "",
        "implementation_mark": "",
    } | changes


def _tree(client: Client, world: World) -> dict[str, Node]:
    strategy = _create(client, world)
    goal = _goal(client, strategy, "1", "Доступні соціальні послуги в кожному окрузі")
    operational = _child(client, goal, "1.1", "Базові послуги поруч з домом")
    task = _child(client, operational, "1.1.1", "Відкрити відділення денного догляду")
    measure = _child(client, task, "1.1.1.1", "Придбати обладнання для відділення")
    return {"goal": goal, "operational": operational, "task": task, "measure": measure}


def test_a_strategy_built_on_the_pages_exports_the_four_documents_with_totals_that_add_up(
    world: World, tmp_path: Path
) -> None:
    # given: the working group builds the draft, page by page
    group = world.client_for("working_group")
    nodes = _tree(group, world)
    strategy, measure = nodes["goal"].strategy, nodes["measure"]
    assert [n.kind for n in nodes.values()] == [
        NodeKind.STRATEGIC_GOAL,
        NodeKind.OPERATIONAL_GOAL,
        NodeKind.TASK,
        NodeKind.MEASURE,
    ]
    local = FundingSource.objects.get(code="local_budget")
    edit = reverse("strategy:node_edit", args=[measure.pk])
    assert group.get(edit).status_code == 200
    saved = group.post(
        edit,
        _plan(
            measure,
            result_indicator="обладнано 1 відділення",
            period_text="2025-2027",
            period_start="2025",
            period_end="2027",
            executors="Центр надання соціальних послуг",
            funding_sources=str(local.pk),
            **{
                f"amount_2025_{local.pk}": "100,5",
                f"amount_2026_{local.pk}": "1 200",
                "amount_2027_0": "49,5",
            },
        ),
    )
    assert saved.status_code == 302
    indicator_url = reverse("strategy:indicator_add", args=[nodes["operational"].pk])
    assert group.get(indicator_url).status_code == 200
    added = group.post(
        indicator_url,
        {
            "name": "Кількість отримувачів денного догляду",
            "unit": "осіб",
            "direction": "higher",
            "data_source": "звіт центру",
            "baseline_value": "120",
            "baseline_year": "2024",
            "target_2025_total_total": "150",
            "target_2027_total_total": "200",
        },
    )
    assert added.status_code == 302
    swot = group.post(
        reverse("strategy:part_add", args=[strategy.pk, "swot"]),
        {"quadrant": "strength", "number": "1", "text": "Мережа старостинських округів"},
    )
    assert swot.status_code == 302
    # and the staff report on the measure in a monitoring period
    staff = world.client_for("hromada_staff")
    opened = staff.post(
        reverse("strategy:monitoring", args=[strategy.pk]), {"year": "2025", "quarter": ""}
    )
    assert opened.status_code == 302
    period = MonitoringPeriod.objects.get(strategy=strategy)
    reported = staff.post(
        reverse("strategy:report_edit", args=[period.pk, measure.pk]),
        {
            "status": "in_progress",
            "done": "закуплено обладнання",
            "started_on": "2025-02-01",
            "planned_end_on": "2027-12-31",
            "finished_on": "",
            "comment": "",
            "version": "",
            f"spent_{local.pk}": "80",
        },
    )
    assert reported.status_code == 302
    # when: the four documents are downloaded
    texts = {}
    for name, url in (
        ("strategy", reverse("strategy:download", args=[strategy.pk, "strategy", "docx"])),
        ("plan", reverse("strategy:download", args=[strategy.pk, "plan", "docx"])),
        ("indicators", reverse("strategy:download", args=[strategy.pk, "indicators", "docx"])),
        ("monitoring", reverse("strategy:period_download", args=[period.pk, "docx"])),
    ):
        response = group.get(url)
        assert response.status_code == 200, name
        path = tmp_path / f"{name}.docx"
        path.write_bytes(response.content)
        texts[name] = converted(path, TEXT, tmp_path)
    # then: LibreOffice reads what was typed, and the totals add up
    assert "Послуги поруч з домом для кожного." in texts["strategy"]
    assert "Мережа старостинських округів" in texts["strategy"]
    assert "1.1.1.1" in texts["strategy"]
    plan = texts["plan"]
    assert "Придбати обладнання для відділення" in plan
    assert "обладнано 1 відділення" in plan
    # 100,5 + 1 200 + 49,5 = 1 350,0 in all; the cells of the total rows, as LibreOffice reads
    goal_total = plan.split("Усього за стратегічною ціллю 1")[1].split()
    assert goal_total[:5] == ["1", "350,0", "100,5", "1", "200,0"]
    assert goal_total[5] == "49,5"
    assert plan.split("Усього за стратегією")[1].split()[:6] == goal_total[:6]
    assert "Кількість отримувачів денного догляду" in texts["indicators"]
    row = texts["indicators"].split("Кількість отримувачів денного догляду")[1].split()
    # unit, baseline (year), then plan and fact for 2025, 2026, 2027
    assert row[:9] == ["осіб", "120", "(2024)", "150", "—", "—", "—", "200", "—"]
    monitoring = texts["monitoring"]
    assert "закуплено обладнання" in monitoring
    assert "Усього за стратегічною ціллю 1" in monitoring
    assert "80,0" in monitoring  # spent in 2025
    assert "100,5" in monitoring  # planned for 2025


def test_the_plan_totals_equal_the_money_typed_by_year(world: World) -> None:
    group = world.client_for("working_group")
    nodes = _tree(group, world)
    task, measure = nodes["task"], nodes["measure"]
    for node, amounts in ((task, {"amount_2025_0": "10"}), (measure, {"amount_2026_0": "2,5"})):
        response = group.post(reverse("strategy:node_edit", args=[node.pk]), _plan(node, **amounts))
        assert response.status_code == 302
    rows = PlannedFunding.objects.filter(node__strategy=task.strategy)
    assert sorted((row.year, str(row.amount)) for row in rows) == [
        (2025, "10.000"),
        (2026, "2.500"),
    ]


def test_the_next_number_is_suggested_and_a_repeated_one_is_warned_not_refused(
    world: World,
) -> None:
    # given
    group = world.client_for("working_group")
    nodes = _tree(group, world)
    operational, strategy = nodes["operational"], nodes["goal"].strategy
    _child(group, operational, "1.1.2", "Соціальне таксі")
    # when: the page suggests the next number under 1.1
    page = group.get(reverse("strategy:child_add", args=[operational.pk])).content.decode()
    # then
    assert 'value="1.1.3"' in page
    assert "Додати: завдання" in page
    # when: the same number is typed again, and a later one skips a number
    _child(group, operational, "1.1.2", "Соціальне таксі для сіл")
    _child(group, operational, "1.1.5", "Пункт незламності")
    # then: both are kept, as typed, and the strategy page warns
    assert strategy.nodes.filter(number="1.1.2").count() == 2
    detail = group.get(reverse("strategy:detail", args=[strategy.pk])).content.decode()
    assert "Зауваження до нумерації (2)" in detail
    assert "номер 1.1.2 повторюється (уперше — «Соціальне таксі»)" in detail
    assert "після 1.1.2 іде 1.1.5 — пункту 1.1.3…1.1.4 у документі немає" in detail


def test_a_number_that_does_not_follow_its_parent_is_warned(world: World) -> None:
    group = world.client_for("working_group")
    nodes = _tree(group, world)
    _child(group, nodes["goal"], "2.1", "Інша операційна ціль")
    detail = group.get(reverse("strategy:detail", args=[nodes["goal"].strategy_id])).content
    assert "Номер не продовжує номера вищого пункту 1." in detail.decode()


def test_a_number_that_is_not_a_number_is_refused_with_a_clear_message(world: World) -> None:
    group = world.client_for("working_group")
    strategy = _create(group, world)
    response = group.post(
        reverse("strategy:goal_add", args=[strategy.pk]), {"number": "перша", "title": "Ціль"}
    )
    assert response.status_code == 400
    assert "Номер — це числа, розділені крапками" in response.content.decode()
    assert not strategy.nodes.exists()


def test_a_node_added_later_goes_after_its_parents_last_descendant(world: World) -> None:
    group = world.client_for("working_group")
    nodes = _tree(group, world)
    second = _goal(group, nodes["goal"].strategy, "2", "Партнерство")
    task_2 = _child(group, nodes["operational"], "1.1.2", "Ще одне завдання")
    order = list(nodes["goal"].strategy.nodes.in_order().values_list("number", flat=True))
    assert order == ["1", "1.1", "1.1.1", "1.1.1.1", "1.1.2", "2"]
    assert task_2.parent_id == nodes["operational"].pk
    assert second.parent_id is None


def test_a_built_measure_edited_by_two_people_refuses_the_second_save(world: World) -> None:
    group, staff = world.client_for("working_group"), world.client_for("hromada_staff")
    measure = _tree(group, world)["measure"]
    url = reverse("strategy:node_edit", args=[measure.pk])
    assert group.post(url, _plan(measure, result_indicator="перше")).status_code == 302
    second = staff.post(url, _plan(measure, result_indicator="друге"))
    assert second.status_code == 409
    assert "друге" in second.content.decode()
    measure.refresh_from_db()
    assert measure.result_indicator == "перше"


def test_deleting_a_node_says_what_goes_and_then_deletes_it(world: World) -> None:
    # given
    group = world.client_for("working_group")
    nodes = _tree(group, world)
    operational = nodes["operational"]
    building_actions.add_indicator(node=nodes["task"], fields={"name": "Охоплення"}, targets={})
    url = reverse("strategy:node_delete", args=[operational.pk])
    # when
    page = group.get(url).content.decode()
    # then: two below it (the task and its measure), one indicator, no reports
    assert "складових (нижчих цілей, завдань, заходів і підзаходів): 2" in page
    assert "індикаторів (з їхніми цільовими й фактичними значеннями): 1" in page
    assert "звітів моніторингу про виконання: 0" in page
    assert "Так, видалити" in page
    # when confirmed
    response = group.post(url)
    # then
    assert response.status_code == 302
    assert response["Location"] == nodes["goal"].get_absolute_url()
    assert list(Node.objects.values_list("number", flat=True)) == ["1"]
    assert not Indicator.objects.exists()


def test_a_node_with_a_report_in_an_approved_period_is_not_deleted(world: World) -> None:
    # given: a report of the measure in a period that was approved (locked)
    group = world.client_for("working_group")
    nodes = _tree(group, world)
    strategy = nodes["goal"].strategy
    period = open_period(strategy=strategy, year=2025, quarter=None)
    save_report(
        period=period,
        node=nodes["measure"],
        expected_version=None,
        fields={"status": "in_progress", "done": "розпочато"},
        funding={},
    )
    change_period_status(period=period, to=PeriodStatus.SUBMITTED, by=NOBODY)
    change_period_status(period=period, to=PeriodStatus.APPROVED, by=NOBODY)
    url = reverse("strategy:node_delete", args=[nodes["task"].pk])
    # when
    page = group.get(url).content.decode()
    refused = group.post(url)
    # then
    assert "не можна видалити" in page
    assert "2025 рік" in page
    assert "Так, видалити" not in page
    assert refused.status_code == 302
    assert "не можна видалити" in group.get(refused["Location"]).content.decode()
    assert Node.objects.count() == 4
    assert MeasureReport.objects.count() == 1


def test_an_indicator_is_added_with_targets_and_deleted_after_confirmation(world: World) -> None:
    group = world.client_for("working_group")
    task = _tree(group, world)["task"]
    response = group.post(
        reverse("strategy:indicator_add", args=[task.pk]),
        {
            "name": "Частка охоплених",
            "unit": "%",
            "direction": "lower",
            "data_source": "",
            "target_2026_total_total": "12,5",
        },
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get()
    assert (indicator.node_id, indicator.direction, indicator.unit) == (task.pk, "lower", "%")
    assert [(t.year, str(t.value)) for t in IndicatorTarget.objects.all()] == [(2026, "12.500")]
    url = reverse("strategy:indicator_delete", args=[indicator.pk])
    page = group.get(url).content.decode()
    assert "цільових значень: 1" in page
    assert group.post(url)["Location"] == task.get_absolute_url()
    assert not Indicator.objects.exists()


def test_an_indicator_without_a_name_is_refused_with_the_form_kept(world: World) -> None:
    group = world.client_for("working_group")
    task = _tree(group, world)["task"]
    response = group.post(
        reverse("strategy:indicator_add", args=[task.pk]),
        {"name": "", "unit": "осіб", "direction": "higher"},
    )
    assert response.status_code == 400
    assert 'value="осіб"' in response.content.decode()
    assert not Indicator.objects.exists()


def test_swot_items_the_working_group_and_scenarios_are_added_changed_and_deleted(
    world: World,
) -> None:
    group = world.client_for("working_group")
    strategy = _create(group, world)
    parts = reverse("strategy:parts", args=[strategy.pk])
    empty = group.get(parts).content.decode()
    assert "Пунктів ще немає." in empty
    assert "Членів робочої групи ще не внесено." in empty
    # SWOT: the next number in the chosen quadrant is suggested
    add_swot = reverse("strategy:part_add", args=[strategy.pk, "swot"])
    for text in ("Безробіття", "Відтік молоді"):
        form = group.get(add_swot + "?quadrant=threat").content.decode()
        number = re.search(r'name="number" value="(\d+)"', form)
        assert number is not None
        group.post(add_swot, {"quadrant": "threat", "number": number.group(1), "text": text})
    assert list(SwotItem.objects.values_list("number", "text")) == [
        (1, "Безробіття"),
        (2, "Відтік молоді"),
    ]
    item = SwotItem.objects.get(number=2)
    edit = reverse("strategy:part_edit", args=["swot", item.pk])
    changed = group.post(
        edit,
        {
            "version": str(item.version),
            "quadrant": "threat",
            "number": "2",
            "text": "Відтік молоді з сіл",
        },
    )
    assert changed.status_code == 302
    # the working group
    member = group.post(
        reverse("strategy:part_add", args=[strategy.pk, "members"]),
        {
            "full_name": "Коваль Олена Петрівна",
            "position": "заступниця міського голови",
            "role": "chair",
            "position_in_list": "1",
        },
    )
    assert member.status_code == 302
    # a scenario, described once
    add_scenario = reverse("strategy:part_add", args=[strategy.pk, "scenarios"])
    data = {"kind": "realistic", "assumptions": "Фінансування на рівні 2024 року."}
    assert group.post(add_scenario, data).status_code == 302
    again = group.post(add_scenario, data)
    assert again.status_code == 400
    assert "уже описано" in again.content.decode()
    page = group.get(parts).content.decode()
    assert "Відтік молоді з сіл" in page
    assert "Коваль Олена Петрівна" in page
    assert "Фінансування на рівні 2024 року." in page
    # deletions are confirmed first
    delete = reverse("strategy:part_delete", args=["members", WorkingGroupMember.objects.get().pk])
    assert "Так, видалити" in group.get(delete).content.decode()
    assert WorkingGroupMember.objects.exists()
    assert group.post(delete).status_code == 302
    assert not WorkingGroupMember.objects.exists()
    scenario = ScenarioNote.objects.get()
    group.post(reverse("strategy:part_delete", args=["scenarios", scenario.pk]))
    assert not ScenarioNote.objects.exists()


PARTS_TYPED = {
    # kind: the fields of its form as opened, and the one field two people change
    "swot": ({"quadrant": "threat", "number": "1", "text": "Безробіття"}, "text"),
    "members": (
        {"full_name": "Коваль Олена", "position": "", "role": "member", "position_in_list": "1"},
        "full_name",
    ),
    "scenarios": ({"kind": "realistic", "assumptions": "Як у 2024 році."}, "assumptions"),
}


def _part_of(kind: str, strategy: Strategy) -> SwotItem | WorkingGroupMember | ScenarioNote:
    fields: dict[str, object] = dict(PARTS_TYPED[kind][0])
    if kind == "swot":
        return SwotItem.objects.create(strategy=strategy, **fields)
    if kind == "members":
        return WorkingGroupMember.objects.create(strategy=strategy, **fields)
    return ScenarioNote.objects.create(strategy=strategy, **fields)


@pytest.mark.parametrize("kind", PARTS_TYPED)
def test_the_second_of_two_people_saving_one_part_is_refused_with_input_kept(
    world: World, kind: str
) -> None:
    # given: the staff member and the working-group member open the same item
    staff, group = world.client_for("hromada_staff"), world.client_for("working_group")
    part = _part_of(kind, _create(group, world))
    url = reverse("strategy:part_edit", args=[kind, part.pk])
    for client in (staff, group):
        assert 'name="version" value="1"' in client.get(url).content.decode()
    typed, changed = PARTS_TYPED[kind]
    # when: both save from version 1, the staff member first
    first = staff.post(url, typed | {"version": "1", changed: "Перша зміна"})
    second = group.post(url, typed | {"version": "1", changed: "Друга зміна"})
    # then: the second is refused, changes nothing, and keeps what was typed
    assert first.status_code == 302
    assert second.status_code == 409
    page = second.content.decode()
    assert "змінив інший користувач" in page
    assert "Друга зміна" in page
    assert 'name="version" value="2"' in page
    part.refresh_from_db()
    assert (getattr(part, changed), part.version) == ("Перша зміна", 2)
    # and saving again over the current version is a deliberate overwrite
    again = group.post(url, typed | {"version": "2", changed: "Друга зміна"})
    assert again.status_code == 302
    part.refresh_from_db()
    assert (getattr(part, changed), part.version) == ("Друга зміна", 3)


@pytest.mark.parametrize("kind", PARTS_TYPED)
def test_a_stale_save_of_a_part_is_refused_and_a_fresh_one_bumps_its_version(
    world: World, kind: str
) -> None:
    part = _part_of(kind, _create(world.client_for("working_group"), world))
    changed = PARTS_TYPED[kind][1]
    saved = building_actions.save_part(
        part=type(part).objects.get(pk=part.pk), expected_version=1, fields={changed: "Нове"}
    )
    assert saved.version == 2
    with pytest.raises(StaleEditError):
        building_actions.save_part(
            part=type(part).objects.get(pk=part.pk), expected_version=1, fields={changed: "Інше"}
        )
    part.refresh_from_db()
    assert (getattr(part, changed), part.version) == ("Нове", 2)


def test_a_swot_item_without_text_is_refused_with_a_message(world: World) -> None:
    group = world.client_for("working_group")
    strategy = _create(group, world)
    response = group.post(
        reverse("strategy:part_add", args=[strategy.pk, "swot"]),
        {"quadrant": "strength", "number": "1", "text": ""},
    )
    assert response.status_code == 400
    assert "Це поле обов&#x27;язкове." in response.content.decode()
    assert not SwotItem.objects.exists()


def test_a_strategy_for_the_same_years_is_not_created_twice(world: World) -> None:
    group = world.client_for("working_group")
    _create(group, world)
    response = group.post(
        reverse("strategy:create", args=[world.hromada_a.code]),
        {"title": "Ще одна", "period_start": "2025", "period_end": "2027"},
    )
    assert response.status_code == 400
    assert "Стратегія громади на 2025-2027 роки вже є" in response.content.decode()
    assert Strategy.objects.count() == 1


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2027", "2025", "Останній рік періоду раніший за перший."),
        ("2021", "2040", "Період стратегії — не довше 15 років."),
    ],
)
def test_a_period_backwards_or_too_long_is_refused(
    world: World, start: str, end: str, message: str
) -> None:
    response = world.client_for("hromada_staff").post(
        reverse("strategy:create", args=[world.hromada_a.code]),
        {"title": "Стратегія", "period_start": start, "period_end": end},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Strategy.objects.exists()


def test_the_list_offers_to_create_a_strategy_only_to_those_who_may(world: World) -> None:
    url = reverse("strategy:list", args=[world.hromada_a.code])
    create = reverse("strategy:create", args=[world.hromada_a.code])
    for role, offered in (
        ("working_group", True),
        ("hromada_staff", True),
        ("oblast_analyst", False),
        ("other_hromada_staff", False),
        ("anonymous", False),
    ):
        assert (create in world.client_for(role).get(url).content.decode()) == offered, role


@pytest.mark.parametrize("role", ["anonymous", "oblast_analyst", "other_hromada_staff"])
def test_those_who_may_not_edit_cannot_create_or_build(world: World, role: str) -> None:
    strategy = _create(world.client_for("working_group"), world)
    client = world.client_for(role)
    for url, data in (
        (reverse("strategy:create", args=[world.hromada_a.code]), {"title": "Х"}),
        (reverse("strategy:goal_add", args=[strategy.pk]), {"number": "1", "title": "Х"}),
        (
            reverse("strategy:part_add", args=[strategy.pk, "swot"]),
            {"quadrant": "strength", "number": "1", "text": "Х"},
        ),
    ):
        response = client.post(url, data)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"]
    assert Strategy.objects.count() == 1
    assert not strategy.nodes.exists()
    assert not SwotItem.objects.exists()


def test_an_adopted_strategy_cannot_be_built_on(world: World) -> None:
    # given: an imported strategy adopted by the council
    strategy = imported(world.hromada_a)
    actions.adopt_strategy(
        strategy=strategy, decision_number="5/1", decided_on=datetime.date(2021, 2, 1), by=NOBODY
    )
    node = strategy.nodes.get(number="1.1.1")
    staff = world.client_for("hromada_staff")
    # when / then: the pages refuse, and so do the actions
    for url in (
        reverse("strategy:goal_add", args=[strategy.pk]),
        reverse("strategy:child_add", args=[node.pk]),
        reverse("strategy:node_delete", args=[node.pk]),
        reverse("strategy:indicator_add", args=[node.pk]),
        reverse("strategy:part_add", args=[strategy.pk, "swot"]),
        reverse("strategy:parts", args=[strategy.pk]),
    ):
        assert staff.post(url, {"number": "9", "title": "Х"}).status_code == 403, url
    with pytest.raises(ValidationError, match="лише чернетку"):
        building_actions.add_node(strategy=strategy, parent=None, number="9", title="Х")
    with pytest.raises(ValidationError, match="лише чернетку"):
        building_actions.delete_node(node=node)
    with pytest.raises(ValidationError, match="лише чернетку"):
        building_actions.save_part(
            part=SwotItem(strategy=strategy),
            expected_version=None,
            fields={"text": "Х", "number": 1},
        )
    strategy.refresh_from_db()
    assert strategy.status == StrategyStatus.ADOPTED
    assert strategy.nodes.filter(number="1.1.1").exists()
    assert "Додати стратегічну ціль" not in staff.get(strategy.get_absolute_url()).content.decode()


def test_an_indicator_with_actual_values_in_an_approved_period_is_not_deleted(
    world: World,
) -> None:
    # given
    group = world.client_for("working_group")
    task = _tree(group, world)["task"]
    indicator = building_actions.add_indicator(node=task, fields={"name": "Охоплення"}, targets={})
    period = open_period(strategy=task.strategy, year=2025, quarter=None)
    save_actuals(
        period=period,
        indicator=indicator,
        expected_stamp="",
        values={("total", "total"): Decimal(7)},
    )
    change_period_status(period=period, to=PeriodStatus.SUBMITTED, by=NOBODY)
    change_period_status(period=period, to=PeriodStatus.APPROVED, by=NOBODY)
    url = reverse("strategy:indicator_delete", args=[indicator.pk])
    # when
    page = group.get(url).content.decode()
    refused = group.post(url)
    # then
    assert "Індикатор не можна видалити" in page
    assert "Так, видалити" not in page
    assert refused.status_code == 302
    assert Indicator.objects.filter(pk=indicator.pk).exists()
    with pytest.raises(ValidationError, match="2025 рік"):
        building_actions.delete_indicator(indicator=indicator)
