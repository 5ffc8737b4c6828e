"""Benchmark: the people list page with a million people in one hromada.

Prints figures; it is not a test. PostgreSQL only (the rows are made with generate_series):
the database in BENCH_DATABASE_URL is migrated and filled — use an empty one. Usage:

    createdb -h 127.0.0.1 -U postgres -O turbota turbota_bench   # once
    BENCH_DATABASE_URL=postgres://turbota@127.0.0.1:5432/turbota_bench \\
        .venv/bin/python bench/people_list.py [--people 1000000] [--repeat 20]
"""

from __future__ import annotations

import argparse
import html as html_module
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.test import Client

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET_MS = 200
SURNAMES = 5000  # distinct last names, so a name search finds about people / 5000


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


def _fill(people: int) -> tuple[object, object]:
    """A hromada with one village, its staff member, and ``people`` people with identities."""
    from django.db import connection

    from turbota.accounts.enums import Role
    from turbota.accounts.models import Membership, User
    from turbota.core.text import ukrainian_sort_key
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
    village = Territory.objects.create(
        code="UA90000010010000003",
        name="Тестове",
        category=TerritoryCategory.VILLAGE,
        parent=hromada,
        oblast=oblast,
        hromada=hromada,
    )
    staff = User.objects.create(username="bench-staff")
    Membership.objects.create(user=staff, role=Role.HROMADA_STAFF, territory=hromada)
    names = [(n, f"Прізвище{n}", ukrainian_sort_key(f"Прізвище{n} Особа")) for n in range(SURNAMES)]
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE bench_names (n int, last_name text, name_key text)")
        cursor.executemany("INSERT INTO bench_names VALUES (%s, %s, %s)", names)
        cursor.execute(
            """
            INSERT INTO people_person (pseudonym, hromada_id, settlement_id, sex, birth_year,
                household_relation, is_synthetic, created_at, updated_at)
            SELECT gen_random_uuid(), %s, %s, CASE WHEN i %% 2 = 0 THEN 'female' ELSE 'male' END,
                   1930 + i %% 80, '', true, now(), now()
            FROM generate_series(1, %s) AS i
            """,
            [hromada.pk, village.pk, people],
        )
        cursor.execute(
            """
            INSERT INTO people_personidentity (person_id, last_name, first_name, patronymic,
                document_type, document_number, birth_date, address, phone, name_key,
                created_at, updated_at)
            SELECT p.id, b.last_name, 'Особа', '', 'other', 'SYN-' || p.id,
                   make_date(p.birth_year, 1, 1), '', '', b.name_key, now(), now()
            FROM people_person p JOIN bench_names b ON b.n = p.id %% %s
            """,
            [SURNAMES],
        )
        cursor.execute("ANALYZE people_person; ANALYZE people_personidentity;")
    return staff, hromada


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    options = parser.parse_args()
    _configure()

    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    print(f"filling {options.people:,} people …", flush=True)
    print(f"fill:                      {_timed(lambda: _fill(options.people)):8.1f} s")
    from turbota.accounts.models import User

    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(username="bench-staff"))
    for label, url in _pages(client, options.people).items():
        assert client.get(url).status_code == 200, url
        times = [_timed(partial(client.get, url)) * 1000 for _ in range(options.repeat)]
        median = statistics.median(times)
        verdict = "ok" if median <= TARGET_MS else f"over the {TARGET_MS} ms target"
        print(f"{label:<46} {median:8.1f} ms median  ({verdict})")


def _pages(client: Client, people: int) -> dict[str, str]:
    """The pages a user reaches: the first, the next one by its link, the middle one (the
    cursor of the person at 500,000 and the count, as the link of the page before it
    gives), the last one by its link and by its address alone, the one before it, and
    searches. Links carry the count; a page without it counts the register. A search
    matching more than ``COUNT_LIMIT`` is counted up to it only: its last page and the
    one before are placed from the end."""
    from turbota.people import queries
    from turbota.people.models import Person

    rows = queries.person_rows(Person.objects.all())
    middle = people // 2
    at_middle = rows.values_list("pseudonym", flat=True)[middle - 1]  # the bench's own lookup
    search_last = _link(client, "/people/?q=Особа", "Остання")
    return {
        "first page (counts the register)": "/people/",
        "next page (51–100), by its link": _link(client, "/people/", "next"),
        f"middle page ({middle + 1:,}–{middle + 50:,}), by a link": (
            f"/people/?after={at_middle}&at={middle}&of={people}"
        ),
        "last page, by its link": _link(client, "/people/", "Остання"),
        "last page, address typed (counts)": "/people/?last=1",
        "page before the last, by its link": _link(client, "/people/?last=1", "prev"),
        "search by surname (200 found)": "/people/?q=Прізвище1234",
        "search by surname, next page": _link(client, "/people/?q=Прізвище1234", "next"),
        "search by РНОКПП prefix": "/people/?q=3012",
        "search matching everyone (a first name)": "/people/?q=Особа",
        "the same search, next page": _link(client, "/people/?q=Особа", "next"),
        "the same search, last page, by its link": search_last,
        "the same search, page before its last": _link(client, search_last, "prev"),
    }


def _link(client: Client, url: str, rel: str) -> str:
    """The address of the page's link (``next``, ``prev``, or the text of it), as a user
    follows it."""
    html = client.get(url).content.decode()
    pattern = (
        rf'href="([^"]+)" rel="{rel}"' if rel in ("next", "prev") else rf'href="([^"]+)">{rel}'
    )
    (found,) = re.findall(pattern, html)
    return "/people/" + html_module.unescape(found)


if __name__ == "__main__":
    main()
