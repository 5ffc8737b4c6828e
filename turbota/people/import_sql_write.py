"""Writing a checked episode import on PostgreSQL with ``INSERT … SELECT`` from the staging
tables, inside the import's transaction: the new people and their identities, the
episodes, the counts of people served (``people.served``) and the access log.

What ``imports._Writer`` writes row by row, written here in a few statements: a new
person takes the data of their first row; an episode its row's, with the same
``source_key`` (``import_sql.source_key_sql``).
"""

# ruff: noqa: S608 — the SQL is built from constants, column positions and ids, never from
# the file's text, which only ever travels as COPY data.

from __future__ import annotations

from django.db.backends.utils import CursorWrapper
from django.db.models.expressions import RawSQL

from turbota.accounts.permissions import AnyUser, roles
from turbota.people.enums import AccessAction
from turbota.people.import_sql import source_key_sql
from turbota.people.models import (
    Person,
    PersonAccess,
    PersonIdentity,
    ServiceEpisode,
)
from turbota.people.served import apply_changes, changes_of
from turbota.territories.models import Territory

_PERSON = Person._meta.db_table
_TOUCHED = (
    "SELECT DISTINCT coalesce(nw.person_id, w.ref) FROM import_write w "
    "LEFT JOIN import_new nw ON nw.ref = w.ref"
)


def write(cursor: CursorWrapper, *, hromada: Territory, user: AnyUser, via: str) -> None:
    _new_people(cursor, hromada)
    known = Person.objects.filter(pk__in=RawSQL("SELECT ref FROM import_write WHERE ref > 0", ()))
    cursor.execute(  # as served.kept_for: writes about one person follow each other
        f"SELECT id FROM {_PERSON} WHERE id IN (SELECT ref FROM import_write WHERE ref > 0) "
        "ORDER BY id FOR UPDATE"
    )
    before = changes_of(known) if cursor.rowcount else None
    _episodes(cursor)
    after = changes_of(Person.objects.filter(pk__in=RawSQL(_TOUCHED, ())))  # noqa: S611
    if before is not None:
        after.subtract(before)
    apply_changes(after)
    _log_changes(cursor, user=user, via=via)


def _new_people(cursor: CursorWrapper, hromada: Territory) -> None:
    """Ids for the new people in the order the file names them, then their rows."""
    cursor.execute(
        f"""DROP TABLE IF EXISTS import_new;
CREATE TEMP TABLE import_new ON COMMIT DROP AS
SELECT ref, nextval(pg_get_serial_sequence('{_PERSON}', 'id')) AS person_id, n
FROM (SELECT ref, min(n) AS n FROM import_write WHERE ref < 0 GROUP BY ref
      ORDER BY ref DESC) first_rows"""
    )
    cursor.execute(
        f"""INSERT INTO {_PERSON} (id, pseudonym, hromada_id, settlement_id, sex, birth_year,
    household_id, household_relation, is_synthetic, created_at, updated_at)
SELECT nw.person_id, gen_random_uuid(), {int(hromada.pk)}, e.settlement_id, e.sex,
    extract(year FROM e.birth_date), NULL, '', false, now(), now()
FROM import_new nw JOIN import_entries e ON e.n = nw.n ORDER BY nw.person_id"""
    )
    cursor.execute(
        f"""INSERT INTO {PersonIdentity._meta.db_table} (person_id, last_name, first_name,
    patronymic, rnokpp, document_type, document_number, birth_date, address, phone, name_key,
    created_at, updated_at)
SELECT nw.person_id, e.last_name, e.first_name, e.patronymic, e.rnokpp, e.document_type,
    e.document_number, e.birth_date, '', '', e.name_key, now(), now()
FROM import_new nw JOIN import_entries e ON e.n = nw.n ORDER BY nw.person_id"""
    )


def _episodes(cursor: CursorWrapper) -> None:
    cursor.execute(
        f"""INSERT INTO {ServiceEpisode._meta.db_table} (person_id, service_id, provider_id,
    settlement_id, start_date, end_date, payment_basis, volume, volume_unit, status,
    source_key, created_at, updated_at)
SELECT coalesce(nw.person_id, w.ref), e.service_id, e.provider_id, e.settlement_id,
    e.start_date, e.end_date, e.payment_basis, e.volume, e.volume_unit, e.status,
    {source_key_sql("e")}, now(), now()
FROM import_write w JOIN import_entries e ON e.n = w.n
LEFT JOIN import_new nw ON nw.ref = w.ref
ORDER BY w.n"""
    )


def _log_changes(cursor: CursorWrapper, *, user: AnyUser, via: str) -> None:
    """One «changed» access entry per person, as ``imports._log_changes`` writes it."""
    signed_in = user.pk if user.is_authenticated else None
    username = user.get_username() if user.is_authenticated else ""
    role = ", ".join(sorted(roles(user)))
    cursor.execute(
        f"""INSERT INTO {PersonAccess._meta.db_table} (person_id, user_id, username, role,
    action, via, at)
SELECT person_id, %s, %s, %s, %s, %s, now() FROM ({_TOUCHED}) touched (person_id)
ORDER BY person_id""",
        [signed_in, username, role, AccessAction.CHANGED.value, via[:200]],
    )
