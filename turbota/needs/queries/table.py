"""The needs table of a study: for every service of the classifier, every settlement and
the hromada, by sex — need, served, capacity, unmet need and coverage.

The method, in words (also shown on the study page):

1. Vulnerable-group counts of the study's data year are taken per settlement where the
   hromada recorded them per settlement; a group counted only for the whole hromada is
   shared out among settlements in proportion to their population (largest remainders, so
   the parts add up to the count).
2. need = Σ over groups of (share of the group needing the service × group count), the share
   being the hromada's survey share where one is given, else the method's normative rate;
   rounded half up; plus the people waiting for the service (applications pending or on the
   waiting list, made by the end of the year).
3. served = distinct people of the hromada with an episode of the service running on at
   least one day of the year (by where they live); capacity = what the hromada's providers
   declare (places or recipients a year), by the settlement of the department or of the
   provider, and only for both sexes together; unmet = max(need − served, 0);
   coverage = served / need; capacity gap = max(need − capacity, 0).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from django.db.models import Count, Q, QuerySet

from turbota.catalog.models import Service
from turbota.core.enums import Sex
from turbota.needs.models import NeedsStudy, NormativeRate, SurveyShare
from turbota.people.enums import Decision
from turbota.people.models import Application, ServiceEpisode
from turbota.providers.models import ProvidedService
from turbota.territories.models import (
    SettlementProfile,
    Territory,
    VulnerableGroupCount,
)

TOTAL = "total"
SEXES = (Sex.FEMALE.value, Sex.MALE.value)
WAITING = (Decision.PENDING, Decision.WAITING_LIST)

# (service id, settlement id or TOTAL, sex or TOTAL)
Key = tuple[int, int | str, str]


class NeedRow(NamedTuple):  # a tuple: a country's roll-up makes 160,000 of them
    service: Service
    settlement: Territory | None  # None: the whole hromada
    sex: str  # "female", "male" or "total"
    need: int
    served: int
    capacity: int | None  # only for both sexes together
    waiting: int

    @property
    def unmet(self) -> int:
        return max(self.need - self.served, 0)

    @property
    def coverage(self) -> Decimal | None:
        if not self.need:
            return None
        return (Decimal(self.served) / Decimal(self.need)).quantize(Decimal("0.0001"))

    @property
    def capacity_gap(self) -> int | None:
        return None if self.capacity is None else max(self.need - self.capacity, 0)

    @property
    def settlement_code(self) -> str:
        return self.settlement.code if self.settlement else TOTAL


@dataclass(frozen=True)
class NeedsTable:
    study: NeedsStudy
    settlements: list[Territory]
    rows: list[NeedRow]

    def hromada_rows(self) -> list[NeedRow]:
        return [row for row in self.rows if row.settlement is None]


def needs_table(*, study: NeedsStudy) -> NeedsTable:
    """The whole table of a study, in a fixed number of queries."""
    settlements = list(
        Territory.objects.settlements()
        .current()
        .filter(hromada_id=study.hromada_id)
        .order_by("sort_key", "code")
    )
    ids = [s.pk for s in settlements]
    estimate = _estimated_need(study, ids)
    by_place = ("service_id", "person__settlement_id", "person__sex")
    waiting = people_by(waiting_applications(study.year, [study.hromada_id]), *by_place)
    served = people_by(served_episodes(study.year, [study.hromada_id]), *by_place)
    capacity = _capacity(study, set(ids))
    rows: list[NeedRow] = []
    for service in Service.objects.order_by("code"):
        for settlement in [*settlements, None]:
            rows.extend(_rows_of(service, settlement, ids, estimate, waiting, served, capacity))
    return NeedsTable(study=study, settlements=settlements, rows=rows)


def _rows_of(
    service: Service,
    settlement: Territory | None,
    ids: list[int],
    estimate: dict[Key, int],
    waiting: dict[Key, int],
    served: dict[Key, int],
    capacity: dict[tuple[int, int | str], int],
) -> Iterable[NeedRow]:
    places = ids if settlement is None else [settlement.pk]
    where: int | str = TOTAL if settlement is None else settlement.pk
    per_sex = {}
    for sex in SEXES:
        # Need is rounded per settlement, so the hromada row is the sum of its settlements.
        need = sum(rounded_need(estimate.get((service.pk, p, sex), 0)) for p in places)
        wait = sum(waiting.get((service.pk, p, sex), 0) for p in places)
        got = sum(served.get((service.pk, p, sex), 0) for p in places)
        per_sex[sex] = (need + wait, got, wait)
    for sex in SEXES:
        need, got, wait = per_sex[sex]
        yield NeedRow(service, settlement, sex, need, got, None, wait)
    yield NeedRow(
        service,
        settlement,
        TOTAL,
        sum(v[0] for v in per_sex.values()),
        sum(v[1] for v in per_sex.values()),
        capacity.get((service.pk, where), 0),
        sum(v[2] for v in per_sex.values()),
    )


def round_half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def effective_rates(study: NeedsStudy) -> dict[tuple[int, int], Decimal]:
    """(service id, group id) → share: the survey's where given, else the method's."""
    rates = {
        (rate.service_id, rate.group_id): rate.rate
        for rate in NormativeRate.objects.filter(method_id=study.method_id)
    }
    for share in SurveyShare.objects.filter(study=study):
        rates[(share.service_id, share.group_id)] = share.share
    return rates


def survey_shares(study: NeedsStudy) -> list[SurveyShare]:
    """The study's rates replaced by survey shares, with the survey each came from, in
    classifier order: the inputs the page and the report name beside the method."""
    return list(
        SurveyShare.objects.filter(study=study)
        .select_related("service", "group")
        .order_by("service__code", "group__position", "pk")
    )


def group_counts(study: NeedsStudy, settlement_ids: list[int]) -> dict[tuple[int, int, str], int]:
    """(group id, settlement id, sex) → people, per step 1 of the method."""
    rows = VulnerableGroupCount.objects.filter(
        hromada_id=study.hromada_id, year=study.groups_year
    ).values_list("group_id", "territory_id", "sex", "count")
    populations = dict(
        SettlementProfile.objects.filter(
            settlement_id__in=settlement_ids, population__isnull=False
        ).values_list("settlement_id", "population")
    )
    return apportion(
        rows,
        hromada_id=study.hromada_id,
        settlement_ids=settlement_ids,
        weights=population_weights(populations, settlement_ids),
    )


CountRow = tuple[int, int, str, int]  # group id, territory id, sex, count


def apportion(
    rows: Iterable[CountRow], *, hromada_id: int, settlement_ids: list[int], weights: dict[int, int]
) -> dict[tuple[int, int, str], int]:
    """Group counts per settlement: as recorded per settlement, or a hromada-wide count
    shared out by ``weights`` when the group has no count per settlement."""
    by_settlement: dict[tuple[int, int, str], int] = {}
    hromada_wide: dict[tuple[int, str], int] = {}
    places = set(settlement_ids)
    for group_id, territory_id, sex, count in rows:
        if territory_id == hromada_id:
            hromada_wide[(group_id, sex)] = count
        elif territory_id in places:
            by_settlement[(group_id, territory_id, sex)] = count
    counted_per_settlement = {group_id for group_id, _, _ in by_settlement}
    for (group_id, sex), count in hromada_wide.items():
        if group_id in counted_per_settlement:
            continue
        for settlement_id, part in share_out(count, weights).items():
            by_settlement[(group_id, settlement_id, sex)] = part
    return by_settlement


def population_weights(
    populations: dict[int, int | None], settlement_ids: list[int]
) -> dict[int, int]:
    """Each settlement's population, or equal parts when none is known."""
    if not any(populations.get(pk) for pk in settlement_ids):
        return dict.fromkeys(settlement_ids, 1)
    return {pk: populations.get(pk) or 0 for pk in settlement_ids}


def share_out(total: int, weights: dict[int, int]) -> dict[int, int]:
    """``total`` split in proportion to ``weights`` in whole numbers that add up to it
    (largest remainder; ties go to the earlier key). Integer arithmetic: exact and fast."""
    whole = sum(weights.values())
    if not whole:
        return {}
    shares = [total * weight for weight in weights.values()]
    parts = [share // whole for share in shares]
    left = total - sum(parts)
    if left:  # a stable sort: among equal remainders the earlier key comes first
        for index in sorted(range(len(shares)), key=lambda i: -(shares[i] % whole))[:left]:
            parts[index] += 1
    return dict(zip(weights, parts, strict=True))


# Shares have four decimal places, so need is summed exactly in ten-thousandths of a person.
SHARE_SCALE = 10_000


def _estimated_need(study: NeedsStudy, settlement_ids: list[int]) -> dict[Key, int]:
    return need_estimates(group_counts(study, settlement_ids), scaled_rates(effective_rates(study)))


# group id → [(service id, share in ten-thousandths)]
ScaledRates = dict[int, list[tuple[int, int]]]


def scaled_rates(rates: dict[tuple[int, int], Decimal]) -> ScaledRates:
    by_group: ScaledRates = defaultdict(list)
    for (service_id, group_id), rate in rates.items():
        by_group[group_id].append((service_id, int(rate * SHARE_SCALE)))
    return by_group


def need_estimates(counts: dict[tuple[int, int, str], int], rates: ScaledRates) -> dict[Key, int]:
    """(service, settlement, sex) → Σ over groups of share × count, in ten-thousandths of a
    person (see ``rounded_need``)."""
    need: dict[Key, int] = defaultdict(int)
    for (group_id, settlement_id, sex), count in counts.items():
        for service_id, scaled_rate in rates.get(group_id, ()):
            need[(service_id, settlement_id, sex)] += scaled_rate * count
    return need


def rounded_need(scaled: int) -> int:
    """A need in ten-thousandths rounded half up to whole people."""
    return (scaled + SHARE_SCALE // 2) // SHARE_SCALE


def _year_end(study: NeedsStudy) -> datetime.date:
    return datetime.date(study.year, 12, 31)


# What "served" and "waiting" count, for one study's table and for many studies at once
# (``queries.rollup``), each grouped as it needs.


def served_episodes(year: int, hromada_ids: Collection[int]) -> QuerySet[ServiceEpisode]:
    """Episodes running in ``year`` of the people of these hromadas."""
    return ServiceEpisode.objects.active_in_year(year).filter(person__hromada_id__in=hromada_ids)


def waiting_applications(year: int, hromada_ids: Collection[int]) -> QuerySet[Application]:
    """Applications of the people of these hromadas made by the end of ``year`` and still
    waiting (pending, or on the waiting list)."""
    return Application.objects.filter(
        person__hromada_id__in=hromada_ids,
        decision__in=WAITING,
        applied_on__lte=datetime.date(year, 12, 31),
    )


def people_by(
    records: QuerySet[ServiceEpisode] | QuerySet[Application], *fields: str
) -> dict[Any, int]:
    """Distinct people of ``records`` per the values of ``fields`` (a tuple of them as the
    key), counted in SQL."""
    rows = (
        records.order_by().values_list(*fields).annotate(people=Count("person_id", distinct=True))
    )
    return {tuple(row[:-1]): row[-1] for row in rows}


def _capacity(study: NeedsStudy, settlement_ids: set[int]) -> dict[tuple[int, int | str], int]:
    offered = ProvidedService.objects.filter(
        provider__hromada_id=study.hromada_id,
        provider__is_potential=False,
        capacity__isnull=False,
    ).values_list(
        "service_id", "department__settlement_id", "provider__legal_settlement_id", "capacity"
    )
    capacity: dict[tuple[int, int | str], int] = defaultdict(int)
    for service_id, department_place, provider_place, places in offered:
        capacity[(service_id, TOTAL)] += places or 0
        where = department_place or provider_place
        if where in settlement_ids:
            capacity[(service_id, where)] += places or 0
    return capacity


@dataclass(frozen=True)
class BasicServiceGap:
    service: Service
    providers: int  # providers of the hromada offering it

    @property
    def available(self) -> bool:
        return self.providers > 0


def basic_services_gap(*, study: NeedsStudy) -> list[BasicServiceGap]:
    """Each basic service in force at the end of the study year, and how many of the
    hromada's providers offer it (none: the hromada does not ensure it)."""
    basic = Service.objects.basic_on(_year_end(study)).annotate(
        providers=Count(
            "provided_by__provider",
            filter=Q(
                provided_by__provider__hromada_id=study.hromada_id,
                provided_by__provider__is_potential=False,
            ),
            distinct=True,
        )
    )
    return [
        BasicServiceGap(service, getattr(service, "providers", 0))
        for service in basic.order_by("code")
    ]


def synthetic_recipients(*, study: NeedsStudy) -> int:
    """How many of the people counted as served are synthetic (demo and test data)."""
    served = served_episodes(study.year, [study.hromada_id])
    return served.filter(person__is_synthetic=True).values("person_id").distinct().count()
