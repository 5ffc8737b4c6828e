"""XLSForm files written in tests from rows, so a test shows the form it reads."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

import openpyxl


def _sheet(book: openpyxl.Workbook, title: str, rows: Sequence[Mapping[str, object]]) -> None:
    sheet = book.create_sheet(title)
    header: list[str] = []
    for row in rows:
        header += [key for key in row if key not in header]
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(key) for key in header] if row else [])


def xlsform(
    survey: Sequence[Mapping[str, object]],
    choices: Sequence[Mapping[str, object]] = (),
    settings: dict[str, object] | None = None,
) -> bytes:
    """An XLSX XLSForm; an empty dict in ``survey`` is an empty row."""
    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    _sheet(book, "survey", survey)
    if choices:
        _sheet(book, "choices", choices)
    if settings:
        _sheet(book, "settings", [settings])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


YES_NO = [
    {"list_name": "yes_no", "name": "yes", "label": "Так"},
    {"list_name": "yes_no", "name": "no", "label": "Ні"},
]
