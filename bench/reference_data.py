"""Benchmark: loading the KATOTTG codifier and reading it back.

Prints figures; it is not a test. Runs against a scratch database: a temporary SQLite file
by default, or the database in BENCH_DATABASE_URL (it is migrated and filled — use an empty
one). Usage:

    .venv/bin/python bench/reference_data.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    repeat = parser.parse_args().repeat
    engine = _configure()

    from functools import partial
    from urllib.parse import urlencode

    from django.core.management import call_command
    from django.test import Client

    from turbota.territories.actions import load_codifier

    call_command("migrate", verbosity=0)
    print(f"database: {engine}")
    print(f"codifier first load:      {_timed(load_codifier):8.2f} s")
    print(f"codifier unchanged file:  {_timed(load_codifier):8.2f} s (skipped by checksum)")
    print(f"codifier forced re-read:  {_timed(lambda: load_codifier(force=True)):8.2f} s")
    client = Client(HTTP_HOST="localhost")
    pages = {
        "API hromadas (?category=H)": "/api/v1/territories/?category=H",
        "API search (?search=іванів)": "/api/v1/territories/?" + urlencode({"search": "іванів"}),
        "page codifier, villages": "/territories/?category=C",
    }
    for label, url in pages.items():
        assert client.get(url).status_code == 200, url
        print(f"{label:<28} {_median_ms(partial(client.get, url), repeat):8.1f} ms median")


if __name__ == "__main__":
    main()
