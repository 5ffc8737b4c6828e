"""Which strategies a reader finds, and a strategy's tree in document order."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from turbota.accounts.permissions import (
    AnyUser,
    analyst_oblast_ids,
    is_admin,
    staff_hromada_ids,
    working_group_hromada_ids,
)
from turbota.consultations.queries import subjects_in_public
from turbota.strategy.enums import IN_FORCE, StrategyStatus
from turbota.strategy.models import Indicator, Node, Strategy
from turbota.strategy.parsing.tree import NUMBER, sibling_numbering
from turbota.strategy.permissions import can_read_all_strategies
from turbota.territories.models import Territory


def public_strategies() -> QuerySet[Strategy]:
    return (
        Strategy.objects.filter(status__in=IN_FORCE, is_published=True)
        .select_related("hromada")
        .order_by("hromada__sort_key", "-period_start")
    )


def consulted_drafts() -> QuerySet[Strategy]:
    """Drafts under an announced consultation, which everyone reads (decision 0028)."""
    return (
        Strategy.objects.filter(status=StrategyStatus.DRAFT, pk__in=subjects_in_public(Strategy))
        .select_related("hromada")
        .order_by("hromada__sort_key", "-period_start")
    )


def strategies_of(user: AnyUser, hromada: Territory) -> QuerySet[Strategy]:
    """Every edition for those who read drafts; for everyone else the public ones and the
    drafts under an announced consultation (decision 0028)."""
    found = Strategy.objects.filter(hromada=hromada).order_by("-period_start", "-edition")
    if can_read_all_strategies(user, hromada):
        return found
    consulted = subjects_in_public(Strategy, hromada)
    return found.filter(
        Q(status__in=IN_FORCE, is_published=True) | Q(status=StrategyStatus.DRAFT, pk__in=consulted)
    )


def hromadas_with_strategies_for(user: AnyUser) -> QuerySet[Territory]:
    """Hromadas whose strategies (drafts too) the user works with."""
    own = staff_hromada_ids(user) | working_group_hromada_ids(user)
    with_strategies = Strategy.objects.values("hromada_id")
    rule = Q(pk__in=own) | Q(oblast_id__in=analyst_oblast_ids(user), pk__in=with_strategies)
    if is_admin(user):
        rule |= Q(pk__in=with_strategies)
    return Territory.objects.hromadas().filter(rule).order_by("sort_key")


@dataclass
class TreeItem:
    node: Node
    depth: int
    children: list[TreeItem] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)

    def walk(self) -> list[TreeItem]:
        found = [self]
        for child in self.children:
            found += child.walk()
        return found


def tree(strategy: Strategy) -> list[TreeItem]:
    """The goals tree as the document has it, with indicators, in two queries."""
    nodes = list(strategy.nodes.in_order())
    indicators: dict[int | None, list[Indicator]] = defaultdict(list)
    for indicator in strategy.indicators.order_by("position", "pk"):
        indicators[indicator.node_id].append(indicator)
    children: dict[int | None, list[Node]] = defaultdict(list)
    for node in nodes:
        children[node.parent_id].append(node)

    def build(node: Node, depth: int) -> TreeItem:
        return TreeItem(
            node,
            depth,
            [build(child, depth + 1) for child in children[node.pk]],
            indicators[node.pk],
        )

    return [build(node, 0) for node in children[None]]


def numbering_warnings(strategy: Strategy, roots: list[TreeItem] | None = None) -> list[str]:
    """What the import reported about the document (gaps, repeated numbers, unread lines),
    then the same checks for each goal, task or measure added on the page: the tree keeps
    what people type as they typed it and says what is unusual (decision 0017)."""
    found = [str(warning) for warning in strategy.import_warnings]
    return found + _added_warnings(tree(strategy) if roots is None else roots, None)


def _added_warnings(siblings: list[TreeItem], parent: Node | None) -> list[str]:
    found: list[str] = []
    earlier: list[tuple[str, str]] = []
    for item in siblings:
        node = item.node
        if node.source_line is None and NUMBER.fullmatch(node.number):
            problem = sibling_numbering(node.number, earlier, parent.number if parent else None)
            if (
                parent is not None
                and parent.number
                and node.number.rpartition(".")[0] != parent.number
            ):
                problem = (problem + " " if problem else "") + (
                    f"Номер не продовжує номера вищого пункту {parent.number}."
                )
            if problem:
                found.append(f"Пункт «{_short(node.title)}», доданий на сторінці: {problem}")
        if node.number:
            earlier.append((node.number, _where(node)))
        found += _added_warnings(item.children, node)
    return found


def _where(node: Node) -> str:
    if node.source_line is not None:
        return f"рядок {node.source_line}"
    return f"«{_short(node.title)}»"


def _short(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"
