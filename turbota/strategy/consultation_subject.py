"""The strategy as a subject of public consultations (decision 0026): registered from
``StrategyConfig.ready()``. Its items are the goals-tree nodes — strategic and operational
goals, tasks and measures — in document order, keyed by the node's primary key
(``node:<pk>``, stable when the number or title is edited) and labelled with the number as
written and the title ("1.2 Забезпечення доступності…", decision 0017).

A draft can be consulted on: announcing the consultation is what opens the draft to the
public (decision 0028). An adopted edition can be, once it is published."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from turbota.consultations import subjects
from turbota.strategy.enums import IN_FORCE, StrategyStatus
from turbota.strategy.models import Node, Strategy
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
