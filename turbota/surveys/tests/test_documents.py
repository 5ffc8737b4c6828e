"""The analysis as a document: DOCX read back by python-docx and LibreOffice, PDF by pypdf."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from conftest import World
from turbota.reports.tests.libreoffice import TEXT, converted
from turbota.surveys.analysis import analyse
from turbota.surveys.documents import outline, write_analysis
from turbota.surveys.enums import SurveyStatus
from turbota.surveys.tests.factories import add_response, make_survey


@pytest.fixture
def survey(world: World):
    survey = make_survey(
        world.hromada_a,
        status=SurveyStatus.CLOSED,
        template="satisfaction",
        population=1000,
        stated_margin=7,
    )
    for difficulty, sex in [("easy", "female")] * 9 + [("very_difficult", "male")] * 2:
        add_response(survey, {"difficulty": difficulty, "sex": sex})
    return survey


def test_the_outline_has_the_margin_every_question_and_the_cross_tables(survey) -> None:
    content = outline(analyse(survey), published=False)
    assert (
        content.title == "Результати опитування: Оцінка задоволеності отримувачів соціальних послуг"
    )
    margin = next(p for p in content.paragraphs if p.startswith("З поправкою"))
    # 1,96·√(0,25/11) = 29,55 %; × √(989/999) = 29,40 %
    assert margin.endswith("= 29,40 %.")
    difficulty = next(t for t in content.tables if t.title.startswith("Наскільки складно"))
    assert difficulty.rows[0][:3] == ["Можна отримати без труднощів", "9", "81,8"]
    assert difficulty.rows[-1][:2] == ["Усього відповіли", "11"]
    crossed = [t.title for t in content.tables if "за статтю" in t.title]
    assert "Наскільки складно отримати соціальну послугу? — за статтю" in crossed


def test_the_published_docx_hides_small_counts(survey, tmp_path: Path) -> None:
    content = write_analysis(analyse(survey), "docx", published=True)
    document = docx.Document(io.BytesIO(content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Кількості від 1 до 4 приховано" in text
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "<5" in cells
    report = tmp_path / "results.docx"
    report.write_bytes(content)
    read = converted(report, TEXT, tmp_path)
    assert "Похибка вибірки" in read
    assert "Можна отримати без труднощів" in read


def test_the_pdf_says_the_same(survey) -> None:
    content = write_analysis(analyse(survey), "pdf", published=False)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "Похибка вибірки" in text
    assert "Наскільки складно отримати соціальну послугу?" in text
