import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from conftest import World
from turbota.territories.enums import TerritoryCategory as C
from turbota.territories.models import Territory
from turbota.territories.tests.factories import (
    add_population,
    add_vulnerable_groups,
    fill_profile,
    make_profile,
    make_settlement_profile,
    make_territory,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/territories/"


@dataclass
class Tree:
    oblast: Territory
    raion: Territory
    hromada: Territory
    city: Territory
    crimea: Territory
    crimea_hromada: Territory


@pytest.fixture
def tree() -> Tree:
    oblast = make_territory("Донецька", C.OBLAST)
    raion = make_territory("Покровський", C.RAION, parent=oblast)
    hromada = make_territory("Селидівська", C.HROMADA, parent=raion)
    city = make_territory("Селидове", C.CITY, parent=hromada)
    for name in ("Яблунівка", "Іванівка", "Кам’янка"):
        make_territory(name, C.VILLAGE, parent=hromada)
    crimea = make_territory("Автономна Республіка Крим", C.OBLAST, code="UA01000000000013043")
    crimea_raion = make_territory(
        "Бахчисарайський", C.RAION, parent=crimea, code="UA01020000000022387"
    )
    crimea_hromada = make_territory(
        "Андріївська", C.HROMADA, parent=crimea_raion, code="UA01020010000048857"
    )
    Territory.objects.filter(code__startswith="UA01").update(is_crimea=True)
    return Tree(oblast, raion, hromada, city, crimea, crimea_hromada)


def get(client: Client, query: str = "", status: int = 200) -> Any:
    response = client.get(URL + query)
    assert response.status_code == status, response.content
    return response.json()


def names(data: dict[str, Any]) -> list[str]:
    return [item["name"] for item in data["results"]]


def test_anyone_reads_the_codifier_without_logging_in(client: Client, tree: Tree) -> None:
    data = get(client)

    assert data["count"] == 7
    assert {"count", "next", "previous", "results"} <= set(data)


def test_crimea_and_sevastopol_are_left_out_unless_asked_for(client: Client, tree: Tree) -> None:
    assert names(get(client, "?category=H")) == ["Селидівська"]
    assert names(get(client, "?category=H&include_crimea=true")) == ["Андріївська", "Селидівська"]
    assert get(client, "?include_crimea=true")["count"] == 10
    assert get(client, "?include_crimea=false")["count"] == 7


def test_units_come_in_ukrainian_alphabetical_order(client: Client, tree: Tree) -> None:
    # Unicode puts «І» before «А»; the Ukrainian alphabet puts it after «И».
    assert names(get(client, f"?parent={tree.hromada.code}")) == [
        "Іванівка",
        "Кам’янка",
        "Селидове",
        "Яблунівка",
    ]


def test_category_filter_takes_the_codifier_letter(client: Client, tree: Tree) -> None:
    assert names(get(client, "?category=M")) == ["Селидове"]
    assert get(client, "?category=C")["count"] == 3
    assert "category" in get(client, "?category=Z", status=400)


def test_oblast_and_hromada_filters_take_codes(client: Client, tree: Tree) -> None:
    assert get(client, f"?oblast={tree.oblast.code}")["count"] == 6  # all below the oblast
    assert get(client, f"?oblast={tree.oblast.code}&category=P")["count"] == 1
    assert get(client, f"?hromada={tree.hromada.code}")["count"] == 5  # itself and 4 places
    assert get(client, "?hromada=UA00000000000000000")["count"] == 0


def test_search_ignores_case_and_the_kind_of_apostrophe(client: Client, tree: Tree) -> None:
    assert names(get(client, "?search=СЕЛИД")) == ["Селидівська", "Селидове"]
    assert names(get(client, "?search=кам'ян")) == ["Кам’янка"]
    assert names(get(client, "?search=андрі&include_crimea=true")) == ["Андріївська"]


def test_an_item_carries_codes_of_its_parent_oblast_and_hromada(client: Client, tree: Tree) -> None:
    (city,) = get(client, "?category=M")["results"]

    assert city == {
        "code": tree.city.code,
        "name": "Селидове",
        "display_name": "м. Селидове",
        "category": "M",
        "category_label": "місто",
        "parent": tree.hromada.code,
        "oblast": tree.oblast.code,
        "hromada": tree.hromada.code,
        "is_current": True,
    }


def test_a_unit_is_found_by_its_code_with_its_chain_of_ancestors(
    client: Client, tree: Tree
) -> None:
    data = get(client, f"{tree.city.code}/")

    assert data["display_name"] == "м. Селидове"
    assert [(a["code"], a["display_name"]) for a in data["ancestors"]] == [
        (tree.oblast.code, "Донецька область"),
        (tree.raion.code, "Покровський район"),
        (tree.hromada.code, "Селидівська територіальна громада"),
    ]
    assert get(client, f"{tree.oblast.code}/")["ancestors"] == []


def test_a_crimean_unit_is_found_by_its_code(client: Client, tree: Tree) -> None:
    data = get(client, f"{tree.crimea_hromada.code}/")

    assert data["name"] == "Андріївська"
    assert [a["name"] for a in data["ancestors"]] == [
        "Автономна Республіка Крим",
        "Бахчисарайський",
    ]


def test_an_unknown_code_is_not_found(client: Client, tree: Tree) -> None:
    assert client.get(f"{URL}UA00000000000000000/").status_code == 404
    assert client.get(f"{URL}not-a-code/").status_code == 404


def test_a_page_of_units_is_read_in_two_queries_however_many(
    client: Client, tree: Tree, django_assert_num_queries
) -> None:
    for number in range(40):
        make_territory(f"Село {number}", C.VILLAGE, parent=tree.hromada)

    with django_assert_num_queries(2):  # the count and the page
        data = get(client)

    assert data["count"] == 47
    assert len(data["results"]) == 47


def test_a_unit_with_its_ancestors_is_read_in_one_query(
    client: Client, tree: Tree, django_assert_num_queries
) -> None:
    with django_assert_num_queries(1):
        get(client, f"{tree.city.code}/")


def test_the_codifier_is_read_only(client: Client, tree: Tree) -> None:
    assert client.post(URL, {"code": "UA12345678901234567"}).status_code == 405
    assert client.delete(f"{URL}{tree.city.code}/").status_code == 405


# --- hromadas and their profiles -----------------------------------------------------------


def _profile(client: Client, hromada: Territory, query: str = "") -> dict[str, Any]:
    response = client.get(f"/api/v1/hromadas/{hromada.code}/profile/{query}")
    assert response.status_code == 200, response.content
    data: dict[str, Any] = response.json()
    return data


def _find(rows: list[dict[str, Any]], label: str) -> dict[str, Any]:
    """The one row whose label contains ``label``."""
    (row,) = [row for row in rows if label in row["label"]]
    return row


def _row(rows: list[dict[str, Any]], label: str) -> list[object]:
    """A table row as its female, male and total values (None when hidden)."""
    row = _find(rows, label)
    return [row[sex]["value"] for sex in ("female", "male", "total")]


def test_staff_read_table_1_of_seed_004_exactly_through_the_api(world: World) -> None:
    fill_profile(world.hromada_a)
    data = _profile(world.client_for("hromada_staff"), world.hromada_a)
    assert data["disclosure"] == "full"
    assert data["vulnerable_year"] == 2021
    assert _row(data["vulnerable"], "Внутрішньо переміщені особи") == [8522, 5448, 13970]
    assert _row(data["vulnerable"], "ветерани Другої світової війни") == [0, 2, 2]
    assert data["hromada"]["code"] == world.hromada_a.code
    assert data["profile"]["oblast_centre_name"] == "м. Краматорськ"


def test_the_public_api_hides_small_counts_as_the_page_does(world: World) -> None:
    fill_profile(world.hromada_a, published=True)
    data = _profile(world.client_for("anonymous"), world.hromada_a)
    assert data["disclosure"] == "published"
    assert _row(data["vulnerable"], "Внутрішньо переміщені особи") == [8522, 5448, 13970]
    veterans = _find(data["vulnerable"], "ветерани Другої світової війни")
    assert veterans["female"] == {"value": 0, "suppressed": False, "text": "0"}
    assert veterans["male"] == {"value": None, "suppressed": True, "text": "<5"}
    assert veterans["total"] == {"value": None, "suppressed": True, "text": "<5"}


def test_no_hidden_count_leaks_anywhere_in_the_public_profile(world: World) -> None:
    # given 3 men aged 80+: hidden in the pyramid, and the year's totals would give them back
    make_profile(world.hromada_a, is_published=True)
    add_population(world.hromada_a, 2021, {"0-17": (2530, 2670), "80+": (1500, 3)})
    public = _profile(world.client_for("anonymous"), world.hromada_a)
    assert _row(public["population"], "80+") == [1500, None, None]
    assert [point["total"]["value"] for point in public["trend"]] == [None]
    assert public["trend"][0]["total"]["text"] == "приховано"
    text = json.dumps(public)
    for leaked in ('"value": 3,', "4033", "1503", "6703"):
        assert leaked not in text
    staff = _profile(world.client_for("hromada_staff"), world.hromada_a)
    assert _row(staff["population"], "80+") == [1500, 3, 1503]


def test_the_profile_year_is_chosen_by_query_and_a_bad_one_is_refused(world: World) -> None:
    fill_profile(world.hromada_a)
    add_vulnerable_groups(world.hromada_a, 2020, {"internally_displaced": (8000, 5000)})
    client = world.client_for("hromada_staff")
    earlier = _profile(client, world.hromada_a, "?vulnerable_year=2020")
    assert earlier["vulnerable_years"] == [2021, 2020]
    assert _row(earlier["vulnerable"], "Внутрішньо переміщені особи") == [8000, 5000, 13000]
    assert _profile(client, world.hromada_a, "?vulnerable_year=1990")["vulnerable_year"] == 2021
    response = client.get(f"/api/v1/hromadas/{world.hromada_a.code}/profile/?population_year=x")
    assert response.status_code == 400
    assert "population_year" in response.json()


def test_the_profile_lists_settlements_with_their_figures(world: World) -> None:
    make_profile(world.hromada_a)
    make_settlement_profile(world.city_a, population=32938, population_year=2021)
    make_settlement_profile(world.village_a, population=2682, population_year=2021)
    data = _profile(world.client_for("hromada_staff"), world.hromada_a)
    by_code = {row["code"]: row for row in data["settlements"]}
    assert by_code[world.city_a.code]["population"]["value"] == 32938
    assert by_code[world.city_a.code]["share"] == "92.47"
    assert data["figures"]["population"]["value"] == 35620
    assert data["figures"]["urban_share"] == "92.47"


def test_a_settlement_without_figures_is_urban_or_rural_by_its_category(world: World) -> None:
    make_profile(world.hromada_a)
    data = _profile(world.client_for("hromada_staff"), world.hromada_a)
    by_code = {row["code"]: row for row in data["settlements"]}
    assert by_code[world.city_a.code]["is_urban"] is True
    assert by_code[world.village_a.code]["is_urban"] is False
    assert by_code[world.village_a.code]["population"]["value"] is None


def test_a_profile_of_an_unknown_or_non_hromada_code_is_not_found(world: World) -> None:
    client = world.client_for("admin")
    assert client.get(f"/api/v1/hromadas/{world.city_a.code}/profile/").status_code == 404
    assert client.get("/api/v1/hromadas/UA00000000000000000/profile/").status_code == 404


def test_the_hromada_list_shows_each_reader_only_the_hromadas_they_may_see(world: World) -> None:
    fill_profile(world.hromada_a)
    make_profile(world.hromada_b, is_published=True)

    def codes(role: str) -> list[str]:
        response = world.client_for(role).get("/api/v1/hromadas/")
        assert response.status_code == 200
        return [card["code"] for card in response.json()["results"]]

    assert codes("anonymous") == [world.hromada_b.code]
    assert codes("hromada_staff") == [world.hromada_b.code, world.hromada_a.code]  # Д before П
    assert codes("other_hromada_staff") == [world.hromada_b.code]


def test_a_hromada_card_hides_a_population_that_would_give_a_small_count_back(
    world: World,
) -> None:
    make_profile(world.hromada_a, is_published=True)
    add_population(world.hromada_a, 2021, {"0-17": (2530, 2670), "80+": (1500, 3)})
    (card,) = world.client_for("anonymous").get("/api/v1/hromadas/").json()["results"]
    assert card["population"] == {"value": None, "suppressed": True, "text": "приховано"}
    assert card["is_published"] is True
    (card,) = world.client_for("hromada_staff").get("/api/v1/hromadas/").json()["results"]
    assert card["population"]["value"] == 6703
