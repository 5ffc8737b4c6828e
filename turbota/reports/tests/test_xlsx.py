from __future__ import annotations

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from turbota.reports.xlsx import (
    CellValueError,
    Column,
    FileProblem,
    SheetSpec,
    parse_count,
    parse_date,
    parse_decimal,
    parse_year,
    parse_yes_no,
    read_workbook,
    write_error_report,
    write_workbook,
)

PEOPLE = SheetSpec(
    name="Люди",
    columns=(
        Column("year", "Рік", parse_year, required=True),
        Column("women", "Жінки", parse_count, required=True),
        Column("men", "Чоловіки", parse_count, required=True),
        Column("note", "Примітка"),
    ),
)
EXTRA = SheetSpec(
    name="Додатково", columns=(Column("flag", "Так/ні", parse_yes_no),), required=False
)


def _book(rows_by_sheet: dict[str, list[list[object]]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.worksheets[0])
    for name, rows in rows_by_sheet.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("raw", "expected"), [(5, 5), (5.0, 5), ("12", 12), (" 1 234 ", 1234), ("0", 0)]
)
def test_count_accepts_whole_numbers_written_any_usual_way(raw: object, expected: int) -> None:
    assert parse_count(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [(-3, "від'ємною"), ("2,5", "ціле"), (2.5, "дробове"), ("багато", "ціле"), (True, "ціле")],
)
def test_count_rejects_what_is_not_a_whole_non_negative_number(raw: object, message: str) -> None:
    with pytest.raises(CellValueError, match=message):
        parse_count(raw)


def test_decimal_takes_a_comma_as_the_decimal_separator() -> None:
    assert parse_decimal("149,8") == Decimal("149.8")


def test_year_outside_the_plausible_range_is_refused() -> None:
    with pytest.raises(CellValueError, match="1991"):
        parse_year(1899)


def test_dates_are_read_in_ukrainian_and_iso_form() -> None:
    assert parse_date("01.06.2020") == datetime.date(2020, 6, 1)
    assert parse_date("2020-06-01") == datetime.date(2020, 6, 1)
    excel_cell = datetime.datetime(2020, 6, 1, 10, 0)  # noqa: DTZ001 (Excel cells are naive)
    assert parse_date(excel_cell) == datetime.date(2020, 6, 1)


@pytest.mark.parametrize(("raw", "expected"), [("так", True), ("Ні", False), ("", False)])
def test_yes_no_is_read_in_ukrainian(raw: str, expected: bool) -> None:
    assert parse_yes_no(raw) is expected


def test_written_workbook_reads_back_to_the_same_values() -> None:
    rows = [{"year": 2021, "women": 8522, "men": 5448, "note": "таблиця 1"}]
    content = write_workbook([PEOPLE], {PEOPLE.name: rows}, instructions=["Заповніть аркуш."])
    book = read_workbook(content, [PEOPLE])
    assert book.errors == []
    assert [row.values for row in book.sheet_rows(PEOPLE)] == rows


def test_each_bad_cell_is_reported_with_sheet_row_column_and_value() -> None:
    content = _book({"Люди": [["Рік", "Жінки", "Чоловіки"], [2021, 10, -1], [2021, "десять", 3]]})
    book = read_workbook(content, [PEOPLE])
    assert [str(error) for error in book.errors] == [
        "Аркуш «Люди», рядок 2, стовпець C («Чоловіки»): кількість не може бути від'ємною "
        "(значення: «-1»)",
        "Аркуш «Люди», рядок 3, стовпець B («Жінки»): очікується ціле число (значення: «десять»)",
    ]


def test_columns_are_found_by_header_whatever_their_order() -> None:
    content = _book({"Люди": [["Чоловіки", "Рік", "Жінки"], [3, 2020, 4]]})
    book = read_workbook(content, [PEOPLE])
    assert book.sheet_rows(PEOPLE)[0].values == {"year": 2020, "women": 4, "men": 3, "note": None}


def test_a_missing_required_column_is_reported_once_for_the_sheet() -> None:
    content = _book({"Люди": [["Рік", "Жінки"], [2021, 1]]})
    book = read_workbook(content, [PEOPLE])
    assert [str(e) for e in book.errors] == [
        "Аркуш «Люди», рядок 1: у першому рядку немає обов'язкових стовпців: «Чоловіки»"
    ]


def test_a_missing_required_sheet_is_an_error_and_an_optional_one_is_not() -> None:
    book = read_workbook(_book({"Інше": [["x"]]}), [PEOPLE, EXTRA])
    assert [str(e) for e in book.errors] == ["у файлі немає аркуша «Люди»"]


def test_blank_rows_are_skipped_and_row_numbers_stay_those_of_the_sheet() -> None:
    content = _book({"Люди": [["Рік", "Жінки", "Чоловіки"], [None, None, None], [2021, 1, "x"]]})
    book = read_workbook(content, [PEOPLE])
    assert book.errors[0].row == 3


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "файл порожній"),
        (b"this is not a spreadsheet", "файл пошкоджений або не є книгою Excel (.xlsx)"),
    ],
)
def test_empty_and_corrupt_files_come_back_as_one_readable_error(
    content: bytes, message: str
) -> None:
    book = read_workbook(content, [PEOPLE])
    assert [error.message for error in book.errors] == [message]


def test_a_truncated_workbook_is_reported_not_raised() -> None:
    content = write_workbook([PEOPLE], {PEOPLE.name: [{"year": 2021, "women": 1, "men": 2}]})
    book = read_workbook(content[: len(content) // 2], [PEOPLE])
    assert len(book.errors) == 1
    assert "пошкоджений" in book.errors[0].message


def test_error_report_lists_each_problem_as_a_row() -> None:
    problems = [FileProblem(message="погано", sheet="Люди", row=3, column="B", header="Жінки")]
    sheet = openpyxl.load_workbook(io.BytesIO(write_error_report(problems))).active
    assert sheet is not None
    assert [cell.value for cell in sheet[2]] == ["Люди", 3, "B", "Жінки", None, "погано"]
