"""The provider registry's XLSX workbook in the national registry's column shape: sheet
specs, cell parsers, the template and the export (``import_plan`` reads it back).

The first sheet, «Надавачі», has the columns of the registry's public provider export
(CMU No. 99) in their order — one yes/no column per classifier code — followed by our own
columns; a bare registry export therefore imports as it is. The optional sheets «Послуги»,
«Адреси», «Відділення» and «Штат» carry what the registry has no room for. A provider is
keyed by its ЄДРПОУ/РНОКПП, or by its exact full name when it has no code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.db.models import Prefetch

from turbota.catalog.models import Service
from turbota.providers.enums import CapacityUnit, OwnershipSector
from turbota.providers.models import (
    Department,
    ProvidedService,
    Provider,
    ProviderAddress,
    StaffPosition,
)
from turbota.providers.queries import hromada_settlements
from turbota.reports.xlsx import (
    CellValueError,
    Column,
    SheetSpec,
    parse_count,
    parse_date,
    parse_decimal,
    parse_text,
    parse_yes_no,
    write_workbook,
)
from turbota.territories.models import Territory

PROVIDERS = "Надавачі"
SERVICES = "Послуги"
ADDRESSES = "Адреси"
DEPARTMENTS = "Відділення"
STAFF = "Штат"
SETTLEMENTS = "Населені пункти"
ADDRESS_SEPARATOR = "; "
SERVICE_COLUMN = "service:"
SERVICE_CODE = re.compile(r"^\d{3}\.\d(\.\d)?$")

SECTOR_LABELS = {str(label): str(value) for value, label in OwnershipSector.choices}
# The registry's own spellings vary ("Комунальна", "Недержавний сектор"): match the stem.
_SECTOR_STEMS = (
    ("недержавн", OwnershipSector.NON_STATE),
    ("приватн", OwnershipSector.NON_STATE),
    ("державн", OwnershipSector.STATE),
    ("комунальн", OwnershipSector.COMMUNAL),
    ("фізичн", OwnershipSector.NATURAL_PERSON),
)
UNIT_LABELS = {str(label): str(value) for value, label in CapacityUnit.choices}


def parse_registry_code(value: object) -> str:
    """ЄДРПОУ (8 digits) or РНОКПП (10 digits); a number cell gets its leading zeros back."""
    if isinstance(value, bool):
        raise CellValueError("очікується код із цифр")
    if isinstance(value, int | float):
        if isinstance(value, float) and not value.is_integer():
            raise CellValueError("код ЄДРПОУ — 8 цифр, РНОКПП — 10 цифр")
        digits = str(int(value))
        text = digits.zfill(8) if len(digits) <= 8 else digits.zfill(10)
    else:
        text = "".join(parse_text(value).split())
    if not re.fullmatch(r"\d{8}|\d{10}", text):
        raise CellValueError("код ЄДРПОУ — 8 цифр, РНОКПП фізичної особи — 10 цифр")
    return text


def parse_postcode(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value).zfill(5)
    text = parse_text(value)
    if not re.fullmatch(r"\d{5}", text):
        raise CellValueError("поштовий індекс — 5 цифр")
    return text


def parse_sector(value: object) -> str:
    text = parse_text(value).casefold()
    for stem, sector in _SECTOR_STEMS:
        if text.startswith(stem):
            return str(sector.label)
    raise CellValueError("допустимі значення: " + ", ".join(f"«{s}»" for s in SECTOR_LABELS))


def parse_unit(value: object) -> str:
    text = parse_text(value).casefold()
    for label in UNIT_LABELS:
        if text == label.casefold():
            return label
    raise CellValueError("допустимі значення: " + ", ".join(f"«{u}»" for u in UNIT_LABELS))


def _yes_no(key: str, header: str, help: str = "") -> Column:
    return Column(key, header, parse=parse_yes_no, width=12, help=help or "так / ні")


KEY_COLUMN = Column(
    "provider",
    "ЄДРПОУ/РНОКПП або повна назва",
    required=True,
    width=30,
    help="код надавача з аркуша «Надавачі», а якщо коду немає — його точна повна назва",
)
SETTLEMENT_HELP = "код КАТОТТГ населеного пункту громади (див. аркуш «Населені пункти»)"


# The registry export's columns before the classifier codes, in its order …
REGISTRY_COLUMNS = (
    Column(
        "registry_code",
        "ЄДРПОУ/РНОКПП",
        parse=parse_registry_code,
        width=14,
        help="8 цифр ЄДРПОУ або 10 цифр РНОКПП; порожньо, якщо коду немає",
    ),
    Column("full_name", "Повна назва", required=True, width=50),
    Column("short_name", "Скорочена назва", width=30),
    Column("legal_form", "Організаційно-правова форма", width=24),
    Column("parent_code", "ЄДРПОУ засновника", parse=parse_registry_code, width=14),
    Column("ownership_sector", "Сектор", parse=parse_sector, choices=tuple(SECTOR_LABELS)),
    Column("phone", "Телефон"),
    Column("email", "Електронна пошта", width=24),
    Column("website", "Вебсайт", width=24),
    Column("postcode", "Поштовий індекс", parse=parse_postcode, width=10),
    Column("legal_address", "Юридична адреса", width=40),
    Column(
        "addresses",
        "Адреси надання послуг",
        width=50,
        help="кілька адрес — через «; »; якщо є аркуш «Адреси», діє він",
    ),
    Column("last_inspection_date", "Дата останньої перевірки", parse=parse_date),
    Column("last_inspection_body", "Орган, що перевіряв", width=24),
    Column("last_inspection_result", "Результат перевірки", width=24),
)
# … and after them: the registry's last column, then ours.
CLOSING_COLUMNS = (
    Column("registry_status_date", "Дата статусу в Реєстрі", parse=parse_date),
    _yes_no("is_potential", "Потенційний надавач", "громадська чи благодійна організація"),
    _yes_no("in_national_registry", "Внесено до Реєстру"),
    Column("activity", "Сфера діяльності", width=40),
    Column("legal_settlement", "Населений пункт юридичної адреси", help=SETTLEMENT_HELP),
)


def providers_sheet(codes: Sequence[str]) -> SheetSpec:
    """«Надавачі»: the registry export's columns with one per classifier code, then ours."""
    services = tuple(
        _yes_no(f"{SERVICE_COLUMN}{code}", code, f"послуга {code}: так / ні") for code in codes
    )
    return SheetSpec(
        name=PROVIDERS,
        description="Один рядок — один надавач. Стовпці до «Дата статусу в Реєстрі» "
        "повторюють публічний витяг Реєстру надавачів соціальних послуг.",
        columns=(*REGISTRY_COLUMNS, *services, *CLOSING_COLUMNS),
    )


SERVICES_SHEET = SheetSpec(
    name=SERVICES,
    required=False,
    description="Один рядок — одна послуга надавача. Якщо аркуш є, він повністю описує "
    "послуги надавачів із аркуша «Надавачі».",
    columns=(
        KEY_COLUMN,
        Column("code", "Код послуги", required=True, width=10, help="наприклад 015.1"),
        Column("capacity", "Потужність", parse=parse_count, width=12),
        Column(
            "unit",
            "Одиниця потужності",
            parse=parse_unit,
            choices=tuple(UNIT_LABELS),
            width=20,
        ),
        _yes_no("free", "Безоплатно"),
        _yes_no("differentiated_fee", "Диференційована плата"),
        _yes_no("paid", "Платно"),
        Column("department", "Відділення", width=30, help="назва відділення надавача"),
    ),
)
ADDRESSES_SHEET = SheetSpec(
    name=ADDRESSES,
    required=False,
    description="Адреси надання послуг. Якщо аркуш є, він замінює стовпець «Адреси надання "
    "послуг» і повністю описує адреси надавачів із аркуша «Надавачі».",
    columns=(
        KEY_COLUMN,
        Column("settlement", "Код населеного пункту", width=22, help=SETTLEMENT_HELP),
        Column("address", "Адреса", required=True, width=50),
    ),
)
DEPARTMENTS_SHEET = SheetSpec(
    name=DEPARTMENTS,
    required=False,
    description="Відділення надавачів. Якщо аркуш є, він повністю описує відділення "
    "надавачів із аркуша «Надавачі».",
    columns=(
        KEY_COLUMN,
        Column("name", "Назва відділення", required=True, width=40),
        Column("settlement", "Код населеного пункту", width=22, help=SETTLEMENT_HELP),
        Column("address", "Адреса", width=40),
    ),
)
STAFF_SHEET = SheetSpec(
    name=STAFF,
    required=False,
    description="Штатні посади: скільки штатних одиниць і скільки людей фактично працює. "
    "Якщо аркуш є, він повністю описує штат надавачів із аркуша «Надавачі».",
    columns=(
        KEY_COLUMN,
        Column("department", "Відділення", width=30, help="порожньо — посада без відділення"),
        Column("title", "Посада", required=True, width=40),
        Column("established", "Штатних одиниць", parse=parse_decimal, required=True),
        Column("filled", "Фактично працює", parse=parse_decimal, required=True),
    ),
)
SETTLEMENTS_SHEET = SheetSpec(
    name=SETTLEMENTS,
    required=False,
    description="Довідка: населені пункти громади та їхні коди (при імпорті не читається).",
    columns=(
        Column("code", "Код КАТОТТГ", width=22),
        Column("name", "Населений пункт", width=40),
    ),
)
PART_SHEETS = (SERVICES_SHEET, ADDRESSES_SHEET, DEPARTMENTS_SHEET, STAFF_SHEET)
INSTRUCTIONS = (
    "Реєстр надавачів соціальних послуг громади.",
    "Аркуш «Надавачі» обов'язковий; решта — за потреби. Витяг із Реєстру надавачів можна "
    "імпортувати як є.",
    "Надавача впізнають за кодом ЄДРПОУ/РНОКПП, а якщо коду немає — за точною повною назвою. "
    "Надавачів, яких немає у файлі, не видаляють.",
    "Стовпці послуг (015.1 тощо): «так» — надавач надає послугу, «ні» або порожньо — не надає.",
    "Файл записують лише цілком: якщо хоч один рядок з помилкою, не записують нічого.",
)


def service_codes() -> list[str]:
    return list(Service.objects.order_by("code").values_list("code", flat=True))


def workbook_specs(codes: Sequence[str]) -> list[SheetSpec]:
    return [providers_sheet(codes), *PART_SHEETS]


def write_template(hromada: Territory) -> bytes:
    """An empty workbook with every sheet, plus the hromada's settlement codes."""
    specs = [*workbook_specs(service_codes()), SETTLEMENTS_SHEET]
    settlements = [
        {"code": territory.code, "name": territory.display_name}
        for territory in hromada_settlements(hromada)
    ]
    return write_workbook(specs, {SETTLEMENTS: settlements}, instructions=INSTRUCTIONS)


def write_export(hromada: Territory) -> bytes:
    """The hromada's registry with every provider, in the shape the import reads."""
    codes = service_codes()
    rows: dict[str, list[dict[str, Any]]] = {sheet: [] for sheet in (PROVIDERS, *_PARTS)}
    for provider in _export_queryset(hromada):
        rows[PROVIDERS].append(_provider_row(provider, codes))
        for sheet, describe in _PARTS.items():
            rows[sheet] += describe(provider)
    return write_workbook(workbook_specs(codes), rows, instructions=INSTRUCTIONS)


def _export_queryset(hromada: Territory) -> Any:
    return (
        Provider.objects.filter(hromada=hromada)
        .select_related("legal_settlement")
        .prefetch_related(
            Prefetch("addresses", ProviderAddress.objects.select_related("settlement")),
            Prefetch("departments", Department.objects.select_related("settlement")),
            Prefetch("staff", StaffPosition.objects.select_related("department")),
            Prefetch("services", ProvidedService.objects.select_related("service", "department")),
        )
    )


def provider_key(provider: Provider) -> str:
    return provider.registry_code or provider.full_name


def _provider_row(provider: Provider, codes: Sequence[str]) -> dict[str, Any]:
    row: dict[str, Any] = {
        name: getattr(provider, name)
        for name in (
            "registry_code",
            "full_name",
            "short_name",
            "legal_form",
            "parent_code",
            "phone",
            "email",
            "website",
            "postcode",
            "legal_address",
            "last_inspection_date",
            "last_inspection_body",
            "last_inspection_result",
            "registry_status_date",
            "is_potential",
            "in_national_registry",
            "activity",
        )
    }
    row["ownership_sector"] = provider.get_ownership_sector_display()
    row["addresses"] = ADDRESS_SEPARATOR.join(a.address for a in provider.addresses.all())
    provided = {item.service.code for item in provider.services.all()}
    row.update({f"{SERVICE_COLUMN}{code}": code in provided for code in codes})
    row["legal_settlement"] = provider.legal_settlement.code if provider.legal_settlement else ""
    return row


def _services_rows(provider: Provider) -> list[dict[str, Any]]:
    return [
        {
            "provider": provider_key(provider),
            "code": item.service.code,
            "capacity": item.capacity,
            "unit": item.get_capacity_unit_display(),
            "free": item.free,
            "differentiated_fee": item.differentiated_fee,
            "paid": item.paid,
            "department": item.department.name if item.department else "",
        }
        for item in provider.services.all()
    ]


def _address_rows(provider: Provider) -> list[dict[str, Any]]:
    return [
        {
            "provider": provider_key(provider),
            "settlement": item.settlement.code if item.settlement else "",
            "address": item.address,
        }
        for item in provider.addresses.all()
    ]


def _department_rows(provider: Provider) -> list[dict[str, Any]]:
    return [
        {
            "provider": provider_key(provider),
            "name": item.name,
            "settlement": item.settlement.code if item.settlement else "",
            "address": item.address,
        }
        for item in provider.departments.all()
    ]


def _staff_rows(provider: Provider) -> list[dict[str, Any]]:
    return [
        {
            "provider": provider_key(provider),
            "department": item.department.name if item.department else "",
            "title": item.title,
            "established": item.established,
            "filled": item.filled,
        }
        for item in provider.staff.all()
    ]


_PARTS = {
    SERVICES: _services_rows,
    ADDRESSES: _address_rows,
    DEPARTMENTS: _department_rows,
    STAFF: _staff_rows,
}
