from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser

from conftest import ROLES, World
from turbota.accounts.permissions import AnyUser
from turbota.catalog.models import Service
from turbota.providers import queries
from turbota.providers.actions import CardParts, update_provider
from turbota.providers.enums import OwnershipSector
from turbota.providers.models import Provider, ProviderAddress
from turbota.providers.permissions import can_view_provider
from turbota.providers.tests.factories import make_full_provider, make_provider
from turbota.territories.models import HromadaProfile


def _user(world: World, role: str) -> AnyUser:
    return world.users[role] or AnonymousUser()


def _names(world: World, role: str) -> set[str]:
    providers = queries.providers_visible_to(_user(world, role))
    return set(providers.values_list("full_name", flat=True))


@pytest.fixture
def provider_a2(world: World) -> Provider:
    return make_provider(world.hromada_a2, "Центр соціальних служб Сусідньої громади")


def test_administrator_sees_every_provider(world: World, provider_a2: Provider) -> None:
    assert _names(world, "admin") == {
        world.provider_a.full_name,
        world.provider_b.full_name,
        provider_a2.full_name,
    }


def test_hromada_staff_and_working_group_see_their_hromadas_providers(
    world: World, provider_a2: Provider
) -> None:
    assert _names(world, "hromada_staff") == {world.provider_a.full_name}
    assert _names(world, "working_group") == {world.provider_a.full_name}
    assert _names(world, "other_hromada_staff") == {world.provider_b.full_name}


def test_oblast_analyst_sees_every_hromada_of_their_oblast(
    world: World, provider_a2: Provider
) -> None:
    assert _names(world, "oblast_analyst") == {world.provider_a.full_name, provider_a2.full_name}


def test_provider_staff_see_only_their_own_provider(world: World) -> None:
    make_provider(world.hromada_a, "Інший надавач тієї ж громади")
    assert _names(world, "provider_staff") == {world.provider_a.full_name}


def test_everyone_sees_the_providers_of_published_hromadas(world: World) -> None:
    assert _names(world, "anonymous") == set()
    HromadaProfile.objects.create(hromada=world.hromada_b, is_published=True)
    assert _names(world, "anonymous") == {world.provider_b.full_name}
    assert _names(world, "no_role") == {world.provider_b.full_name}
    assert _names(world, "provider_staff") == {
        world.provider_a.full_name,
        world.provider_b.full_name,
    }


@pytest.mark.parametrize("role", ROLES)
def test_the_visible_list_agrees_with_the_card_permission(
    world: World, provider_a2: Provider, role: str
) -> None:
    HromadaProfile.objects.create(hromada=world.hromada_a2, is_published=True)
    user = _user(world, role)
    visible = set(queries.providers_visible_to(user))
    allowed = {p for p in Provider.objects.all() if can_view_provider(user, p)}
    assert visible == allowed


def test_search_ignores_the_case_of_cyrillic_letters(world: World) -> None:
    providers = Provider.objects.all()
    found = queries.search_providers(providers, "ЦЕНТР надання першанської")
    assert list(found) == [world.provider_a]


def test_search_finds_a_short_name_and_a_code_prefix(world: World) -> None:
    provider = make_provider(
        world.hromada_a, "Інклюзивно-ресурсний центр", short_name="ІРЦ", registry_code="33445566"
    )
    assert list(queries.search_providers(Provider.objects.all(), "ІРЦ")) == [provider]
    assert list(queries.search_providers(Provider.objects.all(), "334455")) == [provider]


def test_search_never_matches_a_natural_persons_code(world: World) -> None:
    make_provider(
        world.hromada_a,
        "Коваленко Марія Іванівна",
        registry_code="3012345678",
        ownership_sector=OwnershipSector.NATURAL_PERSON,
    )
    assert list(queries.search_providers(Provider.objects.all(), "30123")) == []
    assert len(queries.search_providers(Provider.objects.all(), "Коваленко")) == 1


def test_search_never_matches_a_ten_digit_code_whatever_the_sector(world: World) -> None:
    make_provider(
        world.hromada_a,
        "ФОП Петренко Ганна Олегівна",
        registry_code="3099999999",
        ownership_sector=OwnershipSector.NON_STATE,
    )
    assert list(queries.search_providers(Provider.objects.all(), "3099")) == []
    assert len(queries.search_providers(Provider.objects.all(), "Петренко")) == 1


def test_offering_keeps_providers_with_the_service(world: World) -> None:
    provider = make_full_provider(world.hromada_a, world.city_a, registry_code="22334455")
    home_care = Service.objects.get(code="015.1")
    assert list(queries.offering(Provider.objects.all(), home_care)) == [provider]


def test_rows_sum_the_staff_established_and_filled(world: World) -> None:
    make_full_provider(world.hromada_a, world.city_a, registry_code="22334455")
    rows = {p.full_name: p for p in queries.provider_rows(Provider.objects.all())}
    centre = rows["Територіальний центр соціального обслуговування"]
    assert (centre.staff_established, centre.staff_filled) == (Decimal("4.5"), Decimal(5))  # type: ignore[attr-defined]
    assert rows[world.provider_a.full_name].staff_established is None  # type: ignore[attr-defined]


def test_providers_are_listed_in_ukrainian_alphabetical_order(world: World) -> None:
    for name in ("Інклюзивно-ресурсний центр", "Гуманітарний центр", "Управління"):
        make_provider(world.hromada_a2, name)
    names = list(world.hromada_a2.providers.values_list("full_name", flat=True))
    assert names == ["Гуманітарний центр", "Інклюзивно-ресурсний центр", "Управління"]


def test_card_totals_and_vacancies(world: World) -> None:
    provider = make_full_provider(world.hromada_a, world.city_a, registry_code="22334455")
    card = queries.provider_card(provider)
    assert (card.established_total, card.filled_total) == (Decimal("4.5"), Decimal(5))
    assert card.vacancy_total == Decimal("-0.5")
    assert [p.title for p in card.overstaffed] == ["Медична сестра"]
    assert [s.service.code for s in card.services] == ["015.1", "019.0"]


def test_history_shows_field_changes_of_the_card_and_its_parts(world: World) -> None:
    # given
    provider = world.provider_a
    provider.phone = "(0512) 11-22-33"
    address = ProviderAddress(address="вул. Шкільна, 1", settlement=world.village_a)
    update_provider(provider=provider, expected_version=1, parts=CardParts(save=[address]))
    address.settlement = world.city_a
    update_provider(provider=provider, expected_version=2, parts=CardParts(save=[address]))
    # when
    history = queries.provider_history(provider=provider)
    # then
    moved, added, phone, created = history
    assert moved.action == "змінено"
    assert [(c.field, c.old, c.new) for c in moved.changes] == [
        ("населений пункт", "с. Лугове", "м. Першанськ")
    ]
    assert (added.what, added.action) == ("адреса надання послуг «вул. Шкільна, 1»", "додано")
    assert [(c.field, c.old, c.new) for c in phone.changes] == [("телефон", "—", "(0512) 11-22-33")]
    assert created.action == "додано"


def test_history_of_one_provider_leaves_out_the_others(world: World) -> None:
    history = queries.provider_history(provider=world.provider_a)
    assert [entry.what for entry in history] == [
        f"надавач соціальних послуг «{world.provider_a.full_name}»"
    ]
