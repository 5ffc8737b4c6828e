"""Writes: adoption and editions, locked edits refused when stale, and the monitoring
period's submit → approve → locked → reopened workflow."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from conftest import World
from turbota.core.locking import StaleEditError
from turbota.strategy.actions import (
    MeasureEdit,
    adopt_strategy,
    new_edition,
    set_published,
    update_node,
)
from turbota.strategy.enums import MeasureStatus, PeriodStatus, StrategyStatus
from turbota.strategy.models import Node, PeriodTransition, PlannedFunding, Strategy
from turbota.strategy.monitoring_actions import (
    actuals_stamp,
    change_period_status,
    open_period,
    save_actuals,
    save_report,
)
from turbota.strategy.tests.factories import imported

NOBODY = AnonymousUser()
DAY = datetime.date(2021, 3, 1)


@pytest.fixture
def strategy(world: World) -> Strategy:
    return imported(world.hromada_a)


def test_adopting_records_the_decision_and_a_later_edition_supersedes_it(
    strategy: Strategy, world: World
) -> None:
    adopt_strategy(strategy=strategy, decision_number="5/12", decided_on=DAY, by=NOBODY)
    assert strategy.status == StrategyStatus.ADOPTED
    set_published(strategy=strategy, published=True, by=NOBODY)
    amended = new_edition(strategy=strategy, by=NOBODY)
    assert (amended.edition, amended.status, amended.is_published) == (2, "draft", False)
    assert amended.nodes.count() == strategy.nodes.count()
    assert PlannedFunding.objects.filter(node__strategy=amended).count() == 7
    copied = amended.nodes.get(number="1.1.1")
    assert copied.parent is not None
    assert copied.parent.strategy == amended
    adopt_strategy(strategy=amended, decision_number="9/1", decided_on=DAY, by=NOBODY)
    strategy.refresh_from_db()
    assert (strategy.status, amended.status) == ("superseded", "amended")
    notes = list(strategy.transitions.values_list("note", flat=True))
    assert "рішення № 5/12 від 01.03.2021" in notes
    assert "замінено редакцією 2" in notes


def test_only_an_adopted_strategy_is_published(strategy: Strategy) -> None:
    with pytest.raises(ValidationError, match="лише затверджену"):
        set_published(strategy=strategy, published=True, by=NOBODY)


def test_the_second_of_two_edits_of_one_measure_is_refused(strategy: Strategy) -> None:
    node = strategy.nodes.get(number="1.1.1")
    opened_by_both = node.version
    first = Node.objects.get(pk=node.pk)
    update_node(
        node=first,
        expected_version=opened_by_both,
        edit=MeasureEdit(
            fields={"result_indicator": "2 відділення"}, funding={(2021, None): Decimal(5)}
        ),
    )
    second = Node.objects.get(pk=node.pk)
    with pytest.raises(StaleEditError):
        update_node(
            node=second,
            expected_version=opened_by_both,
            edit=MeasureEdit(fields={"result_indicator": "3 відділення"}),
        )
    node.refresh_from_db()
    assert node.result_indicator == "2 відділення"
    assert node.version == opened_by_both + 1


def test_an_adopted_strategy_is_not_edited_in_place(strategy: Strategy) -> None:
    adopt_strategy(strategy=strategy, decision_number="1", decided_on=DAY, by=NOBODY)
    node = strategy.nodes.get(number="1.1.1")
    with pytest.raises(ValidationError, match="лише чернетку"):
        update_node(node=node, expected_version=node.version, edit=MeasureEdit(fields={}))


def test_an_approved_period_is_locked_until_reopened_with_a_logged_reason(
    strategy: Strategy, world: World
) -> None:
    staff = world.users["hromada_staff"]
    assert staff is not None
    node = strategy.nodes.get(number="1.1.1")
    period = open_period(strategy=strategy, year=2021, quarter=None)
    report = save_report(
        period=period,
        node=node,
        expected_version=None,
        fields={"status": MeasureStatus.IN_PROGRESS, "done": "ремонт розпочато"},
        funding={None: Decimal("80.0")},
    )
    change_period_status(period=period, to=PeriodStatus.SUBMITTED, by=staff)
    change_period_status(period=period, to=PeriodStatus.APPROVED, by=staff)
    with pytest.raises(ValidationError, match="лише у відкритому періоді"):
        save_report(
            period=period,
            node=node,
            expected_version=report.version,
            fields={"done": "змінено після затвердження"},
            funding={},
        )
    with pytest.raises(ValidationError, match="причину"):
        change_period_status(period=period, to=PeriodStatus.OPEN, by=staff)
    change_period_status(period=period, to=PeriodStatus.OPEN, by=staff, reason="помилка в сумі")
    save_report(
        period=period,
        node=node,
        expected_version=report.version,
        fields={"done": "ремонт завершено"},
        funding={None: Decimal("100.0")},
    )
    log = list(
        PeriodTransition.objects.filter(period=period).values_list("to_status", "reason", "by")
    )
    assert log == [
        ("submitted", "", staff.pk),
        ("approved", "", staff.pk),
        ("open", "помилка в сумі", staff.pk),
    ]


def test_a_period_cannot_jump_from_open_to_approved(strategy: Strategy) -> None:
    period = open_period(strategy=strategy, year=2022, quarter=None)
    with pytest.raises(ValidationError, match="Не можна"):
        change_period_status(period=period, to=PeriodStatus.APPROVED, by=NOBODY)


def test_a_period_outside_the_strategy_or_twice_is_refused(strategy: Strategy) -> None:
    with pytest.raises(ValidationError, match="поза періодом"):
        open_period(strategy=strategy, year=2030, quarter=None)
    open_period(strategy=strategy, year=2021, quarter=1)
    with pytest.raises(ValidationError, match="вже є"):
        open_period(strategy=strategy, year=2021, quarter=1)


def test_a_stale_monitoring_entry_is_refused(strategy: Strategy) -> None:
    node = strategy.nodes.get(number="1.1.1")
    period = open_period(strategy=strategy, year=2021, quarter=None)
    save_report(period=period, node=node, expected_version=None, fields={}, funding={})
    with pytest.raises(StaleEditError):
        save_report(period=period, node=node, expected_version=None, fields={}, funding={})
    indicator = strategy.indicators.first()
    assert indicator is not None
    stamp = actuals_stamp(period, indicator)
    save_actuals(
        period=period,
        indicator=indicator,
        expected_stamp=stamp,
        values={("total", "total"): Decimal(3)},
    )
    with pytest.raises(StaleEditError):
        save_actuals(
            period=period,
            indicator=indicator,
            expected_stamp=stamp,
            values={("total", "total"): Decimal(4)},
        )
