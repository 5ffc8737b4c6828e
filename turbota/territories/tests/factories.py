from __future__ import annotations

import itertools
from typing import Any

from turbota.catalog.models import AgeBand, VulnerableGroup
from turbota.core.enums import Sex
from turbota.core.text import ukrainian_sort_key
from turbota.territories.enums import TerritoryCategory
from turbota.territories.models import (
    DisabilityCount,
    HromadaProfile,
    PopulationCount,
    SettlementProfile,
    Territory,
    VitalStatistics,
    VulnerableGroupCount,
)

_serial = itertools.count(1)


def make_territory(
    name: str,
    category: TerritoryCategory,
    parent: Territory | None = None,
    code: str | None = None,
) -> Territory:
    """A codifier unit with a valid-looking code and its denormalised ancestors."""
    code = code or f"UA{98000000000000000 + next(_serial):017d}"
    territory = Territory.objects.create(
        code=code,
        name=name,
        category=category,
        parent=parent,
        oblast=(parent.oblast or parent) if parent else None,
        hromada=parent.hromada if parent and parent.hromada_id else None,
        sort_key=ukrainian_sort_key(name),
    )
    if category == TerritoryCategory.HROMADA:
        territory.hromada = territory
        territory.save(update_fields=["hromada"])
    return territory


def make_hromada(name: str, oblast: Territory | None = None, code: str | None = None) -> Territory:
    oblast = oblast or make_territory(f"{name} область", TerritoryCategory.OBLAST)
    raion = make_territory(f"{name} район", TerritoryCategory.RAION, parent=oblast)
    return make_territory(name, TerritoryCategory.HROMADA, parent=raion, code=code)


# --- the community profile -------------------------------------------------------------------

# Table 1 of seed 004 (Selydove hromada, 2021): vulnerable group code → (women, men).
SEED_004_TABLE_1 = {
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


def make_profile(hromada: Territory, **fields: object) -> HromadaProfile:
    return HromadaProfile.objects.create(hromada=hromada, **fields)


def make_settlement_profile(settlement: Territory, **fields: object) -> SettlementProfile:
    values: dict[str, object] = {"is_urban": settlement.is_urban_by_category}
    values.update(fields)
    assert settlement.hromada is not None
    return SettlementProfile.objects.create(
        settlement=settlement,
        hromada=settlement.hromada,
        **values,
    )


def _add_pairs(
    model: type[PopulationCount] | type[VulnerableGroupCount] | type[DisabilityCount],
    hromada: Territory,
    year: int,
    key_field: str,
    pairs: dict[object, tuple[int | None, int | None]],
    territory: Territory | None = None,
    is_estimated: bool = False,
) -> None:
    for key, counts in pairs.items():
        for sex, count in zip((Sex.FEMALE, Sex.MALE), counts, strict=True):
            if count is None:
                continue
            model._default_manager.create(
                hromada=hromada,
                territory=territory or hromada,
                year=year,
                sex=sex,
                count=count,
                is_estimated=is_estimated,
                **{key_field: key},
            )


def add_vulnerable_groups(
    hromada: Territory,
    year: int = 2021,
    table: dict[str, tuple[int | None, int | None]] | None = None,
    **options: Any,
) -> None:
    groups = {group.code: group for group in VulnerableGroup.objects.all()}
    rows = table if table is not None else SEED_004_TABLE_1
    pairs: dict[object, tuple[int | None, int | None]] = {
        groups[code]: counts for code, counts in rows.items()
    }
    _add_pairs(VulnerableGroupCount, hromada, year, "group", pairs, **options)


def add_population(
    hromada: Territory, year: int, table: dict[str, tuple[int, int]], **options: Any
) -> None:
    bands = {band.label: band for band in AgeBand.objects.all()}
    pairs: dict[object, tuple[int | None, int | None]] = {
        bands[label]: counts for label, counts in table.items()
    }
    _add_pairs(PopulationCount, hromada, year, "age_band", pairs, **options)


def add_disability(
    hromada: Territory, year: int, table: dict[str, tuple[int, int]], **options: Any
) -> None:
    pairs: dict[object, tuple[int | None, int | None]] = dict(table.items())
    _add_pairs(DisabilityCount, hromada, year, "group", pairs, **options)


def add_vital(hromada: Territory, year: int, births: int, deaths: int, **fields: Any) -> None:
    VitalStatistics.objects.create(
        hromada=hromada, year=year, births=births, deaths=deaths, **fields
    )


POPULATION_2021 = {
    "0-17": (2530, 2670),
    "18-34": (3300, 3350),
    "35-59": (6900, 6100),
    "60-79": (5300, 3300),
    "80+": (1500, 670),
}


def fill_profile(hromada: Territory, *, published: bool = False) -> HromadaProfile:
    """A profile with something in every section: two years of population, births and
    deaths, disability groups and table 1 of seed 004."""
    profile = make_profile(
        hromada,
        area_km2="149.80",
        distance_to_oblast_centre_km="102.50",
        oblast_centre_name="м. Краматорськ",
        is_published=published,
    )
    add_population(hromada, 2021, POPULATION_2021)
    add_population(
        hromada, 2020, {label: (f + 10, m + 10) for label, (f, m) in POPULATION_2021.items()}
    )
    add_vital(hromada, 2020, births=210, deaths=640)
    add_vital(hromada, 2021, births=190, deaths=702, is_estimated=True)
    add_disability(
        hromada, 2021, {"I": (120, 110), "II": (700, 520), "III": (600, 330), "child": (92, 66)}
    )
    add_vulnerable_groups(hromada, 2021)
    return profile
