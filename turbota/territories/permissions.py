"""Access to a hromada's community profile (aggregate figures, no personal data)."""

from __future__ import annotations

from turbota.accounts.permissions import (
    AnyUser,
    analyst_oblast_ids,
    is_admin,
    staff_hromada_ids,
    working_group_hromada_ids,
)
from turbota.core.perms import register
from turbota.territories.models import HromadaProfile, Territory


def is_published(hromada: Territory) -> bool:
    return HromadaProfile.objects.filter(hromada=hromada, is_published=True).exists()


def can_view_full_profile(user: AnyUser, hromada: Territory) -> bool:
    """Exact figures: administrators; staff and working group of the hromada; analysts of
    its oblast. Provider staff see their provider, not the hromada's statistics."""
    return (
        is_admin(user)
        or hromada.pk in staff_hromada_ids(user)
        or hromada.pk in working_group_hromada_ids(user)
        or hromada.oblast_id in analyst_oblast_ids(user)
    )


def can_view_profile(user: AnyUser, hromada: Territory) -> bool:
    """Anyone may read a published profile (with small counts hidden); otherwise as
    ``can_view_full_profile``."""
    return can_view_full_profile(user, hromada) or is_published(hromada)


def can_edit_profile(user: AnyUser, hromada: Territory) -> bool:
    """Administrators and the hromada's own social-protection staff."""
    return is_admin(user) or hromada.pk in staff_hromada_ids(user)


register("territories.view_profile", can_view_profile)
register("territories.view_full_profile", can_view_full_profile)
register("territories.edit_profile", can_edit_profile)
