"""Public consultations (консультації з громадськістю): the consultation and its meetings,
the proposals and the decision on each, the documents uploaded to consult on."""

from turbota.consultations.models.consultations import (
    Consultation,
    ConsultationQuerySet,
    ConsultationRules,
    ConsultationTransition,
    Meeting,
    MeetingRegistration,
)
from turbota.consultations.models.documents import ConsultationDocument, DocumentSection
from turbota.consultations.models.proposals import Proposal, ProposalTransition

__all__ = [
    "Consultation",
    "ConsultationDocument",
    "ConsultationQuerySet",
    "ConsultationRules",
    "ConsultationTransition",
    "DocumentSection",
    "Meeting",
    "MeetingRegistration",
    "Proposal",
    "ProposalTransition",
]
