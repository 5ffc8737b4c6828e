"""Reads: the summaries the oblast dashboard calls, in a fixed number of queries; the number
suggested for a new node and the numbering warnings of a tree edited on the page."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser

from conftest import World
from turbota.strategy.actions import adopt_strategy, set_published
from turbota.strategy.building_actions import add_node
from turbota.strategy.enums import MeasureStatus, PeriodStatus
from turbota.strategy.imports import ImportMode, plan_import
from turbota.strategy.models import Strategy
from turbota.strategy.monitoring_actions import change_period_status, open_period, save_report
from turbota.strategy.queries import (
    StrategySummary,
    next_number,
    numbering_warnings,
    summaries_for,
)
from turbota.strategy.tests.factories import PLAN_TEXT, imported
from turbota.territories.models import Territory
from turbota.territories.tests.factories import make_hromada

NOBODY = AnonymousUser()


def _approved_year(strategy: Strategy, spent: str) -> None:
    period = open_period(strategy=strategy, year=2021, quarter=None)
    save_report(
        period=period,
        node=strategy.nodes.get(number="1.1.1"),
        expected_version=None,
        fields={"status": MeasureStatus.IN_PROGRESS},
        funding={None: Decimal(spent)},
    )
    change_period_status(period=period, to=PeriodStatus.SUBMITTED, by=NOBODY)
    change_period_status(period=period, to=PeriodStatus.APPROVED, by=NOBODY)


def _hromada_with_strategy(name: str, oblast: Territory, spent: str) -> Territory:
    hromada = make_hromada(name, oblast=oblast)
    strategy = imported(hromada)
    adopt_strategy(
        strategy=strategy, decision_number="1", decided_on=datetime.date(2021, 1, 5), by=NOBODY
    )
    _approved_year(strategy, spent)
    return hromada


def test_the_summary_names_the_current_strategy_and_its_latest_approved_colour(
    world: World,
) -> None:
    strategy = imported(world.hromada_a)
    adopt_strategy(
        strategy=strategy, decision_number="2", decided_on=datetime.date(2021, 1, 5), by=NOBODY
    )
    set_published(strategy=strategy, published=True, by=NOBODY)
    _approved_year(strategy, "100")
    # a newer draft edition does not replace the adopted one as "current"
    plan_import(
        PLAN_TEXT.read_bytes() + b"\n", hromada=world.hromada_a, mode=ImportMode.NEW_EDITION
    ).write()  # type: ignore[misc]
    summaries = summaries_for(hromada_ids=[world.hromada_a.pk, world.hromada_b.pk])
    assert summaries == {
        world.hromada_a.pk: StrategySummary(
            strategy_id=strategy.pk,
            title=strategy.title,
            period="2021-2023",
            status="adopted",
            status_label="затверджено",
            is_published=True,
            rag="green",
            rag_label="зелений: за планом",
            monitoring_period="2021 рік",
        )
    }


def test_a_draft_only_hromada_has_no_colour(world: World) -> None:
    imported(world.hromada_b)
    summary = summaries_for(hromada_ids=[world.hromada_b.pk])[world.hromada_b.pk]
    assert (summary.status, summary.rag, summary.monitoring_period) == ("draft", None, None)
    assert summary.rag_label == "немає затвердженого моніторингу"


def test_summaries_cost_the_same_for_one_hromada_or_many(
    world: World, django_assert_max_num_queries: Any
) -> None:
    one = [_hromada_with_strategy("Перша-1", world.oblast_a, "100").pk]
    many = one + [
        _hromada_with_strategy(f"Громада {n}", world.oblast_a, str(50 + n)).pk for n in range(4)
    ]
    with django_assert_max_num_queries(16) as counted:
        summaries_for(hromada_ids=one)
    for_one = len(counted.captured_queries)
    with django_assert_max_num_queries(for_one):
        result = summaries_for(hromada_ids=many)
    assert len(result) == 5
    assert {s.rag for s in result.values()} == {"green", "red"}  # 100 of 100; 50…53 of 100


def test_the_next_number_is_one_more_than_the_highest_under_the_parent(world: World) -> None:
    strategy = imported(world.hromada_a)
    assert next_number(strategy, strategy.nodes.get(number="1.2")) == "1.2.4"  # after 1.2.3
    assert next_number(strategy, None) == "3"
    assert next_number(strategy, strategy.nodes.get(number="1.2.1")) == "1.2.1.1"


def test_a_node_added_to_an_imported_draft_is_checked_against_the_documents_numbers(
    world: World,
) -> None:
    # given: the document's 1.2 has 1.2.1 and 1.2.3 (the import warned of the gap)
    strategy = imported(world.hromada_a)
    before = numbering_warnings(strategy)
    # when: someone adds another 1.2.3 on the page
    add_node(strategy=strategy, parent=strategy.nodes.get(number="1.2"), number="1.2.3", title="Ще")
    # then: the import's warnings stay, and the new one names the document's line
    after = numbering_warnings(strategy)
    assert after[: len(before)] == before
    line = strategy.nodes.get(number="1.2.3", source_line__isnull=False).source_line
    assert after[len(before) :] == [
        f"Пункт «Ще», доданий на сторінці: номер 1.2.3 повторюється (уперше — рядок {line}); "
        "обидва пункти збережено як у документі."
    ]
