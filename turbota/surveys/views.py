"""Staff pages of surveys: a hromada's surveys and importing a questionnaire, a survey's
page, its status, versions and settings. Scoped survey → permission → form → action."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from turbota.core.http import deny, posted
from turbota.surveys import actions, queries
from turbota.surveys.enums import SurveyStatus
from turbota.surveys.forms import NewSurveyForm, SatisfactionLinkForm, SettingsForm, XLSFormForm
from turbota.surveys.models import FormVersion, SatisfactionLink, Survey
from turbota.surveys.permissions import (
    can_enter_paper,
    can_list_surveys,
    can_manage_survey,
    can_manage_surveys,
    can_read_responses,
    can_view_survey,
)
from turbota.surveys.shipped import TEMPLATES
from turbota.surveys.xlsform.reading import ImportedForm, MalformedFormError
from turbota.territories.models import Territory

UNSUPPORTED = (
    "Форму не імпортовано: вона використовує можливості, яких Турбота не підтримує "
    "(список нижче). Змініть файл і завантажте його знову."
)


def scoped_survey(pk: int) -> Survey:
    return get_object_or_404(Survey.objects.select_related("hromada", "hromada__oblast"), pk=pk)


def _read_upload(form: XLSFormForm) -> tuple[bytes, str]:
    upload = form.cleaned_data["file"]
    return upload.read(), upload.name or "form.xlsx"


def _form_problem(form: XLSFormForm, error: Exception) -> ImportedForm | None:
    """Put a refused file's reason on the form; the unsupported features are listed."""
    if isinstance(error, actions.UnsupportedFormError):
        form.add_error("file", UNSUPPORTED)
        return error.imported
    if isinstance(error, ValidationError):
        form.add_error("file", error.messages)
        return None
    form.add_error("file", str(error))
    return None


def survey_list(request: HttpRequest, code: str) -> HttpResponse:
    hromada = get_object_or_404(Territory.objects.hromadas(), code=code)
    if not can_list_surveys(request.user, hromada):
        return deny(request)
    can_manage = can_manage_surveys(request.user, hromada)
    form = NewSurveyForm(posted(request), request.FILES or None)
    refused: ImportedForm | None = None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            content, name = _read_upload(form)
            try:
                survey = actions.import_survey(
                    hromada=hromada,
                    content=content,
                    file_name=name,
                    by=request.user,
                    title=form.cleaned_data["title"],
                    kind=form.cleaned_data["kind"],
                )
            except (MalformedFormError, actions.UnsupportedFormError) as error:
                refused = _form_problem(form, error)
            else:
                messages.success(request, "Анкету імпортовано. Опитування — чернетка.")
                return redirect("surveys:detail", pk=survey.pk)
    return render(
        request,
        "surveys/list.html",
        {
            "nav": "surveys",
            "hromada": hromada,
            "surveys": list(queries.surveys_of(hromada)),
            "form": form if can_manage else None,
            "refused": refused,
            "templates": TEMPLATES,
        },
        status=400 if form.errors else 200,
    )


def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = scoped_survey(pk)
    if not can_view_survey(request.user, survey):
        return deny(request)
    return render(
        request,
        "surveys/detail.html",
        {
            "nav": "surveys",
            "survey": survey,
            "versions": list(survey.versions.order_by("-number")),
            "counts": queries.response_counts(survey),
            "transitions": list(survey.transitions.select_related("by")),
            "links": list(survey.satisfaction_links.select_related("provider", "service")),
            "imports": list(survey.imports.select_related("imported_by")[:10]),
            "can_manage": can_manage_survey(request.user, survey),
            "can_enter_paper": can_enter_paper(request.user, survey),
            "can_read_responses": can_read_responses(request.user, survey),
            "next_states": [
                SurveyStatus(to) for from_, to in actions.ALLOWED if from_ == survey.status
            ],
        },
    )


@require_POST
def survey_status(request: HttpRequest, pk: int) -> HttpResponse:
    survey = scoped_survey(pk)
    if not can_manage_survey(request.user, survey):
        return deny(request)
    target = request.POST.get("to", "")
    if target not in SurveyStatus.values:
        messages.error(request, "Невідомий стан.")
    else:
        try:
            actions.change_status(survey=survey, to=SurveyStatus(target), by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Стан опитування: {survey.get_status_display()}.")
    return redirect("surveys:detail", pk=survey.pk)


def version_new(request: HttpRequest, pk: int) -> HttpResponse:
    survey = scoped_survey(pk)
    if not can_manage_survey(request.user, survey):
        return deny(request)
    form = XLSFormForm(posted(request), request.FILES or None)
    refused: ImportedForm | None = None
    if request.method == "POST" and form.is_valid():
        content, name = _read_upload(form)
        try:
            version = actions.add_version(
                survey=survey, content=content, file_name=name, by=request.user
            )
        except (MalformedFormError, actions.UnsupportedFormError, ValidationError) as error:
            refused = _form_problem(form, error)
        else:
            messages.success(request, f"Завантажено версію {version.number} анкети.")
            return redirect("surveys:detail", pk=survey.pk)
    return render(
        request,
        "surveys/version_new.html",
        {"nav": "surveys", "survey": survey, "form": form, "refused": refused},
        status=400 if form.errors else 200,
    )


def _version(survey: Survey, number: int) -> FormVersion:
    version = survey.versions.filter(number=number).first()
    if version is None:
        raise Http404
    return version


def version_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    survey = scoped_survey(pk)
    if not can_view_survey(request.user, survey):
        return deny(request)
    version = _version(survey, number)
    form = version.form
    return render(
        request,
        "surveys/version_detail.html",
        {
            "nav": "surveys",
            "survey": survey,
            "version": version,
            "form": form,
            "rows": queries.question_rows(form),
        },
    )


def version_file(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    survey = scoped_survey(pk)
    if not can_view_survey(request.user, survey):
        return deny(request)
    version = _version(survey, number)
    response = HttpResponse(bytes(version.xlsform), content_type="application/octet-stream")
    extension = version.file_name.rsplit(".", 1)[-1] if "." in version.file_name else "xlsx"
    response["Content-Disposition"] = (
        f'attachment; filename="survey-{survey.pk}-v{version.number}.{extension}"'
    )
    return response


def _link(request: HttpRequest, survey: Survey, form: SatisfactionLinkForm) -> bool:
    """Tie the question the form names to its provider; False when it cannot be."""
    if not form.is_valid():
        return False
    data = form.cleaned_data
    try:
        actions.link_satisfaction(
            survey=survey,
            question=data["question"],
            provider=data["provider"],
            service=data["service"],
            satisfied=data["satisfied"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, "Питання пов'язано з надавачем.")
    return True


def survey_settings(request: HttpRequest, pk: int) -> HttpResponse:
    survey = scoped_survey(pk)
    if not can_manage_survey(request.user, survey):
        return deny(request)
    version = survey.current_version
    definition = version.form if version else None
    linking = request.method == "POST" and "add_link" in request.POST
    settings_form = SettingsForm(
        None if linking else posted(request), instance=survey, form=definition
    )
    link_form = SatisfactionLinkForm(
        request.POST if linking else None, survey=survey, form=definition
    )
    if linking and _link(request, survey, link_form):
        return redirect("surveys:settings", pk=survey.pk)
    if not linking and request.method == "POST" and settings_form.is_valid():
        settings_form.save()
        messages.success(request, "Налаштування опитування збережено.")
        return redirect("surveys:detail", pk=survey.pk)
    links = SatisfactionLink.objects.filter(survey=survey).select_related("provider", "service")
    return render(
        request,
        "surveys/settings.html",
        {
            "nav": "surveys",
            "survey": survey,
            "form": settings_form,
            "link_form": link_form,
            "links": list(links),
        },
        status=400 if request.method == "POST" else 200,
    )


def template_file(request: HttpRequest, name: str) -> HttpResponse:
    """A questionnaire shipped with Turbota, as an XLSForm to import or adapt."""
    template = TEMPLATES.get(name)
    if template is None:
        raise Http404
    response = HttpResponse(
        template.path.read_bytes(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{template.path.name}"'
    return response
