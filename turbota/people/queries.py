"""Reads about people: who may list whom, a person's card, the access log, and the
assessment deadline of applications."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from turbota.accounts.permissions import AnyUser, provider_ids, staff_hromada_ids
from turbota.core.text import normalize_text, ukrainian_sort_key
from turbota.people.enums import Decision
from turbota.people.models import (
    Application,
    CircumstanceFactor,
    GroupMembership,
    Person,
    PersonAccess,
    PersonIdentity,
    PersonQuerySet,
    ServiceEpisode,
)
from turbota.people.permissions import serving_condition

# Art. 20 of the law: a needs assessment within 5 working days of the application.
ASSESSMENT_WORKING_DAYS = 5


def people_visible_to(user: AnyUser) -> PersonQuerySet:
    """The people of the hromadas where the user is staff, and those their provider serves.
    The same rule as ``permissions.can_view_person``, as a query."""
    hromadas = staff_hromada_ids(user)
    providers = provider_ids(user)
    if not hromadas and not providers:
        return Person.objects.none()
    scope = Q(hromada_id__in=hromadas)
    if providers:
        scope |= Q(pk__in=Person.objects.filter(serving_condition(providers)).values("pk"))
    return Person.objects.filter(scope)


def search_people(people: PersonQuerySet, text: str) -> PersonQuerySet:
    """By the start of the РНОКПП, or by every word of the name (any case, any apostrophe)."""
    text = normalize_text(text)
    if not text:
        return people
    if text.isdigit():
        return people.filter(identity__rnokpp__startswith=text)
    condition = Q()
    for word in text.split(" "):
        condition &= Q(identity__name_key__contains=ukrainian_sort_key(word))
    return people.filter(condition)


def person_rows(people: PersonQuerySet) -> QuerySet[Person]:
    """What a row of the people list shows, in alphabetical order of names.

    Every person has an identity (they are written together); saying so makes the join an
    inner one, so PostgreSQL walks the name index instead of sorting the whole register."""
    return (
        people.filter(identity__isnull=False)
        .select_related("identity", "settlement")
        .order_by("identity__name_key", "pk")
    )


@dataclass(frozen=True)
class PersonCard:
    person: Person
    identity: PersonIdentity | None
    groups: list[GroupMembership]
    factors: list[CircumstanceFactor]
    episodes: list[ServiceEpisode]
    applications: list[Application]
    household: list[Person]


def person_card(person: Person) -> PersonCard:
    """Everything a person's page shows, in a fixed number of queries."""
    household = list(
        Person.objects.filter(household_id=person.household_id)
        .exclude(pk=person.pk)
        .select_related("identity")
        .order_by("identity__name_key")
        if person.household_id
        else Person.objects.none()
    )
    return PersonCard(
        person=person,
        identity=PersonIdentity.objects.filter(person=person).first(),
        groups=list(person.groups.select_related("group").order_by("group__position")),
        factors=list(person.factors.select_related("factor").order_by("factor__position")),
        episodes=list(
            person.episodes.select_related("service", "provider", "settlement").order_by(
                "-start_date", "pk"
            )
        ),
        applications=list(
            person.applications.select_related("service", "provider").order_by("-applied_on")
        ),
        household=household,
    )


def access_entries(person: Person) -> QuerySet[PersonAccess]:
    return PersonAccess.objects.filter(person=person).order_by("-at", "-pk")


def add_working_days(day: datetime.date, days: int) -> datetime.date:
    """``days`` working days (Monday to Friday) after ``day``. Public holidays are not
    counted out: under martial law they are not days off; revisit when that ends."""
    while days > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def assessment_deadline(application: Application) -> datetime.date:
    return add_working_days(application.applied_on, ASSESSMENT_WORKING_DAYS)


def is_assessment_late(application: Application, today: datetime.date) -> bool:
    """Assessed after the deadline, or still not assessed once it has passed."""
    deadline = assessment_deadline(application)
    if application.assessed_on is not None:
        return application.assessed_on > deadline
    return application.decision != Decision.REFUSED and today > deadline
