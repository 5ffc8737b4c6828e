"""Writes of monitoring: periods, per-measure reports and actual indicator values (refused
when stale or when the period is not open), and the period's workflow
open → submitted → approved (locked), with every move logged — reopening with its reason."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from turbota.accounts.permissions import AnyUser
from turbota.core.locking import StaleEditError
from turbota.strategy.enums import PeriodStatus
from turbota.strategy.models import (
    ActualFunding,
    Indicator,
    IndicatorActual,
    MeasureReport,
    MonitoringPeriod,
    Node,
    PeriodTransition,
    Strategy,
)

ALLOWED = {
    (PeriodStatus.OPEN, PeriodStatus.SUBMITTED),
    (PeriodStatus.SUBMITTED, PeriodStatus.APPROVED),
    (PeriodStatus.SUBMITTED, PeriodStatus.OPEN),  # returned for corrections
    (PeriodStatus.APPROVED, PeriodStatus.OPEN),  # reopened: a reason is required
}


def open_period(*, strategy: Strategy, year: int, quarter: int | None) -> MonitoringPeriod:
    if year not in strategy.years:
        raise ValidationError(f"Рік {year} поза періодом стратегії ({strategy.period}).")
    if MonitoringPeriod.objects.filter(strategy=strategy, year=year, quarter=quarter).exists():
        raise ValidationError("Такий період моніторингу вже є.")
    with transaction.atomic():
        return MonitoringPeriod.objects.create(strategy=strategy, year=year, quarter=quarter)


def change_period_status(
    *, period: MonitoringPeriod, to: PeriodStatus, by: AnyUser, reason: str = ""
) -> MonitoringPeriod:
    """Move a period along its workflow, logged; reopening an approved period needs a reason."""
    old = PeriodStatus(period.status)
    if (old, to) not in ALLOWED:
        raise ValidationError(f"Не можна перевести зі стану «{old.label}» у «{to.label}».")
    if old == PeriodStatus.APPROVED and not reason.strip():
        raise ValidationError("Вкажіть причину, з якої затверджений звіт відкривають знову.")
    with transaction.atomic():
        locked = MonitoringPeriod.objects.select_for_update().get(pk=period.pk)
        if locked.status != old:
            raise ValidationError("Стан періоду щойно змінив інший користувач; оновіть сторінку.")
        period.status = to
        period.approved_at = timezone.now() if to == PeriodStatus.APPROVED else None
        period.save(update_fields=["status", "approved_at"])
        PeriodTransition.objects.create(
            period=period,
            from_status=old,
            to_status=to,
            reason=reason.strip(),
            by=by if by.is_authenticated else None,
        )
    return period


def _require_open(period: MonitoringPeriod) -> None:
    if period.status != PeriodStatus.OPEN:
        raise ValidationError(
            f"Період «{period.label}» має стан «{period.get_status_display()}»: змінювати "
            "звіт можна лише у відкритому періоді."
        )


def save_report(
    *,
    period: MonitoringPeriod,
    node: Node,
    expected_version: int | None,
    fields: dict[str, object],
    funding: dict[int | None, Decimal | None],
) -> MeasureReport:
    """Save a measure's row of the monitoring form; ``expected_version`` is None for a new
    row. A stale form, or a period that is not open, is refused."""
    if node.strategy_id != period.strategy_id:
        raise ValidationError("Захід не належить до цієї стратегії.")
    with transaction.atomic():
        locked = MonitoringPeriod.objects.select_for_update().get(pk=period.pk)
        _require_open(locked)
        report = MeasureReport.objects.select_for_update().filter(period=period, node=node).first()
        current = report.version if report else None
        if current != expected_version:
            raise StaleEditError
        report = report or MeasureReport(period=period, node=node, version=0)
        for name, value in fields.items():
            setattr(report, name, value)
        report.version += 1
        report.save()
        existing = {row.source_id: row for row in report.funding.all()}
        for source_id, amount in funding.items():
            row = existing.get(source_id)
            if amount is None:
                if row is not None:
                    row.delete()
            elif row is None:
                ActualFunding.objects.create(report=report, source_id=source_id, amount=amount)
            elif row.amount != amount:
                row.amount = amount
                row.save(update_fields=["amount"])
    return report


def actuals_stamp(period: MonitoringPeriod, indicator: Indicator) -> str:
    """What the actual-values form was opened with: each cell and its version."""
    rows = IndicatorActual.objects.filter(period=period, indicator=indicator).order_by(
        "area", "sex"
    )
    return ",".join(f"{row.area}/{row.sex}:{row.version}" for row in rows)


def save_actuals(
    *,
    period: MonitoringPeriod,
    indicator: Indicator,
    expected_stamp: str,
    values: dict[tuple[str, str], Decimal | None],
    comment: str = "",
) -> None:
    """Actual values of an indicator in a period, per (area, sex) cell."""
    if indicator.strategy_id != period.strategy_id:
        raise ValidationError("Індикатор не належить до цієї стратегії.")
    with transaction.atomic():
        locked = MonitoringPeriod.objects.select_for_update().get(pk=period.pk)
        _require_open(locked)
        rows = IndicatorActual.objects.select_for_update().filter(
            period=period, indicator=indicator
        )
        existing = {(row.area, row.sex): row for row in rows}
        if actuals_stamp(period, indicator) != expected_stamp:
            raise StaleEditError
        for (area, sex), value in values.items():
            row = existing.get((area, sex))
            if value is None:
                if row is not None:
                    row.delete()
            elif row is None:
                IndicatorActual.objects.create(
                    period=period,
                    indicator=indicator,
                    area=area,
                    sex=sex,
                    value=value,
                    comment=comment,
                )
            elif row.value != value or row.comment != comment:
                row.value, row.comment = value, comment
                row.version += 1
                row.save(update_fields=["value", "comment", "version"])
