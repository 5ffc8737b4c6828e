"""Reading an uploaded registry workbook: every row is checked, and a valid file becomes
one draft per provider, which ``import_changes`` compares with the database.

A sheet that is present describes its kind of records completely for the providers of
the file (absent rows are removed); an absent sheet leaves that kind as it is. Providers
missing from the file are never touched.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import IO

import openpyxl
from django.core.exceptions import ValidationError
from django.db import models

from turbota.catalog.models import Service
from turbota.core.imports import ImportPlan
from turbota.providers import workbook as book
from turbota.providers.enums import CapacityUnit
from turbota.providers.import_changes import (
    AddressDraft,
    DepartmentDraft,
    Draft,
    ServiceDraft,
    StaffDraft,
    plan_changes,
)
from turbota.providers.models import (
    Department,
    Provider,
    ProviderAddress,
    StaffPosition,
)
from turbota.providers.queries import hromada_settlements
from turbota.reports.xlsx import FileProblem, Row, SheetSpec, Workbook, read_workbook
from turbota.territories.models import Territory

_TEXT_FIELDS = (
    "full_name",
    "short_name",
    "legal_form",
    "parent_code",
    "phone",
    "email",
    "website",
    "postcode",
    "legal_address",
    "last_inspection_body",
    "last_inspection_result",
    "activity",
)
_OTHER_FIELDS = ("last_inspection_date", "registry_status_date")
_FLAGS = ("is_potential", "in_national_registry")
CENTS = Decimal("0.01")


def plan_import(source: IO[bytes], *, hromada: Territory) -> ImportPlan:
    """Check a registry workbook for ``hromada`` and plan its changes."""
    codes = book.service_codes()
    specs = book.workbook_specs(codes)
    workbook = read_workbook(source, specs)
    if book.PROVIDERS not in workbook.rows:
        return ImportPlan(problems=workbook.errors)
    reading = Reading(workbook, hromada=hromada, specs=specs)
    reading.problems += _unknown_service_columns(source, codes)
    drafts = reading.drafts()
    if reading.problems:
        order = {spec.name: index for index, spec in enumerate(specs)}
        reading.problems.sort(key=lambda p: (order.get(p.sheet, -1), p.row or 0))
        return ImportPlan(problems=reading.problems)
    return plan_changes(drafts)


def _unknown_service_columns(source: IO[bytes], codes: list[str]) -> list[FileProblem]:
    """A classifier-like column the classifier does not have would be silently ignored."""
    source.seek(0)
    workbook = openpyxl.load_workbook(source, read_only=True, data_only=True)
    try:
        header = next(workbook[book.PROVIDERS].iter_rows(max_row=1, values_only=True), ())
    finally:
        workbook.close()
    known = set(codes)
    return [
        FileProblem(
            message="такого коду послуги немає в класифікаторі",
            sheet=book.PROVIDERS,
            row=1,
            column=openpyxl.utils.get_column_letter(index + 1),
            value=str(cell),
        )
        for index, cell in enumerate(header)
        if isinstance(cell, str)
        and book.SERVICE_CODE.match(cell.strip())
        and cell.strip() not in known
    ]


class Reading:
    """One pass over a workbook: drafts of providers and the problems found."""

    def __init__(self, workbook: Workbook, *, hromada: Territory, specs: list[SheetSpec]):
        self.workbook = workbook
        self.hromada = hromada
        self.providers_spec = specs[0]
        self.problems: list[FileProblem] = list(workbook.errors)
        self._bad = {(p.sheet, p.row) for p in workbook.errors if p.row}
        self.keys: dict[str, Draft | None] = {}
        self._load_known()

    def _load_known(self) -> None:
        providers = list(
            Provider.objects.filter(hromada=self.hromada)
            .select_related("legal_settlement")
            .prefetch_related(
                "addresses__settlement",
                "departments__settlement",
                "staff__department",
                "services__service",
                "services__department",
            )
        )
        self.by_code = {p.registry_code: p for p in providers if p.registry_code}
        self.by_name = {p.full_name: p for p in providers}
        codes = {
            row.values.get("registry_code") for row in self.workbook.sheet_rows(self.providers_spec)
        }
        self.foreign_codes = set(
            Provider.objects.filter(registry_code__in=codes - {None, ""})
            .exclude(hromada=self.hromada)
            .values_list("registry_code", flat=True)
        )
        self.settlements = {t.code: t for t in hromada_settlements(self.hromada)}
        self.services = {service.code: service for service in Service.objects.all()}

    def fail(self, problem: FileProblem) -> None:
        self.problems.append(problem)

    def _is_bad(self, row: Row) -> bool:
        return (row.sheet.name, row.number) in self._bad

    def drafts(self) -> list[Draft]:
        drafts = self._provider_drafts()
        if not self.workbook.sheet_rows(self.providers_spec):
            self.fail(FileProblem(message="немає жодного надавача", sheet=book.PROVIDERS))
        self._check_names(drafts)
        self._read_departments(drafts)
        self._read_addresses(drafts)
        self._read_staff(drafts)
        self._read_services(drafts)
        self._settle_services(drafts)
        return drafts

    # «Надавачі»

    def _provider_drafts(self) -> list[Draft]:
        drafts: list[Draft] = []
        for row in self.workbook.sheet_rows(self.providers_spec):
            code, name = row.values.get("registry_code"), row.values.get("full_name")
            keys = [str(key) for key in (code, name) if key]
            if any(key in self.keys for key in keys) and not self._is_bad(row):
                column = "registry_code" if code and str(code) in self.keys else "full_name"
                self.fail(row.error(column, "цей надавач уже є вище у файлі"))
                continue
            draft = None if self._is_bad(row) else self._provider_draft(row)
            for key in keys:
                self.keys[key] = draft
            if draft is not None:
                drafts.append(draft)
        return drafts

    def _provider_draft(self, row: Row) -> Draft | None:
        code, name = row.values.get("registry_code"), row.values["full_name"]
        if code and code in self.foreign_codes:
            self.fail(
                row.error(
                    "registry_code",
                    "цей код має надавач іншої громади; імпорт не переносить надавачів "
                    "між громадами",
                )
            )
            return None
        existing = self.by_code.get(code) if code else None
        if existing is None:
            existing = self.by_name.get(name)
            if existing is not None and code and existing.registry_code:
                self.fail(
                    row.error(
                        "full_name",
                        f"у громаді вже є надавач з такою назвою, але з кодом "
                        f"{existing.registry_code}",
                    )
                )
                return None
        provider = copy.copy(existing) if existing else Provider(hromada=self.hromada)
        if not self._fill_provider(row, provider) or not self._valid(row, provider):
            return None
        return Draft(row=row, existing=existing, provider=provider, answers=_answers(row))

    def _fill_provider(self, row: Row, provider: Provider) -> bool:
        given = row.letters
        for name in _TEXT_FIELDS:
            if name in given:
                setattr(provider, name, row.values.get(name) or "")
        for name in _OTHER_FIELDS:
            if name in given:
                setattr(provider, name, row.values.get(name))
        for name in _FLAGS:
            if name in given:
                setattr(provider, name, bool(row.values.get(name)))
        if row.values.get("registry_code"):
            provider.registry_code = row.values["registry_code"]
        if row.values.get("ownership_sector"):
            provider.ownership_sector = book.SECTOR_LABELS[row.values["ownership_sector"]]
        if "legal_settlement" not in given:
            return True
        found, settlement = self._settlement(row, "legal_settlement")
        provider.legal_settlement = settlement
        return found

    def _valid(self, row: Row, obj: models.Model, *exclude: str) -> bool:
        """The model's own rules (formats, lengths, its ``clean``), as cell problems."""
        try:
            obj.full_clean(
                exclude=["hromada", "provider", "legal_settlement", "settlement", *exclude],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                message = " ".join(messages)
                if name in row.letters:
                    self.fail(row.error(name, message))
                else:
                    self.fail(row.row_error(message))
            return False
        return True

    def _settlement(self, row: Row, key: str) -> tuple[bool, Territory | None]:
        code = row.values.get(key)
        if not code:
            return True, None
        settlement = self.settlements.get(str(code).strip())
        if settlement is None:
            self.fail(row.error(key, "населеного пункту з таким кодом немає в цій громаді"))
            return False, None
        return True, settlement

    def _check_names(self, drafts: list[Draft]) -> None:
        """After the import no two providers of the hromada may share a full name."""
        renamed = {d.existing.pk for d in drafts if d.existing}
        for draft in drafts:
            owner = self.by_name.get(draft.provider.full_name)
            if owner is not None and owner != draft.existing and owner.pk not in renamed:
                self.fail(
                    draft.row.error("full_name", "у громаді вже є інший надавач з такою назвою")
                )

    # The part sheets

    def _part_rows(self, spec: SheetSpec) -> Iterator[tuple[Row, Draft]]:
        for row in self.workbook.sheet_rows(spec):
            if self._is_bad(row):
                continue
            key = str(row.values["provider"])
            if key not in self.keys:
                self.fail(row.error("provider", "такого надавача немає на аркуші «Надавачі»"))
                continue
            draft = self.keys[key]
            if draft is not None:
                yield row, draft

    def _has(self, spec: SheetSpec) -> bool:
        return spec.name in self.workbook.rows

    def _read_departments(self, drafts: list[Draft]) -> None:
        if not self._has(book.DEPARTMENTS_SHEET):
            return
        for draft in drafts:
            draft.departments = {}
        for row, draft in self._part_rows(book.DEPARTMENTS_SHEET):
            assert draft.departments is not None
            name, address = row.values["name"], row.values.get("address") or ""
            if name.casefold() in draft.departments:
                self.fail(row.error("name", "це відділення надавача вже є вище"))
                continue
            found, settlement = self._settlement(row, "settlement")
            if found and self._valid(row, Department(name=name, address=address), "settlement"):
                draft.departments[name.casefold()] = DepartmentDraft(name, settlement, address)

    def _read_addresses(self, drafts: list[Draft]) -> None:
        if not self._has(book.ADDRESSES_SHEET):
            for draft in drafts:
                if "addresses" in draft.row.letters:
                    self._addresses_from_column(draft)
            return
        for draft in drafts:
            draft.addresses = {}
        for row, draft in self._part_rows(book.ADDRESSES_SHEET):
            assert draft.addresses is not None
            address = row.values["address"]
            if address.casefold() in draft.addresses:
                self.fail(row.error("address", "ця адреса надавача вже є вище"))
                continue
            found, settlement = self._settlement(row, "settlement")
            if found and self._valid(row, ProviderAddress(address=address), "settlement"):
                draft.addresses[address.casefold()] = AddressDraft(address, settlement)

    def _addresses_from_column(self, draft: Draft) -> None:
        """A registry export lists addresses in one cell; each is linked to a settlement
        when exactly one of the hromada's settlement names occurs in it."""
        known = {a.address.casefold(): a for a in draft.existing_parts("addresses")}
        draft.addresses = {}
        cell = draft.row.values.get("addresses") or ""
        for address in (part.strip() for part in cell.split(";")):
            if not address or address.casefold() in draft.addresses:
                continue
            if not self._valid(draft.row, ProviderAddress(address=address), "settlement"):
                return
            old = known.get(address.casefold())
            settlement = old.settlement if old else self._settlement_named_in(address)
            draft.addresses[address.casefold()] = AddressDraft(address, settlement)

    def _settlement_named_in(self, address: str) -> Territory | None:
        found = [
            settlement
            for settlement in self.settlements.values()
            if re.search(rf"(?<!\w){re.escape(settlement.name)}(?!\w)", address, re.IGNORECASE)
        ]
        return found[0] if len(found) == 1 else None

    def _department_known(self, row: Row, draft: Draft, name: str) -> bool:
        if not name or name.casefold() in draft.department_names():
            return True
        self.fail(row.error("department", "такого відділення в надавача немає"))
        return False

    def _read_staff(self, drafts: list[Draft]) -> None:
        if not self._has(book.STAFF_SHEET):
            return
        for draft in drafts:
            draft.staff = {}
        for row, draft in self._part_rows(book.STAFF_SHEET):
            assert draft.staff is not None
            department, title = row.values.get("department") or "", row.values["title"]
            key = (department.casefold(), title.casefold())
            if key in draft.staff:
                self.fail(row.error("title", "ця посада (у цьому відділенні) вже є вище"))
                continue
            established: Decimal = row.values["established"]
            filled: Decimal = row.values["filled"]
            position = StaffPosition(title=title, established=established, filled=filled)
            if self._department_known(row, draft, department) and self._valid(
                row, position, "department"
            ):
                # As stored (1.50, not 1.5), so an unchanged post compares equal.
                established, filled = established.quantize(CENTS), filled.quantize(CENTS)
                draft.staff[key] = StaffDraft(department, title, established, filled)

    def _read_services(self, drafts: list[Draft]) -> None:
        if not self._has(book.SERVICES_SHEET):
            return
        for draft in drafts:
            draft.services = {}
        for row, draft in self._part_rows(book.SERVICES_SHEET):
            service = self._service_draft(row, draft)
            if service is not None:
                assert draft.services is not None
                draft.services[service.service.code] = service

    def _settle_services(self, drafts: list[Draft]) -> None:
        """Services are «так» in a classifier column or rows of «Послуги». Without that
        sheet, only the classifier columns in the file are decided on."""
        for draft in drafts:
            if draft.services is None and not draft.answers:
                continue
            managed = None if draft.services is not None else set(draft.answers)
            wanted = dict(draft.services or {})
            existing = {item.service.code: item for item in draft.existing_parts("services")}
            for code, answer in draft.answers.items():
                if answer and code not in wanted:
                    old = existing.get(code)
                    wanted[code] = (
                        ServiceDraft.of(old) if old else ServiceDraft(self.services[code])
                    )
            draft.services, draft.managed_services = wanted, managed

    def _service_draft(self, row: Row, draft: Draft) -> ServiceDraft | None:
        assert draft.services is not None
        code = str(row.values["code"]).strip()
        service = self.services.get(code)
        if service is None:
            self.fail(row.error("code", "такого коду послуги немає в класифікаторі"))
            return None
        if code in draft.services:
            self.fail(row.error("code", "ця послуга надавача вже є вище"))
            return None
        if draft.answers.get(code) is False:
            self.fail(row.error("code", "на аркуші «Надавачі» для цієї послуги стоїть «ні»"))
            return None
        department = row.values.get("department") or ""
        if not self._department_known(row, draft, department):
            return None
        result = _service_values(row, service, department)
        if not self._valid(row, result.as_model(), "service", "department"):
            return None
        return result


def _answers(row: Row) -> dict[str, bool | None]:
    """The classifier columns present in the file: так, ні, or empty (None)."""
    return {
        key.removeprefix(book.SERVICE_COLUMN): row.values.get(key)
        for key in row.letters
        if key.startswith(book.SERVICE_COLUMN)
    }


def _service_values(row: Row, service: Service, department: str) -> ServiceDraft:
    bases = [row.values.get(name) for name in ("free", "differentiated_fee", "paid")]
    if all(basis is None for basis in bases):
        bases = [True, False, False]
    unit = row.values.get("unit")
    return ServiceDraft(
        service=service,
        capacity=row.values.get("capacity"),
        unit=book.UNIT_LABELS[unit] if unit else CapacityUnit.RECIPIENTS_PER_YEAR,
        free=bool(bases[0]),
        differentiated_fee=bool(bases[1]),
        paid=bool(bases[2]),
        department=department,
    )
