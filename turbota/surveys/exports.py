"""Export of a survey's responses, written as it is read so that a million of them never
sit in memory: CSV line by line (``StreamingHttpResponse``), XLSX by XlsxWriter in
constant-memory mode to a file — by a background job (``tasks``), since a million rows take
minutes before the file's first byte (``xlsx_file``, a temporary file, is what
``bench/survey_export.py`` measures).

The layout is KoboToolbox's "XML values and headers": one column per question (named as
in the form; a select-multiple answer is its choices separated by spaces), metadata
columns starting with "_", and — in XLSX — one sheet per repeat whose rows point to their
questionnaire by ``_parent_index``. The CSV keeps a repeat's entries as JSON in one column.
Such a file imports back (``submissions``).
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

import xlsxwriter

from turbota.surveys.models import FormVersion, Survey
from turbota.surveys.xlsform.definition import METADATA_TYPES

META = ["_id", "_uuid", "_index", "_version", "_channel", "_submitted_at", "_paper_number"]
CHUNK = 5000
XLSX_ROWS = 1_048_576
_RISKY = ("=", "+", "-", "@", "\t", "\r")  # spreadsheet formula starters


@dataclass
class Columns:
    questions: list[str] = field(default_factory=list)
    repeats: dict[str, list[str]] = field(default_factory=dict)
    texts: set[str] = field(default_factory=set)


def columns_of(survey: Survey) -> Columns:
    """Question columns over every version, the latest version's order first."""
    found = Columns()
    for version in FormVersion.objects.filter(survey=survey).order_by("-number"):
        for placed in version.form.placed():
            question = placed.question
            if not (question.is_answered or question.type in METADATA_TYPES):
                continue
            if question.type == "text":
                found.texts.add(question.name)
            if placed.repeat is None:
                if question.name not in found.questions:
                    found.questions.append(question.name)
                continue
            names = found.repeats.setdefault(placed.repeat.name, [])
            if question.name not in names:
                names.append(question.name)
    return found


def _text(value: Any, *, free_text: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(item) for item in value)
    text = str(value)
    if free_text and text.startswith(_RISKY):
        return "'" + text  # never a formula when the CSV is opened in a spreadsheet
    return text


def _rows(survey: Survey) -> Iterator[tuple[Any, ...]]:
    rows = survey.responses.order_by("pk").values_list(
        "pk",
        "submission_uuid",
        "version__number",
        "channel",
        "submitted_at",
        "paper_number",
        "answers",
    )
    yield from rows.iterator(chunk_size=CHUNK)


def _meta(row: tuple[Any, ...], index: int) -> list[Any]:
    pk, uuid, version, channel, submitted, paper, _answers = row
    return [pk, uuid, index, version, channel, submitted.isoformat(timespec="seconds"), paper]


class _Echo:
    """A file that hands back what is written, for ``csv.writer`` to make lines."""

    def write(self, value: str) -> str:
        return value


def csv_lines(survey: Survey) -> Iterator[bytes]:
    """The CSV export, line by line (UTF-8 with a BOM so that Excel reads it)."""
    columns = columns_of(survey)
    writer = csv.writer(_Echo())
    yield ("\ufeff" + writer.writerow(META + columns.questions + list(columns.repeats))).encode()
    for index, row in enumerate(_rows(survey), start=1):
        answers = row[-1]
        values = [
            _text(answers.get(name), free_text=name in columns.texts) for name in columns.questions
        ]
        repeats = [
            json.dumps(answers[name], ensure_ascii=False) if answers.get(name) else ""
            for name in columns.repeats
        ]
        yield writer.writerow([*_meta(row, index), *values, *repeats]).encode()


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(item) for item in value)
    return value


class _Sheets:
    """A sheet that continues on a new one when it reaches Excel's row limit."""

    def __init__(self, book: Any, name: str, header: list[str]) -> None:
        self.book, self.name, self.header = book, name[:28], header
        self.part, self.row = 0, XLSX_ROWS
        self.sheet: Any = None

    def write(self, values: list[Any]) -> None:
        if self.row >= XLSX_ROWS:
            self.part += 1
            title = self.name if self.part == 1 else f"{self.name} {self.part}"
            self.sheet = self.book.add_worksheet(title[:31])
            self.sheet.write_row(0, 0, self.header)
            self.row = 1
        self.sheet.write_row(self.row, 0, values)
        self.row += 1


def write_xlsx(
    survey: Survey, target: str | IO[bytes], progress: Callable[[int], None] | None = None
) -> int:
    """Write the XLSX export to ``target``; ``progress`` hears the rows written every
    ``CHUNK`` rows. Returns how many responses were written."""
    columns = columns_of(survey)
    written = 0
    options = {
        "constant_memory": True,
        "strings_to_numbers": False,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "tmpdir": tempfile.gettempdir(),
    }
    with xlsxwriter.Workbook(target, options) as book:
        main = _Sheets(book, "Відповіді", META + columns.questions)
        repeats = {
            name: _Sheets(book, name, [*names, "_index", "_parent_index"])
            for name, names in columns.repeats.items()
        }
        counters = dict.fromkeys(columns.repeats, 0)
        for index, row in enumerate(_rows(survey), start=1):
            answers = row[-1]
            main.write([*_meta(row, index), *(_cell(answers.get(n)) for n in columns.questions)])
            for name, names in columns.repeats.items():
                for entry in answers.get(name) or []:
                    counters[name] += 1
                    values = [_cell(entry.get(n)) for n in names]
                    repeats[name].write([*values, counters[name], index])
            written = index
            if progress is not None and index % CHUNK == 0:
                progress(index)
    return written


def xlsx_file(survey: Survey) -> IO[bytes]:
    """The XLSX export in an open temporary file, already unlinked: it disappears when
    the response that streams it closes it."""
    handle, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    try:
        write_xlsx(survey, path)
        stream = open(path, "rb")  # noqa: SIM115 (closed by the response)
    finally:
        os.unlink(path)
    return stream
