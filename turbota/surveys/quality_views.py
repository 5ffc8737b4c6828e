"""Pages of the quality of services: a hromada's summary, a provider's quality page, an
assessment with its indicators, and the complaints register."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from turbota.accounts.permissions import provider_ids, staff_hromada_ids
from turbota.core.http import deny, posted
from turbota.people.enums import AccessAction
from turbota.providers.models import Provider
from turbota.surveys import quality_actions, quality_queries
from turbota.surveys.enums import AssessmentKind, QualityIndicator
from turbota.surveys.models import Complaint, QualityAssessment, SatisfactionLink
from turbota.surveys.permissions import (
    can_assess,
    can_edit_assessment,
    can_open_complaints,
    can_register_complaint,
    can_view_assessment,
    can_view_complaint,
    can_view_hromada_quality,
    can_view_provider_quality,
)
from turbota.surveys.quality_forms import (
    AssessmentStartForm,
    ComplaintForm,
    IndicatorsForm,
    YearForm,
)
from turbota.territories.models import Territory

PER_PAGE = 50


def _year(request: HttpRequest) -> int:
    form = YearForm(request.GET or None)
    if form.is_valid():
        return int(form.cleaned_data["year"])
    return datetime.date.today().year - 1  # noqa: DTZ011 (a date)


def quality_hromada(request: HttpRequest, code: str) -> HttpResponse:
    hromada = get_object_or_404(Territory.objects.hromadas(), code=code)
    if not can_view_hromada_quality(request.user, hromada):
        return deny(request)
    year = _year(request)
    providers = Provider.objects.filter(hromada=hromada, is_potential=False)
    period = quality_queries.Period.year(year)
    return render(
        request,
        "surveys/quality_hromada.html",
        {
            "nav": "surveys",
            "hromada": hromada,
            "year": year,
            "year_form": YearForm(initial={"year": year}),
            "rows": quality_queries.service_quality(providers, period),
            "complaints": quality_queries.complaint_counts(providers, period),
            "can_open_complaints": can_open_complaints(request.user, hromada),
        },
    )


def _kinds(request: HttpRequest, provider: Provider) -> list[AssessmentKind]:
    return [kind for kind in AssessmentKind if can_assess(request.user, provider, kind)]


def _start(
    request: HttpRequest, provider: Provider, form: AssessmentStartForm
) -> HttpResponse | None:
    """Start the assessment the form asks for; None when the form has problems."""
    if not form.is_valid():
        return None
    data = form.cleaned_data
    try:
        assessment = quality_actions.start_assessment(
            provider=provider,
            service=data["service"],
            kind=AssessmentKind(data["kind"]),
            period=quality_queries.Period(data["period_start"], data["period_end"]),
            by=request.user,
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    messages.success(request, "Оцінювання розпочато: перевірте й доповніть показники.")
    return redirect("surveys:assessment", pk=assessment.pk)


def quality_provider(request: HttpRequest, pk: int) -> HttpResponse:
    provider = get_object_or_404(Provider.objects.select_related("hromada"), pk=pk)
    if not can_view_provider_quality(request.user, provider):
        return deny(request)
    kinds = _kinds(request, provider)
    form = AssessmentStartForm(posted(request), provider=provider, kinds=kinds)
    if request.method == "POST":
        if not kinds:
            raise PermissionDenied
        started = _start(request, provider, form)
        if started is not None:
            return started
    year = _year(request)
    period = quality_queries.Period.year(year)
    providers = Provider.objects.filter(pk=provider.pk)
    assessments = QualityAssessment.objects.filter(provider=provider)
    links = SatisfactionLink.objects.filter(provider=provider)
    return render(
        request,
        "surveys/quality_provider.html",
        {
            "nav": "surveys",
            "provider": provider,
            "year": year,
            "year_form": YearForm(initial={"year": year}),
            "rows": quality_queries.service_quality(providers, period),
            "complaints": quality_queries.complaint_counts(providers, period),
            "assessments": list(
                assessments.select_related("service").prefetch_related("indicators")
            ),
            "links": list(links.select_related("survey", "service")),
            "form": form if kinds else None,
            "can_open_complaints": can_register_complaint(request.user, provider),
        },
        status=400 if form.errors else 200,
    )


def _entered(form: IndicatorsForm) -> dict[QualityIndicator, quality_actions.Entered]:
    data = form.cleaned_data
    return {
        indicator: quality_actions.Entered(
            data.get(f"{indicator.value}_numerator"),
            data.get(f"{indicator.value}_denominator"),
            data.get(f"{indicator.value}_note") or "",
        )
        for indicator in QualityIndicator
        if f"{indicator.value}_numerator" in data
    }


def _save_assessment(
    request: HttpRequest, assessment: QualityAssessment, form: IndicatorsForm
) -> HttpResponse | None:
    """Recompute, save, or save and finish; None when the form has problems."""
    action = request.POST.get("do", "save")
    try:
        if action == "recompute":
            quality_actions.recompute(assessment=assessment)
            messages.success(request, "Показники з даних Турботи обчислено знову.")
            return redirect("surveys:assessment", pk=assessment.pk)
        if not form.is_valid():
            return None
        quality_actions.save_indicators(
            assessment=assessment,
            values=_entered(form),
            assessors=form.cleaned_data["assessors"],
            conclusion=form.cleaned_data["conclusion"],
        )
        if action == "finish":
            quality_actions.finish_assessment(assessment=assessment)
    except ValidationError as error:
        form.add_error(None, error)
        return None
    messages.success(request, "Оцінювання збережено.")
    return redirect("surveys:assessment", pk=assessment.pk)


def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_object_or_404(
        QualityAssessment.objects.select_related("provider", "provider__hromada", "service"), pk=pk
    )
    if not can_view_assessment(request.user, assessment):
        return deny(request)
    editable = can_edit_assessment(request.user, assessment)
    values = list(assessment.indicators.all())
    form = IndicatorsForm(
        posted(request) if editable else None,
        values=values,
        initial={"assessors": assessment.assessors, "conclusion": assessment.conclusion},
    )
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        done = _save_assessment(request, assessment, form)
        if done is not None:
            return done
    return render(
        request,
        "surveys/assessment.html",
        {
            "nav": "surveys",
            "assessment": assessment,
            "values": values,
            "form": form if editable else None,
        },
        status=400 if request.method == "POST" else 200,
    )


def _complaint_providers(request: HttpRequest, hromada: Territory) -> QuerySet[Provider]:
    providers = Provider.objects.filter(hromada=hromada).order_by("sort_key")
    if hromada.pk in staff_hromada_ids(request.user):
        return providers
    return providers.filter(pk__in=provider_ids(request.user))


def complaint_list(request: HttpRequest, code: str) -> HttpResponse:
    hromada = get_object_or_404(Territory.objects.hromadas(), code=code)
    if not can_open_complaints(request.user, hromada):
        return deny(request)
    providers = _complaint_providers(request, hromada)
    form = ComplaintForm(posted(request), providers=providers)
    if request.method == "POST" and form.is_valid():
        try:
            complaint = quality_actions.register_complaint(
                complaint=form.instance, user=request.user, via=request.path
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Скаргу зареєстровано під № {complaint.number}.")
            return redirect("surveys:complaint", pk=complaint.pk)
    complaints = (
        Complaint.objects.filter(hromada=hromada, provider__in=providers)
        .select_related("provider", "service")
        .order_by("-received_on", "-number")
    )
    page = Paginator(complaints, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "surveys/complaints.html",
        {"nav": "surveys", "hromada": hromada, "page": page, "form": form},
        status=400 if form.errors else 200,
    )


def complaint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = (
        Complaint.objects.select_related("provider", "service", "hromada").filter(pk=pk).first()
    )
    if not request.user.is_authenticated:
        return deny(request)
    if complaint is None or not can_view_complaint(request.user, complaint):
        raise Http404  # a refusal says nothing about whether the complaint exists
    providers = _complaint_providers(request, complaint.hromada)
    form = ComplaintForm(posted(request), instance=complaint, providers=providers)
    if request.method == "POST" and form.is_valid():
        try:
            quality_actions.update_complaint(
                complaint=form.instance, user=request.user, via=request.path
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Скаргу збережено.")
            return redirect("surveys:complaint", pk=complaint.pk)
    elif request.method != "POST":
        quality_actions.record_complaint_access(
            complaint=complaint, user=request.user, action=AccessAction.VIEWED, via=request.path
        )
    return render(
        request,
        "surveys/complaint.html",
        {
            "nav": "surveys",
            "complaint": complaint,
            "form": form,
            "accesses": list(complaint.accesses.all()[:100]),
        },
        status=400 if form.errors else 200,
    )
