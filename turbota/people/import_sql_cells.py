"""The cells of the staging table read in SQL, as ``import_columns`` reads them in Python.

SQL reads a cell only in the forms where it is sure to get what Python gets: ASCII and
Cyrillic letters (their case folded and NFC form known), plain spaces, the template's
date forms, a code of digits. A row with a cell in any other form — blank where a value
is required, a date that is not in the calendar, a tab, a Latin «і» — is left for Python
(``import_check.read_values``), which reads it and gives the same reasons as always.
Most rows of a good file are read here; a bad row costs a round trip.

A column's texts repeat (a few services, settlements and days, common names), so each
distinct text is read once, into a table of its own, and the rows look it up there: at
200,000 rows this reads a file in 2.5 s instead of 4.2 s, and in 3.5 s instead of 5.4 s
when every person has a surname of their own.
"""

# ruff: noqa: S608 — the SQL is built from constants, column positions and ids, never from
# the file's text, which only ever travels as COPY data.

from __future__ import annotations

import datetime
import json
import unicodedata

from turbota.core.text import UKRAINIAN_ALPHABET
from turbota.people.import_check import Header
from turbota.people.import_columns import CHOICE_WORDS

ROWS = "import_rows"
_APOSTROPHES = "’ʼ`´‘"  # the apostrophes that normalize_text unifies
_UKRAINIAN = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
_NAME_CHARS = UKRAINIAN_ALPHABET + _UKRAINIAN.upper() + _APOSTROPHES
_CYRILLIC = "".join(chr(code) for code in range(0x400, 0x460)) + "Ґґ"
_TEXT_CHARS = "".join(chr(code) for code in range(0x20, 0x7F)) + _CYRILLIC + _APOSTROPHES


def _safe(chars: str) -> str:
    for char in chars:  # what translate() below does must be what Python does
        assert unicodedata.normalize("NFC", char) == char
        assert len(char.casefold()) == 1
        assert char.casefold() == char.lower()
        assert len(char.upper()) == 1
    return chars


def _bracket(chars: str) -> str:
    escaped = "".join("\\" + c if c in "\\]^-[" else c for c in chars)
    return "'^[" + escaped.replace("'", "''") + "]*$'"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


_NAME_SET = _bracket(_safe(_NAME_CHARS))
_TEXT_SET = _bracket(_safe(_TEXT_CHARS))
_UPPER = "".join(c for c in _TEXT_CHARS if c.lower() != c)
_LOWER = "".join(c for c in _TEXT_CHARS if c.upper() != c)
_COLLATED = "".join(chr(0x100 + index) for index in range(len(UKRAINIAN_ALPHABET)))
assert all(c.lower() in UKRAINIAN_ALPHABET for c in _NAME_CHARS if c not in _APOSTROPHES)


# Whether the database's lower() and upper() fold the safe characters as Python does
# (they do under a C.UTF-8 or uk_UA.UTF-8 collation, not under C): they are then used,
# being several times faster than translate() over a hundred characters.
NATIVE_CASE_SQL = (
    f"SELECT lower({_literal(_TEXT_CHARS)}) = {_literal(_TEXT_CHARS.lower())} "
    f"AND upper({_literal(_TEXT_CHARS)}) = {_literal(_TEXT_CHARS.upper())}"
)


def _lower(sql: str, native: bool) -> str:
    if native:
        return f"lower({sql})"
    return f"translate({sql}, {_literal(_UPPER)}, {_literal(''.join(c.lower() for c in _UPPER))})"


def _upper(sql: str, native: bool) -> str:
    if native:
        return f"upper({sql})"
    return f"translate({sql}, {_literal(_LOWER)}, {_literal(''.join(c.upper() for c in _LOWER))})"


def _normalized(sql: str) -> str:
    """``normalize_text`` of text of the safe characters."""
    plain = _literal("'" * len(_APOSTROPHES))
    apostrophes = f"translate({sql}, {_literal(_APOSTROPHES)}, {plain})"
    spaces = f"CASE WHEN {sql} LIKE '%  %' THEN regexp_replace({apostrophes}, ' {{2,}}', ' ', 'g') "
    return f"btrim({spaces} ELSE {apostrophes} END, ' ')"


def sort_key(sql: str, native: bool) -> str:
    """``ukrainian_sort_key`` of a normalized name of ``_NAME_CHARS``."""
    lowered = _lower(sql, native)
    return f"translate({lowered}, {_literal(UKRAINIAN_ALPHABET)}, {_literal(_COLLATED)})"


def day_text(sql: str) -> str:
    """A date as ``_shown`` prints it (``%d.%m.%Y``: the year not padded)."""
    return f"(to_char({sql}, 'DD.MM.') || extract(year FROM {sql})::int)"


def _date(sql: str) -> str:
    """A day from ДД.ММ.РРРР or РРРР-ММ-ДД, if the calendar has it; else NULL."""

    def valid(y: str, m: str, d: str) -> str:
        leap = f"(mod({y}, 4) = 0 AND mod({y}, 100) <> 0 OR mod({y}, 400) = 0)"
        days = (
            f"CASE WHEN ({m}) = 2 THEN CASE WHEN {leap} THEN 29 ELSE 28 END "
            f"WHEN ({m}) IN (4, 6, 9, 11) THEN 30 ELSE 31 END"
        )
        return (
            f"CASE WHEN ({y}) >= 1 AND ({m}) BETWEEN 1 AND 12 AND ({d}) BETWEEN 1 AND {days} "
            f"THEN make_date({y}, {m}, {d}) END"
        )

    dotted = valid(*(f"split_part({sql}, '.', {i})::int" for i in (3, 2, 1)))
    iso = valid(*(f"substr({sql}, {a}, {b})::int" for a, b in ((1, 4), (6, 2), (9, 2))))
    return (
        f"CASE WHEN {sql} ~ '^[0-9]{{1,2}}\\.[0-9]{{1,2}}\\.[0-9]{{4}}$' THEN {dotted} "
        f"WHEN {sql} ~ '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}$' THEN {iso} END"
    )


_NAMES = ("last_name", "first_name", "patronymic")
_DATES = ("birth_date", "start_date", "end_date")
_CODES = {
    "rnokpp": "^[0-9]{10}$",
    "settlement": "^[Uu][Aa][0-9]{17}$",
    "service": "^[0-9]{3}\\.[0-9](\\.[0-9])?$",
    "provider": "^[0-9]{1,10}$",
    "volume": "^[0-9]{1,7}([.,][0-9]{1,2})?$",
}
_REQUIRED = {"last_name", "first_name", "birth_date", "sex", "settlement", "service"}
_REQUIRED |= {"provider", "start_date"}
WORDS = json.dumps(CHOICE_WORDS, ensure_ascii=False)


def _cleaned(key: str, cell: str, native: bool) -> str:
    """Step 1: the cell's text tidied, or NULL if SQL does not read it."""
    raw = f"coalesce({cell}, '')"
    if key in _NAMES:
        return f"CASE WHEN {raw} ~ {_NAME_SET} THEN {_normalized(raw)} END"
    if key in CHOICE_WORDS:
        return f"CASE WHEN {raw} ~ {_TEXT_SET} THEN {_lower(_normalized(raw), native)} END"
    if key == "document_number":
        spaceless = f"replace({raw}, ' ', '')"
        return f"CASE WHEN {raw} ~ {_TEXT_SET} THEN {_upper(spaceless, native)} END"
    if key in _DATES:
        return f"btrim({raw}, ' ')"
    return f"replace({raw}, ' ', '')"


def _value(key: str, x: str) -> tuple[str, str]:
    """Step 2: the value from the tidied text ``x`` (NULL where SQL does not read it), and,
    over the value ``v`` and ``x``, whether SQL read the cell."""
    required = key in _REQUIRED
    blank = "false" if required else f"{x} = ''"
    if key in _NAMES:
        ok = f"{x} <> ''" if required else f"{x} IS NOT NULL"
        return x, f"{ok} AND char_length({x}) <= 100"
    if key == "document_number":
        return x, f"{x} IS NOT NULL AND char_length({x}) <= 30"
    if key in CHOICE_WORDS:
        word = f"({_literal(WORDS)}::jsonb -> {_literal(key)} ->> rtrim({x}, '.'))"
        return f"CASE WHEN {x} <> '' THEN {word} END", blank
    if key in _DATES:
        return _date(x), blank
    read = f"{x} ~ {_literal(_CODES[key])}"
    value = {"settlement": f"upper({x})", "volume": f"replace({x}, ',', '.')::numeric"}
    return f"CASE WHEN {read} THEN {value.get(key, x)} END", blank


# Columns with nearly one text a row (a person's number): a lookup would cost more than
# reading the cell where it is. Every other column repeats — a few services, settlements,
# days, common names — and each of its distinct texts is read once (``import_cells_*``).
_READ_IN_PLACE = {"rnokpp", "document_number"}
_SPACE_KEY = _COLLATED[UKRAINIAN_ALPHABET.index(" ")]


def _readable(key: str, value: str, ok: str) -> str:
    """Whether SQL read the cell: its value, or a blank SQL vouches for."""
    if key in _NAMES or key == "document_number":
        return f"({ok})"
    return f"({value} IS NOT NULL OR {ok})"


def _cells_sql(key: str, cell: str, native: bool) -> str:
    """CREATE ``import_cells_<key>``: each distinct text of the column, its value, whether
    SQL read it and, for a part of the name, its sort key."""
    value, ok = _value(key, "x")
    name_key = f", {sort_key('v', native)} AS name_key" if key in _NAMES else ""
    return f"""DROP TABLE IF EXISTS import_cells_{key};
CREATE TEMP TABLE import_cells_{key} ON COMMIT DROP AS
SELECT raw, v, coalesce({_readable(key, "v", ok)}, false) AS readable{name_key}
FROM (SELECT raw, x, {value} AS v
      FROM (SELECT raw, {_cleaned(key, "raw", native)} AS x
            FROM (SELECT DISTINCT coalesce({cell}, '') AS raw FROM import_raw r WHERE NOT python) d
            OFFSET 0) cleaned
      OFFSET 0) typed;
ANALYZE import_cells_{key};
"""


def _name_key(looked_up: list[str], native: bool) -> str:
    """``ukrainian_sort_key`` of the full name. The key is the name's letters mapped one by
    one, so the full name's key is its parts' keys (from their lookup tables) joined by
    the key of a space."""
    parts = [
        f"{key}_key" if key in looked_up else sort_key(key, native)
        for key in ("last_name", "first_name", "patronymic")
    ]
    return f"concat_ws('{_SPACE_KEY}', {parts[0]}, {parts[1]}, nullif({parts[2]}, ''))"


def rows_sql(header: Header, today: datetime.date, *, native: bool) -> str:
    """CREATE ``import_rows``: the rows SQL reads, typed — after the tables of the distinct
    texts of the columns it reads through them."""
    from turbota.people.import_columns import COLUMNS

    keys = [column.key for column in COLUMNS]
    cells = {key: f"r.c{header.positions[key]}" for key in keys if key in header.positions}
    looked_up = [key for key in keys if key in cells and key not in _READ_IN_PLACE]
    in_place = [key for key in keys if key not in looked_up]
    tables = "".join(_cells_sql(key, cells[key], native) for key in looked_up)
    joins = "\n".join(
        f"JOIN import_cells_{key} m_{key} ON m_{key}.raw = coalesce({cells[key]}, '')"
        for key in looked_up
    )
    name_keys = [f"{key}_key" for key in _NAMES if key in looked_up]
    found = [f"m_{key}.v AS {key}" for key in looked_up]
    found += [f"m_{key}.name_key AS {key}_key" for key in _NAMES if key in looked_up]
    cleaned = [
        f"{_cleaned(key, cells.get(key, 'NULL::text'), native)} AS x_{key}" for key in in_place
    ]
    typed = [(key, *_value(key, f"x_{key}")) for key in in_place]
    values = [f"{value} AS {key}, x_{key}" for key, value, _ in typed]
    read_there = " AND ".join(["NOT r.python"] + [f"m_{key}.readable" for key in looked_up])
    read_here = " AND ".join([_readable(key, key, ok) for key, _, ok in typed] or ["true"])
    # Each lookup matches one row of its table, but the planner cannot know it of an
    # expression (coalesce) and, guessing few rows, would loop over the table for each row.
    return f"""{tables}
SET LOCAL enable_nestloop = off;
SET LOCAL enable_mergejoin = off;
CREATE TEMP TABLE {ROWS} ON COMMIT DROP AS
SELECT n, k, last_name, first_name, coalesce(patronymic, '') AS patronymic, rnokpp,
    coalesce(document_type, '') AS document_type, document_number, birth_date, sex,
    settlement, service, provider, start_date, end_date,
    coalesce(payment_basis, 'free') AS payment_basis, volume,
    coalesce(volume_unit, '') AS volume_unit,
    coalesce(status, CASE WHEN end_date < DATE '{today:%Y-%m-%d}' THEN 'completed'
        ELSE 'active' END) AS status,
    {_name_key(looked_up, native)} AS name_key
FROM (
    SELECT n, k, {", ".join([*looked_up, *name_keys, *values])}
    FROM (SELECT r.n, coalesce(r.k, r.n - 2) AS k, {", ".join(found + cleaned)}
          FROM import_raw r
          {joins}
          WHERE {read_there}
          OFFSET 0) cleaned
    OFFSET 0
) typed
WHERE {read_here};
RESET enable_nestloop;
RESET enable_mergejoin;
"""
