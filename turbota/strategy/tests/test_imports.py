"""import_strategy and the import's writing: what is written, and that nothing is replaced
silently."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from conftest import World
from turbota.strategy.enums import NodeKind, StrategyStatus
from turbota.strategy.imports import ImportMode, plan_import
from turbota.strategy.models import Indicator, Node, PlannedFunding, Strategy, SwotItem
from turbota.strategy.tests.factories import PLAN_TEXT, SEED_004, imported
from turbota.territories.models import Territory

SEED_SHA256 = "5ea173101ee7d6ac2dd3fddcdf98eb6b6b1187776a824ce60ae825c8c8249406"


def _run(*args: str) -> dict[str, object]:
    out = io.StringIO()
    call_command("import_strategy", *args, "--format", "json", stdout=out)
    result: dict[str, object] = json.loads(out.getvalue())
    return result


def test_the_shipped_seed_is_the_unchanged_selydove_document() -> None:
    assert hashlib.sha256(SEED_004.read_bytes()).hexdigest() == SEED_SHA256


def test_dry_run_of_the_seed_reports_the_figures_and_writes_nothing(selydove: Territory) -> None:
    summary = _run(str(SEED_004), "--hromada", selydove.code, "--dry-run")
    assert summary["counts"] == {
        "strategic_goals": 3,
        "operational_goals": 10,
        "tasks": 64,
        "measures": 9,
        "indicators": 22,
    }
    assert summary["funding"] == {
        "total": 0,
        "by_year": {str(year): 0 for year in range(2021, 2027)},
    }
    tree = summary["tree"]
    assert isinstance(tree, list)
    assert [goal["number"] for goal in tree] == ["1", "2", "3"]
    assert tree[1]["children"][2]["children"][0]["children"][0]["number"] == "2.3.1.1"
    indicators = summary["indicators"]
    assert isinstance(indicators, dict)
    assert len(indicators["3.3"]) == 3
    assert len(summary["warnings"]) == 3  # type: ignore[arg-type]
    assert summary["outcome"] == "create"
    assert summary["written"] is False
    assert not Strategy.objects.exists()


def test_the_import_writes_the_tree_as_numbered_with_indicators_and_parts(
    selydove: Territory,
) -> None:
    _run(str(SEED_004), "--hromada", selydove.code)
    strategy = Strategy.objects.get(hromada=selydove)
    assert strategy.status == StrategyStatus.DRAFT
    assert strategy.period == "2021-2026"
    assert strategy.nodes.filter(kind=NodeKind.TASK).count() == 64
    assert strategy.nodes.filter(number="2.1.11").count() == 2
    assert not strategy.nodes.filter(number="1.3.3").exists()
    sub = Node.objects.get(strategy=strategy, number="2.3.1.2")
    assert sub.parent is not None
    assert sub.parent.number == "2.3.1"
    assert str(sub) == "2.3.1.2 Серед безробітних."
    assert Indicator.objects.filter(strategy=strategy, node__number="2.3").count() == 3
    assert strategy.members.count() == 19
    assert SwotItem.objects.filter(strategy=strategy, quadrant="threat").count() == 9
    assert len(strategy.import_warnings) == 3
    assert strategy.value_list()[0].startswith("дотримання прав людини")


def test_reimporting_the_same_file_changes_nothing(selydove: Territory) -> None:
    _run(str(SEED_004), "--hromada", selydove.code)
    before = list(Node.objects.values_list("pk", "version"))
    again = _run(str(SEED_004), "--hromada", selydove.code)
    assert again["outcome"] == "unchanged"
    assert again["written"] is False
    assert list(Node.objects.values_list("pk", "version")) == before
    assert Strategy.objects.count() == 1


def test_another_file_for_the_same_period_is_refused_unless_asked(
    world: World, tmp_path: Path
) -> None:
    hromada = world.hromada_a
    imported(hromada)
    changed = tmp_path / "plan-v2.txt"
    changed.write_bytes(PLAN_TEXT.read_bytes().replace(b"150,5", b"151,5"))
    with pytest.raises(CommandError):
        _run(str(changed), "--hromada", hromada.code)
    assert Strategy.objects.count() == 1
    replaced = _run(str(changed), "--hromada", hromada.code, "--replace-draft")
    assert replaced["outcome"] == "replace"
    assert Strategy.objects.count() == 1
    assert PlannedFunding.objects.filter(node__number="1.1.1", year=2021).get().amount == 100


def test_a_new_edition_is_added_and_an_adopted_one_is_never_replaced(world: World) -> None:
    hromada = world.hromada_a
    first = imported(hromada)
    Strategy.objects.filter(pk=first.pk).update(status=StrategyStatus.ADOPTED)
    changed = PLAN_TEXT.read_bytes() + "\nДодаток.\n".encode()
    refused = plan_import(changed, hromada=hromada, mode=ImportMode.REPLACE_DRAFT)
    assert "замінити можна лише чернетку" in str(refused.problems[0])
    second = plan_import(changed, hromada=hromada, mode=ImportMode.NEW_EDITION)
    assert second.write is not None
    second.write()
    editions = list(Strategy.objects.order_by("edition").values_list("edition", "status"))
    assert editions == [(1, "adopted"), (2, "draft")]
    assert Strategy.objects.get(edition=2).based_on == first


def test_the_plan_fixture_is_written_with_money_by_year_and_source(world: World) -> None:
    strategy = imported(world.hromada_a)
    rows = PlannedFunding.objects.filter(node__strategy=strategy)
    assert sum(row.amount for row in rows) == pytest.approx(1725.5)
    by_year = {year: sum(r.amount for r in rows if r.year == year) for year in (2021, 2022, 2023)}
    assert by_year == {2021: 110, 2022: pytest.approx(1250.5), 2023: 325}
    assert rows.get(year=None).amount == 40  # the total the document did not split
    task = strategy.nodes.get(number="1.1.1")
    assert [s.code for s in task.funding_sources.all()] == ["local_budget"]
    assert task.period_label == "2021-2022"


def test_a_failure_while_writing_leaves_nothing_behind(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from turbota.core.actions import import_now
    from turbota.strategy.imports import IMPORTERS

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(Indicator.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        import_now(
            importer=IMPORTERS[ImportMode.REFUSE],
            hromada=world.hromada_a,
            source=io.BytesIO(PLAN_TEXT.read_bytes()),
        )
    assert not Strategy.objects.exists()
    assert not Node.objects.exists()


def test_an_unknown_hromada_or_file_is_a_clear_error(tmp_path: Path, db: None) -> None:
    with pytest.raises(CommandError, match="Громади з кодом"):
        _run(str(SEED_004), "--hromada", "UA00000000000000000")
