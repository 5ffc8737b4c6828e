"""Hromada totals of many studies at once (an oblast's or the country's), from the same
method as ``queries.table`` in a fixed number of queries: each figure of a hromada row
here equals the hromada row of its ``needs_table``. People served are read from the
counts kept as episodes are written (``people.served``), not from every episode."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from django.db.models import Sum
from numpy.typing import NDArray

from turbota.catalog.models import Service
from turbota.needs.models import NeedsStudy, NormativeRate, SurveyShare
from turbota.needs.queries.table import (
    SEXES,
    SHARE_SCALE,
    TOTAL,
    CountRow,
    NeedRow,
    ScaledRates,
    people_by,
    population_weights,
    scaled_rates,
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
        rounded = rounded_need_totals(
            counts.get((study.hromada_id, study.groups_year), []),
            hromada_id=study.hromada_id,
            weights=population_weights(populations, places),
            shares=rates[study.pk],
        )
        result[study.pk] = _rows(
            study, services, rounded, served[study.year], waiting[study.year], capacity
        )
    return result


@dataclass(frozen=True)
class ShareMatrix:
    """A study's shares as a matrix: services × groups, in ten-thousandths."""

    groups: dict[int, int]  # group id → column
    services: list[int]  # row → service id
    scaled: NDArray[np.int64]

    @classmethod
    def of(cls, rates: ScaledRates) -> ShareMatrix:
        groups = {group_id: index for index, group_id in enumerate(rates)}
        services = sorted({service_id for pairs in rates.values() for service_id, _ in pairs})
        row = {service_id: index for index, service_id in enumerate(services)}
        scaled = np.zeros((len(services), len(groups)), dtype=np.int64)
        for group_id, pairs in rates.items():
            for service_id, rate in pairs:
                scaled[row[service_id], groups[group_id]] = rate
        return cls(groups, services, scaled)


def rounded_need_totals(
    rows: Iterable[CountRow], *, hromada_id: int, weights: dict[int, int], shares: ShareMatrix
) -> dict[tuple[int, str], int]:
    """(service id, sex) → need of the whole hromada without the waiting list: the same as
    ``need_estimates(apportion(…))`` of the table rounded per settlement and added up,
    computed on arrays (a country has 600,000 such cells).

    ``weights`` are the settlements in the table's order (ties in sharing out go to the
    earlier one); only groups with a share for some service count."""
    places = {settlement_id: index for index, settlement_id in enumerate(weights)}
    if not shares.groups or not places:
        return {}
    counts = np.zeros((len(shares.groups), len(places), len(SEXES)), dtype=np.int64)
    wide: dict[tuple[int, int], int] = {}
    recorded: set[int] = set()
    for group_id, territory_id, sex, count in rows:
        g = shares.groups.get(group_id)
        if g is None:
            continue
        if territory_id == hromada_id:
            wide[(g, SEXES.index(sex))] = count
        elif territory_id in places:
            counts[g, places[territory_id], SEXES.index(sex)] = count
            recorded.add(g)
    shared = [(g, x, count) for (g, x), count in wide.items() if g not in recorded]
    if shared:
        g_index, x_index, totals = (np.array(c, dtype=np.int64) for c in zip(*shared, strict=True))
        counts[g_index, :, x_index] = _share_out(totals, np.array(list(weights.values())))
    need = np.einsum("vg,gnx->vnx", shares.scaled, counts)
    totals = ((need + SHARE_SCALE // 2) // SHARE_SCALE).sum(axis=1).tolist()  # per settlement
    return {
        (service_id, sex): by_sex[x]
        for service_id, by_sex in zip(shares.services, totals, strict=True)
        for x, sex in enumerate(SEXES)
    }


def _share_out(totals: NDArray[np.int64], weights: NDArray[np.int64]) -> NDArray[np.int64]:
    """``table.share_out`` of each total by the same weights, one row each."""
    whole = int(weights.sum())
    if not whole:
        return np.zeros((len(totals), len(weights)), dtype=np.int64)
    shares = totals[:, None] * weights[None, :]
    parts = shares // whole
    left = totals - parts.sum(axis=1)
    order = np.argsort(-(shares % whole), axis=1, kind="stable")  # ties: the earlier first
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(len(weights))[None, :], axis=1)
    extra: NDArray[np.int64] = (rank < left[:, None]).astype(np.int64)
    return parts + extra


def _rows(
    study: NeedsStudy,
    services: list[Service],
    rounded: dict[tuple[int, str], int],
    served: PeopleBySex,
    waiting: PeopleBySex,
    capacity: dict[tuple[int, int], int],
) -> list[NeedRow]:
    """Women, men and both for every service (a country makes 160,000 of them)."""
    rows: list[NeedRow] = []
    h = study.hromada_id
    female, male = SEXES
    for service in services:
        pk = service.pk
        wait_f, wait_m = waiting.get((h, pk, female), 0), waiting.get((h, pk, male), 0)
        need_f = rounded.get((pk, female), 0) + wait_f
        need_m = rounded.get((pk, male), 0) + wait_m
        got_f, got_m = served.get((h, pk, female), 0), served.get((h, pk, male), 0)
        rows += (
            NeedRow(service, None, female, need_f, got_f, None, wait_f),
            NeedRow(service, None, male, need_m, got_m, None, wait_m),
            NeedRow(
                service,
                None,
                TOTAL,
                need_f + need_m,
                got_f + got_m,
                capacity.get((h, pk), 0),
                wait_f + wait_m,
            ),
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


def _rates(studies: Sequence[NeedsStudy]) -> dict[int, ShareMatrix]:
    """Study id → its shares, as ``effective_rates`` of each study (one matrix per method
    for the studies without survey shares of their own)."""
    by_method: dict[int, dict[tuple[int, int], Decimal]] = defaultdict(dict)
    for method_id, service_id, group_id, rate in NormativeRate.objects.filter(
        method_id__in={s.method_id for s in studies}
    ).values_list("method_id", "service_id", "group_id", "rate"):
        by_method[method_id][(service_id, group_id)] = rate
    surveyed: dict[int, dict[tuple[int, int], Decimal]] = defaultdict(dict)
    for study_id, service_id, group_id, share in SurveyShare.objects.filter(
        study__in=studies
    ).values_list("study_id", "service_id", "group_id", "share"):
        surveyed[study_id][(service_id, group_id)] = share
    of_method = {m: ShareMatrix.of(scaled_rates(rates)) for m, rates in by_method.items()}
    empty = ShareMatrix.of({})
    return {
        s.pk: ShareMatrix.of(scaled_rates(by_method[s.method_id] | surveyed[s.pk]))
        if s.pk in surveyed
        else of_method.get(s.method_id, empty)
        for s in studies
    }


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
