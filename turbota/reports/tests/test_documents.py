"""The shared document engine: one outline, three formats that say the same."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest
from pypdf import PdfReader

from turbota.reports.documents import (
    HeaderCell,
    Heading,
    Outline,
    Paragraph,
    Table,
    number_or_text,
    write_document,
)

OUTLINE = Outline(
    title="План заходів",
    blocks=[
        Heading("Стратегічна ціль 1"),
        Paragraph("Фінансування в тис. грн."),
        Table(
            "Заходи",
            ["№", "Захід", "Разом"],
            [["1.1", "Догляд вдома", "1 234,5"], ["", "Усього", "1 234,5"]],
            strong_rows=frozenset({1}),
            sheet="План",
        ),
        Table("Порожня", ["№"], []),
    ],
    landscape=True,
)


def test_docx_has_the_heading_paragraph_and_a_bold_totals_row() -> None:
    document = docx.Document(io.BytesIO(write_document(OUTLINE, "docx")))
    texts = [p.text for p in document.paragraphs]
    assert "План заходів" in texts
    assert "Стратегічна ціль 1" in texts
    assert "Немає." in texts  # the empty table says so
    total = document.tables[0].rows[2].cells
    assert [c.text for c in total] == ["", "Усього", "1 234,5"]
    assert all(run.bold for run in total[1].paragraphs[0].runs)
    section = document.sections[0]
    assert (section.page_width or 0) > (section.page_height or 0)  # landscape


def test_pdf_carries_the_same_text() -> None:
    reader = PdfReader(io.BytesIO(write_document(OUTLINE, "pdf")))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "План заходів" in text
    assert "Догляд вдома" in text


def test_xlsx_names_sheets_and_writes_numbers_as_numbers() -> None:
    book = openpyxl.load_workbook(io.BytesIO(write_document(OUTLINE, "xlsx")))
    assert book.sheetnames == ["Про звіт", "План", "Таблиця 2"]
    rows = list(book["План"].iter_rows(values_only=True))
    assert rows[3][:3] == ("1.1", "Догляд вдома", 1234.5)


@pytest.mark.parametrize(
    ("text", "value"),
    [("12", 12), ("1 234,5", 1234.5), ("-3", -3), ("0,5", 0.5), ("015", "015"), ("<5", "<5")],
)
def test_only_plain_numbers_become_numbers(text: str, value: object) -> None:
    assert number_or_text(text) == value


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown"):
        write_document(OUTLINE, "odt")


SPANNED = Outline(
    title="План із двома рядками заголовка",
    blocks=[
        Table(
            "План",
            ["№", "Захід", "Усього", "2021", "2022"],
            [["1.1.1", "Ремонт", "150,5", "100", "50,5"]],
            header_rows=(
                (
                    HeaderCell("№", rowspan=2),
                    HeaderCell("Захід", rowspan=2),
                    HeaderCell("Обсяг, тис. грн", colspan=3),
                ),
                (HeaderCell("Усього"), HeaderCell("2021"), HeaderCell("2022")),
            ),
            widths=(1, 4, 1, 1, 1),
        )
    ],
)


def test_a_two_row_header_merges_cells_in_docx_and_xlsx() -> None:
    document = docx.Document(io.BytesIO(write_document(SPANNED, "docx")))
    grid = document.tables[0]
    assert [c.text for c in grid.rows[0].cells] == ["№", "Захід"] + ["Обсяг, тис. грн"] * 3
    assert [c.text for c in grid.rows[1].cells] == ["№", "Захід", "Усього", "2021", "2022"]
    assert [c.text for c in grid.rows[2].cells] == ["1.1.1", "Ремонт", "150,5", "100", "50,5"]
    assert grid.rows[1].cells[1].width > grid.rows[1].cells[2].width
    sheet = openpyxl.load_workbook(io.BytesIO(write_document(SPANNED, "xlsx")))["Таблиця 1"]
    assert "C3:E3" in {str(merged) for merged in sheet.merged_cells.ranges}
    assert [cell.value for cell in sheet[5]][:5] == ["1.1.1", "Ремонт", 150.5, 100, 50.5]


def test_a_two_row_header_spans_in_the_pdf() -> None:
    reader = PdfReader(io.BytesIO(write_document(SPANNED, "pdf")))
    text = reader.pages[0].extract_text()
    assert "Обсяг, тис. грн" in text
    assert "Ремонт" in text
