"""Reading an uploaded table row by row, CSV or XLSX, without holding it in memory.

The format is told by the file's first bytes, not its name. CSV may be separated by «;»,
«,» or a tab (told by the header line) and encoded in UTF-8 (with or without BOM) or, as
Excel saves it on a Ukrainian Windows, Windows-1251. XLSX is read in openpyxl's streaming
mode. A file that cannot be read raises ``UnreadableFileError`` with a problem for the user,
as soon as the bad place is reached.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from typing import IO, Any, Literal

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from turbota.reports.xlsx import FileProblem

CHUNK = 1 << 16
_XLSX_MAGIC = b"PK\x03\x04"
_OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"
_UTF16_MAGIC = (b"\xff\xfe", b"\xfe\xff")
_NOT_A_TABLE = "файл не є таблицею CSV чи книгою Excel (.xlsx): у ньому двійкові дані"
_CSV_ERRORS = {
    "unexpected end of data": "лапки, що відкривають поле, не закрито до кінця файлу",
    "expected after": "після лапок, що закривають поле, має бути роздільник",
    "field larger than field limit": "поле задовге (можливо, лапки не закрито)",
}
# What openpyxl raises on a damaged archive or sheet (an XML ParseError is a SyntaxError).
_XLSX_ERRORS = (
    InvalidFileException,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    KeyError,
    ValueError,
    SyntaxError,
)


class UnreadableFileError(Exception):
    """The file cannot be read any further; ``problem`` says why and where."""

    def __init__(self, problem: FileProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class Table:
    """A CSV or XLSX file whose rows can be read, lazily, any number of times."""

    def __init__(self, source: IO[bytes], *, sheet: str, skip_sheets: Sequence[str] = ()):
        self.source = source
        self.kind: Literal["csv", "xlsx"] = _kind(source)
        self.encoding = _encoding(source) if self.kind == "csv" else ""
        self.wanted_sheet = sheet
        self.skip_sheets = skip_sheets
        self.sheet = ""  # the sheet read, for XLSX

    def rows(self) -> Iterator[tuple[int, Sequence[object]]]:
        """Non-blank rows with their numbers as a spreadsheet shows them (header = 1)."""
        rows = self._csv_rows() if self.kind == "csv" else self._xlsx_rows()
        for number, cells in rows:
            if any(_filled(cell) for cell in cells):
                yield number, cells

    def _csv_rows(self) -> Iterator[tuple[int, Sequence[object]]]:
        self.source.seek(0)
        text = io.TextIOWrapper(self.source, encoding=self.encoding, newline="")
        number = 0
        try:
            first = text.readline(CHUNK)
            reader = csv.reader(
                itertools.chain([first], text), delimiter=_delimiter(first), strict=True
            )
            for number, cells in enumerate(reader, start=1):
                if any("\x00" in cell for cell in cells):
                    raise UnreadableFileError(FileProblem(message=_NOT_A_TABLE, row=number))
                yield number, cells
        except csv.Error as error:
            raise UnreadableFileError(_csv_problem(error, number + 1)) from None
        except UnicodeDecodeError:
            message = "текст не в кодуванні UTF-8 чи Windows-1251"
            raise UnreadableFileError(FileProblem(message=message, row=number + 1)) from None
        finally:
            text.detach()  # the caller's file stays open for the next pass

    def _xlsx_rows(self) -> Iterator[tuple[int, Sequence[object]]]:
        self.source.seek(0)
        try:
            book = openpyxl.load_workbook(self.source, read_only=True, data_only=True)
        except _XLSX_ERRORS as error:
            raise UnreadableFileError(
                FileProblem(
                    message="файл пошкоджений або не є книгою Excel (.xlsx)", value=_short(error)
                )
            ) from None
        try:
            sheet = self._pick_sheet(book)
            sheet.reset_dimensions()  # some programs write a wrong size; read what is there
            yield from enumerate(sheet.iter_rows(values_only=True), start=1)
        except _XLSX_ERRORS as error:
            raise UnreadableFileError(
                FileProblem(
                    message="файл пошкоджений: не вдалося дочитати",
                    sheet=self.sheet,
                    value=_short(error),
                )
            ) from None
        finally:
            book.close()

    def _pick_sheet(self, book: Any) -> Any:
        names = [n for n in book.sheetnames if n not in self.skip_sheets] or book.sheetnames
        self.sheet = self.wanted_sheet if self.wanted_sheet in names else names[0]
        return book[self.sheet]


def _filled(cell: object) -> bool:
    return cell is not None and (not isinstance(cell, str) or bool(cell.strip()))


def _kind(source: IO[bytes]) -> Literal["csv", "xlsx"]:
    source.seek(0)
    start = source.read(4)
    if not start:
        raise UnreadableFileError(FileProblem(message="файл порожній"))
    if start == _OLD_EXCEL_MAGIC:
        raise UnreadableFileError(
            FileProblem(
                message="це книга старого формату Excel (.xls): збережіть її як .xlsx або CSV"
            )
        )
    if start[:2] in _UTF16_MAGIC:
        raise UnreadableFileError(
            FileProblem(message="текст у кодуванні UTF-16: збережіть файл як «CSV UTF-8»")
        )
    return "xlsx" if start == _XLSX_MAGIC else "csv"


def _encoding(source: IO[bytes]) -> str:
    """UTF-8 if every byte of the file decodes as such, else Windows-1251."""
    source.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := source.read(CHUNK):
            if b"\x00" in chunk:
                raise UnreadableFileError(FileProblem(message=_NOT_A_TABLE))
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1251"
    return "utf-8-sig"


def _delimiter(header: str) -> str:
    counts = {delimiter: header.count(delimiter) for delimiter in (";", ",", "\t")}
    return max(counts, key=lambda delimiter: counts[delimiter]) if any(counts.values()) else ";"


def _csv_problem(error: csv.Error, row: int) -> FileProblem:
    text = str(error)
    for known, message in _CSV_ERRORS.items():
        if known in text:
            return FileProblem(message=f"рядок не вдалося прочитати як CSV: {message}", row=row)
    return FileProblem(message="рядок не вдалося прочитати як CSV", row=row, value=_short(error))


def _short(error: BaseException) -> str:
    return str(error)[:200]
