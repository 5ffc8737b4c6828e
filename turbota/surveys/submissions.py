"""Import of submissions exported from KoboToolbox or ODK (XLSX or CSV) for a version of
a survey's form: all rows or none, every rejected row reported with its line and reason,
and a second import of the same file changes nothing (a submission is known by its
``_uuid`` / ``meta/instanceID``).

Columns are found by question name, alone or with its groups ("group/name" as
KoboToolbox writes it, "group-name" as ODK Central does); values are the form's choice
names ("XML values", not labels). In XLSX, a repeat's entries come from the sheet named
after it, tied to their submission by ``_parent_index``; a CSV has no repeats.
Each row is checked exactly as a web questionnaire is (``xlsform.answers``).
"""

from __future__ import annotations

import csv
import datetime
import io
import uuid
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import openpyxl
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from turbota.accounts.permissions import AnyUser
from turbota.reports.xlsx import FileProblem
from turbota.surveys.enums import ResponseChannel
from turbota.surveys.models import FormVersion, Response, SubmissionImport, Survey
from turbota.surveys.xlsform.answers import check_answers
from turbota.surveys.xlsform.definition import METADATA_TYPES, FormDefinition, Placed

UUID_COLUMNS = ("_uuid", "meta/instanceID", "meta-instanceID", "instanceID", "KEY")
TIME_COLUMNS = ("_submission_time", "SubmissionDate", "end")
MAX_ROWS = 200_000
BATCH = 1000


class UnreadableFileError(ValueError):
    """The upload is not a table this import reads; the message says why."""


@dataclass
class Table:
    name: str
    header: list[str]
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)

    def letter(self, header: str) -> str:
        return get_column_letter(self.header.index(header) + 1) if header in self.header else ""


def _clean(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _sheet_table(sheet: Any) -> Table:
    rows = sheet.iter_rows(values_only=True)
    header = [str(cell).strip() if cell is not None else "" for cell in next(rows, ())]
    table = Table(sheet.title, header)
    for line, values in enumerate(rows, start=2):
        row = {
            h: _clean(v) for h, v in zip(header, values, strict=False) if h and v not in (None, "")
        }
        if row:
            table.rows.append((line, row))
        if len(table.rows) > MAX_ROWS:
            raise UnreadableFileError(f"У файлі понад {MAX_ROWS} рядків; розділіть його.")
    return table


def _read_xlsx(content: bytes) -> list[Table]:
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise UnreadableFileError("Файл пошкоджений або не є книгою Excel (.xlsx).") from None
    try:
        return [_sheet_table(sheet) for sheet in book.worksheets]
    finally:
        book.close()


def _read_csv(content: bytes) -> list[Table]:
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnreadableFileError("Не вдалося прочитати текст файлу (очікується UTF-8).")
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [cell.strip() for cell in next(reader, [])]
    table = Table("CSV", header)
    for values in reader:
        row = {h: v.strip() for h, v in zip(header, values, strict=False) if h and v.strip()}
        if row:
            table.rows.append((reader.line_num, row))
        if len(table.rows) > MAX_ROWS:
            raise UnreadableFileError(f"У файлі понад {MAX_ROWS} рядків; розділіть його.")
    return [table]


def read_tables(content: bytes, file_name: str) -> list[Table]:
    """The file's tables (the first is the submissions), or ``UnreadableFileError``."""
    if not content.strip():
        raise UnreadableFileError("Файл порожній.")
    tables = _read_xlsx(content) if content[:2] == b"PK" else _read_csv(content)
    if not tables or not tables[0].header:
        raise UnreadableFileError("У файлі немає рядка заголовків.")
    return tables


def _paths(placed: Placed) -> set[str]:
    names = [group.name for group in placed.groups] + [placed.question.name]
    inner = names
    if placed.repeat is not None:
        inner = names[names.index(placed.repeat.name) + 1 :]
    return {
        placed.question.name,
        "/".join(names),
        "-".join(names),
        "/".join(inner),
        "-".join(inner),
    }


def _columns(placed: list[Placed], header: Sequence[str]) -> dict[str, str]:
    """Question name → the header of its column."""
    found: dict[str, str] = {}
    for item in placed:
        paths = _paths(item)
        match = next((h for h in header if h in paths), None)
        if match is not None:
            found[item.question.name] = match
    return found


def _submission_id(row: dict[str, Any]) -> str:
    value = next((str(row[c]) for c in UUID_COLUMNS if row.get(c)), "")
    return value.removeprefix("uuid:").strip()[:64]


def _submitted_at(row: dict[str, Any]) -> datetime.datetime:
    for column in TIME_COLUMNS:
        value = row.get(column)
        if isinstance(value, datetime.datetime):
            moment: datetime.datetime | None = value
        else:
            moment = parse_datetime(str(value)) if value else None
        if moment is not None:
            return (
                moment if timezone.is_aware(moment) else timezone.make_aware(moment, datetime.UTC)
            )
    return timezone.now()


@dataclass(frozen=True)
class PlannedRow:
    submission_uuid: str
    answers: dict[str, Any]
    submitted_at: datetime.datetime


@dataclass
class SubmissionPlan:
    rows: list[PlannedRow] = field(default_factory=list)
    skipped: int = 0
    problems: list[FileProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class _Planner:
    def __init__(self, survey: Survey, form: FormDefinition, tables: list[Table]) -> None:
        self.survey = survey
        self.form = form
        self.main = tables[0]
        self.placed = list(form.placed())
        top = [p for p in self.placed if p.repeat is None]
        self.columns = _columns(top, self.main.header)
        self.repeat_tables = {
            repeat.name: next((t for t in tables[1:] if t.name == repeat.name[:31]), None)
            for repeat in form.repeats()
        }
        self.plan = SubmissionPlan()

    def notes(self) -> None:
        wanted = [p.question for p in self.placed if p.repeat is None and p.question.is_answered]
        missing = [q.name for q in wanted if q.name not in self.columns]
        if missing:
            self.plan.notes.append("У файлі немає стовпців питань: " + ", ".join(missing) + ".")
        for name, table in self.repeat_tables.items():
            if table is None:
                self.plan.notes.append(f"Записів повтору «{name}» у файлі немає.")

    def entries(self) -> dict[str, dict[str, list[tuple[int, dict[str, Any]]]]]:
        """Repeat → the _index of a submission → its entries (line, row)."""
        found: dict[str, dict[str, list[tuple[int, dict[str, Any]]]]] = {}
        for name, table in self.repeat_tables.items():
            grouped: dict[str, list[tuple[int, dict[str, Any]]]] = {}
            for line, row in table.rows if table else []:
                grouped.setdefault(_key(row.get("_parent_index")), []).append((line, row))
            found[name] = grouped
        return found

    def raw(self, row: dict[str, Any], index: str, entries: dict[str, Any]) -> dict[str, Any]:
        raw = {name: row.get(header) for name, header in self.columns.items()}
        for repeat in self.form.repeats():
            table = self.repeat_tables[repeat.name]
            listed = entries[repeat.name].get(index, [])
            inner = [p for p in self.placed if p.repeat is repeat]
            columns = _columns(inner, table.header) if table else {}
            raw[repeat.name] = [
                {name: entry.get(header) for name, header in columns.items()}
                for _line, entry in listed
            ]
        return raw

    def metadata(self, row: dict[str, Any]) -> dict[str, Any]:
        return {kind: row.get(kind) for kind in METADATA_TYPES if row.get(kind) is not None}


def _key(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value)


def plan_submissions(
    *, survey: Survey, version: FormVersion, content: bytes, file_name: str
) -> SubmissionPlan:
    try:
        tables = read_tables(content, file_name)
    except UnreadableFileError as error:
        return SubmissionPlan(problems=[FileProblem(message=str(error))])
    planner = _Planner(survey, version.form, tables)
    planner.notes()
    entries = planner.entries()
    seen: set[str] = set()
    known = _known_ids(survey, [_submission_id(row) for _line, row in planner.main.rows])
    for position, (line, row) in enumerate(planner.main.rows, start=1):
        _plan_row(planner, line, row, str(position), entries, seen, known)
    return planner.plan


def _known_ids(survey: Survey, ids: list[str]) -> set[str]:
    found: set[str] = set()
    wanted = [value for value in ids if value]
    for start in range(0, len(wanted), BATCH):
        found |= set(
            Response.objects.filter(
                survey=survey, submission_uuid__in=wanted[start : start + BATCH]
            ).values_list("submission_uuid", flat=True)
        )
    return found


def _plan_row(
    planner: _Planner,
    line: int,
    row: dict[str, Any],
    position: str,
    entries: dict[str, Any],
    seen: set[str],
    known: set[str],
) -> None:
    plan, table = planner.plan, planner.main
    submission = _submission_id(row)
    if not submission:
        plan.problems.append(
            FileProblem(
                message="немає ідентифікатора подання (_uuid або meta/instanceID)",
                sheet=table.name,
                row=line,
            )
        )
        return
    if submission in seen:
        plan.problems.append(
            FileProblem(message="це подання вже є вище у файлі", sheet=table.name, row=line)
        )
        return
    seen.add(submission)
    if submission in known:
        plan.skipped += 1
        return
    index = _key(row.get("_index")) or position
    checked = check_answers(
        planner.form,
        planner.raw(row, index, entries),
        today=timezone.localdate(),
        metadata=planner.metadata(row),
    )
    for error in checked.errors:
        plan.problems.append(
            _problem(planner, line, row, index, entries, error.field, error.message)
        )
    if checked.is_valid:
        plan.rows.append(PlannedRow(submission, checked.answers, _submitted_at(row)))


def _problem(
    planner: _Planner,
    line: int,
    row: dict[str, Any],
    index: str,
    entries: dict[str, Any],
    field_key: str,
    message: str,
) -> FileProblem:
    repeat, _sep, rest = field_key.partition(":")
    if rest:  # inside a repeat: the line of that entry on the repeat's sheet
        position, _sep, name = rest.partition(":")
        entry_line, entry = entries[repeat][index][int(position)]
        table = planner.repeat_tables[repeat]
        assert table is not None
        header = _columns([p for p in planner.placed if p.question.name == name], table.header)
        column = header.get(name, name)
        return FileProblem(
            message=message,
            sheet=table.name,
            row=entry_line,
            column=table.letter(column),
            header=column,
            value=str(entry.get(column) or ""),
        )
    column = planner.columns.get(field_key, field_key)
    return FileProblem(
        message=message,
        sheet=planner.main.name,
        row=line,
        column=planner.main.letter(column),
        header=column,
        value=str(row.get(column) or ""),
    )


def import_submissions(
    *,
    survey: Survey,
    version: FormVersion,
    content: bytes,
    file_name: str,
    by: AnyUser,
    dry_run: bool = False,
) -> SubmissionImport:
    """Check the file and, unless ``dry_run`` or a row is rejected, write every new
    submission. The record of the import is kept (unless ``dry_run``)."""
    plan = plan_submissions(survey=survey, version=version, content=content, file_name=file_name)
    record = SubmissionImport(
        survey=survey,
        version=version,
        file_name=file_name[:255],
        imported_by=by if by.is_authenticated else None,
        dry_run=dry_run,
        skipped=plan.skipped,
        problems=[problem.as_dict() for problem in plan.problems],
        notes=plan.notes,
    )
    if dry_run:
        record.created = 0 if plan.problems else len(plan.rows)
        return record
    with transaction.atomic():
        if not plan.problems:
            Response.objects.bulk_create(_responses(survey, version, plan.rows), batch_size=BATCH)
            record.created = len(plan.rows)
        record.save()
    return record


def _responses(survey: Survey, version: FormVersion, rows: list[PlannedRow]) -> Iterator[Response]:
    for row in rows:
        yield Response(
            survey=survey,
            version=version,
            channel=ResponseChannel.IMPORT,
            submission_uuid=row.submission_uuid or str(uuid.uuid4()),
            answers=row.answers,
            submitted_at=row.submitted_at,
        )
