"""Documents for the council and the public — DOCX, PDF and XLSX from one outline, so the
three always say the same.

An app builds an :class:`Outline` (a title and blocks in reading order: headings,
paragraphs, tables, charts) from its queries; :func:`write_document` renders it. Tables
are strings already formatted for people ("1 234,5", "<5", "—"); the XLSX writer turns
cells that are plain numbers back into numbers so the council's staff can sum them.
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import docx
import xlsxwriter
from django.template.loader import render_to_string
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

FORMATS = ("docx", "pdf", "xlsx")
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# No leading zeros: "015" is a code, not fifteen.
_NUMBER = re.compile(r"-?(0|[1-9]\d*)(,\d+)?")
_SHEET_NAME_MAX = 31


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class HeaderCell:
    """A cell of a multi-row table header, spanning columns and rows."""

    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class Table:
    title: str
    header: list[str]
    rows: list[list[str]]
    # Rows shown in bold: group headings (a strategic goal) and totals.
    strong_rows: frozenset[int] = frozenset()
    note: str = ""
    # The XLSX sheet's name; "Таблиця N" when empty.
    sheet: str = ""
    # A header of several rows with merged cells, drawn instead of ``header`` (which still
    # names each column, e.g. for the CSV a spreadsheet makes of it).
    header_rows: tuple[tuple[HeaderCell, ...], ...] = ()
    # Relative column widths (any unit); equal widths when empty.
    widths: tuple[float, ...] = ()

    def header_grid(self) -> list[tuple[int, int, HeaderCell]]:
        """Each header cell with its (row, column), spans taken into account."""
        if not self.header_rows:
            return [(0, column, HeaderCell(text)) for column, text in enumerate(self.header)]
        taken: set[tuple[int, int]] = set()
        placed: list[tuple[int, int, HeaderCell]] = []
        for row, cells in enumerate(self.header_rows):
            column = 0
            for cell in cells:
                while (row, column) in taken:
                    column += 1
                placed.append((row, column, cell))
                for r in range(row, row + cell.rowspan):
                    for c in range(column, column + cell.colspan):
                        taken.add((r, c))
                column += cell.colspan
        return placed

    @property
    def header_height(self) -> int:
        return max(1, len(self.header_rows))

    def relative_widths(self) -> list[float]:
        if len(self.widths) != len(self.header):
            return [1.0] * len(self.header)
        total = sum(self.widths) or 1.0
        return [width / total for width in self.widths]


@dataclass(frozen=True)
class Chart:
    png: bytes
    alt: str


Block = Heading | Paragraph | Table | Chart


@dataclass(frozen=True)
class Outline:
    title: str
    blocks: Sequence[Block] = field(default_factory=list)
    landscape: bool = False

    @property
    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]

    @property
    def paragraphs(self) -> list[str]:
        return [block.text for block in self.blocks if isinstance(block, Paragraph)]


def write_document(content: Outline, fmt: str) -> bytes:
    writers = {"docx": _docx, "pdf": _pdf, "xlsx": _xlsx}
    if fmt not in writers:
        raise ValueError(f"unknown document format: {fmt}")
    return writers[fmt](content)


def _docx(content: Outline) -> bytes:
    document = docx.Document()
    document.core_properties.language = "uk-UA"
    document.core_properties.title = content.title
    if content.landscape:
        section = document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    width = Cm(24 if content.landscape else 16)
    document.add_heading(content.title, level=1)
    for block in content.blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            document.add_paragraph(block.text)
        elif isinstance(block, Chart):
            document.add_picture(io.BytesIO(block.png), width=width)
        else:
            _docx_table(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_table(document: object, table: Table) -> None:
    document.add_heading(table.title, level=2)  # type: ignore[attr-defined]
    if not table.rows:
        document.add_paragraph("Немає.")  # type: ignore[attr-defined]
        return
    grid = document.add_table(rows=table.header_height, cols=len(table.header))  # type: ignore[attr-defined]
    grid.style = "Table Grid"
    for top, left, header in table.header_grid():
        origin = grid.cell(top, left)
        if header.colspan > 1 or header.rowspan > 1:
            origin = origin.merge(grid.cell(top + header.rowspan - 1, left + header.colspan - 1))
        origin.text = header.text
        _bold(origin)
    for row_element in grid.rows[: table.header_height]:
        _repeat_as_header(row_element)
    for number, row in enumerate(table.rows):
        cells = grid.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
            if number in table.strong_rows:
                _bold(cell)
    for row in grid.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    if table.widths:
        _docx_widths(grid, table)
    if table.note:
        document.add_paragraph(table.note)  # type: ignore[attr-defined]


def _repeat_as_header(row: object) -> None:
    """Word repeats the header rows on every page of a long table."""
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _docx_widths(grid: object, table: Table) -> None:
    page = 24.0 if len(table.header) > 8 else 16.0
    widths = [Cm(page * share) for share in table.relative_widths()]
    grid.autofit = False  # type: ignore[attr-defined]
    for row in grid.rows:  # type: ignore[attr-defined]
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width


def _bold(cell: object) -> None:
    for paragraph in cell.paragraphs:  # type: ignore[attr-defined]
        for run in paragraph.runs:
            run.bold = True


def _pdf(content: Outline) -> bytes:
    from weasyprint import HTML  # slow to import: only when a PDF is asked for

    blocks = [
        {
            "kind": type(block).__name__.lower(),
            "block": block,
            "png": _png(block),
            "header_rows": block.header_rows if isinstance(block, Table) else (),
            "widths": _percent_widths(block),
        }
        for block in content.blocks
    ]
    html = render_to_string("reports/document.html", {"content": content, "blocks": blocks})
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf


def _percent_widths(block: Block) -> list[str]:
    if not isinstance(block, Table) or not block.widths:
        return []
    return [f"{share * 100:.1f}" for share in block.relative_widths()]


def _png(block: Block) -> str:
    return base64.b64encode(block.png).decode() if isinstance(block, Chart) else ""


def _xlsx(content: Outline) -> bytes:
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer, {"in_memory": True}) as book:
        bold = book.add_format({"bold": True, "text_wrap": True})
        about = book.add_worksheet("Про звіт")
        about.write(0, 0, content.title, bold)
        for line, paragraph in enumerate(content.paragraphs, start=2):
            about.write(line, 0, paragraph)
        used: set[str] = {"Про звіт"}
        for number, table in enumerate(content.tables, start=1):
            sheet = book.add_worksheet(_sheet_name(table.sheet or f"Таблиця {number}", used))
            sheet.write(0, 0, table.title, bold)
            _xlsx_header(sheet, table, bold)
            first = 2 + table.header_height
            for line, row in enumerate(table.rows):
                cells = [number_or_text(value) for value in row]
                style = bold if line in table.strong_rows else None
                sheet.write_row(line + first, 0, cells, style)
            if table.note:
                sheet.write(len(table.rows) + first + 1, 0, table.note)
            if table.widths:
                for column, share in enumerate(table.relative_widths()):
                    sheet.set_column(column, column, max(8, round(share * 180)))
            else:
                sheet.set_column(0, len(table.header), 16)
    return buffer.getvalue()


def _xlsx_header(sheet: object, table: Table, bold: object) -> None:
    for row, column, cell in table.header_grid():
        if cell.colspan > 1 or cell.rowspan > 1:
            sheet.merge_range(  # type: ignore[attr-defined]
                2 + row, column, 1 + row + cell.rowspan, column + cell.colspan - 1, cell.text, bold
            )
        else:
            sheet.write(2 + row, column, cell.text, bold)  # type: ignore[attr-defined]


def _sheet_name(wanted: str, used: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", " ", wanted)[:_SHEET_NAME_MAX]
    candidate, suffix = name, 2
    while candidate in used:
        tail = f" ({suffix})"
        candidate, suffix = name[: _SHEET_NAME_MAX - len(tail)] + tail, suffix + 1
    used.add(candidate)
    return candidate


def number_or_text(value: str) -> int | float | str:
    """A cell written for people ("12", "1 234,5") as a number; anything else as it is."""
    compact = value.replace("\u00a0", "").replace(" ", "")
    if not _NUMBER.fullmatch(compact):
        return value
    if "," in compact:
        return float(compact.replace(",", "."))
    return int(compact)
