from __future__ import annotations

import itertools
from decimal import Decimal

from turbota.catalog.models import Service
from turbota.providers.enums import CapacityUnit, OwnershipSector
from turbota.providers.models import (
    Department,
    ProvidedService,
    Provider,
    ProviderAddress,
    StaffPosition,
)
from turbota.territories.models import Territory

_serial = itertools.count(10_000_000)


def make_provider(hromada: Territory, full_name: str | None = None, **fields: object) -> Provider:
    number = next(_serial)
    values: dict[str, object] = {
        "registry_code": str(number),
        "full_name": full_name or f"Центр надання соціальних послуг № {number}",
        "ownership_sector": OwnershipSector.COMMUNAL,
    }
    values.update(fields)
    return Provider.objects.create(hromada=hromada, **values)


def make_full_provider(
    hromada: Territory, settlement: Territory, full_name: str | None = None, **fields: object
) -> Provider:
    """A territorial centre with a department, three posts (4,5 established, 5 filled:
    the nurse post is over-filled) and two services, as a hand-checkable card."""
    provider = make_provider(
        hromada,
        full_name or "Територіальний центр соціального обслуговування",
        phone="(06237) 7-11-22",
        legal_address="вул. Пушкіна, 8",
        **fields,
    )
    ProviderAddress.objects.create(
        provider=provider, settlement=settlement, address="вул. Пушкіна, 8"
    )
    home_care = Department.objects.create(
        provider=provider, name="Відділення соціальної допомоги вдома", settlement=settlement
    )
    StaffPosition.objects.create(
        provider=provider, title="Директор", established=Decimal(1), filled=Decimal(1)
    )
    StaffPosition.objects.create(
        provider=provider,
        department=home_care,
        title="Соціальний робітник",
        established=Decimal(3),
        filled=Decimal(2),
    )
    StaffPosition.objects.create(
        provider=provider,
        department=home_care,
        title="Медична сестра",
        established=Decimal("0.5"),
        filled=Decimal(2),
    )
    ProvidedService.objects.create(
        provider=provider,
        service=Service.objects.get(code="015.1"),
        department=home_care,
        capacity=120,
        capacity_unit=CapacityUnit.RECIPIENTS_PER_YEAR,
        free=True,
        differentiated_fee=True,
    )
    ProvidedService.objects.create(
        provider=provider,
        service=Service.objects.get(code="019.0"),
        capacity=30,
        capacity_unit=CapacityUnit.PLACES,
        free=False,
        paid=True,
    )
    return provider
