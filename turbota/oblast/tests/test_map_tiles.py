"""The map's background tiles: none unless an administrator sets a tile server, so by
default the map contacts no outside server (decision 0024)."""

from __future__ import annotations

from django.test import override_settings
from django.urls import reverse

from conftest import World

TILES = "https://tiles.example.org/{z}/{x}/{y}.png"


def _map_data(world: World) -> dict[str, object]:
    client = world.client_for("oblast_analyst")
    return client.get(reverse("oblast:map_data", args=[world.oblast_a.code])).json()  # type: ignore[no-any-return]


def _map_page(world: World) -> str:
    client = world.client_for("oblast_analyst")
    return client.get(reverse("oblast:map", args=[world.oblast_a.code])).content.decode()


@override_settings(TURBOTA_MAP_TILE_URL="", TURBOTA_MAP_TILE_ATTRIBUTION="")
def test_the_map_has_no_background_tiles_by_default(world: World) -> None:
    assert _map_data(world)["tiles"] is None
    assert "tiles.example.org" not in _map_page(world)


@override_settings(TURBOTA_MAP_TILE_URL=TILES, TURBOTA_MAP_TILE_ATTRIBUTION="© Example")
def test_a_tile_server_set_by_the_administrator_is_given_to_the_map(world: World) -> None:
    assert _map_data(world)["tiles"] == {"url": TILES, "attribution": "© Example"}
