"""A proposal from the public, its moderation, and the decision on it."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models

from turbota.consultations.enums import Channel, Decision, Moderation
from turbota.consultations.models.consultations import Consultation

PROPOSAL_MAX_LENGTH = 5000


class Proposal(models.Model):
    """What a resident proposes, tied to an item of the document when they chose one.

    The item is kept as its stable key and a snapshot of its label on the day the proposal
    came, so a renamed or deleted goal, measure or section never loses what it was about.
    The author's name and contact are personal data: only the hromada's staff read them,
    to reply; nothing of the author is ever published."""

    consultation = models.ForeignKey(
        Consultation,
        verbose_name="консультація",
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    channel = models.CharField("як надійшла", max_length=10, choices=Channel.choices)
    received_on = models.DateField("надійшла")
    author_name = models.CharField("ім'я або організація", max_length=200, blank=True)
    contact = models.CharField(
        "контакт для відповіді", max_length=200, help_text="електронна пошта, телефон або адреса"
    )
    item_key = models.CharField("пункт документа (ключ)", max_length=100, blank=True)
    item_label = models.CharField(
        "пункт документа",
        max_length=500,
        blank=True,
        help_text="як він називався в день пропозиції",
    )
    text = models.TextField("зміст пропозиції", max_length=PROPOSAL_MAX_LENGTH)
    moderation = models.CharField(
        "модерація", max_length=10, choices=Moderation.choices, default=Moderation.PENDING
    )
    moderation_note = models.CharField("причина відхилення", max_length=300, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="модератор",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recommended_decision = models.CharField(
        "рекомендація робочої групи", max_length=10, choices=Decision.choices, blank=True
    )
    recommended_reason = models.TextField("обґрунтування рекомендації", blank=True)
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="рекомендував",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision = models.CharField("рішення", max_length=10, choices=Decision.choices, blank=True)
    decision_reason = models.TextField("обґрунтування рішення", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="вирішив",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="вніс працівник",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="для пропозицій, що надійшли поштою, електронною поштою чи на обговоренні",
    )
    created_at = models.DateTimeField("внесено", auto_now_add=True)

    class Meta:
        verbose_name = "пропозиція"
        verbose_name_plural = "пропозиції"
        ordering = ["received_on", "pk"]
        indexes = [models.Index(fields=["consultation", "moderation"])]

    def __str__(self) -> str:
        return f"пропозиція № {self.pk}"

    def get_additional_data(self) -> dict[str, object]:
        return {"hromada_id": self.consultation.hromada_id}


class ProposalTransition(models.Model):
    """A moderation, recommendation or decision on a proposal: what it became, why, who."""

    class Step(models.TextChoices):
        MODERATION = "moderation", "модерація"
        RECOMMENDATION = "recommendation", "рекомендація робочої групи"
        DECISION = "decision", "рішення"

    proposal = models.ForeignKey(
        Proposal, verbose_name="пропозиція", on_delete=models.CASCADE, related_name="transitions"
    )
    step = models.CharField("крок", max_length=15, choices=Step.choices)
    from_value = models.CharField("було", max_length=10, blank=True)
    to_value = models.CharField("стало", max_length=10)
    reason = models.TextField("обґрунтування", blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="хто",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField("коли", auto_now_add=True)

    class Meta:
        verbose_name = "зміна пропозиції"
        verbose_name_plural = "зміни пропозицій"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_step_display()}: {self.from_value or '—'} → {self.to_value}"


# The audit trail is read more widely than the proposals' authors: name and contact masked.
auditlog.register(Proposal, mask_fields=["author_name", "contact"])
