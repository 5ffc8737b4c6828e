"""Benchmark: the needs of every hromada of a synthetic country, next to one hand-written
GROUP BY over the same episodes.

Prints figures; it is not a test. PostgreSQL only (the rows are made with generate_series):
the database in BENCH_DATABASE_URL is migrated and filled — use an empty one. Usage:

    createdb -h 127.0.0.1 -U postgres -O turbota turbota_bench   # once
    BENCH_DATABASE_URL=postgres://turbota@127.0.0.1:5432/turbota_bench \\
        .venv/bin/python bench/needs_country.py [--episodes 10000000] [--people 3000000]
    # again on the same rows, without filling:   … bench/needs_country.py --reuse

The country: the 1,469 hromadas of the bundled codifier (outside Crimea), a 2021 study each
on the shipped example method, hromada-wide vulnerable-group counts, one provider per
hromada offering eight services, and people living in the hromadas' settlements with
service episodes spread over 2020-2021.

The needs read the counts of people served that writes keep (``people.served``); the
hand-written GROUP BY counts the episodes themselves. What keeping the counts costs is
printed last: counting them from every episode, and the extra time of writes.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SERVICES = ["002.0", "007.0", "009.1", "013.0", "015.1", "015.3", "015.4", "019.0"]
TARGET_SECONDS = 3.0
TARGET_RATIO = 1.5
GROUP_BY = """
SELECT p.hromada_id, e.service_id, p.sex, COUNT(DISTINCT e.person_id)
FROM people_serviceepisode e
JOIN people_person p ON p.id = e.person_id
JOIN territories_territory t ON t.id = p.settlement_id AND t.is_current
WHERE e.start_date <= DATE '2021-12-31'
  AND (e.end_date IS NULL OR e.end_date >= DATE '2021-01-01')
  AND e.status <> 'cancelled'
GROUP BY 1, 2, 3
"""


def _configure() -> None:
    scratch = os.environ.get("BENCH_DATABASE_URL", "")
    if not scratch.startswith("postgres"):
        sys.exit("BENCH_DATABASE_URL must name an empty PostgreSQL database.")
    os.environ["DATABASE_URL"] = scratch
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _studies_and_counts() -> list[int]:
    """A study per hromada, its group counts and its provider; the hromada ids."""
    from turbota.catalog.models import Service, VulnerableGroup
    from turbota.core.enums import Sex
    from turbota.needs.actions import example_method
    from turbota.needs.models import NeedsStudy
    from turbota.providers.models import ProvidedService, Provider
    from turbota.territories.models import Territory, VulnerableGroupCount

    chance = random.Random(2021)  # noqa: S311  # synthetic figures, not secrets
    hromadas = list(
        Territory.objects.hromadas().current().outside_crimea().values_list("pk", flat=True)
    )
    method = example_method()
    NeedsStudy.objects.bulk_create(
        NeedsStudy(hromada_id=h, year=2021, method=method, groups_year=2021) for h in hromadas
    )
    groups = list(VulnerableGroup.objects.values_list("pk", flat=True))
    VulnerableGroupCount.objects.bulk_create(
        (
            VulnerableGroupCount(
                hromada_id=h,
                territory_id=h,
                year=2021,
                sex=sex,
                group_id=group,
                count=chance.randint(0, 3000),
            )
            for h in hromadas
            for group in groups
            for sex in (Sex.FEMALE, Sex.MALE)
        ),
        batch_size=5000,
    )
    providers = Provider.objects.bulk_create(
        Provider(hromada_id=h, full_name=f"Центр надання соціальних послуг {h}") for h in hromadas
    )
    services = list(Service.objects.filter(code__in=SERVICES))
    ProvidedService.objects.bulk_create(
        (
            ProvidedService(provider=p, service=s, capacity=chance.randint(10, 400))
            for p in providers
            for s in services
        ),
        batch_size=5000,
    )
    return hromadas


def _people_and_episodes(people: int, episodes: int) -> None:
    """People spread over every current settlement, episodes over people and services."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            CREATE TEMP TABLE bench_place AS
            SELECT row_number() OVER (ORDER BY t.id) - 1 AS idx, t.hromada_id, t.id
            FROM territories_territory t
            JOIN needs_needsstudy s ON s.hromada_id = t.hromada_id
            WHERE t.is_current AND t.category IN ('M', 'X', 'C')
            """
        )
        cursor.execute("SELECT COUNT(*) FROM bench_place")
        (places,) = cursor.fetchone()
        cursor.execute("CREATE INDEX ON bench_place (idx)")
        cursor.execute(
            """
            INSERT INTO people_person (pseudonym, hromada_id, settlement_id, sex, birth_year,
                household_relation, is_synthetic, created_at, updated_at)
            SELECT gen_random_uuid(), b.hromada_id, b.id,
                   CASE WHEN i %% 2 = 0 THEN 'female' ELSE 'male' END, 1930 + i %% 80, '', true,
                   now(), now()
            FROM generate_series(0, %s - 1) AS i JOIN bench_place b ON b.idx = i %% %s
            """,
            [people, places],
        )
        cursor.execute(
            """
            CREATE TEMP TABLE bench_service AS
            SELECT row_number() OVER (ORDER BY s.id) - 1 AS idx, s.id
            FROM catalog_service s WHERE s.code = ANY(%s)
            """,
            [SERVICES],
        )
        cursor.execute(
            """
            CREATE TEMP TABLE bench_provider AS
            SELECT hromada_id, MIN(id) AS id FROM providers_provider GROUP BY hromada_id
            """
        )
        cursor.execute("SELECT MIN(id) FROM people_person")
        (first,) = cursor.fetchone()
        cursor.execute(
            """
            INSERT INTO people_serviceepisode (person_id, service_id, provider_id, settlement_id,
                start_date, end_date, payment_basis, volume, volume_unit, status, source_key,
                created_at, updated_at)
            SELECT p.id, s.id, v.id, p.settlement_id, DATE '2020-01-01' + (i %% 700),
                   CASE WHEN i %% 3 = 0 THEN DATE '2020-01-01' + (i %% 700) + 90 END,
                   'free', NULL, '', CASE WHEN i %% 50 = 0 THEN 'cancelled' ELSE 'active' END,
                   '', now(), now()
            FROM generate_series(0, %s - 1) AS i
            JOIN people_person p ON p.id = %s + (i %% %s)
            JOIN bench_service s ON s.idx = (i / %s) %% %s
            JOIN bench_provider v ON v.hromada_id = p.hromada_id
            """,
            [episodes, first, people, people, len(SERVICES)],
        )
        cursor.execute("ANALYZE")


def _maintenance(repeat: int) -> None:
    """What keeping the counts of people served costs a write: one episode saved through
    the model, and 10,000 episodes of 10,000 people in one bulk insert, each next to the
    same write without the counts kept (Django's plain insert). Rolled back afterwards."""
    from django.db import models, transaction

    from turbota.people.models import Person, ServiceEpisode

    sample = list(ServiceEpisode.objects.order_by("pk")[: 10_000 + repeat * 20])

    def copy(episode: ServiceEpisode) -> ServiceEpisode:
        episode.pk, episode.id = None, None
        episode._state.adding = True
        episode.start_date = episode.start_date.replace(year=2022, day=1)
        episode.end_date = None
        return episode

    with transaction.atomic():
        plain = [_timed(partial(models.Model.save, copy(e))) for e in sample[: repeat * 10]]
        kept = [_timed(copy(e).save) for e in sample[repeat * 10 : repeat * 20]]
        bulk = [copy(e) for e in sample[repeat * 20 :]]
        half = len(bulk) // 2
        plain_bulk = _timed(
            partial(models.QuerySet[ServiceEpisode](ServiceEpisode).bulk_create, bulk[:half])
        )
        kept_bulk = _timed(partial(ServiceEpisode.objects.bulk_create, bulk[half:]))
        move = Person.objects.filter(pk=sample[0].person_id)
        moved = _timed(partial(move.update, sex="male"))
        transaction.set_rollback(True)
    print(
        f"one episode saved:         {statistics.median(kept) * 1000:8.1f} ms median "
        f"(plain insert {statistics.median(plain) * 1000:.1f} ms)"
    )
    print(f"{half:,} episodes, one bulk insert: {kept_bulk:5.2f} s (plain {plain_bulk:.2f} s)")
    print(f"a person's sex corrected:  {moved * 1000:8.1f} ms")


def _group_by(connection: Any, *, tuned: bool) -> None:
    """The hand-written GROUP BY over the episodes; ``tuned``: with memory for its sorts
    and hash tables and no JIT compilation (faster on an idle machine, not always on a
    busy one, so both are timed and the faster counts)."""
    from django.db import transaction

    with transaction.atomic(), connection.cursor() as cursor:
        if tuned:
            cursor.execute("SET LOCAL work_mem = '256MB'")
            cursor.execute("SET LOCAL jit = off")
        cursor.execute(GROUP_BY)
        cursor.fetchall()


def _fill(people: int, episodes: int) -> None:
    from django.core.management import call_command

    load = partial(call_command, "load_reference", verbosity=0)
    print(f"reference data:            {_timed(load):8.1f} s")
    print(f"studies, counts, providers:{_timed(_studies_and_counts):8.1f} s")
    fill = partial(_people_and_episodes, people, episodes)
    print(f"{people:,} people, {episodes:,} episodes: {_timed(fill):8.1f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--episodes", type=int, default=10_000_000)
    parser.add_argument("--people", type=int, default=3_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--reuse", action="store_true", help="the database was filled by an earlier run"
    )
    options = parser.parse_args()
    _configure()

    from django.core.management import call_command
    from django.db import connection

    from turbota.needs.models import NeedsStudy
    from turbota.needs.queries.rollup import hromada_totals
    from turbota.people import served

    call_command("migrate", verbosity=0)
    if not options.reuse:
        _fill(options.people, options.episodes)
    # The episodes were written with raw SQL, past the model: count the people served anew.
    print(f"counts of people served, from every episode: {_timed(served.recount):6.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # as autovacuum would, before anyone reads
    studies = list(NeedsStudy.objects.all())

    def rollup() -> None:
        hromada_totals(studies=studies)

    plain, tuned = (
        statistics.median(
            _timed(partial(_group_by, connection, tuned=t)) for _ in range(options.repeat)
        )
        for t in (False, True)
    )
    sql = min(plain, tuned)
    print(f"GROUP BY, default settings: {plain:7.2f} s; work_mem 256MB, no JIT: {tuned:.2f} s")
    ours = statistics.median(_timed(rollup) for _ in range(options.repeat))
    ratio = ours / sql
    print(f"hromadas:                  {len(studies):8,}")
    print(f"hand-written GROUP BY:     {sql:8.2f} s median (the faster)")
    print(f"needs of every hromada:    {ours:8.2f} s median")
    met = "met" if ratio <= TARGET_RATIO and ours <= TARGET_SECONDS else "NOT met"
    print(
        f"ratio:                     {ratio:8.2f}  "
        f"(target ≤ {TARGET_RATIO} and ≤ {TARGET_SECONDS:.0f} s: {met})"
    )
    _maintenance(options.repeat)


if __name__ == "__main__":
    main()
