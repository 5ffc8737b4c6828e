"""Bulk import of people and their service episodes from a CSV or XLSX file, all rows or
none, with a report of every problem.

On PostgreSQL the import is set-based (``import_sql``, decision 0015): the rows are
COPYed into a staging table, checked with SQL and written with ``INSERT … SELECT``. What
follows is the Python path — SQLite's, and the reference the set-based one is tested
against (``tests/test_import_sql.py``).

The file is read twice, streaming. The first pass checks each row (``import_check``) and
decides where its episode goes (``import_plan``), keeping only compact keys. If nothing
is wrong, the second pass reads the file again and writes in batches inside one
transaction. Re-importing a file writes nothing new: each episode carries a hash of its
row (``source_key``), and a row whose person already has that episode is skipped.

Rows are written with ``bulk_create``, so django-auditlog does not record them one by
one; the access log gets one «changed» entry per person created or given episodes.
"""

from __future__ import annotations

import csv
import datetime
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.text import get_valid_filename

from turbota.accounts.permissions import AnyUser, roles
from turbota.core.text import ukrainian_sort_key
from turbota.people.enums import AccessAction
from turbota.people.import_check import Entry, Header, Lookups, read_header, read_row
from turbota.people.import_columns import SHEET
from turbota.people.import_plan import SKIP, EpisodePlan
from turbota.people.import_rows import Table, UnreadableFileError
from turbota.people.import_sql import Checked, check_and_write
from turbota.people.models import Person, PersonAccess, PersonIdentity, ServiceEpisode
from turbota.reports.xlsx import FileProblem, write_error_report
from turbota.territories.models import Territory

CHUNK_ROWS = 1000  # rows checked per round of queries
BATCH_ROWS = 500  # episodes written per round of inserts
REPORT_FOLDER = "import-reports"
CHECKING, WRITING = "checking", "writing"
Progress = Callable[[str, int], None]  # stage, rows done


def _no_progress(stage: str, rows: int) -> None:
    pass


_REPORT_HEADER = ("Рядок", "Стовпець", "Назва стовпця", "Значення", "Що не так")


@dataclass
class EpisodeImport:
    """What an import read and wrote, or why it wrote nothing."""

    rows: int = 0
    people_created: int = 0
    people_matched: int = 0
    episodes_created: int = 0
    episodes_skipped: int = 0
    problems: list[FileProblem] = field(default_factory=list)
    problem_count: int = 0
    report: Path | None = None
    written: bool = False

    @property
    def accepted(self) -> bool:
        return self.problem_count == 0


def import_episodes(
    *,
    source: IO[bytes],
    name: str,
    hromada: Territory,
    user: AnyUser,
    dry_run: bool = False,
    report_dir: Path | None = None,
    progress: Progress | None = None,
    mapping: Mapping[str, str] | None = None,
    set_based: bool | None = None,
) -> EpisodeImport:
    """Check the file ``name`` (open as ``source``) for ``hromada`` and, unless it has
    problems or this is a dry run, write its people and episodes. ``progress`` is told
    the stage ("checking" or "writing") and the rows done, every ``CHUNK_ROWS`` rows;
    ``mapping`` renames the file's own headers to the template's (a saved
    ``ColumnMapping``). ``set_based`` (default: on PostgreSQL) checks and writes with SQL
    over a staging table (``import_sql``) instead of row by row in Python; the problems
    and what is written are the same."""
    report = progress or _no_progress
    today = timezone.localdate()
    plan = EpisodePlan(hromada)
    table = None
    in_sql = connection.vendor == "postgresql" if set_based is None else set_based
    result: EpisodeImport | None = None
    via = f"import: {name}"
    try:
        table = Table(source, sheet=SHEET.name, skip_sheets=("Інструкція",))
        with transaction.atomic():
            if not dry_run:
                _one_import_at_a_time(hromada)
            lookups = Lookups(hromada)
            if in_sql:
                checked = check_and_write(
                    table=table,
                    lookups=lookups,
                    today=today,
                    progress=report,
                    mapping=mapping,
                    user=None if dry_run else user,
                    via=via,
                )
                result = _checked_result(checked, written=not dry_run)
            else:
                header = _check(table, lookups, plan, today, report, mapping)
                if header is not None and not plan.problem_count and not dry_run:
                    _write(table, header, lookups, plan, today, report, user=user, via=via)
    except UnreadableFileError as error:
        plan.fail(error.problem)
    except IntegrityError:
        plan.fail(
            FileProblem(
                message="реєстр змінився під час імпорту (наприклад, особу з тим самим РНОКПП "
                "щойно внесли), нічого не записано: повторіть імпорт"
            )
        )
    if result is None or plan.problem_count:
        result = _result(plan, written=not dry_run)
    if not result.accepted:
        kind = table.kind if table else ("xlsx" if name.lower().endswith(".xlsx") else "csv")
        folder = report_dir or Path(settings.MEDIA_ROOT) / REPORT_FOLDER
        result.report = write_report(result, folder=folder, name=name, kind=kind)
    return result


def _one_import_at_a_time(hromada: Territory) -> None:
    """Two imports of one hromada's files wait for each other (on PostgreSQL; SQLite has
    one writer anyway), so the second sees what the first wrote and skips it."""
    Territory.objects.select_for_update().filter(pk=hromada.pk).first()


def _result(plan: EpisodePlan, *, written: bool) -> EpisodeImport:
    problems = sorted(plan.problems, key=lambda p: p.row or 0)
    accepted = plan.problem_count == 0
    return EpisodeImport(
        rows=plan.rows,
        people_created=plan.new_people,
        people_matched=len(plan.matched),
        episodes_created=plan.episodes,
        episodes_skipped=plan.skipped,
        problems=problems,
        problem_count=plan.problem_count,
        written=written and accepted,
    )


def _checked_result(checked: Checked, *, written: bool) -> EpisodeImport:
    return EpisodeImport(
        rows=checked.rows,
        people_created=checked.new_people,
        people_matched=checked.matched,
        episodes_created=checked.episodes,
        episodes_skipped=checked.skipped,
        problems=checked.ordered(),
        problem_count=checked.problem_count,
        written=written and not checked.problem_count,
    )


def _check(
    table: Table,
    lookups: Lookups,
    plan: EpisodePlan,
    today: datetime.date,
    report: Progress,
    mapping: Mapping[str, str] | None,
) -> Header | None:
    """The first pass: every row checked, every episode's person and fate decided."""
    rows = table.rows()
    first = next(rows, None)
    if first is None:
        plan.fail(FileProblem(message="у файлі немає ні заголовка, ні рядків"))
        return None
    header, problems = read_header(first[1], sheet=table.sheet, mapping=mapping)
    if header is None:
        plan.fail(*problems)
        return None
    chunk: list[Entry | None] = []
    for number, cells in rows:
        entry, problems = read_row(number, cells, header=header, lookups=lookups, today=today)
        plan.fail(*problems)
        chunk.append(entry)
        if len(chunk) >= CHUNK_ROWS:
            plan.add_chunk(chunk)
            chunk = []
            report(CHECKING, plan.rows)
    plan.add_chunk(chunk)
    if not plan.rows:
        plan.fail(FileProblem(message="у файлі немає жодного рядка з даними", row=2))
    return header


def _write(
    table: Table,
    header: Header,
    lookups: Lookups,
    plan: EpisodePlan,
    today: datetime.date,
    report: Progress,
    *,
    user: AnyUser,
    via: str,
) -> None:
    """The second pass: the rows the first pass accepted, written in batches."""
    writer = _Writer(plan)
    rows = table.rows()
    next(rows)  # the header, read in the first pass
    for (number, cells), decision in zip(rows, plan.decisions, strict=True):
        if decision == SKIP:
            continue
        entry, _ = read_row(number, cells, header=header, lookups=lookups, today=today)
        if entry is None:
            raise RuntimeError("the file changed between the two passes")
        writer.add(entry, decision)
        if number % CHUNK_ROWS == 0:
            report(WRITING, number - 1)
    writer.flush()
    _log_changes(writer.touched, user=user, via=via)


class _Writer:
    """Collects people and episodes and inserts them a batch at a time."""

    def __init__(self, plan: EpisodePlan) -> None:
        self.hromada = plan.hromada
        self.person_ids = array("q", [0]) * plan.new_people  # the file's n-th person → id
        self.people: list[tuple[int, Person, PersonIdentity]] = []
        self.episodes: list[tuple[int, ServiceEpisode]] = []
        self.touched: set[int] = set()

    def add(self, entry: Entry, ref: int) -> None:
        if ref < 0 and not self.person_ids[-ref - 1]:
            self.person_ids[-ref - 1] = -1  # on its way
            self.people.append((-ref - 1, *_person(entry, self.hromada)))
        self.episodes.append((ref, _episode(entry)))
        if len(self.episodes) >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        if self.people:
            Person.objects.bulk_create([person for _, person, _ in self.people])
            for index, person, identity in self.people:
                identity.person = person
                self.person_ids[index] = person.pk
            PersonIdentity.objects.bulk_create([identity for *_, identity in self.people])
            self.people = []
        for ref, episode in self.episodes:
            episode.person_id = ref if ref > 0 else self.person_ids[-ref - 1]
            self.touched.add(episode.person_id)
        ServiceEpisode.objects.bulk_create([episode for _, episode in self.episodes])
        self.episodes = []


def _person(entry: Entry, hromada: Territory) -> tuple[Person, PersonIdentity]:
    person = Person(
        hromada=hromada,
        settlement_id=entry.settlement_id,
        sex=entry.sex,
        birth_year=entry.birth_date.year,
    )
    identity = PersonIdentity(
        last_name=entry.last_name,
        first_name=entry.first_name,
        patronymic=entry.patronymic,
        rnokpp=entry.rnokpp or None,
        document_type=entry.document_type,
        document_number=entry.document_number,
        birth_date=entry.birth_date,
    )
    identity.name_key = ukrainian_sort_key(identity.full_name)  # save() is not called
    return person, identity


def _episode(entry: Entry) -> ServiceEpisode:
    return ServiceEpisode(
        service_id=entry.service_id,
        provider_id=entry.provider_id,
        settlement_id=entry.settlement_id,
        start_date=entry.start_date,
        end_date=entry.end_date,
        payment_basis=entry.payment_basis,
        volume=entry.volume,
        volume_unit=entry.volume_unit,
        status=entry.status,
        source_key=entry.source_key,
    )


def _log_changes(person_ids: set[int], *, user: AnyUser, via: str) -> None:
    """One «changed» access entry per person, as ``actions.record_access`` writes it."""
    signed_in = user if user.is_authenticated else None
    username = user.get_username() if user.is_authenticated else ""
    role = ", ".join(sorted(roles(user)))
    entries = (
        PersonAccess(
            person_id=person_id,
            user=signed_in,
            username=username,
            role=role,
            action=AccessAction.CHANGED,
            via=via[:200],
        )
        for person_id in sorted(person_ids)
    )
    PersonAccess.objects.bulk_create(entries, batch_size=BATCH_ROWS)


def write_report(result: EpisodeImport, *, folder: Path, name: str, kind: str) -> Path:
    """The problems as a CSV or XLSX file in ``folder``; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = (get_valid_filename(Path(name).stem) or "import")[:100]  # a file name's limit
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    path = folder / f"{stem}-errors-{stamp}.{kind}"
    for copy in range(2, 1000):
        if not path.exists():
            break
        path = folder / f"{stem}-errors-{stamp}-{copy}.{kind}"
    problems = list(result.problems)
    if result.problem_count > len(problems):
        left = result.problem_count - len(problems)
        problems.append(
            FileProblem(message=f"і ще {left} помилок (показано перші {len(problems)})")
        )
    if kind == "xlsx":
        path.write_bytes(write_error_report(problems))
    else:
        with path.open("w", encoding="utf-8-sig", newline="") as target:
            csv.writer(target, delimiter=";").writerows(_report_rows(problems))
    return path


def _report_rows(problems: Sequence[FileProblem]) -> Iterator[Sequence[object]]:
    yield _REPORT_HEADER
    for p in problems:
        yield (p.row or "", p.column, p.header, p.value, p.message)
