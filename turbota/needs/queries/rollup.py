"""Hromada totals of many studies at once (an oblast's or the country's), from the same
method as ``queries.table`` in a fixed number of queries: each figure of a hromada row
here equals the hromada row of its ``needs_table``. People served are read from the
counts kept as episodes are written (``people.served``), not from every episode."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Sum

from turbota.catalog.models import Service
from turbota.needs.models import NeedsStudy, NormativeRate, SurveyShare
from turbota.needs.queries.table import (
    SEXES,
    TOTAL,
    CountRow,
    NeedRow,
    apportion,
    need_estimates,
    people_by,
    population_weights,
    rounded_need,
    waiting_applications,
)
from turbota.people.served import served_by_hromada
from turbota.providers.models import ProvidedService
from turbota.territories.models import SettlementProfile, Territory, VulnerableGroupCount

# (hromada id, service id, sex) → people
PeopleBySex = dict[tuple[int, int, str], int]


def hromada_totals(*, studies: Sequence[NeedsStudy]) -> dict[int, list[NeedRow]]:
    """Study id → its hromada rows (every service, women / men / both)."""
    hromada_ids = [study.hromada_id for study in studies]
    settlements = _current_settlements(hromada_ids)
    populations = dict(
        SettlementProfile.objects.filter(
            hromada_id__in=hromada_ids, population__isnull=False
        ).values_list("settlement_id", "population")
    )
    counts = _group_count_rows(studies)
    rates = _rates(studies)
    capacity = _capacity(hromada_ids)
    served: dict[int, PeopleBySex] = {}
    waiting: dict[int, PeopleBySex] = {}
    for year in {study.year for study in studies}:
        of_year = [s.hromada_id for s in studies if s.year == year]
        served[year] = served_by_hromada(year=year, hromada_ids=of_year)
        waiting[year] = _waiting(year, of_year, settlements)
    services = list(Service.objects.order_by("code"))
    result = {}
    for study in studies:
        places = settlements.get(study.hromada_id, [])
        estimate = need_estimates(
            apportion(
                counts.get((study.hromada_id, study.groups_year), []),
                hromada_id=study.hromada_id,
                settlement_ids=places,
                weights=population_weights(populations, places),
            ),
            rates[study.pk],
        )
        rounded: dict[tuple[int, str], int] = defaultdict(int)
        for (service_id, _, sex), value in estimate.items():
            rounded[(service_id, sex)] += rounded_need(value)  # per settlement, as the table
        result[study.pk] = _rows(
            study, services, rounded, served[study.year], waiting[study.year], capacity
        )
    return result


def _rows(
    study: NeedsStudy,
    services: list[Service],
    rounded: dict[tuple[int, str], int],
    served: PeopleBySex,
    waiting: PeopleBySex,
    capacity: dict[tuple[int, int], int],
) -> list[NeedRow]:
    rows = []
    h = study.hromada_id
    for service in services:
        per_sex = {
            sex: (
                rounded.get((service.pk, sex), 0) + waiting.get((h, service.pk, sex), 0),
                served.get((h, service.pk, sex), 0),
                waiting.get((h, service.pk, sex), 0),
            )
            for sex in SEXES
        }
        for sex, (need, got, wait) in per_sex.items():
            rows.append(NeedRow(service, None, sex, need, got, None, wait))
        rows.append(
            NeedRow(
                service,
                None,
                TOTAL,
                sum(v[0] for v in per_sex.values()),
                sum(v[1] for v in per_sex.values()),
                capacity.get((h, service.pk), 0),
                sum(v[2] for v in per_sex.values()),
            )
        )
    return rows


def _current_settlements(hromada_ids: list[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = defaultdict(list)
    rows = (
        Territory.objects.settlements()
        .current()
        .filter(hromada_id__in=hromada_ids)
        .order_by("sort_key", "code")
        .values_list("hromada_id", "pk")
    )
    for hromada_id, pk in rows:
        found[hromada_id].append(pk)
    return found


def _group_count_rows(studies: Sequence[NeedsStudy]) -> dict[tuple[int, int], list[CountRow]]:
    """(hromada id, year) → its group counts, for the data year of each study."""
    wanted = {(s.hromada_id, s.groups_year) for s in studies}
    rows = VulnerableGroupCount.objects.filter(
        hromada_id__in={h for h, _ in wanted}, year__in={y for _, y in wanted}
    ).values_list("hromada_id", "year", "group_id", "territory_id", "sex", "count")
    found: dict[tuple[int, int], list[CountRow]] = defaultdict(list)
    for hromada_id, year, group_id, territory_id, sex, count in rows:
        if (hromada_id, year) in wanted:
            found[(hromada_id, year)].append((group_id, territory_id, sex, count))
    return found


def _rates(studies: Sequence[NeedsStudy]) -> dict[int, dict[tuple[int, int], Decimal]]:
    """Study id → (service id, group id) → share, as ``effective_rates`` of each study."""
    by_method: dict[int, dict[tuple[int, int], Decimal]] = defaultdict(dict)
    for method_id, service_id, group_id, rate in NormativeRate.objects.filter(
        method_id__in={s.method_id for s in studies}
    ).values_list("method_id", "service_id", "group_id", "rate"):
        by_method[method_id][(service_id, group_id)] = rate
    rates = {s.pk: dict(by_method[s.method_id]) for s in studies}
    for study_id, service_id, group_id, share in SurveyShare.objects.filter(
        study__in=studies
    ).values_list("study_id", "service_id", "group_id", "share"):
        rates[study_id][(service_id, group_id)] = share
    return rates


def _waiting(year: int, hromada_ids: list[int], settlements: dict[int, list[int]]) -> PeopleBySex:
    """As the table adds them up: over the current settlements of each hromada."""
    places = {(h, pk) for h, pks in settlements.items() for pk in pks}
    by_place = ("person__hromada_id", "person__settlement_id", "service_id", "person__sex")
    found: PeopleBySex = defaultdict(int)
    for (h, place, service, sex), people in people_by(
        waiting_applications(year, hromada_ids), *by_place
    ).items():
        if (h, place) in places:
            found[(h, service, sex)] += people
    return found


def _capacity(hromada_ids: list[int]) -> dict[tuple[int, int], int]:
    rows = (
        ProvidedService.objects.filter(
            provider__hromada_id__in=hromada_ids,
            provider__is_potential=False,
            capacity__isnull=False,
        )
        .order_by()
        .values_list("provider__hromada_id", "service_id")
        .annotate(total=Sum("capacity"))
    )
    found: dict[tuple[int, int], int] = {}
    for hromada_id, service_id, total in rows:
        found[(hromada_id, service_id)] = total
    return found
