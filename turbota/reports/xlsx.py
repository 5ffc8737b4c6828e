"""Spreadsheets described by column specs: one spec writes the template and the export,
and reads the upload back, reporting every bad cell by sheet, row and column.

Reading only parses and checks cell types; whether a code exists or a sum adds up is the
importing app's business. Files are read in openpyxl's streaming mode.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any

import openpyxl
import xlsxwriter
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

YES = "так"
NO = "ні"
_YES_WORDS = {YES, "yes", "true", "1", "+", "x", "х"}
_NO_WORDS = {NO, "no", "false", "0", "-", ""}
MAX_ROWS_PER_SHEET = 200_000


class CellValueError(ValueError):
    """A cell that cannot be read as its column's type; the message is for the user."""


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()


def parse_text(value: object) -> str:
    return _text(value)


def parse_count(value: object) -> int:
    """A whole, non-negative number of people, places, units."""
    if isinstance(value, bool):
        raise CellValueError("очікується ціле число")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise CellValueError("очікується ціле число, а не дробове")
        number = int(value)
    else:
        text = _text(value).replace("\u00a0", "").replace(" ", "")
        if not re.fullmatch(r"[+-]?\d+", text):
            raise CellValueError("очікується ціле число")
        number = int(text)
    if number < 0:
        raise CellValueError("кількість не може бути від'ємною")
    return number


def parse_decimal(value: object) -> Decimal:
    """A non-negative decimal; a comma is accepted as the decimal separator."""
    if isinstance(value, bool):
        raise CellValueError("очікується число")
    text = _text(value).replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellValueError("очікується число (дробова частина — після коми)") from None
    if not number.is_finite():
        raise CellValueError("очікується число")
    if number < 0:
        raise CellValueError("значення не може бути від'ємним")
    return number


def parse_year(value: object) -> int:
    year = parse_count(value)
    if not 1991 <= year <= 2100:
        raise CellValueError("рік має бути між 1991 і 2100")
    return year


def parse_date(value: object) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text, pattern).date()  # noqa: DTZ007 (a date)
        except ValueError:
            continue
    raise CellValueError("очікується дата у вигляді ДД.ММ.РРРР")


def parse_yes_no(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).casefold()
    if text in _YES_WORDS:
        return True
    if text in _NO_WORDS:
        return False
    raise CellValueError("очікується «так» або «ні»")


def format_yes_no(value: object) -> str:
    return YES if value else NO


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    parse: Callable[[object], Any] = parse_text
    required: bool = False
    width: int = 16
    help: str = ""
    choices: Sequence[str] = ()
    number_format: str = ""

    def read(self, raw: object) -> Any:
        if _text(raw) == "":
            if self.required:
                raise CellValueError("обов'язкове значення не заповнено")
            return None
        value = self.parse(raw)
        if self.choices and value not in self.choices:
            raise CellValueError("допустимі значення: " + ", ".join(f"«{c}»" for c in self.choices))
        return value


@dataclass(frozen=True)
class SheetSpec:
    name: str
    columns: tuple[Column, ...]
    required: bool = True
    description: str = ""

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)


@dataclass(frozen=True)
class FileProblem:
    """One problem with an uploaded file, located as precisely as it can be."""

    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""  # column letter
    header: str = ""
    value: str = ""

    def __str__(self) -> str:
        where = []
        if self.sheet:
            where.append(f"аркуш «{self.sheet}»")
        if self.row:
            where.append(f"рядок {self.row}")
        if self.column:
            where.append(f"стовпець {self.column}" + (f" («{self.header}»)" if self.header else ""))
        place = ", ".join(where)
        text = (place[:1].upper() + place[1:] + ": " if place else "") + self.message
        if self.value:
            text += f" (значення: «{self.value}»)"
        return text

    def as_dict(self) -> dict[str, object]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "header": self.header,
            "value": self.value,
            "message": self.message,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FileProblem:
        row = data.get("row")
        return cls(
            message=str(data.get("message") or ""),
            sheet=str(data.get("sheet") or ""),
            row=int(row) if row else None,
            column=str(data.get("column") or ""),
            header=str(data.get("header") or ""),
            value=str(data.get("value") or ""),
        )


@dataclass
class Row:
    """A data row of a sheet, with its position for later messages."""

    sheet: SheetSpec
    number: int
    values: dict[str, Any]
    letters: dict[str, str] = field(default_factory=dict)

    def error(self, key: str, message: str) -> FileProblem:
        column = self.sheet.column(key)
        value = self.values.get(key)
        return FileProblem(
            message=message,
            sheet=self.sheet.name,
            row=self.number,
            column=self.letters.get(key, ""),
            header=column.header,
            value="" if value is None else str(value),
        )

    def row_error(self, message: str) -> FileProblem:
        return FileProblem(message=message, sheet=self.sheet.name, row=self.number)


@dataclass
class Workbook:
    rows: dict[str, list[Row]]
    errors: list[FileProblem]

    def sheet_rows(self, spec: SheetSpec) -> list[Row]:
        return self.rows.get(spec.name, [])


def read_workbook(source: IO[bytes] | bytes, specs: Sequence[SheetSpec]) -> Workbook:
    """Read every sheet of ``specs`` from an uploaded XLSX file.

    Never raises for a bad file: an empty, corrupt or wrong-format upload comes back as
    a single error, a bad cell as an error naming its sheet, row and column.
    """
    if isinstance(source, bytes):
        source = io.BytesIO(source)
    try:
        book = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        message = "файл пошкоджений або не є книгою Excel (.xlsx)"
        if _is_empty(source):
            message = "файл порожній"
        return Workbook(rows={}, errors=[FileProblem(message=message, value=_short(error))])
    try:
        result = Workbook(rows={}, errors=[])
        for spec in specs:
            if spec.name not in book.sheetnames:
                if spec.required:
                    result.errors.append(FileProblem(message=f"у файлі немає аркуша «{spec.name}»"))
                continue
            _read_sheet(book[spec.name], spec, result)
        return result
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        return Workbook(
            rows={},
            errors=[
                FileProblem(message="файл пошкоджений: не вдалося дочитати", value=_short(error))
            ],
        )
    finally:
        book.close()


def _is_empty(source: IO[bytes]) -> bool:
    source.seek(0, io.SEEK_END)
    return source.tell() == 0


def _short(error: Exception) -> str:
    return str(error)[:200]


def _read_sheet(sheet: Any, spec: SheetSpec, result: Workbook) -> None:
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    positions = _header_positions(header or (), spec, result)
    if positions is None:
        return
    letters = {key: get_column_letter(index + 1) for key, index in positions.items()}
    parsed: list[Row] = []
    for number, cells in enumerate(rows, start=2):
        if all(_text(cell) == "" for cell in cells):
            continue
        if len(parsed) >= MAX_ROWS_PER_SHEET:
            result.errors.append(
                FileProblem(
                    message=f"забагато рядків: не більше {MAX_ROWS_PER_SHEET}", sheet=spec.name
                )
            )
            return
        row = Row(sheet=spec, number=number, values={}, letters=letters)
        for column in spec.columns:
            index = positions.get(column.key)
            raw = cells[index] if index is not None and index < len(cells) else None
            try:
                row.values[column.key] = column.read(raw)
            except CellValueError as error:
                row.values[column.key] = _text(raw)
                result.errors.append(row.error(column.key, str(error)))
        parsed.append(row)
    result.rows[spec.name] = parsed


def _header_positions(
    header: Sequence[object], spec: SheetSpec, result: Workbook
) -> dict[str, int] | None:
    found = {_text(cell).casefold(): index for index, cell in enumerate(header) if _text(cell)}
    positions: dict[str, int] = {}
    missing = []
    for column in spec.columns:
        index = found.get(column.header.casefold())
        if index is None:
            if column.required:
                missing.append(column.header)
            continue
        positions[column.key] = index
    if missing:
        result.errors.append(
            FileProblem(
                message="у першому рядку немає обов'язкових стовпців: "
                + ", ".join(f"«{name}»" for name in missing),
                sheet=spec.name,
                row=1,
            )
        )
        return None
    return positions


def write_workbook(
    specs: Sequence[SheetSpec],
    rows: Mapping[str, Iterable[Mapping[str, Any]]],
    *,
    instructions: Sequence[str] = (),
) -> bytes:
    """Write the sheets of ``specs`` (a template when ``rows`` is empty) as XLSX bytes."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    header_format = book.add_format(
        {"bold": True, "bg_color": "#DDE6F0", "border": 1, "text_wrap": True, "valign": "top"}
    )
    if instructions:
        _write_instructions(book, specs, instructions)
    for spec in specs:
        sheet = book.add_worksheet(spec.name)
        for index, column in enumerate(spec.columns):
            cell_format = (
                book.add_format({"num_format": column.number_format})
                if column.number_format
                else None
            )
            sheet.set_column(index, index, column.width, cell_format)
            sheet.write(0, index, column.header, header_format)
            if column.help:
                sheet.write_comment(0, index, column.help)
            if column.choices:
                sheet.data_validation(
                    1, index, 10_000, index, {"validate": "list", "source": list(column.choices)}
                )
        sheet.freeze_panes(1, 0)
        for number, values in enumerate(rows.get(spec.name, ()), start=1):
            for index, column in enumerate(spec.columns):
                _write_cell(sheet, number, index, values.get(column.key))
    book.close()
    return buffer.getvalue()


def _write_cell(sheet: Any, row: int, col: int, value: object) -> None:
    if value is None or value == "":
        return
    if isinstance(value, bool):
        sheet.write_string(row, col, format_yes_no(value))
    elif isinstance(value, Decimal):
        sheet.write_number(row, col, float(value))
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value)
    elif isinstance(value, datetime.date):
        sheet.write_string(row, col, value.strftime("%d.%m.%Y"))
    else:
        sheet.write_string(row, col, str(value))


def _write_instructions(book: Any, specs: Sequence[SheetSpec], lines: Sequence[str]) -> None:
    sheet = book.add_worksheet("Інструкція")
    sheet.set_column(0, 0, 110)
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    bold = book.add_format({"bold": True})
    row = 0
    for line in lines:
        sheet.write(row, 0, line, wrap)
        row += 1
    for spec in specs:
        row += 1
        sheet.write(
            row, 0, f"Аркуш «{spec.name}»" + ("" if spec.required else " (необов'язковий)"), bold
        )
        if spec.description:
            row += 1
            sheet.write(row, 0, spec.description, wrap)
        for column in spec.columns:
            row += 1
            mark = " *" if column.required else ""
            sheet.write(
                row,
                0,
                f"• {column.header}{mark}" + (f" — {column.help}" if column.help else ""),
                wrap,
            )
    sheet.write(row + 2, 0, "* — обов'язковий стовпець.")


ERROR_REPORT = SheetSpec(
    name="Помилки",
    columns=(
        Column("sheet", "Аркуш", width=22),
        Column("row", "Рядок", width=8),
        Column("column", "Стовпець", width=10),
        Column("header", "Назва стовпця", width=26),
        Column("value", "Значення", width=24),
        Column("message", "Що не так", width=70),
    ),
)


def write_error_report(errors: Iterable[FileProblem]) -> bytes:
    return write_workbook([ERROR_REPORT], {ERROR_REPORT.name: [e.as_dict() for e in errors]})
