"""Writes of strategies: adoption and publication, new editions, a new draft made on the
page, edits of its text, a task or measure, an indicator (refused when stale, decision 0011),
and links to needs. Adding and deleting the pieces of a draft (goals, tasks and measures,
indicators, SWOT, working group, scenarios) is in ``building_actions``; monitoring writes are
in ``monitoring_actions``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from turbota.accounts.models import User
from turbota.accounts.permissions import AnyUser
from turbota.core.locking import next_version
from turbota.strategy.enums import IN_FORCE, StrategyStatus
from turbota.strategy.models import (
    FundingSource,
    Indicator,
    IndicatorTarget,
    Node,
    NodeNeed,
    PlannedFunding,
    ScenarioNote,
    Strategy,
    StrategyTransition,
    SwotItem,
    WorkingGroupMember,
)
from turbota.strategy.reference import funding_sources
from turbota.territories.models import Territory


def _by(user: AnyUser) -> User | None:
    return user if isinstance(user, User) and user.is_authenticated else None


def _log(strategy: Strategy, old: str, note: str, by: AnyUser) -> None:
    StrategyTransition.objects.create(
        strategy=strategy, from_status=old, to_status=strategy.status, note=note, by=_by(by)
    )


def adopt_strategy(
    *, strategy: Strategy, decision_number: str, decided_on: datetime.date, by: AnyUser
) -> Strategy:
    """A draft adopted by the council's decision. An edition that replaces one in force is
    "adopted with amendments", and the one it replaces is superseded."""
    if strategy.status != StrategyStatus.DRAFT:
        raise ValidationError("Затвердити можна лише чернетку.")
    if not decision_number.strip():
        raise ValidationError("Вкажіть номер рішення ради.")
    with transaction.atomic():
        in_force = Strategy.objects.select_for_update().filter(
            hromada=strategy.hromada,
            period_start=strategy.period_start,
            period_end=strategy.period_end,
            status__in=IN_FORCE,
        )
        replaced = list(in_force.exclude(pk=strategy.pk))
        for old in replaced:
            old.status = StrategyStatus.SUPERSEDED
            old.save(update_fields=["status", "updated_at"])
            _log(old, StrategyStatus.ADOPTED, f"замінено редакцією {strategy.edition}", by)
        strategy.status = StrategyStatus.AMENDED if replaced else StrategyStatus.ADOPTED
        strategy.decision_number = decision_number.strip()
        strategy.decided_on = decided_on
        strategy.version += 1
        strategy.save()
        _log(
            strategy,
            StrategyStatus.DRAFT,
            f"рішення № {decision_number} від {decided_on:%d.%m.%Y}",
            by,
        )
    return strategy


def set_published(*, strategy: Strategy, published: bool, by: AnyUser) -> Strategy:
    """Only an edition in force is published; withdrawing it is logged too."""
    if published and not strategy.in_force:
        raise ValidationError("Оприлюднити можна лише затверджену стратегію.")
    with transaction.atomic():
        strategy.is_published = published
        strategy.published_at = timezone.now() if published else None
        strategy.save(update_fields=["is_published", "published_at", "updated_at"])
        _log(strategy, strategy.status, "оприлюднено" if published else "знято з оприлюднення", by)
    return strategy


def new_edition(*, strategy: Strategy, by: AnyUser) -> Strategy:
    """A draft copy of an edition (its text, tree, plan, indicators and needs) to amend."""
    latest = (
        Strategy.objects.filter(
            hromada=strategy.hromada,
            period_start=strategy.period_start,
            period_end=strategy.period_end,
        )
        .order_by("-edition")
        .first()
    )
    assert latest is not None
    if latest.status == StrategyStatus.DRAFT:
        raise ValidationError(f"Чернетка редакції {latest.edition} вже є: змінюйте її.")
    with transaction.atomic():
        copy = Strategy.objects.get(pk=strategy.pk)
        copy.pk = None
        copy.edition, copy.based_on = latest.edition + 1, strategy
        copy.status, copy.is_published, copy.published_at = StrategyStatus.DRAFT, False, None
        copy.decision_number, copy.decided_on, copy.source_checksum = "", None, ""
        copy.version = 1
        copy.save()
        _copy_parts(strategy, copy)
        _copy_tree(strategy, copy)
        _log(copy, StrategyStatus.DRAFT, f"нова редакція на основі редакції {strategy.edition}", by)
    return copy


def _copy_parts(source: Strategy, target: Strategy) -> None:
    members = list(source.members.all())
    swot = list(source.swot.all())
    scenarios = list(source.scenarios.all())
    for member in members:
        member.pk, member.strategy, member.version = None, target, 1
    for item in swot:
        item.pk, item.strategy, item.version = None, target, 1
    for scenario in scenarios:
        scenario.pk, scenario.strategy, scenario.version = None, target, 1
    WorkingGroupMember.objects.bulk_create(members)
    SwotItem.objects.bulk_create(swot)
    ScenarioNote.objects.bulk_create(scenarios)


def _copy_tree(source: Strategy, target: Strategy) -> None:
    mapping: dict[int, Node] = {}
    for node in source.nodes.in_order().prefetch_related("funding_sources"):
        old_pk, sources = node.pk, list(node.funding_sources.all())
        node.pk, node.strategy = None, target
        node.parent = mapping[node.parent_id] if node.parent_id else None
        node.version = 1
        node.save()
        node.funding_sources.set(sources)
        mapping[old_pk] = node
    for planned in PlannedFunding.objects.filter(node__strategy=source):
        planned.pk, planned.node = None, mapping[planned.node_id]
        planned.save()
    for need in NodeNeed.objects.filter(node__strategy=source):
        need.pk, need.node = None, mapping[need.node_id]
        need.save()
    for indicator in source.indicators.prefetch_related("targets"):
        targets = list(indicator.targets.all())
        indicator.pk, indicator.strategy = None, target
        indicator.node = mapping[indicator.node_id] if indicator.node_id else None
        indicator.save()
        for item in targets:
            item.pk, item.indicator = None, indicator
        IndicatorTarget.objects.bulk_create(targets)


@dataclass
class MeasureEdit:
    """What the measure form changes: its fields, its sources and its money by year."""

    fields: dict[str, object]
    sources: list[FundingSource] = field(default_factory=list)
    # (year or None, source or None) → amount; an amount of None removes the row
    funding: dict[tuple[int | None, int | None], Decimal | None] = field(default_factory=dict)


def update_node(*, node: Node, expected_version: int, edit: MeasureEdit) -> Node:
    """Save a goal, task or measure edited from ``expected_version``; refuse a stale one."""
    if node.strategy.status != StrategyStatus.DRAFT:
        raise ValidationError("Змінювати можна лише чернетку стратегії.")
    with transaction.atomic():
        version = next_version(node, expected_version)
        for name, value in edit.fields.items():
            setattr(node, name, value)
        node.version = version
        node.full_clean()
        node.save()
        node.funding_sources.set(edit.sources)
        _write_funding(node, edit.funding)
    return node


def _write_funding(
    node: Node, funding: dict[tuple[int | None, int | None], Decimal | None]
) -> None:
    existing = {(row.year, row.source_id): row for row in node.planned.all()}
    for (year, source_id), amount in funding.items():
        row = existing.get((year, source_id))
        if amount is None or amount == 0:
            if row is not None:
                row.delete()
        elif row is None:
            PlannedFunding.objects.create(node=node, year=year, source_id=source_id, amount=amount)
        elif row.amount != amount:
            row.amount = amount
            row.save(update_fields=["amount"])


def add_need(*, node: Node, service_id: int, settlement_id: int | None, note: str) -> NodeNeed:
    if node.strategy.status != StrategyStatus.DRAFT:
        raise ValidationError("Змінювати можна лише чернетку стратегії.")
    if NodeNeed.objects.filter(
        node=node, service_id=service_id, settlement_id=settlement_id
    ).exists():
        raise ValidationError("Цю потребу вже пов'язано із заходом.")
    with transaction.atomic():
        return NodeNeed.objects.create(
            node=node, service_id=service_id, settlement_id=settlement_id, note=note
        )


def remove_need(*, need: NodeNeed) -> None:
    if need.node.strategy.status != StrategyStatus.DRAFT:
        raise ValidationError("Змінювати можна лише чернетку стратегії.")
    need.delete()


def update_indicator(
    *,
    indicator: Indicator,
    expected_version: int,
    fields: dict[str, object],
    targets: dict[tuple[int, str, str], Decimal | None],
) -> Indicator:
    """An indicator's unit, direction, baseline and targets by year (and cut)."""
    if indicator.strategy.status != StrategyStatus.DRAFT:
        raise ValidationError("Змінювати можна лише чернетку стратегії.")
    with transaction.atomic():
        version = next_version(indicator, expected_version)
        for name, value in fields.items():
            setattr(indicator, name, value)
        indicator.version = version
        indicator.save()
        existing = {(t.year, t.area, t.sex): t for t in indicator.targets.all()}
        for key, value in targets.items():
            row = existing.get(key)
            if value is None:
                if row is not None:
                    row.delete()
            elif row is None:
                year, area, sex = key
                IndicatorTarget.objects.create(
                    indicator=indicator, year=year, area=area, sex=sex, value=value
                )
            elif row.value != value:
                row.value = value
                row.save(update_fields=["value"])
    return indicator


def update_strategy_text(
    *, strategy: Strategy, expected_version: int, fields: dict[str, object]
) -> Strategy:
    """A draft's title, mission, vision and values; refuse a stale form."""
    if strategy.status != StrategyStatus.DRAFT:
        raise ValidationError("Змінювати можна лише чернетку стратегії.")
    with transaction.atomic():
        version = next_version(strategy, expected_version)
        for name, value in fields.items():
            setattr(strategy, name, value)
        strategy.version = version
        strategy.save()
    return strategy


def create_strategy(*, hromada: Territory, fields: dict[str, Any], by: AnyUser) -> Strategy:
    """A draft made from scratch: edition 1 for its years. When the hromada already has a
    strategy for the same years, that one is changed (or a new edition of it made) instead."""
    existing = (
        Strategy.objects.filter(
            hromada=hromada, period_start=fields["period_start"], period_end=fields["period_end"]
        )
        .order_by("-edition")
        .first()
    )
    if existing is not None:
        raise ValidationError(
            f"Стратегія громади на {existing.period} роки вже є (редакція {existing.edition}, "
            f"{existing.get_status_display()}): змінюйте її чернетку або створіть нову "
            "редакцію на сторінці стратегії."
        )
    with transaction.atomic():
        strategy = Strategy(hromada=hromada, **fields)
        strategy.full_clean()
        strategy.save()
        funding_sources()  # the default sources, so the plan's money can name them
        _log(strategy, StrategyStatus.DRAFT, "створено в системі", by)
    return strategy
