from __future__ import annotations

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from conftest import World
from turbota.catalog.models import AgeBand
from turbota.core.enums import Sex
from turbota.territories import actions
from turbota.territories.actions import SettlementData, VitalData
from turbota.territories.models import (
    HromadaProfile,
    PopulationCount,
    SettlementProfile,
    VitalStatistics,
)
from turbota.territories.tests.factories import add_vital, make_profile


def _entries(world: World) -> int:
    return int(LogEntry.objects.filter(additional_data__hromada_id=world.hromada_a.pk).count())


def test_a_profile_is_created_once_and_unpublished(world: World) -> None:
    profile = actions.create_profile(hromada=world.hromada_a)
    assert not profile.is_published
    with pytest.raises(ValidationError, match="вже існує"):
        actions.create_profile(hromada=world.hromada_a)


def test_only_a_hromada_gets_a_profile(world: World) -> None:
    with pytest.raises(ValidationError, match="лише для територіальної громади"):
        actions.create_profile(hromada=world.oblast_a)
    assert not HromadaProfile.objects.exists()


def test_update_profile_saves_fields_and_writes_one_audit_entry(world: World) -> None:
    profile = make_profile(world.hromada_a)
    before = _entries(world)
    changed = actions.update_profile(
        profile=profile,
        area_km2=Decimal("149.8"),
        administrative_centre=world.city_a,
        distance_to_oblast_centre_km=Decimal("102.5"),
        oblast_centre_name="м. Краматорськ",
        description="Громада на заході області.",
        data_note="",
        is_published=True,
    )
    profile.refresh_from_db()
    assert changed
    assert profile.area_km2 == Decimal("149.80")
    assert profile.is_published
    assert _entries(world) == before + 1


def test_update_profile_without_changes_writes_nothing(world: World) -> None:
    profile = make_profile(world.hromada_a, oblast_centre_name="м. Краматорськ")
    before = _entries(world)
    changed = actions.update_profile(
        profile=profile,
        area_km2=None,
        administrative_centre=None,
        distance_to_oblast_centre_km=None,
        oblast_centre_name="м. Краматорськ",
        description="",
        data_note="",
        is_published=False,
    )
    assert not changed
    assert _entries(world) == before


def test_the_administrative_centre_must_be_a_settlement_of_the_hromada(world: World) -> None:
    profile = make_profile(world.hromada_a)
    with pytest.raises(ValidationError, match="не входить до цієї громади"):
        actions.update_profile(
            profile=profile,
            area_km2=None,
            administrative_centre=world.village_b,
            distance_to_oblast_centre_km=None,
            oblast_centre_name="",
            description="",
            data_note="",
            is_published=False,
        )


def test_a_settlement_takes_urban_from_its_category_unless_told(world: World) -> None:
    actions.set_settlement(
        hromada=world.hromada_a, settlement=world.city_a, data=SettlementData(population=900)
    )
    actions.set_settlement(
        hromada=world.hromada_a,
        settlement=world.village_a,
        data=SettlementData(population=40, is_urban=True),
    )
    urban = dict(SettlementProfile.objects.values_list("settlement__name", "is_urban"))
    assert urban == {"Першанськ": True, "Лугове": True}


def test_a_settlement_of_another_hromada_is_refused(world: World) -> None:
    with pytest.raises(ValidationError, match="не входить до цієї громади"):
        actions.set_settlement(
            hromada=world.hromada_a, settlement=world.village_b, data=SettlementData()
        )


def test_saving_settlements_skips_blank_rows_and_reports_changes(world: World) -> None:
    rows = [
        (world.city_a, SettlementData(population=900, population_year=2021)),
        (world.village_a, SettlementData()),
    ]
    first = actions.save_settlements(hromada=world.hromada_a, rows=rows)
    again = actions.save_settlements(hromada=world.hromada_a, rows=rows)
    assert (first["create"], again["unchanged"]) == (1, 1)
    assert list(SettlementProfile.objects.values_list("settlement", flat=True)) == [world.city_a.pk]


def test_set_count_creates_updates_keeps_and_removes(world: World) -> None:
    band = AgeBand.objects.get(min_age=0)
    common = {
        "model": PopulationCount,
        "hromada": world.hromada_a,
        "territory": world.hromada_a,
        "year": 2021,
        "sex": Sex.FEMALE,
        "key": {"age_band": band},
    }
    assert actions.set_count(count=100, **common) == "create"  # type: ignore[arg-type]
    assert actions.set_count(count=100, **common) == "unchanged"  # type: ignore[arg-type]
    assert actions.set_count(count=120, **common) == "update"  # type: ignore[arg-type]
    assert PopulationCount.objects.get().count == 120
    assert actions.set_count(count=None, **common) == "delete"  # type: ignore[arg-type]
    assert not PopulationCount.objects.exists()


def test_each_changed_count_leaves_an_audit_entry_with_the_hromada(world: World) -> None:
    band = AgeBand.objects.get(min_age=0)
    before = _entries(world)
    actions.save_sex_grid(
        model=PopulationCount,
        hromada=world.hromada_a,
        year=2021,
        key_field="age_band",
        rows={band: (100, 90)},
        is_estimated=False,
        source="",
    )
    actions.save_sex_grid(
        model=PopulationCount,
        hromada=world.hromada_a,
        year=2021,
        key_field="age_band",
        rows={band: (100, 95)},
        is_estimated=False,
        source="",
    )
    assert _entries(world) == before + 3  # two created, one changed


def test_a_count_of_another_hromadas_settlement_is_refused(world: World) -> None:
    band = AgeBand.objects.get(min_age=0)
    with pytest.raises(ValidationError):
        actions.set_count(
            model=PopulationCount,
            hromada=world.hromada_a,
            territory=world.village_b,
            year=2021,
            sex=Sex.MALE,
            count=5,
            key={"age_band": band},
        )


def test_vital_statistics_are_upserted_by_year_and_deleted_on_request(world: World) -> None:
    add_vital(world.hromada_a, 2019, births=300, deaths=500)
    counts = actions.save_vital_statistics(
        hromada=world.hromada_a,
        rows=[VitalData(2020, 210, 640), VitalData(2021, 190, 702, is_estimated=True)],
        delete_years=[2019],
    )
    assert (counts["create"], counts["delete"]) == (2, 1)
    assert list(VitalStatistics.objects.values_list("year", "births", "deaths")) == [
        (2020, 210, 640),
        (2021, 190, 702),
    ]
