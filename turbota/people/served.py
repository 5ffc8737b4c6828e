"""People served, counted as they are written, so that figures over a whole country need
not read every episode (decision 0016).

A person is served by a service in a year when one of their episodes of it, not cancelled,
runs on at least one day of that year (``EpisodeQuerySet.active_in_year``): in every year
from the year it starts to the year it ends, or on and on while it has no end. For each
person and service those years are runs of whole years; ``ServedChange`` holds, per
hromada, settlement where people live, service, sex and year, how many runs begin in that
year minus how many ended the year before. The people served in a year are the sum of the
changes up to that year — exactly the distinct people, since a person lives in one
settlement, has one sex, and counts once per run.

Every write through the ORM keeps the changes true: a model's ``save``/``delete``, and the
querysets' ``bulk_create``/``update``/``delete`` of episodes, and of people's hromada,
settlement or sex, go through ``kept_for``. Raw SQL does not: after it, call ``kept_for``
around the write, or ``recount`` (also the command ``recount_served``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction
from django.db.models import F, QuerySet, Sum
from django.db.models.functions import ExtractYear

from turbota.people.enums import EpisodeStatus
from turbota.people.models import Person, ServedChange, ServiceEpisode
from turbota.territories.enums import SETTLEMENT_CATEGORIES

# hromada id, settlement id, service id, sex, year
Cell = tuple[int, int, int, str, int]
_COLUMNS = "hromada_id, settlement_id, service_id, sex, year, change"
_ROWS_PER_INSERT = 150  # six values a row: within SQLite's 999 parameters

# From the spans of years of each episode (``from_year`` … ``to_year``, NULL: no end), the
# years where a person's service may begin or stop (edges), and at each the change:
# served in that year (some span covers it) minus served in the year before.
_CHANGES = """
WITH spans AS ({spans}),
edges AS (
    SELECT person_id, service_id, from_year AS year FROM spans
    UNION
    SELECT person_id, service_id, to_year + 1 FROM spans WHERE to_year IS NOT NULL
),
changes AS (
    SELECT e.person_id, e.service_id, e.year,
        MAX(CASE WHEN s.from_year <= e.year AND (s.to_year IS NULL OR s.to_year >= e.year)
            THEN 1 ELSE 0 END)
        - MAX(CASE WHEN s.from_year < e.year AND (s.to_year IS NULL OR s.to_year >= e.year - 1)
            THEN 1 ELSE 0 END) AS change
    FROM edges e JOIN spans s ON s.person_id = e.person_id AND s.service_id = e.service_id
    GROUP BY e.person_id, e.service_id, e.year
)
SELECT p.hromada_id, p.settlement_id, c.service_id, p.sex, c.year, SUM(c.change)
FROM changes c JOIN {person} p ON p.id = c.person_id
WHERE c.change <> 0
GROUP BY p.hromada_id, p.settlement_id, c.service_id, p.sex, c.year
"""


def _changes_sql(people: QuerySet[Person] | None) -> tuple[str, tuple[Any, ...]]:
    episodes = ServiceEpisode.objects.exclude(status=EpisodeStatus.CANCELLED)
    if people is not None:
        episodes = episodes.filter(person__in=people.values("pk"))
    spans = (
        episodes.order_by()
        .annotate(from_year=ExtractYear("start_date"), to_year=ExtractYear("end_date"))
        .values_list("person_id", "service_id", "from_year", "to_year")
    )
    sql, params = spans.query.sql_with_params()
    return _CHANGES.format(spans=sql, person=Person._meta.db_table), params


def changes_of(people: QuerySet[Person]) -> Counter[Cell]:
    """What these people add to the counts, as they are now."""
    sql, params = _changes_sql(people)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return Counter({tuple(row[:5]): int(row[5]) for row in cursor.fetchall()})


@contextmanager
def kept_for(person_ids: Iterable[int]) -> Iterator[None]:
    """Keep the counts true across a write to these people's episodes, or to their hromada,
    settlement or sex: lock the people (so that two writes about one person follow each
    other), take away what they added before, and add what they add after."""
    ids = sorted(set(person_ids))
    if not ids:
        yield
        return
    people = Person.objects.filter(pk__in=ids)
    with transaction.atomic():
        if connection.features.has_select_for_update:  # SQLite: one writer at a time
            list(people.order_by("pk").select_for_update().values_list("pk", flat=True))
        before = changes_of(people)
        yield
        after = changes_of(people)
        after.subtract(before)
        apply_changes(after)


def apply_changes(changes: Counter[Cell]) -> None:
    """Add ``changes`` to the counts, in key order (two writers lock rows in one order)."""
    rows = sorted((*cell, change) for cell, change in changes.items() if change)
    table = ServedChange._meta.db_table
    with connection.cursor() as cursor:
        for chunk in _chunks(rows, _ROWS_PER_INSERT):
            values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {table} ({_COLUMNS}) VALUES {values} "  # noqa: S608 (no input)
                "ON CONFLICT (hromada_id, settlement_id, service_id, sex, year) "
                f"DO UPDATE SET change = {table}.change + excluded.change",
                [value for row in chunk for value in row],
            )
    if any(row[-1] < 0 for row in rows):  # some count may have come down to no change
        hromadas = {row[0] for row in rows}
        ServedChange.objects.filter(hromada_id__in=hromadas, change=0).delete()


def _chunks(rows: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    return (rows[start : start + size] for start in range(0, len(rows), size))


def recount(*, hromada_ids: Collection[int] | None = None) -> int:
    """Count again from the episodes (of these hromadas' people, or of everyone), in one
    statement; for after raw SQL writes and for a check. Returns the rows written. Run it
    when nobody writes episodes of these hromadas."""
    counts = ServedChange.objects.all()
    people = None
    if hromada_ids is not None:
        counts = counts.filter(hromada_id__in=hromada_ids)
        people = Person.objects.filter(hromada_id__in=hromada_ids)
    sql, params = _changes_sql(people)
    with transaction.atomic(), connection.cursor() as cursor:
        counts.delete()
        cursor.execute(f"INSERT INTO {ServedChange._meta.db_table} ({_COLUMNS}) {sql}", params)
        return int(cursor.rowcount)


def served_by_hromada(
    *, year: int, hromada_ids: Collection[int]
) -> dict[tuple[int, int, str], int]:
    """(hromada id, service id, sex) → people served in ``year``, living in the current
    settlements of the hromada (as a study's table adds them up)."""
    rows = (
        ServedChange.objects.filter(
            hromada_id__in=hromada_ids,
            year__lte=year,
            settlement__category__in=SETTLEMENT_CATEGORIES,
            settlement__is_current=True,
            settlement__hromada_id=F("hromada_id"),
        )
        .order_by()
        .values_list("hromada_id", "service_id", "sex")
        .annotate(people=Sum("change"))
    )
    return {(h, service, sex): people for h, service, sex, people in rows if people}
