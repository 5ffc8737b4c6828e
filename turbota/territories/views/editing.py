"""Editing the community profile: its own fields, settlements, and the tables by sex."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from turbota.catalog.models import AgeBand, VulnerableGroup
from turbota.territories import actions
from turbota.territories.enums import DisabilityGroup
from turbota.territories.forms import (
    YEAR_MAX,
    YEAR_MIN,
    ProfileForm,
    SettlementFormSet,
    SexGridForm,
    VitalFormSet,
)
from turbota.territories.models import (
    DisabilityCount,
    HromadaProfile,
    PopulationCount,
    Territory,
    VitalStatistics,
    VulnerableGroupCount,
)
from turbota.territories.permissions import can_edit_profile
from turbota.territories.queries import (
    CountModel,
    grid_initial,
    pick_year,
    profile_of,
    settlements_of,
    years_with_data,
)
from turbota.territories.views.scoping import hromada_or_404, refusal


def _editable(request: HttpRequest, code: str) -> tuple[Territory, HttpResponse | None]:
    hromada = hromada_or_404(code)
    return hromada, refusal(request, can_edit_profile(request.user, hromada))


def _profile_url(hromada: Territory, anchor: str = "", query: str = "") -> str:
    url = reverse("territories:profile", kwargs={"code": hromada.code})
    return url + (f"?{query}" if query else "") + (f"#{anchor}" if anchor else "")


def _report(request: HttpRequest, counts: Counter[actions.Written]) -> None:
    if not (counts["create"] or counts["update"] or counts["delete"]):
        messages.info(request, "Змін немає: дані такі самі, як були.")
        return
    messages.success(
        request,
        f"Збережено: додано {counts['create']}, змінено {counts['update']}, "
        f"вилучено {counts['delete']}.",
    )


def profile_create(request: HttpRequest, code: str) -> HttpResponse:
    hromada, denied = _editable(request, code)
    if denied:
        return denied
    if HromadaProfile.objects.filter(hromada=hromada).exists():
        return redirect(_profile_url(hromada))
    if request.method == "POST":
        actions.create_profile(hromada=hromada)
        messages.success(request, "Профіль створено. Заповніть основні відомості про громаду.")
        return redirect("territories:profile_edit", code=hromada.code)
    return render(request, "territories/profile_create.html", {"hromada": hromada})


def profile_edit(request: HttpRequest, code: str) -> HttpResponse:
    hromada, denied = _editable(request, code)
    if denied:
        return denied
    profile = profile_of(hromada)
    if profile is None:
        return redirect("territories:profile_create", code=hromada.code)
    form = ProfileForm(
        request.POST or None, hromada=hromada, initial=ProfileForm.initial_for(profile)
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = actions.update_profile(profile=profile, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Профіль збережено." if changed else "Змін немає.")
            return redirect(_profile_url(hromada))
    return render(request, "territories/profile_edit.html", {"hromada": hromada, "form": form})


def settlements_edit(request: HttpRequest, code: str) -> HttpResponse:
    hromada, denied = _editable(request, code)
    if denied:
        return denied
    formset = SettlementFormSet(request.POST or None, settlements=list(settlements_of(hromada)))
    if request.method == "POST" and formset.is_valid():
        _report(request, actions.save_settlements(hromada=hromada, rows=formset.rows()))
        return redirect(_profile_url(hromada, "settlements"))
    return render(
        request, "territories/settlements_edit.html", {"hromada": hromada, "formset": formset}
    )


def vital_edit(request: HttpRequest, code: str) -> HttpResponse:
    hromada, denied = _editable(request, code)
    if denied:
        return denied
    stored = VitalStatistics.objects.filter(hromada=hromada).order_by("year")
    initial = [
        {f: getattr(s, f) for f in ("year", "births", "deaths", "is_estimated", "source")}
        for s in stored
    ]
    formset = VitalFormSet(request.POST or None, initial=initial)
    if request.method == "POST" and formset.is_valid():
        counts = actions.save_vital_statistics(
            hromada=hromada, rows=formset.rows(), delete_years=formset.deleted_years()
        )
        _report(request, counts)
        return redirect(_profile_url(hromada, "vital"))
    return render(request, "territories/vital_edit.html", {"hromada": hromada, "formset": formset})


@dataclass(frozen=True)
class Grid:
    """A women / men table edited for one year."""

    model: CountModel
    key_field: str  # the model field a row stands for
    key_column: str  # the same as a column of .values()
    title: str
    anchor: str  # section of the profile page
    rows: Callable[[], list[tuple[object, str, str]]]


def _age_band_rows() -> list[tuple[object, str, str]]:
    return [(band, str(band.pk), band.label) for band in AgeBand.objects.all()]


def _disability_rows() -> list[tuple[object, str, str]]:
    return [(group.value, group.value, group.label) for group in DisabilityGroup]


def _vulnerable_rows() -> list[tuple[object, str, str]]:
    groups = VulnerableGroup.objects.order_by("position", "name")
    return [(group, str(group.pk), group.name) for group in groups]


POPULATION = Grid(
    PopulationCount,
    "age_band",
    "age_band_id",
    "Населення за віком і статтю",
    "population",
    _age_band_rows,
)
DISABILITY = Grid(
    DisabilityCount,
    "group",
    "group",
    "Особи з інвалідністю за групами і статтю",
    "disability",
    _disability_rows,
)
VULNERABLE = Grid(
    VulnerableGroupCount,
    "group",
    "group_id",
    "Вразливі групи населення за статтю",
    "vulnerable",
    _vulnerable_rows,
)


def _year_asked(request: HttpRequest) -> int | None:
    wanted = request.GET.get("year", "")
    if wanted.isdigit() and YEAR_MIN <= int(wanted) <= YEAR_MAX:
        return int(wanted)
    return None


def _grid_edit(request: HttpRequest, code: str, grid: Grid) -> HttpResponse:
    hromada, denied = _editable(request, code)
    if denied:
        return denied
    years = years_with_data(grid.model, hromada)
    year = _year_asked(request) or pick_year(None, years) or timezone.localdate().year
    initial = grid_initial(grid.model, hromada, year, grid.key_column)
    form = SexGridForm(request.POST or None, rows=grid.rows(), initial=initial)
    if request.method == "POST" and form.is_valid():
        saved_year = form.cleaned_data["year"]
        counts = actions.save_sex_grid(
            model=grid.model,
            hromada=hromada,
            year=saved_year,
            key_field=grid.key_field,
            rows=form.values(),
            is_estimated=form.cleaned_data["is_estimated"],
            source=form.cleaned_data["source"],
        )
        _report(request, counts)
        return redirect(_profile_url(hromada, grid.anchor, f"{grid.anchor}_year={saved_year}"))
    context = {"hromada": hromada, "form": form, "grid": grid, "year": year, "years": years}
    return render(request, "territories/grid_edit.html", context)


def population_edit(request: HttpRequest, code: str) -> HttpResponse:
    return _grid_edit(request, code, POPULATION)


def disability_edit(request: HttpRequest, code: str) -> HttpResponse:
    return _grid_edit(request, code, DISABILITY)


def vulnerable_edit(request: HttpRequest, code: str) -> HttpResponse:
    return _grid_edit(request, code, VULNERABLE)
