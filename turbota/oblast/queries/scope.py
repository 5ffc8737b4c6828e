"""The hromadas of an oblast and the figures every oblast page starts from: each hromada's
current published needs study and its need / served / unmet / capacity by service and sex.

"Current" follows order 130-Н's three-year cycle: for a reference year Y, a hromada's
latest published study of a year from Y−2 to Y. A hromada without one has no data for Y —
it is shown as "немає даних", never as zeros, and it is left out of every total. The
reference year defaults to the latest year of any published study in the oblast.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from django.db.models import Max, QuerySet

from turbota.needs.enums import StudyStatus
from turbota.needs.models import NeedsStudy
from turbota.needs.queries.rollup import hromada_totals
from turbota.territories.enums import TerritoryCategory
from turbota.territories.models import Territory

CURRENT_YEARS = 3
TOTAL = "total"
SEXES = ("female", "male", TOTAL)


def oblasts() -> QuerySet[Territory]:
    return Territory.objects.filter(category=TerritoryCategory.OBLAST).order_by("sort_key")


def raions_of(oblast: Territory) -> QuerySet[Territory]:
    return (
        Territory.objects.filter(category=TerritoryCategory.RAION, oblast=oblast)
        .current()
        .order_by("sort_key", "code")
    )


def hromadas_of(oblast: Territory, raion: Territory | None = None) -> QuerySet[Territory]:
    """The oblast's hromadas in the current codifier, with their raion, in name order."""
    found = Territory.objects.hromadas().current().filter(oblast=oblast)
    if raion is not None:
        found = found.filter(parent=raion)
    return found.select_related("parent").order_by("sort_key", "code")


def raion_of(hromada: Territory) -> Territory | None:
    """The hromada's raion (its parent in the codifier), with ``hromadas_of``'s join."""
    parent = hromada.parent
    return parent if parent is not None and parent.category == TerritoryCategory.RAION else None


def reference_year(oblast: Territory) -> int | None:
    """The latest year of a published needs study of any of the oblast's hromadas."""
    latest: int | None = NeedsStudy.objects.filter(
        status=StudyStatus.PUBLISHED, hromada__oblast=oblast
    ).aggregate(latest=Max("year"))["latest"]
    return latest


def current_studies(hromada_ids: Collection[int], year: int) -> dict[int, NeedsStudy]:
    """Hromada id → its latest published study of ``year``−2 … ``year`` (one query)."""
    found: dict[int, NeedsStudy] = {}
    studies = NeedsStudy.objects.filter(
        status=StudyStatus.PUBLISHED,
        hromada_id__in=hromada_ids,
        year__gte=year - CURRENT_YEARS + 1,
        year__lte=year,
    ).order_by("hromada_id", "-year")
    for study in studies:
        found.setdefault(study.hromada_id, study)
    return found


def latest_published_years(hromada_ids: Collection[int]) -> dict[int, int]:
    """Hromada id → the year of its latest published study, current or not."""
    rows = (
        NeedsStudy.objects.filter(status=StudyStatus.PUBLISHED, hromada_id__in=hromada_ids)
        .order_by()
        .values_list("hromada_id")
        .annotate(latest=Max("year"))
    )
    return dict(rows)


@dataclass(frozen=True, slots=True)
class NeedFigures:
    """One hromada's (or a sum of hromadas') need for a service, for one sex or both."""

    need: int
    served: int
    unmet: int
    # declared for both sexes together only; what of it is spare is not capacity − served
    # (served counts the hromada's residents wherever served): ``cooperation.SellerLoad``
    capacity: int | None = None

    def __add__(self, other: NeedFigures) -> NeedFigures:
        capacity = None
        if self.capacity is not None or other.capacity is not None:
            capacity = (self.capacity or 0) + (other.capacity or 0)
        return NeedFigures(
            self.need + other.need, self.served + other.served, self.unmet + other.unmet, capacity
        )


ZERO = NeedFigures(0, 0, 0)
# (service id, sex) → figures
ServiceFigures = dict[tuple[int, str], NeedFigures]


def study_figures(studies: Iterable[NeedsStudy]) -> dict[int, ServiceFigures]:
    """Hromada id → its study's hromada-wide figures for every service and sex, from the
    needs roll-up (a fixed number of queries, equal to each study's own table)."""
    by_study = {study.pk: study for study in studies}
    if not by_study:
        return {}
    totals = hromada_totals(studies=list(by_study.values()))
    result: dict[int, ServiceFigures] = {}
    for study_id, rows in totals.items():
        figures: ServiceFigures = {}
        for row in rows:
            figures[(row.service.pk, row.sex)] = NeedFigures(
                row.need, row.served, row.unmet, row.capacity
            )
        result[by_study[study_id].hromada_id] = figures
    return result


def sum_figures(items: Iterable[NeedFigures]) -> NeedFigures:
    total = ZERO
    for item in items:
        total = total + item
    return total
