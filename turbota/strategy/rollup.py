"""Plan against fact for a monitoring period, and the red/amber/green status, rolled up the
goals tree (decision 0018). Everything is read for many periods at once in a fixed number of
queries, then computed in memory, so the oblast's summary of many hromadas costs the same.

Rules, with thresholds from ``RagSettings`` (editable):

* Funding of a node in a period: plan = its planned amount for the period's year (for a
  quarter, the year's plan × quarter / 4); fact = actual funding reported in that period
  (for a quarter, in that year's quarters up to it). Deviation = fact − plan, and in % of plan.
  A total for the whole period that the document did not split by year is left out.
* A task or measure with a report: status «cancelled» → no colour (left out); «overdue», or
  not done after its planned end date → red; «not started» although its period has begun →
  amber; else green. With a plan for the year, |deviation| ≤ green % → green, ≤ amber % →
  amber, else red; money spent without a plan → amber. The worse of the two counts.
* An indicator with a target for the year and an actual value: achievement = actual / target
  (target / actual when lower is better), in %; ≥ green % → green, ≥ amber % → amber, else red.
* A node's colour = the average score of its parts (its own report, its indicators, its
  children; green 100, amber 50, red 0): ≥ green score → green, ≥ amber score → amber, else
  red. Parts without a colour are left out; a node with none has no colour.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum

from turbota.strategy.enums import Area, Direction, MeasureStatus, PeriodStatus, Rag, SexCut
from turbota.strategy.models import (
    ActualFunding,
    Indicator,
    IndicatorActual,
    IndicatorTarget,
    MeasureReport,
    MonitoringPeriod,
    Node,
    PlannedFunding,
    RagSettings,
)

SCORES = {Rag.GREEN: Decimal(100), Rag.AMBER: Decimal(50), Rag.RED: Decimal(0)}
ORDER = [Rag.GREEN, Rag.AMBER, Rag.RED]
ZERO = Decimal(0)
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Rules:
    funding_green: Decimal = Decimal(10)
    funding_amber: Decimal = Decimal(30)
    indicator_green: Decimal = Decimal(95)
    indicator_amber: Decimal = Decimal(75)
    rollup_green: Decimal = Decimal(80)
    rollup_amber: Decimal = Decimal(50)

    @classmethod
    def current(cls) -> Rules:
        row = RagSettings.current()
        return cls(
            funding_green=row.funding_green_percent,
            funding_amber=row.funding_amber_percent,
            indicator_green=row.indicator_green_percent,
            indicator_amber=row.indicator_amber_percent,
            rollup_green=row.rollup_green_score,
            rollup_amber=row.rollup_amber_score,
        )


@dataclass(frozen=True)
class Deviation:
    plan: Decimal | None
    fact: Decimal | None

    @property
    def absolute(self) -> Decimal | None:
        if self.plan is None or self.fact is None:
            return None
        return self.fact - self.plan

    @property
    def percent(self) -> Decimal | None:
        if self.absolute is None or not self.plan:
            return None
        return (self.absolute / self.plan * HUNDRED).quantize(Decimal("0.1"))


def worst(rags: Iterable[Rag | None]) -> Rag | None:
    found = [rag for rag in rags if rag is not None]
    return max(found, key=ORDER.index) if found else None


def combined(rags: Iterable[Rag | None], rules: Rules) -> Rag | None:
    """The average score of the coloured parts against the roll-up thresholds."""
    found = [rag for rag in rags if rag is not None]
    if not found:
        return None
    score = sum((SCORES[rag] for rag in found), ZERO) / len(found)
    if score >= rules.rollup_green:
        return Rag.GREEN
    if score >= rules.rollup_amber:
        return Rag.AMBER
    return Rag.RED


def funding_rag(deviation: Deviation, rules: Rules) -> Rag | None:
    if not deviation.plan:
        return Rag.AMBER if deviation.fact else None
    percent = abs(deviation.percent or ZERO)
    if percent <= rules.funding_green:
        return Rag.GREEN
    return Rag.AMBER if percent <= rules.funding_amber else Rag.RED


def achievement(target: Decimal, actual: Decimal, direction: str) -> Decimal | None:
    if direction == Direction.LOWER:
        if not actual:
            return HUNDRED if target >= 0 else None
        return (target / actual * HUNDRED).quantize(Decimal("0.1"))
    if not target:
        return None
    return (actual / target * HUNDRED).quantize(Decimal("0.1"))


def indicator_rag(achieved: Decimal | None, rules: Rules) -> Rag | None:
    if achieved is None:
        return None
    if achieved >= rules.indicator_green:
        return Rag.GREEN
    return Rag.AMBER if achieved >= rules.indicator_amber else Rag.RED


def report_rag(
    report: MeasureReport, node: Node, period: MonitoringPeriod, rules: Rules
) -> tuple[Rag | None, list[str]]:
    """The colour of a report's status (not of its money)."""
    status = report.status
    if status == MeasureStatus.CANCELLED:
        return None, ["захід скасовано"]
    if status == MeasureStatus.OVERDUE:
        return Rag.RED, ["прострочено"]
    ended = report.planned_end_on is not None and report.planned_end_on < period.ends_on
    if status != MeasureStatus.DONE and ended:
        return Rag.RED, ["не виконано до запланованої дати завершення"]
    if status == MeasureStatus.NOT_STARTED and (node.period_start or period.year) <= period.year:
        return Rag.AMBER, ["не розпочато, хоча строк виконання настав"]
    return Rag.GREEN, []


@dataclass
class IndicatorStatus:
    indicator: Indicator
    target: Decimal | None
    actual: Decimal | None
    achieved: Decimal | None
    rag: Rag | None

    @property
    def deviation(self) -> Deviation:
        return Deviation(self.target, self.actual)


@dataclass
class NodeStatus:
    node: Node
    report: MeasureReport | None
    funding: Deviation
    rag: Rag | None
    reasons: list[str] = field(default_factory=list)
    indicators: list[IndicatorStatus] = field(default_factory=list)
    children: list[NodeStatus] = field(default_factory=list)

    def walk(self) -> list[NodeStatus]:
        found = [self]
        for child in self.children:
            found += child.walk()
        return found


@dataclass
class PeriodRollup:
    period: MonitoringPeriod
    roots: list[NodeStatus]
    funding: Deviation
    rag: Rag | None

    def statuses(self) -> list[NodeStatus]:
        return [status for root in self.roots for status in root.walk()]


@dataclass
class Loaded:
    """What the roll-ups of some periods need, read in a fixed number of queries."""

    rules: Rules
    nodes: dict[int, list[Node]]
    planned: dict[tuple[int, int], Decimal]
    periods: dict[int, list[MonitoringPeriod]]
    reports: dict[tuple[int, int], MeasureReport]
    actual: dict[tuple[int, int], Decimal]
    indicators: dict[int, list[Indicator]]
    targets: dict[tuple[int, int], Decimal]
    actuals: dict[tuple[int, int], Decimal]


def load(periods: list[MonitoringPeriod]) -> Loaded:
    strategy_ids = {period.strategy_id for period in periods}
    nodes: dict[int, list[Node]] = defaultdict(list)
    for node in Node.objects.filter(strategy_id__in=strategy_ids).order_by("position", "pk"):
        nodes[node.strategy_id].append(node)
    planned: dict[tuple[int, int], Decimal] = {
        (row["node_id"], row["year"] or 0): row["amount"]
        for row in PlannedFunding.objects.filter(
            node__strategy_id__in=strategy_ids, year__isnull=False
        )
        .values("node_id", "year")
        .annotate(amount=Sum("amount"))
    }
    all_periods: dict[int, list[MonitoringPeriod]] = defaultdict(list)
    for period in MonitoringPeriod.objects.filter(strategy_id__in=strategy_ids):
        all_periods[period.strategy_id].append(period)
    period_ids = [p.pk for group in all_periods.values() for p in group]
    reports = {
        (report.period_id, report.node_id): report
        for report in MeasureReport.objects.filter(period_id__in=period_ids)
    }
    actual = {
        (row["report__period_id"], row["report__node_id"]): row["amount"]
        for row in ActualFunding.objects.filter(report__period_id__in=period_ids)
        .values("report__period_id", "report__node_id")
        .annotate(amount=Sum("amount"))
    }
    indicators: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in Indicator.objects.filter(strategy_id__in=strategy_ids, node__isnull=False):
        assert indicator.node_id is not None
        indicators[indicator.node_id].append(indicator)
    total = {"area": Area.TOTAL, "sex": SexCut.TOTAL}
    targets = {
        (t.indicator_id, t.year): t.value
        for t in IndicatorTarget.objects.filter(indicator__strategy_id__in=strategy_ids, **total)
    }
    actuals = {
        (a.period_id, a.indicator_id): a.value
        for a in IndicatorActual.objects.filter(period_id__in=period_ids, **total)
    }
    return Loaded(
        Rules.current(), nodes, planned, all_periods, reports, actual, indicators, targets, actuals
    )


def compute(
    loaded: Loaded, period: MonitoringPeriod, *, approved_only: bool = False
) -> PeriodRollup:
    """``approved_only``: a quarter's money to date counts the year's earlier quarters only
    where they are approved (for readers who see approved figures only)."""
    nodes = loaded.nodes.get(period.strategy_id, [])
    children: dict[int | None, list[Node]] = defaultdict(list)
    for node in nodes:
        children[node.parent_id].append(node)
    counted = [
        p.pk
        for p in loaded.periods.get(period.strategy_id, [period])
        if p.year == period.year
        and (
            p.pk == period.pk
            or (
                period.quarter
                and p.quarter
                and p.quarter <= period.quarter
                and (p.status == PeriodStatus.APPROVED or not approved_only)
            )
        )
    ]
    share = Decimal(period.quarter) / 4 if period.quarter else Decimal(1)
    context = _Context(loaded, period, counted, share, children)
    roots = [context.status(node) for node in children[None]]
    plan = sum((r.funding.plan or ZERO for r in roots), ZERO)
    fact = sum((r.funding.fact or ZERO for r in roots), ZERO)
    rag = combined((r.rag for r in roots), loaded.rules)
    return PeriodRollup(period, roots, Deviation(plan, fact), rag)


@dataclass
class _Context:
    loaded: Loaded
    period: MonitoringPeriod
    counted: list[int]
    share: Decimal
    children: dict[int | None, list[Node]]

    def status(self, node: Node) -> NodeStatus:
        loaded, rules = self.loaded, self.loaded.rules
        plan = loaded.planned.get((node.pk, self.period.year), ZERO) * self.share
        fact = sum((loaded.actual.get((p, node.pk), ZERO) for p in self.counted), ZERO)
        own = Deviation(plan, fact)
        report = loaded.reports.get((self.period.pk, node.pk))
        parts: list[Rag | None] = []
        reasons: list[str] = []
        if report is not None:
            status_rag, reasons = report_rag(report, node, self.period, rules)
            money_rag = funding_rag(own, rules) if status_rag is not None else None
            if money_rag in (Rag.AMBER, Rag.RED):
                reasons.append(_money_reason(own))
            parts.append(worst([status_rag, money_rag]))
        indicators = [self._indicator(i) for i in loaded.indicators.get(node.pk, [])]
        parts += [i.rag for i in indicators]
        kids = [self.status(child) for child in self.children.get(node.pk, [])]
        parts += [kid.rag for kid in kids]
        total_plan = plan + sum((k.funding.plan or ZERO for k in kids), ZERO)
        total_fact = fact + sum((k.funding.fact or ZERO for k in kids), ZERO)
        return NodeStatus(
            node=node,
            report=report,
            funding=Deviation(total_plan, total_fact),
            rag=combined(parts, rules),
            reasons=reasons,
            indicators=indicators,
            children=kids,
        )

    def _indicator(self, indicator: Indicator) -> IndicatorStatus:
        target = self.loaded.targets.get((indicator.pk, self.period.year))
        actual = self.loaded.actuals.get((self.period.pk, indicator.pk))
        achieved = None
        if target is not None and actual is not None:
            achieved = achievement(target, actual, indicator.direction)
        return IndicatorStatus(
            indicator, target, actual, achieved, indicator_rag(achieved, self.loaded.rules)
        )


def _money_reason(deviation: Deviation) -> str:
    if not deviation.plan:
        return "профінансовано без плану на цей рік"
    return f"відхилення фінансування від плану {deviation.percent} %".replace(".", ",")


def period_rollup(*, period: MonitoringPeriod, approved_only: bool = False) -> PeriodRollup:
    return compute(load([period]), period, approved_only=approved_only)
