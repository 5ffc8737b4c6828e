"""Cooperation between hromadas: suggestions for a hromada's unmet demand, and marking one
as in negotiation or signed."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from turbota.oblast import actions, queries
from turbota.oblast.enums import CooperationStatus
from turbota.oblast.forms import CooperationForm
from turbota.oblast.permissions import can_manage_oblast, can_view_oblast
from turbota.oblast.views.scoping import asked_year, hromada_or_404, refusal
from turbota.territories.models import Territory


def _oblast_of(hromada: Territory) -> Territory:
    return hromada.oblast or hromada


def cooperation(request: HttpRequest, code: str) -> HttpResponse:
    hromada = hromada_or_404(code)
    oblast = _oblast_of(hromada)
    if denied := refusal(request, can_view_oblast(request.user, oblast)):
        return denied
    found = queries.cooperation_for(hromada=hromada, year=asked_year(request, oblast))
    return render(
        request,
        "oblast/cooperation.html",
        {
            "nav": "oblast",
            "section": "register",
            "current": f"Співробітництво: {hromada.display_name}",
            "oblast": oblast,
            "hromada": hromada,
            "found": found,
            "statuses": CooperationStatus,
            "can_manage": can_manage_oblast(request.user, oblast),
        },
    )


@require_POST
def cooperation_mark(request: HttpRequest, code: str) -> HttpResponse:
    hromada = hromada_or_404(code)
    oblast = _oblast_of(hromada)
    if denied := refusal(request, can_manage_oblast(request.user, oblast)):
        return denied
    form = CooperationForm(request.POST, oblast=oblast)
    if not form.is_valid():
        problems = [
            f"{form.fields[name].label}: {' '.join(map(str, errors))}"
            for name, errors in form.errors.items()
        ]
        messages.error(request, "Не вдалося змінити стан: " + "; ".join(problems))
        return redirect("oblast:cooperation", code=hromada.code)
    data = form.cleaned_data
    try:
        done = actions.mark_cooperation(
            buyer=hromada,
            seller=data["seller"],
            service=data["service"],
            to=CooperationStatus(data["to"]),
            volume=data["volume"],
            note=data["note"],
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"{done.seller.name}, {done.service.code}: {done.get_status_display()}."
        )
    return redirect("oblast:cooperation", code=hromada.code)
