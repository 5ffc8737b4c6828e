"""Strategies for tests: the hand-made plan fixture, the Selydove seed, and a DOCX built
by hand with python-docx (a two-row header with merged cells, as councils lay plans out)."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from turbota.strategy.actions import adopt_strategy, set_published
from turbota.strategy.imports import plan_import
from turbota.strategy.models import Strategy
from turbota.territories.models import Territory

FIXTURES = Path(__file__).parent / "fixtures"
PLAN_TEXT = FIXTURES / "plan.txt"
SEED_004 = Path(__file__).parents[1] / "seeds" / "selydove-2021-2026.txt"


def imported(hromada: Territory, content: bytes | None = None, name: str = "plan.txt") -> Strategy:
    """Import a document as a draft (the plan fixture unless given)."""
    plan = plan_import(content or PLAN_TEXT.read_bytes(), hromada=hromada, name=name)
    assert plan.is_valid, plan.problems
    assert plan.write is not None
    plan.write()
    return Strategy.objects.filter(hromada=hromada).order_by("-edition").first()  # type: ignore[return-value]


def public(hromada: Territory, content: bytes | None = None) -> Strategy:
    """An imported strategy, adopted and published."""
    from django.contrib.auth.models import AnonymousUser

    strategy = imported(hromada, content)
    adopt_strategy(
        strategy=strategy,
        decision_number="12/3",
        decided_on=datetime.date(2021, 3, 1),
        by=AnonymousUser(),
    )
    return set_published(strategy=strategy, published=True, by=AnonymousUser())


HEADER = [
    "№",
    "Завдання, захід",
    "Індикатор результату",
    "Термін виконання",
    "Відповідальний виконавець",
    "Джерело фінансування",
    "Обсяг фінансування, тис. грн",
    "",
    "",
    "",
    "Відмітка про виконання",
]
SUB = ["", "", "", "", "", "", "Усього", "2021", "2022", "2023", ""]
ROWS = [
    ["Стратегічна ціль 1. Якісні послуги для кожного"],
    ["Операційна ціль 1.1. Доступ до базових послуг"],
    ["1.1.1", "Створити відділення денного догляду", "відділення працює", "2021-2022",
     "Центр надання соціальних послуг", "Місцевий бюджет", "150,5", "100,0", "50,5", "-", ""],
    ["1.1.2", "Придбати спецавтомобіль", "1 автомобіль", "2022–2023", "УСЗН",
     "Державний бюджет", "1 500,0", "-", "1 200,0", "300", "виконано частково"],
    ["Стратегічна ціль 2. Партнерство"],
    ["Операційна ціль 2.1. Співпраця з громадськими організаціями"],
    ["2.1.1", "Соціальне замовлення", "3 договори", "2023", "УСЗН", "Гранти",
     "20", "-", "-", "20,0", ""],
]  # fmt: skip


def _merge(cells: list[object]) -> None:
    first, last = cells[0], cells[-1]
    first.merge(last)  # type: ignore[attr-defined]


def _vmerge(cell: object, restart: bool) -> None:
    properties = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    merge = OxmlElement("w:vMerge")
    if restart:
        merge.set(qn("w:val"), "restart")
    properties.append(merge)


def plan_docx(*, auto_numbered_line: bool = False) -> bytes:
    """A plan as a council types it in Word: title, mission, then the plan table with a
    two-row header ("Обсяг фінансування" over "Усього, 2021…2023") and goal rows merged
    across the table."""
    document = docx.Document()
    document.add_paragraph(
        "Стратегія розвитку соціальних послуг Першанської громади на 2021-2023 роки"
    )
    document.add_paragraph("Місія – послуги поруч з домом.")
    if auto_numbered_line:
        document.add_paragraph("Стратегічна ціль 1. Якісні послуги для кожного")
        document.add_paragraph("Відкрити центр", style="List Number")
    table = document.add_table(rows=2, cols=len(HEADER))
    for column, (top, sub) in enumerate(zip(HEADER, SUB, strict=True)):
        if top:
            table.rows[0].cells[column].text = top
        if sub:
            table.rows[1].cells[column].text = sub
    _merge([table.rows[0].cells[6], table.rows[0].cells[9]])
    for column in (0, 1, 2, 3, 4, 5, 10):
        _vmerge(table.rows[0].cells[column], restart=True)
        _vmerge(table.rows[1].cells[column], restart=False)
    for values in ROWS:
        cells = table.add_row().cells
        if len(values) == 1:
            _merge(list(cells))
            cells[0].text = values[0]
            continue
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
