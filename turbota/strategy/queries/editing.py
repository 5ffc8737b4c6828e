"""What the pages that build a draft need to know: the number to suggest for a new goal,
task or measure, and what deleting one would take with it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from turbota.strategy.enums import PeriodStatus
from turbota.strategy.models import (
    IndicatorActual,
    MeasureReport,
    MonitoringPeriod,
    Node,
    Strategy,
)
from turbota.strategy.parsing.tree import NUMBER


def next_number(strategy: Strategy, parent: Node | None) -> str:
    """One more than the highest last part among the children numbered under the parent's
    number ("1.2.3" after 1.2.1 and 1.2.2), or the first one; only a suggestion."""
    prefix = f"{parent.number}." if parent is not None and parent.number else ""
    siblings = strategy.nodes.filter(parent=parent).values_list("number", flat=True)
    taken = [
        int(number[len(prefix) :])
        for number in siblings
        if NUMBER.fullmatch(number)
        and number.startswith(prefix)
        and "." not in number[len(prefix) :]
    ]
    return f"{prefix}{max(taken, default=0) + 1}"


@dataclass
class Removal:
    """A node and everything that goes with it when it is deleted."""

    node: Node
    descendants: int = 0
    indicators: int = 0
    reports: int = 0
    locked: list[MonitoringPeriod] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return bool(self.locked)

    @property
    def refusal(self) -> str:
        if not self.locked:
            return ""
        return (
            f"Пункт {self.node.number or self.node.title} не можна видалити: звіти про "
            "виконання його чи його складових є в затвердженому періоді моніторингу "
            f"({', '.join(period.label for period in self.locked)}). Затверджений звіт "
            "заблоковано і змінювати його не можна; щоб видалити пункт, спершу відкрийте "
            "період знову (із зазначенням причини) на сторінці періоду."
        )


def subtree_ids(node: Node) -> list[int]:
    """The node and all below it, from one query of the strategy's (id, parent) pairs."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent_id in Node.objects.filter(strategy_id=node.strategy_id).values_list(
        "pk", "parent_id"
    ):
        children[parent_id].append(pk)
    found, queue = [], [node.pk]
    while queue:
        pk = queue.pop()
        found.append(pk)
        queue += children[pk]
    return found


def node_removal(node: Node) -> Removal:
    ids = subtree_ids(node)
    reports = MeasureReport.objects.filter(node_id__in=ids)
    return Removal(
        node=node,
        descendants=len(ids) - 1,
        indicators=node.strategy.indicators.filter(node_id__in=ids).count(),
        reports=reports.count(),
        locked=list(
            MonitoringPeriod.objects.filter(
                pk__in=reports.values("period_id"), status=PeriodStatus.APPROVED
            ).order_by("year", "quarter")
        ),
    )


def indicator_locked_periods(indicator_id: int) -> list[MonitoringPeriod]:
    """Approved periods holding actual values of the indicator (they keep it alive)."""
    actuals = IndicatorActual.objects.filter(indicator_id=indicator_id)
    return list(
        MonitoringPeriod.objects.filter(
            pk__in=actuals.values("period_id"), status=PeriodStatus.APPROVED
        ).order_by("year", "quarter")
    )
