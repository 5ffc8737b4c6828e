"""Who does what with consultations.

- The public reads everything announced: the announcement, the document, the meetings
  (with the number registered), the proposals taken into consideration — never who sent
  them — and, once published, the report with the decision on every proposal.
- The hromada's social-protection staff run their hromada's consultations: prepare and
  announce them, register e-mailed and posted proposals and meeting participants,
  moderate, decide, publish the report. They alone read names and contacts (to reply).
- The hromada's working group reads all of it except names and contacts, drafts
  included, and recommends a decision on each proposal; the staff take the decision.
- Administrators read what the working group reads (no names or contacts) and every
  oblast's aggregates.
- Oblast analysts read the aggregates of their oblast's hromadas: counts of consultations,
  proposals and decisions, reports overdue. Everything else they read as the public does.
"""

from __future__ import annotations

from turbota.accounts.permissions import (
    AnyUser,
    analyst_oblast_ids,
    is_admin,
    staff_hromada_ids,
    working_group_hromada_ids,
)
from turbota.consultations.enums import ConsultationStatus
from turbota.consultations.models import Consultation, ConsultationDocument, Proposal
from turbota.core.perms import register
from turbota.territories.models import Territory

REPORT_READY = {ConsultationStatus.CLOSED, ConsultationStatus.DECIDED}


def can_read_consultations(user: AnyUser, hromada: Territory) -> bool:
    """The hromada's working pages (drafts, the proposals queue without contacts)."""
    return (
        is_admin(user)
        or hromada.pk in staff_hromada_ids(user)
        or hromada.pk in working_group_hromada_ids(user)
    )


def can_manage_consultations(user: AnyUser, hromada: Territory) -> bool:
    return hromada.pk in staff_hromada_ids(user)


def can_read_contacts(user: AnyUser, hromada: Territory) -> bool:
    """Names and contacts of proposers and registered participants: the staff only."""
    return hromada.pk in staff_hromada_ids(user)


def can_view_consultation(user: AnyUser, consultation: Consultation) -> bool:
    return consultation.is_public or can_read_consultations(user, consultation.hromada)


def can_view_report(user: AnyUser, consultation: Consultation) -> bool:
    """Published, for everyone; before that, a preview for the hromada's readers once the
    proposals are closed."""
    if consultation.status == ConsultationStatus.REPORT_PUBLISHED:
        return True
    return consultation.status in REPORT_READY and can_read_consultations(
        user, consultation.hromada
    )


def can_view_document(user: AnyUser, document: ConsultationDocument) -> bool:
    """An uploaded document is public once a consultation on it is announced."""
    if can_read_consultations(user, document.hromada):
        return True
    return (
        Consultation.objects.public()
        .filter(
            subject_type__app_label="consultations",
            subject_type__model="consultationdocument",
            subject_id=document.pk,
        )
        .exists()
    )


def can_recommend_decisions(user: AnyUser, consultation: Consultation) -> bool:
    """The working group recommends, while proposals are being decided on."""
    return consultation.status == ConsultationStatus.CLOSED and (
        consultation.hromada_id in working_group_hromada_ids(user)
    )


def can_decide_proposals(user: AnyUser, consultation: Consultation) -> bool:
    """The staff decide, after the proposals close and before the decision on results."""
    return consultation.status == ConsultationStatus.CLOSED and can_manage_consultations(
        user, consultation.hromada
    )


def can_recommend_decision(user: AnyUser, proposal: Proposal) -> bool:
    return can_recommend_decisions(user, proposal.consultation)


def can_decide_proposal(user: AnyUser, proposal: Proposal) -> bool:
    return can_decide_proposals(user, proposal.consultation)


def can_view_oblast_summary(user: AnyUser, oblast: Territory) -> bool:
    return is_admin(user) or oblast.pk in analyst_oblast_ids(user)


register("consultations.view_consultation", can_view_consultation)
register("consultations.view_report", can_view_report)
register("consultations.recommend_decision", can_recommend_decision)
register("consultations.decide_proposal", can_decide_proposal)
