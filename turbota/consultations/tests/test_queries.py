"""Reads: the report deadline on a given day, participation counts, the rules in force,
the oblast's aggregates."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from conftest import World
from turbota.consultations import actions
from turbota.consultations.enums import Channel, ConsultationStatus, Decision
from turbota.consultations.models import Consultation, ConsultationRules, Meeting
from turbota.consultations.queries import (
    oblast_summary,
    participation,
    report_deadline,
    rules_for,
)
from turbota.consultations.tests.factories import NOBODY, add_proposal, make_consultation

D = datetime.date
Status = ConsultationStatus


def _decided_on_1_march(report_days: int = 10, published: D | None = None) -> Consultation:
    return Consultation(
        decided_on=D(2027, 3, 1), report_days=report_days, report_published_on=published
    )


@pytest.mark.parametrize(
    ("today", "overdue", "days_left", "days_overdue"),
    [
        (D(2027, 3, 1), False, 10, 0),  # the day of the decision
        (D(2027, 3, 11), False, 0, 0),  # the tenth calendar day: still on time
        (D(2027, 3, 12), True, -1, 1),  # the eleventh: overdue by one day
        (D(2027, 4, 1), True, -21, 21),
    ],
)
def test_the_report_is_due_ten_calendar_days_after_the_decision_and_then_overdue(
    today: D, overdue: bool, days_left: int, days_overdue: int
) -> None:
    deadline = report_deadline(_decided_on_1_march(), today=today)
    assert deadline is not None
    assert deadline.due_on == D(2027, 3, 11)
    assert (deadline.is_overdue, deadline.days_left, deadline.days_overdue) == (
        overdue,
        days_left,
        days_overdue,
    )


def test_a_hromadas_own_number_of_days_moves_the_deadline() -> None:
    deadline = report_deadline(_decided_on_1_march(report_days=3), today=D(2027, 3, 5))
    assert deadline is not None
    assert (deadline.due_on, deadline.is_overdue, deadline.days_overdue) == (D(2027, 3, 4), True, 1)


def test_a_report_published_late_stays_marked_late_but_not_overdue() -> None:
    late = report_deadline(_decided_on_1_march(published=D(2027, 3, 14)), today=D(2027, 6, 1))
    on_time = report_deadline(_decided_on_1_march(published=D(2027, 3, 11)), today=D(2027, 6, 1))
    assert late is not None
    assert on_time is not None
    assert (late.is_overdue, late.published_late, late.days_overdue) == (False, True, 3)
    assert (on_time.is_overdue, on_time.published_late, on_time.days_overdue) == (False, False, 0)


def test_there_is_no_deadline_before_the_decision() -> None:
    assert report_deadline(Consultation(), today=D(2027, 3, 1)) is None


def test_the_rules_in_force_are_the_hromadas_else_the_default_else_ten_and_fifteen_days(
    world: World,
) -> None:
    shipped = rules_for(world.hromada_a)
    assert shipped._state.adding  # not saved: the shipped defaults
    assert (shipped.report_days, shipped.min_discussion_days) == (10, 15)
    ConsultationRules.objects.create(report_days=12, min_discussion_days=20, legal_basis="—")
    assert rules_for(world.hromada_a).report_days == 12
    ConsultationRules.objects.create(
        hromada=world.hromada_a, report_days=5, min_discussion_days=0, legal_basis="Положення"
    )
    assert rules_for(world.hromada_a).report_days == 5
    assert rules_for(world.hromada_b).report_days == 12


def test_participation_counts_meeting_participants_and_distinct_proposers(world: World) -> None:
    # given two meetings (23 and 7 present), three registered, and four proposals from
    # three people (one wrote twice, once in capitals), and a spam one rejected
    consultation = make_consultation(world.hromada_a, Status.OPEN)
    for day, present in ((timezone.localdate(), 23), (consultation.ends_on, 7)):
        meeting = Meeting(
            consultation=consultation, date=day, starts_at=datetime.time(14), address="Зала"
        )
        actions.save_meeting(meeting=meeting)
        actions.register_for_meeting(
            meeting=meeting, name="Учасник", contact="0", channel=Channel.PHONE, by=NOBODY
        )
        meeting.participants = present
        actions.save_meeting(meeting=meeting)
    actions.register_for_meeting(
        meeting=meeting, name="Ще один", contact="0", channel=Channel.PHONE, by=NOBODY
    )
    add_proposal(consultation, "Перша", contact="anna@x.example")
    add_proposal(consultation, "Друга", contact=" ANNA@x.example ", channel=Channel.POST)
    add_proposal(consultation, "Третя", contact="+380 00 000 0000", channel=Channel.MEETING)
    add_proposal(consultation, "Четверта", contact="bohdan@x.example")
    spam = actions.submit_proposal(consultation=consultation, text="Реклама", contact="s@x.example")
    actions.moderate(proposal=spam, approve=False, note="спам", by=NOBODY)
    # then
    counts = participation(consultation)
    assert (counts.meeting_participants, counts.meetings_with_attendance, counts.registered) == (
        30,
        2,
        3,
    )
    assert (counts.proposals, counts.proposers) == (4, 3)
    assert counts.by_channel == {"email": 2, "post": 1, "meeting": 1}


def test_the_oblast_sees_counts_per_hromada_with_reports_overdue(world: World) -> None:
    # given in hromada A one consultation decided long ago (report overdue) with two
    # proposals, one published, and a draft; in hromada B (another oblast) one published
    overdue = make_consultation(world.hromada_a, Status.CLOSED)
    for decision, reason in ((Decision.ACCEPTED, ""), (Decision.REJECTED, "Ні")):
        proposal = add_proposal(overdue)
        actions.decide(proposal=proposal, decision=decision, reason=reason, by=NOBODY)
    actions.record_decision(
        consultation=overdue,
        decided_on=overdue.ends_on + datetime.timedelta(1),
        decision_text="Рішення",
        by=NOBODY,
        today=overdue.ends_on + datetime.timedelta(1),
    )
    make_consultation(world.hromada_a, Status.REPORT_PUBLISHED)
    make_consultation(world.hromada_a)
    make_consultation(world.hromada_b, Status.REPORT_PUBLISHED)
    # when the oblast A summary is read today
    (row,) = oblast_summary(world.oblast_a, today=overdue.ends_on + datetime.timedelta(30))
    # then
    assert row.hromada == world.hromada_a
    assert (row.total, row.proposals, row.accepted, row.partly, row.rejected) == (2, 2, 1, 0, 1)
    assert row.by_status == {"decided": 1, "report_published": 1}
    assert row.reports_overdue == 1
    assert row.status_cells == [0, 0, 0, 1, 1]


@pytest.mark.django_db
def test_there_is_one_default_rule_for_all_hromadas() -> None:
    ConsultationRules.objects.create(report_days=10, min_discussion_days=15, legal_basis="—")
    second = ConsultationRules(report_days=7, min_discussion_days=15, legal_basis="—")
    with pytest.raises(ValidationError, match="уже є"):
        second.full_clean()
