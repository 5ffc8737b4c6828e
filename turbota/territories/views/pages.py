"""Reading pages: home, the list of hromadas, a hromada's profile and its change history."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from turbota.accounts.permissions import provider_ids
from turbota.providers.models import Provider
from turbota.territories.charts import profile_charts
from turbota.territories.history import history_rows, profile_history
from turbota.territories.models import Territory
from turbota.territories.permissions import (
    can_edit_profile,
    can_view_full_profile,
    can_view_profile,
)
from turbota.territories.queries import community_profile, hromada_cards, hromadas_visible_to
from turbota.territories.views.scoping import hromada_or_404, refusal

HISTORY_PAGE_SIZE = 50


def profile_context(request: HttpRequest, hromada: Territory) -> dict[str, object]:
    """What territories/profile.html needs, for whoever is asking (the caller checked access)."""
    full = can_view_full_profile(request.user, hromada)
    data = community_profile(
        hromada=hromada,
        suppress=not full,
        population_year=request.GET.get("population_year"),
        disability_year=request.GET.get("disability_year"),
        vulnerable_year=request.GET.get("vulnerable_year"),
    )
    can_edit = can_edit_profile(request.user, hromada)
    return {
        "nav": "hromadas",
        "hromada": hromada,
        "data": data,
        "charts": profile_charts(data),
        "can_view_full": full,
        "can_edit": can_edit and data.profile is not None,
        "can_create": can_edit and data.profile is None,
    }


def home(request: HttpRequest) -> HttpResponse:
    """One hromada to show: its profile. Several: their cards. None: where to go next."""
    hromadas = hromadas_visible_to(request.user)
    first = list(hromadas.order_by("sort_key", "code")[:2])
    if len(first) == 1:
        context = profile_context(request, first[0]) | {"welcome": True}
        return render(request, "territories/profile.html", context)
    providers = Provider.objects.filter(pk__in=provider_ids(request.user)).order_by("full_name")
    return render(
        request,
        "territories/home.html",
        {
            "cards": hromada_cards(request.user, hromadas) if first else [],
            "providers": list(providers),
        },
    )


def hromada_list(request: HttpRequest) -> HttpResponse:
    cards = hromada_cards(request.user, hromadas_visible_to(request.user))
    return render(request, "territories/hromada_list.html", {"nav": "hromadas", "cards": cards})


def profile(request: HttpRequest, code: str) -> HttpResponse:
    hromada = hromada_or_404(code)
    if denied := refusal(request, can_view_profile(request.user, hromada)):
        return denied
    return render(request, "territories/profile.html", profile_context(request, hromada))


def history(request: HttpRequest, code: str) -> HttpResponse:
    hromada = hromada_or_404(code)
    if denied := refusal(request, can_view_full_profile(request.user, hromada)):
        return denied
    page = Paginator(profile_history(hromada), HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "territories/history.html",
        {"nav": "hromadas", "hromada": hromada, "page": page, "rows": history_rows(page)},
    )
