"""Access to surveys and to the quality of services.

Answers are counts once analysed, so the analysis is read as widely as a needs study:
the hromada's staff and working group, the analysts of its oblast and administrators; the
public reads published results (small counts hidden) and answers open surveys. Single
responses, free-text answers and the export — where a respondent may have written a name —
are for the hromada's staff only. A complaint that names a person is personal data: only
the hromada's staff and the staff of the provider complained about open it (logged).
"""

from __future__ import annotations

from turbota.accounts.permissions import (
    AnyUser,
    analyst_oblast_ids,
    is_admin,
    provider_ids,
    staff_hromada_ids,
    working_group_hromada_ids,
)
from turbota.core.perms import register
from turbota.providers.models import Provider
from turbota.surveys.enums import AssessmentKind, AssessmentStatus, SurveyStatus
from turbota.surveys.models import Complaint, QualityAssessment, Survey
from turbota.territories.models import Territory


def reads_hromada(user: AnyUser, hromada: Territory) -> bool:
    """Aggregates of a hromada: administrators, its staff and working group, the
    analysts of its oblast."""
    return (
        is_admin(user)
        or hromada.pk in staff_hromada_ids(user)
        or hromada.pk in working_group_hromada_ids(user)
        or hromada.oblast_id in analyst_oblast_ids(user)
    )


def can_list_surveys(user: AnyUser, hromada: Territory) -> bool:
    return reads_hromada(user, hromada)


def can_manage_surveys(user: AnyUser, hromada: Territory) -> bool:
    """Importing questionnaires, opening and closing surveys, entering and importing
    responses: the hromada's staff."""
    return hromada.pk in staff_hromada_ids(user)


def can_view_survey(user: AnyUser, survey: Survey) -> bool:
    """The survey's page (versions, settings) and its exact results."""
    return reads_hromada(user, survey.hromada)


def can_view_results(user: AnyUser, survey: Survey) -> bool:
    """Published results are open to everyone, with small counts hidden."""
    return survey.status == SurveyStatus.PUBLISHED or can_view_survey(user, survey)


def can_manage_survey(user: AnyUser, survey: Survey) -> bool:
    return can_manage_surveys(user, survey.hromada)


def can_read_responses(user: AnyUser, survey: Survey) -> bool:
    """Single responses, free-text answers and the export of responses."""
    return survey.hromada_id in staff_hromada_ids(user)


def can_respond(user: AnyUser, survey: Survey) -> bool:
    """Anyone, while the survey is open; no account needed."""
    return survey.status == SurveyStatus.OPEN


def can_enter_paper(user: AnyUser, survey: Survey) -> bool:
    """Paper questionnaires: the staff, while collecting or after (not once published)."""
    return can_manage_survey(user, survey) and survey.status in (
        SurveyStatus.OPEN,
        SurveyStatus.CLOSED,
    )


def can_view_provider_quality(user: AnyUser, provider: Provider) -> bool:
    """A provider's quality page: who reads the hromada's aggregates, and the provider's
    own staff."""
    return provider.pk in provider_ids(user) or reads_hromada(user, provider.hromada)


def can_view_hromada_quality(user: AnyUser, hromada: Territory) -> bool:
    return reads_hromada(user, hromada)


def can_assess(user: AnyUser, provider: Provider, kind: str) -> bool:
    """An internal assessment: the provider's staff or the hromada's; an external one:
    the hromada's staff (the department that monitors quality)."""
    hromada_staff = provider.hromada_id in staff_hromada_ids(user)
    if kind == AssessmentKind.EXTERNAL:
        return hromada_staff
    return hromada_staff or provider.pk in provider_ids(user)


def can_edit_assessment(user: AnyUser, assessment: QualityAssessment) -> bool:
    return assessment.status == AssessmentStatus.DRAFT and can_assess(
        user, assessment.provider, assessment.kind
    )


def can_view_assessment(user: AnyUser, assessment: QualityAssessment) -> bool:
    return can_view_provider_quality(user, assessment.provider)


def can_open_complaints(user: AnyUser, hromada: Territory) -> bool:
    """The complaints register of a hromada: its staff, and the staff of its providers
    (who find only the complaints about their provider there)."""
    if hromada.pk in staff_hromada_ids(user):
        return True
    return Provider.objects.filter(pk__in=provider_ids(user), hromada=hromada).exists()


def can_register_complaint(user: AnyUser, provider: Provider) -> bool:
    return provider.hromada_id in staff_hromada_ids(user) or provider.pk in provider_ids(user)


def can_view_complaint(user: AnyUser, complaint: Complaint) -> bool:
    """The hromada's staff and the staff of the provider complained about."""
    return complaint.hromada_id in staff_hromada_ids(user) or complaint.provider_id in provider_ids(
        user
    )


register("surveys.view_survey", can_view_survey)
register("surveys.view_results", can_view_results)
register("surveys.manage_survey", can_manage_survey)
register("surveys.read_responses", can_read_responses)
register("surveys.view_provider_quality", can_view_provider_quality)
register("surveys.edit_assessment", can_edit_assessment)
register("surveys.view_complaint", can_view_complaint)
