"""The consultation's steps and the proposals' decisions, through the actions."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from conftest import World
from turbota.consultations import actions
from turbota.consultations.enums import Channel, ConsultationStatus, Decision, Moderation
from turbota.consultations.models import ConsultationRules, Meeting, ProposalTransition
from turbota.consultations.queries import approved_proposals
from turbota.consultations.tests.factories import (
    DAY,
    NOBODY,
    add_proposal,
    make_consultation,
    make_document,
    section_key,
)

Status = ConsultationStatus
D = datetime.date


def test_a_consultation_goes_announce_proposals_decisions_report_and_logs_every_step(
    world: World,
) -> None:
    # given a draft on an uploaded document, 15 days of proposals from 1 March 2027
    staff = world.users["hromada_staff"]
    assert staff is not None
    document = make_document(world.hromada_a)
    consultation = make_consultation(world.hromada_a, today=D(2027, 3, 1), document=document)
    consultation.starts_on, consultation.ends_on = D(2027, 3, 1), D(2027, 3, 15)
    actions.save_consultation(consultation=consultation, subject=document, by=staff)
    # when it is announced, opened, sent two proposals, closed, decided and reported
    actions.announce(consultation=consultation, by=staff)
    actions.open_for_proposals(consultation=consultation, by=staff, today=D(2027, 3, 1))
    web = actions.submit_proposal(
        consultation=consultation,
        text="Додати соціальне таксі",
        contact="a@resident.example",
        item_key=section_key(document, 1),
        today=D(2027, 3, 3),
    )
    actions.moderate(proposal=web, approve=True, by=staff)
    posted = actions.register_proposal(
        consultation=consultation,
        channel=Channel.POST,
        received_on=D(2027, 3, 15),
        text="Збільшити кількість соціальних робітників",
        contact="вул. Садова, 3",
        by=staff,
    )
    actions.close_proposals(consultation=consultation, by=staff, today=D(2027, 3, 16))
    actions.decide(proposal=web, decision=Decision.ACCEPTED, reason="", by=staff)
    actions.decide(proposal=posted, decision=Decision.REJECTED, reason="Немає коштів", by=staff)
    actions.record_decision(
        consultation=consultation,
        decided_on=D(2027, 3, 20),
        decision_text="Програму доопрацьовано",
        by=staff,
        today=D(2027, 3, 20),
    )
    actions.publish_report(consultation=consultation, by=staff, today=D(2027, 3, 25))
    # then every step is logged with who made it
    steps = [(t.from_status, t.to_status) for t in consultation.transitions.all()]
    assert steps == [
        ("draft", "announced"),
        ("announced", "open"),
        ("open", "closed"),
        ("closed", "decided"),
        ("decided", "report_published"),
    ]
    assert {t.by for t in consultation.transitions.all()} == {staff}
    assert consultation.status == Status.REPORT_PUBLISHED
    assert (consultation.report_days, consultation.report_due_on) == (10, D(2027, 3, 30))
    assert consultation.report_published_on == D(2027, 3, 25)
    assert [(p.text, p.decision) for p in approved_proposals(consultation)] == [
        ("Додати соціальне таксі", "accepted"),
        ("Збільшити кількість соціальних робітників", "rejected"),
    ]
    decisions = ProposalTransition.objects.filter(step="decision")
    assert [(d.to_value, d.reason, d.by) for d in decisions] == [
        ("accepted", "", staff),
        ("rejected", "Немає коштів", staff),
    ]


@pytest.mark.parametrize(
    ("status", "step"),
    [
        (Status.DRAFT, actions.open_for_proposals),
        (Status.ANNOUNCED, actions.close_proposals),
        (Status.OPEN, actions.publish_report),
        (Status.REPORT_PUBLISHED, actions.announce),
    ],
)
def test_a_step_out_of_order_is_refused_and_changes_nothing(
    world: World, status: Status, step: object
) -> None:
    consultation = make_consultation(world.hromada_a, status)
    with pytest.raises(ValidationError, match="можна лише зі стану"):
        step(consultation=consultation, by=NOBODY)  # type: ignore[operator]
    consultation.refresh_from_db()
    assert consultation.status == status
    assert consultation.transitions.count() == list(Status).index(status)


def test_proposals_cannot_open_before_the_announced_start_nor_close_before_the_end(
    world: World,
) -> None:
    consultation = make_consultation(world.hromada_a, Status.ANNOUNCED)
    with pytest.raises(ValidationError, match="раніше його не відкривають"):
        actions.open_for_proposals(
            consultation=consultation, by=NOBODY, today=consultation.starts_on - DAY
        )
    actions.open_for_proposals(consultation=consultation, by=NOBODY, today=consultation.starts_on)
    with pytest.raises(ValidationError, match="з наступного дня"):
        actions.close_proposals(consultation=consultation, by=NOBODY, today=consultation.ends_on)


def test_announcing_needs_the_hromadas_minimum_discussion_and_a_way_to_send_proposals(
    world: World,
) -> None:
    # given the hromada's own rule of 30 days and a draft of 17 days without any way
    ConsultationRules.objects.create(
        hromada=world.hromada_a, report_days=7, min_discussion_days=30, legal_basis="Положення"
    )
    consultation = make_consultation(world.hromada_a)
    consultation.accepts_web, consultation.email, consultation.postal_address = False, "", ""
    consultation.save()
    # when announcing, then both problems are named and it stays a draft
    with pytest.raises(ValidationError) as refused:
        actions.announce(consultation=consultation, by=NOBODY)
    assert refused.value.messages == [
        "Пропозиції приймаються 17 дн., а правила громади вимагають щонайменше 30 "
        "календарних днів.",
        "Зазначте хоча б один спосіб подати пропозиції.",
    ]
    consultation.refresh_from_db()
    assert consultation.status == Status.DRAFT


def test_the_decision_on_results_waits_for_moderation_and_every_proposals_decision(
    world: World,
) -> None:
    consultation = make_consultation(world.hromada_a, Status.OPEN)
    add_proposal(consultation)
    actions.submit_proposal(
        consultation=consultation, text="Ще одна", contact="b@x.example", today=consultation.ends_on
    )
    consultation.refresh_from_db()
    actions.close_proposals(consultation=consultation, by=NOBODY, today=consultation.ends_on + DAY)
    with pytest.raises(ValidationError) as refused:
        actions.record_decision(
            consultation=consultation,
            decided_on=consultation.ends_on + DAY,
            decision_text="Рішення",
            by=NOBODY,
            today=consultation.ends_on + 2 * DAY,
        )
    assert refused.value.messages == [
        "Пропозицій чекають модерації: 1.",
        "Пропозицій без рішення: 1.",
    ]


def test_the_report_deadline_uses_the_rule_in_force_on_the_day_of_the_decision(
    world: World,
) -> None:
    # given the default rule changed to 5 days before the decision
    ConsultationRules.objects.create(report_days=5, min_discussion_days=15, legal_basis="—")
    consultation = make_consultation(world.hromada_a, Status.DECIDED)
    # when the rule changes again afterwards
    ConsultationRules.objects.update(report_days=30)
    consultation.refresh_from_db()
    # then the deadline stays 5 days after the decision
    assert consultation.report_days == 5
    assert consultation.decided_on is not None
    assert consultation.report_due_on == consultation.decided_on + 5 * DAY


@pytest.mark.parametrize("decision", [Decision.PARTLY, Decision.REJECTED])
def test_a_proposal_partly_accepted_or_rejected_needs_a_reason(
    world: World, decision: Decision
) -> None:
    consultation = make_consultation(world.hromada_a, Status.OPEN)
    proposal = add_proposal(consultation)
    consultation.refresh_from_db()
    actions.close_proposals(consultation=consultation, by=NOBODY, today=consultation.ends_on + DAY)
    proposal.refresh_from_db()
    with pytest.raises(ValidationError, match="Обґрунтуйте"):
        actions.decide(proposal=proposal, decision=decision, reason="  ", by=NOBODY)
    actions.decide(proposal=proposal, decision=decision, reason="Бюджет не дозволяє", by=NOBODY)
    proposal.refresh_from_db()
    assert (proposal.decision, proposal.decision_reason) == (decision, "Бюджет не дозволяє")


def test_proposals_are_decided_only_between_closing_and_the_decision_on_results(
    world: World,
) -> None:
    consultation = make_consultation(world.hromada_a, Status.OPEN)
    proposal = add_proposal(consultation)
    with pytest.raises(ValidationError, match="після завершення прийому"):
        actions.decide(proposal=proposal, decision=Decision.ACCEPTED, reason="", by=NOBODY)
    with pytest.raises(ValidationError, match="після завершення прийому"):
        actions.recommend(proposal=proposal, decision=Decision.ACCEPTED, reason="", by=NOBODY)


def test_a_renamed_or_removed_section_never_loses_what_a_proposal_was_about(
    world: World,
) -> None:
    # given a proposal on section 2 and another on section 3
    document = make_document(world.hromada_a)
    consultation = make_consultation(world.hromada_a, Status.OPEN, document=document)
    on_care = add_proposal(consultation, item_key=section_key(document, 2))
    on_ngos = add_proposal(consultation, item_key=section_key(document, 3))
    first, second, _third = document.sections.all()
    # when section 2 is renamed and section 3 removed
    actions.set_sections(
        document=document, titles=[(first.pk, first.title), (second.pk, "2. Догляд")]
    )
    # then both proposals keep the name the section had on the day
    on_care.refresh_from_db()
    on_ngos.refresh_from_db()
    assert on_care.item_label == "2. Догляд вдома"
    assert on_ngos.item_label == "3. Співпраця з громадськими організаціями"
    assert on_care.item_key == f"section:{second.pk}"


def test_a_proposal_on_an_item_the_document_does_not_have_is_refused(world: World) -> None:
    consultation = make_consultation(world.hromada_a, Status.OPEN)
    with pytest.raises(ValidationError, match="Такого пункту"):
        add_proposal(consultation, item_key="section:999999")
    assert not consultation.proposals.exists()


def test_a_web_proposal_waits_for_moderation_and_a_rejection_needs_a_reason(
    world: World,
) -> None:
    consultation = make_consultation(world.hromada_a, Status.OPEN)
    proposal = actions.submit_proposal(
        consultation=consultation, text="Реклама", contact="x@spam.example"
    )
    assert proposal.moderation == Moderation.PENDING
    with pytest.raises(ValidationError, match="чому"):
        actions.moderate(proposal=proposal, approve=False, by=NOBODY)
    actions.moderate(proposal=proposal, approve=False, note="спам", by=NOBODY)
    with pytest.raises(ValidationError, match="вже перевірено"):
        actions.moderate(proposal=proposal, approve=True, by=NOBODY)
    assert not approved_proposals(consultation).exists()


def test_the_web_form_takes_proposals_only_while_open_and_within_the_dates(world: World) -> None:
    consultation = make_consultation(world.hromada_a, Status.OPEN)
    for day in (consultation.starts_on - DAY, consultation.ends_on + DAY):
        with pytest.raises(ValidationError, match="зараз не триває"):
            actions.submit_proposal(
                consultation=consultation, text="Пізно", contact="x@y.example", today=day
            )
    actions.submit_proposal(
        consultation=consultation, text="Вчасно", contact="x@y.example", today=consultation.ends_on
    )


def test_staff_enter_only_mailed_proposals_received_within_the_period(world: World) -> None:
    consultation = make_consultation(world.hromada_a, Status.OPEN)
    with pytest.raises(ValidationError, match="поза строком"):
        actions.register_proposal(
            consultation=consultation,
            channel=Channel.POST,
            received_on=consultation.ends_on + DAY,
            text="Лист",
            contact="вул. Садова, 3",
            by=NOBODY,
        )
    with pytest.raises(ValidationError, match="поштою"):
        actions.register_proposal(
            consultation=consultation,
            channel=Channel.WEB,
            received_on=consultation.starts_on,
            text="Лист",
            contact="вул. Садова, 3",
            by=NOBODY,
        )


def test_registration_for_a_meeting_stops_at_its_capacity(world: World) -> None:
    consultation = make_consultation(world.hromada_a, Status.ANNOUNCED)
    meeting = actions.save_meeting(
        meeting=Meeting(
            consultation=consultation,
            date=consultation.ends_on,
            starts_at=datetime.time(14),
            address="вул. Центральна, 1",
            capacity=2,
            online_registration=True,
        )
    )
    for number in (1, 2):
        actions.register_for_meeting(
            meeting=meeting, name=f"Учасник {number}", contact="0", channel=Channel.WEB, by=NOBODY
        )
    with pytest.raises(ValidationError, match="місця"):
        actions.register_for_meeting(
            meeting=meeting, name="Третій", contact="0", channel=Channel.WEB, by=NOBODY
        )
    assert meeting.registrations.count() == 2


def test_a_meeting_is_held_within_the_period_of_proposals(world: World) -> None:
    consultation = make_consultation(world.hromada_a)
    outside = Meeting(
        consultation=consultation,
        date=consultation.ends_on + DAY,
        starts_at=datetime.time(14),
        address="вул. Центральна, 1",
    )
    with pytest.raises(ValidationError, match="в період прийому"):
        actions.save_meeting(meeting=outside)


def test_an_announced_consultation_cannot_be_shortened_below_the_minimum(world: World) -> None:
    consultation = make_consultation(world.hromada_a, Status.ANNOUNCED)
    consultation.ends_on = consultation.starts_on + 5 * DAY
    subject = consultation.subject
    assert subject is not None
    with pytest.raises(ValidationError, match="щонайменше 15"):
        actions.save_consultation(consultation=consultation, subject=subject, by=NOBODY)
    consultation.refresh_from_db()
    assert consultation.discussion_days == 17


def test_a_consultation_is_on_its_own_hromadas_document_only(world: World) -> None:
    other = make_document(world.hromada_b)
    consultation = make_consultation(world.hromada_a)
    with pytest.raises(ValidationError, match="іншій громаді"):
        actions.save_consultation(consultation=consultation, subject=other, by=NOBODY)


def test_an_announced_consultation_keeps_its_document(world: World) -> None:
    consultation = make_consultation(world.hromada_a, Status.ANNOUNCED)
    with pytest.raises(ValidationError, match="не змінюють"):
        actions.save_consultation(
            consultation=consultation, subject=make_document(world.hromada_a), by=NOBODY
        )


def test_the_hromadas_rules_are_a_copy_of_the_default_and_leave_it_alone(world: World) -> None:
    default = ConsultationRules.objects.create(
        report_days=10, min_discussion_days=15, legal_basis="типове"
    )
    default.report_days = 7  # as the form edits the rules in force
    actions.save_rules(rules=default, hromada=world.hromada_a)
    assert ConsultationRules.objects.get(hromada=None).report_days == 10
    assert ConsultationRules.objects.get(hromada=world.hromada_a).report_days == 7
