"""What every action of the app shares."""

from __future__ import annotations

from turbota.accounts.models import User
from turbota.accounts.permissions import AnyUser


def actor(by: AnyUser) -> User | None:
    """The user to record as having done something; None for an anonymous visitor or a
    command."""
    return by if isinstance(by, User) and by.is_authenticated else None
