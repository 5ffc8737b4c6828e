"""The strategy as a subject of public consultations: its items, which editions may be
consulted on, and what the public then reads (decision 0028)."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from conftest import World
from turbota.consultations import subjects
from turbota.consultations.enums import ConsultationStatus
from turbota.consultations.tests.factories import advance, make_consultation
from turbota.strategy.actions import adopt_strategy, set_published
from turbota.strategy.enums import PeriodStatus
from turbota.strategy.models import Strategy
from turbota.strategy.monitoring_actions import change_period_status, open_period
from turbota.strategy.permissions import can_view_strategy
from turbota.strategy.queries import strategies_of
from turbota.strategy.tests.factories import SEED_004, imported, public

Status = ConsultationStatus
NOBODY = AnonymousUser()


def _selydove_draft(world: World) -> Strategy:
    """The Selydove document (2021-2026) imported as a draft into hromada A, beside any
    strategy the test made before (``imported`` returns one of the same edition)."""
    imported(world.hromada_a, SEED_004.read_bytes())
    return Strategy.objects.get(hromada=world.hromada_a, period_end=2026)


def test_a_strategy_is_registered_as_a_consultation_subject() -> None:
    assert subjects.is_registered(Strategy)
    assert subjects.type_of(Strategy).label == "стратегія"


def test_every_node_of_the_tree_is_an_item_labelled_with_its_number_as_written(
    world: World,
) -> None:
    # given the Selydove strategy, whose document repeats the number 2.1.11
    strategy = _selydove_draft(world)
    # when its items are listed
    items = subjects.items_of(strategy)
    # then there is one per node, in document order, keyed by the node
    nodes = list(strategy.nodes.in_order())
    assert len(items) == len(nodes) == strategy.nodes.count()
    assert [key for key, _ in items] == [f"node:{node.pk}" for node in nodes]
    labels = dict(items)
    goal = strategy.nodes.get(kind="operational", number="1.2")
    assert labels[f"node:{goal.pk}"] == (
        "1.2 Забезпечення доступності та адресності соціальних послуг"
    )
    taxi = strategy.nodes.get(number="2.1.5")
    assert labels[f"node:{taxi.pk}"] == "2.1.5 Запровадити послугу “ Соціальне таксі ”."
    twice = [label for label in labels.values() if label.startswith("2.1.11 ")]
    assert len(twice) == 2  # both kept, as written
    kinds = {node.kind for node in nodes}
    assert kinds == {"strategic", "operational", "task", "measure"}


def test_an_items_key_survives_renumbering_and_renaming(world: World) -> None:
    strategy = imported(world.hromada_a)
    node = strategy.nodes.get(number="1.1.1")
    before = dict(subjects.items_of(strategy))
    node.number, node.title = "1.1.9", "Інша назва"
    node.save()
    after = dict(subjects.items_of(strategy))
    assert before.keys() == after.keys()
    assert after[f"node:{node.pk}"] == "1.1.9 Інша назва"


def test_drafts_and_published_editions_are_offered_and_a_withdrawn_one_is_not(
    world: World,
) -> None:
    subject_type = subjects.type_of(Strategy)
    adopted = public(world.hromada_a)
    assert subject_type.public_url(adopted) == reverse("strategy:detail", args=[adopted.pk])
    draft = _selydove_draft(world)
    assert subject_type.public_url(draft) == reverse("strategy:detail", args=[draft.pk])
    assert set(subject_type.of_hromada(world.hromada_a)) == {adopted, draft}
    set_published(strategy=adopted, published=False, by=NOBODY)
    adopted.refresh_from_db()
    assert subject_type.public_url(adopted) is None
    assert list(subject_type.of_hromada(world.hromada_a)) == [draft]
    assert list(subject_type.of_hromada(world.hromada_b)) == []
    assert subject_type.hromada(draft) == world.hromada_a
    assert subject_type.title(draft) == str(draft)


def test_the_public_reads_a_draft_only_once_a_consultation_on_it_is_announced(
    world: World,
) -> None:
    # given a draft with a consultation on it that is still being prepared
    draft = imported(world.hromada_a)
    consultation = make_consultation(world.hromada_a, Status.DRAFT, document=draft)
    anonymous = world.client_for("anonymous")
    detail = reverse("strategy:detail", args=[draft.pk])
    node = reverse("strategy:node", args=[draft.nodes.get(number="1.1.1").pk])
    # then the public cannot read it yet
    assert not can_view_strategy(NOBODY, draft)
    assert anonymous.get(detail).status_code == 302  # to the log-in page
    assert list(strategies_of(NOBODY, world.hromada_a)) == []
    # when the consultation is announced
    advance(consultation, Status.ANNOUNCED)
    # then everyone reads the draft, its nodes and finds it in the hromada's list
    assert can_view_strategy(NOBODY, draft)
    assert anonymous.get(detail).status_code == 200
    assert anonymous.get(node).status_code == 200
    listed = anonymous.get(reverse("strategy:list", args=[world.hromada_a.code]))
    assert draft.title in listed.content.decode()
    # and still after the report is published
    advance(consultation, Status.REPORT_PUBLISHED)
    assert anonymous.get(detail).status_code == 200


def test_a_draft_not_under_consultation_stays_closed_beside_a_consulted_one(
    world: World,
) -> None:
    consulted = imported(world.hromada_a)
    make_consultation(world.hromada_a, Status.OPEN, document=consulted)
    other = _selydove_draft(world)
    assert can_view_strategy(NOBODY, consulted)
    assert not can_view_strategy(NOBODY, other)
    assert list(strategies_of(NOBODY, world.hromada_a)) == [consulted]
    anonymous = world.client_for("anonymous")
    assert anonymous.get(reverse("strategy:detail", args=[other.pk])).status_code == 302


def test_an_adopted_edition_withdrawn_from_publication_is_closed_despite_its_consultation(
    world: World,
) -> None:
    # given a draft consulted on, then adopted but not published
    strategy = imported(world.hromada_a)
    make_consultation(world.hromada_a, Status.CLOSED, document=strategy)
    adopt_strategy(
        strategy=strategy,
        decision_number="5",
        decided_on=datetime.date(2021, 3, 1),
        by=NOBODY,
    )
    # then the ordinary rule holds: the staff publish the adopted text when they choose
    assert not can_view_strategy(NOBODY, strategy)


def test_the_public_sees_no_import_warnings_or_history_of_a_consulted_draft(
    world: World,
) -> None:
    draft = _selydove_draft(world)
    assert draft.import_warnings
    make_consultation(world.hromada_a, Status.OPEN, document=draft)
    page = world.client_for("anonymous").get(reverse("strategy:detail", args=[draft.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Зауваження імпорту" not in text
    assert "Редагувати" not in text
    assert "Затвердження рішенням ради" not in text
    assert "history-heading" not in text


def test_the_public_sees_no_monitoring_period_of_a_consulted_draft(world: World) -> None:
    # given a draft with an approved period (staff tried monitoring early) under consultation
    draft = imported(world.hromada_a)
    period = open_period(strategy=draft, year=2021, quarter=None)
    change_period_status(period=period, to=PeriodStatus.SUBMITTED, by=NOBODY)
    change_period_status(period=period, to=PeriodStatus.APPROVED, by=NOBODY)
    make_consultation(world.hromada_a, Status.OPEN, document=draft)
    url = reverse("strategy:monitoring", args=[draft.pk])
    period_url = reverse("strategy:period", args=[period.pk])
    # then the public reads the dashboard without the period; the hromada's staff with it
    public_page = world.client_for("anonymous").get(url)
    assert public_page.status_code == 200
    assert period_url not in public_page.content.decode()
    assert period_url in world.client_for("hromada_staff").get(url).content.decode()
    assert world.client_for("anonymous").get(period_url).status_code == 302


def test_an_approved_monitoring_report_of_a_published_strategy_can_be_consulted_on(
    world: World,
) -> None:
    strategy = public(world.hromada_a)
    period = open_period(strategy=strategy, year=2021, quarter=None)
    kind = subjects.type_of(period)
    # an open report is not public: it cannot be announced, nor offered
    assert kind.public_url(period) is None
    assert period not in kind.of_hromada(world.hromada_a)
    for to in (PeriodStatus.SUBMITTED, PeriodStatus.APPROVED):
        change_period_status(period=period, to=to, by=NOBODY)
    assert kind.public_url(period) == reverse("strategy:period", args=[period.pk])
    assert kind.of_hromada(world.hromada_a) == [period]
    assert kind.hromada(period) == world.hromada_a
    assert kind.title(period).endswith("2021 рік")
    # its items are the strategy's nodes, under the same keys
    assert subjects.items_of(period) == subjects.items_of(strategy)


def test_a_consultation_on_a_monitoring_report_is_announced_once_approved(world: World) -> None:
    strategy = public(world.hromada_a)
    period = open_period(strategy=strategy, year=2021, quarter=None)
    for to in (PeriodStatus.SUBMITTED, PeriodStatus.APPROVED):
        change_period_status(period=period, to=to, by=NOBODY)
    consultation = make_consultation(world.hromada_a, Status.ANNOUNCED, document=period)
    assert consultation.subject == period
    assert consultation.subject_title.startswith("Звіт про моніторинг:")
