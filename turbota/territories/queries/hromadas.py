"""Which hromadas a user may see, their cards, and the codifier they come from."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Sum, Value, When

from turbota.accounts.permissions import (
    AnyUser,
    analyst_oblast_ids,
    is_admin,
    staff_hromada_ids,
    working_group_hromada_ids,
)
from turbota.core.disclosure import Cell, single, threshold, withheld
from turbota.core.text import ukrainian_sort_key
from turbota.territories.enums import SETTLEMENT_CATEGORIES
from turbota.territories.models import HromadaProfile, PopulationCount, SettlementProfile, Territory
from turbota.territories.permissions import can_view_full_profile


def hromadas_visible_to(user: AnyUser) -> QuerySet[Territory]:
    """Hromadas whose profile the user may open, in Ukrainian alphabetical order.

    Administrators: every hromada with a profile. Staff and working group: their own, with or
    without a profile. Oblast analysts: the profiled hromadas of their oblast. Everyone: the
    published ones."""
    hromadas = Territory.objects.hromadas()
    if is_admin(user):
        return hromadas.filter(profile__isnull=False)
    own = staff_hromada_ids(user) | working_group_hromada_ids(user)
    rule = (
        Q(profile__is_published=True)
        | Q(pk__in=own)
        | Q(oblast_id__in=analyst_oblast_ids(user), profile__isnull=False)
    )
    return hromadas.filter(rule)


@dataclass(frozen=True)
class HromadaCard:
    hromada: Territory
    population: Cell
    settlements: int
    profile: HromadaProfile | None


def hromada_cards(user: AnyUser, hromadas: QuerySet[Territory]) -> list[HromadaCard]:
    """Cards for a list of hromadas: population and number of settlements (3 queries)."""
    found = list(hromadas.select_related("profile", "oblast").order_by("sort_key", "code"))
    ids = [hromada.pk for hromada in found]
    settlements = dict(
        Territory.objects.settlements()
        .current()
        .filter(hromada_id__in=ids)
        .order_by()
        .values("hromada_id")
        .annotate(n=Count("pk"))
        .values_list("hromada_id", "n")
    )
    populations = _population_totals(ids)
    return [
        HromadaCard(
            hromada=hromada,
            population=_population_cell(
                populations.get(hromada.pk), suppress=not can_view_full_profile(user, hromada)
            ),
            settlements=settlements.get(hromada.pk, 0),
            profile=getattr(hromada, "profile", None),
        )
        for hromada in found
    ]


def _population_cell(found: tuple[int, bool] | None, *, suppress: bool) -> Cell:
    if found is None:
        return Cell(None)
    total, has_small = found
    if suppress and has_small:
        return withheld()  # as the profile's trend hides it
    return single(total, suppress=suppress)


def _population_totals(hromada_ids: list[int]) -> dict[int, tuple[int, bool]]:
    """The settlements' population or else the latest year of the age-by-sex counts, and
    whether that year has a small count (its total would give it back to the public)."""
    totals = {
        hromada_id: (total, False)
        for hromada_id, total in SettlementProfile.objects.filter(
            hromada_id__in=hromada_ids, population__isnull=False
        )
        .order_by()
        .values("hromada_id")
        .annotate(total=Sum("population"))
        .values_list("hromada_id", "total")
    }
    by_year = (
        PopulationCount.objects.filter(territory_id__in=hromada_ids)
        .values("territory_id", "year")
        .annotate(
            total=Sum("count"),
            small=Count("pk", filter=Q(count__gt=0, count__lt=threshold())),
        )
        .order_by("territory_id", "year")
    )
    # ascending years: the latest one wins
    latest = {row["territory_id"]: (row["total"], row["small"] > 0) for row in by_year}
    return latest | totals


_CATEGORY_ORDER = Case(
    *(When(category=category, then=Value(i)) for i, category in enumerate(SETTLEMENT_CATEGORIES)),
    default=Value(9),
    output_field=IntegerField(),
)


def settlements_of(hromada: Territory) -> QuerySet[Territory]:
    """The hromada's settlements from the codifier (cities first), with their profiles."""
    return (
        Territory.objects.settlements()
        .filter(hromada=hromada)
        .filter(Q(is_current=True) | Q(settlement_profile__isnull=False))
        .select_related("settlement_profile")
        .order_by(_CATEGORY_ORDER, "sort_key", "code")
    )


def search_territories(
    *,
    text: str = "",
    category: str = "",
    oblast: Territory | None = None,
    include_crimea: bool = False,
) -> QuerySet[Territory]:
    """Codifier units by name (any case, any apostrophe) or code, in Ukrainian order.

    AR Crimea and Sevastopol are left out unless asked for or their oblast is chosen, as in
    the API (decision 4)."""
    found = Territory.objects.select_related("parent", "oblast")
    if not include_crimea and not (oblast is not None and oblast.is_crimea):
        found = found.filter(is_crimea=False)
    text = text.strip()
    if text.upper().startswith("UA"):
        found = found.filter(code__startswith=text.upper())
    elif text:
        found = found.filter(sort_key__contains=ukrainian_sort_key(text))
    if category:
        found = found.filter(category=category)
    if oblast is not None:
        found = found.filter(Q(oblast=oblast) | Q(pk=oblast.pk))
    return found.order_by("sort_key", "code")


def parent_chain(territory: Territory) -> list[Territory]:
    """Ancestors from the oblast down to the direct parent (one query per level, at most 4)."""
    chain: list[Territory] = []
    current = territory
    while current.parent_id is not None and len(chain) < 6:
        current = Territory.objects.get(pk=current.parent_id)
        chain.insert(0, current)
    return chain
