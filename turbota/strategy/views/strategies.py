"""Strategy pages: the public list, a hromada's editions, a strategy with its tree, its
text, status changes and documents."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from turbota.core.http import deny, posted
from turbota.core.locking import StaleEditError
from turbota.strategy import actions, queries
from turbota.strategy.documents import FORMATS, STRATEGY_DOCUMENTS, strategy_document
from turbota.strategy.enums import SwotQuadrant
from turbota.strategy.forms import AdoptForm, StrategyTextForm
from turbota.strategy.models import Strategy
from turbota.strategy.permissions import (
    can_edit_strategy,
    can_import_strategy,
    can_manage_strategy,
    can_read_all_strategies,
    can_view_strategy,
)
from turbota.strategy.views.common import attachment, strategy_or_404
from turbota.territories.models import Territory


def published(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "strategy/published.html",
        {
            "nav": "strategy",
            "strategies": list(queries.public_strategies()),
            "consulted": list(queries.consulted_drafts()),
            "own": list(queries.hromadas_with_strategies_for(request.user)),
        },
    )


def hromada_list(request: HttpRequest, code: str) -> HttpResponse:
    hromada = get_object_or_404(Territory.objects.hromadas(), code=code)
    strategies = list(queries.strategies_of(request.user, hromada))
    return render(
        request,
        "strategy/list.html",
        {
            "nav": "strategy",
            "hromada": hromada,
            "strategies": strategies,
            "reads_drafts": can_read_all_strategies(request.user, hromada),
            "can_import": can_import_strategy(request.user, hromada),
        },
    )


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = strategy_or_404(pk)
    if not can_view_strategy(request.user, strategy):
        return deny(request)
    reader = can_read_all_strategies(request.user, strategy.hromada)
    roots = queries.tree(strategy)
    return render(
        request,
        "strategy/detail.html",
        {
            "nav": "strategy",
            "strategy": strategy,
            "tree": roots,
            "members": list(strategy.members.all()),
            "swot": _swot(strategy),
            "scenarios": list(strategy.scenarios.all()),
            "warnings": queries.numbering_warnings(strategy, roots) if reader else [],
            "transitions": list(strategy.transitions.select_related("by")) if reader else [],
            "documents": STRATEGY_DOCUMENTS,
            "formats": FORMATS,
            "can_edit": can_edit_strategy(request.user, strategy),
            "can_manage": can_manage_strategy(request.user, strategy.hromada),
            "adopt_form": AdoptForm(),
            "consultation": queries.consultation_on(strategy),
        },
    )


def _swot(strategy: Strategy) -> list[tuple[str, list[str]]]:
    items = list(strategy.swot.all())
    return [
        (quadrant.label, [item.text for item in items if item.quadrant == quadrant])
        for quadrant in SwotQuadrant
    ]


def edit_text(request: HttpRequest, pk: int) -> HttpResponse:
    """Title, mission, vision and values of a draft, refused when stale (decision 0011)."""
    strategy = strategy_or_404(pk)
    if not can_edit_strategy(request.user, strategy):
        return deny(request)
    form = StrategyTextForm(
        posted(request), instance=strategy, initial={"version": strategy.version}
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_strategy_text(
                strategy=strategy,
                expected_version=form.cleaned_data["version"],
                fields={name: form.cleaned_data[name] for name in StrategyTextForm.Meta.fields},
            )
        except StaleEditError as error:
            form = _stale_text_form(request, pk)
            form.add_error(None, error)
            status = 409
        else:
            messages.success(request, "Зміни збережено.")
            return redirect("strategy:detail", pk=pk)
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "strategy/edit_text.html",
        {"nav": "strategy", "strategy": strategy, "form": form},
        status=status,
    )


def _stale_text_form(request: HttpRequest, pk: int) -> StrategyTextForm:
    current = strategy_or_404(pk)
    data = request.POST.copy()
    data["version"] = str(current.version)
    form = StrategyTextForm(data, instance=current)
    form.is_valid()
    return form


@require_POST
def change_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Adopt (with the council's decision), publish, withdraw, or start a new edition."""
    strategy = strategy_or_404(pk)
    if not can_manage_strategy(request.user, strategy.hromada):
        return deny(request)
    action = request.POST.get("action", "")
    try:
        if action == "adopt":
            form = AdoptForm(request.POST)
            if not form.is_valid():
                raise ValidationError("Вкажіть номер і дату рішення ради.")
            actions.adopt_strategy(strategy=strategy, by=request.user, **form.cleaned_data)
            messages.success(request, f"Стратегію затверджено: {strategy.get_status_display()}.")
        elif action in ("publish", "withdraw"):
            actions.set_published(strategy=strategy, published=action == "publish", by=request.user)
            messages.success(
                request, "Оприлюднено." if action == "publish" else "Знято з оприлюднення."
            )
        elif action == "new_edition":
            copy = actions.new_edition(strategy=strategy, by=request.user)
            messages.success(request, f"Створено редакцію {copy.edition} (чернетку).")
            return redirect("strategy:detail", pk=copy.pk)
        else:
            raise ValidationError("Невідома дія.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("strategy:detail", pk=strategy.pk)


def download(request: HttpRequest, pk: int, document: str, fmt: str) -> HttpResponse:
    strategy = strategy_or_404(pk)
    if document not in STRATEGY_DOCUMENTS or fmt not in FORMATS:
        raise Http404
    if not can_view_strategy(request.user, strategy):
        return deny(request)
    approved_only = not can_read_all_strategies(request.user, strategy.hromada)
    content = strategy_document(strategy, document, fmt, approved_only=approved_only)
    return attachment(
        content, fmt, f"strategy-{strategy.hromada.code}-{strategy.period}-{document}"
    )
