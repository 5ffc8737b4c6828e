"""Proposals: sent on the web form or registered by staff, moderated, recommended on by
the working group, decided by the hromada's staff — every step checked and logged."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from turbota.accounts.permissions import AnyUser
from turbota.consultations.actions.base import actor
from turbota.consultations.enums import Channel, ConsultationStatus, Decision, Moderation
from turbota.consultations.models import Consultation, Proposal, ProposalTransition
from turbota.consultations.queries import current_items

Step = ProposalTransition.Step
STAFF_CHANNELS = {Channel.EMAIL, Channel.POST, Channel.MEETING}
REASON_REQUIRED = {Decision.PARTLY, Decision.REJECTED}


def accepts_web_proposals(consultation: Consultation, *, today: datetime.date) -> bool:
    return (
        consultation.accepts_web
        and consultation.status == ConsultationStatus.OPEN
        and consultation.starts_on <= today <= consultation.ends_on
    )


def _item_label(consultation: Consultation, item_key: str) -> str:
    if not item_key:
        return ""
    labels = dict(current_items(consultation))
    if item_key not in labels:
        raise ValidationError("Такого пункту в документі немає.")
    return labels[item_key][:500]


def _log(proposal: Proposal, step: Step, old: str, new: str, reason: str, by: AnyUser) -> None:
    ProposalTransition.objects.create(
        proposal=proposal,
        step=step,
        from_value=old,
        to_value=new,
        reason=reason,
        by=actor(by),
    )


def submit_proposal(
    *,
    consultation: Consultation,
    text: str,
    contact: str,
    author_name: str = "",
    item_key: str = "",
    today: datetime.date | None = None,
) -> Proposal:
    """A proposal from the web form: waits for moderation, nothing of it is public yet."""
    today = today or timezone.localdate()
    if not accepts_web_proposals(consultation, today=today):
        raise ValidationError("Прийом пропозицій через сайт зараз не триває.")
    with transaction.atomic():
        return Proposal.objects.create(
            consultation=consultation,
            channel=Channel.WEB,
            received_on=today,
            author_name=author_name.strip(),
            contact=contact.strip(),
            item_key=item_key,
            item_label=_item_label(consultation, item_key),
            text=text.strip(),
        )


def register_proposal(
    *,
    consultation: Consultation,
    channel: Channel,
    received_on: datetime.date,
    text: str,
    contact: str,
    by: AnyUser,
    author_name: str = "",
    item_key: str = "",
) -> Proposal:
    """A proposal that came by e-mail, by post or at a meeting, entered by staff: taken into
    consideration at once (staff moderate as they enter it)."""
    if channel not in STAFF_CHANNELS:
        raise ValidationError("Працівник вносить пропозиції, що надійшли поштою чи на зустрічі.")
    if consultation.status not in {ConsultationStatus.OPEN, ConsultationStatus.CLOSED}:
        raise ValidationError("Пропозиції вносять, поки їх приймають, і до рішення.")
    if not consultation.starts_on <= received_on <= consultation.ends_on:
        raise ValidationError(
            f"Пропозиції приймалися з {consultation.starts_on:%d.%m.%Y} по "
            f"{consultation.ends_on:%d.%m.%Y}: ця надійшла поза строком."
        )
    with transaction.atomic():
        proposal = Proposal.objects.create(
            consultation=consultation,
            channel=channel,
            received_on=received_on,
            author_name=author_name.strip(),
            contact=contact.strip(),
            item_key=item_key,
            item_label=_item_label(consultation, item_key),
            text=text.strip(),
            moderation=Moderation.APPROVED,
            moderated_by=actor(by),
            registered_by=actor(by),
        )
        _log(proposal, Step.MODERATION, Moderation.PENDING, Moderation.APPROVED, "", by)
    return proposal


def _locked(proposal: Proposal) -> Proposal:
    Proposal.objects.select_for_update().filter(pk=proposal.pk).first()
    proposal.refresh_from_db()
    return proposal


def moderate(*, proposal: Proposal, approve: bool, note: str = "", by: AnyUser) -> Proposal:
    """Take a proposal into consideration (it becomes public, without its author) or reject
    it as spam, abuse or off the topic (a reason is required; it stays unpublished)."""
    if not approve and not note.strip():
        raise ValidationError("Зазначте, чому пропозицію відхилено.")
    with transaction.atomic():
        proposal = _locked(proposal)
        if proposal.moderation != Moderation.PENDING:
            raise ValidationError("Цю пропозицію вже перевірено.")
        if proposal.consultation.status not in {ConsultationStatus.OPEN, ConsultationStatus.CLOSED}:
            raise ValidationError("Після рішення за результатами пропозиції не модерують.")
        new = Moderation.APPROVED if approve else Moderation.REJECTED
        _log(proposal, Step.MODERATION, proposal.moderation, new, note.strip(), by)
        proposal.moderation, proposal.moderation_note = new, note.strip()[:300]
        proposal.moderated_by = actor(by)
        proposal.save(update_fields=["moderation", "moderation_note", "moderated_by"])
    return proposal


def _check_decidable(proposal: Proposal, decision: Decision, reason: str) -> None:
    if proposal.moderation != Moderation.APPROVED:
        raise ValidationError("Рішення ухвалюють щодо пропозицій, прийнятих до розгляду.")
    if proposal.consultation.status != ConsultationStatus.CLOSED:
        raise ValidationError(
            "Рішення щодо пропозицій ухвалюють після завершення прийому і до рішення за "
            "результатами обговорення."
        )
    if decision in REASON_REQUIRED and not reason.strip():
        raise ValidationError("Обґрунтуйте, чому пропозицію враховано частково або не враховано.")


def recommend(*, proposal: Proposal, decision: Decision, reason: str, by: AnyUser) -> Proposal:
    """The working group's recommendation; the hromada's staff take the decision."""
    with transaction.atomic():
        proposal = _locked(proposal)
        _check_decidable(proposal, decision, reason)
        _log(proposal, Step.RECOMMENDATION, proposal.recommended_decision, decision, reason, by)
        proposal.recommended_decision, proposal.recommended_reason = decision, reason.strip()
        proposal.recommended_by = actor(by)
        proposal.save(
            update_fields=["recommended_decision", "recommended_reason", "recommended_by"]
        )
    return proposal


def decide(*, proposal: Proposal, decision: Decision, reason: str, by: AnyUser) -> Proposal:
    """Accepted, partly accepted or rejected — with a reason unless accepted. May be changed
    until the decision on the results is recorded."""
    with transaction.atomic():
        proposal = _locked(proposal)
        _check_decidable(proposal, decision, reason)
        _log(proposal, Step.DECISION, proposal.decision, decision, reason, by)
        proposal.decision, proposal.decision_reason = decision, reason.strip()
        proposal.decided_by = actor(by)
        proposal.save(update_fields=["decision", "decision_reason", "decided_by"])
    return proposal
