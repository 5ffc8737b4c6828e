from __future__ import annotations

import datetime
import itertools

from turbota.catalog.models import Service
from turbota.core.enums import Sex
from turbota.people.enums import Decision, EpisodeStatus
from turbota.people.models import Application, Person, PersonIdentity, ServiceEpisode
from turbota.providers.models import ProvidedService, Provider
from turbota.territories.models import Territory

_serial = itertools.count(3_000_000_000)


def make_person(
    settlement: Territory,
    last_name: str = "Шевченко",
    first_name: str = "Олена",
    *,
    sex: str = Sex.FEMALE,
    birth_date: datetime.date = datetime.date(1950, 3, 8),
    **identity: object,
) -> Person:
    assert settlement.hromada is not None
    person = Person.objects.create(
        hromada=settlement.hromada, settlement=settlement, sex=sex, birth_year=birth_date.year
    )
    values: dict[str, object] = {"rnokpp": str(next(_serial))} | identity
    PersonIdentity.objects.create(
        person=person, last_name=last_name, first_name=first_name, birth_date=birth_date, **values
    )
    return person


def offer(provider: Provider, code: str) -> Service:
    service = Service.objects.get(code=code)
    ProvidedService.objects.get_or_create(provider=provider, service=service)
    return service


def make_episode(
    person: Person,
    provider: Provider,
    code: str = "015.1",
    *,
    start: datetime.date = datetime.date(2021, 2, 1),
    end: datetime.date | None = None,
    status: str = EpisodeStatus.ACTIVE,
) -> ServiceEpisode:
    return ServiceEpisode.objects.create(
        person=person,
        service=offer(provider, code),
        provider=provider,
        settlement=person.settlement,
        start_date=start,
        end_date=end,
        status=status,
    )


def make_application(
    person: Person,
    code: str = "015.1",
    *,
    applied_on: datetime.date = datetime.date(2021, 3, 1),
    assessed_on: datetime.date | None = None,
    decision: str = Decision.PENDING,
    decided_on: datetime.date | None = None,
    provider: Provider | None = None,
) -> Application:
    return Application.objects.create(
        person=person,
        service=Service.objects.get(code=code),
        provider=provider,
        applied_on=applied_on,
        assessed_on=assessed_on,
        decision=decision,
        decided_on=decided_on,
    )
