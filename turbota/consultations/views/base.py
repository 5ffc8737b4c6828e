"""What the consultation pages share: finding the objects a URL names."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from turbota.consultations.models import Consultation, Meeting, Proposal
from turbota.territories.models import Territory


def consultation_or_404(pk: int) -> Consultation:
    return get_object_or_404(
        Consultation.objects.select_related("hromada", "hromada__oblast", "subject_type"), pk=pk
    )


def meeting_or_404(pk: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("consultation", "consultation__hromada"), pk=pk
    )


def proposal_or_404(pk: int) -> Proposal:
    return get_object_or_404(
        Proposal.objects.select_related("consultation", "consultation__hromada"), pk=pk
    )


def hromada_or_404(code: str) -> Territory:
    return get_object_or_404(Territory.objects.hromadas(), code=code)
