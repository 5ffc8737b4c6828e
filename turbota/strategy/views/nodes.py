"""A goal, task or measure: its page (plan, indicators, the needs it answers with the
current unmet need, monitoring history), its edit form with optimistic locking, its links to
needs, and an indicator's form."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from turbota.core.http import deny, posted
from turbota.core.locking import StaleEditError
from turbota.strategy import actions, queries
from turbota.strategy.forms import IndicatorForm, NeedForm, NodeForm
from turbota.strategy.models import Node, NodeNeed
from turbota.strategy.permissions import (
    can_edit_strategy,
    can_read_all_strategies,
    can_view_strategy,
)
from turbota.strategy.views.common import indicator_or_404, node_or_404


def node_page(request: HttpRequest, pk: int) -> HttpResponse:
    node = node_or_404(pk)
    strategy = node.strategy
    if not can_view_strategy(request.user, strategy):
        return deny(request)
    needs, study = queries.needs_of(node, request.user)
    consultation = queries.consultation_on(strategy)
    can_edit = can_edit_strategy(request.user, strategy)
    reports = node.reports.select_related("period").order_by("-period__year", "-period__quarter")
    if not can_read_all_strategies(request.user, strategy.hromada):
        reports = reports.filter(period__status="approved")
    return render(
        request,
        "strategy/node.html",
        {
            "nav": "strategy",
            "node": node,
            "strategy": strategy,
            "ancestors": _ancestors(node),
            "children": list(node.children.order_by("position")),
            "planned": list(node.planned.select_related("source")),
            "sources": list(node.funding_sources.all()),
            "indicators": list(node.indicators.prefetch_related("targets")),
            "needs": needs,
            "study": study,
            "reports": list(reports),
            "can_edit": can_edit,
            "child_kind": node.child_label,
            "need_form": NeedForm(hromada=strategy.hromada) if can_edit else None,
            "consultation": consultation,
            "propose_url": consultation.propose_url_for(node) if consultation else "",
        },
    )


def _ancestors(node: Node) -> list[Node]:
    chain: list[Node] = []
    parent = node.parent
    while parent is not None:
        chain.insert(0, parent)
        parent = parent.parent
    return chain


def node_edit(request: HttpRequest, pk: int) -> HttpResponse:
    node = node_or_404(pk)
    if not can_edit_strategy(request.user, node.strategy):
        return deny(request)
    form = NodeForm(posted(request), instance=node)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            edit = actions.MeasureEdit(
                fields=form.edited_fields(),
                sources=list(form.cleaned_data["funding_sources"]),
                funding=form.funding(),
            )
            try:
                actions.update_node(
                    node=node, expected_version=form.cleaned_data["version"], edit=edit
                )
            except StaleEditError as error:
                form, status = _stale_node_form(request, pk), 409
                form.add_error(None, error)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Зміни збережено.")
                return redirect("strategy:node", pk=pk)
    return render(
        request,
        "strategy/node_edit.html",
        {"nav": "strategy", "node": node, "strategy": node.strategy, "form": form},
        status=status,
    )


def _stale_node_form(request: HttpRequest, pk: int) -> NodeForm:
    """Someone saved the measure meanwhile: the user's input over the current version, so a
    second save is a deliberate overwrite and nothing typed is lost."""
    current = node_or_404(pk)
    data = request.POST.copy()
    data["version"] = str(current.version)
    form = NodeForm(data, instance=current)
    form.is_valid()
    return form


@require_POST
def need_add(request: HttpRequest, pk: int) -> HttpResponse:
    node = node_or_404(pk)
    if not can_edit_strategy(request.user, node.strategy):
        return deny(request)
    form = NeedForm(request.POST, hromada=node.strategy.hromada)
    if form.is_valid():
        try:
            actions.add_need(
                node=node,
                service_id=form.cleaned_data["service"].pk,
                settlement_id=form.cleaned_data["settlement"].pk
                if form.cleaned_data["settlement"]
                else None,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Потребу пов'язано із заходом.")
    else:
        messages.error(request, "Оберіть послугу (і, за потреби, населений пункт).")
    return redirect("strategy:node", pk=pk)


@require_POST
def need_delete(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_object_or_404(NodeNeed.objects.select_related("node__strategy__hromada"), pk=pk)
    if not can_edit_strategy(request.user, need.node.strategy):
        return deny(request)
    try:
        actions.remove_need(need=need)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Зв'язок з потребою прибрано.")
    return redirect("strategy:node", pk=need.node_id)


def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = indicator_or_404(pk)
    if not can_edit_strategy(request.user, indicator.strategy):
        return deny(request)
    form = IndicatorForm(posted(request), instance=indicator)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                actions.update_indicator(
                    indicator=indicator,
                    expected_version=form.cleaned_data["version"],
                    fields=form.edited_fields(),
                    targets=form.targets(),
                )
            except StaleEditError as error:
                current = indicator_or_404(pk)
                data = request.POST.copy()
                data["version"] = str(current.version)
                form, status = IndicatorForm(data, instance=current), 409
                form.is_valid()
                form.add_error(None, error)
            else:
                messages.success(request, "Індикатор збережено.")
                target = indicator.node_id
                return (
                    redirect("strategy:node", pk=target)
                    if target
                    else redirect("strategy:detail", pk=indicator.strategy_id)
                )
    return render(
        request,
        "strategy/indicator_edit.html",
        {"nav": "strategy", "indicator": indicator, "strategy": indicator.strategy, "form": form},
        status=status,
    )
