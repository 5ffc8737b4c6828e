"""Demo data of the oblast pages.

- Seed 003: protocol No. 2 of the Dnipropetrovsk oblast working group of 20.03.2024 with its
  eight assignments, addressees and deadlines as written ("до 25.03.2024", "постійно"; the
  last one gives no deadline). Entered when the codifier has the oblast.
- The demo analyst's Donetsk oblast: every hromada but the demo one filled with synthetic
  data (``oblast.synthetic``), so the dashboard, the register and the map have an oblast to
  show; the demo hromada's two cities get approximate coordinates. All of it is additive:
  what exists is left as it is.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from turbota.oblast.actions import AddresseeSpec, add_assignment
from turbota.oblast.enums import AddresseeKind
from turbota.oblast.models import Meeting
from turbota.oblast.synthetic import fill_oblast
from turbota.territories.enums import TerritoryCategory
from turbota.territories.models import SettlementProfile, Territory

DNIPROPETROVSK = "UA12000000000090473"
DEPARTMENT = "Департамент соціального захисту населення облдержадміністрації"
PROTOCOL_BODY = (
    "Обласна робоча група для забезпечення визначення потреб населення Дніпропетровської "
    "області у наданні соціальних послуг на регіональному рівні"
)
PROTOCOL_ATTENDEES = (
    "23 члени обласної робочої групи",
    "120 запрошених: представники Програми розвитку ООН із розвитку соціальних сервісів, "
    "ГО «Ліга соціальних працівників України», ГО «Український інститут соціальних "
    "досліджень ім. О. Яременка», обласної ради",
    "начальники / заступники начальників районних військових адміністрацій",
    "керівники територіальних громад",
)
PROTOCOL_AGENDA = (
    "1. Про результати проведення поглибленого дослідження незадоволеного попиту у "
    "соціальних послугах вразливих верств населення у 6 громадах.\n"
    "2. Обговорення результатів соціологічного дослідження.\n"
    "3. Підведення підсумків та надання доручень."
)
D = datetime.date


@dataclass(frozen=True)
class SeedAssignment:
    number: str
    text: str
    deadline: datetime.date | None = None
    is_permanent: bool = False
    to_department: bool = False  # else: raion administrations and hromadas (за згодою)


PROTOCOL_003 = (
    SeedAssignment(
        "1.1",
        "Взяти до уваги та використання в роботі рекомендації результатів проведеного "
        "соціологічного дослідження незадоволеного попиту у соціальних послугах вразливих "
        "верств населення.",
        is_permanent=True,
    ),
    SeedAssignment(
        "1.2",
        "Тримати на контролі питання забезпечення надання соціальних послуг вразливим "
        "категоріям населення відповідно до їх потреб.",
        is_permanent=True,
    ),
    SeedAssignment(
        "1.3",
        "Надати до департаменту соціального захисту населення облдержадміністрації "
        "інформацію щодо соціальних послуг, які громада не в змозі самостійно запровадити, "
        "але на які є попит і потреба.",
        deadline=D(2024, 3, 25),
    ),
    SeedAssignment(
        "1.4",
        "Надати до департаменту соціального захисту населення облдержадміністрації "
        "пропозиції щодо внесення змін в законодавство про соціальні послуги.",
        deadline=D(2024, 4, 8),
    ),
    SeedAssignment(
        "2.1",
        "Провести аналіз інформації щодо соціальних послуг, які територіальні громади не в "
        "змозі запровадити, і врахувати під час планування організації надання соціальних "
        "послуг на регіональному рівні та розробленні відповідних стратегічних документів.",
        is_permanent=True,
        to_department=True,
    ),
    SeedAssignment(
        "2.2",
        "Направити до ГО «Український інститут соціальних досліджень ім. О. Яременка» "
        "інформацію щодо соціальних послуг, на які є попит, але які територіальні громади "
        "не в змозі запровадити, для використання в роботі під час проведення картування "
        "соціальних послуг Дніпропетровської області.",
        deadline=D(2024, 4, 1),
        to_department=True,
    ),
    SeedAssignment(
        "2.3",
        "Спільно з Головним управлінням Національної соціальної сервісної служби у "
        "Дніпропетровській області підготувати та направити в Міністерство соціальної "
        "політики України пропозиції щодо внесення змін в законодавство про соціальні "
        "послуги.",
        deadline=D(2024, 4, 19),
        to_department=True,
    ),
    SeedAssignment(
        "2.4",
        "Підготувати протокол засідання та направити його разом із результатами проведеного "
        "соціологічного дослідження членам обласної робочої групи, присутнім, районним "
        "військовим адміністраціям і територіальним громадам.",
        to_department=True,
    ),
)


def _addressees(item: SeedAssignment) -> list[AddresseeSpec]:
    if item.to_department:
        return [AddresseeSpec(AddresseeKind.DEPARTMENT, name=DEPARTMENT)]
    return [
        AddresseeSpec(AddresseeKind.RAION_ADMINISTRATIONS),
        AddresseeSpec(AddresseeKind.HROMADAS),
    ]


def load_protocol_003(oblast: Territory) -> Meeting | None:
    """Protocol No. 2 of 20.03.2024 as a meeting of ``oblast`` with its eight assignments;
    None when it is already there."""
    held_on = D(2024, 3, 20)
    if Meeting.objects.filter(oblast=oblast, number="2", held_on=held_on).exists():
        return None
    nobody = AnonymousUser()
    with transaction.atomic():
        meeting = Meeting.objects.create(
            oblast=oblast,
            body=PROTOCOL_BODY,
            number="2",
            held_on=held_on,
            place="м. Дніпро",
            chair="Заступник голови облдержадміністрації — начальника обласної військової "
            "адміністрації, голова обласної робочої групи",
            attendees="\n".join(PROTOCOL_ATTENDEES),
            agenda=PROTOCOL_AGENDA,
        )
        for item in PROTOCOL_003:
            add_assignment(
                meeting=meeting,
                number=item.number,
                text=item.text,
                addressees=_addressees(item),
                deadline=item.deadline,
                is_permanent=item.is_permanent,
                by=nobody,
            )
    return meeting


@dataclass
class OblastDemo:
    protocol: bool = False
    synthetic_hromadas: int = 0
    synthetic_people: int = 0
    notes: list[str] = field(default_factory=list)


SYNTHETIC_PEOPLE = 20  # per hromada: enough for each study's "served", quick to load
# Approximate centres of the demo hromada's two cities (48°09′ N 37°18′ E, 48°06′ N
# 37°22′ E), so that the map and the cooperation distances place it; villages stay without.
DEMO_POINTS = {
    "UA14160230010080205": (Decimal("48.150000"), Decimal("37.300000")),  # м. Селидове
    "UA14160230020031369": (Decimal("48.100000"), Decimal("37.366700")),  # м. Українськ
}


def _place_demo_cities() -> None:
    for code, (latitude, longitude) in DEMO_POINTS.items():
        SettlementProfile.objects.filter(
            settlement__code=code, latitude__isnull=True, longitude__isnull=True
        ).update(latitude=latitude, longitude=longitude)


def load_oblast_demo(*, demo_oblast: Territory, year: int) -> OblastDemo:
    """The seed 003 protocol for Dnipropetrovsk oblast, and the demo analyst's oblast
    filled with synthetic hromadas."""
    result = OblastDemo()
    _place_demo_cities()
    dnipro = Territory.objects.filter(
        code=DNIPROPETROVSK, category=TerritoryCategory.OBLAST
    ).first()
    if dnipro is None:
        result.notes.append("Дніпропетровської області немає в кодифікаторі: протокол не внесено.")
    else:
        result.protocol = load_protocol_003(dnipro) is not None
    filled = fill_oblast(oblast=demo_oblast, people=SYNTHETIC_PEOPLE, seed=year, year=year)
    result.synthetic_hromadas = len(filled.filled)
    result.synthetic_people = filled.people
    return result
