"""Staff pages of a survey's responses: entering paper questionnaires, importing a file of
KoboToolbox / ODK submissions, reading single responses (and withdrawing one entered by
mistake). Their export is in ``export_views``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from turbota.core.http import deny, posted
from turbota.reports.xlsx import FileProblem
from turbota.surveys import actions, queries, tokens
from turbota.surveys.enums import ResponseChannel, SurveyStatus
from turbota.surveys.forms import PaperForm, SubmissionsForm, WithdrawalForm
from turbota.surveys.models import Response, Survey
from turbota.surveys.permissions import can_enter_paper, can_manage_survey, can_read_responses
from turbota.surveys.public_views import FormPage
from turbota.surveys.queries import AnswerLine
from turbota.surveys.rendering import first_instances
from turbota.surveys.submissions import import_submissions
from turbota.surveys.views import scoped_survey

PER_PAGE = 50


class PaperPage(FormPage):
    """A paper questionnaire typed in by staff: no rate limit, no browser storage, and
    its number (when the questionnaires are numbered) is entered once only."""

    def keep(self, answers: dict[str, Any], issued: tokens.Token) -> HttpResponse:
        paper = PaperForm(self.request.POST)
        number = paper.cleaned_data["paper_number"] if paper.is_valid() else ""
        submission = actions.Submission(
            version=self.version,
            answers=answers,
            channel=ResponseChannel.PAPER,
            language=self.language,
            token=issued.nonce,
            paper_number=number,
        )
        try:
            actions.record_response(survey=self.survey, submission=submission, by=self.request.user)
        except actions.DuplicateSubmissionError:
            messages.error(
                self.request,
                f"Анкету № {number} уже внесено." if number else "Цю анкету вже внесено.",
            )
            return redirect("surveys:paper", pk=self.survey.pk)
        messages.success(
            self.request, f"Анкету {'№ ' + number + ' ' if number else ''}збережено. Наступна:"
        )
        return redirect("surveys:paper", pk=self.survey.pk)


def paper_entry(request: HttpRequest, pk: int) -> HttpResponse:
    survey = scoped_survey(pk)
    if not can_enter_paper(request.user, survey):
        return deny(request)
    version = survey.current_version
    if version is None:
        raise Http404
    form = version.form
    language = form.language(request.POST.get("_lang") or request.GET.get("lang"))
    page = PaperPage(
        request,
        survey,
        version,
        language,
        channel=ResponseChannel.PAPER,
        template="surveys/paper.html",
        extra={"extra_form": PaperForm(posted(request)), "submit_label": "Зберегти анкету"},
    )
    if request.method != "POST":
        return page.render(first_instances(form), token=tokens.issue(survey.pk), fresh=True)
    return page.submit()


def submissions_import(request: HttpRequest, pk: int) -> HttpResponse:
    survey = scoped_survey(pk)
    if not can_manage_survey(request.user, survey):
        return deny(request)
    form = SubmissionsForm(posted(request), request.FILES or None, survey=survey)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = import_submissions(
            survey=survey,
            version=form.cleaned_data["version"],
            content=upload.read(),
            file_name=upload.name or "submissions",
            by=request.user,
            dry_run=form.cleaned_data["dry_run"],
        )
    problems = [FileProblem.from_dict(p) for p in result.problems] if result else []
    return render(
        request,
        "surveys/submissions_import.html",
        {"nav": "surveys", "survey": survey, "form": form, "result": result, "problems": problems},
        status=400 if form.errors or problems else 200,
    )


def response_list(request: HttpRequest, pk: int) -> HttpResponse:
    survey = scoped_survey(pk)
    if not can_read_responses(request.user, survey):
        return deny(request)
    paginator = Paginator(queries.responses_of(survey), PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "surveys/responses.html",
        {
            "nav": "surveys",
            "survey": survey,
            "page": page,
            "counts": queries.response_counts(survey),
            "withdrawals": list(queries.withdrawals_of(survey)),
        },
    )


def _response_with_lines(survey: Survey, number: int) -> tuple[Response, list[AnswerLine]]:
    """A response of ``survey`` (404 if not its own) and its answers as the page lists them,
    in the language it was answered in."""
    response = get_object_or_404(
        Response.objects.select_related("version", "entered_by"), survey=survey, pk=number
    )
    form = response.version.form
    language = response.language if response.language else form.display_language
    return response, queries.answer_lines(form, response.answers, language)


def response_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    survey = scoped_survey(pk)
    if not can_read_responses(request.user, survey):
        return deny(request)
    response, lines = _response_with_lines(survey, number)
    return render(
        request,
        "surveys/response_detail.html",
        {
            "nav": "surveys",
            "survey": survey,
            "response": response,
            "lines": lines,
            "may_withdraw": can_manage_survey(request.user, survey),
        },
    )


def response_withdraw(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """Confirm first (GET shows what will go), then withdraw with the reason given."""
    survey = scoped_survey(pk)
    if not can_manage_survey(request.user, survey):
        return deny(request)
    response, lines = _response_with_lines(survey, number)
    form = WithdrawalForm(posted(request))
    refusal = actions.PUBLISHED_REFUSAL if survey.status == SurveyStatus.PUBLISHED else ""
    if request.method == "POST" and form.is_valid():
        try:
            actions.withdraw_response(
                response=response, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Відповідь № {number} вилучено.")
            return redirect("surveys:responses", pk=survey.pk)
    return render(
        request,
        "surveys/response_withdraw.html",
        {
            "nav": "surveys",
            "survey": survey,
            "response": response,
            "form": form,
            "refusal": refusal,
            "lines": lines,
        },
        status=400 if form.errors else 200,
    )
