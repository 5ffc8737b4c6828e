from __future__ import annotations

from decimal import Decimal

from conftest import World
from turbota.catalog.models import Service
from turbota.needs.enums import Scenario
from turbota.needs.models import NormativeRate, ScenarioAssumption
from turbota.needs.queries import NeedRow, basic_services_gap, needs_table, outlook, share_out
from turbota.needs.tests.factories import hand_computed, survey_share
from turbota.territories.tests.factories import add_population


def _figures(row: NeedRow) -> tuple[object, ...]:
    return (row.need, row.served, row.capacity, row.unmet, row.coverage)


def _home_care(world: World, **changes: object) -> dict[tuple[str, str], tuple[object, ...]]:
    study = hand_computed(world)
    for field, value in changes.items():
        setattr(study, field, value)
    table = needs_table(study=study)
    return {
        (row.settlement_code, row.sex): _figures(row)
        for row in table.rows
        if row.service.code == "015.1"
    }


def test_every_figure_of_the_hand_computed_hromada(world: World) -> None:
    rows = _home_care(world)
    city, village = world.city_a.code, world.village_a.code
    third = Decimal("0.3333")
    assert rows[(city, "female")] == (6, 2, None, 4, third)
    assert rows[(city, "male")] == (3, 1, None, 2, third)
    assert rows[(city, "total")] == (9, 3, 10, 6, third)
    assert rows[(village, "female")] == (3, 0, None, 3, Decimal(0))
    assert rows[(village, "male")] == (1, 0, None, 1, Decimal(0))
    assert rows[(village, "total")] == (4, 0, 0, 4, Decimal(0))
    assert rows[("total", "female")] == (9, 2, None, 7, Decimal("0.2222"))
    assert rows[("total", "male")] == (4, 1, None, 3, Decimal("0.2500"))
    assert rows[("total", "total")] == (13, 3, 10, 10, Decimal("0.2308"))


def test_the_table_has_every_service_every_settlement_and_both_sexes(world: World) -> None:
    study = hand_computed(world)
    table = needs_table(study=study)
    services = Service.objects.count()
    assert len(table.rows) == services * (2 + 1) * 3
    hromada_total = next(
        r for r in table.hromada_rows() if r.service.code == "015.1" and r.sex == "total"
    )
    assert hromada_total.capacity_gap == 3
    assert hromada_total.waiting == 1
    untouched = next(r for r in table.hromada_rows() if r.service.code == "022.0")
    assert (untouched.need, untouched.served, untouched.coverage) == (0, 0, None)


def test_a_changed_rate_changes_the_need_as_expected(world: World) -> None:
    study = hand_computed(world)
    NormativeRate.objects.filter(method=study.method, group__code="older_persons").update(
        rate=Decimal("0.10")
    )
    rows = {
        (r.settlement_code, r.sex): r.need
        for r in needs_table(study=study).rows
        if r.service.code == "015.1"
    }
    # Першанськ women: 0.10·75 + 0.1·20 = 9.5 → 10; Лугове men: 0.10·15 + 0.6 = 2.1 → 2
    assert rows[(world.city_a.code, "female")] == 10
    assert rows[(world.village_a.code, "male")] == 2


def test_a_survey_share_replaces_the_methods_rate_for_that_study(world: World) -> None:
    study = hand_computed(world)
    survey_share(study, "0.5")
    rows = {
        (r.settlement_code, r.sex): r.need
        for r in needs_table(study=study).rows
        if r.service.code == "015.1"
    }
    # Першанськ women: 0.05·75 + 0.5·20 = 13.75 → 14
    assert rows[(world.city_a.code, "female")] == 14


def test_share_out_splits_in_whole_numbers_that_add_up() -> None:
    assert share_out(100, {1: 3000, 2: 1000}) == {1: 75, 2: 25}
    assert share_out(10, {1: 1, 2: 1, 3: 1}) == {1: 4, 2: 3, 3: 3}
    assert sum(share_out(7, {1: 5, 2: 3, 3: 2}).values()) == 7
    assert share_out(5, {1: 0, 2: 0}) == {}


def test_the_basic_services_gap_shows_which_basic_services_nobody_offers(
    world: World,
) -> None:
    study = hand_computed(world)
    gap = {item.service.code: item.available for item in basic_services_gap(study=study)}
    assert gap["015.1"] is True  # provider A offers home care
    assert False in gap.values()  # and some basic service nobody offers


def test_the_outlook_puts_past_recipients_next_to_need_and_its_forecast(world: World) -> None:
    # given a population falling from 4000 (2019) to 3610 (2021): 0.95 a year
    study = hand_computed(world)
    add_population(world.hromada_a, 2019, {"18-34": (2000, 2000)})
    add_population(world.hromada_a, 2021, {"18-34": (1805, 1805)})
    ScenarioAssumption.objects.create(
        study=study, scenario=Scenario.MODERNISATION, extra_change_percent=Decimal(10)
    )
    (home_care,) = [
        o for o in outlook(study=study, table=needs_table(study=study)) if o.service.code == "015.1"
    ]
    assert home_care.served_before == [1, 2]  # 2019: the village man; 2020: he and Перша
    assert home_care.need == 13
    # inertial: 13·0.95^k = 12.35, 11.73, 11.15; realistic (+2 %): 12.60, 12.21, 11.83;
    # modernisation (+10 %): 13.585, 14.196, 14.835
    assert home_care.forecast == {
        "inertial": [12, 12, 11],
        "realistic": [13, 12, 12],
        "modernisation": [14, 14, 15],
    }


def test_hromada_totals_of_many_studies_equal_each_studys_own_table(world: World) -> None:
    from turbota.needs.models import NeedsStudy
    from turbota.needs.queries.rollup import hromada_totals
    from turbota.territories.tests.factories import add_vulnerable_groups

    study = hand_computed(world)
    # a second hromada with counts only for the whole hromada and no settlement figures
    add_vulnerable_groups(world.hromada_b, 2021, {"older_persons": (41, 23)})
    other = NeedsStudy.objects.create(
        hromada=world.hromada_b, year=2021, method=study.method, groups_year=2021
    )
    totals = hromada_totals(studies=[study, other])
    for each in (study, other):
        expected = [
            (*_figures(r), r.sex, r.service.code) for r in needs_table(study=each).hromada_rows()
        ]
        assert [(*_figures(r), r.sex, r.service.code) for r in totals[each.pk]] == expected
    home_care = next(r for r in totals[study.pk] if r.service.code == "015.1" and r.sex == "total")
    assert (home_care.need, home_care.served, home_care.capacity) == (13, 3, 10)


def test_the_roll_up_rounds_need_as_each_table_does_for_any_counts() -> None:
    """The arrays of the roll-up against the table's own functions, on random hromadas:
    ties in sharing out, settlements without population, counts by settlement."""
    import random
    from collections import defaultdict

    from turbota.needs.queries.rollup import ShareMatrix, rounded_need_totals
    from turbota.needs.queries.table import (
        apportion,
        need_estimates,
        population_weights,
        rounded_need,
        scaled_rates,
    )

    chance = random.Random(130)
    for _ in range(300):
        places = list(range(100, 100 + chance.randint(1, 6)))
        populations = {p: chance.choice([None, 0, 10, 10, 35, 1000]) for p in places}
        rows = []
        for group in range(1, 5):
            by_settlement = chance.random() < 0.3
            for sex in ("female", "male"):
                rows.append((group, 1, sex, chance.randint(0, 60)))  # the hromada (id 1)
                if by_settlement:
                    rows += [(group, p, sex, chance.randint(0, 9)) for p in places[:2]]
        rates = {
            (service, group): Decimal(chance.randint(1, 9999)) / 10000
            for service in (7, 8, 9)
            for group in (1, 2, 3)  # group 4 has no share for any service
            if chance.random() < 0.7
        }
        weights = population_weights(populations, places)
        expected: dict[tuple[int, str], int] = defaultdict(int)
        table_need = need_estimates(
            apportion(rows, hromada_id=1, settlement_ids=places, weights=weights),
            scaled_rates(rates),
        )
        for (service, _, sex), value in table_need.items():
            expected[(service, sex)] += rounded_need(value)
        shares = ShareMatrix.of(scaled_rates(rates))
        found = rounded_need_totals(rows, hromada_id=1, weights=weights, shares=shares)
        assert {k: v for k, v in found.items() if v} == {k: v for k, v in expected.items() if v}
