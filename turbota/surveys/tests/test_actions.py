"""Writes of surveys: import and versions, states, responses (and their withdrawal), links
and needs shares."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from conftest import World
from turbota.catalog.models import VulnerableGroup
from turbota.needs.actions import start_study
from turbota.needs.models import SurveyShare
from turbota.surveys import actions
from turbota.surveys.analysis import Frequencies, analyse
from turbota.surveys.enums import ResponseChannel, SurveyStatus
from turbota.surveys.models import (
    FormVersion,
    Response,
    ResponseWithdrawal,
    Survey,
    SurveyTransition,
)
from turbota.surveys.tests.factories import add_response, home_care, make_survey, shipped
from turbota.surveys.tests.xlsforms import xlsform
from turbota.surveys.xlsform.reading import MalformedFormError

NOBODY = AnonymousUser()


def test_importing_a_form_makes_a_draft_survey_with_its_breakdowns(world: World) -> None:
    survey = actions.import_survey(
        hromada=world.hromada_a, content=shipped("satisfaction"), file_name="s.xlsx", by=NOBODY
    )
    assert survey.status == SurveyStatus.DRAFT
    assert survey.title == "Оцінка задоволеності отримувачів соціальних послуг"
    assert (survey.sex_question, survey.age_question, survey.area_question) == (
        "sex",
        "age_band",
        "settlement_type",
    )
    version = survey.current_version
    assert version is not None
    assert (version.number, version.form_id, version.form_version) == (
        1,
        "turbota_satisfaction",
        "1",
    )


def test_a_form_with_unsupported_features_is_not_imported(world: World) -> None:
    content = xlsform([{"type": "geopoint", "name": "where", "label": "Де?"}])
    with pytest.raises(actions.UnsupportedFormError) as refused:
        actions.import_survey(
            hromada=world.hromada_a, content=content, file_name="g.xlsx", by=NOBODY
        )
    assert refused.value.imported.summary()["unsupported"] == [
        {"row": 2, "feature": "type: geopoint"}
    ]
    assert not Survey.objects.exists()


def test_a_malformed_form_writes_nothing(world: World) -> None:
    with pytest.raises(MalformedFormError):
        actions.import_survey(
            hromada=world.hromada_a, content=b"\x00\x01junk", file_name="x.xlsx", by=NOBODY
        )
    assert not Survey.objects.exists()
    assert not FormVersion.objects.exists()


def test_a_changed_form_is_a_new_version_and_responses_keep_theirs(world: World) -> None:
    survey = make_survey(world.hromada_a, status=SurveyStatus.OPEN)
    first = add_response(survey, {"nickname": "Оля", "age": 40, "has_disability": "no"})
    changed = xlsform(
        [{"type": "text", "name": "nickname", "label": "Ім'я"}], settings={"version": "2"}
    )
    version = actions.add_version(survey=survey, content=changed, file_name="v2.xlsx", by=NOBODY)
    assert version.number == 2
    assert survey.current_version == version
    first.refresh_from_db()
    assert first.version.number == 1
    second = add_response(survey, {"nickname": "Ігор"})
    assert second.version.number == 2


def test_the_same_file_again_is_not_a_new_version(world: World) -> None:
    survey = make_survey(world.hromada_a)
    with pytest.raises(ValidationError, match="Файл не змінився: це версія 1"):
        actions.add_version(
            survey=survey, content=shipped("all-types"), file_name="again.xlsx", by=NOBODY
        )
    assert survey.versions.count() == 1


def test_states_move_as_allowed_and_every_move_is_logged(world: World) -> None:
    survey = make_survey(world.hromada_a)
    user = world.users["hromada_staff"]
    assert user is not None
    actions.change_status(survey=survey, to=SurveyStatus.OPEN, by=user)
    assert survey.collected_from is not None
    with pytest.raises(ValidationError, match="Не можна перевести"):
        actions.change_status(survey=survey, to=SurveyStatus.PUBLISHED, by=user)
    actions.change_status(survey=survey, to=SurveyStatus.CLOSED, by=user)
    actions.change_status(survey=survey, to=SurveyStatus.PUBLISHED, by=user)
    log = list(SurveyTransition.objects.filter(survey=survey).values_list("to_status", "by"))
    assert log == [("open", user.pk), ("closed", user.pk), ("published", user.pk)]


def test_a_paper_number_is_entered_once(world: World) -> None:
    survey = make_survey(world.hromada_a, status=SurveyStatus.OPEN)
    version = survey.current_version
    assert version is not None
    paper = actions.Submission(
        version=version, answers={"nickname": "А"}, channel=ResponseChannel.PAPER, paper_number="17"
    )
    actions.record_response(survey=survey, submission=paper, by=NOBODY)
    with pytest.raises(actions.DuplicateSubmissionError):
        actions.record_response(survey=survey, submission=paper, by=NOBODY)
    assert survey.responses.count() == 1


def test_a_share_of_an_analysed_survey_replaces_a_needs_rate(world: World) -> None:
    survey = make_survey(world.hromada_a, status=SurveyStatus.CLOSED, template="satisfaction")
    study = start_study(hromada=world.hromada_a, year=2024, by=NOBODY)
    group = VulnerableGroup.objects.get(code="older_persons")
    share = actions.feed_needs_share(
        survey=survey,
        question="missing_services",
        choice="material_aid",
        counts=(206, 232),
        study=study,
        service=home_care(),
        group=group,
    )
    assert share.share == Decimal("0.8879")
    assert "206 з 232" in share.source
    assert "95 % ДІ 84,1–92,2 %" in share.source
    assert SurveyShare.objects.filter(study=study).count() == 1
    # again: the same share is updated, not duplicated
    actions.feed_needs_share(
        survey=survey,
        question="missing_services",
        choice="material_aid",
        counts=(100, 200),
        study=study,
        service=home_care(),
        group=group,
    )
    assert SurveyShare.objects.get(study=study).share == Decimal("0.5000")


def test_a_share_goes_only_to_a_draft_study_of_the_same_hromada(world: World) -> None:
    survey = make_survey(world.hromada_a, status=SurveyStatus.CLOSED, template="satisfaction")
    other = start_study(hromada=world.hromada_b, year=2024, by=NOBODY)
    with pytest.raises(ValidationError, match="тієї ж громади"):
        actions.feed_needs_share(
            survey=survey,
            question="fit",
            choice="partly",
            counts=(1, 2),
            study=other,
            service=home_care(),
            group=VulnerableGroup.objects.first(),  # type: ignore[arg-type]
        )


def test_a_satisfaction_question_is_tied_to_a_provider_of_the_hromada(world: World) -> None:
    survey = make_survey(world.hromada_a, template="satisfaction")
    link = actions.link_satisfaction(
        survey=survey,
        question="sat_terr_centre",
        provider=world.provider_a,
        service=None,
        satisfied=["satisfied", "rather_satisfied"],
    )
    assert link.satisfied_choices == ["satisfied", "rather_satisfied"]
    with pytest.raises(ValidationError, match="громади опитування"):
        actions.link_satisfaction(
            survey=survey,
            question="sat_terr_centre",
            provider=world.provider_b,
            service=None,
            satisfied=["satisfied"],
        )
    with pytest.raises(ValidationError, match="одним варіантом"):
        actions.link_satisfaction(
            survey=survey,
            question="providers",
            provider=world.provider_a,
            service=None,
            satisfied=["uszn"],
        )


def _paper(survey: Survey, number: str, answers: dict[str, object]) -> Response:
    version = survey.current_version
    assert version is not None
    submission = actions.Submission(
        version=version, answers=answers, channel=ResponseChannel.PAPER, paper_number=number
    )
    return actions.record_response(survey=survey, submission=submission, by=NOBODY)


def _disability_counts(survey: Survey) -> tuple[int, int, int]:
    analysis = analyse(survey)
    found = analysis.result("has_disability")
    assert isinstance(found, Frequencies)
    yes, no = found.row("yes"), found.row("no")
    assert yes is not None
    assert no is not None
    return analysis.responses, yes.count, no.count


def test_a_withdrawn_response_leaves_the_analysis_and_a_record_without_its_answers(
    world: World,
) -> None:
    # given a questionnaire typed twice, the second time wrongly
    survey = make_survey(world.hromada_a, status=SurveyStatus.OPEN)
    add_response(survey, {"nickname": "Оля", "has_disability": "no"})
    twice = _paper(survey, "12", {"nickname": "Петро", "has_disability": "yes"})
    assert _disability_counts(survey) == (2, 1, 1)
    staff = world.users["hromada_staff"]
    assert staff is not None
    # when
    withdrawal = actions.withdraw_response(
        response=twice, reason="  анкету № 12 внесено двічі ", by=staff
    )
    # then
    assert _disability_counts(survey) == (1, 0, 1)
    assert not Response.objects.filter(pk=twice.pk).exists()
    withdrawal.refresh_from_db()
    assert (
        withdrawal.survey,
        withdrawal.response_number,
        withdrawal.channel,
        withdrawal.paper_number,
        withdrawal.submitted_at,
        withdrawal.withdrawn_by,
        withdrawal.reason,
    ) == (survey, twice.pk, "paper", "12", twice.submitted_at, staff, "анкету № 12 внесено двічі")
    assert withdrawal.withdrawn_at is not None
    kept = {field.name for field in ResponseWithdrawal._meta.get_fields()}
    assert "answers" not in kept
    assert "Петро" not in str(list(ResponseWithdrawal.objects.values()))


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_withdrawal_without_a_reason_is_refused_and_nothing_goes(
    world: World, reason: str
) -> None:
    survey = make_survey(world.hromada_a, status=SurveyStatus.OPEN)
    response = add_response(survey, {"nickname": "Оля"})
    with pytest.raises(ValidationError, match="Вкажіть причину вилучення"):
        actions.withdraw_response(response=response, reason=reason, by=NOBODY)
    assert Response.objects.filter(pk=response.pk).exists()
    assert not ResponseWithdrawal.objects.exists()


def test_a_response_of_published_results_is_not_withdrawn_until_they_are_withdrawn(
    world: World,
) -> None:
    survey = make_survey(world.hromada_a, status=SurveyStatus.CLOSED)
    response = add_response(survey, {"nickname": "Оля"})
    actions.change_status(survey=survey, to=SurveyStatus.PUBLISHED, by=NOBODY)
    with pytest.raises(ValidationError, match="оприлюднено"):
        actions.withdraw_response(response=response, reason="двічі", by=NOBODY)
    assert Response.objects.filter(pk=response.pk).exists()
    assert not ResponseWithdrawal.objects.exists()
    # back to "collection ended": a closed survey's response may go
    actions.change_status(survey=survey, to=SurveyStatus.CLOSED, by=NOBODY)
    actions.withdraw_response(response=response, reason="двічі", by=NOBODY)
    assert not Response.objects.filter(pk=response.pk).exists()


def test_a_withdrawn_paper_number_is_free_for_the_corrected_questionnaire(world: World) -> None:
    survey = make_survey(world.hromada_a, status=SurveyStatus.CLOSED)
    wrong = _paper(survey, "7", {"nickname": "Помилка"})
    with pytest.raises(actions.DuplicateSubmissionError):
        _paper(survey, "7", {"nickname": "Виправлена"})
    actions.withdraw_response(response=wrong, reason="помилки введення", by=NOBODY)
    corrected = _paper(survey, "7", {"nickname": "Виправлена"})
    kept = [(r.paper_number, r.answers["nickname"]) for r in survey.responses.all()]
    assert kept == [("7", "Виправлена")]
    assert corrected.pk != wrong.pk


def test_a_response_already_withdrawn_is_not_withdrawn_twice(world: World) -> None:
    survey = make_survey(world.hromada_a, status=SurveyStatus.OPEN)
    response = add_response(survey, {"nickname": "Оля"})
    actions.withdraw_response(response=response, reason="двічі", by=NOBODY)
    with pytest.raises(ValidationError, match="уже вилучено"):
        actions.withdraw_response(response=response, reason="двічі", by=NOBODY)
    assert ResponseWithdrawal.objects.count() == 1
