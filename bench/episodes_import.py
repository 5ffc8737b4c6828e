"""Benchmark: importing service episodes from CSV with full validation, against a raw COPY.

Prints figures; it is not a test. PostgreSQL only (the yardstick is ``COPY … FROM STDIN``):
the database in BENCH_DATABASE_URL is migrated and filled — use an empty one. One run writes
a deterministic CSV of ``--rows`` valid episodes of ``--people`` people in one hromada, checks
it (a dry run), imports it with ``import_episodes``, then copies the same file into a bare
table of 17 text columns, and prints both rates and their ratio. Usage:

    createdb -h 127.0.0.1 -U postgres -O turbota turbota_bench_import   # once, empty
    BENCH_DATABASE_URL=postgres://turbota@127.0.0.1:5432/turbota_bench_import \\
        .venv/bin/python bench/episodes_import.py [--rows 1000000] [--people N] [--keep]
        [--statements]   # also the import's ten slowest SQL statements
"""

from __future__ import annotations

import argparse
import csv
import datetime
import math
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

if TYPE_CHECKING:
    from turbota.accounts.models import User
    from turbota.people.imports import EpisodeImport
    from turbota.territories.models import Territory

TARGET_RATIO = 0.5  # issue 3: the import at least half as fast as COPY
SEED = 2021
COPY_CHUNK = 1 << 20
FIRST_START = datetime.date(2019, 1, 1)  # episodes start on or after this day
PROVIDER_CODE = "43210987"
SERVICES = ("001.0", "002.0", "003.0", "004.0", "012.0", "013.0", "015.1", "015.3")
SURNAMES = (
    "Шевченко",
    "Коваленко",
    "Бондаренко",
    "Ткаченко",
    "Кравченко",
    "Олійник",
    "Мельник",
    "Поліщук",
    "Савченко",
    "Руденко",
    "Лисенко",
    "Марченко",
    "Мороз",
    "Клименко",
    "Павленко",
    "Гаврилюк",
)
FIRST_NAMES = {  # sex → first names, patronymics
    "ж": (
        ("Олена", "Марія", "Ганна", "Тетяна", "Наталія", "Світлана", "Ірина", "Людмила"),
        ("Петрівна", "Іванівна", "Миколаївна", "Василівна", "Олексіївна", "Андріївна"),
    ),
    "ч": (
        ("Іван", "Петро", "Микола", "Василь", "Олексій", "Андрій", "Сергій", "Юрій"),
        ("Петрович", "Іванович", "Миколайович", "Васильович", "Олексійович", "Андрійович"),
    ),
}
UNITS = ("годин", "відвідувань", "днів", "наборів", "консультацій")


def _configure() -> None:
    scratch = os.environ.get("BENCH_DATABASE_URL", "")
    if not scratch.startswith("postgres"):
        sys.exit("BENCH_DATABASE_URL must name an empty PostgreSQL database.")
    os.environ["DATABASE_URL"] = scratch
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _timed(action: Callable[[], object]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


# The register: a hromada, its settlements, a provider and the staff member who imports


def _territories() -> tuple[Territory, list[str]]:
    """An oblast, a hromada and ten settlements; returns the hromada and settlement codes."""
    from turbota.core.text import ukrainian_sort_key
    from turbota.territories.enums import TerritoryCategory as Category
    from turbota.territories.models import Territory

    def unit(code: str, name: str, category: str, **links: Territory) -> Territory:
        return Territory.objects.create(
            code=code, name=name, category=category, sort_key=ukrainian_sort_key(name), **links
        )

    oblast = unit("UA97000000000000001", "Лавкова", Category.OBLAST)
    raion = unit("UA97020000000000002", "Лавківський", Category.RAION, parent=oblast, oblast=oblast)
    hromada = unit(
        "UA97020030000000003", "Лавківська", Category.HROMADA, parent=raion, oblast=oblast
    )
    hromada.hromada = hromada
    hromada.save(update_fields=["hromada"])
    kinds = [Category.CITY, Category.SETTLEMENT] + [Category.VILLAGE] * 8
    codes = []
    for number, category in enumerate(kinds, start=1):
        code = f"UA9702003{number:03d}0000{number:03d}"
        unit(code, f"Лавкове-{number}", category, parent=hromada, oblast=oblast, hromada=hromada)
        codes.append(code)
    return hromada, codes


def _provider_and_staff(hromada: Territory) -> User:
    """The hromada's provider offering ``SERVICES``, and its staff member (who imports)."""
    from turbota.accounts.enums import Role
    from turbota.accounts.models import Membership, User
    from turbota.catalog.actions import load_catalog
    from turbota.catalog.models import Service
    from turbota.providers.models import ProvidedService, Provider

    load_catalog()
    provider = Provider.objects.create(
        hromada=hromada,
        registry_code=PROVIDER_CODE,
        full_name="Центр надання соціальних послуг Лавківської громади",
    )
    for service in Service.objects.filter(code__in=SERVICES):
        ProvidedService.objects.create(provider=provider, service=service)
    staff = User.objects.create(username="bench-import-staff")
    Membership.objects.create(user=staff, role=Role.HROMADA_STAFF, territory=hromada)
    return staff


# The file: row i is the (i // people)-th episode of person i % people


def _person(number: int, settlements: list[str]) -> list[str]:
    """Who person ``number`` is, the same in every row of theirs (10 columns up to the
    service code: name, РНОКПП, no document, birth date, sex, settlement)."""
    mixed = number * 2654435761 % 2**32  # spreads neighbouring numbers apart
    sex = "ж" if number % 2 == 0 else "ч"
    first_names, patronymics = FIRST_NAMES[sex]
    birth = datetime.date(1935, 1, 1) + datetime.timedelta(days=mixed % 24_000)
    return [
        SURNAMES[mixed % len(SURNAMES)],
        first_names[(mixed >> 8) % len(first_names)],
        patronymics[(mixed >> 16) % len(patronymics)],
        f"{2_000_000_000 + number:010d}",
        "",
        "",
        f"{birth:%d.%m.%Y}",
        sex,
        settlements[number % len(settlements)],
    ]


def _episode(rng: random.Random, start: datetime.date) -> list[str]:
    """The episode columns from the service code on (8 columns)."""
    ended = rng.random() < 0.6
    end = start + datetime.timedelta(days=rng.randrange(366)) if ended else None
    volume = rng.random() < 0.5
    return [
        rng.choice(SERVICES),
        PROVIDER_CODE,
        f"{start:%d.%m.%Y}",
        f"{end:%d.%m.%Y}" if end else "",
        rng.choice(("безоплатно", "безоплатно", "безоплатно", "платно", "")),
        f"{rng.randrange(1, 500)},{rng.randrange(10)}" if volume else "",
        rng.choice(UNITS) if volume else "",
        "",
    ]


def _write_csv(path: Path, *, rows: int, people: int, settlements: list[str]) -> None:
    """``rows`` valid rows, streamed. A person's k-th episode starts in its own window of
    days, so no two rows repeat a person, service, provider and start date."""
    from django.utils import timezone

    from turbota.people.import_columns import COLUMNS

    per_person = math.ceil(rows / people)
    window = ((timezone.localdate() - FIRST_START).days - 1) // per_person
    if window < 1:
        sys.exit(f"{per_person} episodes per person do not fit in the days since {FIRST_START}.")
    rng = random.Random(SEED)  # noqa: S311 (no secrets here)
    with path.open("w", encoding="utf-8-sig", newline="") as target:
        writer = csv.writer(target, delimiter=";")
        writer.writerow([column.header for column in COLUMNS])
        for row in range(rows):
            nth, number = divmod(row, people)
            first_day = FIRST_START + datetime.timedelta(days=nth * window)
            start = first_day + datetime.timedelta(days=rng.randrange(window))
            writer.writerow(_person(number, settlements) + _episode(rng, start))


# What is timed


_WRITING_FROM: list[float] = []  # when the import first reported writing


def _show_progress(stage: str, rows: int) -> None:
    if stage == "writing" and not _WRITING_FROM:
        _WRITING_FROM.append(time.perf_counter())
    done = round(rows, -3)  # the writing pass reports 999, 1,999, …
    if done and done % 100_000 == 0:
        print(f"  … {stage} {done:,} rows", file=sys.stderr, flush=True)


def _import(path: Path, hromada: Territory, staff: User, *, dry_run: bool) -> EpisodeImport:
    from turbota.people.imports import import_episodes

    with path.open("rb") as source, tempfile.TemporaryDirectory() as reports:
        return import_episodes(
            source=source,
            name=path.name,
            hromada=hromada,
            user=staff,
            dry_run=dry_run,
            report_dir=Path(reports),
            progress=_show_progress,
        )


def _copy(path: Path) -> int:
    """The same file into a bare table by ``COPY … FROM STDIN``; returns the rows copied."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        sql = "COPY bench_raw FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ';')"
        with path.open("rb") as source, cursor.copy(sql) as copy:
            while chunk := source.read(COPY_CHUNK):
                copy.write(chunk)
        return int(cursor.rowcount)


_FLOOR_TABLES = ("people_person", "people_personidentity", "people_serviceepisode")


def _store_only() -> int:
    """What only storing the imported rows costs, with no check, count or log: the people,
    identities and episodes the import wrote, copied by ``INSERT … SELECT`` into empty
    tables made like the register's — the same columns, indexes, unique keys and foreign
    keys (checked at commit, as Django declares them) — in one transaction. An import into
    this schema, however it checks, pays at least this. Returns the episodes stored."""
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        for table in _FLOOR_TABLES:
            cursor.execute(f"DROP TABLE IF EXISTS bench_floor_{table} CASCADE")
            cursor.execute(f"CREATE TABLE bench_floor_{table} (LIKE {table} INCLUDING ALL)")
            cursor.execute(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype = 'f'",
                [table],
            )
            for (definition,) in cursor.fetchall():
                definition = definition.replace(
                    "REFERENCES people_person(", "REFERENCES bench_floor_people_person("
                )
                cursor.execute(f"ALTER TABLE bench_floor_{table} ADD {definition}")
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        for table in _FLOOR_TABLES:  # names from the constant above
            copied = f"INSERT INTO bench_floor_{table} SELECT * FROM {table} ORDER BY id"  # noqa: S608
            cursor.execute(copied)
        stored = int(cursor.rowcount)
    _STORED.append(time.perf_counter() - started)
    with connection.cursor() as cursor:
        for table in reversed(_FLOOR_TABLES):
            cursor.execute(f"DROP TABLE bench_floor_{table}")
    return stored


_STORED: list[float] = []  # the time of the storing alone, commit included


def _make_raw_table() -> None:
    from django.db import connection

    from turbota.people.import_columns import COLUMNS

    columns = ", ".join(f"c{number} text" for number in range(1, len(COLUMNS) + 1))
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_raw")
        cursor.execute(f"CREATE TABLE bench_raw ({columns})")


def _check(result: EpisodeImport, *, rows: int, what: str) -> None:
    if result.accepted and result.rows == rows:
        return
    print(f"{what}: {result.problem_count:,} problems in {result.rows:,} rows, e.g.:")
    for problem in result.problems[:20]:
        print(f"  row {problem.row} {problem.header}: «{problem.value}» — {problem.message}")
    sys.exit(1)


class _StatementTimes:
    """``connection.execute_wrapper`` that keeps each statement's time (``--statements``)."""

    def __init__(self) -> None:
        self.times: list[tuple[float, str]] = []

    def __call__(self, execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, *args)
        finally:
            self.times.append((time.perf_counter() - started, sql))

    def show(self, rows: int, most: int = 10) -> None:
        print(f"slowest statements of the import ({len(self.times)} in all):")
        for seconds, sql in sorted(self.times, reverse=True)[:most]:
            text = " ".join(sql.split())[:110]
            print(f"  {seconds:7.2f} s {seconds / rows * 1e6:7.1f} µs/row  {text}")


def _rate(label: str, seconds: float, rows: int) -> float:
    rate = rows / seconds
    print(f"{label:<28} {seconds:8.2f} s  {rate:10,.0f} rows/s")
    return rate


def _prepare(rows: int, people: int) -> tuple[Territory, User, Path]:
    """The register and the raw table made, the CSV written; returns where it is."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    hromada, settlements = _territories()
    staff = _provider_and_staff(hromada)
    _make_raw_table()
    path = Path(tempfile.mkdtemp(prefix="turbota-bench-")) / "episodes.csv"
    print(f"writing {rows:,} rows of {people:,} people …", flush=True)
    write = partial(_write_csv, path, rows=rows, people=people, settlements=settlements)
    seconds, _ = _timed(write)
    print(f"{'CSV written':<28} {seconds:8.2f} s  {path.stat().st_size / 2**20:10,.0f} MiB")
    return hromada, staff, path


def _measure(
    path: Path, hromada: Territory, staff: User, *, rows: int, people: int, statements: bool
) -> None:
    from contextlib import nullcontext

    from django.db import connection

    from turbota.people.models import Person, ServiceEpisode

    seconds, result = _timed(partial(_import, path, hromada, staff, dry_run=True))
    _check(result, rows=rows, what="dry run")
    _rate("dry run (checks only)", seconds, rows)
    _WRITING_FROM.clear()
    started = time.perf_counter()
    times = _StatementTimes()
    with connection.execute_wrapper(times) if statements else nullcontext():
        seconds, result = _timed(partial(_import, path, hromada, staff, dry_run=False))
    _check(result, rows=rows, what="import")
    written = ServiceEpisode.objects.count(), Person.objects.count()
    if result.episodes_created != rows or written != (rows, people):
        sys.exit(f"import wrote {written[0]:,} episodes of {written[1]:,} people, not {rows:,}")
    imported = _rate("import total (checks, writes)", seconds, rows)
    if _WRITING_FROM:
        checking = _WRITING_FROM[0] - started
        _rate("  of which checks", checking, rows)
        _rate("  of which writes", seconds - checking, rows)
    seconds, copied = _timed(partial(_copy, path))
    if copied != rows:
        sys.exit(f"COPY loaded {copied:,} rows, not {rows:,}")
    raw = _rate("raw COPY into a bare table", seconds, rows)
    ratio = imported / raw
    verdict = "met" if ratio >= TARGET_RATIO else "not met"
    print(f"{'ratio import / COPY':<28} {ratio:8.3f}  (target ≥ {TARGET_RATIO}: {verdict})")
    if _store_only() != rows:
        sys.exit("storing the imported rows again did not store them all")
    stored = _rate("storing the rows only", _STORED[-1], rows)
    print(f"{'ratio storing only / COPY':<28} {stored / raw:8.3f}  (no import can do better)")
    if statements:
        times.show(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--people", type=int, help="default: rows // 3")
    parser.add_argument("--keep", action="store_true", help="keep the CSV file")
    parser.add_argument(
        "--statements", action="store_true", help="print the import's slowest SQL statements"
    )
    options = parser.parse_args()
    rows, people = options.rows, options.people or max(1, options.rows // 3)
    _configure()
    hromada, staff, path = _prepare(rows, people)
    try:
        _measure(path, hromada, staff, rows=rows, people=people, statements=options.statements)
    finally:
        if options.keep:
            print(f"CSV kept: {path}")
        else:
            path.unlink()
            path.parent.rmdir()


if __name__ == "__main__":
    main()
