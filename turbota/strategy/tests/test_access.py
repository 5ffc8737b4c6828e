"""Every strategy page × every role of ``conftest.World``.

A strategy holds no person's data. The public (everyone) reads an adopted, published
strategy and its approved monitoring, and a draft under an announced consultation (not its
import warnings or history); hromada A's staff and working group, the oblast-A analyst and
the administrator read drafts and open periods; the staff and the working group edit a
draft; only the staff adopt, publish and run monitoring."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from conftest import ROLES, World
from turbota.core.enums import ImportStatus
from turbota.core.models import ImportJob
from turbota.core.tests.access import EVERYONE, Page, check_page
from turbota.strategy.actions import adopt_strategy, set_published
from turbota.strategy.enums import PeriodStatus
from turbota.strategy.models import MonitoringPeriod, Node, NodeNeed, Strategy, SwotItem
from turbota.strategy.monitoring_actions import change_period_status, open_period
from turbota.strategy.tests.factories import imported

READS_A = frozenset({"admin", "hromada_staff", "working_group", "oblast_analyst"})
EDITS_A = frozenset({"hromada_staff", "working_group"})
STAFF_A = frozenset({"hromada_staff"})
NOBODY = AnonymousUser()


def _draft(world: World) -> Strategy:
    if "strategy" not in world.extra:
        world.extra["strategy"] = imported(world.hromada_a)
    strategy: Strategy = world.extra["strategy"]
    return strategy


def _public(world: World) -> Strategy:
    strategy = _draft(world)
    if not strategy.is_public:
        adopt_strategy(
            strategy=strategy, decision_number="7", decided_on=datetime.date(2021, 2, 1), by=NOBODY
        )
        set_published(strategy=strategy, published=True, by=NOBODY)
    return strategy


def _consulted(world: World, status: str = "announced") -> None:
    from turbota.consultations.enums import ConsultationStatus
    from turbota.consultations.tests.factories import make_consultation

    make_consultation(world.hromada_a, ConsultationStatus(status), document=_draft(world))


def _consulted_setup(world: World) -> None:
    _consulted(world)


def _consultation_draft_setup(world: World) -> None:
    _consulted(world, "draft")


def _open_period(world: World) -> MonitoringPeriod:
    if "period" not in world.extra:
        world.extra["period"] = open_period(strategy=_draft(world), year=2021, quarter=None)
    period: MonitoringPeriod = world.extra["period"]
    return period


def _approved_public_period(world: World) -> MonitoringPeriod:
    _public(world)
    period = _open_period(world)
    if period.status == PeriodStatus.OPEN:
        change_period_status(period=period, to=PeriodStatus.SUBMITTED, by=NOBODY)
        change_period_status(period=period, to=PeriodStatus.APPROVED, by=NOBODY)
    return period


def _node(world: World) -> Node:
    return _draft(world).nodes.get(number="1.1.1")


def _need(world: World) -> NodeNeed:
    from turbota.catalog.models import Service

    service = Service.objects.order_by("code").first()
    assert service is not None
    return NodeNeed.objects.create(node=_node(world), service=service)


def _indicator_pk(world: World) -> int:
    indicator = _draft(world).indicators.first()
    assert indicator is not None
    return indicator.pk


def _swot_kwargs(world: World) -> dict[str, object]:
    strategy = _draft(world)
    item = strategy.swot.first() or SwotItem.objects.create(
        strategy=strategy, quadrant="strength", number=1, text="Мережа закладів"
    )
    return {"kind": "swot", "pk": item.pk}


def _job(world: World) -> ImportJob:
    return ImportJob.objects.create(
        kind="strategy:refuse",
        hromada=world.hromada_a,
        created_by=world.users["hromada_staff"],
        original_name="plan.txt",
        status=ImportStatus.REJECTED,
        summary={"strategy": {"counts": {}, "warnings": [], "tree": []}},
    )


def _strategy_kwargs(world: World) -> dict[str, object]:
    return {"pk": _draft(world).pk}


def _node_kwargs(world: World) -> dict[str, object]:
    return {"pk": _node(world).pk}


def _period_kwargs(world: World) -> dict[str, object]:
    return {"pk": _open_period(world).pk}


def _draft_setup(world: World) -> None:
    _draft(world)


def _public_setup(world: World) -> None:
    _public(world)


def _withdrawn_setup(world: World) -> None:
    """Adopted by the council, but not (or no longer) published."""
    set_published(strategy=_public(world), published=False, by=NOBODY)


def _period_setup(world: World) -> None:
    _open_period(world)


def _approved_setup(world: World) -> None:
    _approved_public_period(world)


HROMADA_A = {"kwargs": lambda world: {"code": world.hromada_a.code}}

PAGES = [
    Page("strategy:published", EVERYONE),
    Page(
        "strategy:published",
        EVERYONE,
        setup=_public_setup,
        reveals=lambda world: world.hromada_a.display_name,
        revealed_to=EVERYONE,
        label="a published strategy is listed for everyone",
    ),
    Page(
        "strategy:published",
        EVERYONE,
        setup=_draft_setup,
        reveals=lambda world: "Першанської громади на 2021-2023 роки",
        revealed_to=frozenset(),
        label="a draft is not listed among the published",
    ),
    Page(
        "strategy:published",
        EVERYONE,
        setup=_consulted_setup,
        reveals=lambda world: "Першанської громади на 2021-2023 роки",
        revealed_to=EVERYONE,
        label="a draft under an announced consultation is listed for everyone",
    ),
    Page(
        "strategy:list",
        EVERYONE,
        setup=_draft_setup,
        reveals=lambda world: "Першанської громади на 2021-2023 роки",
        revealed_to=READS_A,
        label="a draft is listed only for those who read drafts",
        **HROMADA_A,  # type: ignore[arg-type]
    ),
    Page(
        "strategy:list",
        EVERYONE,
        setup=_consulted_setup,
        reveals=lambda world: "Першанської громади на 2021-2023 роки",
        revealed_to=EVERYONE,
        label="a draft under an announced consultation is listed for everyone",
        **HROMADA_A,  # type: ignore[arg-type]
    ),
    Page("strategy:import", EDITS_A, **HROMADA_A),  # type: ignore[arg-type]
    Page("strategy:create", EDITS_A, **HROMADA_A),  # type: ignore[arg-type]
    Page(
        "strategy:create",
        EDITS_A,
        method="post",
        ok_status=400,  # an empty form: refused with its errors, but let in
        label="creating a strategy (POST)",
        **HROMADA_A,  # type: ignore[arg-type]
    ),
    Page("strategy:goal_add", EDITS_A, kwargs=_strategy_kwargs, setup=_draft_setup),
    Page(
        "strategy:goal_add",
        frozenset(),
        kwargs=_strategy_kwargs,
        setup=_public_setup,
        label="no goal is added to an adopted strategy",
    ),
    Page("strategy:child_add", EDITS_A, kwargs=_node_kwargs, setup=_draft_setup),
    Page(
        "strategy:child_add",
        frozenset(),
        kwargs=_node_kwargs,
        setup=_public_setup,
        label="nothing is added under a node of an adopted strategy",
    ),
    Page("strategy:node_delete", EDITS_A, kwargs=_node_kwargs, setup=_draft_setup),
    Page(
        "strategy:node_delete",
        frozenset(),
        kwargs=_node_kwargs,
        setup=_public_setup,
        label="a node of an adopted strategy is not deleted",
    ),
    Page("strategy:indicator_add", EDITS_A, kwargs=_node_kwargs, setup=_draft_setup),
    Page(
        "strategy:indicator_delete",
        EDITS_A,
        kwargs=lambda world: {"pk": _indicator_pk(world)},
    ),
    Page("strategy:parts", EDITS_A, kwargs=_strategy_kwargs, setup=_draft_setup),
    Page(
        "strategy:parts",
        frozenset(),
        kwargs=_strategy_kwargs,
        setup=_public_setup,
        label="the parts of an adopted strategy are not edited",
    ),
    Page(
        "strategy:part_add",
        EDITS_A,
        kwargs=lambda world: _strategy_kwargs(world) | {"kind": "members"},
    ),
    Page("strategy:part_edit", EDITS_A, kwargs=_swot_kwargs),
    Page("strategy:part_delete", EDITS_A, kwargs=_swot_kwargs),
    Page(
        "strategy:import_preview",
        frozenset({"admin", "hromada_staff"}),  # the uploader and administrators
        kwargs=lambda world: {"pk": _job(world).pk},
    ),
    Page("strategy:detail", READS_A, kwargs=_strategy_kwargs, setup=_draft_setup, label="a draft"),
    Page(
        "strategy:detail",
        READS_A,
        kwargs=_strategy_kwargs,
        setup=_withdrawn_setup,
        label="an adopted strategy not published",
    ),
    Page(
        "strategy:detail",
        EVERYONE,
        kwargs=_strategy_kwargs,
        setup=_public_setup,
        reveals=lambda world: "Зауваження імпорту",
        revealed_to=READS_A,
        label="a published strategy",
    ),
    Page(
        "strategy:detail",
        READS_A,
        kwargs=_strategy_kwargs,
        setup=_consultation_draft_setup,
        label="a draft whose consultation is not announced yet",
    ),
    Page(
        "strategy:detail",
        EVERYONE,
        kwargs=_strategy_kwargs,
        setup=_consulted_setup,
        reveals=lambda world: "Зауваження імпорту",
        revealed_to=READS_A,
        label="a draft under an announced consultation",
    ),
    Page(
        "strategy:edit",
        EDITS_A,
        kwargs=_strategy_kwargs,
        setup=_consulted_setup,
        label="a consulted draft is edited by its editors only",
    ),
    Page("strategy:edit", EDITS_A, kwargs=_strategy_kwargs, setup=_draft_setup),
    Page(
        "strategy:edit",
        frozenset(),
        kwargs=_strategy_kwargs,
        setup=_public_setup,
        label="an adopted strategy is not edited in place",
    ),
    Page(
        "strategy:status",
        STAFF_A,
        kwargs=_strategy_kwargs,
        setup=_draft_setup,
        method="post",
        ok_status=302,
    ),
    Page(
        "strategy:download",
        READS_A,
        kwargs=lambda world: _strategy_kwargs(world) | {"document": "plan", "fmt": "xlsx"},
        setup=_draft_setup,
    ),
    Page(
        "strategy:download",
        EVERYONE,
        kwargs=lambda world: _strategy_kwargs(world) | {"document": "indicators", "fmt": "xlsx"},
        setup=_public_setup,
        label="a published strategy's documents",
    ),
    Page("strategy:monitoring", READS_A, kwargs=_strategy_kwargs, setup=_period_setup),
    Page(
        "strategy:monitoring",
        EVERYONE,
        kwargs=_strategy_kwargs,
        setup=_approved_setup,
        label="the dashboard of a published strategy",
    ),
    Page(
        "strategy:monitoring",
        STAFF_A,
        kwargs=_strategy_kwargs,
        setup=_draft_setup,
        method="post",
        ok_status=400,  # an empty form: refused with its errors, but let in
        label="opening a period (POST)",
    ),
    Page("strategy:node", READS_A, kwargs=_node_kwargs, setup=_draft_setup, label="a draft's node"),
    Page(
        "strategy:node",
        EVERYONE,
        kwargs=_node_kwargs,
        setup=_public_setup,
        label="a published strategy's measure",
    ),
    Page(
        "strategy:node",
        EVERYONE,
        kwargs=_node_kwargs,
        setup=_consulted_setup,
        label="a consulted draft's measure",
    ),
    Page(
        "strategy:download",
        EVERYONE,
        kwargs=lambda world: _strategy_kwargs(world) | {"document": "plan", "fmt": "xlsx"},
        setup=_consulted_setup,
        label="a consulted draft's plan",
    ),
    Page("strategy:node_edit", EDITS_A, kwargs=_node_kwargs, setup=_draft_setup),
    Page(
        "strategy:need_add",
        EDITS_A,
        kwargs=_node_kwargs,
        setup=_draft_setup,
        method="post",
        ok_status=302,
    ),
    Page(
        "strategy:need_delete",
        EDITS_A,
        kwargs=lambda world: {"pk": _need(world).pk},
        method="post",
        ok_status=302,
    ),
    Page(
        "strategy:indicator_edit",
        EDITS_A,
        kwargs=lambda world: {"pk": _indicator_pk(world)},
    ),
    Page("strategy:period", READS_A, kwargs=_period_kwargs, label="an open period"),
    Page(
        "strategy:period",
        EVERYONE,
        kwargs=_period_kwargs,
        setup=_approved_setup,
        label="an approved period of a published strategy",
    ),
    Page(
        "strategy:period_status",
        STAFF_A,
        kwargs=_period_kwargs,
        method="post",
        ok_status=302,
    ),
    Page(
        "strategy:report_edit",
        STAFF_A,
        kwargs=lambda world: _period_kwargs(world) | {"node_pk": _node(world).pk},
    ),
    Page(
        "strategy:report_edit",
        frozenset(),
        kwargs=lambda world: _period_kwargs(world) | {"node_pk": _node(world).pk},
        setup=_approved_setup,
        label="an approved period is locked",
    ),
    Page(
        "strategy:actuals_edit",
        STAFF_A,
        kwargs=lambda world: _period_kwargs(world) | {"indicator_pk": _indicator_pk(world)},
    ),
    Page(
        "strategy:period_download",
        READS_A,
        kwargs=lambda world: _period_kwargs(world) | {"fmt": "xlsx"},
    ),
    Page(
        "strategy:period_download",
        EVERYONE,
        kwargs=lambda world: _period_kwargs(world) | {"fmt": "docx"},
        setup=_approved_setup,
        label="an approved period's report",
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_access(world: World, page: Page, role: str) -> None:
    check_page(world, page, role)
