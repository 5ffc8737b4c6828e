"""The oblast's hromadas side by side, on the hand-computed study of hromada A."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import World
from turbota.catalog.models import Service, VulnerableGroup
from turbota.needs.models import NeedsStudy
from turbota.needs.queries import needs_table
from turbota.needs.tests.factories import make_method
from turbota.oblast import queries
from turbota.oblast.queries import dashboard, sort_lines
from turbota.oblast.tests.factories import groups_of, many_hromadas, published, study_a
from turbota.strategy.actions import adopt_strategy
from turbota.strategy.enums import MeasureStatus, PeriodStatus
from turbota.strategy.monitoring_actions import change_period_status, open_period, save_report
from turbota.strategy.tests.factories import imported


def _service(code: str) -> Service:
    return Service.objects.get(code=code)


NOBODY = AnonymousUser()


def _board(world: World, year: int = 2021) -> queries.OblastDashboard:
    return dashboard(user=world.users["oblast_analyst"], oblast=world.oblast_a, year=year)  # type: ignore[arg-type]


def _line(board: queries.OblastDashboard, hromada: Any) -> queries.HromadaLine:
    return next(line for line in board.lines if line.hromada == hromada)


def test_a_hromada_shows_its_published_studys_need_served_and_unmet_by_sex(world: World) -> None:
    study_a(world)
    line = _line(_board(world), world.hromada_a)
    home_care = _service("015.1").pk
    assert [
        (f.need, f.served, f.unmet)
        for f in (line.figures(home_care, sex) for sex in ("female", "male", "total"))
        if f is not None
    ] == [(9, 2, 7), (4, 1, 3), (13, 3, 10)]
    total = line.figures(home_care, "total")
    assert total is not None
    assert total.capacity == 10


def test_the_figures_equal_the_studys_own_table(world: World) -> None:
    study = study_a(world)
    line = _line(_board(world), world.hromada_a)
    for row in needs_table(study=study).hromada_rows():
        figures = line.figures(row.service.pk, row.sex)
        assert figures is not None
        assert (figures.need, figures.served, figures.unmet) == (row.need, row.served, row.unmet)


def test_a_hromada_without_a_current_published_study_has_no_data_not_zeros(world: World) -> None:
    study = study_a(world)
    board = _board(world)
    neighbour = _line(board, world.hromada_a2)
    assert neighbour.study is None
    assert neighbour.figures(_service("015.1").pk, "total") is None
    assert neighbour.population is None
    assert neighbour.groups == {}
    # the oblast total is hromada A's alone
    assert board.total_figures(_service("015.1").pk, "total").need == 13
    assert board.with_study == 1
    # a draft, or a study older than three years, is no current data either
    NeedsStudy.objects.filter(pk=study.pk).update(status="draft")
    assert _line(_board(world), world.hromada_a).study is None
    published(study)
    stale = _line(_board(world, year=2024), world.hromada_a)
    assert stale.study is None
    assert stale.last_study_year == 2021
    assert _line(_board(world, year=2023), world.hromada_a).study == study


def test_population_groups_providers_and_basic_services_of_a_hromada(world: World) -> None:
    study_a(world)
    line = _line(_board(world), world.hromada_a)
    assert line.population == 4000  # Першанськ 3000 + Лугове 1000
    older = VulnerableGroup.objects.get(code="older_persons")
    disabled = VulnerableGroup.objects.get(code="persons_with_disabilities")
    assert (line.groups[older.pk].female, line.groups[older.pk].male) == (100, 60)
    # counted for the hromada as a whole (24 / 16) and per settlement: the whole is taken
    assert (line.groups[disabled.pk].female, line.groups[disabled.pk].male) == (24, 16)
    assert line.groups_year == 2021
    assert line.providers == 1
    assert [s.code for s in line.basic_available] == ["015.1"]
    assert "015.4" in [s.code for s in line.basic_missing]
    assert len(line.basic_available) + len(line.basic_missing) == len(_board(world).basic)


def test_another_oblasts_hromadas_are_never_on_the_board(world: World) -> None:
    study_a(world)
    assert world.hromada_b not in [line.hromada for line in _board(world).lines]


def test_the_strategy_status_and_colour_come_from_the_hromadas_strategy(world: World) -> None:
    # given hromada A's adopted strategy with an approved 2021 monitoring that spent all planned
    strategy = imported(world.hromada_a)
    adopt_strategy(
        strategy=strategy, decision_number="1", decided_on=datetime.date(2021, 1, 5), by=NOBODY
    )
    period = open_period(strategy=strategy, year=2021, quarter=None)
    save_report(
        period=period,
        node=strategy.nodes.get(number="1.1.1"),
        expected_version=None,
        fields={"status": MeasureStatus.IN_PROGRESS},
        funding={None: Decimal("100")},
    )
    change_period_status(period=period, to=PeriodStatus.SUBMITTED, by=NOBODY)
    change_period_status(period=period, to=PeriodStatus.APPROVED, by=NOBODY)
    # when the oblast's dashboard is read
    board = _board(world)
    # then A shows its strategy and colour, A2 (no strategy) shows none
    line = _line(board, world.hromada_a).strategy
    assert line is not None
    assert (line.status_label, line.rag, line.monitoring_period) == (
        "затверджено",
        "green",
        "2021 рік",
    )
    assert _line(board, world.hromada_a2).strategy is None


def test_lines_sort_by_a_figure_with_hromadas_without_data_last_both_ways(world: World) -> None:
    study_a(world)
    other = many_hromadas(world.oblast_a, 1)[0]
    groups_of(other)
    method = make_method({("015.1", "older_persons"): "0.5"})
    published(NeedsStudy.objects.create(hromada=other, year=2021, method=method, groups_year=2021))
    board = _board(world)
    home_care = _service("015.1").pk
    order = [
        [
            line.hromada
            for line in sort_lines(
                board.lines,
                key="need",
                descending=descending,
                service_id=home_care,
                sex="total",
                group_id=None,
            )
        ]
        for descending in (False, True)
    ]
    # need: hromada A 13, the other 80 (0.5 × 160); the neighbour has no data
    assert order[0] == [world.hromada_a, other, world.hromada_a2]
    assert order[1] == [other, world.hromada_a, world.hromada_a2]


def _queries_of_board(world: World) -> int:
    with CaptureQueriesContext(connection) as captured:
        board = _board(world)
        board.total_figures(_service("015.1").pk, "total")
    return len(captured)


def test_the_board_takes_the_same_number_of_queries_for_two_hromadas_or_thirty(
    world: World,
) -> None:
    study_a(world)
    _board(world)  # the analyst's memberships are read once per request, then kept
    few = _queries_of_board(world)
    method = make_method({("015.1", "older_persons"): "0.05"})
    for hromada in many_hromadas(world.oblast_a, 28):
        groups_of(hromada)
        published(
            NeedsStudy.objects.create(hromada=hromada, year=2021, method=method, groups_year=2021)
        )
    assert len(_board(world).lines) == 30
    assert _queries_of_board(world) == few
