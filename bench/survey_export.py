"""Benchmark: export of a million survey responses as CSV and XLSX.

Prints figures; it is not a test. Fills a survey (the shipped test form, every supported
type, one repeat entry per response) with N synthetic responses, then exports them the
way the export page does — the CSV generator consumed to the end, the XLSX written by
XlsxWriter in constant-memory mode — each in a fresh process, so its peak memory (the
process's maximum resident set) is the export's own. Usage:

    .venv/bin/python bench/survey_export.py [--responses 1000000]          # temporary SQLite
    createdb -h 127.0.0.1 -U turbota turbota_bench                          # an empty database
    BENCH_DATABASE_URL=postgres://turbota@127.0.0.1:5432/turbota_bench \\
        .venv/bin/python bench/survey_export.py --responses 1000000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BATCH = 10_000


def _configure(database: str) -> None:
    os.environ["DATABASE_URL"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _answers(number: int) -> str:
    return json.dumps(
        {
            "nickname": f"Особа {number}",
            "age": 18 + number % 80,
            "income": f"{number % 50}.5",
            "visit_date": "2024-03-01",
            "phone": "0501234567",
            "has_disability": "yes" if number % 7 == 0 else "no",
            "services": ["home_care", "other"] if number % 3 else ["day_care"],
            "settlement_type": "urban" if number % 10 else "rural",
            "household": [{"member_name": "Іван", "member_age": 60 + number % 30}],
            "start": "2024-03-01T10:00:00+02:00",
            "end": "2024-03-01T10:06:00+02:00",
        },
        ensure_ascii=False,
    )


def _fill(responses: int) -> int:
    """A survey of an invented hromada with ``responses`` responses; its pk."""
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection, transaction

    from turbota.surveys import actions
    from turbota.surveys.shipped import TEMPLATES
    from turbota.territories.enums import TerritoryCategory
    from turbota.territories.models import Territory

    oblast = Territory.objects.create(
        code="UA90000000000000001", name="Тестова", category=TerritoryCategory.OBLAST
    )
    hromada = Territory.objects.create(
        code="UA90000010000000002",
        name="Тестова",
        category=TerritoryCategory.HROMADA,
        parent=oblast,
        oblast=oblast,
    )
    template = TEMPLATES["all-types"].path
    survey = actions.import_survey(
        hromada=hromada, content=template.read_bytes(), file_name=template.name, by=AnonymousUser()
    )
    version = survey.current_version
    assert version is not None
    sql = (
        "INSERT INTO surveys_response (survey_id, version_id, channel, submission_uuid, "
        "paper_number, language, answers, submitted_at, is_synthetic) "
        "VALUES (%s, %s, 'web', %s, '', '', %s, %s, %s)"
    )
    moment = "2024-03-01 10:06:00+00:00"
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, responses, BATCH):
            rows = [
                (survey.pk, version.pk, f"bench-{n}", _answers(n), moment, True)
                for n in range(start, min(start + BATCH, responses))
            ]
            cursor.executemany(sql, rows)
    return survey.pk


def _export(survey_pk: int, fmt: str) -> None:
    """Run in a child process: export, then print seconds and peak memory."""
    from turbota.surveys import exports
    from turbota.surveys.models import Survey

    survey = Survey.objects.get(pk=survey_pk)
    rows = survey.responses.count()
    started = time.perf_counter()
    size = 0
    if fmt == "csv":
        for line in exports.csv_lines(survey):
            size += len(line)
    else:
        handle = exports.xlsx_file(survey)
        size = os.fstat(handle.fileno()).st_size
        for _chunk in iter(lambda: handle.read(1 << 20), b""):
            pass  # streamed, as FileResponse does
        handle.close()
    seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{fmt.upper():<4} export: {rows:>9,} rows in {seconds:7.1f} s = "
        f"{rows / seconds:9,.0f} rows/s, file {size / 2**20:7.1f} MiB, "
        f"peak memory {peak_mib:6.0f} MiB",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--export", choices=["csv", "xlsx"], help=argparse.SUPPRESS)
    parser.add_argument("--survey", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    database = os.environ.get("BENCH_DATABASE_URL", "")
    if options.export:
        _configure(os.environ["BENCH_CHILD_DATABASE_URL"])
        _export(options.survey, options.export)
        return
    scratch = None
    if not database:
        scratch = tempfile.mkdtemp(prefix="turbota-bench-")
        database = f"sqlite:///{scratch}/bench.sqlite3"
    _configure(database)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(f"filling {options.responses:,} responses …", flush=True)
    started = time.perf_counter()
    survey = _fill(options.responses)
    print(f"fill: {time.perf_counter() - started:.1f} s", flush=True)
    child_env = {**os.environ, "BENCH_CHILD_DATABASE_URL": database}
    for fmt in ("csv", "xlsx"):
        subprocess.run(  # noqa: S603 — this very script, with our own arguments
            [sys.executable, __file__, "--export", fmt, "--survey", str(survey)],
            env=child_env,
            check=True,
        )


if __name__ == "__main__":
    main()
