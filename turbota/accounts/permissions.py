"""Who a user is in Turbota: their roles and the territories and providers they cover.

Every app's ``permissions.py`` builds its object rules from these facts. The memberships
are read once per request and kept on the user object.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from turbota.accounts.enums import Role
from turbota.accounts.models import Membership, User

AnyUser = User | AnonymousUser
_CACHE = "_turbota_memberships"


def memberships(user: AnyUser) -> list[Membership]:
    if not user.is_authenticated or not user.is_active:
        return []
    cached: list[Membership] | None = getattr(user, _CACHE, None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("territory"))
        setattr(user, _CACHE, cached)
    return cached


def forget_memberships(user: AnyUser) -> None:
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)


def is_admin(user: AnyUser) -> bool:
    """A system administrator: a superuser or a user with the administrator role."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_superuser) or any(m.role == Role.ADMIN for m in memberships(user))


def territory_ids(user: AnyUser, *roles: Role) -> set[int]:
    return {
        m.territory_id for m in memberships(user) if m.role in roles and m.territory_id is not None
    }


def provider_ids(user: AnyUser) -> set[int]:
    return {
        m.provider_id
        for m in memberships(user)
        if m.role == Role.PROVIDER_STAFF and m.provider_id is not None
    }


def staff_hromada_ids(user: AnyUser) -> set[int]:
    """Hromadas whose social-protection staff the user is."""
    return territory_ids(user, Role.HROMADA_STAFF)


def working_group_hromada_ids(user: AnyUser) -> set[int]:
    return territory_ids(user, Role.WORKING_GROUP)


def analyst_oblast_ids(user: AnyUser) -> set[int]:
    return territory_ids(user, Role.OBLAST_ANALYST)


def roles(user: AnyUser) -> set[str]:
    found = {m.role for m in memberships(user)}
    if is_admin(user):
        found.add(Role.ADMIN)
    return found
