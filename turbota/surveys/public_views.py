"""The public side of surveys: the list of open surveys and published results, the web
form residents answer without an account, and the thank-you page."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from turbota.core.http import deny
from turbota.core.ratelimit import allow
from turbota.surveys import actions, queries, tokens
from turbota.surveys.enums import ResponseChannel, SurveyStatus
from turbota.surveys.models import FormVersion, Response, Survey
from turbota.surveys.permissions import can_manage_survey
from turbota.surveys.rendering import (
    add_instance,
    build_items,
    checkable,
    error_summary,
    first_instances,
    raw_from_post,
    remove_instance,
)
from turbota.surveys.xlsform.answers import check_answers

# Questionnaires one visitor (one address) may send to one survey in an hour: enough for a
# family or a social worker helping residents at one computer, not for a script.
PER_HOUR = 20
RATE_LIMITED = "З вашої адреси за останню годину надіслано забагато анкет. Спробуйте пізніше."
STALE = "Сторінка анкети застаріла. Перевірте відповіді й надішліть анкету ще раз."


def public_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "surveys/public_list.html",
        {
            "nav": "surveys",
            "open": list(queries.open_surveys()),
            "published": list(queries.published_surveys()),
            "own": queries.readable_hromadas(request.user),
        },
    )


def storage_key(survey: Survey, version: FormVersion) -> str:
    return f"turbota-survey-{survey.public_key}-v{version.number}"


def _survey(key: UUID) -> Survey:
    return get_object_or_404(Survey.objects.select_related("hromada"), public_key=key)


def respond(request: HttpRequest, key: UUID) -> HttpResponse:
    survey = _survey(key)
    preview = survey.status == SurveyStatus.DRAFT
    if preview and not can_manage_survey(request.user, survey):
        return deny(request)
    version = survey.current_version
    if version is None or survey.status in (SurveyStatus.CLOSED, SurveyStatus.PUBLISHED):
        return render(request, "surveys/closed.html", {"survey": survey})
    form = version.form
    language = form.language(request.POST.get("_lang") or request.GET.get("lang"))
    page = FormPage(request, survey, version, language, preview=preview)
    if request.method != "POST":
        return page.render(first_instances(form), token=tokens.issue(survey.pk), fresh=True)
    return page.submit()


class FormPage:
    """One questionnaire page: shown, sent back with its problems, or received."""

    def __init__(
        self,
        request: HttpRequest,
        survey: Survey,
        version: FormVersion,
        language: str,
        *,
        preview: bool = False,
        channel: ResponseChannel = ResponseChannel.WEB,
        template: str = "surveys/respond.html",
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.request = request
        self.survey = survey
        self.version = version
        self.language = language
        self.preview = preview
        self.channel = channel
        self.template = template
        self.extra = extra or {}

    def render(
        self,
        raw: dict[str, Any],
        *,
        token: str,
        fresh: bool = False,
        errors: dict[str, str] | None = None,
        hidden: set[str] | None = None,
        status: int = 200,
        problem: str = "",
    ) -> HttpResponse:
        form = self.version.form
        items = build_items(form, language=self.language, raw=raw, errors=errors, hidden=hidden)
        languages = [(lang.code or "uk", lang.key, lang.name) for lang in form.languages]
        context = {
            "nav": "surveys",
            "survey": self.survey,
            "version": self.version,
            "items": items,
            "summary": error_summary(items),
            "problem": problem,
            "token": token,
            "fresh": fresh,
            "language": self.language,
            "language_code": next((c for c, k, _n in languages if k == self.language), "uk"),
            "languages": languages,
            "preview": self.preview,
            "today": timezone.localdate(),
            "action": self.request.path,
            "restart_url": self.request.path,
            "storage_key": storage_key(self.survey, self.version)
            if self.channel == ResponseChannel.WEB
            else "",
            **self.extra,
        }
        return render(self.request, self.template, context, status=status)

    def submit(self) -> HttpResponse:
        post = self.request.POST
        form = self.version.form
        raw = raw_from_post(form, post)
        token = post.get("_token", "")
        if "_add" in post or "_remove" in post:  # a form without JavaScript edits a repeat
            if "_add" in post:
                add_instance(raw, post["_add"])
            else:
                remove_instance(raw, post["_remove"])
            return self.render(raw, token=token)
        if self.channel == ResponseChannel.WEB and not allow(
            self.request, scope=f"survey:{self.survey.public_key}", limit=PER_HOUR, per_seconds=3600
        ):
            return self.render(raw, token=token, problem=RATE_LIMITED, status=429)
        issued = tokens.read(token, self.survey.pk)
        if issued is None:
            return self.render(raw, token=tokens.issue(self.survey.pk), problem=STALE, status=400)
        if Response.objects.filter(token=issued.nonce).exists():
            return self.received(duplicate=True)
        return self.check_and_keep(raw, token, issued)

    def check_and_keep(self, raw: dict[str, Any], token: str, issued: tokens.Token) -> HttpResponse:
        now = timezone.localtime()
        checked = check_answers(
            self.version.form,
            checkable(raw),
            language=self.language,
            today=now.date(),
            metadata={
                "start": issued.opened_at.isoformat(timespec="seconds"),
                "end": now.isoformat(timespec="seconds"),
                "today": now.date().isoformat(),
            },
        )
        if not checked.is_valid or self.preview:
            errors = {error.field: error.message for error in checked.errors}
            return self.render(
                raw,
                token=token,
                errors=errors,
                hidden=checked.irrelevant,
                status=400 if errors else 200,
            )
        return self.keep(checked.answers, issued)

    def keep(self, answers: dict[str, Any], issued: tokens.Token) -> HttpResponse:
        submission = actions.Submission(
            version=self.version,
            answers=answers,
            channel=self.channel,
            language=self.language,
            token=issued.nonce,
        )
        try:
            actions.record_response(survey=self.survey, submission=submission, by=self.request.user)
        except actions.DuplicateSubmissionError:
            return self.received(duplicate=True)
        return self.received(duplicate=False)

    def received(self, *, duplicate: bool) -> HttpResponse:
        url = reverse("surveys:thanks", args=[self.survey.public_key])
        return redirect(url + ("?duplicate=1" if duplicate else ""))


def thanks(request: HttpRequest, key: UUID) -> HttpResponse:
    survey = _survey(key)
    version = survey.current_version
    return render(
        request,
        "surveys/thanks.html",
        {
            "survey": survey,
            "duplicate": request.GET.get("duplicate") == "1",
            "storage_key": storage_key(survey, version) if version else "",
        },
    )
