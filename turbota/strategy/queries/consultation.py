"""The public consultation a strategy is under, for its pages: the notice and, while the
web form takes proposals, a link to it with the goal or measure chosen."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from turbota.consultations.actions import accepts_web_proposals
from turbota.consultations.models import Consultation
from turbota.consultations.queries import public_consultations_on
from turbota.strategy.consultation_subject import ITEM_PREFIX, item_key
from turbota.strategy.models import Node, Strategy


@dataclass(frozen=True)
class StrategyConsultation:
    consultation: Consultation
    takes_proposals: bool  # on the web form, today

    @property
    def propose_url(self) -> str:
        return reverse("consultations:propose", args=[self.consultation.pk])

    def propose_url_for(self, node: Node) -> str:
        return f"{self.propose_url}?item={item_key(node)}"

    @property
    def item_url_prefix(self) -> str:
        """``propose_url_for`` without the node's id, for the tree's hundred links."""
        return f"{self.propose_url}?item={ITEM_PREFIX}"


def consultation_on(strategy: Strategy) -> StrategyConsultation | None:
    """The latest consultation on the strategy announced (or later), if any."""
    consultation = public_consultations_on(strategy).first()
    if consultation is None:
        return None
    today = timezone.localdate()
    return StrategyConsultation(consultation, accepts_web_proposals(consultation, today=today))
