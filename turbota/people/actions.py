"""Writes about people. Every save goes through the model (so django-auditlog records it,
identifiers masked); opening a record is written to the access log here, not in views, so
a page, an export and the API log it the same way."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from turbota.accounts.permissions import AnyUser, roles
from turbota.catalog.models import Service
from turbota.people.enums import AccessAction
from turbota.people.models import (
    Application,
    GroupMembership,
    Person,
    PersonAccess,
    PersonIdentity,
    ServiceEpisode,
)
from turbota.providers.models import ProvidedService, Provider


def record_access(*, person: Person, user: AnyUser, action: AccessAction, via: str) -> None:
    """Log that ``user`` opened (changed, exported) the record of ``person``."""
    PersonAccess.objects.create(
        person=person,
        user=user if user.is_authenticated else None,
        username=user.get_username() if user.is_authenticated else "",
        role=", ".join(sorted(roles(user))),
        action=action,
        via=via[:200],
    )


def save_person(
    *, person: Person, identity: PersonIdentity, group_ids: list[int], user: AnyUser, via: str
) -> Person:
    """Create or update a person with their identity and vulnerable groups, all or nothing."""
    with transaction.atomic():
        person.full_clean()
        person.save()
        identity.person = person
        identity.full_clean()
        identity.save()
        _set_groups(person, group_ids)
        record_access(person=person, user=user, action=AccessAction.CHANGED, via=via)
    return person


def _set_groups(person: Person, group_ids: list[int]) -> None:
    wanted = set(group_ids)
    current = {m.group_id: m for m in GroupMembership.objects.filter(person=person)}
    for group_id, membership in current.items():
        if group_id not in wanted:
            membership.delete()  # one by one, so that the audit log records each
    for group_id in wanted - set(current):
        GroupMembership.objects.create(person=person, group_id=group_id)


def provider_offers(provider: Provider, service: Service) -> bool:
    return ProvidedService.objects.filter(provider=provider, service=service).exists()


def check_episode(episode: ServiceEpisode) -> None:
    """The rules an episode keeps besides its own fields: the provider offers the service
    and belongs to the person's hromada, the settlement too."""
    episode.full_clean()
    person = episode.person
    if not provider_offers(episode.provider, episode.service):
        raise ValidationError(
            {"service": f"Надавач «{episode.provider}» не надає послугу {episode.service.code}."}
        )
    if episode.settlement.hromada_id != person.hromada_id:
        raise ValidationError({"settlement": "Населений пункт має належати до громади особи."})


def save_episode(*, episode: ServiceEpisode, user: AnyUser, via: str) -> ServiceEpisode:
    with transaction.atomic():
        check_episode(episode)
        episode.save()
        record_access(person=episode.person, user=user, action=AccessAction.CHANGED, via=via)
    return episode


def save_application(*, application: Application, user: AnyUser, via: str) -> Application:
    with transaction.atomic():
        application.full_clean()
        application.save()
        record_access(person=application.person, user=user, action=AccessAction.CHANGED, via=via)
    return application
