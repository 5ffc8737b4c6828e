"""The demo hromada: Селидівська міська територіальна громада, from seed 004.

Figures the strategy publishes are loaded as published (``is_estimated`` off, source named):
the total population 35,620 on 01.01.2021 with 92.47 % urban, the area, the distance to
Kramatorsk, table 1 of vulnerable groups by sex, the providers of table 2 and the NGOs.
Everything the document does not give — population per settlement, age structure, births
and deaths, disability groups — is an estimate for the demonstration and marked so.

Its register of people served is synthetic: invented people (``is_synthetic``) with
services of the demo providers, made by ``people.synthetic`` once, when the hromada has none.

Loading is additive: what exists is left as it is, so a user's edits survive ``make run``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from turbota.accounts.enums import Role
from turbota.accounts.models import Membership, User
from turbota.catalog.models import AgeBand, Service, VulnerableGroup
from turbota.consultations.demo import load_demo_consultation
from turbota.core.enums import Sex
from turbota.needs.actions import change_status, start_study
from turbota.needs.enums import StudyStatus
from turbota.needs.models import NeedsStudy
from turbota.oblast.demo import OblastDemo, load_oblast_demo
from turbota.people.synthetic import generate_people
from turbota.providers.enums import OwnershipSector
from turbota.providers.models import ProvidedService, Provider, ProviderAddress
from turbota.strategy.demo import adopt_demo_strategy, import_demo_strategy
from turbota.surveys.demo import load_demo_survey
from turbota.territories.enums import DisabilityGroup
from turbota.territories.models import (
    DisabilityCount,
    HromadaProfile,
    PopulationCount,
    SettlementProfile,
    Territory,
    VitalStatistics,
    VulnerableGroupCount,
)

HROMADA_CODE = "UA14160230000060952"
OBLAST_CODE = "UA14000000000091971"
CENTRE_CODE = "UA14160230010080205"  # м. Селидове
SOURCE = "Стратегія розвитку системи соціального захисту … Селидівської МТГ на 2021-2026 роки"
TABLE_1_SOURCE = SOURCE + ", таблиця 1"
ESTIMATE = "оцінка для демонстрації (у документі немає)"
YEAR = 2021
SYNTHETIC_PEOPLE = 600  # about one resident in 60: a register that fills the lists

# code: (population on 01.01.2021, distance to Селидове in km) — estimates that add up to
# the published 35,620 people and 92.47 % urban (32,938 in the cities and селища).
SETTLEMENTS = {
    "UA14160230010080205": (21120, 0),  # м. Селидове
    "UA14160230020031369": (8900, 6),  # м. Українськ
    "UA14160230040034719": (1618, 12),  # с-ще Цукурине
    "UA14160230030038112": (1300, 8),  # с-ще Вишневе
    "UA14160230070011197": (640, 9),  # с. Петрівка
    "UA14160230090056993": (520, 11),  # с. Юріївка
    "UA14160230050039511": (470, 14),  # с. Григорівка
    "UA14160230060050919": (612, 10),  # с. Новоолексіївка
    "UA14160230080096831": (440, 7),  # с. Пустинка
}

# Table 1 of seed 004, exactly as published: group code → (women, men).
VULNERABLE_GROUPS = {
    "internally_displaced": (8522, 5448),
    "persons_with_disabilities": (1512, 1026),
    "children_with_mental_illness": (163, 219),
    "families_with_disabled_children": (307, 160),
    "palliative_care_needed": (101, 82),
    "persons_with_mental_illness": (371, 631),
    "older_persons": (6843, 3685),
    "orphans_without_parental_care": (61, 59),
    "children_under_guardianship": (53, 53),
    "families_in_difficult_circumstances": (7, 13),
    "single_mothers": (463, 0),
    "combatants_ww2_veterans": (0, 2),
    "ato_participants": (36, 206),
    "nominally_single_60_plus": (44, 7),
}

# Age band label → (women, men) on 01.01.2021; estimates summing to 35,620, with more than
# a quarter aged 60+ and far more older women than men, as the strategy describes.
POPULATION_2021 = {
    "0-17": (2530, 2670),
    "18-34": (3050, 3250),
    "35-59": (6750, 5950),
    "60-79": (5700, 3600),
    "80+": (1520, 600),
}
EARLIER_TOTALS = {2019: 36480, 2020: 36050}  # estimated decline

VITAL_STATISTICS = {2019: (262, 688), 2020: (241, 793)}  # births, deaths — estimates

# Split of the published 1512 women / 1026 men with disabilities by group — an estimate.
DISABILITY = {
    DisabilityGroup.GROUP_I: (230, 170),
    DisabilityGroup.GROUP_II: (640, 450),
    DisabilityGroup.GROUP_III: (560, 330),
    DisabilityGroup.CHILD: (82, 76),
}


@dataclass(frozen=True)
class DemoProvider:
    full_name: str
    address: str
    sector: OwnershipSector
    services: tuple[str, ...] = ()
    potential: bool = False
    activity: str = ""
    settlement: str = CENTRE_CODE


PROVIDERS = (
    DemoProvider(
        "Управління соціального захисту населення Селидівської міської ради",
        "вул. Пушкіна, 8",
        OwnershipSector.COMMUNAL,
        services=("002.0", "004.0"),
        activity="За опитуванням 2020 р.: консультації, допомога з документами, представництво.",
    ),
    DemoProvider(
        "Територіальний центр соціального обслуговування (надання соціальних послуг) "
        "Селидівської міської ради",
        "вул. Пушкіна, 8",
        OwnershipSector.COMMUNAL,
        services=("015.1", "013.0", "019.0"),
        activity="За опитуванням 2020 р.: догляд вдома, соціальна адаптація, натуральна "
        "допомога; «Університет третього віку».",
    ),
    DemoProvider(
        "Селидівський міський центр соціальних служб",
        "вул. Маяковського, 6А",
        OwnershipSector.COMMUNAL,
    ),
    DemoProvider("Служба у справах дітей", "вул. К. Маркса, 8", OwnershipSector.COMMUNAL),
    DemoProvider("Міський центр зайнятості", "вул. К.Маркса, 41", OwnershipSector.STATE),
    DemoProvider("Інклюзивно – ресурсний центр", "вул. Нагорна, 36", OwnershipSector.COMMUNAL),
    DemoProvider(
        "Громадський комітет смт. Вишневе",
        "",
        OwnershipSector.NON_STATE,
        potential=True,
        activity="захист інтересів мешканців селища",
        settlement="UA14160230030038112",
    ),
    DemoProvider(
        "Селидівська міська організація товариство Червоного хреста України",
        "",
        OwnershipSector.NON_STATE,
        potential=True,
        activity="захист життя людини, попередження та полегшення людських страждань під час "
        "збройних конфліктів, стихійного лиха, катастроф та аварій",
    ),
    DemoProvider(
        'Міська організація інвалідів "Вікторія"',
        "",
        OwnershipSector.NON_STATE,
        potential=True,
        activity="соціальний захист людей з обмеженими можливостями",
    ),
)

TERRITORIAL_CENTRE = PROVIDERS[1].full_name


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: Role
    description: str


USERS = (
    DemoUser("demo-admin", Role.ADMIN, "адміністратор системи"),
    DemoUser("demo-hromada", Role.HROMADA_STAFF, "працівник УСЗН Селидівської громади"),
    DemoUser("demo-provider", Role.PROVIDER_STAFF, "працівник територіального центру"),
    DemoUser("demo-working-group", Role.WORKING_GROUP, "член робочої групи зі стратегії"),
    DemoUser("demo-oblast", Role.OBLAST_ANALYST, "аналітик Донецької області"),
)


@dataclass
class DemoResult:
    profile_created: bool = False
    providers_created: int = 0
    synthetic_people: int = 0
    synthetic_episodes: int = 0
    study_created: bool = False
    strategy_created: bool = False
    consultation_created: bool = False
    oblast: OblastDemo | None = None
    survey_created: bool = False
    passwords: dict[str, str] = field(default_factory=dict)
    existing_users: list[str] = field(default_factory=list)


def load_demo(*, reset_passwords: bool = False) -> DemoResult:
    """Create the demo hromada, its providers, synthetic people served and a user per role,
    where missing."""
    hromada = Territory.objects.get(code=HROMADA_CODE)
    result = DemoResult()
    with transaction.atomic():
        if not HromadaProfile.objects.filter(hromada=hromada).exists():
            _load_profile(hromada)
            result.profile_created = True
        result.providers_created = _load_providers(hromada)
        synthetic = generate_people(
            hromada=hromada, people=SYNTHETIC_PEOPLE, seed=YEAR, year=YEAR
        )  # nothing when the hromada already has synthetic people
        result.synthetic_people, result.synthetic_episodes = synthetic.people, synthetic.episodes
        result.study_created = _load_needs_study(hromada)
        # The strategy is consulted on as a draft, then adopted (seed 000's order).
        draft = import_demo_strategy(hromada)
        result.strategy_created = draft is not None
        result.consultation_created = load_demo_consultation(hromada)
        if draft is not None:
            adopt_demo_strategy(draft)
        result.survey_created = load_demo_survey(hromada)
        # The demo analyst's oblast filled with synthetic hromadas; the seed 003 protocol.
        result.oblast = load_oblast_demo(
            demo_oblast=Territory.objects.get(code=OBLAST_CODE), year=YEAR
        )
        _load_users(hromada, result, reset_passwords=reset_passwords)
    return result


def _load_needs_study(hromada: Territory) -> bool:
    """The 2021 needs study, published, on the shipped example method: table 1 of seed 004
    and the synthetic register make its figures."""
    if NeedsStudy.objects.filter(hromada=hromada, year=YEAR).exists():
        return False
    nobody = AnonymousUser()
    study = start_study(hromada=hromada, year=YEAR, by=nobody)
    study.working_group = "Робоча група з визначення потреб (демо)"
    study.save(update_fields=["working_group"])
    change_status(study=study, to=StudyStatus.APPROVED, by=nobody)
    change_status(study=study, to=StudyStatus.PUBLISHED, by=nobody)
    return True


def _load_profile(hromada: Territory) -> None:
    settlements = {t.code: t for t in Territory.objects.filter(code__in=SETTLEMENTS)}
    HromadaProfile.objects.create(
        hromada=hromada,
        area_km2=Decimal("149.8"),
        administrative_centre=settlements[CENTRE_CODE],
        distance_to_oblast_centre_km=Decimal("102.5"),
        oblast_centre_name="м. Краматорськ",
        description=(
            "Громада розташована в західній частині Донецької області. Населення переважно "
            "міське, старіє; смертність значно перевищує народжуваність. Внутрішньо переміщені "
            "особи — 13970 осіб — суттєво збільшують навантаження на систему соціального захисту."
        ),
        data_note=(
            f"Опубліковані дані: {SOURCE} (населення на 01.01.2021, частка міського населення, "
            "площа, відстань до Краматорська, таблиця 1). Розподіл населення за населеними "
            "пунктами, віком і статтю, природний рух і групи інвалідності — оцінки для "
            "демонстрації, позначені «оцінка»."
        ),
        is_published=True,
    )
    for code, (population, distance) in SETTLEMENTS.items():
        settlement = settlements[code]
        SettlementProfile.objects.create(
            settlement=settlement,
            hromada=hromada,
            population=population,
            population_year=YEAR,
            is_urban=settlement.is_urban_by_category,
            distance_to_centre_km=Decimal(distance),
            is_estimated=True,
        )
    _load_counts(hromada)


def _load_counts(hromada: Territory) -> None:
    for code, (women, men) in VULNERABLE_GROUPS.items():
        group = VulnerableGroup.objects.get(code=code)
        for sex, count in ((Sex.FEMALE, women), (Sex.MALE, men)):
            VulnerableGroupCount.objects.create(
                hromada=hromada,
                territory=hromada,
                year=YEAR,
                group=group,
                sex=sex,
                count=count,
                source=TABLE_1_SOURCE,
            )
    _load_population(hromada)
    for year, (births, deaths) in VITAL_STATISTICS.items():
        VitalStatistics.objects.create(
            hromada=hromada,
            year=year,
            births=births,
            deaths=deaths,
            is_estimated=True,
            source=ESTIMATE,
        )
    for disability_group, (women, men) in DISABILITY.items():
        for sex, count in ((Sex.FEMALE, women), (Sex.MALE, men)):
            DisabilityCount.objects.create(
                hromada=hromada,
                territory=hromada,
                year=YEAR,
                group=disability_group,
                sex=sex,
                count=count,
                is_estimated=True,
                source=ESTIMATE,
            )


def _load_population(hromada: Territory) -> None:
    bands = {band.label: band for band in AgeBand.objects.all()}
    total = sum(women + men for women, men in POPULATION_2021.values())
    factors = {YEAR: Decimal(1)} | {
        year: Decimal(size) / Decimal(total) for year, size in EARLIER_TOTALS.items()
    }
    for year, factor in sorted(factors.items()):
        for label, (women, men) in POPULATION_2021.items():
            for sex, count in ((Sex.FEMALE, women), (Sex.MALE, men)):
                PopulationCount.objects.create(
                    hromada=hromada,
                    territory=hromada,
                    year=year,
                    age_band=bands[label],
                    sex=sex,
                    count=round(count * factor),
                    is_estimated=True,
                    source=ESTIMATE,
                )


def _load_providers(hromada: Territory) -> int:
    services = {service.code: service for service in Service.objects.all()}
    settlements = {t.code: t for t in Territory.objects.filter(hromada=hromada)}
    created = 0
    for spec in PROVIDERS:
        provider, was_created = Provider.objects.get_or_create(
            hromada=hromada,
            full_name=spec.full_name,
            defaults={
                "ownership_sector": spec.sector,
                "is_potential": spec.potential,
                "activity": spec.activity,
                "legal_address": f"м. Селидове, {spec.address}" if spec.address else "",
                "legal_settlement": settlements[spec.settlement],
            },
        )
        if not was_created:
            continue
        created += 1
        if spec.address:
            ProviderAddress.objects.create(
                provider=provider,
                settlement=settlements[spec.settlement],
                address=f"м. Селидове, {spec.address}",
            )
        for code in spec.services:
            ProvidedService.objects.create(provider=provider, service=services[code], free=True)
    return created


def _load_users(hromada: Territory, result: DemoResult, *, reset_passwords: bool) -> None:
    scopes: dict[Role, dict[str, object]] = {
        Role.ADMIN: {},
        Role.HROMADA_STAFF: {"territory": hromada},
        Role.WORKING_GROUP: {"territory": hromada},
        Role.OBLAST_ANALYST: {"territory": Territory.objects.get(code=OBLAST_CODE)},
        Role.PROVIDER_STAFF: {
            "provider": Provider.objects.get(hromada=hromada, full_name=TERRITORIAL_CENTRE)
        },
    }
    for spec in USERS:
        user, created = User.objects.get_or_create(
            username=spec.username,
            defaults={
                "position": spec.description,
                "is_staff": spec.role == Role.ADMIN,
                "is_superuser": spec.role == Role.ADMIN,
            },
        )
        if created or reset_passwords:
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save()
            result.passwords[spec.username] = password
        else:
            result.existing_users.append(spec.username)
        Membership.objects.get_or_create(user=user, role=spec.role, **scopes[spec.role])  # type: ignore[arg-type]
