"""Surveys for tests: the shipped test form (every supported type) or the satisfaction
template, imported for hromada A, in the status asked."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from conftest import World
from turbota.catalog.models import Service
from turbota.surveys import actions
from turbota.surveys.enums import ResponseChannel, SurveyStatus
from turbota.surveys.models import Complaint, Response, Survey
from turbota.surveys.shipped import TEMPLATES
from turbota.territories.models import Territory

PATHS = {
    SurveyStatus.DRAFT: [],
    SurveyStatus.OPEN: [SurveyStatus.OPEN],
    SurveyStatus.CLOSED: [SurveyStatus.OPEN, SurveyStatus.CLOSED],
    SurveyStatus.PUBLISHED: [SurveyStatus.OPEN, SurveyStatus.CLOSED, SurveyStatus.PUBLISHED],
}


def shipped(name: str) -> bytes:
    return TEMPLATES[name].path.read_bytes()


def make_survey(
    hromada: Territory,
    *,
    status: SurveyStatus = SurveyStatus.DRAFT,
    template: str = "all-types",
    title: str = "",
    **fields: Any,
) -> Survey:
    nobody = AnonymousUser()
    survey = actions.import_survey(
        hromada=hromada,
        content=shipped(template),
        file_name=f"{template}.xlsx",
        by=nobody,
        title=title,
    )
    for key, value in fields.items():
        setattr(survey, key, value)
    survey.save()
    for step in PATHS[status]:
        actions.change_status(survey=survey, to=step, by=nobody)
    return survey


def add_response(
    survey: Survey,
    answers: dict[str, Any],
    *,
    channel: ResponseChannel = ResponseChannel.WEB,
    when: datetime.datetime | None = None,
) -> Response:
    version = survey.current_version
    assert version is not None
    response = actions.record_response(
        survey=survey,
        submission=actions.Submission(version=version, answers=answers, channel=channel),
        by=AnonymousUser(),
    )
    if when is not None:
        Response.objects.filter(pk=response.pk).update(submitted_at=when)
        response.refresh_from_db()
    return response


def make_complaint(world: World, **fields: Any) -> Complaint:
    values: dict[str, Any] = {
        "hromada": world.hromada_a,
        "provider": world.provider_a,
        "number": Complaint.objects.filter(hromada=world.hromada_a).count() + 1,
        "received_on": datetime.date(2024, 3, 1),
        "channel": "written",
        "summary": "Соціальний робітник не прийшов у призначений день.",
        "complainant_name": "Петренко Ганна",
        "names_person": True,
    }
    values.update(fields)
    return Complaint.objects.create(**values)


def home_care() -> Service:
    return Service.objects.get(code="015.1")


def aware(year: int, month: int, day: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, 12, 0, tzinfo=timezone.get_current_timezone())
