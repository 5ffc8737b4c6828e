"""Checking one row of an episode import file on its own: every cell read by its column,
dates that make sense together, an identity to find the person by, and codes that name a
settlement, service and provider of the hromada (the provider offering that service).

What needs the other rows and the register (who the person is, duplicates, what was
imported before) is in ``import_plan``.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from openpyxl.utils import get_column_letter

from turbota.catalog.models import Service
from turbota.core.text import normalize_text, ukrainian_sort_key
from turbota.people.enums import EpisodeStatus
from turbota.people.import_columns import COLUMNS, EARLIEST_BIRTH
from turbota.providers.enums import PaymentBasis
from turbota.providers.models import ProvidedService, Provider
from turbota.reports.xlsx import CellValueError, Column, FileProblem, parse_text
from turbota.territories.models import Territory

_BY_HEADER = {column.header.casefold(): column for column in COLUMNS}
_BY_KEY = {column.key: column for column in COLUMNS}


def _shown(value: object) -> str:
    if isinstance(value, datetime.date):
        return f"{value:%d.%m.%Y}"
    return parse_text(value)[:200]


@dataclass(frozen=True)
class Header:
    """Where each known column is in the file."""

    positions: dict[str, int]
    sheet: str = ""

    def cell(self, cells: Any, key: str) -> object:
        index = self.positions.get(key)
        return cells[index] if index is not None and index < len(cells) else None

    def problem(self, row: int, key: str, message: str, value: object) -> FileProblem:
        index = self.positions.get(key)
        return FileProblem(
            message=message,
            sheet=self.sheet,
            row=row,
            column=get_column_letter(index + 1) if index is not None else "",
            header=_BY_KEY[key].header,
            value=_shown(value),
        )


def header_key(cell: Any) -> str:
    """A header as compared: spaces tidied, a required-mark star dropped, any case."""
    return normalize_text(parse_text(cell)).rstrip(" *").casefold()


def read_header(
    cells: Any, *, sheet: str = "", mapping: Mapping[str, str] | None = None
) -> tuple[Header | None, list[FileProblem]]:
    """The first row must name the required columns and nothing unknown (a misspelt
    optional column would otherwise be silently left out). ``mapping`` renames a file's
    own headers (``header_key`` of theirs → the template's header) before that."""
    positions: dict[str, int] = {}
    problems = []
    renames = mapping or {}
    for index, cell in enumerate(cells):
        name = header_key(cell)
        name = header_key(renames.get(name, name))
        column = _BY_HEADER.get(name)
        letter = get_column_letter(index + 1)
        if not name:
            continue
        if column is None:
            message = "невідомий стовпець: назви стовпців мають бути як у шаблоні"
        elif column.key in positions:
            message = "стовпець з такою назвою вже є лівіше"
        else:
            positions[column.key] = index
            continue
        problems.append(
            FileProblem(message=message, sheet=sheet, row=1, column=letter, value=_shown(cell))
        )
    missing = [f"«{c.header}»" for c in COLUMNS if c.required and c.key not in positions]
    if missing:
        message = "у першому рядку немає обов'язкових стовпців: " + ", ".join(missing)
        problems.append(FileProblem(message=message, sheet=sheet, row=1))
    return (None if problems else Header(positions, sheet)), problems


@dataclass
class Entry:
    """A row that passed every check of its own: the episode and the person it names."""

    number: int
    header: Header
    last_name: str
    first_name: str
    patronymic: str
    rnokpp: str | None
    document_type: str
    document_number: str
    birth_date: datetime.date
    sex: str
    settlement: str
    service: str
    provider: str
    start_date: datetime.date
    end_date: datetime.date | None
    payment_basis: str
    volume: Decimal | None
    volume_unit: str
    status: str
    settlement_id: int = 0
    service_id: int = 0
    provider_id: int = 0

    def problem(self, key: str, message: str) -> FileProblem:
        return self.header.problem(self.number, key, message, getattr(self, key))

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)

    @cached_property
    def name(self) -> tuple[str, datetime.date]:
        return ukrainian_sort_key(self.full_name), self.birth_date

    @property
    def document(self) -> tuple[str, str] | None:
        return (self.document_type, self.document_number) if self.document_number else None

    @property
    def source_key(self) -> str:
        """The same row hashes the same in every import of it."""
        # Every accepted row has one or the other.
        person = (
            f"rnokpp:{self.rnokpp}" if self.rnokpp else "document:" + ":".join(self.document or ())
        )
        text = f"{person}|{self.service}|{self.provider_id}|{self.start_date:%Y-%m-%d}"
        return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class Lookups:
    """The hromada's settlements, providers and what they offer, and the classifier."""

    hromada: Territory
    settlements: dict[str, int] = field(init=False)
    services: dict[str, int] = field(init=False)
    providers: dict[str, int] = field(init=False)
    provider_names: dict[int, str] = field(init=False)
    offers: set[tuple[int, int]] = field(init=False)
    _elsewhere: dict[tuple[str, str], str] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        settlements = Territory.objects.filter(hromada=self.hromada).settlements()
        self.settlements = dict(settlements.values_list("code", "pk"))
        self.services = dict(Service.objects.values_list("code", "pk"))
        providers = list(Provider.objects.filter(hromada=self.hromada))
        self.providers = {p.registry_code: p.pk for p in providers if p.registry_code}
        self.provider_names = {p.pk: str(p) for p in providers}
        self.offers = set(
            ProvidedService.objects.filter(provider__hromada=self.hromada).values_list(
                "provider_id", "service_id"
            )
        )

    def settlement_problem(self, code: str) -> str:
        """Why ``code`` is not a settlement of the hromada (asked once per code)."""
        if ("settlement", code) not in self._elsewhere:
            found = Territory.objects.filter(code=code).first()
            self._elsewhere["settlement", code] = (
                "такого коду немає в кодифікаторі КАТОТТГ"
                if found is None
                else "це не населений пункт: потрібен код міста, селища чи села громади"
                if not found.is_settlement
                else "цей населений пункт належить до іншої громади"
            )
        return self._elsewhere["settlement", code]

    def provider(self, value: str) -> int | None:
        if value in self.providers:
            return self.providers[value]
        if len(value) < 8 and int(value) in self.provider_names:
            return int(value)
        return None

    def provider_problem(self, value: str) -> str:
        if ("provider", value) not in self._elsewhere:
            elsewhere = Provider.objects.filter(registry_code=value).exists()
            self._elsewhere["provider", value] = (
                "надавач з таким кодом належить до іншої громади"
                if elsewhere
                else "у реєстрі надавачів громади немає надавача з таким кодом"
            )
        return self._elsewhere["provider", value]


def read_row(
    number: int, cells: Any, *, header: Header, lookups: Lookups, today: datetime.date
) -> tuple[Entry | None, list[FileProblem]]:
    """A row as an ``Entry``, or the problems that keep it from being one."""
    values, problems = read_values(number, cells, header=header, today=today)
    if values is None:
        return None, problems
    entry = Entry(number=number, header=header, **values)
    problems = _dates(entry, today) + _identity(entry) + _volume(entry) + _codes(entry, lookups)
    return (None, problems) if problems else (entry, [])


def read_values(
    number: int, cells: Any, *, header: Header, today: datetime.date
) -> tuple[dict[str, Any] | None, list[FileProblem]]:
    """Every cell of a row read by its column, blanks given their defaults, or the
    problems of the cells that cannot be read (the checks of a cell on its own)."""
    values: dict[str, Any] = {}
    problems = []
    for column in COLUMNS:
        raw = header.cell(cells, column.key)
        try:
            values[column.key] = _read(column, raw)
        except CellValueError as error:
            problems.append(header.problem(number, column.key, str(error), raw))
    if problems:
        return None, problems
    return _with_defaults(values, today), []


def _read(column: Column, raw: object) -> Any:
    """``Column.read``, with a blank cell told cheaply (most optional cells are blank)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if column.required:
            raise CellValueError("обов'язкове значення не заповнено")
        return None
    return column.parse(raw)


def _dates(entry: Entry, today: datetime.date) -> list[FileProblem]:
    birth, start, end = entry.birth_date, entry.start_date, entry.end_date
    problems = []
    if birth < EARLIEST_BIRTH:
        problems.append(entry.problem("birth_date", "дата народження — не раніше 01.01.1900"))
    if birth > today:
        problems.append(entry.problem("birth_date", "дата народження не може бути в майбутньому"))
    if start > today:
        problems.append(entry.problem("start_date", "дата початку не може бути в майбутньому"))
    elif start < birth <= today:
        problems.append(entry.problem("start_date", "дата початку раніше за дату народження"))
    if end is not None and end < start:
        problems.append(entry.problem("end_date", "дата завершення раніше за дату початку"))
    return problems


def _identity(entry: Entry) -> list[FileProblem]:
    if entry.document_type and not entry.document_number:
        return [entry.problem("document_number", "вкажіть серію і номер документа")]
    if entry.document_number and not entry.document_type:
        return [entry.problem("document_type", "вкажіть вид документа")]
    if not entry.rnokpp and not entry.document_number:
        return [entry.problem("rnokpp", "вкажіть РНОКПП або вид і номер документа")]
    return []


def _volume(entry: Entry) -> list[FileProblem]:
    if entry.volume is not None and not entry.volume_unit:
        return [entry.problem("volume_unit", "вкажіть одиницю обсягу")]
    return []


def _codes(entry: Entry, lookups: Lookups) -> list[FileProblem]:
    problems = []
    settlement_id = lookups.settlements.get(entry.settlement)
    if settlement_id is None:
        problems.append(entry.problem("settlement", lookups.settlement_problem(entry.settlement)))
    service_id = lookups.services.get(entry.service)
    if service_id is None:
        problems.append(entry.problem("service", "такого коду послуги немає в класифікаторі"))
    provider_id = lookups.provider(entry.provider)
    if provider_id is None:
        problems.append(entry.problem("provider", lookups.provider_problem(entry.provider)))
    if service_id and provider_id and (provider_id, service_id) not in lookups.offers:
        name = lookups.provider_names[provider_id]
        message = f"надавач «{name}» не надає цієї послуги (за реєстром надавачів)"
        problems.append(entry.problem("service", message))
    entry.settlement_id, entry.service_id = settlement_id or 0, service_id or 0
    entry.provider_id = provider_id or 0
    return problems


def _with_defaults(values: dict[str, Any], today: datetime.date) -> dict[str, Any]:
    text = ("patronymic", "document_type", "document_number", "volume_unit", "status")
    values |= {key: values[key] or "" for key in text}
    values["payment_basis"] = values["payment_basis"] or PaymentBasis.FREE
    if not values["status"]:
        end = values["end_date"]
        ended = end is not None and end < today
        values["status"] = EpisodeStatus.COMPLETED if ended else EpisodeStatus.ACTIVE
    return values
