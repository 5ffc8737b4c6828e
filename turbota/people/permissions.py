"""Access to people's records: the most guarded data in Turbota.

A person's record (identity, groups, services) is opened only by the social-protection staff
of the person's hromada and by the staff of a provider now serving the person. Nobody else —
not the working group, not oblast analysts, not system administrators — opens it: they work
with counts, which carry no identity. Every opening is logged (``actions.record_access``).
"""

from __future__ import annotations

from django.db.models import Q

from turbota.accounts.permissions import AnyUser, provider_ids, staff_hromada_ids
from turbota.core.perms import register
from turbota.people.enums import Decision, EpisodeStatus
from turbota.people.models import Person
from turbota.territories.models import Territory

OPEN_DECISIONS = (Decision.PENDING, Decision.WAITING_LIST)


def serving_condition(providers: set[int]) -> Q:
    """People with an active episode at one of ``providers`` or an open application to one."""
    return Q(
        episodes__provider_id__in=providers,
        episodes__status__in=(EpisodeStatus.ACTIVE, EpisodeStatus.SUSPENDED),
    ) | Q(applications__provider_id__in=providers, applications__decision__in=OPEN_DECISIONS)


def is_served_by_users_provider(user: AnyUser, person: Person) -> bool:
    providers = provider_ids(user)
    if not providers:
        return False
    return Person.objects.filter(serving_condition(providers), pk=person.pk).exists()


def can_view_person(user: AnyUser, person: Person) -> bool:
    """The hromada's staff, and staff of a provider now serving the person."""
    return person.hromada_id in staff_hromada_ids(user) or is_served_by_users_provider(user, person)


def can_edit_person(user: AnyUser, person: Person) -> bool:
    """Identity, groups, episodes and applications: the hromada's staff."""
    return person.hromada_id in staff_hromada_ids(user)


def can_view_access_log(user: AnyUser, person: Person) -> bool:
    """Who opened the record: whoever may open it (and so tell the person on request)."""
    return can_view_person(user, person)


def can_manage_people(user: AnyUser, hromada: Territory) -> bool:
    """Adding people to a hromada's register: its staff."""
    return hromada.pk in staff_hromada_ids(user)


register("people.view_person", can_view_person)
register("people.edit_person", can_edit_person)
register("people.view_access_log", can_view_access_log)
register("people.manage_people", can_manage_people)


def can_list_people(user: AnyUser) -> bool:
    """The people list: hromada staff (their hromada) and provider staff (whom they serve)."""
    return bool(staff_hromada_ids(user) or provider_ids(user))
