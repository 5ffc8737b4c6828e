from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import AnonymousUser

from conftest import World
from turbota.territories.enums import TerritoryCategory
from turbota.territories.models import Territory
from turbota.territories.queries import (
    community_profile,
    hromada_cards,
    hromadas_visible_to,
    parent_chain,
    pick_year,
    population_pyramid,
    population_trend,
    search_territories,
    vital_rows,
    vulnerable_table,
)
from turbota.territories.tests.factories import (
    SEED_004_TABLE_1,
    add_population,
    add_vital,
    add_vulnerable_groups,
    fill_profile,
    make_hromada,
    make_profile,
    make_settlement_profile,
    make_territory,
)


def _codes(world: World, role: str) -> set[str]:
    user = world.users[role] or AnonymousUser()
    return set(hromadas_visible_to(user).values_list("code", flat=True))


def test_admin_sees_every_hromada_that_has_a_profile(world: World) -> None:
    make_profile(world.hromada_a)
    make_profile(world.hromada_b)
    assert _codes(world, "admin") == {world.hromada_a.code, world.hromada_b.code}


def test_staff_and_working_group_see_their_hromada_even_before_it_has_a_profile(
    world: World,
) -> None:
    assert _codes(world, "hromada_staff") == {world.hromada_a.code}
    assert _codes(world, "working_group") == {world.hromada_a.code}


def test_oblast_analyst_sees_the_profiled_hromadas_of_their_oblast_only(world: World) -> None:
    make_profile(world.hromada_a)
    make_profile(world.hromada_b)
    assert _codes(world, "oblast_analyst") == {world.hromada_a.code}
    assert _codes(world, "other_oblast_analyst") == {world.hromada_b.code}


def test_everyone_sees_published_profiles_and_nothing_else(world: World) -> None:
    make_profile(world.hromada_a, is_published=True)
    make_profile(world.hromada_a2)
    assert _codes(world, "anonymous") == {world.hromada_a.code}
    assert _codes(world, "provider_staff") == {world.hromada_a.code}
    assert _codes(world, "other_hromada_staff") == {world.hromada_a.code, world.hromada_b.code}


def test_vulnerable_table_reproduces_table_1_of_seed_004(world: World) -> None:
    add_vulnerable_groups(world.hromada_a, 2021)
    rows = vulnerable_table(world.hromada_a, 2021, suppress=False)
    assert len(rows) == 14
    assert [str(c) for c in (rows[0].female, rows[0].male, rows[0].total)] == [
        "8522",
        "5448",
        "13970",
    ]
    assert rows[0].label == "Внутрішньо переміщені особи"
    assert [str(rows[1].total), str(rows[6].total)] == ["2538", "10528"]
    assert rows[-1].label == "Умовно самотні люди 60+"
    assert [str(c) for c in (rows[11].female, rows[11].male, rows[11].total)] == ["0", "2", "2"]


def test_public_vulnerable_table_hides_a_small_count_and_the_total_that_would_give_it_back(
    world: World,
) -> None:
    add_vulnerable_groups(world.hromada_a, 2021)
    rows = {row.label: row for row in vulnerable_table(world.hromada_a, 2021, suppress=True)}
    combatants = rows["Люди, які мають статус учасника бойових дій, ветерани Другої світової війни"]
    assert [str(c) for c in (combatants.female, combatants.male, combatants.total)] == [
        "0",
        "<5",
        "<5",
    ]
    assert combatants.male.value is None
    assert combatants.total.value is None
    assert str(rows["Внутрішньо переміщені особи"].total) == "13970"


def test_families_are_counted_as_families_in_the_vulnerable_table(world: World) -> None:
    add_vulnerable_groups(world.hromada_a, 2021)
    rows = {row.label: row for row in vulnerable_table(world.hromada_a, 2021, suppress=False)}
    assert rows["Сім’ї з дітьми з інвалідністю"].note == "сімей"
    assert rows["Внутрішньо переміщені особи"].note == ""


def test_pyramid_lists_age_bands_youngest_first_with_their_totals(world: World) -> None:
    add_population(world.hromada_a, 2021, {"80+": (1500, 670), "0-17": (2530, 2670)})
    rows = population_pyramid(world.hromada_a, 2021, suppress=False)
    assert [(row.label, str(row.total)) for row in rows] == [("0-17", "5200"), ("80+", "2170")]


def test_population_trend_sums_women_and_men_by_year(world: World) -> None:
    add_population(world.hromada_a, 2020, {"0-17": (100, 110), "80+": (50, 20)})
    add_population(world.hromada_a, 2021, {"0-17": (90, 100), "80+": (55, 25)})
    points = population_trend(world.hromada_a, suppress=False)
    assert [(p.year, str(p.female), str(p.male), str(p.total)) for p in points] == [
        (2020, "150", "130", "280"),
        (2021, "145", "125", "270"),
    ]


def test_public_trend_hides_a_year_whose_age_table_hides_a_count(world: World) -> None:
    # given 3 men aged 80+ in 2021: the yearly total minus the other bands would show them
    add_population(world.hromada_a, 2020, {"0-17": (100, 110), "80+": (50, 20)})
    add_population(world.hromada_a, 2021, {"0-17": (90, 100), "80+": (55, 3)})
    points = population_trend(world.hromada_a, suppress=True)
    assert [str(points[0].total), str(points[1].total)] == ["280", "приховано"]
    assert points[1].male.value is None
    assert points[1].female.value is None


def test_key_figures_give_the_urban_share_of_seed_004(world: World) -> None:
    # given 32938 of 35620 people in the towns, as in seed 004
    fill_profile(world.hromada_a)
    make_settlement_profile(world.city_a, population=32938, population_year=2021)
    make_settlement_profile(world.village_a, population=2682, population_year=2021)
    data = community_profile(hromada=world.hromada_a, suppress=False)
    assert str(data.figures.population) == "35620"
    assert data.figures.urban_share == Decimal("92.47")
    assert data.figures.rural_share == Decimal("7.53")
    assert data.figures.settlements == 2


def test_public_key_figures_hide_a_lone_small_settlement_and_its_complement(
    world: World,
) -> None:
    make_profile(world.hromada_a, is_published=True)
    make_settlement_profile(world.city_a, population=900, population_year=2021)
    make_settlement_profile(world.village_a, population=3, population_year=2021)
    data = community_profile(hromada=world.hromada_a, suppress=True)
    # the village (3) is hidden, and so is the town: 903 - 900 would give the 3 back
    assert [str(row.population) for row in data.settlements] == ["приховано", "<5"]
    assert data.figures.urban_share is None
    assert data.figures.share_hidden


def test_without_settlement_figures_the_population_is_the_latest_year_of_counts(
    world: World,
) -> None:
    add_population(world.hromada_a, 2020, {"0-17": (100, 110)})
    add_population(world.hromada_a, 2021, {"0-17": (90, 100)})
    data = community_profile(hromada=world.hromada_a, suppress=False)
    assert (str(data.figures.population), data.figures.population_year) == ("190", 2021)


def test_vital_rows_hide_the_natural_change_when_a_count_is_hidden(world: World) -> None:
    add_vital(world.hromada_a, 2020, births=3, deaths=40)
    add_vital(world.hromada_a, 2021, births=12, deaths=40)
    rows = vital_rows(world.hromada_a, suppress=True)
    assert (str(rows[0].births), rows[0].natural_change) == ("<5", None)
    assert (str(rows[1].births), rows[1].natural_change) == ("12", -28)


def test_a_large_count_hidden_to_protect_a_small_one_is_not_shown_as_small(
    world: World,
) -> None:
    add_population(world.hromada_a, 2021, {"80+": (1500, 3)})
    (row,) = population_pyramid(world.hromada_a, 2021, suppress=True)
    assert [str(row.female), str(row.male), str(row.total)] == ["1500", "<5", "приховано"]
    assert row.total.value is None


def test_the_year_asked_for_is_used_only_when_it_has_data() -> None:
    assert pick_year("2020", [2021, 2020]) == 2020
    assert pick_year("1999", [2021, 2020]) == 2021
    assert pick_year("x", [2021, 2020]) == 2021
    assert pick_year("²", [2021, 2020]) == 2021  # a digit to isdigit(), not to int()
    assert pick_year("٢٠٢٠", [2021, 2020]) == 2021
    assert pick_year(None, []) is None


def test_the_profile_takes_the_latest_year_unless_another_is_asked(world: World) -> None:
    add_vulnerable_groups(world.hromada_a, 2020, {"internally_displaced": (10, 20)})
    add_vulnerable_groups(world.hromada_a, 2021)
    latest = community_profile(hromada=world.hromada_a, suppress=False)
    earlier = community_profile(hromada=world.hromada_a, suppress=False, vulnerable_year="2020")
    assert (latest.vulnerable_year, len(latest.vulnerable)) == (2021, len(SEED_004_TABLE_1))
    assert (earlier.vulnerable_year, str(earlier.vulnerable[0].total)) == (2020, "30")


def test_hromada_cards_count_settlements_and_people(world: World) -> None:
    make_profile(world.hromada_a)
    make_profile(world.hromada_b)
    make_settlement_profile(world.city_a, population=900, population_year=2021)
    make_settlement_profile(world.village_a, population=120, population_year=2021)
    add_population(world.hromada_b, 2021, {"0-17": (40, 45)})
    admin = world.users["admin"]
    assert admin is not None
    cards = hromada_cards(admin, hromadas_visible_to(admin))
    assert [(c.hromada.name, str(c.population), c.settlements) for c in cards] == [
        ("Другівська", "85", 1),
        ("Першанська", "1020", 2),
    ]


def test_profile_reads_do_not_grow_with_the_number_of_settlements(
    world: World, django_assert_max_num_queries: object
) -> None:
    fill_profile(world.hromada_a)
    for number in range(30):
        village = make_territory(f"Село {number}", TerritoryCategory.VILLAGE, world.hromada_a)
        make_settlement_profile(village, population=100 + number, population_year=2021)
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        community_profile(hromada=world.hromada_a, suppress=True)


def test_codifier_search_ignores_case_and_keeps_ukrainian_order(world: World) -> None:
    make_hromada("Ясенівська", oblast=world.oblast_a)
    make_hromada("Їжаківська", oblast=world.oblast_a)
    make_hromada("Івківська", oblast=world.oblast_a)
    found = search_territories(text="ІВСЬКА", category=TerritoryCategory.HROMADA)
    assert [t.name for t in found] == ["Другівська", "Івківська", "Їжаківська", "Ясенівська"]


def test_codifier_search_filters_by_oblast_and_code(world: World) -> None:
    in_b = search_territories(oblast=world.oblast_b)
    assert world.village_b in in_b
    assert world.city_a not in in_b
    assert list(search_territories(text=world.city_a.code.lower())) == [world.city_a]


def test_parent_chain_runs_from_the_oblast_down(world: World) -> None:
    chain = parent_chain(world.village_a)
    assert [t.category for t in chain] == ["O", "P", "H"]
    assert chain[0] == world.oblast_a
    assert chain[-1] == world.hromada_a


def test_codifier_search_leaves_out_crimea_unless_asked(world: World) -> None:
    crimea = make_territory("Автономна Республіка Крим", TerritoryCategory.OBLAST)
    crimea.is_crimea = True
    crimea.save()
    yalta = make_hromada("Ялтинська", oblast=crimea)
    Territory.objects.filter(oblast=crimea).update(is_crimea=True)
    assert yalta not in search_territories(category=TerritoryCategory.HROMADA)
    assert yalta in search_territories(category=TerritoryCategory.HROMADA, include_crimea=True)
    assert yalta in search_territories(oblast=crimea)
