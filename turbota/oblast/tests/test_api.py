"""The oblast's aggregates as JSON: the page's figures, null where there are no data."""

from __future__ import annotations

from django.urls import reverse

from conftest import World
from turbota.oblast.demo import load_protocol_003
from turbota.oblast.tests.factories import flag, study_a


def _get(world: World, name: str, **query: str) -> dict:  # type: ignore[type-arg]
    client = world.client_for("oblast_analyst")
    response = client.get(reverse(name, args=[world.oblast_a.code]), query)
    assert response.status_code == 200, response.content
    data: dict = response.json()  # type: ignore[type-arg]
    return data


def test_the_dashboard_gives_null_not_zero_for_a_hromada_without_data(world: World) -> None:
    study_a(world)
    data = _get(world, "oblast-dashboard")
    hromadas = {h["code"]: h for h in data["hromadas"]}
    neighbour = hromadas[world.hromada_a2.code]
    assert (neighbour["study_year"], neighbour["needs"], neighbour["population"]) == (
        None,
        None,
        None,
    )
    own = hromadas[world.hromada_a.code]
    home_care = {n["sex"]: n["figures"] for n in own["needs"] if n["service"] == "015.1"}
    assert home_care["total"] == {"need": 13, "served": 3, "unmet": 10, "capacity": 10}
    assert home_care["female"]["capacity"] is None
    totals = {(t["service"], t["sex"]): t["figures"] for t in data["totals"]}
    assert totals[("015.1", "male")]["unmet"] == 3
    assert data["hromadas_with_study"] == 1


def test_a_raion_that_is_not_of_the_oblast_is_not_found(world: World) -> None:
    client = world.client_for("oblast_analyst")
    url = reverse("oblast-dashboard", args=[world.oblast_a.code])
    other = world.hromada_b.parent
    assert other is not None
    assert client.get(url, {"raion": other.code}).status_code == 404
    assert client.get(url, {"year": "soon"}).status_code == 400


def test_the_unmet_demand_endpoint_lists_flags_and_the_consolidated_rows(world: World) -> None:
    flag(study_a(world), "015.1", "немає соціальних робітників", volume=12)
    data = _get(world, "oblast-unmet-demand")
    assert [(i["hromada"], i["service"], i["volume"]) for i in data["items"]] == [
        (world.hromada_a.code, "015.1", 12)
    ]
    assert data["consolidated"][-1]["is_total"] is True
    assert data["consolidated"][-1]["unmet"] == {"female": 7, "male": 3, "total": 10}


def test_assignments_are_overdue_as_of_the_day_asked(world: World) -> None:
    load_protocol_003(world.oblast_a)
    data = _get(world, "oblast-assignments", on="2024-04-02")
    assert [o["number"] for o in data["overdue"]] == ["1.3", "2.2"]
    (meeting,) = data["meetings"]
    assert len(meeting["assignments"]) == 8
    assert _get(world, "oblast-assignments", on="2024-03-25")["overdue"] == []
