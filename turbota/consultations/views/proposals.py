"""Staff and working-group pages on proposals: entering an e-mailed or posted one, the
moderation queue, the working group's recommendation and the staff's decision."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from turbota.consultations import actions, queries
from turbota.consultations.enums import Channel, Decision
from turbota.consultations.forms import DecisionForm, ModerationForm, StaffProposalForm
from turbota.consultations.models import Proposal
from turbota.consultations.permissions import (
    can_decide_proposal,
    can_manage_consultations,
    can_read_contacts,
    can_recommend_decision,
)
from turbota.consultations.views.base import consultation_or_404, proposal_or_404
from turbota.core.http import deny, posted


def proposal_add(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = consultation_or_404(pk)
    if not can_manage_consultations(request.user, consultation.hromada):
        return deny(request)
    form = StaffProposalForm(posted(request), items=queries.current_items(consultation))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.register_proposal(
                consultation=consultation,
                channel=Channel(data["channel"]),
                received_on=data["received_on"],
                text=data["text"],
                contact=data["contact"],
                author_name=data["author_name"],
                item_key=data["item"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Пропозицію внесено і прийнято до розгляду.")
            if "another" in request.POST:
                return redirect("consultations:proposal_add", pk=consultation.pk)
            return redirect("consultations:manage", pk=consultation.pk)
    return render(
        request,
        "consultations/proposal_form.html",
        {"nav": "consultations", "consultation": consultation, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def moderation(request: HttpRequest, pk: int) -> HttpResponse:
    """The queue of web proposals waiting for a moderator, with contacts (staff only)."""
    consultation = consultation_or_404(pk)
    if not can_read_contacts(request.user, consultation.hromada):
        return deny(request)
    return render(
        request,
        "consultations/moderation.html",
        {
            "nav": "consultations",
            "consultation": consultation,
            "pending": list(queries.pending_proposals(consultation)),
            "form": ModerationForm(),
        },
    )


@require_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_or_404(pk)
    if not can_manage_consultations(request.user, proposal.consultation.hromada):
        return deny(request)
    form = ModerationForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        actions.moderate(
            proposal=proposal,
            approve=request.POST.get("approve") == "1",
            note=note,
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, f"Пропозиція № {proposal.pk}: " + " ".join(error.messages))
    else:
        messages.success(
            request, f"Пропозиція № {proposal.pk}: {proposal.get_moderation_display()}."
        )
    return redirect("consultations:moderation", pk=proposal.consultation_id)


def _decision_page(request: HttpRequest, proposal: Proposal, *, recommending: bool) -> HttpResponse:
    initial = (
        {"decision": proposal.recommended_decision, "reason": proposal.recommended_reason}
        if recommending or not proposal.decision
        else {"decision": proposal.decision, "reason": proposal.decision_reason}
    )
    form = DecisionForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        write = actions.recommend if recommending else actions.decide
        try:
            write(
                proposal=proposal,
                decision=Decision(form.cleaned_data["decision"]),
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Пропозиція № {proposal.pk}: збережено.")
            return redirect("consultations:manage", pk=proposal.consultation_id)
    return render(
        request,
        "consultations/decision_form.html",
        {
            "nav": "consultations",
            "consultation": proposal.consultation,
            "proposal": proposal,
            "form": form,
            "recommending": recommending,
            "show_contact": can_read_contacts(request.user, proposal.consultation.hromada),
        },
        status=400 if request.method == "POST" else 200,
    )


def decide(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_or_404(pk)
    if not can_decide_proposal(request.user, proposal):
        return deny(request)
    return _decision_page(request, proposal, recommending=False)


def recommend(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_or_404(pk)
    if not can_recommend_decision(request.user, proposal):
        return deny(request)
    return _decision_page(request, proposal, recommending=True)
