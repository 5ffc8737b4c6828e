import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import World
from turbota.catalog.models import BasicServiceList, Service

pytestmark = pytest.mark.usefixtures("catalog")


def page(client: Client, url_name: str) -> str:
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    return response.content.decode()


def row(html: str, row_id: str) -> str:
    found = re.search(rf'<tr id="{re.escape(row_id)}">(.*?)</tr>', html, re.S)
    assert found, f"no row {row_id}"
    return found.group(1)


def test_the_index_shows_every_section_with_its_count(world: World, client: Client) -> None:
    html = page(client, "catalog:index")

    for url_name in (
        "catalog:services",
        "catalog:basic_services",
        "catalog:vulnerable_groups",
        "catalog:age_bands",
        "catalog:life_circumstances",
    ):
        assert f'href="{reverse(url_name)}"' in html
    assert '<span class="figure">37</span>' in html  # services
    assert '<span class="figure">16</span>' in html  # basic codes in force, and factors
    assert '<span class="figure">14</span>' in html  # vulnerable groups
    assert f'href="{reverse("territories:territory_list")}">Кодифікатор КАТОТТГ</a>' in html
    assert '<span class="figure">11</span>' in html  # units of the world
    assert "поза АР Крим і Севастополем — 3" in html


def test_the_classifier_page_groups_services_and_marks_the_basic_ones(client: Client) -> None:
    html = page(client, "catalog:services")

    assert "Група 015 — Догляд" in html
    assert "Догляд вдома" in row(html, "service-015.1")
    assert "базова" in row(html, "service-015.1")
    assert "базова" not in row(html, "service-015.2")
    assert f"Базова на {timezone.localdate():%d.%m.%Y}" in html


def test_the_classifier_page_marks_unconfirmed_names_and_says_who_confirms_them(
    client: Client,
) -> None:
    html = page(client, "catalog:services")

    assert "назву не звірено" in row(html, "service-002.1")
    assert "назву не звірено" not in row(html, "service-001.0")
    assert "Адміністратор системи звіряє і виправляє ці записи в адмініструванні" in html


def test_an_administrator_gets_a_link_to_correct_the_classifier(world: World) -> None:
    html = page(world.client_for("admin"), "catalog:services")

    assert f'href="{reverse("admin:catalog_service_changelist")}"' in html


def test_a_name_corrected_by_an_administrator_shows_without_the_mark(client: Client) -> None:
    Service.objects.filter(code="002.1").update(name="Уточнена назва", name_confirmed=True)

    html = page(client, "catalog:services")

    assert "Уточнена назва" in row(html, "service-002.1")
    assert "назву не звірено" not in row(html, "service-002.1")


def test_the_classifier_page_is_read_in_one_query(
    client: Client, django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(1):
        client.get(reverse("catalog:services"))


def test_the_basic_services_page_shows_the_act_dates_and_links_codes(client: Client) -> None:
    html = page(client, "catalog:basic_services")

    assert "Закон України «Про соціальні послуги» від 17.01.2019 № 2671-VIII" in html
    assert "01.01.2020" in html
    assert "без кінцевої дати" in html
    assert "чинний" in html
    assert f'href="{reverse("catalog:services")}#service-015.1">015.1</a>' in html


def test_the_basic_services_page_flags_an_entry_without_a_code(client: Client) -> None:
    html = page(client, "catalog:basic_services")

    entry = re.search(r"соціальна профілактика</th>\s*<td>(.*?)</td>", html, re.S)
    assert entry
    assert "код не встановлено" in entry.group(1)


def test_a_list_that_has_ended_is_shown_as_not_in_force(client: Client) -> None:
    BasicServiceList.objects.create(
        title="Перелік, що втратив чинність",
        legal_act="Закон (стара редакція)",
        valid_from=datetime.date(2020, 1, 1),
        valid_to=datetime.date(2020, 12, 31),
    )

    html = page(client, "catalog:basic_services")

    assert "Перелік, що втратив чинність" in html
    assert "31.12.2020" in html
    assert "не чинний на" in html


def test_the_vulnerable_groups_page_shows_unit_date_source_and_confirmation(
    client: Client,
) -> None:
    html = page(client, "catalog:vulnerable_groups")

    assert "Внутрішньо переміщені особи" in html
    assert "сімей" in html
    assert "станом на 1 січня відповідного року" in html
    assert "за попередній календарний рік" in html
    assert "Єдина інформаційна база даних про внутрішньо переміщених осіб" in html
    assert html.count('<span class="badge badge-warn">не звірено</span>') == 14 + 1  # + note


def test_the_age_bands_page_lists_bands_with_an_open_last_one(client: Client) -> None:
    html = page(client, "catalog:age_bands")

    assert '<th scope="row">0-17</th>' in html
    assert '<th scope="row">80+</th>' in html
    assert "без межі" in html


def test_the_life_circumstances_page_lists_the_factors_in_order(client: Client) -> None:
    html = page(client, "catalog:life_circumstances")

    assert html.index("похилий вік") < html.index("домашнє насильство")
    assert html.count('<th scope="row">') == 16


@pytest.mark.parametrize(
    "url_name",
    [
        "catalog:services",
        "catalog:basic_services",
        "catalog:vulnerable_groups",
        "catalog:age_bands",
        "catalog:life_circumstances",
    ],
)
def test_every_table_has_a_caption_and_column_headers(client: Client, url_name: str) -> None:
    html = page(client, url_name)

    assert html.count("<table>") == html.count("<caption>") >= 1
    assert '<th scope="col">' in html
