import datetime
from typing import Any

import pytest
from django.test import Client

from turbota.catalog.models import BasicServiceList, VulnerableGroup

pytestmark = pytest.mark.usefixtures("catalog")


def get(client: Client, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.content
    return response.json()


def test_anyone_reads_the_37_services_without_logging_in(client: Client) -> None:
    data = get(client, "/api/v1/services/")

    assert data["count"] == 37
    assert data["next"] is None
    assert [item["code"] for item in data["results"]][:2] == ["001.0", "002.0"]


def test_a_service_carries_its_group_and_whether_it_is_basic_today(client: Client) -> None:
    services = {item["code"]: item for item in get(client, "/api/v1/services/")["results"]}

    assert services["015.1"] == {
        "code": "015.1",
        "name": "Догляд вдома",
        "name_confirmed": True,
        "group": {"code": "015", "name": "Догляд", "name_confirmed": True},
        "purpose": "care",
        "purpose_label": "обслуговування",
        "is_basic": True,
    }
    assert services["015.2"]["is_basic"] is False
    assert services["002.1"]["name_confirmed"] is False


def test_basic_true_keeps_only_the_16_basic_codes(client: Client) -> None:
    data = get(client, "/api/v1/services/?basic=true")

    assert data["count"] == 16
    assert all(item["is_basic"] for item in data["results"])
    assert get(client, "/api/v1/services/?basic=false")["count"] == 21


def test_basic_services_are_told_as_of_the_date_asked(client: Client) -> None:
    assert get(client, "/api/v1/services/?basic=true&on=2019-12-31")["count"] == 0
    assert get(client, "/api/v1/services/?basic=true&on=2020-01-01")["count"] == 16


def test_a_date_that_is_not_a_date_is_refused(client: Client) -> None:
    data = get(client, "/api/v1/services/?on=31.12.2019", status=400)

    assert "on" in data


def test_a_service_is_found_by_its_code_even_with_three_parts(client: Client) -> None:
    data = get(client, "/api/v1/services/015.3.1/")

    assert data["name"] == "Денний догляд дітей з інвалідністю"
    assert data["is_basic"] is False
    get(client, "/api/v1/services/999.9/", status=404)


def test_basic_service_lists_show_entries_with_codes_and_the_one_without(
    client: Client,
) -> None:
    (basic_list,) = get(client, "/api/v1/basic-service-lists/")["results"]

    assert basic_list["valid_from"] == "2020-01-01"
    assert basic_list["valid_to"] is None
    assert basic_list["is_in_force"] is True
    assert basic_list["legal_act"].startswith("Закон України «Про соціальні послуги»")
    assert len(basic_list["entries"]) == 17
    assert basic_list["entries"][0] == {"position": 1, "name": "догляд вдома", "service": "015.1"}
    assert [e["name"] for e in basic_list["entries"] if e["service"] is None] == [
        "соціальна профілактика"
    ]


def test_a_list_that_has_ended_is_not_in_force(client: Client) -> None:
    old = BasicServiceList.objects.create(
        title="Старий перелік",
        legal_act="Закон (стара редакція)",
        valid_from=datetime.date(2020, 1, 1),
        valid_to=datetime.date(2020, 12, 31),
    )

    data = get(client, f"/api/v1/basic-service-lists/{old.pk}/")

    assert data["is_in_force"] is False
    assert get(client, f"/api/v1/basic-service-lists/{old.pk}/?on=2020-06-01")["is_in_force"]


def test_vulnerable_groups_carry_unit_date_type_source_and_confirmation(
    client: Client,
) -> None:
    data = get(client, "/api/v1/vulnerable-groups/")
    families = get(client, "/api/v1/vulnerable-groups/families_in_difficult_circumstances/")

    assert data["count"] == 14
    assert data["results"][0]["code"] == "internally_displaced"
    assert families["unit"] == "families"
    assert families["unit_label"] == "сімей"
    assert families["reference_date_type"] == "previous_year"
    assert families["reference_date_type_label"] == "за попередній календарний рік"
    assert families["is_confirmed"] is False


def test_a_confirmed_vulnerable_group_says_so(client: Client) -> None:
    VulnerableGroup.objects.filter(code="older_persons").update(is_confirmed=True)

    assert get(client, "/api/v1/vulnerable-groups/older_persons/")["is_confirmed"] is True


def test_age_bands_come_in_order_with_labels(client: Client) -> None:
    data = get(client, "/api/v1/age-bands/")

    assert [band["label"] for band in data["results"]] == ["0-17", "18-34", "35-59", "60-79", "80+"]
    assert data["results"][-1]["max_age"] is None


def test_life_circumstance_factors_come_in_the_law_order(client: Client) -> None:
    data = get(client, "/api/v1/life-circumstances/")

    assert data["count"] == 16
    assert data["results"][0] == {"code": "old_age", "name": "похилий вік", "position": 1}


def test_reference_endpoints_do_not_accept_writes(client: Client) -> None:
    response = client.post("/api/v1/services/", {"code": "024.0", "name": "Нова"})

    assert response.status_code == 405


def test_the_api_root_lists_the_reference_endpoints(client: Client) -> None:
    data = get(client, "/api/v1/")

    assert set(data) >= {
        "territories",
        "services",
        "basic-service-lists",
        "vulnerable-groups",
        "age-bands",
        "life-circumstances",
    }


def test_the_schema_describes_the_reference_endpoints(client: Client) -> None:
    response = client.get("/api/v1/schema/")

    assert response.status_code == 200
    schema = response.content.decode()
    assert "/api/v1/territories/{code}/:" in schema
    assert "/api/v1/services/{code}/:" in schema
    assert "АР Крим і Севастополя не показано" in schema


def test_the_api_docs_page_uses_the_bundled_swagger_ui_not_a_cdn(client: Client) -> None:
    response = client.get("/api/v1/docs/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
