"""Pages of needs studies: scoped study → permission → form → action → page."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from turbota.catalog.models import Service
from turbota.core.http import deny, posted
from turbota.core.locking import StaleEditError
from turbota.needs import actions, queries
from turbota.needs.documents import FORMATS, write_report
from turbota.needs.enums import Scenario, StudyStatus
from turbota.needs.forms import (
    RateFormSet,
    ScenarioForm,
    StartStudyForm,
    TableFilterForm,
    UnprovidableForm,
)
from turbota.needs.models import NeedsStudy, NormativeRate
from turbota.needs.permissions import (
    can_edit_study,
    can_list_studies,
    can_manage_studies,
    can_view_full_study,
    can_view_study,
)
from turbota.reports.documents import CONTENT_TYPES
from turbota.strategy.queries import measures_for_study
from turbota.territories.models import Territory


def _study(pk: int) -> NeedsStudy:
    return get_object_or_404(
        NeedsStudy.objects.select_related("hromada", "hromada__oblast", "method"), pk=pk
    )


def published_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "needs/published.html",
        {
            "nav": "needs",
            "studies": list(queries.published_studies()),
            "own": list(queries.hromadas_with_studies_for(request.user)),
        },
    )


def study_list(request: HttpRequest, code: str) -> HttpResponse:
    hromada = get_object_or_404(Territory.objects.hromadas(), code=code)
    if not can_list_studies(request.user, hromada):
        return deny(request)
    can_manage = can_manage_studies(request.user, hromada)
    form = StartStudyForm(posted(request))
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                study = actions.start_study(
                    hromada=hromada, year=form.cleaned_data["year"], by=request.user
                )
            except ValidationError as error:
                form.add_error("year", error)
            else:
                messages.success(request, "Визначення потреб розпочато (чернетка).")
                return redirect("needs:study_detail", pk=study.pk)
    return render(
        request,
        "needs/study_list.html",
        {
            "nav": "needs",
            "hromada": hromada,
            "studies": list(queries.studies_of(hromada)),
            "form": form if can_manage else None,
        },
        status=400 if form.errors else 200,
    )


@dataclass(frozen=True)
class ServiceLine:
    service: Service
    women: queries.ShownRow
    men: queries.ShownRow
    both: queries.ShownRow


def _lines(rows: list[queries.ShownRow], show_all: bool) -> list[ServiceLine]:
    lines = [ServiceLine(rows[i].row.service, *rows[i : i + 3]) for i in range(0, len(rows), 3)]
    if show_all:
        return lines
    return [
        line
        for line in lines
        if line.both.row.need or line.both.row.served or line.both.row.capacity
    ]


def study_detail(request: HttpRequest, pk: int) -> HttpResponse:
    study = _study(pk)
    if not can_view_study(request.user, study):
        return deny(request)
    full = can_view_full_study(request.user, study)
    table = queries.needs_table(study=study)
    filters = TableFilterForm(request.GET or None, settlements=table.settlements)
    settlement = filters.cleaned_data.get("settlement") if filters.is_valid() else None
    show_all = bool(filters.cleaned_data.get("all_services")) if filters.is_valid() else False
    shown = queries.shown_table(table, suppress=not full)  # hidden over the whole table
    return render(
        request,
        "needs/study_detail.html",
        {
            "nav": "needs",
            "study": study,
            "full": full,
            "filters": filters,
            "settlement": settlement,
            "lines": _lines([s for s in shown if s.row.settlement == settlement], show_all),
            "outlook": queries.shown_outlook(
                queries.outlook(study=study, table=table), shown, suppress=not full
            ),
            "history_years": range(study.year - queries.HISTORY_YEARS, study.year),
            "forecast_years": range(study.year + 1, study.year + 1 + queries.FORECAST_YEARS),
            "scenarios": Scenario.choices,
            "gap": queries.basic_services_gap(study=study),
            "compliance": queries.shown_compliance(
                queries.deadline_compliance(study=study, today=timezone.localdate()),
                suppress=not full,
            ),
            "synthetic": queries.synthetic_recipients(study=study),
            "unprovidable": list(study.unprovidable.select_related("service")),
            "survey_shares": queries.survey_shares(study),
            "transitions": list(study.transitions.select_related("by")),
            "can_edit": can_edit_study(request.user, study),
            "can_manage": can_manage_studies(request.user, study.hromada),
            "formats": FORMATS,
            "strategy_measures": measures_for_study(study=study, user=request.user),
        },
    )


def study_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    study = _study(pk)
    if fmt not in FORMATS:
        raise Http404
    if not can_view_study(request.user, study):
        return deny(request)
    published = not can_view_full_study(request.user, study)
    content = write_report(queries.needs_table(study=study), fmt, published=published)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    name = f"needs-{study.hromada.code}-{study.year}{'-published' if published else ''}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
def study_status(request: HttpRequest, pk: int) -> HttpResponse:
    study = _study(pk)
    if not can_manage_studies(request.user, study.hromada):
        return deny(request)
    target = request.POST.get("to", "")
    if target not in StudyStatus.values:
        messages.error(request, "Невідомий стан.")
    else:
        try:
            actions.change_status(study=study, to=StudyStatus(target), by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Стан змінено: {study.get_status_display()}.")
    return redirect("needs:study_detail", pk=study.pk)


def method_edit(request: HttpRequest, pk: int) -> HttpResponse:
    study = _study(pk)
    if not can_view_full_study(request.user, study):
        return deny(request)
    method = study.method
    editable = (
        can_edit_study(request.user, study)
        and method.hromada_id == study.hromada_id
        and not method.is_frozen
    )
    rates = NormativeRate.objects.filter(method=method).select_related("service", "group")
    formset = RateFormSet(posted(request), queryset=rates) if editable else None
    if request.method == "POST":
        if formset is None:
            raise PermissionDenied
        if formset.is_valid():
            with transaction.atomic():
                for rate in formset.save(commit=False):
                    rate.method = method
                    rate.save()
                for gone in formset.deleted_objects:
                    gone.delete()
            messages.success(request, "Нормативи методики збережено.")
            return redirect("needs:method_edit", pk=study.pk)
    return render(
        request,
        "needs/method.html",
        {
            "nav": "needs",
            "study": study,
            "method": method,
            "rates": list(rates),
            "formset": formset,
            "can_copy": can_edit_study(request.user, study) and not editable,
        },
        status=400 if formset is not None and request.method == "POST" else 200,
    )


@require_POST
def method_new_version(request: HttpRequest, pk: int) -> HttpResponse:
    study = _study(pk)
    if not can_edit_study(request.user, study):
        return deny(request)
    method = actions.new_method_version(study=study)
    messages.success(request, f"Створено {method}: змінюйте її нормативи.")
    return redirect("needs:method_edit", pk=study.pk)


def unprovidable_add(request: HttpRequest, pk: int) -> HttpResponse:
    study = _study(pk)
    if not can_edit_study(request.user, study):
        return deny(request)
    form = UnprovidableForm(posted(request), instance=None)
    if request.method == "POST" and form.is_valid():
        if study.unprovidable.filter(service=form.cleaned_data["service"]).exists():
            form.add_error("service", "Цю послугу вже позначено.")
        else:
            form.instance.study = study
            form.instance.save()
            messages.success(request, "Послугу додано до переліку для області.")
            return redirect("needs:study_detail", pk=study.pk)
    return render(
        request,
        "needs/unprovidable_form.html",
        {"nav": "needs", "study": study, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def scenarios_edit(request: HttpRequest, pk: int) -> HttpResponse:
    study = _study(pk)
    if not can_edit_study(request.user, study):
        return deny(request)
    form = ScenarioForm(
        posted(request),
        initial_changes=queries.scenario_changes(study),
        initial={"stamp": queries.scenarios_stamp(study)},
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                actions.set_scenarios(
                    study=study, expected_stamp=form.cleaned_data["stamp"], changes=form.changes()
                )
            except StaleEditError as error:
                form, status = _stale_scenarios_form(request, study), 409
                form.add_error(None, error)
            else:
                messages.success(request, "Припущення сценаріїв збережено.")
                return redirect("needs:study_detail", pk=study.pk)
    return render(
        request,
        "needs/scenarios_form.html",
        {"nav": "needs", "study": study, "form": form},
        status=status,
    )


def _stale_scenarios_form(request: HttpRequest, study: NeedsStudy) -> ScenarioForm:
    """Someone saved the assumptions meanwhile: the user's input over the current ones, so
    a second save is a deliberate overwrite and nothing typed is lost."""
    data = request.POST.copy()
    data["stamp"] = queries.scenarios_stamp(study)
    form = ScenarioForm(data, initial_changes=queries.scenario_changes(study))
    form.is_valid()
    return form
