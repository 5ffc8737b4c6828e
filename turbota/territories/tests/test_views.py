from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from django.test import Client
from django.urls import reverse

from conftest import World
from turbota.catalog.models import AgeBand, VulnerableGroup
from turbota.territories.enums import TerritoryCategory
from turbota.territories.models import (
    DisabilityCount,
    HromadaProfile,
    PopulationCount,
    SettlementProfile,
    VitalStatistics,
    VulnerableGroupCount,
)
from turbota.territories.tests.factories import (
    add_population,
    add_vulnerable_groups,
    fill_profile,
    make_hromada,
    make_profile,
    make_settlement_profile,
    make_territory,
)


def _url(name: str, world: World, **query: Any) -> str:
    url = reverse(f"territories:{name}", kwargs={"code": world.hromada_a.code})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _cells(html: str, label: str) -> list[str]:
    """The cells of the table row headed ``label``."""
    row = re.search(re.escape(label) + r".*?</th>(.*?)</tr>", html, re.S)
    assert row, label
    return [re.sub(r"<.*?>", "", cell).strip() for cell in re.findall(r"<td.*?</td>", row[1], re.S)]


def _chart(html: str, name: str) -> dict[str, Any]:
    found = re.search(
        rf'<script id="chart-data-{name}" type="application/json">(.*?)</script>', html
    )
    assert found, name
    data: dict[str, Any] = json.loads(found[1])
    return data


# --- the profile page ---------------------------------------------------------------------------


def test_staff_see_table_1_of_seed_004_exactly(world: World) -> None:
    fill_profile(world.hromada_a)
    html = _page(world.client_for("hromada_staff"), _url("profile", world))
    assert "Таблиця 1. Кількість населення з числа вразливих груп, 2021 рік" in html
    assert _cells(html, "Внутрішньо переміщені особи") == ["8522", "5448", "13970"]
    assert _cells(html, "Люди з інвалідністю") == ["1512", "1026", "2538"]
    assert _cells(html, "Люди похилого віку") == ["6843", "3685", "10528"]
    assert _cells(html, "ветерани Другої світової війни") == ["0", "2", "2"]
    assert "Малі значення приховано" not in html


def test_the_public_sees_small_counts_as_less_than_five_with_a_note(world: World) -> None:
    fill_profile(world.hromada_a, published=True)
    html = _page(world.client_for("anonymous"), _url("profile", world))
    assert _cells(html, "Внутрішньо переміщені особи") == ["8522", "5448", "13970"]
    assert _cells(html, "ветерани Другої світової війни") == ["0", "&lt;5", "&lt;5"]
    assert 'id="suppression-note"' in html
    assert "Малі значення приховано" in html
    assert 'aria-describedby="suppression-note"' in html


def test_public_chart_data_never_holds_a_hidden_count(world: World) -> None:
    # given 3 men aged 80+: hidden in the table, so also in the chart data
    make_profile(world.hromada_a, is_published=True)
    add_population(world.hromada_a, 2021, {"0-17": (2530, 2670), "80+": (1500, 3)})
    html = _page(world.client_for("anonymous"), _url("profile", world))
    pyramid = _chart(html, "pyramid")
    assert pyramid == {"labels": ["0-17", "80+"], "female": [2530, 1500], "male": [2670, None]}
    assert _chart(html, "trend")["total"] == [None]
    assert ", 3]" not in html
    assert "4033" not in html
    assert "1503" not in html
    staff = _page(world.client_for("hromada_staff"), _url("profile", world))
    assert _chart(staff, "pyramid")["male"] == [2670, 3]


def test_every_chart_is_an_image_with_a_summary_next_to_its_table(world: World) -> None:
    fill_profile(world.hromada_a)
    html = _page(world.client_for("working_group"), _url("profile", world))
    canvases = re.findall(r"<canvas [^>]*>", html)
    assert len(canvases) == 3
    for canvas in canvases:
        assert 'role="img"' in canvas
        assert 'aria-label="Діаграма: ' in canvas
    assert "chartjs-4.6.1/chart.umd.min.js" in html
    assert "js/profile-charts.js" in html
    assert "<caption>Народжені й померлі за роками</caption>" in html


def test_estimated_values_carry_a_badge_and_a_legend(world: World) -> None:
    fill_profile(world.hromada_a)  # births and deaths of 2021 are estimated
    html = _page(world.client_for("hromada_staff"), _url("profile", world))
    assert 'id="estimates-legend"' in html
    assert re.search(r"2021 <span class=\"badge badge-warn\"[^>]*>оцінка</span>", html)


def test_the_year_selector_switches_the_vulnerable_groups_table(world: World) -> None:
    fill_profile(world.hromada_a)
    add_vulnerable_groups(world.hromada_a, 2020, {"internally_displaced": (8000, 5000)})
    client = world.client_for("hromada_staff")
    latest = _page(client, _url("profile", world))
    earlier = _page(client, _url("profile", world, vulnerable_year=2020))
    assert '<option value="2021" selected>' in latest
    assert _cells(earlier, "Внутрішньо переміщені особи") == ["8000", "5000", "13000"]
    assert "Кількість населення з числа вразливих груп, 2020 рік" in earlier


def test_key_figures_show_the_seed_004_hromada_at_a_glance(world: World) -> None:
    fill_profile(world.hromada_a)
    HromadaProfile.objects.update(administrative_centre=world.city_a)
    make_settlement_profile(world.city_a, population=32938, population_year=2021)
    make_settlement_profile(world.village_a, population=2682, population_year=2021)
    html = _page(world.client_for("hromada_staff"), _url("profile", world))
    assert "35620 осіб" in html
    assert "92,47 % / 7,53 %" in html
    assert "149,80 км²" in html
    assert "102,50 км" in html
    assert "м. Краматорськ" in html
    assert _cells(html, "м. Першанськ</a>")[:3] == ["міська", "32938", "92,47"]


def test_empty_sections_say_so_and_offer_editors_a_way_to_fill_them(world: World) -> None:
    make_profile(world.hromada_a)
    staff = _page(world.client_for("hromada_staff"), _url("profile", world))
    analyst = _page(world.client_for("oblast_analyst"), _url("profile", world))
    assert "Даних про вразливі групи ще немає." in staff
    assert f'<a href="{_url("vulnerable_edit", world)}">Додати дані</a>' in staff
    assert "Даних про вразливі групи ще немає." in analyst
    assert _url("vulnerable_edit", world) not in analyst


def test_a_hromada_without_a_profile_offers_its_staff_to_create_one(world: World) -> None:
    staff = _page(world.client_for("hromada_staff"), _url("profile", world))
    analyst = _page(world.client_for("oblast_analyst"), _url("profile", world))
    assert "Створити профіль" in staff
    assert "Створити профіль" not in analyst
    assert "Профіль цієї громади ще не створено." in analyst


def test_an_unknown_or_non_hromada_code_is_not_found(world: World) -> None:
    client = world.client_for("admin")
    assert (
        client.get(reverse("territories:profile", args=["UA00000000000000000"])).status_code == 404
    )
    assert client.get(reverse("territories:profile", args=[world.city_a.code])).status_code == 404


def test_the_profile_page_takes_a_fixed_number_of_queries(
    world: World, django_assert_max_num_queries: Any
) -> None:
    fill_profile(world.hromada_a, published=True)
    for number in range(25):
        village = make_territory(f"Село {number}", TerritoryCategory.VILLAGE, world.hromada_a)
        make_settlement_profile(village, population=100 + number, population_year=2021)
    for role in ("anonymous", "hromada_staff"):
        client = world.client_for(role)
        with django_assert_max_num_queries(18):
            assert client.get(_url("profile", world)).status_code == 200


# --- home and the list of hromadas --------------------------------------------------------------


def test_home_shows_a_visitor_the_only_published_profile_with_a_welcome(world: World) -> None:
    fill_profile(world.hromada_a, published=True)
    html = _page(world.client_for("anonymous"), reverse("home"))
    assert "Вітаємо в системі" in html
    assert "<h1>Першанська територіальна громада</h1>" in html
    assert _cells(html, "Внутрішньо переміщені особи") == ["8522", "5448", "13970"]


def test_home_lists_several_published_hromadas(world: World) -> None:
    make_profile(world.hromada_a, is_published=True)
    make_profile(world.hromada_b, is_published=True)
    html = _page(world.client_for("anonymous"), reverse("home"))
    assert "<h1>Громади</h1>" in html
    assert html.count('class="card"') == 2


def test_home_without_published_profiles_points_to_log_in_and_reference_data(
    world: World,
) -> None:
    make_profile(world.hromada_a)
    html = _page(world.client_for("anonymous"), reverse("home"))
    assert "Жодна громада ще не оприлюднила свій профіль." in html
    assert reverse("accounts:login") in html
    assert reverse("catalog:index") in html


def test_home_shows_staff_their_hromadas_profile(world: World) -> None:
    fill_profile(world.hromada_a)
    html = _page(world.client_for("hromada_staff"), reverse("home"))
    assert "<h1>Першанська територіальна громада</h1>" in html
    assert _cells(html, "ветерани Другої світової війни") == ["0", "2", "2"]


def test_home_shows_an_analyst_with_several_hromadas_their_cards(world: World) -> None:
    make_profile(world.hromada_a)
    make_profile(world.hromada_a2)
    html = _page(world.client_for("oblast_analyst"), reverse("home"))
    assert "Першанська територіальна громада" in html
    assert "Сусідня територіальна громада" in html


def test_home_tells_provider_staff_they_have_no_hromada_and_names_their_provider(
    world: World,
) -> None:
    html = _page(world.client_for("provider_staff"), reverse("home"))
    assert "Вас ще не прив'язано до жодної громади" in html
    assert world.provider_a.full_name in html


def test_hromada_list_shows_population_and_settlements_on_cards(world: World) -> None:
    make_profile(world.hromada_a, is_published=True)
    make_settlement_profile(world.city_a, population=900, population_year=2021)
    make_settlement_profile(world.village_a, population=120, population_year=2021)
    html = _page(world.client_for("anonymous"), reverse("territories:hromada_list"))
    assert '<span class="figure">1020</span>' in html
    assert "Населених пунктів:</span> 2" in html


def test_hromada_list_takes_a_fixed_number_of_queries(
    world: World, django_assert_max_num_queries: Any
) -> None:
    for number in range(15):
        hromada = make_hromada(f"Громада {number}", oblast=world.oblast_a)
        make_profile(hromada, is_published=True)
        add_population(hromada, 2021, {"0-17": (10 + number, 12)})
    client = world.client_for("admin")
    with django_assert_max_num_queries(8):
        assert client.get(reverse("territories:hromada_list")).status_code == 200


# --- editing ------------------------------------------------------------------------------------


def test_staff_create_a_profile_and_land_on_its_edit_page(world: World) -> None:
    response = world.client_for("hromada_staff").post(_url("profile_create", world))
    assert response["Location"] == _url("profile_edit", world)
    assert HromadaProfile.objects.get(hromada=world.hromada_a).is_published is False


def test_staff_edit_the_profile_fields(world: World) -> None:
    make_profile(world.hromada_a)
    response = world.client_for("hromada_staff").post(
        _url("profile_edit", world),
        {
            "area_km2": "149,8",
            "administrative_centre": world.city_a.pk,
            "distance_to_oblast_centre_km": "102,5",
            "oblast_centre_name": "м. Краматорськ",
            "description": "Громада в західній частині області.",
            "data_note": "",
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    profile = HromadaProfile.objects.get(hromada=world.hromada_a)
    assert (profile.area_km2, profile.administrative_centre) == (Decimal("149.80"), world.city_a)
    assert profile.is_published


def test_the_centre_cannot_be_a_settlement_of_another_hromada(world: World) -> None:
    make_profile(world.hromada_a)
    response = world.client_for("hromada_staff").post(
        _url("profile_edit", world), {"administrative_centre": world.village_b.pk}
    )
    assert response.status_code == 200
    assert "Виберіть населений пункт цієї громади." in response.content.decode()
    assert HromadaProfile.objects.get().administrative_centre is None


def test_staff_fill_in_settlements_and_blank_rows_stay_empty(world: World) -> None:
    make_profile(world.hromada_a)
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-0-code": world.city_a.code,
        "form-1-code": world.village_a.code,
        "form-0-population": "32938",
        "form-0-population_year": "2021",
        "form-0-area_km2": "40,25",
        "form-0-is_urban": "on",
        "form-0-latitude": "48,1472",
        "form-0-longitude": "37,8561",
    }
    response = world.client_for("hromada_staff").post(_url("settlements_edit", world), data)
    assert response.status_code == 302
    profile = SettlementProfile.objects.get()
    assert (profile.settlement, profile.population, profile.latitude) == (
        world.city_a,
        32938,
        Decimal("48.147200"),
    )


def test_settlement_errors_are_shown_in_ukrainian_next_to_the_field(world: World) -> None:
    make_profile(world.hromada_a)
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-0-code": world.city_a.code,
        "form-1-code": world.village_a.code,
        "form-0-population": "900",
        "form-1-latitude": "60",
    }
    html = world.client_for("hromada_staff").post(_url("settlements_edit", world), data)
    content = html.content.decode()
    assert "Вкажіть рік, на який наведено населення." in content
    assert "Широта має бути між 44 і 52,5 (межі України)." in content
    assert not SettlementProfile.objects.exists()


def test_staff_enter_population_for_a_year_and_clear_a_cell_to_remove_it(world: World) -> None:
    make_profile(world.hromada_a)
    band = AgeBand.objects.get(min_age=0)
    client = world.client_for("hromada_staff")
    data = {"year": "2022", f"female_{band.pk}": "2500", f"male_{band.pk}": "2600"}
    response = client.post(_url("population_edit", world), data)
    assert response["Location"] == _url("profile", world, population_year=2022) + "#population"
    assert PopulationCount.objects.count() == 2
    client.post(_url("population_edit", world), {"year": "2022", f"female_{band.pk}": "2500"})
    assert list(PopulationCount.objects.values_list("sex", "count")) == [("female", 2500)]


def test_the_population_grid_opens_with_the_years_figures(world: World) -> None:
    fill_profile(world.hromada_a)
    band = AgeBand.objects.get(min_age=80)
    html = _page(world.client_for("hromada_staff"), _url("population_edit", world, year=2021))
    assert f'name="female_{band.pk}" value="1500"' in html
    assert 'for="id_female_' in html


def test_staff_enter_table_1_through_the_vulnerable_groups_grid(world: World) -> None:
    make_profile(world.hromada_a)
    idp = VulnerableGroup.objects.get(code="internally_displaced")
    data = {"year": "2021", f"female_{idp.pk}": "8522", f"male_{idp.pk}": "5448"}
    world.client_for("hromada_staff").post(_url("vulnerable_edit", world), data)
    html = _page(world.client_for("hromada_staff"), _url("profile", world))
    assert _cells(html, "Внутрішньо переміщені особи") == ["8522", "5448", "13970"]
    assert VulnerableGroupCount.objects.filter(group=idp).count() == 2


def test_a_negative_count_is_refused_with_a_clear_message(world: World) -> None:
    make_profile(world.hromada_a)
    response = world.client_for("hromada_staff").post(
        _url("disability_edit", world), {"year": "2021", "female_I": "-3"}
    )
    assert "Кількість не може бути від’ємною." in response.content.decode()
    assert not DisabilityCount.objects.exists()


def test_staff_add_and_delete_years_of_births_and_deaths(world: World) -> None:
    fill_profile(world.hromada_a)
    data = {
        "form-TOTAL_FORMS": "4",
        "form-INITIAL_FORMS": "2",
        "form-0-births": "210",
        "form-0-deaths": "640",
        "form-0-DELETE": "on",
        "form-1-births": "190",
        "form-1-deaths": "702",
        "form-1-is_estimated": "on",
        "form-2-year": "2022",
        "form-2-births": "170",
        "form-2-deaths": "730",
    }
    response = world.client_for("hromada_staff").post(_url("vital_edit", world), data)
    assert response.status_code == 302
    assert list(VitalStatistics.objects.values_list("year", "births")) == [(2021, 190), (2022, 170)]


def test_a_year_entered_twice_for_births_and_deaths_is_refused(world: World) -> None:
    make_profile(world.hromada_a)
    row = {"births": "1", "deaths": "2", "year": "2022"}
    data = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0"}
    data |= {f"form-{i}-{key}": value for i in (0, 1) for key, value in row.items()}
    response = world.client_for("hromada_staff").post(_url("vital_edit", world), data)
    assert "Рік 2022 уже є в таблиці." in response.content.decode()
    assert not VitalStatistics.objects.exists()


# --- history and the codifier -------------------------------------------------------------------


def test_history_shows_who_changed_what(world: World) -> None:
    make_profile(world.hromada_a)
    client = world.client_for("hromada_staff")
    client.post(_url("profile_edit", world), {"oblast_centre_name": "м. Краматорськ"})
    html = _page(world.client_for("oblast_analyst"), _url("history", world))
    assert "staff_a" in html
    assert "Обласний (адміністративний) центр: — → м. Краматорськ" in html
    assert "Профіль громади: Профіль: Першанська територіальна громада" in html


def test_history_leaves_out_the_providers_of_the_hromada(world: World) -> None:
    make_profile(world.hromada_a)
    world.provider_a.full_name = "Перейменований центр"
    world.provider_a.save()
    html = _page(world.client_for("admin"), _url("history", world))
    assert "Перейменований центр" not in html


def test_the_codifier_finds_a_village_by_part_of_its_name(world: World) -> None:
    url = reverse("territories:territory_list") + "?q=ЛУГ&category=C"
    html = _page(world.client_for("anonymous"), url)
    assert "с. Лугове" in html
    assert "м. Першанськ" not in html
    assert "Знайдено: 1" in html


def test_the_codifier_shows_a_units_parents_and_paginated_children(world: World) -> None:
    for number in range(55):
        make_territory(f"Село {number:02}", TerritoryCategory.VILLAGE, world.hromada_a)
    url = reverse("territories:territory_detail", args=[world.hromada_a.code])
    html = _page(world.client_for("anonymous"), url)
    assert "Перша область" in html
    assert "Першанська район" in html
    assert "Сторінка 1 з 2" in html
    assert "усього 57" in html
    assert "Профіль громади" not in html  # no published profile to open


def test_settlements_are_not_misread_when_the_list_changed_meanwhile(world: World) -> None:
    make_profile(world.hromada_a)
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-0-code": world.village_a.code,  # the rows came in another order
        "form-1-code": world.city_a.code,
        "form-0-population": "32938",
        "form-0-population_year": "2021",
    }
    response = world.client_for("hromada_staff").post(_url("settlements_edit", world), data)
    assert "Перелік населених пунктів змінився" in response.content.decode()
    assert not SettlementProfile.objects.exists()


def test_a_public_card_hides_a_total_that_would_give_back_a_small_count(world: World) -> None:
    make_profile(world.hromada_a, is_published=True)
    add_population(world.hromada_a, 2021, {"0-17": (2530, 2670), "80+": (1500, 3)})
    public = _page(world.client_for("anonymous"), reverse("territories:hromada_list"))
    staff = _page(world.client_for("hromada_staff"), reverse("territories:hromada_list"))
    assert '<span class="figure">приховано</span>' in public
    assert '<span class="figure">6703</span>' in staff
