"""A synthetic oblast: every hromada of a real (or test) oblast filled with invented data —
settlement populations and coordinates, vulnerable groups by sex, providers with services
and capacities, synthetic people served (``people.synthetic``), a published needs study
and the services it cannot provide alone — so the oblast pages have something to show.

Everything invented says so: profiles carry a note, settlement figures are estimates,
providers are named «Синтетичний …», people are ``is_synthetic``; coordinates are scattered
around the oblast's centre and mean nothing. A hromada that already has a profile is left
alone (the demo hromada keeps its published figures). The same seed on the same codifier
gives the same oblast: each hromada draws from its own ``random.Random(seed:code)``.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from decimal import Decimal

from auditlog.context import disable_auditlog
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from turbota.catalog.models import Service, VulnerableGroup
from turbota.core.enums import Sex
from turbota.needs.actions import change_status, start_study
from turbota.needs.enums import StudyStatus
from turbota.needs.models import UnprovidableService
from turbota.oblast.queries import hromadas_of
from turbota.people.synthetic import generate_people
from turbota.providers.enums import CapacityUnit, OwnershipSector
from turbota.providers.models import Department, ProvidedService, Provider, ProviderAddress
from turbota.territories.enums import URBAN_CATEGORIES
from turbota.territories.models import (
    HromadaProfile,
    SettlementProfile,
    Territory,
    VulnerableGroupCount,
)

NOTE = (
    "Синтетичні (вигадані) дані для демонстрації й тестів: населення, вразливі групи, "
    "надавачі, отримувачі й координати не є даними громади."
)
SOURCE = "синтетичні дані"
# Administrative centres of oblasts (degrees); others start from the middle of Ukraine.
CENTRES = {
    "UA12000000000090473": (48.4647, 35.0462),  # Дніпропетровська: м. Дніпро
    "UA14000000000091971": (48.7389, 37.5848),  # Донецька: м. Краматорськ
}
MIDDLE_OF_UKRAINE = (48.9, 31.5)
KM_PER_DEGREE = 111.2

# Share of the population in each group (women, men) — rough national orders of magnitude.
GROUP_SHARES = {
    "older_persons": (0.30, 0.20),
    "internally_displaced": (0.06, 0.04),
    "persons_with_disabilities": (0.07, 0.06),
    "palliative_care_needed": (0.004, 0.003),
    "persons_with_mental_illness": (0.01, 0.015),
    "children_with_mental_illness": (0.002, 0.003),
    "families_with_disabled_children": (0.004, 0.002),
    "orphans_without_parental_care": (0.002, 0.002),
    "children_under_guardianship": (0.002, 0.002),
    "families_in_difficult_circumstances": (0.002, 0.002),
    "single_mothers": (0.01, 0.0),
    "ato_participants": (0.001, 0.02),
    "nominally_single_60_plus": (0.004, 0.001),
}
# What synthetic providers may offer; the first four always (the needs method's services).
SERVICES = ("015.1", "002.0", "019.0", "013.0", "015.3", "010.1", "007.0", "001.0", "012.0")
ALWAYS = 4
REASONS = (
    "немає фахівців потрібної кваліфікації в громаді",
    "замало отримувачів для окремого закладу",
    "немає приміщення, придатного для стаціонару",
    "бракує коштів місцевого бюджету",
)
RARE_SERVICES = ("015.4", "009.1", "017.1", "018.1", "022.0", "015.2")


@dataclass
class OblastSummary:
    oblast: Territory
    filled: list[Territory] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # why a hromada was left alone
    people: int = 0


def fill_oblast(
    *, oblast: Territory, people: int = 30, seed: int = 2021, year: int = 2021
) -> OblastSummary:
    """Fill every hromada of ``oblast`` that has no profile yet (each in its own
    transaction, so an interruption leaves whole hromadas)."""
    summary = OblastSummary(oblast=oblast)
    centre = CENTRES.get(oblast.code, MIDDLE_OF_UKRAINE)
    services = {s.code: s for s in Service.objects.filter(code__in=SERVICES + RARE_SERVICES)}
    groups = {g.code: g for g in VulnerableGroup.objects.all()}
    profiled = set(
        HromadaProfile.objects.filter(hromada__oblast=oblast).values_list("hromada_id", flat=True)
    )
    for hromada in hromadas_of(oblast):
        if hromada.pk in profiled:
            summary.skipped.append(f"{hromada.display_name}: профіль уже є")
            continue
        settlements = list(
            Territory.objects.settlements().current().filter(hromada=hromada).order_by("code")
        )
        if not settlements:
            summary.skipped.append(f"{hromada.display_name}: немає населених пунктів")
            continue
        draw = random.Random(f"{seed}:{hromada.code}")  # noqa: S311 (no secrets here)
        with transaction.atomic():
            place = _place(draw, centre, hromada)
            _fill_hromada(draw, hromada, settlements, place, groups, services, year)
            summary.people += generate_people(
                hromada=hromada, people=people, seed=seed, year=year
            ).people
            _publish_study(draw, hromada, year, services)
        summary.filled.append(hromada)
    return summary


def _offset(draw: random.Random, origin: tuple[float, float], km: float) -> tuple[float, float]:
    angle = draw.uniform(0, 2 * math.pi)
    distance = km * math.sqrt(draw.random())  # evenly over the disc
    latitude = origin[0] + distance * math.sin(angle) / KM_PER_DEGREE
    longitude = origin[1] + distance * math.cos(angle) / (
        KM_PER_DEGREE * math.cos(math.radians(origin[0]))
    )
    return min(max(latitude, 44.5), 52.0), min(max(longitude, 22.5), 40.0)


def _place(
    draw: random.Random, centre: tuple[float, float], hromada: Territory
) -> tuple[float, float]:
    """The hromada's centre: its raion's (drawn from the raion's own code) plus a little."""
    raion = hromada.parent
    raion_draw = random.Random(f"raion:{raion.code if raion else hromada.code}")  # noqa: S311
    raion_centre = _offset(raion_draw, centre, 90)
    return _offset(draw, raion_centre, 25)


def _fill_hromada(
    draw: random.Random,
    hromada: Territory,
    settlements: list[Territory],
    place: tuple[float, float],
    groups: dict[str, VulnerableGroup],
    services: dict[str, Service],
    year: int,
) -> None:
    urban = [s for s in settlements if s.category in URBAN_CATEGORIES]
    centre = (urban or settlements)[0]
    profiles = [
        _settlement(draw, hromada, settlement, centre, place, year) for settlement in settlements
    ]
    with disable_auditlog():
        HromadaProfile.objects.create(hromada=hromada, administrative_centre=centre, data_note=NOTE)
        SettlementProfile.objects.bulk_create(profiles)
        _add_groups(draw, hromada, sum(p.population or 0 for p in profiles), groups, year)
        _add_providers(draw, hromada, centre, settlements, services)


def _settlement(
    draw: random.Random,
    hromada: Territory,
    settlement: Territory,
    centre: Territory,
    place: tuple[float, float],
    year: int,
) -> SettlementProfile:
    """The centre is the largest and sits at the hromada's point; the rest around it."""
    is_centre = settlement.pk == centre.pk
    spot = place if is_centre else _offset(draw, place, 12)
    if is_centre:
        people = (
            draw.randint(3000, 30000) if centre.is_urban_by_category else draw.randint(800, 3000)
        )
    elif settlement.category in URBAN_CATEGORIES:
        people = draw.randint(300, 4000)
    else:
        people = draw.randint(30, 900)
    return SettlementProfile(
        settlement=settlement,
        hromada=hromada,
        population=people,
        population_year=year,
        is_urban=settlement.is_urban_by_category,
        latitude=Decimal(f"{spot[0]:.6f}"),
        longitude=Decimal(f"{spot[1]:.6f}"),
        is_estimated=True,
    )


def _add_groups(
    draw: random.Random,
    hromada: Territory,
    population: int,
    groups: dict[str, VulnerableGroup],
    year: int,
) -> None:
    VulnerableGroupCount.objects.bulk_create(
        VulnerableGroupCount(
            hromada=hromada,
            territory=hromada,
            year=year,
            group=groups[code],
            sex=sex,
            count=round(population / 2 * share * draw.uniform(0.7, 1.3)),
            is_estimated=True,
            source=SOURCE,
        )
        for code, shares in GROUP_SHARES.items()
        if code in groups
        for sex, share in zip((Sex.FEMALE, Sex.MALE), shares, strict=True)
    )


def _add_providers(
    draw: random.Random,
    hromada: Territory,
    centre: Territory,
    settlements: list[Territory],
    services: dict[str, Service],
) -> None:
    """A centre of social services in the administrative centre, and in about half of the
    hromadas a second provider with a day-care department in another settlement."""
    offered = list(SERVICES[:ALWAYS]) + draw.sample(SERVICES[ALWAYS:], draw.randint(0, 3))
    provider = _provider(hromada, centre, "Синтетичний центр надання соціальних послуг")
    ProviderAddress.objects.create(
        provider=provider, settlement=centre, address=f"{centre.display_name}, вул. Вигадана, 1"
    )
    ProvidedService.objects.bulk_create(
        ProvidedService(
            provider=provider,
            service=services[code],
            capacity=draw.randint(5, 120),
            capacity_unit=CapacityUnit.RECIPIENTS_PER_YEAR,
        )
        for code in offered
        if code in services
    )
    others = [s for s in settlements if s.pk != centre.pk]
    if not others or draw.random() >= 0.5:
        return
    second = _provider(hromada, centre, "Синтетичний територіальний центр")
    department = Department.objects.create(
        provider=second, name="Відділення денного догляду", settlement=draw.choice(others)
    )
    ProvidedService.objects.create(
        provider=second,
        service=services["015.3"],
        department=department,
        capacity=draw.randint(10, 40),
    )


def _provider(hromada: Territory, centre: Territory, name: str) -> Provider:
    return Provider.objects.create(
        hromada=hromada,
        full_name=f"{name} ({hromada.name})",
        ownership_sector=OwnershipSector.COMMUNAL,
        legal_settlement=centre,
        activity=NOTE,
    )


def _publish_study(
    draw: random.Random, hromada: Territory, year: int, services: dict[str, Service]
) -> None:
    """The year's study on the shipped method, published, with up to two services the
    hromada flags as impossible to provide alone."""
    nobody = AnonymousUser()
    study = start_study(hromada=hromada, year=year, by=nobody)
    for code in draw.sample(RARE_SERVICES, draw.randint(0, 2)):
        if code in services:
            UnprovidableService.objects.create(
                study=study,
                service=services[code],
                reason=draw.choice(REASONS),
                volume=draw.choice([None, draw.randint(3, 60)]),
            )
    change_status(study=study, to=StudyStatus.APPROVED, by=nobody)
    change_status(study=study, to=StudyStatus.PUBLISHED, by=nobody)
