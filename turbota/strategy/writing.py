"""Writing what the importer read into a strategy edition, in one transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from turbota.strategy.enums import StrategyStatus
from turbota.strategy.models import (
    FundingSource,
    Indicator,
    Node,
    PlannedFunding,
    ScenarioNote,
    Strategy,
    StrategyTransition,
    SwotItem,
    WorkingGroupMember,
)
from turbota.strategy.parsing.parsed import ParsedNode, ParsedStrategy

if TYPE_CHECKING:
    from turbota.territories.models import Territory


def write_parsed(
    parsed: ParsedStrategy,
    *,
    hromada: Territory,
    edition: int,
    based_on: Strategy | None,
    replace: Strategy | None,
    checksum: str,
    source_name: str,
) -> Strategy:
    assert parsed.period_start is not None
    assert parsed.period_end is not None
    with transaction.atomic():
        strategy = replace or Strategy(hromada=hromada, edition=edition, based_on=based_on)
        if replace is not None:
            _clear(replace)
            strategy.version += 1
        strategy.title = parsed.title
        strategy.period_start, strategy.period_end = parsed.period_start, parsed.period_end
        strategy.mission, strategy.vision = parsed.mission, parsed.vision
        strategy.values = "\n".join(parsed.values)
        strategy.source_name, strategy.source_checksum = source_name[:255], checksum
        strategy.import_warnings = parsed.warnings
        strategy.save()
        _parts(strategy, parsed)
        sources = {source.code: source for source in FundingSource.objects.all()}
        position = 0
        for root in parsed.roots:
            position = _node(strategy, root, None, position, sources)
        StrategyTransition.objects.create(
            strategy=strategy,
            from_status=StrategyStatus.DRAFT,
            to_status=StrategyStatus.DRAFT,
            note=f"імпортовано з файлу {source_name}".strip()[:300],
        )
    return strategy


def _clear(strategy: Strategy) -> None:
    strategy.nodes.all().delete()
    strategy.indicators.all().delete()
    strategy.members.all().delete()
    strategy.swot.all().delete()
    strategy.scenarios.all().delete()


def _parts(strategy: Strategy, parsed: ParsedStrategy) -> None:
    WorkingGroupMember.objects.bulk_create(
        WorkingGroupMember(
            strategy=strategy,
            position_in_list=number,
            full_name=member.full_name[:200],
            position=member.position,
            role=member.role,
        )
        for number, member in enumerate(parsed.members, start=1)
    )
    SwotItem.objects.bulk_create(
        SwotItem(strategy=strategy, quadrant=quadrant, number=number, text=text)
        for quadrant, items in parsed.swot.items()
        for number, text in enumerate(items, start=1)
    )
    ScenarioNote.objects.bulk_create(
        ScenarioNote(strategy=strategy, kind=kind, assumptions=text)
        for kind, text in parsed.scenarios.items()
    )


def _node(
    strategy: Strategy,
    parsed: ParsedNode,
    parent: Node | None,
    position: int,
    sources: dict[str, FundingSource],
) -> int:
    position += 1
    node = Node.objects.create(
        strategy=strategy,
        parent=parent,
        kind=parsed.kind,
        number=parsed.number,
        title=parsed.title,
        slogan=parsed.slogan[:300],
        position=position,
        source_line=parsed.line or None,
        result_indicator=parsed.result_indicator,
        period_text=parsed.period_text[:100],
        period_start=parsed.period_start,
        period_end=parsed.period_end,
        executors="\n".join(parsed.executors),
        funding_sources_text=parsed.sources_text[:300],
        implementation_mark=parsed.mark,
    )
    node.funding_sources.set([sources[code] for code in parsed.source_codes if code in sources])
    PlannedFunding.objects.bulk_create(
        PlannedFunding(
            node=node,
            year=item.year,
            source=sources.get(item.source) if item.source else None,
            amount=item.amount,
        )
        for item in parsed.funding
    )
    Indicator.objects.bulk_create(
        Indicator(
            strategy=strategy,
            node=node,
            position=position * 100 + number,
            name=indicator.name,
            unit=indicator.unit,
            by_area=indicator.by_area,
            by_sex=indicator.by_sex,
            source_line=indicator.line,
        )
        for number, indicator in enumerate(parsed.indicators, start=1)
    )
    for child in parsed.children:
        position = _node(strategy, child, node, position, sources)
    return position
