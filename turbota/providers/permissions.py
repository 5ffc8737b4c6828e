"""Access to the provider registry (institutions, not people)."""

from __future__ import annotations

from turbota.accounts.permissions import (
    AnyUser,
    analyst_oblast_ids,
    is_admin,
    provider_ids,
    staff_hromada_ids,
    working_group_hromada_ids,
)
from turbota.core.perms import register
from turbota.providers.models import Provider
from turbota.territories.models import Territory
from turbota.territories.permissions import is_published


def can_view_hromada_providers(user: AnyUser, hromada: Territory) -> bool:
    """The whole registry of a hromada: whoever may see its full profile, and everyone once
    the hromada's profile is published. Provider staff see only their own entry (see
    ``can_view_provider`` and ``can_open_hromada_registry``)."""
    return (
        is_admin(user)
        or hromada.pk in staff_hromada_ids(user)
        or hromada.pk in working_group_hromada_ids(user)
        or hromada.oblast_id in analyst_oblast_ids(user)
        or is_published(hromada)
    )


def can_open_hromada_registry(user: AnyUser, hromada: Territory) -> bool:
    """The registry page of a hromada: whoever sees the whole registry, and the staff of one
    of its providers, who find only their own entry there."""
    return can_view_hromada_providers(user, hromada) or (
        bool(provider_ids(user))
        and Provider.objects.filter(pk__in=provider_ids(user), hromada=hromada).exists()
    )


def can_view_provider(user: AnyUser, provider: Provider) -> bool:
    """A provider's card: as the hromada's registry, plus the provider's own staff."""
    return provider.pk in provider_ids(user) or can_view_hromada_providers(user, provider.hromada)


def can_manage_providers(user: AnyUser, hromada: Territory) -> bool:
    """Adding, importing and removing providers: administrators and the hromada's staff."""
    return is_admin(user) or hromada.pk in staff_hromada_ids(user)


def can_edit_provider(user: AnyUser, provider: Provider) -> bool:
    """Editing a provider's card: the hromada's staff and the provider's own staff."""
    return can_manage_providers(user, provider.hromada) or provider.pk in provider_ids(user)


def can_view_provider_identifiers(user: AnyUser, provider: Provider) -> bool:
    """A РНОКПП (a natural person's, or any 10-digit code, the founder's included) is
    personal data: only those who may edit the card see it."""
    personal = provider.has_personal_code or provider.has_personal_parent_code
    return not personal or can_edit_provider(user, provider)


register("providers.view_provider", can_view_provider)
register("providers.edit_provider", can_edit_provider)
register("providers.manage_providers", can_manage_providers)
register("providers.view_hromada_providers", can_view_hromada_providers)
register("providers.open_hromada_registry", can_open_hromada_registry)
register("providers.view_provider_identifiers", can_view_provider_identifiers)
