"""Published needs: no hidden count comes back through a row, a column or another table."""

from __future__ import annotations

import datetime

from conftest import World
from turbota.core.enums import Sex
from turbota.needs.queries import needs_table, outlook, shown_outlook, shown_table
from turbota.needs.queries.published import close_hidden
from turbota.needs.tests.factories import hand_computed
from turbota.people.tests.factories import make_episode, make_person


def test_a_lone_hidden_cell_of_a_column_takes_another_with_it() -> None:
    # served: Першанськ 6/6/12, Лугове 2/0/2, hromada 8/6/14 — Лугове's 2 women are small
    values = {
        (0, 0): 6, (0, 1): 6, (0, 2): 12,
        (1, 0): 2, (1, 1): 0, (1, 2): 2,
        (2, 0): 8, (2, 1): 6, (2, 2): 14,
    }  # fmt: skip
    hidden = close_hidden(values, {(1, 0), (1, 2)}, places=3)
    # the women's column and the both-sexes column each had one hidden cell: the smallest
    # other of each goes (Першанськ), and then the rows and columns that lost one more
    assert {(1, 0), (1, 2), (0, 0), (0, 2)} <= hidden
    for line in ([(p, s) for s in range(3)] for p in range(3)):
        assert sum(cell in hidden for cell in line) != 1
    for line in ([(p, s) for p in range(3)] for s in range(3)):
        assert sum(cell in hidden for cell in line) != 1


def test_no_published_row_gives_back_a_settlements_hidden_count(world: World) -> None:
    study = hand_computed(world)
    shown = shown_table(needs_table(study=study), suppress=True)
    home_care = [s for s in shown if s.row.service.code == "015.1"]
    for measure in ("need", "served", "unmet"):
        grid = {(s.row.settlement_code, s.row.sex): getattr(s, measure) for s in home_care}
        places = {place for place, _ in grid}
        for place in places:  # women + men = both
            assert sum(grid[(place, sex)].hidden for sex in ("female", "male", "total")) != 1
        for sex in ("female", "male", "total"):  # the settlements add up to the hromada
            assert sum(grid[(place, sex)].hidden for place in places) != 1, (measure, sex)


def test_the_outlook_need_is_the_tables_own_cell_hidden_the_same_way(world: World) -> None:
    study = hand_computed(world)
    table = needs_table(study=study)
    shown = shown_table(table, suppress=True)
    items = shown_outlook(outlook(study=study, table=table), shown, suppress=True)
    (home_care,) = [i for i in items if i.outlook.service.code == "015.1"]
    (cell,) = [
        s.need
        for s in shown
        if s.row.service.code == "015.1" and s.row.settlement is None and s.row.sex == "total"
    ]
    assert home_care.need == cell


def test_a_past_years_total_is_hidden_when_a_count_of_that_year_was_small(world: World) -> None:
    # given 3 women and 10 men served in 2020 (the 2021 study's history)
    study = hand_computed(world)
    for number in range(3):
        make_episode(
            make_person(world.city_a, f"Жінка{number}"),
            world.provider_a,
            "019.0",
            start=datetime.date(2020, 5, 1),
            end=datetime.date(2020, 6, 1),
        )
    for number in range(10):
        make_episode(
            make_person(world.city_a, f"Чоловік{number}", sex=Sex.MALE),
            world.provider_a,
            "019.0",
            start=datetime.date(2020, 5, 1),
            end=datetime.date(2020, 6, 1),
        )
    table = needs_table(study=study)
    items = outlook(study=study, table=table)
    (aid,) = [i for i in items if i.service.code == "019.0"]
    assert aid.served_before == [0, 13]
    published = shown_outlook(items, shown_table(table, suppress=True), suppress=True)
    (aid_shown,) = [i for i in published if i.outlook.service.code == "019.0"]
    assert [str(cell) for cell in aid_shown.served_before] == ["0", "приховано"]
    full = shown_outlook(items, shown_table(table, suppress=False), suppress=False)
    (aid_full,) = [i for i in full if i.outlook.service.code == "019.0"]
    assert [str(cell) for cell in aid_full.served_before] == ["0", "13"]
