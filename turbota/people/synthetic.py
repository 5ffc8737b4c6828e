"""Synthetic people and service episodes for a hromada: for the demo, benchmarks and tests.

Shapes follow the hromada's own data where it has any: settlements weighted by population,
sex and age from its population by age and sex, services its providers offer. Recipients of
social services are older than the population they come from, so every age band is weighted
by how often people of that age need services. Names are invented and say so (the patronymic
is «Синтетична» / «Синтетичний», the street «Вигадана»); there is no РНОКПП, only a document
«SYN-…». The same seed on the same database content gives the same people, episode for
episode: one ``random.Random`` seeded with the seed and the hromada's code draws everything.
"""

from __future__ import annotations

import datetime
import itertools
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from auditlog.context import disable_auditlog
from django.db import transaction
from django.utils import timezone

from turbota.catalog.models import Service, VulnerableGroup
from turbota.core.enums import Sex
from turbota.core.text import ukrainian_sort_key
from turbota.people.enums import DocumentType, EpisodeStatus, VolumeUnit
from turbota.people.models import (
    Application,
    GroupMembership,
    Person,
    PersonIdentity,
    ServiceEpisode,
)
from turbota.people.synthetic_applications import ApplicationDraw
from turbota.providers.enums import OwnershipSector, PaymentBasis
from turbota.providers.models import ProvidedService, Provider
from turbota.territories.models import PopulationCount, SettlementProfile, Territory

BATCH_SIZE = 500
OLDEST_AGE = 96  # the open band (80+) ends here
SYNTHETIC_PROVIDER_NAME = "Синтетичний центр надання соціальних послуг"
SYNTHETIC_PROVIDER_SERVICES = ("002.0", "010.1", "013.0", "015.1", "019.0")

# Invented surnames with Ukrainian endings that are the same for women and men.
LAST_NAMES = (
    "Прикладенко", "Прикладчук", "Зразченко", "Зразчук", "Вигаденко", "Вигадюк", "Макетенко",
    "Макетюк", "Шаблоненко", "Шаблонюк", "Тестенко", "Тестюк", "Умовненко", "Умовнюк",
    "Уявненко", "Уявнюк", "Модельченко", "Модельчук", "Взірченко", "Взірчук",
)  # fmt: skip
FIRST_NAMES = {
    Sex.FEMALE: (
        "Олена", "Ганна", "Марія", "Наталія", "Тетяна", "Світлана", "Людмила", "Валентина",
        "Ніна", "Галина", "Оксана", "Ірина", "Юлія", "Катерина", "Віра", "Надія", "Любов",
        "Раїса", "Зоя", "Софія",
    ),
    Sex.MALE: (
        "Олександр", "Іван", "Микола", "Василь", "Петро", "Сергій", "Володимир", "Андрій",
        "Михайло", "Юрій", "Віктор", "Анатолій", "Григорій", "Степан", "Богдан", "Дмитро",
        "Тарас", "Олег", "Павло", "Максим",
    ),
}  # fmt: skip
PATRONYMIC = {Sex.FEMALE: "Синтетична", Sex.MALE: "Синтетичний"}

# Ukraine's population by age band on 01.01.2021, thousands (women, men), rounded — used
# when the hromada has no population by age and sex for the year.
DEFAULT_PYRAMID = (
    (0, 17, 3620, 3820),
    (18, 34, 4330, 4470),
    (35, 59, 7600, 6980),
    (60, 79, 5060, 3390),
    (80, None, 1210, 480),
)


def need_weight(min_age: int) -> float:
    """How much likelier than the average resident a person of this age band is to be a
    recipient: children and young adults less, older people much more."""
    for below, weight in ((18, 0.6), (35, 0.4), (60, 0.8), (80, 2.2)):
        if min_age < below:
            return weight
    return 3.5


@dataclass(frozen=True)
class GroupRule:
    code: str
    share: float
    min_age: int = 0
    max_age: int = OLDEST_AGE
    sex: str = ""

    def applies(self, sex: str, age: int) -> bool:
        return self.min_age <= age <= self.max_age and self.sex in ("", sex)


GROUP_RULES = (
    GroupRule("older_persons", 1.0, min_age=60),
    GroupRule("internally_displaced", 0.15),
    GroupRule("persons_with_disabilities", 0.10, min_age=18),
    GroupRule("persons_with_disabilities", 0.03, max_age=17),
    GroupRule("palliative_care_needed", 0.03, min_age=60),
    GroupRule("nominally_single_60_plus", 0.05, min_age=60),
    GroupRule("persons_with_mental_illness", 0.03, min_age=18),
    GroupRule("children_with_mental_illness", 0.02, max_age=17),
    GroupRule("orphans_without_parental_care", 0.02, max_age=17),
    GroupRule("children_under_guardianship", 0.015, max_age=17),
    GroupRule("single_mothers", 0.05, min_age=20, max_age=49, sex=Sex.FEMALE),
    GroupRule("ato_participants", 0.04, min_age=20, max_age=64, sex=Sex.MALE),
    GroupRule("families_in_difficult_circumstances", 0.02, min_age=18, max_age=59),
    GroupRule("families_with_disabled_children", 0.02, min_age=25, max_age=54),
)


@dataclass(frozen=True)
class Cell:
    """An age band of one sex and its weight among recipients."""

    min_age: int
    max_age: int
    sex: str
    weight: float
    open_ended: bool = False


@dataclass(frozen=True)
class Offer:
    provider_id: int
    service_id: int
    code: str
    bases: tuple[str, ...]


@dataclass(frozen=True)
class SyntheticSummary:
    hromada: Territory
    people: int = 0
    episodes: int = 0
    memberships: int = 0
    applications: int = 0
    removed: int = 0
    skipped: bool = False  # the hromada already had synthetic people; nothing was done


def generate_people(
    *, hromada: Territory, people: int, seed: int = 2021, year: int = 2021, replace: bool = False
) -> SyntheticSummary:
    """Create ``people`` synthetic persons of ``hromada`` with identities, vulnerable groups,
    0–2 service episodes each in ``year - 2`` … ``year`` and an application before each
    episode (``synthetic_applications``). A hromada that already has synthetic people is
    left alone, unless ``replace``: then they (and only they) go first."""
    if people < 1:
        raise ValueError("Кількість осіб має бути додатною.")
    if year > timezone.localdate().year:
        raise ValueError("Рік не може бути в майбутньому.")
    with transaction.atomic():
        if not replace and Person.objects.filter(hromada=hromada, is_synthetic=True).exists():
            return SyntheticSummary(hromada=hromada, skipped=True)
        draw = Draw(hromada=hromada, seed=seed, year=year)
        removed = remove_synthetic_people(hromada=hromada)
        persons = draw.people(people)
        Person.objects.bulk_create(persons, batch_size=BATCH_SIZE)
        PersonIdentity.objects.bulk_create(draw.identities(persons), batch_size=BATCH_SIZE)
        memberships = draw.memberships(persons)
        GroupMembership.objects.bulk_create(memberships, batch_size=BATCH_SIZE)
        episodes = draw.episodes(persons)
        ServiceEpisode.objects.bulk_create(episodes, batch_size=BATCH_SIZE)
        applications = ApplicationDraw(
            seed=seed, hromada_code=hromada.code, as_of=draw.as_of
        ).applications(persons, episodes)
        Application.objects.bulk_create(applications, batch_size=BATCH_SIZE)
    return SyntheticSummary(
        hromada=hromada,
        people=len(persons),
        episodes=len(episodes),
        memberships=len(memberships),
        applications=len(applications),
        removed=removed,
    )


def remove_synthetic_people(*, hromada: Territory) -> int:
    """Delete the hromada's synthetic people with everything recorded about them; people
    entered by hand are never touched. Synthetic data leaves no trace in the audit log."""
    synthetic = Person.objects.filter(hromada=hromada, is_synthetic=True)
    with transaction.atomic(), disable_auditlog():
        ServiceEpisode.objects.filter(person__in=synthetic).delete()
        Application.objects.filter(person__in=synthetic).delete()
        count = synthetic.count()
        synthetic.delete()
    return count


def add_synthetic_provider(*, hromada: Territory) -> Provider | None:
    """A hromada without any provider gets one, named as synthetic, offering a few common
    services, so that its synthetic people can have episodes. Otherwise nothing happens."""
    if Provider.objects.filter(hromada=hromada).exists():
        return None
    with transaction.atomic():
        provider = Provider.objects.create(
            hromada=hromada,
            full_name=SYNTHETIC_PROVIDER_NAME,
            ownership_sector=OwnershipSector.COMMUNAL,
            activity="Синтетичний запис генератора даних для демонстрації й тестів: "
            "такого надавача немає.",
        )
        for service in Service.objects.filter(code__in=SYNTHETIC_PROVIDER_SERVICES):
            ProvidedService.objects.create(provider=provider, service=service, free=True)
    return provider


class Draw:
    """Everything random about one hromada's synthetic people, drawn in a fixed order."""

    def __init__(self, *, hromada: Territory, seed: int, year: int) -> None:
        self.hromada = hromada
        self.year = year
        self.as_of = min(datetime.date(year, 12, 31), timezone.localdate())
        # A string seed is hashed with SHA-512: the same on every run and every machine.
        self.rng = random.Random(f"{seed}:{hromada.code}")  # noqa: S311 (no secrets here)
        self.settlements, settlement_weights = weighted_settlements(hromada)
        self.cells = age_sex_cells(hromada, year)
        self.settlement_weights = list(itertools.accumulate(settlement_weights))
        self.cell_weights = list(itertools.accumulate(cell.weight for cell in self.cells))
        codes = {rule.code for rule in GROUP_RULES}
        self.groups = dict(VulnerableGroup.objects.filter(code__in=codes).values_list("code", "pk"))
        self.offers = offers_in(hromada)

    def people(self, count: int) -> list[Person]:
        persons = []
        for _ in range(count):
            (settlement,) = self.rng.choices(self.settlements, cum_weights=self.settlement_weights)
            (cell,) = self.rng.choices(self.cells, cum_weights=self.cell_weights)
            age = self._age(cell)
            persons.append(
                Person(
                    pseudonym=uuid.UUID(int=self.rng.getrandbits(128), version=4),
                    hromada=self.hromada,
                    settlement=settlement,
                    sex=cell.sex,
                    birth_year=self.year - age,
                    is_synthetic=True,
                )
            )
        return persons

    def _age(self, cell: Cell) -> int:
        if not cell.open_ended:
            return self.rng.randint(cell.min_age, cell.max_age)
        # Fewer people at every year past 80: a triangle from its lower bound down to none.
        age = int(self.rng.triangular(cell.min_age, cell.max_age + 1, cell.min_age))
        return min(age, cell.max_age)

    def identities(self, persons: Sequence[Person]) -> list[PersonIdentity]:
        today = timezone.localdate()
        identities = []
        for number, person in enumerate(persons, start=1):
            born = datetime.date(person.birth_year, 1, 1)
            identity = PersonIdentity(
                person=person,
                last_name=self.rng.choice(LAST_NAMES),
                first_name=self.rng.choice(FIRST_NAMES[Sex(person.sex)]),
                patronymic=PATRONYMIC[Sex(person.sex)],
                rnokpp=None,
                document_type=DocumentType.OTHER,
                document_number=f"SYN-{self.hromada.pk}-{number:05d}",
                birth_date=min(born + datetime.timedelta(days=self.rng.randrange(365)), today),
                address=f"{person.settlement.display_name}, вул. Вигадана, "
                f"{self.rng.randint(1, 120)}",
            )
            # bulk_create skips save(), which sets the key the people list sorts by.
            identity.name_key = ukrainian_sort_key(identity.full_name)
            identities.append(identity)
        return identities

    def memberships(self, persons: Sequence[Person]) -> list[GroupMembership]:
        memberships = []
        for person in persons:
            age = person.age_on(self.as_of)
            for rule in GROUP_RULES:
                if not rule.applies(person.sex, age) or self.rng.random() >= rule.share:
                    continue
                if rule.code in self.groups:
                    memberships.append(
                        GroupMembership(person=person, group_id=self.groups[rule.code])
                    )
        return memberships

    def episodes(self, persons: Sequence[Person]) -> list[ServiceEpisode]:
        episodes = []
        for person in persons:
            (count,) = self.rng.choices((0, 1, 2), weights=(25, 50, 25))
            for offer in self._pick(person.age_on(self.as_of), count):
                episodes.append(self._episode(person, offer))
        return episodes

    def _pick(self, age: int, count: int) -> list[Offer]:
        """``count`` offers of different services, likelier the more the age needs them."""
        pool = list(self.offers)
        chosen: list[Offer] = []
        while pool and len(chosen) < count:
            (offer,) = self.rng.choices(pool, weights=[need_for(o.code, age) for o in pool])
            chosen.append(offer)
            pool = [other for other in pool if other.code != offer.code]
        return chosen

    def _episode(self, person: Person, offer: Offer) -> ServiceEpisode:
        first = max(datetime.date(self.year - 2, 1, 1), datetime.date(person.birth_year, 1, 1))
        start = first + datetime.timedelta(days=self.rng.randrange((self.as_of - first).days + 1))
        end, status = self._ending(start)
        unit, low, high = volume_for(offer.code)
        volume = Decimal(self.rng.randint(low, high))
        basis = PaymentBasis.FREE
        if PaymentBasis.FREE not in offer.bases or self.rng.random() < 0.2:
            basis = PaymentBasis(self.rng.choice(offer.bases))
        cancelled = status == EpisodeStatus.CANCELLED
        return ServiceEpisode(
            person=person,
            service_id=offer.service_id,
            provider_id=offer.provider_id,
            settlement=person.settlement,
            start_date=start,
            end_date=end,
            payment_basis=basis,
            volume=None if cancelled else volume,
            volume_unit="" if cancelled else unit,
            status=status,
        )

    def _ending(self, start: datetime.date) -> tuple[datetime.date | None, EpisodeStatus]:
        """About half the episodes go on (a few suspended), most others have ended by the
        end of the year, a few were cancelled the day they were to start."""
        roll = self.rng.random()
        if roll < 0.05:
            return start, EpisodeStatus.CANCELLED
        if roll < 0.10:
            return None, EpisodeStatus.SUSPENDED
        if roll < 0.55:
            return None, EpisodeStatus.ACTIVE
        end = start + datetime.timedelta(days=self.rng.randint(14, 540))
        if end > self.as_of:
            return None, EpisodeStatus.ACTIVE
        return end, EpisodeStatus.COMPLETED


def weighted_settlements(hromada: Territory) -> tuple[list[Territory], list[float]]:
    """The hromada's settlements (codifier order) and their populations; a settlement whose
    population is unknown counts as an average one, and with none known all weigh the same."""
    settlements = list(
        Territory.objects.settlements()
        .current()
        .filter(hromada=hromada)
        .order_by("sort_key", "code")
    )
    if not settlements:
        raise ValueError("У кодифікаторі немає населених пунктів цієї громади.")
    populations: dict[int, float] = {
        settlement_id: float(population or 0)
        for settlement_id, population in SettlementProfile.objects.filter(
            settlement__in=settlements, population__isnull=False
        ).values_list("settlement_id", "population")
    }
    average = sum(populations.values()) / len(populations) if populations else 1.0
    weights = [populations.get(s.pk, average) for s in settlements]
    if not sum(weights):
        weights = [1.0] * len(settlements)
    return settlements, weights


def age_sex_cells(hromada: Territory, year: int) -> list[Cell]:
    """The hromada's population by age band and sex for ``year`` (else Ukraine's), each band
    weighted by how much people of that age need services."""
    counts = (
        PopulationCount.objects.filter(hromada=hromada, territory=hromada, year=year)
        .select_related("age_band")
        .order_by("age_band__min_age", "sex")
    )
    rows = [(c.age_band.min_age, c.age_band.max_age, c.sex, c.count) for c in counts]
    if not sum(row[3] for row in rows):
        rows = [
            (low, high, sex, count)
            for low, high, women, men in DEFAULT_PYRAMID
            for sex, count in ((Sex.FEMALE, women), (Sex.MALE, men))
        ]
    return [
        Cell(
            min_age=low,
            max_age=OLDEST_AGE if high is None else min(high, OLDEST_AGE),
            sex=sex,
            weight=count * need_weight(low),
            open_ended=high is None,
        )
        for low, high, sex, count in rows
        if count and low <= OLDEST_AGE
    ]


def offers_in(hromada: Territory) -> list[Offer]:
    """What the hromada's actual (not potential) providers offer, in a fixed order."""
    provided = (
        ProvidedService.objects.filter(provider__hromada=hromada, provider__is_potential=False)
        .select_related("service")
        .order_by("provider__sort_key", "provider__pk", "service__code")
    )
    return [
        Offer(
            provider_id=item.provider_id,
            service_id=item.service_id,
            code=item.service.code,
            bases=tuple(
                basis
                for basis, on in (
                    (PaymentBasis.FREE, item.free),
                    (PaymentBasis.DIFFERENTIATED_FEE, item.differentiated_fee),
                    (PaymentBasis.PAID, item.paid),
                )
                if on
            )
            or (PaymentBasis.FREE,),
        )
        for item in provided
    ]


def need_for(code: str, age: int) -> float:
    """How likely a person of ``age`` is to receive the service, relative to others."""
    if code == "015.3.1" or code.startswith(("010.2", "018", "020")):
        return 2.0 if age < 18 else 0.05
    if code.startswith("015"):
        return 4.0 if age >= 60 else 0.3
    if code.startswith("019"):
        return 2.0 if age >= 60 else 1.0
    return 1.0


def volume_for(code: str) -> tuple[VolumeUnit, int, int]:
    """The unit a service is measured in and a plausible range of its volume."""
    if code.startswith("015"):
        return VolumeUnit.HOURS, 20, 400
    if code.startswith("019"):
        return VolumeUnit.SETS, 1, 6
    if code.startswith(("001", "002", "003", "004")):
        return VolumeUnit.CONSULTATIONS, 1, 12
    return VolumeUnit.VISITS, 2, 40
