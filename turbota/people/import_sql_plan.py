"""Who each row's person is, whether its episode repeats another or is already in the
register — ``import_plan``'s decisions over ``import_entries`` (the rows with no problem
of their own), written to ``import_write`` (row → person id, or −n: the n-th new person).

In SQL when every row has a РНОКПП and nothing could match a row by document or by name
instead; then ``EpisodePlan``'s order of finding does not matter and the person is the
РНОКПП. Otherwise ``EpisodePlan`` decides, in Python, chunk by chunk, as in the Python
path, over the rows read back in order.
"""

# ruff: noqa: S608 — the SQL is built from constants, column positions and ids, never from
# the file's text, which only ever travels as COPY data.

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from turbota.people.import_check import Entry
from turbota.people.import_plan import MAX_PROBLEMS, SKIP, EpisodePlan
from turbota.people.import_sql_cells import day_text
from turbota.people.models import Person, PersonIdentity, ServiceEpisode
from turbota.reports.xlsx import FileProblem

if TYPE_CHECKING:
    from turbota.people.import_sql import SetBasedCheck

_IDENTITY = PersonIdentity._meta.db_table
_PERSON = Person._meta.db_table
_EPISODE = ServiceEpisode._meta.db_table
_ENTRY_FIELDS = (
    "last_name, first_name, patronymic, rnokpp, document_type, document_number, birth_date, "
    "sex, settlement, service, provider, start_date, end_date, payment_basis, volume, "
    "volume_unit, status, settlement_id, service_id, provider_id"
)


def is_simple(check: SetBasedCheck) -> bool:
    """Every row has a РНОКПП; a row whose РНОКПП the register lacks names no document of
    the hromada's register nor a name and birth date of someone there without one; and no
    document goes with two РНОКПП in the file."""
    hromada = check.hromada.pk
    unknown = f"NOT EXISTS (SELECT FROM {_IDENTITY} g WHERE g.rnokpp = e.rnokpp)"
    check.cursor.execute(
        f"""SELECT
    EXISTS (SELECT FROM import_entries WHERE rnokpp IS NULL)
    OR EXISTS (
        SELECT FROM import_entries e
        JOIN {_IDENTITY} i ON i.document_type = e.document_type
            AND i.document_number = e.document_number
        JOIN {_PERSON} p ON p.id = i.person_id AND p.hromada_id = {hromada}
        WHERE e.document_number <> '' AND {unknown})
    OR EXISTS (
        SELECT FROM import_entries e
        JOIN {_IDENTITY} i ON i.name_key = e.name_key AND i.birth_date = e.birth_date
            AND coalesce(i.rnokpp, '') = ''
        JOIN {_PERSON} p ON p.id = i.person_id AND p.hromada_id = {hromada}
        WHERE {unknown})
    OR EXISTS (
        SELECT FROM import_entries WHERE document_number <> ''
        GROUP BY document_type, document_number HAVING count(DISTINCT rnokpp) > 1)"""
    )
    return not check.cursor.fetchone()[0]


def _decided_sql(check: SetBasedCheck) -> str:
    from turbota.people.import_sql import source_key_sql

    hromada = check.hromada.pk
    return f"""DROP TABLE IF EXISTS import_decided;
CREATE TEMP TABLE import_decided ON COMMIT DROP AS
WITH reg AS (
    SELECT i.rnokpp, i.person_id, p.hromada_id, i.birth_date
    FROM {_IDENTITY} i JOIN {_PERSON} p ON p.id = i.person_id
    WHERE i.rnokpp IN (SELECT rnokpp FROM import_entries)
),
found AS (  -- only the columns used below: the sorts that follow carry every one
    SELECT e.n, e.k, e.rnokpp, e.document_type, e.document_number, e.last_name, e.name_key,
        e.birth_date, e.sex, e.service, e.service_id, e.provider_id, e.start_date,
        reg.person_id AS reg_person,
        CASE WHEN reg.person_id IS NULL THEN 0 WHEN reg.hromada_id <> {hromada} THEN 1
            WHEN reg.birth_date <> e.birth_date THEN 2 ELSE 0 END AS find_problem
    FROM import_entries e LEFT JOIN reg USING (rnokpp)
),
firsts AS (
    SELECT DISTINCT ON (rnokpp) rnokpp, n AS first_n, name_key AS first_name_key,
        birth_date AS first_birth, sex AS first_sex, reg_person
    FROM found WHERE find_problem = 0 ORDER BY rnokpp, n
),
refs AS (
    SELECT f.*, CASE WHEN reg_person IS NOT NULL THEN reg_person
        ELSE -row_number() OVER (PARTITION BY reg_person IS NULL ORDER BY first_n) END AS ref
    FROM firsts f
),
same AS (
    SELECT found.*, refs.ref, refs.first_n,
        CASE WHEN found.find_problem <> 0 THEN NULL
            WHEN found.name_key <> refs.first_name_key THEN 'last_name'
            WHEN found.birth_date <> refs.first_birth THEN 'birth_date'
            WHEN found.sex <> refs.first_sex THEN 'sex' END AS same_problem
    FROM found LEFT JOIN refs USING (rnokpp)
),
decided AS (
    SELECT same.*, min(n) OVER (
        PARTITION BY ref, service_id, provider_id, start_date,
            find_problem = 0 AND same_problem IS NULL) AS dup_first
    FROM same
)
SELECT n, k, ref, find_problem, same_problem, first_n, dup_first, rnokpp, last_name,
    birth_date, sex, start_date,
    find_problem = 0 AND same_problem IS NULL AND dup_first = n AND ref > 0 AND EXISTS (
        SELECT FROM {_EPISODE} s WHERE s.person_id = d.ref AND (
            s.source_key = {source_key_sql("d")} OR (s.service_id = d.service_id
            AND s.provider_id = d.provider_id AND s.start_date = d.start_date))
    ) AS existing
FROM decided d"""


_PASSING = "find_problem = 0 AND same_problem IS NULL"


def _plan_problems_sql() -> str:
    same_value = (
        f"CASE same_problem WHEN 'last_name' THEN last_name "
        f"WHEN 'birth_date' THEN {day_text('birth_date')} ELSE sex END"
    )
    return f"""SELECT n, k, 1 AS phase,
    CASE find_problem WHEN 1 THEN 'rnokpp' WHEN 2 THEN 'birth_date' ELSE same_problem END,
    CASE find_problem WHEN 1 THEN 'цей РНОКПП у реєстрі належить іншій особі: перевірте його'
        WHEN 2 THEN 'не збігається з датою народження особи з цим РНОКПП в реєстрі'
        ELSE 'не збігається з даними тієї ж особи в рядку ' || first_n END,
    CASE find_problem WHEN 1 THEN rnokpp WHEN 2 THEN {day_text("birth_date")}
        ELSE {same_value} END
FROM import_decided WHERE find_problem <> 0 OR same_problem IS NOT NULL
UNION ALL
SELECT n, k, 2, 'start_date',
    'цей епізод (особа, послуга, надавач, дата початку) уже є в рядку ' || dup_first,
    {day_text("start_date")}
FROM import_decided WHERE {_PASSING} AND dup_first < n"""


def plan_in_sql(check: SetBasedCheck) -> None:
    cursor = check.cursor
    cursor.execute(_decided_sql(check))
    cursor.execute(
        f"""DROP TABLE IF EXISTS import_write;
CREATE TEMP TABLE import_write ON COMMIT DROP AS
SELECT n, ref FROM import_decided WHERE {_PASSING} AND dup_first = n AND NOT existing"""
    )
    cursor.execute(
        f"""SELECT
    (SELECT count(DISTINCT ref) FROM import_decided WHERE {_PASSING} AND ref < 0),
    (SELECT count(DISTINCT ref) FROM import_decided WHERE {_PASSING} AND ref > 0),
    (SELECT count(*) FROM import_write),
    (SELECT count(*) FROM import_decided WHERE existing)"""
    )
    new, matched, episodes, skipped = cursor.fetchone()
    checked = check.checked
    checked.new_people, checked.matched = int(new), int(matched)
    checked.episodes, checked.skipped = int(episodes), int(skipped)
    problems = _plan_problems_sql()
    cursor.execute(
        f"SELECT * FROM ({problems}) p (n, k, phase, key, message, value) "
        f"ORDER BY k / 1000, phase, n LIMIT {MAX_PROBLEMS}"
    )
    found = cursor.fetchall()
    for number, k, phase, key, message, value in found:
        problem = check.header.problem(number, key, message, value)
        checked.add((k // 1000, phase, number, 0), problem)
    if len(found) == MAX_PROBLEMS:
        cursor.execute(f"SELECT count(*) FROM ({problems}) problems")
        checked.problem_count += int(cursor.fetchone()[0]) - len(found)


def _entries(check: SetBasedCheck) -> Iterator[tuple[int, Entry | None]]:
    """Every row the plan sees, in order: an ``Entry``, or None for a row with problems."""
    columns = ", ".join(f"e.{name.strip()}" for name in _ENTRY_FIELDS.split(","))
    sql = (
        f"SELECT r.n, e.n IS NOT NULL, {columns} FROM import_raw r "
        f"LEFT JOIN import_entries e ON e.n = r.n "
        f"WHERE coalesce(r.k, r.n - 2) < {check.limit} ORDER BY r.n"
    )
    names = [name.strip() for name in _ENTRY_FIELDS.split(",")]
    check.cursor.execute("ANALYZE import_raw; ANALYZE import_entries")  # for a hash join
    raw = check.cursor.connection  # a server-side cursor: the rows are read a batch at a time
    with raw.cursor(name="import_entries_in_order") as rows:
        rows.itersize = 5000
        rows.execute(sql)
        for number, is_entry, *values in rows:
            if not is_entry:
                yield number, None
                continue
            fields: dict[str, Any] = dict(zip(names, values, strict=True))
            fields["rnokpp"] = fields["rnokpp"] or None
            yield number, Entry(number=number, header=check.header, **fields)


class _Plan(EpisodePlan):
    """``EpisodePlan`` that keeps its problems with the chunk they were found in."""

    chunk = 0
    found: list[tuple[tuple[int, int, int, int], FileProblem]]

    def fail(self, *problems: FileProblem) -> None:
        for problem in problems:
            self.problem_count += 1
            if len(self.found) < MAX_PROBLEMS:
                self.found.append(((self.chunk, 1, len(self.found), 0), problem))


def plan_in_python(check: SetBasedCheck) -> None:
    from turbota.people.import_sql import CHUNK_ROWS

    plan = _Plan(check.hromada)
    plan.found = []
    numbers: list[int] = []
    chunk: list[Entry | None] = []
    for number, entry in _entries(check):
        numbers.append(number)
        chunk.append(entry)
        if len(chunk) >= CHUNK_ROWS:
            plan.add_chunk(chunk)
            plan.chunk += 1
            chunk = []
    plan.add_chunk(chunk)
    cursor = check.cursor
    cursor.execute(
        "DROP TABLE IF EXISTS import_write; "
        "CREATE TEMP TABLE import_write (n bigint, ref bigint) ON COMMIT DROP"
    )
    with cursor.copy("COPY import_write (n, ref) FROM STDIN") as copy:
        for number, decision in zip(numbers, plan.decisions, strict=True):
            if decision != SKIP:
                copy.write_row((number, decision))
    checked = check.checked
    checked.new_people, checked.matched = plan.new_people, len(plan.matched)
    checked.episodes, checked.skipped = plan.episodes, plan.skipped
    for key, problem in plan.found:
        checked.add(key, problem)
    checked.problem_count += plan.problem_count - len(plan.found)
