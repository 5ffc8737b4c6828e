"""Monitoring pages: the dashboard (colour by goal, budget execution), a period with its
rows and workflow buttons, the entry forms (refused when stale or locked), the report."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from turbota.core.http import deny, posted
from turbota.core.locking import StaleEditError
from turbota.strategy import monitoring_actions as monitoring
from turbota.strategy import queries, rollup
from turbota.strategy.documents import FORMATS, monitoring_document
from turbota.strategy.enums import NodeKind, PeriodStatus
from turbota.strategy.forms import ActualsForm, PeriodForm, PeriodStatusForm, ReportForm
from turbota.strategy.models import (
    IndicatorActual,
    MeasureReport,
    MonitoringPeriod,
    Node,
    Strategy,
)
from turbota.strategy.permissions import (
    can_enter_monitoring,
    can_manage_strategy,
    can_read_all_strategies,
    can_view_period,
    can_view_strategy,
)
from turbota.strategy.views.common import (
    attachment,
    indicator_or_404,
    period_or_404,
    strategy_or_404,
)


def _visible_periods(request: HttpRequest, strategy: Strategy) -> list[MonitoringPeriod]:
    periods = MonitoringPeriod.objects.filter(strategy=strategy).order_by("-year", "-quarter")
    if not can_read_all_strategies(request.user, strategy.hromada):
        if not strategy.is_public:  # a draft read for its consultation: no monitoring
            return []
        periods = periods.filter(status=PeriodStatus.APPROVED)
    return list(periods)


def _chart(rows: list[queries.BudgetRow]) -> dict[str, list[object]]:
    return {
        "labels": [row.label for row in rows],
        "plan": [float(row.plan) for row in rows],
        "fact": [float(row.fact) for row in rows],
    }


def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = strategy_or_404(pk)
    if not can_view_strategy(request.user, strategy):
        return deny(request)
    periods = _visible_periods(request, strategy)
    chosen = next((p for p in periods if str(p.pk) == request.GET.get("period")), None)
    period = chosen or (periods[0] if periods else None)
    approved_only = not can_read_all_strategies(request.user, strategy.hromada)
    result = rollup.period_rollup(period=period, approved_only=approved_only) if period else None
    by_year = queries.budget_by_year(strategy, approved_only=approved_only)
    by_source = queries.budget_by_source(strategy, approved_only=approved_only)
    can_manage = can_manage_strategy(request.user, strategy.hromada)
    form = PeriodForm(posted(request)) if can_manage else None
    status = 200
    if request.method == "POST":
        if form is None:
            return deny(request)
        status = 400
        if form.is_valid():
            try:
                created = monitoring.open_period(strategy=strategy, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Відкрито період моніторингу: {created.label}.")
                return redirect("strategy:period", pk=created.pk)
    return render(
        request,
        "strategy/monitoring.html",
        {
            "nav": "strategy",
            "strategy": strategy,
            "periods": periods,
            "period": period,
            "rollup": result,
            "goals": [s for s in result.statuses() if s.node.is_goal] if result else [],
            "by_year": by_year,
            "by_source": by_source,
            "chart": {"year": _chart(by_year), "source": _chart(by_source)},
            "form": form,
        },
        status=status,
    )


def period_page(request: HttpRequest, pk: int) -> HttpResponse:
    period = period_or_404(pk)
    if not can_view_period(request.user, period):
        return deny(request)
    approved_only = not can_read_all_strategies(request.user, period.strategy.hromada)
    result = rollup.period_rollup(period=period, approved_only=approved_only)
    return render(
        request,
        "strategy/period.html",
        {
            "nav": "strategy",
            "period": period,
            "strategy": period.strategy,
            "rollup": result,
            "rows": [
                s for s in result.statuses() if s.node.kind in (NodeKind.TASK, NodeKind.MEASURE)
            ],
            "indicators": [i for s in result.statuses() for i in s.indicators],
            "transitions": list(period.transitions.select_related("by")),
            "can_enter": can_enter_monitoring(request.user, period),
            "can_manage": can_manage_strategy(request.user, period.strategy.hromada),
            "formats": FORMATS,
        },
    )


@require_POST
def period_status(request: HttpRequest, pk: int) -> HttpResponse:
    period = period_or_404(pk)
    if not can_manage_strategy(request.user, period.strategy.hromada):
        return deny(request)
    form = PeriodStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Невідомий стан.")
        return redirect("strategy:period", pk=pk)
    try:
        monitoring.change_period_status(
            period=period,
            to=PeriodStatus(form.cleaned_data["to"]),
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Стан періоду: {period.get_status_display()}.")
    return redirect("strategy:period", pk=pk)


def report_edit(request: HttpRequest, pk: int, node_pk: int) -> HttpResponse:
    period = period_or_404(pk)
    node = get_object_or_404(Node, pk=node_pk, strategy_id=period.strategy_id)
    if not can_enter_monitoring(request.user, period):
        return deny(request)
    report = MeasureReport.objects.filter(period=period, node=node).first()
    instance = report or MeasureReport(period=period, node=node)
    form = ReportForm(posted(request), instance=instance)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                monitoring.save_report(
                    period=period,
                    node=node,
                    expected_version=form.cleaned_data["version"],
                    fields=form.edited_fields(),
                    funding=form.funding(),
                )
            except StaleEditError as error:
                form, status = _stale_report_form(request, period, node), 409
                form.add_error(None, error)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Звіт про виконання {node.number} збережено.")
                return redirect("strategy:period", pk=pk)
    return render(
        request,
        "strategy/report_form.html",
        {
            "nav": "strategy",
            "period": period,
            "node": node,
            "strategy": period.strategy,
            "form": form,
        },
        status=status,
    )


def _stale_report_form(request: HttpRequest, period: MonitoringPeriod, node: Node) -> ReportForm:
    current = MeasureReport.objects.filter(period=period, node=node).first()
    data = request.POST.copy()
    data["version"] = str(current.version) if current else ""
    form = ReportForm(data, instance=current or MeasureReport(period=period, node=node))
    form.is_valid()
    return form


def actuals_edit(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    period = period_or_404(pk)
    indicator = indicator_or_404(indicator_pk)
    if indicator.strategy_id != period.strategy_id:
        raise Http404
    if not can_enter_monitoring(request.user, period):
        return deny(request)
    rows = IndicatorActual.objects.filter(period=period, indicator=indicator)
    current: dict[tuple[str, str], Decimal] = {(r.area, r.sex): r.value for r in rows}
    initial = {
        "stamp": monitoring.actuals_stamp(period, indicator),
        "comment": next((r.comment for r in rows), ""),
    }
    form = ActualsForm(posted(request), indicator=indicator, current=current, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                monitoring.save_actuals(
                    period=period,
                    indicator=indicator,
                    expected_stamp=form.cleaned_data["stamp"],
                    values=form.values(),
                    comment=form.cleaned_data["comment"],
                )
            except StaleEditError as error:
                data = request.POST.copy()
                data["stamp"] = monitoring.actuals_stamp(period, indicator)
                fresh = {
                    (r.area, r.sex): r.value
                    for r in IndicatorActual.objects.filter(period=period, indicator=indicator)
                }
                form, status = ActualsForm(data, indicator=indicator, current=fresh), 409
                form.is_valid()
                form.add_error(None, error)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Фактичні значення збережено.")
                return redirect("strategy:period", pk=pk)
    return render(
        request,
        "strategy/actuals_form.html",
        {
            "nav": "strategy",
            "period": period,
            "indicator": indicator,
            "strategy": period.strategy,
            "form": form,
        },
        status=status,
    )


def period_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    period = period_or_404(pk)
    if fmt not in FORMATS:
        raise Http404
    if not can_view_period(request.user, period):
        return deny(request)
    name = f"monitoring-{period.strategy.hromada.code}-{period.year}"
    if period.quarter:
        name += f"-q{period.quarter}"
    approved_only = not can_read_all_strategies(request.user, period.strategy.hromada)
    return attachment(monitoring_document(period, fmt, approved_only=approved_only), fmt, name)
