"""Building a draft on the page: a new strategy, a strategic goal or a node under another
(its kind follows the parent, its number is suggested and kept as typed), an indicator, and
deleting a node or an indicator after a confirmation that says what goes with it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from turbota.core.http import deny, posted
from turbota.strategy import actions, building_actions, queries
from turbota.strategy.enums import NodeKind
from turbota.strategy.forms import NewIndicatorForm, NodeAddForm, StrategyCreateForm
from turbota.strategy.models import Indicator, Node, Strategy
from turbota.strategy.permissions import can_edit_strategy, can_import_strategy
from turbota.strategy.views.common import indicator_or_404, node_or_404, strategy_or_404
from turbota.territories.models import Territory


def create(request: HttpRequest, code: str) -> HttpResponse:
    hromada = get_object_or_404(Territory.objects.hromadas(), code=code)
    # making a draft from scratch is the rule of making one by import: staff, working group
    if not can_import_strategy(request.user, hromada):
        return deny(request)
    form = StrategyCreateForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            strategy = actions.create_strategy(
                hromada=hromada, fields=dict(form.cleaned_data), by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Чернетку стратегії створено. Додайте стратегічні цілі.")
            return redirect("strategy:detail", pk=strategy.pk)
    return render(
        request,
        "strategy/create.html",
        {"nav": "strategy", "hromada": hromada, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def goal_add(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = strategy_or_404(pk)
    return _node_add(request, strategy, None)


def child_add(request: HttpRequest, pk: int) -> HttpResponse:
    parent = node_or_404(pk)
    return _node_add(request, parent.strategy, parent)


def _node_add(request: HttpRequest, strategy: Strategy, parent: Node | None) -> HttpResponse:
    if not can_edit_strategy(request.user, strategy):
        return deny(request)
    kind = parent.child_label if parent else NodeKind.STRATEGIC_GOAL.label
    form = NodeAddForm(posted(request), initial={"number": queries.next_number(strategy, parent)})
    if parent is not None:
        del form.fields["slogan"]  # headings and slogans belong to strategic goals
    if request.method == "POST" and form.is_valid():
        try:
            node = building_actions.add_node(strategy=strategy, parent=parent, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, f"Додано: {node.get_kind_display()} {node.number}. Заповніть план."
            )
            return redirect("strategy:node_edit", pk=node.pk)
    return render(
        request,
        "strategy/node_add.html",
        {
            "nav": "strategy",
            "strategy": strategy,
            "parent": parent,
            "kind": kind,
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


def node_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what would go (and whether it may); POST: delete."""
    node = node_or_404(pk)
    strategy = node.strategy
    if not can_edit_strategy(request.user, strategy):
        return deny(request)
    removal = queries.node_removal(node)
    if request.method == "POST":
        try:
            building_actions.delete_node(node=node)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("strategy:node_delete", pk=pk)
        messages.success(request, f"Видалено: {node.get_kind_display()} {node.number}.")
        return redirect(node.parent.get_absolute_url() if node.parent else strategy)
    return render(
        request,
        "strategy/node_delete.html",
        {"nav": "strategy", "strategy": strategy, "node": node, "removal": removal},
    )


def indicator_add(request: HttpRequest, pk: int) -> HttpResponse:
    node = node_or_404(pk)
    if not can_edit_strategy(request.user, node.strategy):
        return deny(request)
    form = NewIndicatorForm(posted(request), instance=Indicator(strategy=node.strategy, node=node))
    if request.method == "POST" and form.is_valid():
        try:
            building_actions.add_indicator(
                node=node, fields=form.edited_fields(), targets=form.targets()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Індикатор додано.")
            return redirect("strategy:node", pk=pk)
    return render(
        request,
        "strategy/indicator_add.html",
        {"nav": "strategy", "strategy": node.strategy, "node": node, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def indicator_delete(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = indicator_or_404(pk)
    if not can_edit_strategy(request.user, indicator.strategy):
        return deny(request)
    back = indicator.node.get_absolute_url() if indicator.node else indicator.strategy
    if request.method == "POST":
        try:
            building_actions.delete_indicator(indicator=indicator)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("strategy:indicator_delete", pk=pk)
        messages.success(request, "Індикатор видалено.")
        return redirect(back)
    return render(
        request,
        "strategy/indicator_delete.html",
        {
            "nav": "strategy",
            "strategy": indicator.strategy,
            "indicator": indicator,
            "targets": indicator.targets.count(),
            "actuals": indicator.actuals.count(),
            "locked": queries.indicator_locked_periods(indicator.pk),
        },
    )
