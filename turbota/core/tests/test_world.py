from conftest import World


def test_world_has_a_user_for_every_role_but_anonymous(world: World) -> None:
    assert world.users["anonymous"] is None
    assert all(user is not None for role, user in world.users.items() if role != "anonymous")


def test_world_settlements_know_their_hromada_and_oblast(world: World) -> None:
    assert world.city_a.hromada == world.hromada_a
    assert world.city_a.oblast == world.oblast_a
    assert world.hromada_b.oblast == world.oblast_b
