"""The registry workbook: export, template, and import through the shared flow."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from auditlog.models import LogEntry

from conftest import World
from turbota.core.actions import import_now
from turbota.core.imports import ImportPlan, importer_for
from turbota.providers import workbook as book
from turbota.providers.enums import CapacityUnit, OwnershipSector
from turbota.providers.imports import IMPORTER
from turbota.providers.models import Provider
from turbota.providers.tests.factories import make_full_provider, make_provider
from turbota.reports.xlsx import read_workbook, write_workbook
from turbota.territories.models import Territory

CENTRE = "Територіальний центр соціального обслуговування"
NGO = 'Міська організація інвалідів "Вікторія"'
REGISTRY_HEADER = [
    "ЄДРПОУ/РНОКПП",
    "Повна назва",
    "Скорочена назва",
    "Організаційно-правова форма",
    "ЄДРПОУ засновника",
    "Сектор",
    "Телефон",
    "Електронна пошта",
    "Вебсайт",
    "Поштовий індекс",
    "Юридична адреса",
    "Адреси надання послуг",
    "Дата останньої перевірки",
    "Орган, що перевіряв",
    "Результат перевірки",
]
_FIELDS = [
    field.name
    for field in Provider._meta.concrete_fields
    if field.name not in {"id", "created_at", "updated_at", "sort_key", "version", "hromada"}
]


def run(hromada: Territory, content: bytes, *, dry_run: bool = False) -> ImportPlan:
    return import_now(
        importer=IMPORTER, hromada=hromada, source=io.BytesIO(content), dry_run=dry_run
    )


def snapshot(hromada: Territory) -> dict[str, Any]:
    """Every provider of the hromada with its parts, comparable by value."""
    result = {}
    providers = Provider.objects.filter(hromada=hromada).prefetch_related(
        "addresses__settlement", "departments__settlement", "staff__department", "services"
    )
    for p in providers:
        result[p.full_name] = {
            "fields": {name: getattr(p, name) for name in _FIELDS},
            "addresses": sorted((a.address, a.settlement_id) for a in p.addresses.all()),
            "departments": sorted(
                (d.name, d.settlement_id, d.address) for d in p.departments.all()
            ),
            "staff": sorted(
                (s.department.name if s.department else "", s.title, s.established, s.filled)
                for s in p.staff.all()
            ),
            "services": sorted(
                (
                    s.service_id,
                    s.capacity,
                    s.capacity_unit,
                    s.free,
                    s.differentiated_fee,
                    s.paid,
                    s.department.name if s.department else "",
                )
                for s in p.services.select_related("department")
            ),
        }
    return result


def messages(plan: ImportPlan) -> list[str]:
    return [str(problem) for problem in plan.problems]


@pytest.fixture
def registry(world: World) -> Territory:
    """Hromada B with a full card, a potential NGO without a code and a natural person."""
    hromada = world.hromada_b
    make_full_provider(hromada, world.village_b, CENTRE, email="tc@example.org")
    make_provider(
        hromada,
        NGO,
        registry_code=None,
        ownership_sector=OwnershipSector.NON_STATE,
        is_potential=True,
        activity="соціальний захист людей з обмеженими можливостями",
    )
    make_provider(
        hromada,
        "Коваленко Марія Іванівна",
        registry_code="3012345678",
        ownership_sector=OwnershipSector.NATURAL_PERSON,
        in_national_registry=True,
    )
    return hromada


def test_importer_is_registered_for_the_shared_flow() -> None:
    assert importer_for("providers") is IMPORTER


def test_export_has_the_registry_columns_in_order_then_ours(registry: Territory) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(book.write_export(registry)))[book.PROVIDERS]
    header = [cell.value for cell in sheet[1]]
    assert header[:15] == REGISTRY_HEADER
    assert header[15] == "001.0"
    assert "015.1" in header
    assert header[-5:] == [
        "Дата статусу в Реєстрі",
        "Потенційний надавач",
        "Внесено до Реєстру",
        "Сфера діяльності",
        "Населений пункт юридичної адреси",
    ]


def test_export_writes_yes_no_per_service_and_the_part_sheets(registry: Territory) -> None:
    book_ = openpyxl.load_workbook(io.BytesIO(book.write_export(registry)))
    rows = list(book_[book.PROVIDERS].iter_rows(values_only=True))
    header, centre = rows[0], next(row for row in rows if row[1] == CENTRE)
    assert centre[header.index("015.1")] == "так"
    assert centre[header.index("019.0")] == "так"
    assert centre[header.index("001.0")] == "ні"
    assert centre[header.index("Сектор")] == "комунальний"
    assert centre[header.index("Адреси надання послуг")] == "вул. Пушкіна, 8"
    staff = list(book_[book.STAFF].iter_rows(values_only=True))
    assert len(staff) == 4  # header + 3 posts
    nurse = next(row for row in staff if row[2] == "Медична сестра")
    assert nurse[1] == "Відділення соціальної допомоги вдома"
    assert (nurse[3], nurse[4]) == (0.5, 2)


def test_ngo_without_a_code_is_keyed_by_its_full_name(registry: Territory) -> None:
    book_ = openpyxl.load_workbook(io.BytesIO(book.write_export(registry)))
    keys = {row[0] for row in book_[book.PROVIDERS].iter_rows(min_row=2, values_only=True)}
    assert None in keys  # the NGO has no code …
    provider = Provider.objects.get(full_name=NGO)
    assert book.provider_key(provider) == NGO  # … so its full name is its key in the part sheets


def test_template_has_every_sheet_and_the_hromadas_settlement_codes(world: World) -> None:
    book_ = openpyxl.load_workbook(io.BytesIO(book.write_template(world.hromada_a)))
    assert book_.sheetnames == [
        "Інструкція",
        book.PROVIDERS,
        book.SERVICES,
        book.ADDRESSES,
        book.DEPARTMENTS,
        book.STAFF,
        book.SETTLEMENTS,
    ]
    settlements = list(book_[book.SETTLEMENTS].iter_rows(min_row=2, values_only=True))
    assert sorted(settlements) == sorted(
        [(world.city_a.code, "м. Першанськ"), (world.village_a.code, "с. Лугове")]
    )


def test_template_imports_as_a_file_without_providers(world: World) -> None:
    plan = run(world.hromada_a, book.write_template(world.hromada_a))
    assert messages(plan) == ["Аркуш «Надавачі»: немає жодного надавача"]


def test_export_then_import_into_an_emptied_registry_restores_every_card(
    registry: Territory,
) -> None:
    # given
    before = snapshot(registry)
    exported = book.write_export(registry)
    Provider.objects.filter(hromada=registry).delete()
    # when
    plan = run(registry, exported)
    # then
    assert plan.problems == []
    assert snapshot(registry) == before
    assert (
        plan.counts()["create"] == 4 + 1 + 1 + 3 + 2
    )  # providers (with B), address, dept, posts, services
    again = read_workbook(io.BytesIO(book.write_export(registry)), book.workbook_specs(["015.1"]))
    first = read_workbook(io.BytesIO(exported), book.workbook_specs(["015.1"]))
    for name in (book.PROVIDERS, *(spec.name for spec in book.PART_SHEETS)):
        assert [row.values for row in again.rows[name]] == [row.values for row in first.rows[name]]


def test_reimport_of_the_same_file_changes_nothing(registry: Territory) -> None:
    exported = book.write_export(registry)
    versions = dict(Provider.objects.values_list("full_name", "version"))
    entries = LogEntry.objects.count()
    plan = run(registry, exported)
    assert plan.problems == []
    assert plan.counts() == {"create": 0, "update": 0, "unchanged": 4 + 1 + 1 + 3 + 2}
    assert dict(Provider.objects.values_list("full_name", "version")) == versions
    assert LogEntry.objects.count() == entries


def _edited_export(hromada: Territory, edit: Callable[[openpyxl.Workbook], None]) -> bytes:
    book_ = openpyxl.load_workbook(io.BytesIO(book.write_export(hromada)))
    edit(book_)
    buffer = io.BytesIO()
    book_.save(buffer)
    return buffer.getvalue()


def _cell(book_: openpyxl.Workbook, sheet: str, full_name_or_key: str, header: str) -> Any:
    rows = list(book_[sheet].iter_rows())
    column = [cell.value for cell in rows[0]].index(header)
    row = next(r for r in rows if full_name_or_key in [cell.value for cell in r])
    return row[column]


def test_plan_lists_created_updated_and_unchanged_providers(registry: Territory) -> None:
    def edit(book_: openpyxl.Workbook) -> None:
        _cell(book_, book.PROVIDERS, CENTRE, "Телефон").value = "(06237) 7-99-99"
        book_[book.PROVIDERS].append(["12345678", "Центр соціальних служб"])

    plan = run(registry, _edited_export(registry, edit), dry_run=True)
    by_action = {(c.action, c.what) for c in plan.changes}
    assert ("update", f"Надавач «{CENTRE}»") in by_action
    assert ("create", "Надавач «Центр соціальних служб»") in by_action
    assert ("unchanged", f"Надавач «{NGO}»") in by_action
    update = next(c for c in plan.changes if c.what == f"Надавач «{CENTRE}»")
    assert (update.old, update.new) == ("телефон: (06237) 7-11-22", "телефон: (06237) 7-99-99")
    assert not Provider.objects.filter(full_name="Центр соціальних служб").exists()  # dry run


def test_import_updates_in_place_and_bumps_the_version_of_changed_providers_only(
    registry: Territory,
) -> None:
    def edit(book_: openpyxl.Workbook) -> None:
        _cell(book_, book.STAFF, "Медична сестра", "Фактично працює").value = 1

    plan = run(registry, _edited_export(registry, edit))
    assert plan.counts()["update"] == 1
    centre = Provider.objects.get(full_name=CENTRE)
    assert centre.version == 2
    assert centre.staff.get(title="Медична сестра").filled == Decimal(1)
    assert Provider.objects.get(full_name=NGO).version == 1
    entry = LogEntry.objects.filter(additional_data__provider_id=centre.pk).latest("pk")
    assert entry.changes == {"filled": ["2.00", "1.00"]}


def test_a_sheet_in_the_file_replaces_its_part_an_absent_sheet_keeps_it(
    registry: Territory,
) -> None:
    def edit(book_: openpyxl.Workbook) -> None:
        staff = book_[book.STAFF]
        director = next(
            number
            for number, row in enumerate(staff.iter_rows(values_only=True), start=1)
            if row[2] == "Директор"
        )
        staff.delete_rows(director)
        del book_[book.DEPARTMENTS]

    plan = run(registry, _edited_export(registry, edit))
    centre = Provider.objects.get(full_name=CENTRE)
    assert sorted(centre.staff.values_list("title", flat=True)) == [
        "Медична сестра",
        "Соціальний робітник",
    ]
    assert centre.departments.count() == 1
    removed = next(c for c in plan.changes if c.new == "вилучено")
    assert removed.what == f"{CENTRE}: посада «Директор»"


def test_import_never_deletes_providers_missing_from_the_file(registry: Territory) -> None:
    def edit(book_: openpyxl.Workbook) -> None:
        sheet = book_[book.PROVIDERS]
        ngo = next(
            number
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)
            if row[1] == NGO
        )
        sheet.delete_rows(ngo)

    plan = run(registry, _edited_export(registry, edit))
    assert plan.problems == []
    assert Provider.objects.filter(full_name=NGO).exists()


def _registry_export(rows: list[list[object]], codes: list[str]) -> bytes:
    book_ = openpyxl.Workbook()
    sheet = book_.active
    assert sheet is not None
    sheet.title = "Надавачі"
    sheet.append([*REGISTRY_HEADER, *codes, "Дата статусу в Реєстрі"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book_.save(buffer)
    return buffer.getvalue()


def test_a_bare_registry_export_imports_as_it_is(world: World) -> None:
    # given: the registry's columns only, codes as numbers (Excel drops leading zeros)
    content = _registry_export(
        [
            [
                2345678,
                "Центр надання соціальних послуг Першанської міської ради",
                "ЦНСП",
                "Комунальна установа",
                None,
                "Комунальна",
                "(0512) 22-33-44",
                "cnsp@example.org",
                "https://cnsp.example.org",
                54001,
                "м. Першанськ, вул. Соборна, 1",
                "м. Першанськ, вул. Соборна, 1; с. Лугове, вул. Польова, 3; вул. Невідома, 5",
                "12.03.2024",
                "Нацсоцслужба",
                "порушень не виявлено",
                "так",
                "ні",
                "так",
                "15.01.2024",
            ]
        ],
        ["015.1", "015.2", "002.0"],
    )
    # when
    plan = run(world.hromada_a, content)
    # then
    assert plan.problems == []
    provider = Provider.objects.get(registry_code="02345678")
    assert provider.hromada == world.hromada_a
    assert provider.ownership_sector == OwnershipSector.COMMUNAL
    assert provider.postcode == "54001"
    assert str(provider.last_inspection_date) == "2024-03-12"
    assert str(provider.registry_status_date) == "2024-01-15"
    assert sorted(provider.services.values_list("service__code", flat=True)) == ["002.0", "015.1"]
    links = dict(provider.addresses.values_list("address", "settlement_id"))
    assert links == {
        "м. Першанськ, вул. Соборна, 1": world.city_a.pk,
        "с. Лугове, вул. Польова, 3": world.village_a.pk,
        "вул. Невідома, 5": None,
    }
    assert run(world.hromada_a, content).counts()["update"] == 0


def test_an_address_naming_two_settlements_is_left_unlinked(world: World) -> None:
    content = _registry_export(
        [["12345678", "Центр", *[""] * 9, "Першанськ, поруч із Луговим та Лугове"]], []
    )
    run(world.hromada_a, content)
    assert Provider.objects.get(registry_code="12345678").addresses.get().settlement is None


def test_a_bare_registry_reimport_keeps_a_settlement_linked_by_hand(world: World) -> None:
    content = _registry_export([["12345678", "Центр", *[""] * 9, "вул. Невідома, 5"]], [])
    run(world.hromada_a, content)
    address = Provider.objects.get(registry_code="12345678").addresses.get()
    address.settlement = world.village_a
    address.save()
    assert run(world.hromada_a, content).counts()["update"] == 0
    address.refresh_from_db()
    assert address.settlement == world.village_a


# Rejected files. Each starts from a valid workbook and breaks one thing.

BASE_CODE = "44556677"


def _rows(world: World) -> dict[str, list[dict[str, Any]]]:
    key = BASE_CODE
    return {
        book.PROVIDERS: [
            {
                "registry_code": key,
                "full_name": "Центр соціальних служб",
                "ownership_sector": "комунальний",
                "service:015.1": True,
            }
        ],
        book.SERVICES: [
            {"provider": key, "code": "015.1", "capacity": 40, "unit": "місць", "free": True}
        ],
        book.ADDRESSES: [
            {"provider": key, "settlement": world.city_a.code, "address": "вул. Центральна, 2"}
        ],
        book.DEPARTMENTS: [{"provider": key, "name": "Відділення денного догляду"}],
        book.STAFF: [
            {
                "provider": key,
                "department": "Відділення денного догляду",
                "title": "Соціальний робітник",
                "established": 2,
                "filled": 1,
            }
        ],
    }


def _write(rows: dict[str, list[dict[str, Any]]]) -> bytes:
    return write_workbook(book.workbook_specs(book.service_codes()), rows)


def test_the_base_file_of_the_rejection_cases_is_valid(world: World) -> None:
    plan = run(world.hromada_a, _write(_rows(world)))
    assert plan.problems == []
    provider = Provider.objects.get(registry_code=BASE_CODE)
    service = provider.services.get()
    assert (service.capacity, service.capacity_unit) == (40, CapacityUnit.PLACES)
    assert provider.staff.get().department == provider.departments.get()
    assert provider.addresses.get().settlement == world.city_a


def _set(sheet: str, **values: Any) -> Callable[[World, dict[str, list[dict[str, Any]]]], None]:
    def change(world: World, rows: dict[str, list[dict[str, Any]]]) -> None:
        rows[sheet][0].update(values)

    return change


def _other_hromadas_code(world: World, rows: dict[str, list[dict[str, Any]]]) -> None:
    code = world.provider_b.registry_code
    rows[book.PROVIDERS][0]["registry_code"] = code
    for sheet in book.PART_SHEETS:
        rows[sheet.name][0]["provider"] = code


def _settlement_of_b(world: World, rows: dict[str, list[dict[str, Any]]]) -> None:
    rows[book.ADDRESSES][0]["settlement"] = world.village_b.code


def _twice(sheet: str) -> Callable[[World, dict[str, list[dict[str, Any]]]], None]:
    def change(world: World, rows: dict[str, list[dict[str, Any]]]) -> None:
        rows[sheet].append(dict(rows[sheet][0]))

    return change


REJECTED = {
    "code of seven digits": (
        _set(book.PROVIDERS, registry_code="1234567"),
        "Аркуш «Надавачі», рядок 2, стовпець A («ЄДРПОУ/РНОКПП»): код ЄДРПОУ — 8 цифр",
    ),
    "natural person with an ЄДРПОУ": (
        _set(book.PROVIDERS, ownership_sector="фізична особа"),
        "Для фізичної особи вказують РНОКПП — 10 цифр.",
    ),
    "unknown sector": (_set(book.PROVIDERS, ownership_sector="змішаний"), "допустимі значення"),
    "bad e-mail": (_set(book.PROVIDERS, email="не пошта"), "(«Електронна пошта»)"),
    "unknown service code": (
        _set(book.SERVICES, code="099.9"),
        "стовпець B («Код послуги»): такого коду послуги немає в класифікаторі",
    ),
    "negative staff": (
        _set(book.STAFF, established=-1),
        "(«Штатних одиниць»): значення не може бути від'ємним",
    ),
    "negative capacity": (_set(book.SERVICES, capacity=-5), "не може бути від'ємною"),
    "capacity in words": (_set(book.SERVICES, capacity="багато"), "очікується ціле число"),
    "fractional capacity": (_set(book.SERVICES, capacity=2.5), "а не дробове"),
    "date in words": (
        _set(book.PROVIDERS, last_inspection_date="торік"),
        "очікується дата у вигляді ДД.ММ.РРРР",
    ),
    "maybe instead of yes or no": (
        _set(book.PROVIDERS, is_potential="можливо"),
        "очікується «так» або «ні»",
    ),
    "no payment basis": (
        _set(book.SERVICES, free=False, differentiated_fee=False, paid=False),
        "Позначте хоча б одну умову оплати.",
    ),
    "service marked no but listed": (
        _set(book.PROVIDERS, **{"service:015.1": False}),
        "на аркуші «Надавачі» для цієї послуги стоїть «ні»",
    ),
    "unknown provider key": (
        _set(book.STAFF, provider="Невідомий центр"),
        "Аркуш «Штат», рядок 2, стовпець A («ЄДРПОУ/РНОКПП або повна назва»): такого "
        "надавача немає на аркуші «Надавачі»",
    ),
    "unknown department": (_set(book.STAFF, department="Кухня"), "такого відділення"),
    "settlement of another hromada": (
        _settlement_of_b,
        "населеного пункту з таким кодом немає в цій громаді",
    ),
    "code of another hromada's provider": (
        _other_hromadas_code,
        "цей код має надавач іншої громади; імпорт не переносить надавачів між громадами",
    ),
    "provider twice": (_twice(book.PROVIDERS), "рядок 3, стовпець A («ЄДРПОУ/РНОКПП»): цей"),
    "department twice": (_twice(book.DEPARTMENTS), "це відділення надавача вже є вище"),
    "service twice": (_twice(book.SERVICES), "ця послуга надавача вже є вище"),
    "post twice": (_twice(book.STAFF), "ця посада (у цьому відділенні) вже є вище"),
    "address twice": (_twice(book.ADDRESSES), "ця адреса надавача вже є вище"),
}


@pytest.mark.parametrize(("case", "message"), REJECTED.values(), ids=REJECTED.keys())
def test_a_file_with_a_mistake_is_rejected_and_nothing_is_written(
    world: World, case: Callable[[World, dict[str, list[dict[str, Any]]]], None], message: str
) -> None:
    # given
    rows = _rows(world)
    case(world, rows)
    before = snapshot(world.hromada_a), snapshot(world.hromada_b)
    # when
    plan = run(world.hromada_a, _write(rows))
    # then
    assert any(message in text for text in messages(plan)), messages(plan)
    assert plan.write is None
    assert (snapshot(world.hromada_a), snapshot(world.hromada_b)) == before
    assert world.provider_b.registry_code in {
        p.registry_code for p in world.hromada_b.providers.all()
    }


def test_an_unknown_classifier_column_is_reported(world: World) -> None:
    content = _registry_export([["12345678", "Центр"]], ["015.1", "099.9"])
    plan = run(world.hromada_a, content)
    assert messages(plan) == [
        "Аркуш «Надавачі», рядок 1, стовпець Q: такого коду послуги немає в класифікаторі "
        "(значення: «099.9»)"
    ]


def _xlsx_without_providers_sheet() -> bytes:
    book_ = openpyxl.Workbook()
    assert book_.active is not None
    book_.active.title = "Аркуш1"
    buffer = io.BytesIO()
    book_.save(buffer)
    return buffer.getvalue()


BROKEN_FILES = {
    "empty": (lambda: b"", "файл порожній"),
    "not a workbook": (lambda: "ЄДРПОУ;Назва\n".encode(), "файл пошкоджений або не є книгою"),
    "truncated": (
        lambda: write_workbook([book.SETTLEMENTS_SHEET], {})[:1500],
        "файл пошкоджений",
    ),
    "missing sheet": (_xlsx_without_providers_sheet, "у файлі немає аркуша «Надавачі»"),
}


@pytest.mark.parametrize(("content", "message"), BROKEN_FILES.values(), ids=BROKEN_FILES.keys())
def test_a_broken_file_is_rejected_with_one_clear_problem(
    world: World, content: Callable[[], bytes], message: str
) -> None:
    before = snapshot(world.hromada_a)
    plan = run(world.hromada_a, content())
    assert len(plan.problems) == 1
    assert message in messages(plan)[0]
    assert snapshot(world.hromada_a) == before


def test_a_sheet_without_the_full_name_column_is_rejected(world: World) -> None:
    book_ = openpyxl.Workbook()
    sheet = book_.active
    assert sheet is not None
    sheet.title = book.PROVIDERS
    sheet.append(["ЄДРПОУ/РНОКПП", "Назва"])
    sheet.append(["12345678", "Центр"])
    buffer = io.BytesIO()
    book_.save(buffer)
    plan = run(world.hromada_a, buffer.getvalue())
    assert messages(plan) == [
        "Аркуш «Надавачі», рядок 1: у першому рядку немає обов'язкових стовпців: «Повна назва»"
    ]


def test_every_problem_of_a_file_is_reported_at_once(world: World) -> None:
    # given: a bad code, a word for a number, and an unknown service of another provider
    rows = _rows(world)
    for sheet, sheet_rows in rows.items():
        sheet_rows[0]["provider" if sheet != book.PROVIDERS else "registry_code"] = "123"
    rows[book.STAFF][0]["filled"] = "два"
    rows[book.PROVIDERS].append({"full_name": "Служба у справах дітей"})
    rows[book.SERVICES].append({"provider": "Служба у справах дітей", "code": "099.9"})
    # when
    plan = run(world.hromada_a, _write(rows))
    # then
    assert [(p.sheet, p.row, p.column) for p in plan.problems] == [
        ("Надавачі", 2, "A"),
        ("Послуги", 3, "B"),
        ("Штат", 2, "E"),
    ]
