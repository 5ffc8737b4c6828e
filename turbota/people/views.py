"""Pages of the people register: scoped person → permission → form → action → page.
Opening a record is logged by ``actions.record_access``; a refusal never says whether the
person exists."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import ModelForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import urlencode

from turbota.accounts.permissions import staff_hromada_ids
from turbota.core.http import posted
from turbota.people import actions, queries
from turbota.people.enums import AccessAction
from turbota.people.forms import ApplicationForm, EpisodeForm, IdentityForm, PersonForm
from turbota.people.models import Application, Person, PersonIdentity, ServiceEpisode
from turbota.people.permissions import (
    can_edit_person,
    can_list_people,
    can_manage_people,
    can_view_access_log,
    can_view_person,
)
from turbota.territories.models import Territory

PER_PAGE = 50


def _cursor(request: HttpRequest) -> queries.Cursor | None:
    """The page asked for by ``?after=<pseudonym>&at=<position>`` (or ``before=``; or
    ``from_end=<position>`` instead of ``at=``, counted from the end); None for the first
    page, and for anything malformed."""
    from_end = "from_end" in request.GET
    for name, after in (("after", True), ("before", False)):
        if name in request.GET:
            try:
                pseudonym = uuid.UUID(request.GET[name])
                position = int(request.GET.get("from_end" if from_end else "at", ""))
            except ValueError:
                return None
            return queries.Cursor(pseudonym, position, after=after, from_end=from_end)
    return None


def _person(request: HttpRequest, pseudonym: uuid.UUID, check: Any) -> Person:
    """The person, if the user may: otherwise 404, so a refusal tells nothing."""
    person = (
        Person.objects.select_related("hromada", "settlement", "household")
        .filter(pseudonym=pseudonym)
        .first()
    )
    if person is None or not check(request.user, person):
        raise Http404
    return person


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    if not can_list_people(request.user):
        raise PermissionDenied
    text = request.GET.get("q", "")
    visible = queries.people_visible_to(request.user)
    people = queries.person_rows(queries.search_people(visible, text))
    cursor, last = _cursor(request), "last" in request.GET
    carried = request.GET.get("of", "")
    more = False
    if (cursor or last) and carried.isdigit():  # the count of the page the link came from
        count = int(carried)
    elif text:  # up to a limit, the last page too: a common name would match half the register
        count = people[: queries.COUNT_LIMIT + 1].count()
        more = count > queries.COUNT_LIMIT
        count = min(count, queries.COUNT_LIMIT)
    else:  # without a search, counted on the people table alone: the same number
        count = visible.count()
    page = queries.register_page(people, count=count, more=more, cursor=cursor, last=last)
    manageable = Territory.objects.hromadas().filter(pk__in=staff_hromada_ids(request.user))
    return render(
        request,
        "people/list.html",
        {
            "nav": "people",
            "page": page,
            "q": text,
            "query": urlencode({"q": text}) if text else "",
            "hromadas": manageable.order_by("sort_key"),
        },
    )


@login_required
def person_detail(request: HttpRequest, pseudonym: uuid.UUID) -> HttpResponse:
    person = _person(request, pseudonym, can_view_person)
    actions.record_access(
        person=person, user=request.user, action=AccessAction.VIEWED, via=request.path
    )
    card = queries.person_card(person)
    household = []
    for member in card.household:
        named = can_view_person(request.user, member)
        if named:  # their name is shown here: an opening of their record too
            actions.record_access(
                person=member, user=request.user, action=AccessAction.VIEWED, via=request.path
            )
        household.append((member, named))
    today = timezone.localdate()
    applications = queries.deadlines_of(card.applications, today=today)
    return render(
        request,
        "people/detail.html",
        {
            "nav": "people",
            "person": person,
            "card": card,
            "applications": applications,
            "household": household,
            "can_edit": can_edit_person(request.user, person),
        },
    )


@login_required
def access_log(request: HttpRequest, pseudonym: uuid.UUID) -> HttpResponse:
    person = _person(request, pseudonym, can_view_access_log)
    page = Paginator(queries.access_entries(person), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "people/access_log.html", {"nav": "people", "person": person, "page": page}
    )


def _person_forms(
    request: HttpRequest, person: Person, identity: PersonIdentity
) -> tuple[PersonForm, IdentityForm]:
    data = posted(request)
    return (
        PersonForm(data, instance=person, hromada=person.hromada, prefix="person"),
        IdentityForm(data, instance=identity, prefix="identity"),
    )


def _save_person(
    request: HttpRequest, person: Person, identity: PersonIdentity
) -> HttpResponse | None:
    """Save both forms if valid; None to show them again (with errors)."""
    person_form, identity_form = _person_forms(request, person, identity)
    if request.method != "POST" or not (person_form.is_valid() and identity_form.is_valid()):
        return None
    saved = person_form.save(commit=False)
    saved.birth_year = identity_form.cleaned_data["birth_date"].year
    try:
        actions.save_person(
            person=saved,
            identity=identity_form.save(commit=False),
            group_ids=[g.pk for g in person_form.cleaned_data["groups"]],
            user=request.user,
            via=request.path,
        )
    except ValidationError as error:
        identity_form.add_error(None, error)
        return None
    messages.success(request, "Дані про особу збережено.")
    return redirect("people:detail", pseudonym=saved.pseudonym)


def _person_form_page(
    request: HttpRequest, person: Person, identity: PersonIdentity
) -> HttpResponse:
    person_form, identity_form = _person_forms(request, person, identity)
    if request.method == "POST":  # show the errors of the posted data
        person_form.is_valid()
        identity_form.is_valid()
    return render(
        request,
        "people/form.html",
        {
            "nav": "people",
            "person": person,
            "person_form": person_form,
            "identity_form": identity_form,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def person_create(request: HttpRequest, code: str) -> HttpResponse:
    hromada = get_object_or_404(Territory.objects.hromadas(), code=code)
    if not can_manage_people(request.user, hromada):
        raise PermissionDenied
    person, identity = Person(hromada=hromada), PersonIdentity()
    return _save_person(request, person, identity) or _person_form_page(request, person, identity)


@login_required
def person_edit(request: HttpRequest, pseudonym: uuid.UUID) -> HttpResponse:
    person = _person(request, pseudonym, can_edit_person)
    identity = PersonIdentity.objects.filter(person=person).first() or PersonIdentity()
    if request.method != "POST":  # the form shows the identity: an opening of the record
        actions.record_access(
            person=person, user=request.user, action=AccessAction.VIEWED, via=request.path
        )
    return _save_person(request, person, identity) or _person_form_page(request, person, identity)


@login_required
def episode_create(request: HttpRequest, pseudonym: uuid.UUID) -> HttpResponse:
    person = _person(request, pseudonym, can_edit_person)
    form = EpisodeForm(
        posted(request),
        instance=ServiceEpisode(person=person, settlement=person.settlement),
        hromada=person.hromada,
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_episode(episode=form.instance, user=request.user, via=request.path)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Послугу додано.")
            return redirect("people:detail", pseudonym=person.pseudonym)
    return _part_page(request, person, form, "Нова послуга для особи")


@login_required
def application_create(request: HttpRequest, pseudonym: uuid.UUID) -> HttpResponse:
    person = _person(request, pseudonym, can_edit_person)
    form = ApplicationForm(
        posted(request),
        instance=Application(person=person, applied_on=timezone.localdate()),
        hromada=person.hromada,
    )
    if request.method == "POST" and form.is_valid():
        actions.save_application(application=form.instance, user=request.user, via=request.path)
        messages.success(request, "Звернення зареєстровано.")
        return redirect("people:detail", pseudonym=person.pseudonym)
    return _part_page(request, person, form, "Нове звернення")


def _part_page(
    request: HttpRequest, person: Person, form: ModelForm[Any], title: str
) -> HttpResponse:
    return render(
        request,
        "people/part_form.html",
        {"nav": "people", "person": person, "form": form, "title": title},
        status=400 if request.method == "POST" else 200,
    )
