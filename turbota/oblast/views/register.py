"""The unmet-demand register and the oblast's regional planning notes."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from turbota.core.http import posted
from turbota.oblast import queries
from turbota.oblast.forms import PlanningNoteForm, RegisterForm
from turbota.oblast.models import PlanningNote
from turbota.oblast.permissions import can_manage_oblast, can_view_oblast
from turbota.oblast.views.scoping import oblast_or_404, refusal, year_of


def register(request: HttpRequest, code: str) -> HttpResponse:
    oblast = oblast_or_404(code)
    if denied := refusal(request, can_view_oblast(request.user, oblast)):
        return denied
    form = RegisterForm(request.GET or None, oblast=oblast)
    data = form.cleaned_data if form.is_valid() else {}
    found = queries.unmet_register(
        oblast=oblast,
        year=year_of(oblast, data.get("year")),
        raion=data.get("raion"),
        service=data.get("service"),
    )
    return render(
        request,
        "oblast/register.html",
        {
            "nav": "oblast",
            "section": "register",
            "current": "Незадоволений попит",
            "oblast": oblast,
            "form": form,
            "register": found,
            "can_manage": can_manage_oblast(request.user, oblast),
        },
    )


def note_edit(request: HttpRequest, code: str, pk: int | None = None) -> HttpResponse:
    """A new planning note (no ``pk``) or an existing one of the oblast."""
    oblast = oblast_or_404(code)
    if denied := refusal(request, can_manage_oblast(request.user, oblast)):
        return denied
    note = get_object_or_404(PlanningNote, pk=pk, oblast=oblast) if pk else None
    form = PlanningNoteForm(posted(request), instance=note, oblast=oblast)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save(commit=False)
            if note is None:
                saved.created_by = request.user
            saved.save()
        messages.success(request, "Нотатку регіонального планування збережено.")
        return redirect("oblast:register", code=oblast.code)
    return render(
        request,
        "oblast/note_form.html",
        {
            "nav": "oblast",
            "section": "register",
            "current": "Нотатка планування",
            "oblast": oblast,
            "form": form,
            "note": note,
        },
        status=400 if request.method == "POST" else 200,
    )


def note_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """Asks to confirm, then deletes on POST."""
    oblast = oblast_or_404(code)
    if denied := refusal(request, can_manage_oblast(request.user, oblast)):
        return denied
    note = get_object_or_404(PlanningNote.objects.select_related("service"), pk=pk, oblast=oblast)
    if request.method == "POST":
        note.delete()
        messages.success(request, "Нотатку видалено.")
        return redirect("oblast:register", code=oblast.code)
    return render(
        request,
        "oblast/confirm_delete.html",
        {
            "nav": "oblast",
            "section": "register",
            "current": "Видалити нотатку",
            "oblast": oblast,
            "question": "Видалити нотатку планування?",
            "details": f"{note.service}: {note.what}",
            "back_url": reverse("oblast:register", kwargs={"code": oblast.code}),
        },
    )
