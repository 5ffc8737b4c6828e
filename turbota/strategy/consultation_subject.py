"""The strategy as a subject of public consultations (decision 0026): registered from
``StrategyConfig.ready()``. Its items are the goals-tree nodes — strategic and operational
goals, tasks and measures — in document order, keyed by the node's primary key
(``node:<pk>``, stable when the number or title is edited) and labelled with the number as
written and the title ("1.2 Забезпечення доступності…", decision 0017).

A draft can be consulted on: announcing the consultation is what opens the draft to the
public (decision 0028). An adopted edition can be, once it is published.

A monitoring report (a period of monitoring) is a subject too, once it is public: approved,
of a published strategy. Its items are the same nodes with the same keys, so a proposal on
measure 1.2.4 of the report and one on the strategy name the same measure."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from turbota.consultations import subjects
from turbota.strategy.enums import IN_FORCE, PeriodStatus, StrategyStatus
from turbota.strategy.models import MonitoringPeriod, Node, Strategy
from turbota.territories.models import Territory

ITEM_PREFIX = "node:"


def item_key(node: Node) -> str:
    return f"{ITEM_PREFIX}{node.pk}"


def item_label(node: Node) -> str:
    return f"{node.number} {node.title}" if node.number else node.title


def strategy_items(strategy: Strategy) -> list[subjects.Item]:
    return [(item_key(node), item_label(node)) for node in strategy.nodes.in_order()]


def may_be_consulted(strategy: Strategy) -> bool:
    """A draft (the consultation opens it), or an edition in force that is published; an
    adopted edition withdrawn from publication stays closed."""
    return strategy.status == StrategyStatus.DRAFT or strategy.is_public


def _public_url(strategy: Strategy) -> str | None:
    return reverse("strategy:detail", args=[strategy.pk]) if may_be_consulted(strategy) else None


def _strategies_of(hromada: Territory) -> list[Strategy]:
    rule = Q(status=StrategyStatus.DRAFT) | Q(status__in=IN_FORCE, is_published=True)
    return list(
        Strategy.objects.filter(rule, hromada=hromada)
        .select_related("hromada")
        .order_by("-period_start", "-edition")
    )


def _period_is_public(period: MonitoringPeriod) -> bool:
    return period.status == PeriodStatus.APPROVED and period.strategy.is_public


def _period_url(period: MonitoringPeriod) -> str | None:
    return reverse("strategy:period", args=[period.pk]) if _period_is_public(period) else None


def _period_title(period: MonitoringPeriod) -> str:
    return f"Звіт про моніторинг: {period.strategy} — {period.label}"


def _periods_of(hromada: Territory) -> list[MonitoringPeriod]:
    return list(
        MonitoringPeriod.objects.filter(
            strategy__hromada=hromada,
            strategy__status__in=IN_FORCE,
            strategy__is_published=True,
            status=PeriodStatus.APPROVED,
        )
        .select_related("strategy__hromada")
        .order_by("-year", "-quarter")
    )


def register_strategy_subject() -> None:
    subjects.register(
        Strategy,
        label="стратегія",
        hromada=lambda strategy: strategy.hromada,
        title=str,
        public_url=_public_url,
        items=strategy_items,
        of_hromada=_strategies_of,
    )
    subjects.register(
        MonitoringPeriod,
        label="звіт про моніторинг стратегії",
        hromada=lambda period: period.strategy.hromada,
        title=_period_title,
        public_url=_period_url,
        items=lambda period: strategy_items(period.strategy),
        of_hromada=_periods_of,
    )
