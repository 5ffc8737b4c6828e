"""Writes of building a draft on the page, piece by piece: goals, tasks and measures (added
in document order, numbers kept as typed), indicators, SWOT items, the working group and
scenarios, and deleting them. A new draft itself is made in ``actions``."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max

from turbota.core.locking import next_version
from turbota.strategy.enums import NodeKind, StrategyStatus
from turbota.strategy.models import (
    Indicator,
    IndicatorTarget,
    Node,
    ScenarioNote,
    Strategy,
    SwotItem,
    WorkingGroupMember,
)
from turbota.strategy.queries.editing import (
    Removal,
    indicator_locked_periods,
    node_removal,
    subtree_ids,
)

StrategyPart = WorkingGroupMember | SwotItem | ScenarioNote


def _require_draft(strategy: Strategy) -> None:
    if strategy.status != StrategyStatus.DRAFT:
        raise ValidationError("Змінювати можна лише чернетку стратегії.")


def add_node(
    *, strategy: Strategy, parent: Node | None, number: str, title: str, slogan: str = ""
) -> Node:
    """A goal, task or measure added to a draft: its kind follows the parent's, it goes
    after the parent's last descendant in document order, and its number is kept as typed
    — a repeat or a gap is a warning on the strategy page, not a refusal (decision 0017)."""
    _require_draft(strategy)
    if parent is not None and parent.strategy_id != strategy.pk:
        raise ValidationError("Вищий пункт належить іншій стратегії.")
    kind = parent.child_kind if parent else NodeKind.STRATEGIC_GOAL
    with transaction.atomic():
        # one insertion at a time, so two people adding at once do not share a position
        Strategy.objects.select_for_update().values_list("pk", flat=True).get(pk=strategy.pk)
        above = strategy.nodes.filter(pk__in=subtree_ids(parent)) if parent else strategy.nodes
        last = above.aggregate(last=Max("position"))["last"]
        position = 0 if last is None else last + 1
        strategy.nodes.filter(position__gte=position).update(position=F("position") + 1)
        node = Node(
            strategy=strategy,
            parent=parent,
            kind=kind,
            number=number,
            title=title,
            slogan=slogan,
            position=position,
        )
        node.full_clean()
        node.save()
    return node


def delete_node(*, node: Node) -> Removal:
    """A node of a draft with all below it, their indicators, plans and monitoring reports;
    refused while an approved (locked) monitoring period holds a report of any of them."""
    _require_draft(node.strategy)
    with transaction.atomic():
        Strategy.objects.select_for_update().values_list("pk", flat=True).get(pk=node.strategy_id)
        removal = node_removal(node)
        if removal.refused:
            raise ValidationError(removal.refusal)
        node.delete()
    return removal


def add_indicator(
    *,
    node: Node,
    fields: dict[str, object],
    targets: dict[tuple[int, str, str], Decimal | None],
) -> Indicator:
    """An indicator of a goal, task or measure of a draft, after the strategy's others."""
    _require_draft(node.strategy)
    with transaction.atomic():
        last = node.strategy.indicators.aggregate(last=Max("position"))["last"]
        indicator = Indicator(
            strategy=node.strategy, node=node, position=0 if last is None else last + 1
        )
        for name, value in fields.items():
            setattr(indicator, name, value)
        indicator.full_clean()
        indicator.save()
        IndicatorTarget.objects.bulk_create(
            IndicatorTarget(indicator=indicator, year=year, area=area, sex=sex, value=value)
            for (year, area, sex), value in targets.items()
            if value is not None
        )
    return indicator


def delete_indicator(*, indicator: Indicator) -> None:
    """An indicator of a draft with its targets and actual values; refused while an
    approved (locked) monitoring period holds its actual values."""
    _require_draft(indicator.strategy)
    with transaction.atomic():
        locked = indicator_locked_periods(indicator.pk)
        if locked:
            raise ValidationError(
                "Індикатор не можна видалити: його фактичні значення є в затвердженому "
                f"періоді моніторингу ({', '.join(p.label for p in locked)}). Затверджений "
                "звіт заблоковано; щоб видалити індикатор, спершу відкрийте період знову "
                "(із зазначенням причини)."
            )
        indicator.delete()


def save_part(
    *, part: StrategyPart, expected_version: int | None, fields: dict[str, object]
) -> StrategyPart:
    """A SWOT item, a working-group member or a scenario of a draft, new or changed; a
    change made from a stale form is refused (decision 0011), and each scenario is
    described once."""
    _require_draft(part.strategy)
    with transaction.atomic():
        if part.pk is not None:
            part.version = next_version(part, expected_version)
        for name, value in fields.items():
            setattr(part, name, value)
        if (
            isinstance(part, ScenarioNote)
            and ScenarioNote.objects.filter(strategy=part.strategy, kind=part.kind)
            .exclude(pk=part.pk)
            .exists()
        ):
            raise ValidationError(
                f"Сценарій «{part.get_kind_display()}» уже описано: змініть наявний опис."
            )
        part.full_clean()
        part.save()
    return part


def delete_part(*, part: StrategyPart) -> None:
    _require_draft(part.strategy)
    with transaction.atomic():
        part.delete()
