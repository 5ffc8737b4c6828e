"""Every page of surveys and of the quality of services × every role of ``conftest.World``.

Surveys of hromada A: its staff manage them and alone read single responses, export
them and withdraw one entered by mistake; its working group, the oblast-A analyst and
administrators read the exact results; everyone answers an open survey and reads
published results (small counts hidden).
Quality: who reads the hromada's aggregates, plus the provider's own staff; complaints
(which may name a person) only the hromada's staff and the provider's staff."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from conftest import ROLES, World
from turbota.core.tests.access import EVERYONE, Page, check_page
from turbota.surveys.enums import AssessmentKind, SurveyStatus
from turbota.surveys.models import Survey
from turbota.surveys.quality_actions import start_assessment
from turbota.surveys.quality_queries import Period
from turbota.surveys.tasks import run_export, start_export
from turbota.surveys.tests.factories import add_response, home_care, make_complaint, make_survey

READS_A = frozenset({"admin", "hromada_staff", "working_group", "oblast_analyst"})
STAFF_A = frozenset({"hromada_staff"})
QUALITY_A = READS_A | {"provider_staff"}
COMPLAINTS_A = frozenset({"hromada_staff", "provider_staff"})


def _survey(world: World, status: SurveyStatus) -> Survey:
    key = f"survey-{status}"
    if key not in world.extra:
        survey = make_survey(world.hromada_a, status=status, title=f"Опитування ({status})")
        add_response(survey, {"nickname": "Оля", "age": 40, "has_disability": "no"})
        world.extra[key] = survey
    survey_: Survey = world.extra[key]
    return survey_


def _pk(status: SurveyStatus) -> Any:
    return lambda world: {"pk": _survey(world, status).pk}


def _key(status: SurveyStatus) -> Any:
    return lambda world: {"key": _survey(world, status).public_key}


def _response(world: World) -> dict[str, Any]:
    survey = _survey(world, SurveyStatus.OPEN)
    return {"pk": survey.pk, "number": survey.responses.first().pk}  # type: ignore[union-attr]


def _export(world: World) -> dict[str, Any]:
    """An XLSX export of the open survey, ready, asked for by hromada A's staff."""
    if "export" not in world.extra:
        staff = world.users["hromada_staff"]
        assert staff is not None
        job = start_export(survey=_survey(world, OPEN), by=staff)
        run_export(job.pk)  # the test's transaction never commits: run it here
        world.extra["export"] = job
    return {"pk": world.extra["export"].pk}


def _assessment(world: World) -> dict[str, Any]:
    if "assessment" not in world.extra:
        world.extra["assessment"] = start_assessment(
            provider=world.provider_a,
            service=home_care(),
            kind=AssessmentKind.EXTERNAL,
            period=Period.year(2024),
            by=AnonymousUser(),
        )
    return {"pk": world.extra["assessment"].pk}


def _complaint(world: World) -> dict[str, Any]:
    if "complaint" not in world.extra:
        world.extra["complaint"] = make_complaint(world)
    return {"pk": world.extra["complaint"].pk}


def _hromada(world: World) -> dict[str, Any]:
    return {"code": world.hromada_a.code}


OPEN, DRAFT = SurveyStatus.OPEN, SurveyStatus.DRAFT
CLOSED, PUBLISHED = SurveyStatus.CLOSED, SurveyStatus.PUBLISHED

PAGES = [
    Page(
        "surveys:public_list",
        EVERYONE,
        setup=lambda world: (_survey(world, OPEN), None)[1],
        reveals=lambda world: "Опитування (open)",
        revealed_to=EVERYONE,
        label="the open survey is listed for everyone",
    ),
    Page("surveys:template_file", EVERYONE, kwargs=lambda world: {"name": "satisfaction"}),
    Page("surveys:respond", EVERYONE, kwargs=_key(OPEN), label="an open survey's form"),
    Page(
        "surveys:respond",
        EVERYONE,
        kwargs=_key(OPEN),
        method="post",
        ok_status=400,  # no submission token: sent back to be sent again
        label="sending the form (POST)",
    ),
    Page("surveys:respond", EVERYONE, kwargs=_key(CLOSED), label="a closed survey says so"),
    Page("surveys:respond", STAFF_A, kwargs=_key(DRAFT), label="a draft: the staff's preview"),
    Page("surveys:thanks", EVERYONE, kwargs=_key(OPEN)),
    Page("surveys:results", READS_A, kwargs=_pk(DRAFT), label="results of a draft"),
    Page(
        "surveys:results",
        EVERYONE,
        kwargs=_pk(PUBLISHED),
        reveals=lambda world: "Оприлюднена версія",
        revealed_to=EVERYONE - READS_A,
        label="published results",
    ),
    Page(
        "surveys:results_download",
        READS_A,
        kwargs=lambda world: _pk(DRAFT)(world) | {"fmt": "docx"},
    ),
    Page(
        "surveys:results_download",
        EVERYONE,
        kwargs=lambda world: _pk(PUBLISHED)(world) | {"fmt": "docx"},
        label="a published report",
    ),
    Page("surveys:list", READS_A, kwargs=_hromada),
    Page(
        "surveys:list",
        STAFF_A,
        kwargs=_hromada,
        method="post",
        ok_status=400,
        label="importing a questionnaire (POST)",
    ),
    Page("surveys:detail", READS_A, kwargs=_pk(OPEN)),
    Page("surveys:status", STAFF_A, kwargs=_pk(OPEN), method="post", ok_status=302),
    Page("surveys:settings", STAFF_A, kwargs=_pk(OPEN)),
    Page("surveys:version_new", STAFF_A, kwargs=_pk(OPEN)),
    Page("surveys:version", READS_A, kwargs=lambda world: _pk(OPEN)(world) | {"number": 1}),
    Page("surveys:version_file", READS_A, kwargs=lambda world: _pk(OPEN)(world) | {"number": 1}),
    Page("surveys:paper", STAFF_A, kwargs=_pk(OPEN)),
    Page("surveys:submissions", STAFF_A, kwargs=_pk(OPEN)),
    Page("surveys:responses", STAFF_A, kwargs=_pk(OPEN)),
    Page("surveys:response", STAFF_A, kwargs=_response),
    Page("surveys:response_withdraw", STAFF_A, kwargs=_response, label="withdrawal: confirm"),
    Page(
        "surveys:response_withdraw",
        STAFF_A,
        kwargs=_response,
        method="post",
        ok_status=400,  # no reason given: sent back, nothing deleted
        label="withdrawal (POST)",
    ),
    Page("surveys:export", STAFF_A, kwargs=lambda world: _pk(OPEN)(world) | {"fmt": "csv"}),
    Page(
        "surveys:export",
        STAFF_A,
        kwargs=lambda world: _pk(OPEN)(world) | {"fmt": "xlsx"},
        label="the XLSX exports page",
    ),
    Page(
        "surveys:export",
        STAFF_A,
        kwargs=lambda world: _pk(OPEN)(world) | {"fmt": "xlsx"},
        method="post",
        ok_status=302,
        label="starting an XLSX export (POST)",
    ),
    Page("surveys:export_job", STAFF_A, kwargs=_export),
    Page("surveys:export_download", STAFF_A, kwargs=_export),
    Page("surveys:needs_feed", STAFF_A, kwargs=_pk(CLOSED)),
    Page("surveys:quality_hromada", READS_A, kwargs=_hromada),
    Page(
        "surveys:quality_provider",
        QUALITY_A,
        kwargs=lambda world: {"pk": world.provider_a.pk},
    ),
    Page("surveys:assessment", QUALITY_A, kwargs=_assessment),
    Page("surveys:complaints", COMPLAINTS_A, kwargs=_hromada),
    Page("surveys:complaint", COMPLAINTS_A, kwargs=_complaint),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_access(world: World, page: Page, role: str) -> None:
    check_page(world, page, role)
