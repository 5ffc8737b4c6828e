"""Quality of services: indicators computed from Turbota's data, assessments, and the
complaints register whose complaints naming a person are opened only by few, logged."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import World
from turbota.people.enums import Decision
from turbota.people.tests.factories import make_application, make_episode, make_person
from turbota.providers.models import StaffPosition
from turbota.surveys import actions, quality_actions
from turbota.surveys.enums import AssessmentKind, IndicatorSource, QualityIndicator, SurveyStatus
from turbota.surveys.models import Complaint, ComplaintAccess, IndicatorValue
from turbota.surveys.quality_queries import Period, computed
from turbota.surveys.tests.factories import (
    add_response,
    aware,
    home_care,
    make_complaint,
    make_survey,
)

YEAR = Period.year(2024)


@pytest.fixture
def served(world: World) -> World:
    """Provider A in 2024: 10 people with home care, 2 complaints about it, 4 decided
    applications of which 3 granted (and 1 still pending), 5 staff working, and 5
    survey answers about it of which 4 satisfied."""
    for number in range(10):
        person = make_person(world.city_a, f"Особа{number}")
        make_episode(person, world.provider_a, start=datetime.date(2023, 6, 1))
    old = make_person(world.city_a, "Давня")
    make_episode(
        old, world.provider_a, start=datetime.date(2020, 1, 1), end=datetime.date(2022, 1, 1)
    )
    for number in range(2):
        make_complaint(world, service=home_care(), received_on=datetime.date(2024, 4, 1 + number))
    make_complaint(world, service=home_care(), received_on=datetime.date(2023, 4, 1))  # not 2024
    applicant = make_person(world.city_a, "Заявниця")
    for decision in (Decision.GRANTED,) * 3 + (Decision.REFUSED, Decision.PENDING):
        decided = None if decision == Decision.PENDING else datetime.date(2024, 2, 10)
        make_application(
            applicant,
            applied_on=datetime.date(2024, 2, 1),
            decision=decision,
            decided_on=decided,
            provider=world.provider_a,
        )
    StaffPosition.objects.create(
        provider=world.provider_a, title="Соціальний робітник", established=5, filled=5
    )
    survey = make_survey(world.hromada_a, status=SurveyStatus.OPEN, template="satisfaction")
    actions.link_satisfaction(
        survey=survey,
        question="sat_terr_centre",
        provider=world.provider_a,
        service=None,
        satisfied=["satisfied", "rather_satisfied"],
    )
    for answer in ("satisfied",) * 3 + ("rather_satisfied", "not_satisfied"):
        add_response(
            survey,
            {"providers": ["terr_centre"], "sat_terr_centre": answer},
            when=aware(2024, 5, 1),
        )
    add_response(
        survey,
        {"providers": ["terr_centre"], "sat_terr_centre": "not_satisfied"},
        when=aware(2023, 5, 1),
    )
    return world


def test_indicators_are_computed_where_turbota_has_the_data(served: World) -> None:
    found = computed(served.provider_a, home_care(), YEAR)
    complaints = found[QualityIndicator.COMPLAINTS]
    assert (complaints.numerator, complaints.denominator, complaints.value) == (
        2,
        10,
        Decimal("20.0"),
    )
    applications = found[QualityIndicator.APPLICATIONS]
    assert (applications.numerator, applications.denominator) == (3, 4)
    assert applications.value == Decimal("75.0")
    satisfaction = found[QualityIndicator.SATISFACTION]
    assert (satisfaction.numerator, satisfaction.denominator) == (4, 5)
    assert QualityIndicator.STAFF_TRAINED not in found  # training is not recorded in Turbota


def test_without_data_nothing_is_computed(world: World) -> None:
    assert computed(world.provider_a, home_care(), YEAR) == {}


def _start(world: World, kind: AssessmentKind = AssessmentKind.EXTERNAL):
    return quality_actions.start_assessment(
        provider=world.provider_a, service=home_care(), kind=kind, period=YEAR, by=AnonymousUser()
    )


def test_an_assessment_starts_with_the_computed_indicators_and_waits_for_the_rest(
    served: World,
) -> None:
    assessment = _start(served)
    values = {v.indicator: v for v in assessment.indicators.all()}
    assert values[QualityIndicator.COMPLAINTS].source == IndicatorSource.COMPUTED
    staff = values[QualityIndicator.STAFF_TRAINED]
    assert (staff.numerator, staff.denominator, staff.source) == (None, 5, IndicatorSource.ENTERED)
    assert assessment.hromada == served.hromada_a


def test_an_indicator_changed_by_hand_is_marked_entered(served: World) -> None:
    assessment = _start(served)
    quality_actions.save_indicators(
        assessment=assessment,
        values={
            QualityIndicator.STAFF_TRAINED: quality_actions.Entered(4, 5, "навчання 2024"),
            QualityIndicator.COMPLAINTS: quality_actions.Entered(2, 10),
        },
        assessors="Комісія",
        conclusion="Відповідає",
    )
    values = {v.indicator: v for v in IndicatorValue.objects.filter(assessment=assessment)}
    assert values[QualityIndicator.STAFF_TRAINED].value == Decimal("80.0")
    assert values[QualityIndicator.COMPLAINTS].source == IndicatorSource.COMPUTED  # unchanged
    with pytest.raises(ValidationError, match="чисельник не може перевищувати знаменник"):
        quality_actions.save_indicators(
            assessment=assessment,
            values={QualityIndicator.SATISFACTION: quality_actions.Entered(6, 5)},
            assessors="",
            conclusion="",
        )


def test_a_finished_assessment_is_not_changed(served: World) -> None:
    assessment = quality_actions.finish_assessment(assessment=_start(served))
    with pytest.raises(ValidationError, match="Завершене оцінювання"):
        quality_actions.recompute(assessment=assessment)


def test_an_assessment_of_the_same_service_and_period_is_started_once(world: World) -> None:
    _start(world)
    with pytest.raises(ValidationError, match="уже розпочато"):
        _start(world)


def test_provider_staff_assess_their_service_internally_only(world: World) -> None:
    client = world.client_for("provider_staff")
    world.provider_a.services.create(service=home_care())
    url = reverse("surveys:quality_provider", args=[world.provider_a.pk])
    page = client.get(url).content.decode()
    assert "внутрішнє (самооцінювання надавача)" in page
    assert "зовнішнє (структурний підрозділ громади)" not in page
    response = client.post(
        url,
        {
            "service": home_care().pk,
            "kind": "external",
            "period_start": "2024-01-01",
            "period_end": "2024-12-31",
        },
    )
    assert response.status_code == 400  # not a choice they have


def test_complaints_are_numbered_in_the_hromada_register(world: World) -> None:
    first = quality_actions.register_complaint(
        complaint=Complaint(
            provider=world.provider_a,
            received_on=datetime.date(2024, 3, 1),
            channel="phone",
            summary="Не передзвонили.",
        ),
        user=AnonymousUser(),
        via="test",
    )
    second = quality_actions.register_complaint(
        complaint=Complaint(
            provider=world.provider_a,
            received_on=datetime.date(2024, 3, 2),
            channel="written",
            summary="Запізнення.",
            complainant_contact="050 000 00 00",
        ),
        user=AnonymousUser(),
        via="test",
    )
    assert (first.number, second.number) == (1, 2)
    assert (first.names_person, second.names_person) == (False, True)


def test_a_decided_complaint_needs_its_outcome_and_date(world: World) -> None:
    complaint = make_complaint(world)
    complaint.status = "upheld"
    with pytest.raises(ValidationError, match="результат розгляду і дату рішення"):
        quality_actions.update_complaint(complaint=complaint, user=AnonymousUser(), via="test")


def test_opening_a_complaint_that_names_a_person_is_logged(world: World) -> None:
    complaint = make_complaint(world)
    url = reverse("surveys:complaint", args=[complaint.pk])
    page = world.client_for("provider_staff").get(url).content.decode()
    assert "Петренко Ганна" in page
    entry = ComplaintAccess.objects.get(complaint=complaint)
    assert (entry.username, entry.action, entry.via) == ("provider_a", "viewed", url)
    assert "Хто відкривав скаргу" in world.client_for("hromada_staff").get(url).content.decode()
    assert ComplaintAccess.objects.filter(complaint=complaint).count() == 2


def test_a_complaint_without_a_person_is_not_logged(world: World) -> None:
    complaint = make_complaint(world, complainant_name="", names_person=False)
    world.client_for("hromada_staff").get(reverse("surveys:complaint", args=[complaint.pk]))
    assert not ComplaintAccess.objects.exists()


@pytest.mark.parametrize(
    "role", ["working_group", "oblast_analyst", "admin", "other_hromada_staff"]
)
def test_only_the_hromada_and_the_provider_open_a_complaint(world: World, role: str) -> None:
    complaint = make_complaint(world)
    response = world.client_for(role).get(reverse("surveys:complaint", args=[complaint.pk]))
    assert response.status_code == 404
    assert not ComplaintAccess.objects.exists()


def test_the_hromada_summary_shows_each_providers_service(served: World) -> None:
    client = served.client_for("working_group")
    page = client.get(
        reverse("surveys:quality_hromada", args=[served.hromada_a.code]) + "?year=2024"
    ).content.decode()
    assert "20,0 (2 з 10)" in page
    assert "75,0 (3 з 4)" in page
    assert "80,0 (4 з 5)" in page
    assert "Петренко" not in page  # counts, never the complainant


def test_staff_complete_and_finish_an_assessment_on_its_page(served: World) -> None:
    assessment = _start(served)
    client = served.client_for("hromada_staff")
    url = reverse("surveys:assessment", args=[assessment.pk])
    fields = {
        f"{v.indicator}_{part}": getattr(v, part) or ""
        for v in assessment.indicators.all()
        for part in ("numerator", "denominator", "note")
    }
    fields |= {"staff_trained_numerator": "3", "assessors": "Комісія УСЗН", "do": "finish"}
    assert client.post(url, fields).status_code == 302
    assessment.refresh_from_db()
    assert (assessment.status, assessment.assessors) == ("final", "Комісія УСЗН")
    trained = assessment.indicators.get(indicator=QualityIndicator.STAFF_TRAINED)
    assert trained.value == Decimal("60.0")
    # finished: nobody edits it any more
    assert client.post(url, fields | {"do": "recompute"}).status_code == 403
