"""The oblast's map, its data, the distances table, and the uploads that place things on it."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from turbota.core.http import posted
from turbota.oblast import actions, queries
from turbota.oblast.boundaries import max_bytes, read_boundaries
from turbota.oblast.forms import UploadForm
from turbota.oblast.imports import plan_coordinates
from turbota.oblast.models import BoundaryLayer
from turbota.oblast.permissions import can_manage_oblast, can_view_oblast
from turbota.oblast.views.scoping import asked_year, oblast_or_404, refusal

PAGE_SIZE = 50
MAX_KM = 500.0


def asked_km(request: HttpRequest) -> float:
    """The desert distance asked for (``?km=``), within 0.5–500 km, else the default."""
    raw = request.GET.get("km", "").replace(",", ".")
    try:
        km = float(raw)
    except ValueError:
        return queries.default_desert_km()
    return km if 0.5 <= km <= MAX_KM else queries.default_desert_km()


def map_page(request: HttpRequest, code: str) -> HttpResponse:
    oblast = oblast_or_404(code)
    if denied := refusal(request, can_view_oblast(request.user, oblast)):
        return denied
    km = asked_km(request)
    year = asked_year(request, oblast)
    found = queries.service_distances(oblast=oblast, year=year, km=km)
    return render(
        request,
        "oblast/map.html",
        {
            "nav": "oblast",
            "section": "map",
            "current": "Мапа",
            "oblast": oblast,
            "found": found,
            "year": year,
            "km": km,
            "deserts": [
                (service, places, sum(p.population or 0 for p in places))
                for service in found.basic
                for places in [found.deserts[service.pk]]
            ],
            "boundaries": BoundaryLayer.objects.filter(oblast=oblast).first(),
            "query": request.GET.urlencode(),
            "can_manage": can_manage_oblast(request.user, oblast),
        },
    )


def map_data(request: HttpRequest, code: str) -> HttpResponse:
    oblast = oblast_or_404(code)
    if denied := refusal(request, can_view_oblast(request.user, oblast)):
        return denied
    found = queries.oblast_map(
        user=request.user, oblast=oblast, year=asked_year(request, oblast), km=asked_km(request)
    )
    boundaries = BoundaryLayer.objects.filter(oblast=oblast).first()
    return JsonResponse(queries.map_data(found, boundaries=boundaries))


def distances(request: HttpRequest, code: str) -> HttpResponse:
    """Every placed settlement's distance to the nearest provider of each basic service."""
    oblast = oblast_or_404(code)
    if denied := refusal(request, can_view_oblast(request.user, oblast)):
        return denied
    km = asked_km(request)
    found = queries.service_distances(oblast=oblast, year=asked_year(request, oblast), km=km)
    page = Paginator(found.geo.settlements, PAGE_SIZE).get_page(request.GET.get("page"))
    basic = found.basic
    rows = [
        (
            item,
            [
                (
                    nearest := found.nearest[item.settlement.pk].get(s.pk),
                    queries.is_desert(nearest, km),
                )
                for s in basic
            ],
        )
        for item in page
    ]
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "oblast/distances.html",
        {
            "nav": "oblast",
            "section": "distances",
            "current": "Відстані до послуг",
            "oblast": oblast,
            "found": found,
            "basic": basic,
            "rows": rows,
            "page": page,
            "km": km,
            "query": params.urlencode(),
        },
    )


def coordinates_import(request: HttpRequest, code: str) -> HttpResponse:
    """Check a CSV / GeoJSON of settlement coordinates; write it only when asked and only
    if it has no problem at all."""
    oblast = oblast_or_404(code)
    if denied := refusal(request, can_manage_oblast(request.user, oblast)):
        return denied
    form = UploadForm(
        posted(request), request.FILES or None, limit=max_bytes(), accept=".csv,.geojson,.json"
    )
    plan = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        plan = plan_coordinates(upload.read(), filename=upload.name or "", oblast=oblast)
        if plan.is_valid and request.POST.get("apply") and plan.write is not None:
            plan.write()
            counts = plan.counts()
            messages.success(
                request,
                f"Координати записано: нових — {counts['create']}, змінених — "
                f"{counts['update']}, без змін — {counts['unchanged']}.",
            )
            return redirect("oblast:map", code=oblast.code)
    return render(
        request,
        "oblast/coordinates.html",
        {
            "nav": "oblast",
            "section": "map",
            "current": "Координати населених пунктів",
            "oblast": oblast,
            "form": form,
            "plan": plan,
        },
        status=400 if request.method == "POST" and (plan is None or not plan.is_valid) else 200,
    )


def boundaries_upload(request: HttpRequest, code: str) -> HttpResponse:
    oblast = oblast_or_404(code)
    if denied := refusal(request, can_manage_oblast(request.user, oblast)):
        return denied
    form = UploadForm(
        posted(request), request.FILES or None, limit=max_bytes(), accept=".geojson,.json"
    )
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        found = read_boundaries(upload.read())
        if found.is_valid and found.geojson is not None:
            actions.save_boundaries(
                oblast=oblast,
                name=upload.name or "межі.geojson",
                geojson=found.geojson,
                features=found.features,
                by=request.user,
            )
            messages.success(request, f"Межі завантажено: контурів — {found.features}.")
            return redirect("oblast:map", code=oblast.code)
        problems = found.problems
    return render(
        request,
        "oblast/boundaries.html",
        {
            "nav": "oblast",
            "section": "map",
            "current": "Межі для мапи",
            "oblast": oblast,
            "form": form,
            "problems": problems,
            "layer": BoundaryLayer.objects.filter(oblast=oblast).first(),
            "limit_mb": max_bytes() // 1_000_000,
        },
        status=400 if request.method == "POST" else 200,
    )


def boundaries_delete(request: HttpRequest, code: str) -> HttpResponse:
    """Asks to confirm, then deletes the oblast's boundaries on POST."""
    oblast = oblast_or_404(code)
    if denied := refusal(request, can_manage_oblast(request.user, oblast)):
        return denied
    layer = get_object_or_404(BoundaryLayer, oblast=oblast)
    if request.method == "POST":
        layer.delete()
        messages.success(request, "Межі видалено.")
        return redirect("oblast:map", code=oblast.code)
    return render(
        request,
        "oblast/confirm_delete.html",
        {
            "nav": "oblast",
            "section": "map",
            "current": "Видалити межі",
            "oblast": oblast,
            "question": "Видалити межі з мапи?",
            "details": f"Файл «{layer.name}», контурів — {layer.features}.",
            "back_url": reverse("oblast:map", kwargs={"code": oblast.code}),
        },
    )
