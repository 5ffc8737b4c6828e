from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World
from turbota.accounts.models import User
from turbota.providers.models import Department, Provider
from turbota.providers.tests.factories import make_full_provider


@pytest.fixture
def root(world: World) -> Client:
    """A superuser (pytest-django's ``admin_client`` would reuse the world's "admin")."""
    client = Client()
    client.force_login(User.objects.create_superuser("root", "root@example.org", "x"))
    return client


MODELS = ["provider", "provideraddress", "department", "staffposition", "providedservice"]


@pytest.mark.parametrize("model", MODELS)
def test_admin_lists_every_providers_model(world: World, root: Client, model: str) -> None:
    make_full_provider(world.hromada_a, world.city_a, registry_code="22334455")
    url = reverse(f"admin:providers_{model}_changelist")
    response = root.get(url, {"hromada": world.hromada_a.pk})
    assert response.status_code == 200


def test_admin_card_offers_only_the_providers_own_departments(world: World, root: Client) -> None:
    centre = make_full_provider(world.hromada_a, world.city_a, registry_code="22334455")
    Department.objects.create(provider=world.provider_b, name="Відділення іншого надавача")
    url = reverse("admin:providers_provider_change", args=[centre.pk])
    page = root.get(url).content.decode()
    assert "Відділення соціальної допомоги вдома</option>" in page
    assert "Відділення іншого надавача" not in page


def test_saving_a_card_in_the_admin_bumps_its_version(world: World, root: Client) -> None:
    url = reverse("admin:providers_provider_change", args=[world.provider_a.pk])
    data = {
        "hromada": world.hromada_a.pk,
        "full_name": world.provider_a.full_name,
        "registry_code": world.provider_a.registry_code,
        "ownership_sector": "communal",
    }
    for prefix in ("addresses", "departments", "staff", "services"):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    response = root.post(url, data)
    assert response.status_code == 302
    assert Provider.objects.get(pk=world.provider_a.pk).version == 2


def test_the_rules_do_not_break_djangos_model_permission_of_the_same_name(world: World) -> None:
    # Django's admin asks for "providers.view_provider" without an object.
    assert world.users["hromada_staff"].has_perm("providers.view_provider") is False  # type: ignore[union-attr]
    assert world.users["hromada_staff"].has_perm("providers.view_provider", world.provider_a)  # type: ignore[union-attr]
