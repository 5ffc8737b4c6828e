"""Access to strategies. A strategy holds no person's data: the public reads an adopted,
published strategy and its approved monitoring, and a draft its hromada has announced a
public consultation on (from the announcement on, decision 0028); the hromada's staff and
working group and the analysts of its oblast read every edition; the staff and the working
group edit a draft; the staff adopt, publish and run monitoring."""

from __future__ import annotations

from turbota.accounts.permissions import (
    AnyUser,
    analyst_oblast_ids,
    is_admin,
    staff_hromada_ids,
    working_group_hromada_ids,
)
from turbota.consultations.queries import public_consultations_on
from turbota.core.perms import register
from turbota.strategy.enums import PeriodStatus, StrategyStatus
from turbota.strategy.models import MonitoringPeriod, Strategy
from turbota.territories.models import Territory


def can_read_all_strategies(user: AnyUser, hromada: Territory) -> bool:
    """Drafts and every edition: administrators, the hromada's staff and working group,
    the analysts of its oblast."""
    return (
        is_admin(user)
        or hromada.pk in staff_hromada_ids(user)
        or hromada.pk in working_group_hromada_ids(user)
        or hromada.oblast_id in analyst_oblast_ids(user)
    )


def is_consulted_in_public(strategy: Strategy) -> bool:
    """A draft that is the subject of a consultation of its hromada announced (or further
    on: proposals, decisions, report): the public reads what it is asked about, and later
    how the draft changed. Once adopted, the ordinary rule (adopted and published) holds."""
    return strategy.status == StrategyStatus.DRAFT and public_consultations_on(strategy).exists()


def can_view_strategy(user: AnyUser, strategy: Strategy) -> bool:
    """An adopted and published strategy, or a draft under an announced consultation, is
    open to everyone."""
    return (
        strategy.is_public
        or can_read_all_strategies(user, strategy.hromada)
        or is_consulted_in_public(strategy)
    )


def can_edit_strategy(user: AnyUser, strategy: Strategy) -> bool:
    """A draft's text, tree, plan, indicators and links to needs: staff and working group."""
    return strategy.status == StrategyStatus.DRAFT and _edits(user, strategy.hromada)


def can_import_strategy(user: AnyUser, hromada: Territory) -> bool:
    """An import makes a draft: staff and working group."""
    return _edits(user, hromada)


def can_manage_strategy(user: AnyUser, hromada: Territory) -> bool:
    """Adopting, publishing, new editions, monitoring periods and their approval: staff."""
    return hromada.pk in staff_hromada_ids(user)


def can_view_period(user: AnyUser, period: MonitoringPeriod) -> bool:
    """An approved period of a public strategy is public; the rest as the drafts."""
    strategy = period.strategy
    public = strategy.is_public and period.status == PeriodStatus.APPROVED
    return public or can_read_all_strategies(user, strategy.hromada)


def can_enter_monitoring(user: AnyUser, period: MonitoringPeriod) -> bool:
    """What was done, money spent, actual values: staff, while the period is open."""
    return period.status == PeriodStatus.OPEN and can_manage_strategy(user, period.strategy.hromada)


def _edits(user: AnyUser, hromada: Territory) -> bool:
    return hromada.pk in staff_hromada_ids(user) or hromada.pk in working_group_hromada_ids(user)


register("strategy.view_strategy", can_view_strategy)
register("strategy.edit_strategy", can_edit_strategy)
register("strategy.view_period", can_view_period)
register("strategy.enter_monitoring", can_enter_monitoring)
