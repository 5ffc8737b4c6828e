"""Every hromada of an oblast side by side: population, vulnerable groups by sex, providers,
basic services, need / served / unmet by service and sex, strategy and monitoring — in a
fixed number of queries whatever the number of hromadas. Only counts: no person is read."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from django.db.models import Count

from turbota.accounts.permissions import AnyUser
from turbota.catalog.models import Service, VulnerableGroup
from turbota.needs.models import NeedsStudy
from turbota.oblast.queries.scope import (
    SEXES,
    NeedFigures,
    ServiceFigures,
    current_studies,
    hromadas_of,
    latest_published_years,
    raion_of,
    study_figures,
    sum_figures,
)
from turbota.people.models import Person
from turbota.providers.models import ProvidedService, Provider
from turbota.strategy.queries import StrategySummary, summaries_for
from turbota.territories.models import Territory, VulnerableGroupCount
from turbota.territories.queries import hromada_cards

# What the dashboard shows of a hromada's strategy: its current edition and the RAG of its
# latest approved monitoring period.
StrategyFacts = StrategySummary


def strategy_summaries(*, hromada_ids: Collection[int]) -> Mapping[int, StrategyFacts]:
    """Hromada id → its strategy's status and latest monitoring RAG, where it has one."""
    return summaries_for(hromada_ids=hromada_ids)


@dataclass(frozen=True)
class SexCounts:
    female: int
    male: int

    @property
    def total(self) -> int:
        return self.female + self.male

    def of(self, sex: str) -> int:
        return {"female": self.female, "male": self.male}.get(sex, self.total)


@dataclass
class HromadaLine:
    """One hromada's row; an empty mapping or None means no data (shown "немає даних")."""

    hromada: Territory
    population: int | None
    groups_year: int | None
    groups: dict[int, SexCounts]
    providers: int
    basic_available: list[Service]
    basic_missing: list[Service]
    study: NeedsStudy | None
    last_study_year: int | None
    needs: ServiceFigures
    strategy: StrategyFacts | None
    synthetic: bool

    @property
    def raion(self) -> Territory | None:
        return raion_of(self.hromada)

    def figures(self, service_id: int, sex: str) -> NeedFigures | None:
        return self.needs.get((service_id, sex)) if self.study else None


@dataclass
class OblastDashboard:
    oblast: Territory
    year: int
    lines: list[HromadaLine]
    services: list[Service]
    groups: list[VulnerableGroup]
    basic: list[Service]
    with_study: int = field(init=False)

    def __post_init__(self) -> None:
        self.with_study = sum(1 for line in self.lines if line.study is not None)

    def total_figures(self, service_id: int, sex: str) -> NeedFigures:
        """The sum over hromadas with a current study (the others have no data)."""
        return sum_figures(
            figures for line in self.lines if (figures := line.figures(service_id, sex)) is not None
        )

    def total_group(self, group_id: int) -> SexCounts:
        counts = [line.groups[group_id] for line in self.lines if group_id in line.groups]
        return SexCounts(sum(c.female for c in counts), sum(c.male for c in counts))

    @property
    def synthetic(self) -> int:
        """How many hromadas have synthetic (invented) people among their recipients."""
        return sum(1 for line in self.lines if line.synthetic)

    @property
    def total_population(self) -> int:
        return sum(line.population or 0 for line in self.lines)

    @property
    def total_providers(self) -> int:
        return sum(line.providers for line in self.lines)


def dashboard(
    *, user: AnyUser, oblast: Territory, year: int, raion: Territory | None = None
) -> OblastDashboard:
    """The oblast's hromadas (of ``raion`` if given) as of reference ``year``."""
    hromadas = hromadas_of(oblast, raion)
    cards = hromada_cards(user, hromadas)
    ids = [card.hromada.pk for card in cards]
    studies = current_studies(ids, year)
    figures = study_figures(studies.values())
    groups = _group_counts(ids, year, studies)
    basic = list(Service.objects.basic_on(datetime.date(year, 12, 31)).order_by("code"))
    offered = _basic_offered(ids, basic)
    providers = _provider_counts(ids)
    last = latest_published_years(ids)
    strategies = strategy_summaries(hromada_ids=ids)
    synthetic = set(
        Person.objects.filter(hromada_id__in=ids, is_synthetic=True)
        .order_by()
        .values_list("hromada_id", flat=True)
        .distinct()
    )
    lines = []
    for card in cards:
        h = card.hromada.pk
        groups_year, counts = groups.get(h, (None, {}))
        lines.append(
            HromadaLine(
                hromada=card.hromada,
                population=card.population.value,
                groups_year=groups_year,
                groups=counts,
                providers=providers.get(h, 0),
                basic_available=[s for s in basic if (h, s.pk) in offered],
                basic_missing=[s for s in basic if (h, s.pk) not in offered],
                study=studies.get(h),
                last_study_year=last.get(h),
                needs=figures.get(h, {}),
                strategy=strategies.get(h),
                synthetic=h in synthetic,
            )
        )
    return OblastDashboard(
        oblast=oblast,
        year=year,
        lines=lines,
        services=list(Service.objects.order_by("code")),
        groups=list(VulnerableGroup.objects.order_by("position", "name")),
        basic=basic,
    )


def _provider_counts(hromada_ids: list[int]) -> dict[int, int]:
    rows = (
        Provider.objects.actual()
        .filter(hromada_id__in=hromada_ids)
        .order_by()
        .values_list("hromada_id")
        .annotate(n=Count("pk"))
    )
    return dict(rows)


def _basic_offered(hromada_ids: list[int], basic: list[Service]) -> set[tuple[int, int]]:
    """(hromada id, service id) of the basic services some actual provider offers."""
    rows = (
        ProvidedService.objects.filter(
            provider__hromada_id__in=hromada_ids,
            provider__is_potential=False,
            service__in=basic,
        )
        .order_by()
        .values_list("provider__hromada_id", "service_id")
        .distinct()
    )
    return {(hromada_id, service_id) for hromada_id, service_id in rows if hromada_id}


def _group_counts(
    hromada_ids: list[int], year: int, studies: dict[int, NeedsStudy]
) -> dict[int, tuple[int, dict[int, SexCounts]]]:
    """Hromada id → (year, group id → women and men): the year of its current study's group
    data, else its latest year up to ``year``. A group counted for the hromada as a whole is
    taken as it is; one counted only per settlement is the sum of its settlements."""
    rows = VulnerableGroupCount.objects.filter(
        hromada_id__in=hromada_ids, year__lte=year
    ).values_list("hromada_id", "year", "group_id", "territory_id", "sex", "count")
    # (hromada, year) → group → (hromada-wide?) → sex → count
    found: dict[tuple[int, int], dict[int, dict[bool, dict[str, int]]]] = defaultdict(
        lambda: defaultdict(lambda: {True: defaultdict(int), False: defaultdict(int)})
    )
    years: dict[int, set[int]] = defaultdict(set)
    for hromada_id, count_year, group_id, territory_id, sex, count in rows:
        found[(hromada_id, count_year)][group_id][territory_id == hromada_id][sex] += count
        years[hromada_id].add(count_year)
    result = {}
    for hromada_id, known in years.items():
        study = studies.get(hromada_id)
        chosen = study.groups_year if study and study.groups_year in known else max(known)
        result[hromada_id] = (chosen, _by_group(found[(hromada_id, chosen)]))
    return result


def _by_group(counts: Mapping[int, Mapping[bool, Mapping[str, int]]]) -> dict[int, SexCounts]:
    result = {}
    for group_id, parts in counts.items():
        chosen = parts[True] if parts[True] else parts[False]
        result[group_id] = SexCounts(chosen.get("female", 0), chosen.get("male", 0))
    return result


SORT_KEYS = {
    "name": "громада",
    "raion": "район",
    "population": "населення",
    "providers": "надавачі",
    "missing": "базових послуг немає",
    "group": "вразлива група",
    "need": "потреба",
    "served": "отримують",
    "unmet": "не задоволено",
    "study": "рік дослідження",
    "strategy": "стратегія",
    "rag": "моніторинг",
}
RAG_ORDER = {"red": 0, "amber": 1, "green": 2}


def sort_lines(
    lines: list[HromadaLine],
    *,
    key: str,
    descending: bool,
    service_id: int | None,
    sex: str,
    group_id: int | None,
) -> list[HromadaLine]:
    """Lines ordered by ``key``; lines without the value go last in either direction."""
    if sex not in SEXES:
        sex = "total"

    def value(line: HromadaLine) -> object:
        if key in ("need", "served", "unmet"):
            figures = line.figures(service_id, sex) if service_id else None
            return None if figures is None else getattr(figures, key)
        if key == "group":
            counts = line.groups.get(group_id) if group_id else None
            return None if counts is None else counts.of(sex)
        return _plain_value(line, key)

    known = [line for line in lines if value(line) is not None]
    unknown = [line for line in lines if value(line) is None]
    known.sort(key=lambda line: (value(line), line.hromada.sort_key), reverse=descending)
    return known + unknown


def _plain_value(line: HromadaLine, key: str) -> object:
    if key == "raion":
        return line.raion.sort_key if line.raion else None
    if key == "population":
        return line.population
    if key == "providers":
        return line.providers
    if key == "missing":
        return len(line.basic_missing)
    if key == "study":
        return line.study.year if line.study else None
    if key == "strategy":
        return line.strategy.status_label if line.strategy else None
    if key == "rag":
        return RAG_ORDER.get(line.strategy.rag or "") if line.strategy else None
    return line.hromada.sort_key
