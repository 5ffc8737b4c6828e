"""Reading strategies as written: the Selydove seed, the Melitopol announcement, and
hand-made plans in text and DOCX with funding tables."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from turbota.strategy.enums import NodeKind
from turbota.strategy.parsing import ParsedStrategy, parse_document
from turbota.strategy.parsing.blocks import read_text
from turbota.strategy.parsing.parsed import ParsedNode
from turbota.strategy.reference import DEFAULT_SOURCES
from turbota.strategy.tests.factories import PLAN_TEXT, SEED_004, plan_docx

ALIASES = {code: [name, *aliases] for code, name, aliases in DEFAULT_SOURCES}
MELITOPOL = PLAN_TEXT.parent / "melitopol-announcement-2022.txt"


def _parse(content: bytes, name: str = "file.txt", **options: Any) -> ParsedStrategy:
    return parse_document(content, name, aliases=ALIASES, **options)


@pytest.fixture(scope="module")
def seed() -> ParsedStrategy:
    return _parse(SEED_004.read_bytes())


def _node(parsed: ParsedStrategy, number: str) -> ParsedNode:
    return next(node for node in parsed.nodes() if node.number == number)


def _children(parsed: ParsedStrategy, number: str) -> list[str]:
    return [child.number for child in _node(parsed, number).children]


def test_the_selydove_strategy_has_3_strategic_and_10_operational_goals(
    seed: ParsedStrategy,
) -> None:
    counts = seed.counts()
    assert counts["strategic_goals"] == 3
    assert counts["operational_goals"] == 10
    assert [root.number for root in seed.roots] == ["1", "2", "3"]
    assert _children(seed, "2") == ["2.1", "2.2", "2.3", "2.4"]
    assert seed.period_start == 2021
    assert seed.period_end == 2026


def test_every_task_and_sub_measure_keeps_its_number_as_written(
    seed: ParsedStrategy,
) -> None:
    assert seed.counts()["tasks"] == 64
    assert seed.counts()["measures"] == 9
    assert _children(seed, "1.3") == [f"1.3.{n}" for n in [1, 2, *range(4, 16)]]
    assert _children(seed, "2.1") == [f"2.1.{n}" for n in [*range(1, 12), 11]]
    assert _children(seed, "3.2") == ["3.2.1", "3.2.2", "3.2.4", "3.2.5"]
    assert _children(seed, "2.3.1") == ["2.3.1.1", "2.3.1.2", "2.3.1.3", "2.3.1.4"]
    assert _children(seed, "2.4.5") == [f"2.4.5.{n}" for n in range(1, 6)]
    assert _node(seed, "2.4.1").title.startswith("Впровадження довгострокової")
    assert _node(seed, "2.4.5.1").title == "Публікації на офіційному веб-сайті."
    assert _node(seed, "2.4.5.1").kind == NodeKind.MEASURE


def test_the_22_indicators_of_table_4_sit_under_their_operational_goals(
    seed: ParsedStrategy,
) -> None:
    summary = seed.summary()
    per_goal = {number: len(names) for number, names in summary["indicators"].items()}
    assert per_goal == {
        "1.1": 2, "1.2": 2, "1.3": 2, "2.1": 2, "2.2": 2,
        "2.3": 3, "2.4": 2, "3.1": 2, "3.2": 2, "3.3": 3,
    }  # fmt: skip
    assert summary["counts"]["indicators"] == 22
    saving = _node(seed, "3.1").indicators[1]
    assert saving.name == "Сума залученого співфінансування, грн."
    assert saving.unit == "грн"
    assert _node(seed, "1.1").indicators[1].by_area  # (міської/сільської місцевості)
    assert not _node(seed, "2.1").indicators[1].by_area


def test_only_the_gaps_and_the_duplicate_the_document_really_has_are_warned(
    seed: ParsedStrategy,
) -> None:
    assert seed.warnings == [
        "Рядок 432: після 1.3.2 іде 1.3.4 — пункту 1.3.3 у документі немає.",
        "Рядок 463: номер 2.1.11 повторюється (уперше — рядок 462); обидва пункти "
        "збережено як у документі.",
        "Рядок 527: після 3.2.2 іде 3.2.4 — пункту 3.2.3 у документі немає.",
    ]
    assert seed.problems == []


def test_mission_vision_values_working_group_and_swot_are_read(seed: ParsedStrategy) -> None:
    assert seed.mission.startswith("попередження, подолання та мінімізація")
    assert seed.vision.startswith("кожна людина та кожна родина")
    assert len(seed.values) == 9
    assert seed.values[2] == "законність"
    chair = seed.members[0]
    assert (chair.full_name, chair.role) == ("Терещенко Інна Василівна", "chair")
    assert [m.role for m in seed.members].count("expert") == 3
    assert len(seed.members) == 19
    assert {q: len(items) for q, items in seed.swot.items()} == {
        "strength": 13, "weakness": 18, "opportunity": 10, "threat": 9,
    }  # fmt: skip
    assert seed.swot["opportunity"][4] == "Зміна законодавчої бази, в тому числі монетизація послуг"


def test_the_plain_text_plan_sums_by_year_and_in_total() -> None:
    parsed = _parse(PLAN_TEXT.read_bytes())
    assert parsed.funding() == {
        "total": 1725.5,
        "by_year": {"2021": 110, "2022": 1250.5, "2023": 325},
    }
    task = _node(parsed, "1.1.1")
    assert task.period_text == "2021-2022"
    assert (task.period_start, task.period_end) == (2021, 2022)
    assert task.executors == ["Центр надання соціальних послуг"]
    assert task.source_codes == ["local_budget"]
    assert [(f.year, f.source, f.amount) for f in task.funding] == [
        (2021, "local_budget", Decimal("100.0")),
        (2022, "local_budget", Decimal("50.5")),
    ]
    two_sources = _node(parsed, "1.1.2")
    assert two_sources.source_codes == ["state_budget", "local_budget"]
    assert {f.source for f in two_sources.funding} == {None}  # not split in the document
    assert two_sources.mark == "виконано частково"
    assert parsed.mission == "кожен мешканець отримує потрібні йому послуги поруч з домом."
    assert parsed.scenarios == {"inertial": "громада зберігає наявні послуги без змін."}
    extra = _node(parsed, "1.2.1").funding
    assert [(f.year, f.source, f.amount) for f in extra] == [(2023, "grants", Decimal("25.0"))]


def test_what_the_plan_does_not_say_clearly_is_reported_not_guessed() -> None:
    parsed = _parse(PLAN_TEXT.read_bytes())
    assert parsed.warnings == [
        "Рядок 52: «усього» 12 тис. грн не дорівнює сумі за роками 10 тис. грн; збережено "
        "суми за роками.",
        "Рядок 66, стовпець «2022 рік»: «за потреби» — не число; не враховано.",
        "Рядок 90: після 1.2.1 іде 1.2.3 — пункту 1.2.2 у документі немає.",
        "Рядок 90: обсяг 40 тис. грн наведено лише загалом, без розподілу за роками.",
        "Рядок 106: джерело фінансування «Благодійні внески» не знайдено в довіднику; "
        "збережено лише як текст.",
    ]
    assert [(f.year, f.amount) for f in _node(parsed, "1.2.3").funding] == [(None, Decimal(40))]
    assert _node(parsed, "1.1.3").funding[0].amount == Decimal(10)
    assert _node(parsed, "2.1.1").funding == []


def test_the_indicator_table_of_the_plan_is_read_with_its_breakdowns() -> None:
    parsed = _parse(PLAN_TEXT.read_bytes())
    daycare, women = _node(parsed, "1.1").indicators
    assert daycare.by_area
    assert not daycare.by_sex
    assert women.by_sex
    assert women.unit == "%"
    assert parsed.counts()["operational_goals"] == 3  # the table refers, it adds nothing


def test_a_docx_plan_with_a_two_row_merged_header_sums_the_same_way() -> None:
    parsed = _parse(plan_docx(), "plan.docx")
    assert parsed.problems == []
    assert parsed.funding() == {
        "total": 1670.5,
        "by_year": {"2021": 100, "2022": 1250.5, "2023": 320},
    }
    assert parsed.counts()["strategic_goals"] == 2
    assert _node(parsed, "1.1.2").mark == "виконано частково"
    assert _node(parsed, "2.1.1").source_codes == ["grants"]


def test_word_auto_numbering_is_reported_because_its_number_is_not_in_the_text() -> None:
    parsed = _parse(plan_docx(auto_numbered_line=True), "plan.docx")
    assert any("автоматичною нумерацією" in w and "Відкрити центр" in w for w in parsed.warnings)
    assert "Відкрити центр" not in [node.title for node in parsed.nodes()]


def test_a_numbered_line_with_no_parent_is_placed_under_the_nearest_and_warned() -> None:
    text = "\n".join(
        [
            "Стратегія соціальних послуг громади на 2022-2024 роки",
            "\tСтратегічна ціль 1. Послуги",
            "",
            "\tОпераційна ціль 1.1. Доступ",
            "",
            "1.1.1 Перше завдання",
            "1.1.4.1 Захід без свого завдання",
            "Незрозумілий рядок між пунктами",
            "1.1.2 Друге завдання",
            "",
        ]
    )
    parsed = _parse(text.encode())
    assert _children(parsed, "1.1") == ["1.1.1", "1.1.4.1", "1.1.2"]
    assert parsed.warnings == [
        "Рядок 7: для пункту 1.1.4.1 у документі немає пункту 1.1.4; пункт віднесено до 1.1.",
        "Рядок 8: не прочитано як ціль, завдання чи захід, пропущено: «Незрозумілий рядок між "
        "пунктами».",
    ]


def test_a_document_without_period_or_goals_is_refused_with_the_reasons() -> None:
    parsed = _parse("Просто текст.\nЩе рядок.".encode())
    reasons = [problem.reason for problem in parsed.problems]
    assert any("назви стратегії" in reason for reason in reasons)
    assert any("стратегічної цілі" in reason for reason in reasons)


def test_a_broken_docx_is_a_problem_not_a_crash() -> None:
    parsed = _parse(b"PK\x03\x04 not really a zip", "broken.docx")
    assert parsed.problems[0].reason.startswith("Файл не вдалося прочитати")


def test_the_melitopol_goals_are_read_column_by_column_with_their_slogans() -> None:
    parsed = _parse(MELITOPOL.read_bytes(), period=(2021, 2027))
    assert [root.number for root in parsed.roots] == ["1", "2", "3"]
    assert parsed.counts()["operational_goals"] == 9
    assert [root.slogan for root in parsed.roots] == [
        "Результативно для всіх",
        "Можливо для кожного",
        "Продуктивно для громади",
    ]
    assert _children(parsed, "2") == ["2.1", "2.2", "2.3"]
    assert (
        parsed.roots[0].title == "ФОРМУВАННЯ ЯКІСНОЇ ТА ЕФЕКТИВНОЇ СОЦІАЛЬНОЇ ПІДТРИМКИ НАСЕЛЕННЯ"
    )
    assert (parsed.period_start, parsed.period_end) == (2021, 2027)


def test_the_melitopol_announcement_names_only_the_last_year_so_the_period_is_asked_for() -> None:
    parsed = _parse(MELITOPOL.read_bytes())
    assert parsed.period_end == 2027
    assert any("лише останній рік (2027)" in warning for warning in parsed.warnings)
    assert any("період" in problem.reason for problem in parsed.problems)


def test_a_blank_line_inside_a_flattened_cell_keeps_the_cell_together() -> None:
    blocks = read_text("\tСильні\n\tСлабкі\n\n\t1. а\n1. б\n\n1. в\n\t1. г\n\nТекст\n")
    assert [block.cells for block in blocks] == [
        ["Сильні", "Слабкі"],
        ["1. а\n1. б\n1. в", "1. г"],
        ["Текст"],
    ]
