"""The checks of an episode import as SQL over the staging table (PostgreSQL): the same
problems, with the same reasons, as ``import_check`` and ``import_plan`` find in Python.

Cells are read by ``import_sql_cells`` (rows it cannot vouch for are read by
``import_check.read_values``); the checks of a row on its own and the codes of the
hromada are one pass over ``import_rows``. Who each row's person is follows
``import_plan`` exactly only when every row has a РНОКПП and no row could be matched by
document or by name instead (no such document or name in the register, no document
shared by two РНОКПП): the person is then the РНОКПП, one set-based pass. Otherwise
``EpisodePlan`` itself decides, in Python, over the few columns it needs, read in order.
Either way the result is ``import_write`` (row → person: an id, or −n for the n-th new
person) for ``import_sql_write``.
"""

# ruff: noqa: S608 — the SQL is built from constants, column positions and ids, never from
# the file's text, which only ever travels as COPY data.

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.backends.utils import CursorWrapper

from turbota.accounts.permissions import AnyUser
from turbota.catalog.models import Service
from turbota.core.text import ukrainian_sort_key
from turbota.people.import_check import Header, Lookups, read_header, read_values
from turbota.people.import_plan import MAX_PROBLEMS
from turbota.people.import_rows import Table
from turbota.people.import_sql_cells import NATIVE_CASE_SQL, ROWS, day_text, rows_sql
from turbota.people.import_sql_plan import is_simple, plan_in_python, plan_in_sql
from turbota.people.import_stage import Staged, stage
from turbota.providers.models import ProvidedService, Provider
from turbota.reports.xlsx import FileProblem
from turbota.territories.models import Territory

# For the import's transaction only: its statements are few and each reads the whole file.
# JIT compilation, which the planner chooses from temporary tables it has no statistics
# of, cost 0.2–0.8 s a statement and saved less; with the default 4 MB, the sorts of the
# checks spill to disk (bench/episodes_import.py: 18.4 s instead of 21.9 s at 200,000
# rows). The memory is per sort or hash, and only a few run at once. The writes go back
# to the default: with more memory the counts of people served (``served.changes_of``)
# are planned as a hash of every person's years, slower than the sort (5 s → 7 s at
# 1,000,000 episodes).
TUNING = ("SET LOCAL jit = off", "SET LOCAL work_mem = '64MB'")
WRITE_TUNING = ("SET LOCAL work_mem TO DEFAULT",)
CHUNK_ROWS = 1000  # as imports.CHUNK_ROWS: problems are found, and kept, chunk by chunk
_COLUMNS = (
    "last_name, first_name, patronymic, rnokpp, document_type, document_number, birth_date, "
    "sex, settlement, service, provider, start_date, end_date, payment_basis, volume, "
    "volume_unit, status"
)
_BATCH = 5000  # rows read back to Python at a time
# Problem key: (chunk, phase, row or order, order); phase 0 — a row's own checks,
# 1 — who the person is, 2 — a repeated episode (import_plan finds them in that order).
Key = tuple[int, int, int, int]


@dataclass
class Checked:
    rows: int = 0
    new_people: int = 0
    matched: int = 0
    episodes: int = 0
    skipped: int = 0
    problems: list[tuple[Key, FileProblem]] = field(default_factory=list)
    problem_count: int = 0

    def add(self, key: Key, problem: FileProblem) -> None:
        """Count ``problem`` and keep it while it may be among the first ``MAX_PROBLEMS``."""
        self.problem_count += 1
        self.problems.append((key, problem))
        if len(self.problems) >= 4 * MAX_PROBLEMS:  # those past the first can only sink
            self.problems = sorted(self.problems, key=lambda item: item[0])[:MAX_PROBLEMS]

    def ordered(self) -> list[FileProblem]:
        """The first ``MAX_PROBLEMS`` as the Python path meets them, by row."""
        kept = sorted(self.problems, key=lambda item: item[0])[:MAX_PROBLEMS]
        return sorted((p for _, p in kept), key=lambda p: p.row or 0)


def source_key_sql(alias: str) -> str:
    """``Entry.source_key`` in SQL."""
    person = (
        f"CASE WHEN {alias}.rnokpp IS NOT NULL THEN 'rnokpp:' || {alias}.rnokpp "
        f"ELSE 'document:' || {alias}.document_type || ':' || {alias}.document_number END"
    )
    text = (
        f"{person} || '|' || {alias}.service || '|' || {alias}.provider_id || '|' || "
        f"to_char({alias}.start_date, 'YYYY-MM-DD')"
    )
    return f"encode(sha256(convert_to({text}, 'UTF8')), 'hex')"


def _sql(queryset: Any) -> str:
    """A queryset as SQL with its parameters inlined (ids and codes only)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        return str(cursor.mogrify(sql, params))


class SetBasedCheck:
    def __init__(
        self,
        cursor: CursorWrapper,
        *,
        header: Header,
        lookups: Lookups,
        staged: Staged,
        today: datetime.date,
    ) -> None:
        self.cursor = cursor
        self.header = header
        self.lookups = lookups
        self.staged = staged
        self.today = today
        self.hromada = lookups.hromada
        self.checked = Checked()
        # Rows read before the file became unreadable; the plan sees whole chunks only.
        self.limit = staged.rows if staged.problem is None else staged.rows // 1000 * 1000

    def run(self) -> Checked:
        self.checked.rows = self.limit
        # A server-side cursor is planned to give its first rows soon (a nested loop over
        # the staging table); these are read to the end.
        self.cursor.execute("SET LOCAL cursor_tuple_fraction = 1")
        self.cursor.execute(f"DROP TABLE IF EXISTS {ROWS}")
        self.cursor.execute(NATIVE_CASE_SQL)
        native = bool(self.cursor.fetchone()[0])
        self.cursor.execute(rows_sql(self.header, self.today, native=native))
        self._read_the_rest()
        self._coded()
        self._row_problems()
        if is_simple(self):
            plan_in_sql(self)
        else:
            plan_in_python(self)
        return self.checked

    def _execute(self, sql: str) -> None:
        self.cursor.execute(sql)

    # Cells SQL does not read

    def _read_the_rest(self) -> None:
        """Rows with a cell SQL does not read: read in Python, as the Python path does,
        a batch at a time (a server-side cursor), and added to ``import_rows``."""
        width = self.staged.width
        columns = ", ".join(f"r.c{index}" for index in range(width))
        self._execute(  # a join, not OR NOT EXISTS: that is a subquery per row
            f"""DROP TABLE IF EXISTS import_rest;
CREATE TEMP TABLE import_rest ON COMMIT DROP AS
SELECT r.n, coalesce(r.k, r.n - 2) AS k, {columns}
FROM import_raw r LEFT JOIN {ROWS} t ON t.n = r.n
WHERE r.python OR t.n IS NULL"""
        )
        with self.cursor.connection.cursor(name="import_rows_left_to_python") as rest:
            rest.execute("SELECT * FROM import_rest ORDER BY n")
            while batch := rest.fetchmany(_BATCH):
                self._read_in_python(batch)

    def _read_in_python(self, batch: list[Any]) -> None:
        read = []
        for number, k, *cells in batch:
            cells = self.staged.typed.get(number, cells)
            values, problems = read_values(number, cells, header=self.header, today=self.today)
            for order, problem in enumerate(problems):
                self.checked.add((k // CHUNK_ROWS, 0, number, order), problem)
            if values is not None:
                read.append((number, k, values))
        with self.cursor.copy(f"COPY {ROWS} (n, k, {_COLUMNS}, name_key) FROM STDIN") as copy:
            for number, k, values in read:
                names = (values["last_name"], values["first_name"], values["patronymic"])
                row = [values[key.strip()] for key in _COLUMNS.split(",")]
                key = ukrainian_sort_key(" ".join(name for name in names if name))
                copy.write_row((number, k, *row, key))

    # A row's own checks

    def _coded(self) -> None:
        settlements = _sql(
            Territory.objects.filter(hromada=self.hromada).settlements().values("code", "pk")
        )
        providers = _sql(
            Provider.objects.filter(hromada=self.hromada).values("pk", "registry_code")
        )
        offers = _sql(
            ProvidedService.objects.filter(provider__hromada=self.hromada).values(
                "provider_id", "service_id"
            )
        )
        services = f"SELECT code, id FROM {Service._meta.db_table}"
        self._execute(
            f"""DROP TABLE IF EXISTS import_coded;
CREATE TEMP TABLE import_coded ON COMMIT DROP AS
SELECT r.*, st.id AS settlement_id, sv.id AS service_id,
    coalesce(p1.id, p2.id) AS provider_id, o.provider_id IS NOT NULL AS offered
FROM {ROWS} r
LEFT JOIN ({settlements}) st (code, id) ON st.code = r.settlement
LEFT JOIN ({services}) sv (code, id) ON sv.code = r.service
LEFT JOIN ({providers}) p1 (id, registry_code) ON p1.registry_code = r.provider
LEFT JOIN ({providers}) p2 (id, registry_code)
    ON length(r.provider) < 8 AND p2.id = r.provider::bigint
LEFT JOIN ({offers}) o (provider_id, service_id)
    ON o.provider_id = coalesce(p1.id, p2.id) AND o.service_id = sv.id"""
        )

    def _row_problems(self) -> None:
        """``import_check._dates``, ``_identity``, ``_volume``, ``_codes``, in order."""
        today = f"DATE '{self.today:%Y-%m-%d}'"
        no_type_number = "c.document_type <> '' AND c.document_number = ''"
        checks = [
            ("birth_date", "c.birth_date < DATE '1900-01-01'",
             "'дата народження — не раніше 01.01.1900'", day_text("c.birth_date")),
            ("birth_date", f"c.birth_date > {today}",
             "'дата народження не може бути в майбутньому'", day_text("c.birth_date")),
            ("start_date", f"c.start_date > {today}",
             "'дата початку не може бути в майбутньому'", day_text("c.start_date")),
            ("start_date",
             f"c.start_date <= {today} AND c.start_date < c.birth_date "
             f"AND c.birth_date <= {today}",
             "'дата початку раніше за дату народження'", day_text("c.start_date")),
            ("end_date", "c.end_date < c.start_date",
             "'дата завершення раніше за дату початку'", day_text("c.end_date")),
            ("document_number", no_type_number, "'вкажіть серію і номер документа'",
             "c.document_number"),
            ("document_type", "c.document_number <> '' AND c.document_type = ''",
             "'вкажіть вид документа'", "c.document_type"),
            ("rnokpp",
             "c.rnokpp IS NULL AND c.document_number = '' AND c.document_type = ''",
             "'вкажіть РНОКПП або вид і номер документа'", "''"),
            ("volume_unit", "c.volume IS NOT NULL AND c.volume_unit = ''",
             "'вкажіть одиницю обсягу'", "c.volume_unit"),
            ("settlement", "c.settlement_id IS NULL", "'?settlement'", "c.settlement"),
            ("service", "c.service_id IS NULL",
             "'такого коду послуги немає в класифікаторі'", "c.service"),
            ("provider", "c.provider_id IS NULL", "'?provider'", "c.provider"),
            ("service",
             "c.service_id IS NOT NULL AND c.provider_id IS NOT NULL AND NOT c.offered",
             "'?offer:' || c.provider_id", "c.service"),
        ]  # fmt: skip
        any_bad = " OR ".join(f"coalesce({bad}, false)" for _, bad, _, _ in checks)
        values = ",\n".join(
            f"({order}, '{key}', {bad}, {message}, {value})"
            for order, (key, bad, message, value) in enumerate(checks)
        )
        self._execute(
            f"""DROP TABLE IF EXISTS import_problems;
CREATE TEMP TABLE import_problems ON COMMIT DROP AS
SELECT c.n, c.k, x.ordinal, x.key, x.message, x.value
FROM (SELECT * FROM import_coded c WHERE {any_bad} OFFSET 0) c
CROSS JOIN LATERAL (VALUES {values}) x (ordinal, key, bad, message, value)
WHERE x.bad"""
        )
        self._entries()
        self.cursor.execute(
            "SELECT n, k, ordinal, key, message, value FROM import_problems "
            f"ORDER BY k, ordinal LIMIT {MAX_PROBLEMS}"
        )
        found = self.cursor.fetchall()
        for number, k, order, key, message, value in found:
            problem = self.header.problem(number, key, self._message(message, value), value)
            self.checked.add((k // CHUNK_ROWS, 0, number, order), problem)
        if len(found) == MAX_PROBLEMS:  # the others are only counted
            self.cursor.execute("SELECT count(*) FROM import_problems")
            self.checked.problem_count += int(self.cursor.fetchone()[0]) - len(found)

    def _entries(self) -> None:
        """``import_entries``: the rows with no problem of their own, that the plan sees."""
        self.cursor.execute("DROP TABLE IF EXISTS import_entries")
        self.cursor.execute("SELECT EXISTS (SELECT FROM import_problems)")
        if not self.cursor.fetchone()[0] and self.limit == self.staged.rows:
            self.cursor.execute("ALTER TABLE import_coded RENAME TO import_entries")
            return
        self._execute(
            f"""CREATE TEMP TABLE import_entries ON COMMIT DROP AS
SELECT c.* FROM import_coded c
WHERE c.k < {self.limit} AND NOT EXISTS (SELECT FROM import_problems p WHERE p.n = c.n)"""
        )

    def _message(self, message: str, value: str) -> str:
        if message == "?settlement":
            return self.lookups.settlement_problem(value)
        if message == "?provider":
            return self.lookups.provider_problem(value)
        if message.startswith("?offer:"):
            name = self.lookups.provider_names[int(message.removeprefix("?offer:"))]
            return f"надавач «{name}» не надає цієї послуги (за реєстром надавачів)"
        return message


def check_and_write(
    *,
    table: Table,
    lookups: Lookups,
    today: datetime.date,
    progress: Callable[[str, int], None],
    mapping: Mapping[str, str] | None,
    user: AnyUser | None,
    via: str,
) -> Checked:
    """The set-based import of ``table``: checked, and written unless ``user`` is None
    (a dry run) or there is a problem. Problems are returned, nothing is raised for them."""
    from turbota.people.import_sql_write import write
    from turbota.people.imports import CHECKING, WRITING

    rows = table.rows()
    first = next(rows, None)
    del rows  # closes the reading (a generator); staging reads the file again
    checked = Checked()
    if first is None:
        checked.add(_LAST, FileProblem(message="у файлі немає ні заголовка, ні рядків"))
        return checked
    header, problems = read_header(first[1], sheet=table.sheet, mapping=mapping)
    if header is None:
        for problem in problems:
            checked.add(_LAST, problem)
        return checked
    with connection.cursor() as cursor:
        for setting in TUNING:
            cursor.execute(setting)
        staged = stage(cursor, table, header, first[1])
        progress(CHECKING, staged.rows)
        check = SetBasedCheck(cursor, header=header, lookups=lookups, staged=staged, today=today)
        checked = check.run()
        if staged.problem is not None:
            checked.add(_LAST, staged.problem)
        elif not checked.rows:
            checked.add(_LAST, FileProblem(message="у файлі немає жодного рядка з даними", row=2))
        progress(CHECKING, checked.rows)
        if user is not None and not checked.problem_count:
            for setting in WRITE_TUNING:
                cursor.execute(setting)
            progress(WRITING, 0)
            write(cursor, hromada=lookups.hromada, user=user, via=via)
            progress(WRITING, checked.rows)
    return checked


_LAST: Key = (1 << 62, 0, 0, 0)  # a problem of the whole file, met after the rows
