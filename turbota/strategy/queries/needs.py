"""The link between needs and measures, both ways: the needs a measure answers with the
current unmet need, and the measures that answer a needs study's services."""

from __future__ import annotations

from dataclasses import dataclass

from turbota.accounts.permissions import AnyUser
from turbota.core.disclosure import Cell
from turbota.needs.enums import StudyStatus
from turbota.needs.models import NeedsStudy
from turbota.needs.permissions import can_view_full_study
from turbota.needs.queries import needs_table, shown_table
from turbota.strategy.models import Node, NodeNeed, Strategy
from turbota.strategy.permissions import can_view_strategy


@dataclass(frozen=True)
class NeedLine:
    need: NodeNeed
    unmet: Cell | int | None  # None: no study, or the study has no such row


def latest_study(hromada_id: int, user: AnyUser) -> tuple[NeedsStudy | None, bool]:
    """The hromada's latest study the user may read, and whether they see exact figures."""
    for study in (
        NeedsStudy.objects.filter(hromada_id=hromada_id)
        .select_related("hromada", "method")
        .order_by("-year")
    ):
        if can_view_full_study(user, study):
            return study, True
        if study.status == StudyStatus.PUBLISHED:
            return study, False
    return None, False


def needs_of(node: Node, user: AnyUser) -> tuple[list[NeedLine], NeedsStudy | None]:
    needs = list(node.needs.select_related("service", "settlement"))
    study, full = latest_study(node.strategy.hromada_id, user) if needs else (None, False)
    if study is None:
        return [NeedLine(need, None) for need in needs], None
    table = needs_table(study=study)
    shown = {
        (s.row.service.pk, s.row.settlement.pk if s.row.settlement else None): s
        for s in shown_table(table, suppress=not full)
        if s.row.sex == "total"
    }
    lines = []
    for need in needs:
        row = shown.get((need.service_id, need.settlement_id))
        unmet = None if row is None else (row.row.unmet if full else row.unmet)
        lines.append(NeedLine(need, unmet))
    return lines, study


@dataclass(frozen=True)
class MeasureLink:
    strategy: Strategy
    node: Node
    service_code: str
    service_name: str
    where: str


def measures_for_study(*, study: NeedsStudy, user: AnyUser) -> list[MeasureLink]:
    """Measures of the hromada's strategies the user may read that answer a need for a
    service (in the whole hromada or one settlement)."""
    needs = (
        NodeNeed.objects.filter(node__strategy__hromada_id=study.hromada_id)
        .select_related(
            "node", "node__strategy", "node__strategy__hromada", "service", "settlement"
        )
        .order_by("service__code", "node__strategy__period_start", "node__position")
    )
    readable: dict[int, bool] = {}  # one check per strategy, not per need
    links = []
    for need in needs:
        strategy = need.node.strategy
        if strategy.pk not in readable:
            readable[strategy.pk] = can_view_strategy(user, strategy)
        if readable[strategy.pk]:
            where = need.settlement.display_name if need.settlement else "уся громада"
            links.append(
                MeasureLink(strategy, need.node, need.service.code, need.service.name, where)
            )
    return links
