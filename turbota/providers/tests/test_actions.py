from __future__ import annotations

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db.models.deletion import ProtectedError

from conftest import World
from turbota.catalog.models import Service
from turbota.providers import actions
from turbota.providers.actions import CardParts, StaleProviderError
from turbota.providers.models import (
    Department,
    ProvidedService,
    Provider,
    ProviderAddress,
    StaffPosition,
)
from turbota.providers.tests.factories import make_full_provider


def test_create_provider_saves_the_card_with_its_parts(world: World) -> None:
    # given
    provider = Provider(full_name="Центр соціальних служб", registry_code="12345678")
    department = Department(name="Відділення денного догляду")
    parts = CardParts(
        save=[
            ProviderAddress(address="вул. Шкільна, 1", settlement=world.village_a),
            department,
            ProvidedService(service=Service.objects.get(code="015.3"), capacity=15),
        ]
    )
    # when
    created = actions.create_provider(hromada=world.hromada_a, provider=provider, parts=parts)
    # then
    created.refresh_from_db()
    assert (created.hromada, created.version) == (world.hromada_a, 1)
    assert created.addresses.get().settlement == world.village_a
    assert created.departments.get().name == "Відділення денного догляду"
    assert created.services.get().service.code == "015.3"


def test_every_save_is_in_the_audit_log_under_the_provider(world: World) -> None:
    provider = Provider(full_name="Центр соціальних служб")
    parts = CardParts(save=[ProviderAddress(address="вул. Шкільна, 1")])
    actions.create_provider(hromada=world.hromada_a, provider=provider, parts=parts)
    entries = LogEntry.objects.filter(additional_data__provider_id=provider.pk)
    assert sorted(e.content_type.model for e in entries) == ["provider", "provideraddress"]
    assert all(e.additional_data["hromada_id"] == world.hromada_a.pk for e in entries)


def test_update_provider_saves_and_bumps_the_version(world: World) -> None:
    provider = world.provider_a
    provider.phone = "(0512) 11-22-33"
    actions.update_provider(provider=provider, expected_version=1, parts=CardParts())
    provider.refresh_from_db()
    assert (provider.phone, provider.version) == ("(0512) 11-22-33", 2)


def test_update_from_a_stale_version_is_refused_and_changes_nothing(world: World) -> None:
    # given: two people opened the card at version 1; the first one saved
    first = Provider.objects.get(pk=world.provider_a.pk)
    first.phone = "111"
    actions.update_provider(provider=first, expected_version=1, parts=CardParts())
    second = Provider.objects.get(pk=world.provider_a.pk)
    second.phone = "222"
    # when the second saves what they opened at version 1
    with pytest.raises(StaleProviderError) as refusal:
        actions.update_provider(
            provider=second,
            expected_version=1,
            parts=CardParts(save=[ProviderAddress(address="вул. Нова, 1")]),
        )
    # then
    assert "Картку змінив інший користувач" in refusal.value.messages[0]
    current = Provider.objects.get(pk=world.provider_a.pk)
    assert (current.phone, current.version) == ("111", 2)
    assert not current.addresses.exists()


def test_parts_are_deleted_before_their_department(world: World) -> None:
    provider = make_full_provider(world.hromada_a, world.city_a, registry_code="22334455")
    department = provider.departments.get()
    nurse = provider.staff.get(title="Медична сестра")
    actions.update_provider(
        provider=provider, expected_version=1, parts=CardParts(delete=[department, nurse])
    )
    assert not Department.objects.filter(provider=provider).exists()
    assert list(provider.staff.values_list("title", flat=True)) == ["Директор"]
    assert provider.services.get(service__code="015.1").department is None


def test_delete_provider_removes_its_parts(world: World) -> None:
    provider = make_full_provider(world.hromada_a, world.city_a, registry_code="22334455")
    actions.delete_provider(provider=provider)
    assert not Provider.objects.filter(full_name=provider.full_name).exists()
    assert not StaffPosition.objects.filter(provider_id=provider.pk).exists()


def test_delete_is_refused_while_user_accounts_are_bound_to_the_provider(world: World) -> None:
    with pytest.raises(ValidationError) as refusal:
        actions.delete_provider(provider=world.provider_a)
    assert refusal.value.messages == [
        "До надавача прив'язано облікових записів працівників: 1. Спершу зніміть з них роль "
        "«працівник надавача» (в адмініструванні)."
    ]
    assert Provider.objects.filter(pk=world.provider_a.pk).exists()


def test_delete_is_refused_while_a_protected_record_points_at_the_provider(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No model protects a provider yet; later ones (episodes, assessments) will.
    provider = world.provider_b
    blocker = Service.objects.get(code="015.1")

    def protected(*args: object, **kwargs: object) -> None:
        raise ProtectedError("protected", {blocker})

    monkeypatch.setattr(Provider, "delete", protected)
    with pytest.raises(ValidationError) as refusal:
        actions.delete_provider(provider=provider)
    assert refusal.value.messages == [
        "Надавача не можна видалити: на нього посилаються інші записи (соціальна послуга). "
        "Спершу змініть або видаліть їх."
    ]


def test_overstaffing_is_allowed(world: World) -> None:
    position = StaffPosition(
        provider=world.provider_a, title="Психолог", established=Decimal("0.5"), filled=Decimal(1)
    )
    actions.update_provider(
        provider=world.provider_a, expected_version=1, parts=CardParts(save=[position])
    )
    assert position.vacancy == Decimal("-0.5")
