from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from conftest import World
from turbota.accounts.enums import Role
from turbota.accounts.models import Membership, User
from turbota.accounts.permissions import (
    analyst_oblast_ids,
    is_admin,
    provider_ids,
    roles,
    staff_hromada_ids,
    working_group_hromada_ids,
)


def user(world: World, role: str) -> User:
    found = world.users[role]
    assert found is not None
    return found


def test_hromada_staff_cover_exactly_their_hromada(world: World) -> None:
    assert staff_hromada_ids(user(world, "hromada_staff")) == {world.hromada_a.pk}
    assert staff_hromada_ids(user(world, "working_group")) == set()


def test_working_group_members_are_not_hromada_staff(world: World) -> None:
    member = user(world, "working_group")
    assert working_group_hromada_ids(member) == {world.hromada_a.pk}
    assert not is_admin(member)


def test_an_analyst_covers_their_oblast_only(world: World) -> None:
    assert analyst_oblast_ids(user(world, "oblast_analyst")) == {world.oblast_a.pk}
    assert analyst_oblast_ids(user(world, "other_oblast_analyst")) == {world.oblast_b.pk}


def test_provider_staff_cover_their_provider_only(world: World) -> None:
    assert provider_ids(user(world, "provider_staff")) == {world.provider_a.pk}
    assert staff_hromada_ids(user(world, "provider_staff")) == set()


def test_superusers_and_the_admin_role_are_administrators(world: World) -> None:
    assert is_admin(user(world, "admin"))
    root = User.objects.create_superuser("root", password="x-very-long-secret")
    assert is_admin(root)
    assert not is_admin(user(world, "hromada_staff"))


def test_a_deactivated_user_has_no_roles(world: World) -> None:
    staff = user(world, "hromada_staff")
    staff.is_active = False
    staff.save()
    fresh = User.objects.get(pk=staff.pk)
    assert roles(fresh) == set()
    assert staff_hromada_ids(fresh) == set()


def test_the_public_has_no_roles() -> None:
    assert roles(AnonymousUser()) == set()
    assert not is_admin(AnonymousUser())


def test_one_user_may_hold_several_roles(world: World) -> None:
    staff = user(world, "hromada_staff")
    Membership.objects.create(user=staff, role=Role.WORKING_GROUP, territory=world.hromada_a)
    fresh = User.objects.get(pk=staff.pk)
    assert roles(fresh) == {Role.HROMADA_STAFF, Role.WORKING_GROUP}
