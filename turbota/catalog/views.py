"""The reference pages: public, read-only views of the catalogue."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from turbota.catalog.models import AgeBand, LifeCircumstanceFactor, VulnerableGroup
from turbota.catalog.queries import basic_service_lists, catalog_summary, services_with_basic_flag


def index(request: HttpRequest) -> HttpResponse:
    summary = catalog_summary(timezone.localdate())
    return render(request, "catalog/index.html", {"nav": "catalog", "summary": summary})


def services(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "catalog/services.html",
        {"nav": "catalog", "today": today, "services": services_with_basic_flag(today)},
    )


def basic_services(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "catalog/basic_services.html",
        {"nav": "catalog", "today": today, "basic_lists": basic_service_lists(today)},
    )


def vulnerable_groups(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "catalog/vulnerable_groups.html",
        {"nav": "catalog", "groups": VulnerableGroup.objects.all()},
    )


def age_bands(request: HttpRequest) -> HttpResponse:
    return render(
        request, "catalog/age_bands.html", {"nav": "catalog", "age_bands": AgeBand.objects.all()}
    )


def life_circumstances(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "catalog/life_circumstances.html",
        {"nav": "catalog", "factors": LifeCircumstanceFactor.objects.all()},
    )
