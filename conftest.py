"""Fixtures shared by every app's tests.

``world`` is a small country: oblast A with hromadas A (which has a user of every role and
a provider) and A2, and oblast B with hromada B (its own staff, analyst and provider).
Tests of access use it to ask "may this role see that object of another hromada?".
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from turbota.accounts.enums import Role
from turbota.accounts.models import User
from turbota.accounts.tests.factories import PASSWORD, make_user
from turbota.catalog.actions import load_catalog
from turbota.core.demo import HROMADA_CODE, OBLAST_CODE
from turbota.providers.models import Provider
from turbota.providers.tests.factories import make_provider
from turbota.territories.enums import TerritoryCategory
from turbota.territories.models import Territory
from turbota.territories.tests.factories import make_hromada, make_territory

# One Chromium for the whole run, shared by every app's browser tests.
pytest_plugins = ["turbota.core.tests.browser"]

# Playwright's sync API runs an event loop in the test thread; the ORM calls around it
# are still synchronous test code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@dataclass
class World:
    oblast_a: Territory
    hromada_a: Territory
    city_a: Territory
    village_a: Territory
    hromada_a2: Territory
    oblast_b: Territory
    hromada_b: Territory
    village_b: Territory
    provider_a: Provider
    provider_b: Provider
    users: dict[str, User | None]
    # Objects a test's set-up creates for later steps (e.g. a staged import to open).
    extra: dict[str, Any] = field(default_factory=dict)

    def client_for(self, role: str) -> Client:
        client = Client()
        user = self.users[role]
        if user is not None:
            client.force_login(user)
        return client


ROLES = (
    "anonymous",
    "admin",
    "hromada_staff",
    "working_group",
    "provider_staff",
    "oblast_analyst",
    "other_hromada_staff",
    "other_oblast_analyst",
    "no_role",
)


@pytest.fixture(autouse=True)
def _test_settings(settings: Any, tmp_path: Path) -> None:
    # The production hasher is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    # Background jobs run within the request, and their progress goes to a private cache.
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "sync": True}
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def catalog(db: None) -> None:
    load_catalog()


@pytest.fixture
def world(db: None, catalog: None) -> World:
    oblast_a = make_territory("Перша", TerritoryCategory.OBLAST)
    hromada_a = make_hromada("Першанська", oblast=oblast_a)
    city_a = make_territory("Першанськ", TerritoryCategory.CITY, parent=hromada_a)
    village_a = make_territory("Лугове", TerritoryCategory.VILLAGE, parent=hromada_a)
    hromada_a2 = make_hromada("Сусідня", oblast=oblast_a)
    oblast_b = make_territory("Друга", TerritoryCategory.OBLAST)
    hromada_b = make_hromada("Другівська", oblast=oblast_b)
    village_b = make_territory("Дальнє", TerritoryCategory.VILLAGE, parent=hromada_b)
    provider_a = make_provider(hromada_a, "Центр надання соціальних послуг Першанської громади")
    provider_b = make_provider(hromada_b, "Територіальний центр Другівської громади")
    users: dict[str, User | None] = {
        "anonymous": None,
        "admin": make_user("admin", Role.ADMIN, is_staff=True),
        "hromada_staff": make_user("staff_a", Role.HROMADA_STAFF, territory=hromada_a),
        "working_group": make_user("wg_a", Role.WORKING_GROUP, territory=hromada_a),
        "provider_staff": make_user("provider_a", Role.PROVIDER_STAFF, provider=provider_a),
        "oblast_analyst": make_user("analyst_a", Role.OBLAST_ANALYST, territory=oblast_a),
        "other_hromada_staff": make_user("staff_b", Role.HROMADA_STAFF, territory=hromada_b),
        "other_oblast_analyst": make_user("analyst_b", Role.OBLAST_ANALYST, territory=oblast_b),
        "no_role": make_user("nobody"),
    }
    return World(
        oblast_a=oblast_a,
        hromada_a=hromada_a,
        city_a=city_a,
        village_a=village_a,
        hromada_a2=hromada_a2,
        oblast_b=oblast_b,
        hromada_b=hromada_b,
        village_b=village_b,
        provider_a=provider_a,
        provider_b=provider_b,
        users=users,
    )


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def selydove(catalog: None) -> Territory:
    """The codifier units the demo hromada needs, with their real codes and categories
    (the full codifier takes seconds to load; the demo needs these twelve)."""
    oblast = make_territory("Донецька", TerritoryCategory.OBLAST, code=OBLAST_CODE)
    raion = make_territory(
        "Покровський", TerritoryCategory.RAION, parent=oblast, code="UA14160000000061982"
    )
    hromada = make_territory(
        "Селидівська", TerritoryCategory.HROMADA, parent=raion, code=HROMADA_CODE
    )
    for code, (name, category) in SELYDOVE_SETTLEMENTS.items():
        make_territory(name, category, parent=hromada, code=code)
    return hromada


SELYDOVE_SETTLEMENTS = {
    "UA14160230010080205": ("Селидове", TerritoryCategory.CITY),
    "UA14160230020031369": ("Українськ", TerritoryCategory.CITY),
    "UA14160230030038112": ("Вишневе", TerritoryCategory.SETTLEMENT),
    "UA14160230040034719": ("Цукурине", TerritoryCategory.SETTLEMENT),
    "UA14160230050039511": ("Григорівка", TerritoryCategory.VILLAGE),
    "UA14160230060050919": ("Новоолексіївка", TerritoryCategory.VILLAGE),
    "UA14160230070011197": ("Петрівка", TerritoryCategory.VILLAGE),
    "UA14160230080096831": ("Пустинка", TerritoryCategory.VILLAGE),
    "UA14160230090056993": ("Юріївка", TerritoryCategory.VILLAGE),
}
