"""The four documents as LibreOffice reads them, with totals that add up."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from pypdf import PdfReader

from conftest import World
from turbota.reports.tests.libreoffice import CSV, TEXT, converted
from turbota.strategy.documents import monitoring_document, strategy_document
from turbota.strategy.enums import MeasureStatus, PeriodStatus
from turbota.strategy.models import IndicatorTarget, MonitoringPeriod, Strategy
from turbota.strategy.monitoring_actions import (
    change_period_status,
    open_period,
    save_actuals,
    save_report,
)
from turbota.strategy.tests.factories import SEED_004, imported, public


@pytest.fixture
def strategy(world: World) -> Strategy:
    return imported(world.hromada_a)


@pytest.fixture
def period(strategy: Strategy) -> MonitoringPeriod:
    period = open_period(strategy=strategy, year=2021, quarter=None)
    for number, spent, status in (
        ("1.1.1", "95,5", MeasureStatus.IN_PROGRESS),
        ("1.1.3", "4", MeasureStatus.OVERDUE),
    ):
        save_report(
            period=period,
            node=strategy.nodes.get(number=number),
            expected_version=None,
            fields={
                "status": status,
                "done": f"зроблено за {number}",
                "started_on": datetime.date(2021, 2, 1),
            },
            funding={None: Decimal(spent.replace(",", "."))},
        )
    return period


def _write(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_the_action_plan_opens_in_libreoffice_with_totals_per_goal(
    strategy: Strategy, tmp_path: Path
) -> None:
    text = converted(
        _write(
            tmp_path, "plan.docx", strategy_document(strategy, "plan", "docx", approved_only=False)
        ),
        TEXT,
        tmp_path,
    )
    assert "План заходів з реалізації стратегії" in text
    assert "Очікуваний обсяг фінансування, тис. грн" in text
    assert "Створити відділення денного догляду" in text
    assert "Усього за стратегічною ціллю 1" in text
    goal_1 = text.split("Усього за стратегічною ціллю 1")[1].split()[:4]
    # 150,5 + 1 500,0 + 10 (the years, not the written 12) + 25 + 40 (not split by year)
    assert goal_1 == ["1", "725,5", "110,0", "1"]  # "1 725,5" is split at its space
    assert text.split("Усього за стратегією")[1].split("\n")[5:9] == [
        "1 725,5",
        "110,0",
        "1 250,5",
        "325,0",
    ]


def test_the_action_plan_spreadsheet_sums_by_year(strategy: Strategy, tmp_path: Path) -> None:
    csv = converted(
        _write(
            tmp_path, "plan.xlsx", strategy_document(strategy, "plan", "xlsx", approved_only=False)
        ),
        CSV,
        tmp_path,
    )
    assert "План заходів" in csv  # LibreOffice reads the workbook (its first sheet as CSV)
    book = openpyxl.load_workbook(
        io.BytesIO(strategy_document(strategy, "plan", "xlsx", approved_only=False))
    )
    rows = [list(row) for row in book["План заходів"].iter_rows(values_only=True)]
    total = next(row for row in rows if row[1] == "Усього за стратегією")
    # усього, 2021, 2022, 2023
    assert total[6:10] == [1725.5, 110, 1250.5, 325]
    goal_2 = next(row for row in rows if row[1] == "Усього за стратегічною ціллю 2")
    assert goal_2[6] in (0, "0,0")


def test_the_strategy_converts_to_pdf_with_its_tree(tmp_path: Path, world: World) -> None:
    seed = imported(world.hromada_a2, SEED_004.read_bytes(), "seed.txt")
    pdf = converted(
        _write(
            tmp_path,
            "strategy.docx",
            strategy_document(seed, "strategy", "docx", approved_only=False),
        ),
        "pdf",
        tmp_path,
    )
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
    assert "Робоча група" in text
    assert "SWOT-аналіз" in text
    assert "2.1.11" in text
    assert "Терещенко Інна Василівна" in text


def test_the_monitoring_report_has_the_annex_1_columns_and_goal_totals(
    period: MonitoringPeriod, tmp_path: Path
) -> None:
    text = converted(
        _write(
            tmp_path, "monitoring.docx", monitoring_document(period, "docx", approved_only=False)
        ),
        TEXT,
        tmp_path,
    )
    for column in (
        "Операційна ціль",
        "Що зроблено",
        "Фактичний обсяг фінансування, тис. грн",
        "Запланована дата завершення",
        "Фактична дата завершення",
    ):
        assert column in text
    assert "зроблено за 1.1.1" in text
    assert "01.02.2021" in text
    assert "Усього за стратегічною ціллю 1" in text
    assert "99,5" in text  # 95,5 + 4 actual in goal 1
    assert "110,0" in text  # planned for 2021 in goal 1
    assert "прострочено" in text
    assert "Стан досягнення цілей (RAG)" in text


def test_the_monitoring_report_pdf_carries_the_same_figures(period: MonitoringPeriod) -> None:
    reader = PdfReader(io.BytesIO(monitoring_document(period, "pdf", approved_only=False)))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Усього за стратегією" in text
    assert "99,5" in text


def test_the_indicator_table_shows_plan_and_fact_by_year(
    strategy: Strategy, period: MonitoringPeriod, tmp_path: Path
) -> None:
    indicator = strategy.indicators.get(name__startswith="Відвідуваність сайту")
    IndicatorTarget.objects.create(indicator=indicator, year=2021, value=Decimal(5000))
    save_actuals(
        period=period,
        indicator=indicator,
        expected_stamp="",
        values={("total", "total"): Decimal(4200)},
    )
    content = strategy_document(strategy, "indicators", "docx", approved_only=False)
    text = converted(_write(tmp_path, "indicators.docx", content), TEXT, tmp_path)
    assert "Перелік індикаторів: план і факт за роками" in text
    assert "Відвідуваність сайту громади." in text
    assert "5000" in text
    assert "4200" in text
    public = strategy_document(strategy, "indicators", "docx", approved_only=True)
    public_text = converted(_write(tmp_path, "public.docx", public), TEXT, tmp_path)
    assert "4200" not in public_text  # the period is not approved yet


def _approve(period: MonitoringPeriod) -> None:
    for to in (PeriodStatus.SUBMITTED, PeriodStatus.APPROVED):
        change_period_status(period=period, to=to, by=AnonymousUser())


def _sheet_text(content: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    sheet = book["Бюджет за роками"]
    return " ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)


def test_the_public_monitoring_report_leaves_out_money_of_periods_not_yet_approved(
    world: World,
) -> None:
    strategy = public(world.hromada_a)
    approved = open_period(strategy=strategy, year=2021, quarter=None)
    still_open = open_period(strategy=strategy, year=2022, quarter=None)
    for period, status, spent in (
        (approved, MeasureStatus.DONE, "40"),
        (still_open, MeasureStatus.IN_PROGRESS, "4321.9"),
    ):
        save_report(
            period=period,
            node=strategy.nodes.get(number="1.1.1"),
            expected_version=None,
            fields={"status": status},
            funding={None: Decimal(spent)},
        )
    _approve(approved)
    url = reverse("strategy:period_download", args=[approved.pk, "xlsx"])
    public_text = _sheet_text(world.client_for("anonymous").get(url).getvalue())
    staff_text = _sheet_text(world.client_for("hromada_staff").get(url).getvalue())
    assert "4321" not in public_text
    assert "4321" in staff_text


def test_the_monitoring_report_carries_the_budget_charts(period: MonitoringPeriod) -> None:
    document = docx.Document(io.BytesIO(monitoring_document(period, "docx", approved_only=False)))
    assert len(document.inline_shapes) == 2  # by year and by source
