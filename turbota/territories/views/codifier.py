"""The public codifier browser (KATOTTG): reference data anyone may open."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from turbota.territories.forms import TerritorySearchForm
from turbota.territories.models import Territory
from turbota.territories.permissions import can_view_profile
from turbota.territories.queries import parent_chain, search_territories

PAGE_SIZE = 50


def territory_list(request: HttpRequest) -> HttpResponse:
    form = TerritorySearchForm(request.GET or None)
    found: QuerySet[Territory] = Territory.objects.none()
    if form.is_valid():
        found = search_territories(
            text=form.cleaned_data["q"],
            category=form.cleaned_data["category"],
            oblast=form.cleaned_data["oblast"],
            include_crimea=form.cleaned_data["include_crimea"],
        )
    elif not form.is_bound:
        found = search_territories()
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "territories/territory_list.html",
        {"nav": "catalog", "form": form, "page": page, "query": _without_page(request)},
    )


def territory_detail(request: HttpRequest, code: str) -> HttpResponse:
    territory = get_object_or_404(Territory, code=code.upper())
    children = territory.children.order_by("sort_key", "code")
    page = Paginator(children, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "territories/territory_detail.html",
        {
            "nav": "catalog",
            "territory": territory,
            "chain": parent_chain(territory),
            "page": page,
            "profile_open": territory.is_hromada and can_view_profile(request.user, territory),
        },
    )


def _without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
