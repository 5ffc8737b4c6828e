"""The provider registry's JSON: lists, filters and cards, as the registry pages show them."""

from __future__ import annotations

from typing import Any

from conftest import World
from turbota.providers.enums import OwnershipSector
from turbota.providers.models import Provider
from turbota.providers.tests.factories import make_full_provider, make_provider

URL = "/api/v1/providers/"


def _names(world: World, role: str, query: str = "") -> list[str]:
    response = world.client_for(role).get(URL + query)
    assert response.status_code == 200, response.content
    return [provider["full_name"] for provider in response.json()["results"]]


def _card(world: World, role: str, provider: Provider) -> dict[str, Any]:
    response = world.client_for(role).get(f"{URL}{provider.pk}/")
    assert response.status_code == 200, response.content
    data: dict[str, Any] = response.json()
    return data


def test_a_card_has_addresses_departments_staff_and_services(world: World) -> None:
    centre = make_full_provider(world.hromada_a, world.city_a)
    card = _card(world, "working_group", centre)
    assert card["hromada"] == world.hromada_a.code
    assert card["registry_code"] == centre.registry_code
    assert card["addresses"] == [{"settlement": world.city_a.code, "address": "вул. Пушкіна, 8"}]
    assert [d["name"] for d in card["departments"]] == ["Відділення соціальної допомоги вдома"]
    nurse = next(post for post in card["staff"] if post["title"] == "Медична сестра")
    assert (nurse["established"], nurse["filled"], nurse["vacancy"]) == ("0.50", "2.00", "-1.50")
    home_care = next(s for s in card["services"] if s["service"] == "015.1")
    assert home_care["capacity"] == 120
    assert home_care["capacity_unit"] == "recipients_per_year"
    assert (home_care["free"], home_care["differentiated_fee"], home_care["paid"]) == (
        True,
        True,
        False,
    )
    assert home_care["department"] == card["departments"][0]["id"]
    assert card["service_codes"] == ["015.1", "019.0"]


def test_a_natural_persons_code_is_hidden_from_those_who_cannot_edit_the_card(
    world: World,
) -> None:
    person = make_provider(
        world.hromada_a,
        "ФОП Коваленко Ольга Петрівна",
        registry_code="3012345678",
        ownership_sector=OwnershipSector.NATURAL_PERSON,
    )
    hidden = _card(world, "working_group", person)
    assert (hidden["registry_code"], hidden["registry_code_hidden"]) == (None, True)
    shown = _card(world, "hromada_staff", person)
    assert (shown["registry_code"], shown["registry_code_hidden"]) == ("3012345678", False)
    # nor can the code be guessed through the search
    assert _names(world, "working_group", "?search=3012345678") == []


def test_the_list_filters_by_hromada_service_kind_and_words(world: World) -> None:
    make_full_provider(world.hromada_a, world.city_a)
    make_provider(world.hromada_a, "Громадська організація «Світанок»", is_potential=True)
    centre = "Територіальний центр соціального обслуговування"
    ngo = "Громадська організація «Світанок»"
    assert _names(world, "admin", f"?hromada={world.hromada_a.code}&service=015.1") == [centre]
    assert _names(world, "admin", "?is_potential=true") == [ngo]
    assert _names(world, "admin", "?search=світанок") == [ngo]
    assert _names(world, "admin", f"?hromada={world.hromada_b.code}") == [
        world.provider_b.full_name
    ]
    assert _names(world, "admin", "?service=999.9") == []


def test_the_list_takes_a_fixed_number_of_queries(
    world: World, django_assert_max_num_queries: Any
) -> None:
    for number in range(20):
        make_full_provider(world.hromada_a, world.city_a, f"Центр № {number}")
    client = world.client_for("oblast_analyst")
    with django_assert_max_num_queries(6):
        response = client.get(URL)
    assert response.json()["count"] == 21  # and provider A


def test_an_unknown_provider_is_not_found(world: World) -> None:
    assert world.client_for("admin").get(f"{URL}999999/").status_code == 404
    assert world.client_for("admin").get(f"{URL}abc/").status_code == 404


def test_any_ten_digit_code_is_hidden_whatever_the_sector(world: World) -> None:
    trader = make_provider(
        world.hromada_a,
        "ФОП Петренко Ганна Олегівна",
        registry_code="3099999999",
        parent_code="3088888888",
        ownership_sector=OwnershipSector.NON_STATE,
    )
    hidden = _card(world, "oblast_analyst", trader)
    assert (hidden["registry_code"], hidden["registry_code_hidden"]) == (None, True)
    assert hidden["parent_code"] is None
    assert _names(world, "oblast_analyst", "?search=3099") == []
    shown = _card(world, "hromada_staff", trader)
    assert (shown["registry_code"], shown["parent_code"]) == ("3099999999", "3088888888")


def test_a_boolean_filter_refuses_anything_but_true_or_false(world: World) -> None:
    response = world.client_for("admin").get(URL + "?is_potential=maybe")
    assert response.status_code == 400
    assert "is_potential" in response.json()
    make_provider(world.hromada_a, "Центр у Реєстрі", in_national_registry=True)
    assert _names(world, "admin", "?in_national_registry=true") == ["Центр у Реєстрі"]
    assert "Центр у Реєстрі" not in _names(world, "admin", "?in_national_registry=false")
