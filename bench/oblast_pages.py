"""Benchmark: the oblast pages of Dnipropetrovsk oblast (86 hromadas, ~1,500 settlements)
filled with synthetic data, and the nearest-provider search against a brute-force scan.

Prints figures; it is not a test. Runs against a scratch database: a temporary SQLite file
by default, or the database in BENCH_DATABASE_URL (it is migrated and filled — use an empty
one). Usage:

    .venv/bin/python bench/oblast_pages.py [--repeat 5] [--people 30]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DNIPROPETROVSK = "UA12000000000090473"


def _configure() -> str:
    scratch = os.environ.get("BENCH_DATABASE_URL")
    if scratch:
        os.environ["DATABASE_URL"] = scratch
    else:
        folder = tempfile.mkdtemp(prefix="turbota-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    return os.environ["DATABASE_URL"].split(":", 1)[0]


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _median_ms(action: Callable[[], object], repeat: int) -> float:
    return statistics.median(_timed(action) for _ in range(repeat)) * 1000


def _nearest_figures(repeat: int) -> None:
    from turbota.oblast.distances import Point, Targets, haversine_km

    draw = random.Random(1)  # noqa: S311 (no secrets here)
    providers = [(n, Point(draw.uniform(47.4, 49.2), draw.uniform(33.2, 36.8))) for n in range(300)]
    places = [Point(draw.uniform(47.4, 49.2), draw.uniform(33.2, 36.8)) for _ in range(1500)]
    targets = Targets(providers)

    def indexed() -> None:
        for origin in places:
            targets.nearest(origin)

    def brute() -> None:
        for origin in places:
            min(haversine_km(origin, point) for _, point in providers)

    print(f"nearest of 300 providers for 1,500 settlements: {_median_ms(indexed, repeat):8.1f} ms")
    print(f"  the same by brute force (all 450,000 pairs):  {_median_ms(brute, repeat):8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--people", type=int, default=30)
    options = parser.parse_args()
    engine = _configure()

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from turbota.accounts.enums import Role
    from turbota.accounts.models import Membership, User
    from turbota.catalog.actions import load_catalog
    from turbota.oblast.synthetic import fill_oblast
    from turbota.territories.actions import load_codifier
    from turbota.territories.models import Territory

    call_command("migrate", verbosity=0)
    print(f"database: {engine}")
    print(f"codifier load:              {_timed(load_codifier):8.2f} s")
    load_catalog()
    oblast = Territory.objects.get(code=DNIPROPETROVSK)
    started = time.perf_counter()
    summary = fill_oblast(oblast=oblast, people=options.people)
    print(
        f"synthetic oblast:           {time.perf_counter() - started:8.2f} s "
        f"({len(summary.filled)} hromadas, {summary.people} people)"
    )
    analyst, _ = User.objects.get_or_create(username="bench-analyst")
    Membership.objects.get_or_create(user=analyst, role=Role.OBLAST_ANALYST, territory=oblast)
    client = Client(HTTP_HOST="localhost")
    client.force_login(analyst)
    pages = {
        "dashboard page": f"/oblast/{oblast.code}/",
        "dashboard XLSX": f"/oblast/{oblast.code}/hromadas.xlsx",
        "unmet-demand register": f"/oblast/{oblast.code}/unmet/",
        "map data (JSON)": f"/oblast/{oblast.code}/map/data.json",
        "distances page": f"/oblast/{oblast.code}/distances/",
        "API dashboard": f"/api/v1/oblasts/{oblast.code}/dashboard/",
    }
    for label, url in pages.items():
        executed: list[str] = []

        def count(execute: Any, sql: str, *args: Any, executed: list[str] = executed) -> Any:
            executed.append(sql)
            return execute(sql, *args)

        with connection.execute_wrapper(count):
            response = client.get(url)
        assert response.status_code == 200, url
        took = _median_ms(partial(client.get, url), options.repeat)
        size = len(response.content) // 1000
        print(f"{label:<27} {took:8.1f} ms median, {len(executed):3d} queries, {size} kB")
    _nearest_figures(options.repeat)


if __name__ == "__main__":
    main()
