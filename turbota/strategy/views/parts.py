"""The parts of a draft besides its tree — SWOT items (four quadrants, numbered), the
working group (members, positions, roles) and development scenarios: a page listing them
with their buttons, and adding, changing and deleting (after a confirmation) each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from turbota.core.http import deny, posted
from turbota.core.locking import StaleEditError
from turbota.strategy import building_actions
from turbota.strategy.enums import SwotQuadrant
from turbota.strategy.forms import MemberForm, ScenarioForm, SwotItemForm
from turbota.strategy.models import ScenarioNote, Strategy, SwotItem, WorkingGroupMember
from turbota.strategy.permissions import can_edit_strategy
from turbota.strategy.views.common import strategy_or_404


@dataclass(frozen=True)
class Part:
    model: type[building_actions.StrategyPart]
    form: type[forms.ModelForm[Any]]
    name: str  # what one is called, in the accusative after «додати», «видалити»


PARTS = {
    "swot": Part(SwotItem, SwotItemForm, "пункт SWOT-аналізу"),
    "members": Part(WorkingGroupMember, MemberForm, "члена робочої групи"),
    "scenarios": Part(ScenarioNote, ScenarioForm, "сценарій розвитку"),
}


def _part(kind: str) -> Part:
    if kind not in PARTS:
        raise Http404
    return PARTS[kind]


def _item_or_404(kind: str, pk: int) -> building_actions.StrategyPart:
    model = _part(kind).model
    item = get_object_or_404(model.objects.select_related("strategy__hromada"), pk=pk)
    assert isinstance(item, WorkingGroupMember | SwotItem | ScenarioNote)
    return item


def parts(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = strategy_or_404(pk)
    if not can_edit_strategy(request.user, strategy):
        return deny(request)
    swot = list(strategy.swot.all())
    return render(
        request,
        "strategy/parts.html",
        {
            "nav": "strategy",
            "strategy": strategy,
            "swot": [(q, [i for i in swot if i.quadrant == q]) for q in SwotQuadrant],
            "members": list(strategy.members.all()),
            "scenarios": list(strategy.scenarios.all()),
        },
    )


def _initial(strategy: Strategy, kind: str, request: HttpRequest) -> dict[str, object]:
    """The next number in the chosen quadrant, the next place in the working group."""
    if kind == "swot":
        quadrant = request.GET.get("quadrant", SwotQuadrant.STRENGTH)
        last = strategy.swot.filter(quadrant=quadrant).aggregate(last=Max("number"))["last"]
        return {"quadrant": quadrant, "number": (last or 0) + 1}
    if kind == "members":
        last = strategy.members.aggregate(last=Max("position_in_list"))["last"]
        return {"position_in_list": (last or 0) + 1}
    return {}


def part_add(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    strategy = strategy_or_404(pk)
    part = _part(kind)
    if not can_edit_strategy(request.user, strategy):
        return deny(request)
    instance = part.model(strategy=strategy)
    form = part.form(posted(request), instance=instance, initial=_initial(strategy, kind, request))
    return _save(request, strategy, kind, form, f"Додати {part.name}")


def part_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    item = _item_or_404(kind, pk)
    if not can_edit_strategy(request.user, item.strategy):
        return deny(request)
    form = _part(kind).form(posted(request), instance=item)
    return _save(request, item.strategy, kind, form, f"Змінити {_part(kind).name}")


def _save(
    request: HttpRequest, strategy: Strategy, kind: str, form: forms.ModelForm[Any], title: str
) -> HttpResponse:
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            fields = dict(form.cleaned_data)
            expected_version = fields.pop("version", None)
            try:
                building_actions.save_part(
                    part=form.instance, expected_version=expected_version, fields=fields
                )
            except StaleEditError as error:
                form, status = _stale_form(request, kind, form.instance.pk), 409
                form.add_error(None, error)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Збережено.")
                return redirect(f"{_parts_url(strategy)}#{kind}")
    return render(
        request,
        "strategy/part_form.html",
        {"nav": "strategy", "strategy": strategy, "form": form, "title": title, "kind": kind},
        status=status,
    )


def _stale_form(request: HttpRequest, kind: str, pk: int) -> forms.ModelForm[Any]:
    """Someone saved the item meanwhile: the user's input over the current version, so a
    second save is a deliberate overwrite and nothing typed is lost."""
    current = _item_or_404(kind, pk)
    data = request.POST.copy()
    data["version"] = str(current.version)
    form = _part(kind).form(data, instance=current)
    form.is_valid()
    return form


def _parts_url(strategy: Strategy) -> str:
    return reverse("strategy:parts", args=[strategy.pk])


def part_delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    item = _item_or_404(kind, pk)
    if not can_edit_strategy(request.user, item.strategy):
        return deny(request)
    if request.method == "POST":
        try:
            building_actions.delete_part(part=item)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Видалено: {item}.")
        return redirect(f"{_parts_url(item.strategy)}#{kind}")
    return render(
        request,
        "strategy/part_delete.html",
        {
            "nav": "strategy",
            "strategy": item.strategy,
            "item": item,
            "name": _part(kind).name,
            "kind": kind,
        },
    )
