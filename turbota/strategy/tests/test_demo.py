"""The demo hromada gets the Selydove strategy exactly, adopted and published, with a
clearly marked demonstration monitoring period."""

from __future__ import annotations

from turbota.core.demo import load_demo
from turbota.strategy.enums import PeriodStatus, StrategyStatus
from turbota.strategy.models import MeasureReport, Strategy
from turbota.strategy.queries import summaries_for
from turbota.territories.models import Territory


def test_the_demo_imports_the_selydove_strategy_adopted_and_published(selydove: Territory) -> None:
    load_demo()
    strategy = Strategy.objects.get(hromada=selydove)
    assert (strategy.status, strategy.is_published) == (StrategyStatus.ADOPTED, True)
    assert strategy.nodes.filter(kind="strategic").count() == 3
    assert strategy.nodes.filter(kind="task").count() == 64
    assert strategy.indicators.count() == 22
    assert len(strategy.import_warnings) == 3
    period = strategy.periods.get()
    assert (period.year, period.status) == (2021, PeriodStatus.APPROVED)
    reports = MeasureReport.objects.filter(period=period)
    assert reports.count() == 4
    assert all(r.is_demo and "демонстраційний запис" in r.done for r in reports)
    summary = summaries_for(hromada_ids=[selydove.pk])[selydove.pk]
    assert summary.monitoring_period == "2021 рік"
    assert summary.rag in {"green", "amber", "red"}


def test_loading_the_demo_again_adds_no_second_strategy(selydove: Territory) -> None:
    load_demo()
    load_demo()
    assert Strategy.objects.filter(hromada=selydove).count() == 1
