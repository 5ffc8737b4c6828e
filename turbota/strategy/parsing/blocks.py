"""A document as a list of blocks in reading order — paragraphs and table rows — read from
a plain-text export or from DOCX, so one parser reads both.

Plain-text exports (like ``shared/seeds``) flatten a table cell to a line that starts with a
tab; a multi-line cell goes on in the following lines; a blank line ends the row. Two
exceptions are read as the exports really are: a single blank line followed by untabbed lines
and then a tabbed line before the next blank stays inside the cell (a blank line in a cell),
and a line whose tab-separated parts each begin like a heading is a row of cells written on
one line (the Melitopol export); rows of that kind in a run are read column by column, the
way the table is laid out on paper.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import docx
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

_MARKUP = re.compile(r"\[bookmark: [^\]]*\]|\[image: [^\]]*\]|</?u>|\*\*")
_NUMBER_FIRST = re.compile(r"^[·•\-–]?\s*\d+(\.\d+)*\.?$")


@dataclass
class Block:
    """A paragraph (one cell-less text) or a table row (its cells' texts)."""

    line: int
    cells: list[str] = field(default_factory=list)
    is_row: bool = False
    auto_numbered: bool = False

    @property
    def text(self) -> str:
        return "\n".join(cell for cell in self.cells if cell)

    @property
    def texts(self) -> list[str]:
        return [cell for cell in self.cells if cell.strip()]


def clean(text: str) -> str:
    text = _MARKUP.sub("", text).replace("\u00a0", " ").replace("\t", " ")
    return re.sub(r"[ ]{2,}", " ", text).strip()


def read_blocks(content: bytes, name: str) -> list[Block]:
    if name.lower().endswith(".docx"):
        return read_docx(content)
    return read_text(content.decode("utf-8-sig", errors="replace"))


def read_text(text: str) -> list[Block]:
    lines = text.splitlines()
    blocks: list[Block] = []
    row: Block | None = None
    cell: list[str] = []

    def close_cell() -> None:
        if row is not None:
            row.cells.append(clean("\n".join(cell)) if cell else "")

    index = 0
    while index < len(lines):
        raw = lines[index]
        number = index + 1
        if raw.startswith("\t"):
            if row is None:
                row = Block(line=number, is_row=True)
            else:
                close_cell()
            cell = [raw[1:]]
        elif not raw.strip():
            if row is not None and not _blank_inside_cell(lines, index):
                close_cell()
                blocks.append(row)
                row, cell = None, []
            elif row is not None:
                cell.append("")
        elif row is not None:
            cell.append(raw)
        elif _is_row_on_one_line(raw):
            index = _read_grid(lines, index, blocks)
            continue
        else:
            blocks.append(Block(line=number, cells=[clean(raw)]))
        index += 1
    if row is not None:
        close_cell()
        blocks.append(row)
    return [_tidy(block) for block in blocks]


def _tidy(block: Block) -> Block:
    block.cells = [
        "\n".join(clean(part) for part in cell.split("\n") if clean(part)) for cell in block.cells
    ]
    return block


def _blank_inside_cell(lines: list[str], index: int) -> bool:
    """One blank line, then untabbed text, then a tabbed line before the next blank."""
    following = index + 1
    if following >= len(lines) or not lines[following].strip():
        return False
    if lines[following].startswith("\t"):
        return False
    for ahead in lines[following:]:
        if not ahead.strip():
            return False
        if ahead.startswith("\t"):
            return True
    return False


def _is_row_on_one_line(raw: str) -> bool:
    parts = [part.strip() for part in raw.split("\t") if part.strip()]
    return len(parts) >= 2 and not _NUMBER_FIRST.match(clean(parts[0]))


def _read_grid(lines: list[str], index: int, blocks: list[Block]) -> int:
    """Consecutive rows written on one line each, emitted column by column."""
    grid: list[tuple[int, list[str]]] = []
    while index < len(lines) and _is_row_on_one_line(lines[index]):
        grid.append((index + 1, [clean(part) for part in lines[index].split("\t")]))
        index += 1
    width = max(len(cells) for _, cells in grid)
    for column in range(width):
        for line, cells in grid:
            if column < len(cells) and cells[column]:
                blocks.append(Block(line=line, cells=[cells[column]], is_row=True))
    return index


def read_docx(content: bytes) -> list[Block]:
    """Paragraphs and table rows of a DOCX in body order; ``line`` counts blocks, as the
    place to report. A horizontally merged cell is read once."""
    document = docx.Document(io.BytesIO(content))
    blocks: list[Block] = []
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = DocxParagraph(element, document)
            text = clean(paragraph.text)
            if text:
                numbered = _auto_numbered(paragraph)
                blocks.append(Block(line=len(blocks) + 1, cells=[text], auto_numbered=numbered))
        elif tag == "tbl":
            for row in DocxTable(element, document).rows:
                blocks.append(Block(line=len(blocks) + 1, cells=_row_cells(row), is_row=True))
    return blocks


def _auto_numbered(paragraph: DocxParagraph) -> bool:
    """Word numbers the paragraph itself (its own or its style's list numbering)."""
    own = paragraph._p.pPr
    if own is not None and own.numPr is not None:
        return True
    style = paragraph.style
    style_pr = style.element.pPr if style is not None else None
    return style_pr is not None and style_pr.numPr is not None


def _row_cells(row: object) -> list[str]:
    cells: list[str] = []
    seen: set[int] = set()
    for cell in row.cells:  # type: ignore[attr-defined]
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        cells.append("\n".join(clean(p.text) for p in cell.paragraphs if clean(p.text)))
    return cells
