from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from conftest import World
from turbota.accounts.enums import Role
from turbota.accounts.models import Membership, User


@pytest.fixture
def someone(db: None) -> User:
    return User.objects.create_user("someone", password="x-very-long-secret")


def test_hromada_staff_must_be_bound_to_a_hromada(world: World, someone: User) -> None:
    with pytest.raises(ValidationError, match="територіальна громада"):
        Membership(user=someone, role=Role.HROMADA_STAFF, territory=world.oblast_a).full_clean()
    Membership(user=someone, role=Role.HROMADA_STAFF, territory=world.hromada_a).full_clean()


def test_an_oblast_analyst_must_be_bound_to_an_oblast(world: World, someone: User) -> None:
    with pytest.raises(ValidationError, match="область"):
        Membership(user=someone, role=Role.OBLAST_ANALYST, territory=world.hromada_a).full_clean()


def test_provider_staff_must_be_bound_to_a_provider_not_a_territory(
    world: World, someone: User
) -> None:
    with pytest.raises(ValidationError, match="надавача"):
        Membership(user=someone, role=Role.PROVIDER_STAFF, territory=world.hromada_a).full_clean()
    Membership(user=someone, role=Role.PROVIDER_STAFF, provider=world.provider_a).full_clean()


def test_an_administrator_is_bound_to_nothing(world: World, someone: User) -> None:
    with pytest.raises(ValidationError):
        Membership(user=someone, role=Role.ADMIN, territory=world.hromada_a).full_clean()
    Membership(user=someone, role=Role.ADMIN).full_clean()
