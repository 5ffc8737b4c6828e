"""Plan against fact and the RAG rules, measure by measure and up the tree (decision 0018)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from conftest import World
from turbota.strategy import rollup
from turbota.strategy.enums import Direction, MeasureStatus, PeriodStatus, Rag
from turbota.strategy.models import (
    IndicatorActual,
    IndicatorTarget,
    MonitoringPeriod,
    Node,
    RagSettings,
    Strategy,
)
from turbota.strategy.monitoring_actions import change_period_status, open_period, save_report
from turbota.strategy.queries import budget_by_source, budget_by_year
from turbota.strategy.tests.factories import imported

D = Decimal
RULES = rollup.Rules()


def _report(
    period: MonitoringPeriod, number: str, status: str, spent: str | None = None, **fields: object
) -> None:
    node = Node.objects.get(strategy=period.strategy, number=number)
    save_report(
        period=period,
        node=node,
        expected_version=None,
        fields={"status": status, **fields},
        funding={None: D(spent)} if spent is not None else {},
    )


@pytest.fixture
def strategy(world: World) -> Strategy:
    return imported(world.hromada_a)


@pytest.fixture
def year_2021(strategy: Strategy) -> MonitoringPeriod:
    return open_period(strategy=strategy, year=2021, quarter=None)


def _status(result: rollup.PeriodRollup, number: str) -> rollup.NodeStatus:
    return next(s for s in result.statuses() if s.node.number == number)


@pytest.mark.parametrize(
    ("plan", "fact", "rag"),
    [
        ("100", "100", Rag.GREEN),
        ("100", "90", Rag.GREEN),  # exactly 10 % under: still green
        ("100", "89", Rag.AMBER),
        ("100", "130", Rag.AMBER),  # over the plan counts the same as under
        ("100", "69", Rag.RED),
        ("0", "5", Rag.AMBER),  # spent without a plan
        ("0", "0", None),
    ],
)
def test_funding_colour_follows_the_deviation_from_plan(plan: str, fact: str, rag: Rag) -> None:
    assert rollup.funding_rag(rollup.Deviation(D(plan), D(fact)), RULES) == rag


def test_deviation_is_absolute_and_in_percent_of_plan() -> None:
    deviation = rollup.Deviation(D("150.5"), D("120.4"))
    assert deviation.absolute == D("-30.1")
    assert deviation.percent == D("-20.0")
    assert rollup.Deviation(D(0), D(5)).percent is None


@pytest.mark.parametrize(
    ("parts", "rag"),
    [
        ([Rag.GREEN, Rag.GREEN, Rag.GREEN, Rag.AMBER], Rag.GREEN),  # 87.5
        ([Rag.GREEN, Rag.AMBER], Rag.AMBER),  # 75
        ([Rag.GREEN, Rag.RED], Rag.AMBER),  # 50
        ([Rag.GREEN, Rag.RED, Rag.RED], Rag.RED),  # 33.3
        ([None, Rag.RED], Rag.RED),
        ([None], None),
    ],
)
def test_a_node_takes_the_average_score_of_its_parts(parts: list[Rag | None], rag: Rag) -> None:
    assert rollup.combined(parts, RULES) == rag


@pytest.mark.parametrize(
    ("target", "actual", "direction", "achieved", "rag"),
    [
        ("100", "96", Direction.HIGHER, "96.0", Rag.GREEN),
        ("100", "80", Direction.HIGHER, "80.0", Rag.AMBER),
        ("100", "50", Direction.HIGHER, "50.0", Rag.RED),
        ("10", "20", Direction.LOWER, "50.0", Rag.RED),  # twice the wanted maximum
        ("10", "8", Direction.LOWER, "125.0", Rag.GREEN),
    ],
)
def test_indicator_achievement_and_its_colour(
    target: str, actual: str, direction: str, achieved: str, rag: Rag
) -> None:
    value = rollup.achievement(D(target), D(actual), direction)
    assert value == D(achieved)
    assert rollup.indicator_rag(value, RULES) == rag


def test_the_tree_rolls_up_money_and_colours(year_2021: MonitoringPeriod) -> None:
    # given: 1.1.1 planned 100 for 2021, spent 95, in progress; 1.1.3 planned 10, overdue
    _report(year_2021, "1.1.1", MeasureStatus.IN_PROGRESS, "95")
    _report(year_2021, "1.1.3", MeasureStatus.OVERDUE, "4")
    # when
    result = rollup.period_rollup(period=year_2021)
    # then
    assert _status(result, "1.1.1").rag == Rag.GREEN
    assert _status(result, "1.1.1").funding.percent == D("-5.0")
    assert _status(result, "1.1.3").rag == Rag.RED
    goal = _status(result, "1.1")
    assert goal.rag == Rag.AMBER  # green and red average 50
    assert (goal.funding.plan, goal.funding.fact) == (D(110), D(99))
    assert _status(result, "1.2").rag is None  # nothing reported
    assert _status(result, "1").rag == Rag.AMBER
    assert _status(result, "2").rag is None
    assert result.rag == Rag.AMBER
    assert (result.funding.plan, result.funding.fact) == (D(110), D(99))


def test_status_rules_for_not_started_cancelled_and_late(year_2021: MonitoringPeriod) -> None:
    _report(year_2021, "1.1.1", MeasureStatus.NOT_STARTED)  # its period began in 2021
    _report(year_2021, "1.1.2", MeasureStatus.NOT_STARTED)  # from 2022: not due yet
    _report(year_2021, "1.1.3", MeasureStatus.CANCELLED, "10")
    _report(
        year_2021,
        "1.2.1",
        MeasureStatus.IN_PROGRESS,
        planned_end_on=datetime.date(2021, 6, 30),
    )
    result = rollup.period_rollup(period=year_2021)
    assert _status(result, "1.1.1").reasons[0] == "не розпочато, хоча строк виконання настав"
    assert _status(result, "1.1.1").rag == Rag.RED  # not started and nothing of 100 spent
    assert _status(result, "1.1.2").rag == Rag.GREEN
    assert _status(result, "1.1.3").rag is None
    assert _status(result, "1.2.1").rag == Rag.RED


def test_thresholds_are_read_from_the_editable_settings(year_2021: MonitoringPeriod) -> None:
    _report(year_2021, "1.1.1", MeasureStatus.IN_PROGRESS, "95")
    RagSettings.objects.update_or_create(name="default", defaults={"funding_green_percent": 3})
    assert _status(rollup.period_rollup(period=year_2021), "1.1.1").rag == Rag.AMBER


def test_indicators_count_in_their_goal(year_2021: MonitoringPeriod) -> None:
    indicator = Node.objects.get(strategy=year_2021.strategy, number="1.2").indicators.get()
    IndicatorTarget.objects.create(indicator=indicator, year=2021, value=D(1000))
    IndicatorActual.objects.create(period=year_2021, indicator=indicator, value=D(700))
    result = rollup.period_rollup(period=year_2021)
    status = _status(result, "1.2")
    assert status.indicators[0].achieved == D("70.0")
    assert status.indicators[0].deviation.absolute == D(-300)
    assert status.rag == Rag.RED


def test_a_quarter_compares_its_share_of_the_year_and_the_money_so_far(
    strategy: Strategy,
) -> None:
    first = open_period(strategy=strategy, year=2021, quarter=1)
    _report(first, "1.1.1", MeasureStatus.IN_PROGRESS, "20")
    change_period_status(period=first, to=PeriodStatus.SUBMITTED, by=AnonymousUser())
    second = open_period(strategy=strategy, year=2021, quarter=2)
    _report(second, "1.1.1", MeasureStatus.IN_PROGRESS, "30")
    status = _status(rollup.period_rollup(period=second), "1.1.1")
    assert (status.funding.plan, status.funding.fact) == (D(50), D(50))  # 100 × 2/4; 20 + 30
    assert status.rag == Rag.GREEN


def _approve(period: MonitoringPeriod) -> None:
    for to in (PeriodStatus.SUBMITTED, PeriodStatus.APPROVED):
        change_period_status(period=period, to=to, by=AnonymousUser())


def test_money_reported_for_the_year_and_in_a_quarter_is_counted_once(
    strategy: Strategy, year_2021: MonitoringPeriod
) -> None:
    _report(year_2021, "1.1.1", MeasureStatus.DONE, "40")
    quarter = open_period(strategy=strategy, year=2021, quarter=1)
    _report(quarter, "1.1.1", MeasureStatus.IN_PROGRESS, "777.7")
    by_year = {row.label: row.fact for row in budget_by_year(strategy, approved_only=False)}
    by_source = budget_by_source(strategy, approved_only=False)
    assert by_year["2021"] == D(40)  # the annual report, not 40 + 777,7
    assert sum((row.fact for row in by_source), D(0)) == D(40)


def test_a_year_reported_only_by_quarters_adds_them_up(strategy: Strategy) -> None:
    for quarter, spent in ((1, "10"), (2, "15.5")):
        _report(open_period(strategy=strategy, year=2022, quarter=quarter), "1.1.1", "done", spent)
    by_year = {row.label: row.fact for row in budget_by_year(strategy, approved_only=False)}
    assert by_year["2022"] == D("25.5")


def test_readers_of_approved_figures_get_no_money_of_an_open_period(
    strategy: Strategy, year_2021: MonitoringPeriod
) -> None:
    _report(year_2021, "1.1.1", MeasureStatus.DONE, "40")
    _approve(year_2021)
    _report(open_period(strategy=strategy, year=2022, quarter=None), "1.1.1", "done", "4321.9")
    public = {row.label: row.fact for row in budget_by_year(strategy, approved_only=True)}
    staff = {row.label: row.fact for row in budget_by_year(strategy, approved_only=False)}
    assert (public["2021"], public["2022"]) == (D(40), D(0))
    assert staff["2022"] == D("4321.9")


def test_an_approved_quarter_counts_an_earlier_quarter_for_the_public_only_if_approved(
    strategy: Strategy,
) -> None:
    first = open_period(strategy=strategy, year=2021, quarter=1)
    _report(first, "1.1.1", MeasureStatus.IN_PROGRESS, "20")
    second = open_period(strategy=strategy, year=2021, quarter=2)
    _report(second, "1.1.1", MeasureStatus.IN_PROGRESS, "30")
    _approve(second)  # the first quarter is still open
    public = _status(rollup.period_rollup(period=second, approved_only=True), "1.1.1")
    staff = _status(rollup.period_rollup(period=second), "1.1.1")
    assert public.funding.fact == D(30)
    assert staff.funding.fact == D(50)
    _approve(first)
    again = _status(rollup.period_rollup(period=second, approved_only=True), "1.1.1")
    assert again.funding.fact == D(50)
