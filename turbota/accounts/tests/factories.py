from __future__ import annotations

from turbota.accounts.enums import Role
from turbota.accounts.models import Membership, User
from turbota.providers.models import Provider
from turbota.territories.models import Territory

PASSWORD = "correct-horse-battery-staple"


def make_user(
    username: str,
    role: Role | None = None,
    territory: Territory | None = None,
    provider: Provider | None = None,
    **fields: object,
) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, **fields)  # type: ignore[arg-type]
    if role is not None:
        Membership.objects.create(user=user, role=role, territory=territory, provider=provider)
    return user
