"""The demo hromada's strategy: the Selydove strategy 2021-2026 (seed 004, shipped in
``seeds/``) imported exactly as a draft, which the demo consultation is on
(``consultations.demo``), then adopted and published, with a monitoring period for 2021 that
holds a few demonstration entries — each marked ``is_demo`` and saying so in its text.

The document itself plans no money and names no council decision; the demo's planned and
actual amounts, the decision's "number" and date and the indicator values are invented for
the demonstration and marked as such. Loading is additive: nothing happens if the hromada
already has a strategy."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

from django.contrib.auth.models import AnonymousUser

from turbota.catalog.models import Service
from turbota.strategy.actions import adopt_strategy, set_published
from turbota.strategy.enums import MeasureStatus, PeriodStatus
from turbota.strategy.imports import plan_import
from turbota.strategy.models import (
    IndicatorTarget,
    MeasureReport,
    NodeNeed,
    PlannedFunding,
    Strategy,
)
from turbota.strategy.monitoring_actions import (
    change_period_status,
    open_period,
    save_actuals,
    save_report,
)
from turbota.strategy.reference import funding_sources
from turbota.territories.models import Territory

SEED = Path(__file__).parent / "seeds" / "selydove-2021-2026.txt"
DEMO = "демонстраційний запис"
DECISION = "демо: у документі не наведено"
# number, status, what was done, planned and spent (thousands of UAH, local budget)
ENTRIES = (
    ("1.1.3", MeasureStatus.IN_PROGRESS, "розпочато ремонт приймальні", "250", "180"),
    ("1.2.4", MeasureStatus.DONE, "визначено потреби громади на 2021 рік", "20", "19.5"),
    ("2.1.5", MeasureStatus.NOT_STARTED, "закупівлю автомобіля перенесено", "600", "0"),
    ("2.4.5.1", MeasureStatus.DONE, "публікації на сайті щомісяця", "5", "5"),
)
NEEDS = (("2.1.3", "015.2"), ("2.1.4", "017.1"), ("1.2.4", "015.1"))


# After the demo consultation's report (12.02.2021); invented, as the number is.
ADOPTED_ON = datetime.date(2021, 2, 26)


def import_demo_strategy(hromada: Territory) -> Strategy | None:
    """The draft, as imported from the seed (with the demo's planned money and links to
    needs); None when the hromada already has a strategy."""
    if Strategy.objects.filter(hromada=hromada).exists():
        return None
    plan = plan_import(SEED.read_bytes(), hromada=hromada, name=SEED.name)
    if plan.write is None or not plan.is_valid:
        raise RuntimeError(f"the shipped seed does not import: {plan.problems}")
    plan.write()
    strategy = Strategy.objects.get(hromada=hromada)
    _plan_demo_money(strategy)
    _link_needs(strategy)
    return strategy


def adopt_demo_strategy(strategy: Strategy) -> None:
    """Adopted by the (invented) council decision, published, monitored for 2021."""
    nobody = AnonymousUser()
    adopt_strategy(strategy=strategy, decision_number=DECISION, decided_on=ADOPTED_ON, by=nobody)
    set_published(strategy=strategy, published=True, by=nobody)
    _monitoring_2021(strategy)


def _plan_demo_money(strategy: Strategy) -> None:
    local = next(source for source in funding_sources() if source.code == "local_budget")
    for number, _, _, planned, _ in ENTRIES:
        node = strategy.nodes.get(number=number)
        PlannedFunding.objects.create(
            node=node, year=2021, source=local, amount=Decimal(planned), note=DEMO
        )
        node.funding_sources.add(local)


def _link_needs(strategy: Strategy) -> None:
    services = {s.code: s for s in Service.objects.filter(code__in=[c for _, c in NEEDS])}
    for number, code in NEEDS:
        if code in services:
            NodeNeed.objects.create(
                node=strategy.nodes.get(number=number),
                service=services[code],
                note=DEMO,
            )


def _monitoring_2021(strategy: Strategy) -> None:
    local = next(source for source in funding_sources() if source.code == "local_budget")
    period = open_period(strategy=strategy, year=2021, quarter=None)
    for number, status, done, _, spent in ENTRIES:
        save_report(
            period=period,
            node=strategy.nodes.get(number=number),
            expected_version=None,
            fields={
                "status": status,
                "done": f"{done} ({DEMO})",
                "comment": "Демонстраційні дані, не з документа громади.",
                "started_on": datetime.date(2021, 3, 1)
                if status != MeasureStatus.NOT_STARTED
                else None,
                "finished_on": datetime.date(2021, 11, 30)
                if status == MeasureStatus.DONE
                else None,
            },
            funding={local.pk: Decimal(spent)},
        )
    MeasureReport.objects.filter(period=period).update(is_demo=True)
    satisfaction = strategy.indicators.get(name__startswith="Рівень задоволення отримувачів")
    IndicatorTarget.objects.create(indicator=satisfaction, year=2021, value=Decimal(80))
    save_actuals(
        period=period,
        indicator=satisfaction,
        expected_stamp="",
        values={("total", "total"): Decimal(86)},
        comment=DEMO,
    )
    nobody = AnonymousUser()
    change_period_status(period=period, to=PeriodStatus.SUBMITTED, by=nobody)
    change_period_status(period=period, to=PeriodStatus.APPROVED, by=nobody)
