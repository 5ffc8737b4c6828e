from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from conftest import World
from turbota.catalog.models import Service
from turbota.core.models import ImportJob
from turbota.providers import workbook as book
from turbota.providers.enums import OwnershipSector
from turbota.providers.models import Provider, StaffPosition
from turbota.providers.tests.factories import make_full_provider, make_provider

CENTRE = "Територіальний центр соціального обслуговування"


def _formset(prefix: str, rows: list[dict[str, Any]], initial: int = 0) -> dict[str, Any]:
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def card(**fields: Any) -> dict[str, Any]:
    """POST data of the card form: the provider's fields and (empty) formsets."""
    data: dict[str, Any] = {
        "full_name": "Центр соціальних служб",
        "ownership_sector": OwnershipSector.COMMUNAL,
        "version": "1",
    }
    for prefix in ("departments", "addresses", "staff", "services"):
        data.update(_formset(prefix, []))
    data.update(fields)
    return data


def _page(response: Any) -> str:
    return str(response.content.decode())


@pytest.fixture
def staff(world: World) -> Client:
    return world.client_for("hromada_staff")


@pytest.fixture
def centre(world: World) -> Provider:
    return make_full_provider(world.hromada_a, world.city_a, CENTRE, registry_code="22334455")


# The list of all providers


def _list(client: Client, **query: str) -> str:
    return _page(client.get(reverse("providers:list"), query))


def test_list_filters_by_sector_service_kind_hromada_and_search(
    world: World, centre: Provider
) -> None:
    # given
    make_provider(world.hromada_a, "ГО «Вікторія»", ownership_sector="non_state", is_potential=True)
    admin = world.client_for("admin")
    home_care = Service.objects.get(code="015.1")
    # then
    assert "ГО «Вікторія»" in _list(admin, sector="non_state")
    assert CENTRE not in _list(admin, sector="non_state")
    assert CENTRE in _list(admin, service=str(home_care.pk))
    assert world.provider_a.full_name not in _list(admin, service=str(home_care.pk))
    assert "ГО «Вікторія»" not in _list(admin, kind="actual")
    assert CENTRE not in _list(admin, kind="potential")
    assert world.provider_b.full_name not in _list(admin, hromada=str(world.hromada_a.pk))
    assert CENTRE in _list(admin, q="територіальний ЦЕНТР")
    assert world.provider_a.full_name not in _list(admin, q="територіальний")


def test_list_offers_only_the_hromadas_the_user_may_see(world: World) -> None:
    page = _list(world.client_for("hromada_staff"))
    assert world.hromada_a.display_name in page
    assert world.hromada_b.display_name not in page


def test_list_shows_codes_of_services_and_staff_filled_of_established(
    world: World, centre: Provider
) -> None:
    page = _list(world.client_for("admin"), q="Територіальний центр соціального")
    assert "015.1, 019.0" in page
    assert '<td class="num">5 / 4,5</td>' in page


def test_list_sorts_by_staff(world: World, centre: Provider) -> None:
    page = _list(world.client_for("hromada_staff"), sort="-staff")
    assert page.index(CENTRE) < page.index(world.provider_a.full_name)
    page = _list(world.client_for("hromada_staff"), sort="staff")
    assert page.index(CENTRE) > page.index(world.provider_a.full_name)


def test_list_paginates_by_fifty(world: World) -> None:
    for number in range(55):
        make_provider(world.hromada_a, f"Надавач {number:02d}")
    assert "Сторінка 1 з 2" in _list(world.client_for("admin"))


def test_list_says_so_when_nothing_matches(world: World) -> None:
    page = _list(world.client_for("admin"), q="немає такого")
    assert "Знайдено: 0" in page
    assert "Надавачів не знайдено." in page


def test_list_queries_do_not_grow_with_the_providers(
    world: World, django_assert_max_num_queries: Any
) -> None:
    for number in range(20):
        make_full_provider(world.hromada_a, world.city_a, f"Центр № {number}")
    client = world.client_for("oblast_analyst")
    with django_assert_max_num_queries(8):
        response = client.get(reverse("providers:list"))
    assert _page(response).count("015.1, 019.0") == 20


# The registry of one hromada


def test_hromada_registry_has_providers_and_potential_providers_apart(
    world: World, staff: Client
) -> None:
    make_provider(
        world.hromada_a,
        "ГО «Вікторія»",
        is_potential=True,
        activity="соціальний захист людей з обмеженими можливостями",
    )
    page = _page(staff.get(reverse("providers:hromada_list", args=[world.hromada_a.code])))
    providers, potential = page.split('id="potential-heading"')
    assert world.provider_a.full_name in providers
    assert "ГО «Вікторія»" in potential
    assert "соціальний захист людей з обмеженими можливостями" in potential


@pytest.mark.parametrize(("role", "shown"), [("hromada_staff", True), ("working_group", False)])
def test_registry_buttons_are_for_managers(world: World, role: str, shown: bool) -> None:
    url = reverse("providers:hromada_list", args=[world.hromada_a.code])
    page = _page(world.client_for(role).get(url))
    for label in ("Додати надавача", "Імпортувати з XLSX", "Експортувати в XLSX"):
        assert (label in page) is shown


def test_an_empty_registry_invites_to_add_or_import(world: World) -> None:
    url = reverse("providers:hromada_list", args=[world.hromada_a2.code])
    page = _page(world.client_for("admin").get(url))
    assert "До реєстру громади ще не внесено жодного надавача" in page


# The card


def test_card_shows_staff_totals_services_and_addresses(
    world: World, staff: Client, centre: Provider
) -> None:
    page = _page(staff.get(reverse("providers:detail", args=[centre.pk])))
    assert '<td class="num">4,5</td>' in page  # established
    assert '<td class="num">-0,5</td>' in page  # vacancy: one more person than posts
    assert "понад штат" in page
    assert "120 отримувачів на рік" in page
    assert "безоплатно, з установленням диференційованої плати" in page
    assert "м. Першанськ" in page


def test_a_natural_persons_code_is_shown_only_to_those_who_edit_the_card(world: World) -> None:
    person = make_provider(
        world.hromada_a,
        "Коваленко Марія Іванівна",
        registry_code="3012345678",
        ownership_sector=OwnershipSector.NATURAL_PERSON,
    )
    url = reverse("providers:detail", args=[person.pk])
    assert "3012345678" in _page(world.client_for("hromada_staff").get(url))
    analyst_page = _page(world.client_for("oblast_analyst").get(url))
    assert "3012345678" not in analyst_page
    assert "приховано: персональні дані (РНОКПП)" in analyst_page


def test_any_ten_digit_code_is_a_persons_and_is_hidden_whatever_the_sector(
    world: World,
) -> None:
    # given a sole trader listed under the non-state sector, founded by a person
    trader = make_provider(
        world.hromada_a,
        "ФОП Петренко Ганна Олегівна",
        registry_code="3099999999",
        parent_code="3088888888",
        ownership_sector=OwnershipSector.NON_STATE,
    )
    url = reverse("providers:detail", args=[trader.pk])
    staff_page = _page(world.client_for("hromada_staff").get(url))
    assert "3099999999" in staff_page
    assert "3088888888" in staff_page
    analyst_page = _page(world.client_for("oblast_analyst").get(url))
    assert "3099999999" not in analyst_page
    assert "3088888888" not in analyst_page
    assert analyst_page.count("приховано: персональні дані (РНОКПП)") == 2


def test_a_founders_personal_code_does_not_hide_the_providers_own_edrpou(world: World) -> None:
    ngo = make_provider(world.hromada_a, "ГО «Світанок»", registry_code="45678901")
    ngo.parent_code = "3088888888"
    ngo.save()
    page = _page(world.client_for("oblast_analyst").get(reverse("providers:detail", args=[ngo.pk])))
    assert "45678901" in page
    assert "3088888888" not in page


def test_history_is_shown_to_editors_only(world: World, centre: Provider) -> None:
    url = reverse("providers:detail", args=[centre.pk])
    assert "Історія змін" in _page(world.client_for("hromada_staff").get(url))
    assert "Історія змін" not in _page(world.client_for("working_group").get(url))


def test_card_queries_do_not_grow_with_its_parts(
    world: World, staff: Client, centre: Provider, django_assert_max_num_queries: Any
) -> None:
    for number in range(15):
        StaffPosition.objects.create(
            provider=centre, title=f"Посада {number}", established=1, filled=1
        )
    with django_assert_max_num_queries(13):
        staff.get(reverse("providers:detail", args=[centre.pk]))


# Adding and editing


def test_create_adds_a_provider_with_its_parts(world: World, staff: Client) -> None:
    home_care = Service.objects.get(code="015.1")
    data = card(
        registry_code="12 345 678",
        **_formset("addresses", [{"settlement": world.village_a.pk, "address": "вул. Польова, 3"}]),
        **_formset("departments", [{"name": "Відділення денного догляду"}]),
        **_formset("staff", [{"title": "Директор", "established": "1", "filled": "1"}]),
        **_formset(
            "services",
            [{"service": home_care.pk, "capacity": "40", "capacity_unit": "places", "free": "on"}],
        ),
    )
    response = staff.post(reverse("providers:create", args=[world.hromada_a.code]), data)
    provider = Provider.objects.get(full_name="Центр соціальних служб")
    assert response.status_code == 302
    assert response["Location"] == reverse("providers:detail", args=[provider.pk])
    assert (provider.registry_code, provider.hromada) == ("12345678", world.hromada_a)
    assert provider.addresses.get().settlement == world.village_a
    assert provider.services.get().capacity == 40
    assert provider.departments.count() == provider.staff.count() == 1


def _errors_of(response: Any) -> str:
    assert response.status_code in (200, 409), response.status_code
    return _page(response)


def test_create_explains_a_wrong_code(world: World, staff: Client) -> None:
    url = reverse("providers:create", args=[world.hromada_a.code])
    page = _errors_of(staff.post(url, card(registry_code="1234567")))
    assert "Код ЄДРПОУ — 8 цифр, РНОКПП фізичної особи — 10 цифр." in page
    page = _errors_of(
        staff.post(url, card(registry_code="1234567890", ownership_sector="communal"))
    )
    assert "Для державної чи комунальної установи вказують ЄДРПОУ — 8 цифр." in page
    assert not Provider.objects.filter(full_name="Центр соціальних служб").exists()


def test_create_refuses_a_code_already_in_the_registry(world: World, staff: Client) -> None:
    url = reverse("providers:create", args=[world.hromada_a.code])
    page = _errors_of(staff.post(url, card(registry_code=world.provider_b.registry_code)))
    assert "Цей код уже має інший надавач у реєстрі: надавач іншої громади." in page
    page = _errors_of(staff.post(url, card(full_name=world.provider_a.full_name)))
    assert "У цій громаді вже є надавач з такою повною назвою." in page


def test_create_refuses_a_service_listed_twice(world: World, staff: Client) -> None:
    home_care = Service.objects.get(code="015.1")
    row = {"service": home_care.pk, "capacity_unit": "places", "free": "on"}
    url = reverse("providers:create", args=[world.hromada_a.code])
    page = _errors_of(staff.post(url, card(**_formset("services", [row, row]))))
    assert "Послугу «015.1 Догляд вдома» вказано двічі." in page


def test_create_requires_a_payment_basis(world: World, staff: Client) -> None:
    home_care = Service.objects.get(code="015.1")
    row = {"service": home_care.pk, "capacity_unit": "places", "capacity": "5"}
    url = reverse("providers:create", args=[world.hromada_a.code])
    page = _errors_of(staff.post(url, card(**_formset("services", [row]))))
    assert "Позначте хоча б одну умову оплати." in page


def test_create_offers_only_the_hromadas_settlements(world: World, staff: Client) -> None:
    url = reverse("providers:create", args=[world.hromada_a.code])
    row = {"settlement": world.village_b.pk, "address": "вул. Далека, 1"}
    page = _errors_of(staff.post(url, card(**_formset("addresses", [row]))))
    assert "Цей населений пункт не входить до громади." in page
    assert "с. Дальнє" not in _page(staff.get(url))


def _edit(client: Client, provider: Provider, **fields: Any) -> Any:
    data = card(full_name=provider.full_name, registry_code=provider.registry_code, **fields)
    return client.post(reverse("providers:edit", args=[provider.pk]), data)


def test_edit_saves_and_bumps_the_version(world: World, staff: Client) -> None:
    response = _edit(staff, world.provider_a, phone="(0512) 11-22-33")
    assert response.status_code == 302
    world.provider_a.refresh_from_db()
    assert (world.provider_a.phone, world.provider_a.version) == ("(0512) 11-22-33", 2)


def test_a_save_over_someone_elses_newer_save_is_refused_and_the_input_kept(
    world: World, staff: Client
) -> None:
    # given: someone saved the card after this user opened it at version 1
    Provider.objects.filter(pk=world.provider_a.pk).update(version=2, phone="111")
    # when
    response = _edit(staff, world.provider_a, phone="(0512) 99-88-77", version="1")
    # then
    page = _page(response)
    assert response.status_code == 409
    assert "Картку змінив інший користувач" in page
    assert 'value="(0512) 99-88-77"' in page
    assert 'name="version" value="2"' in page
    world.provider_a.refresh_from_db()
    assert world.provider_a.phone == "111"


def test_saving_again_after_the_refusal_is_a_deliberate_overwrite(
    world: World, staff: Client
) -> None:
    Provider.objects.filter(pk=world.provider_a.pk).update(version=2, phone="111")
    response = _edit(staff, world.provider_a, phone="(0512) 99-88-77", version="2")
    assert response.status_code == 302
    world.provider_a.refresh_from_db()
    assert (world.provider_a.phone, world.provider_a.version) == ("(0512) 99-88-77", 3)


def test_edit_warns_about_overstaffing_but_saves(world: World, staff: Client) -> None:
    row = {"title": "Психолог", "established": "0.5", "filled": "1"}
    response = _edit(staff, world.provider_a, **_formset("staff", [row]))
    page = _page(staff.get(response["Location"]))
    assert "Посада «Психолог»: фактично працює більше, ніж штатних одиниць" in page
    assert world.provider_a.staff.get().filled == Decimal(1)


def test_edit_refuses_to_remove_a_department_a_post_still_uses(
    world: World, staff: Client, centre: Provider
) -> None:
    department = centre.departments.get()
    worker = centre.staff.get(title="Соціальний робітник")
    data = _formset(
        "departments", [{"id": department.pk, "name": department.name, "DELETE": "on"}], 1
    )
    data |= _formset(
        "staff",
        [
            {
                "id": worker.pk,
                "department": department.pk,
                "title": worker.title,
                "established": "3",
                "filled": "2",
            }
        ],
        1,
    )
    page = _errors_of(_edit(staff, centre, **data))
    assert "позначено до видалення: оберіть інше або залиште порожнім" in page
    assert centre.departments.exists()


def test_provider_staff_edit_their_own_card(world: World) -> None:
    response = _edit(world.client_for("provider_staff"), world.provider_a, phone="123")
    assert response.status_code == 302
    world.provider_a.refresh_from_db()
    assert world.provider_a.hromada == world.hromada_a


# Deleting


def test_delete_asks_first_then_removes_the_provider(world: World, staff: Client) -> None:
    provider = make_provider(world.hromada_a, "Центр, який закрили")
    url = reverse("providers:delete", args=[provider.pk])
    assert "Видалити надавача з реєстру?" in _page(staff.get(url))
    response = staff.post(url)
    assert response["Location"] == reverse("providers:hromada_list", args=[world.hromada_a.code])
    assert not Provider.objects.filter(pk=provider.pk).exists()


def test_delete_explains_why_it_is_refused(world: World, staff: Client) -> None:
    response = staff.post(reverse("providers:delete", args=[world.provider_a.pk]))
    assert response.status_code == 409
    assert "До надавача прив'язано облікових записів працівників: 1." in _page(response)
    assert Provider.objects.filter(pk=world.provider_a.pk).exists()


# Files


def test_export_downloads_the_hromadas_registry(
    world: World, staff: Client, centre: Provider
) -> None:
    response = staff.get(reverse("providers:export", args=[world.hromada_a.code]))
    assert response["Content-Disposition"] == (
        f'attachment; filename="providers-{world.hromada_a.code}.xlsx"'
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))[book.PROVIDERS]
    names = [str(row[1]) for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == sorted([CENTRE, world.provider_a.full_name])


def test_template_downloads_an_empty_workbook(world: World, staff: Client) -> None:
    response = staff.get(reverse("providers:template", args=[world.hromada_a.code]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))[book.PROVIDERS]
    assert sheet.max_row == 1


def test_upload_is_previewed_then_applied(world: World, staff: Client) -> None:
    # given
    content = book.write_export(world.hromada_a)
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    workbook[book.PROVIDERS].append(["12345678", "Центр соціальних служб"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "registry.xlsx"
    # when
    response = staff.post(
        reverse("providers:import", args=[world.hromada_a.code]), {"file": buffer}
    )
    job = ImportJob.objects.get()
    preview = _page(staff.get(response["Location"]))
    staff.post(reverse("core:import_apply", args=[job.pk]))
    # then
    assert "Надавач «Центр соціальних служб»" in preview
    assert Provider.objects.get(registry_code="12345678").hromada == world.hromada_a


@pytest.mark.parametrize("role", ["working_group", "provider_staff", "oblast_analyst"])
def test_writes_by_post_are_refused_to_those_who_may_not_make_them(world: World, role: str) -> None:
    client = world.client_for(role)
    code = world.hromada_a.code
    assert client.post(reverse("providers:delete", args=[world.provider_a.pk])).status_code == 403
    assert client.post(reverse("providers:create", args=[code]), card()).status_code == 403
    assert client.post(reverse("providers:import", args=[code])).status_code == 403
    assert Provider.objects.filter(pk=world.provider_a.pk).exists()
    assert not Provider.objects.filter(full_name="Центр соціальних служб").exists()


def test_edit_by_post_is_refused_to_the_working_group(world: World) -> None:
    response = _edit(world.client_for("working_group"), world.provider_a, phone="123")
    assert response.status_code == 403
    world.provider_a.refresh_from_db()
    assert world.provider_a.phone == ""
