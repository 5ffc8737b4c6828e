"""Bulk import of people and service episodes from CSV and XLSX: all rows or none."""

from __future__ import annotations

import datetime
import io
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from conftest import World
from turbota.core.text import ukrainian_sort_key
from turbota.people.enums import AccessAction, DocumentType, EpisodeStatus, VolumeUnit
from turbota.people.import_columns import SHEET, write_template
from turbota.people.models import Person, PersonAccess, PersonIdentity, ServiceEpisode
from turbota.people.tests.episode_files import (
    HEADER,
    ivan,
    letter,
    offer_services,
    olena,
    report_rows,
    run,
    write_csv,
    write_xlsx,
)
from turbota.people.tests.factories import make_episode, make_person
from turbota.providers.enums import PaymentBasis


@pytest.fixture
def offers(world: World) -> World:
    offer_services(world)
    return world


def _episodes(person: Person) -> list[tuple[object, ...]]:
    return [
        (
            e.service.code,
            e.provider_id,
            e.settlement_id,
            e.start_date,
            e.end_date,
            e.payment_basis,
            e.volume,
            e.volume_unit,
            e.status,
        )
        for e in person.episodes.order_by("start_date")
    ]


def _counts() -> tuple[int, int, int, int]:
    return (
        Person.objects.count(),
        PersonIdentity.objects.count(),
        ServiceEpisode.objects.count(),
        PersonAccess.objects.count(),
    )


# --- good files ----------------------------------------------------------------------


def test_a_good_csv_file_adds_people_and_their_episodes(offers: World, tmp_path: Path) -> None:
    # given
    world = offers
    maria = make_person(world.village_a, "Бондар", "Марія", rnokpp="2222222222")
    rows = [
        olena(world, {"умови оплати": "з установленням диференційованої плати"}),
        olena(
            world,
            {
                "код послуги": "019.0",
                "дата початку": "2022-03-01",
                "дата завершення": "",
                "обсяг": "",
                "одиниця обсягу": "",
                "стан": "надається",
            },
        ),
        ivan(world),
        olena(world, {"прізвище": "Бондар", "ім'я": "Марія", "РНОКПП": "2222222222"}),
    ]
    # when
    result = run(world, write_csv(tmp_path / "episodes.csv", rows))
    # then
    assert (result.rows, result.people_created, result.people_matched) == (4, 2, 1)
    assert (result.episodes_created, result.episodes_skipped) == (4, 0)
    assert (result.accepted, result.written, result.report) == (True, True, None)
    identity = PersonIdentity.objects.get(rnokpp="1234567890")
    assert identity.full_name == "Шевченко Олена Петрівна"
    assert identity.birth_date == datetime.date(1950, 3, 8)
    assert identity.name_key == ukrainian_sort_key("Шевченко Олена Петрівна")
    person = identity.person
    assert (person.hromada, person.settlement, person.sex, person.birth_year) == (
        world.hromada_a,
        world.village_a,
        "female",
        1950,
    )
    provider, village = world.provider_a.pk, world.village_a.pk
    assert _episodes(person) == [
        (
            "015.1",
            provider,
            village,
            datetime.date(2021, 2, 1),
            datetime.date(2021, 12, 31),
            PaymentBasis.DIFFERENTIATED_FEE,
            Decimal("120.50"),
            VolumeUnit.HOURS,
            EpisodeStatus.COMPLETED,
        ),
        (
            "019.0",
            provider,
            village,
            datetime.date(2022, 3, 1),
            None,
            PaymentBasis.FREE,
            None,
            "",
            EpisodeStatus.ACTIVE,
        ),
    ]
    assert len({e.source_key for e in person.episodes.all()}) == 2
    assert all(len(e.source_key) == 64 for e in ServiceEpisode.objects.all())
    ivan_ = PersonIdentity.objects.get(document_number="001234567")
    assert (ivan_.document_type, ivan_.rnokpp, ivan_.patronymic) == (DocumentType.ID_CARD, None, "")
    assert (ivan_.person.sex, ivan_.person.settlement) == ("male", world.city_a)
    assert maria.episodes.get().start_date == datetime.date(2021, 2, 1)


def test_every_person_written_gets_one_changed_entry_in_the_access_log(
    offers: World, tmp_path: Path
) -> None:
    world = offers
    rows = [olena(world), olena(world, {"код послуги": "019.0"}), ivan(world)]
    run(world, write_csv(tmp_path / "січень.csv", rows))
    entries = PersonAccess.objects.order_by("person_id")
    assert [(e.username, e.role, e.action, e.via) for e in entries] == [
        ("staff_a", "hromada_staff", AccessAction.CHANGED, "import: січень.csv"),
        ("staff_a", "hromada_staff", AccessAction.CHANGED, "import: січень.csv"),
    ]


def test_a_good_xlsx_file_with_date_and_number_cells_imports(offers: World, tmp_path: Path) -> None:
    world = offers
    row = olena(
        world,
        {
            "РНОКПП": 123456789,  # a number cell: the leading zero is lost in Excel
            "дата народження": datetime.datetime(1950, 3, 8),  # noqa: DTZ001 (a cell)
            "код послуги": 19,  # 019.0 typed as a number
            "дата початку": datetime.date(2021, 2, 1),
            "дата завершення": None,
            "обсяг": 2.5,
            "одиниця обсягу": "днів",
            "стан": "призупинено",
        },
    )
    result = run(world, write_xlsx(tmp_path / "episodes.xlsx", [row, ivan(world)]))
    assert (result.accepted, result.people_created, result.episodes_created) == (True, 2, 2)
    person = PersonIdentity.objects.get(rnokpp="0123456789").person
    assert _episodes(person) == [
        (
            "019.0",
            world.provider_a.pk,
            world.village_a.pk,
            datetime.date(2021, 2, 1),
            None,
            PaymentBasis.FREE,
            Decimal("2.50"),
            VolumeUnit.DAYS,
            EpisodeStatus.SUSPENDED,
        )
    ]


def test_a_windows_1251_csv_separated_by_commas_is_read(offers: World, tmp_path: Path) -> None:
    world = offers
    path = write_csv(tmp_path / "1251.csv", [olena(world)], delimiter=",", encoding="cp1251")
    result = run(world, path)
    assert result.accepted
    assert PersonIdentity.objects.get().full_name == "Шевченко Олена Петрівна"


def test_a_person_is_found_by_document_then_by_name_and_birth_date(
    offers: World, tmp_path: Path
) -> None:
    world = offers
    by_document = make_person(
        world.city_a,
        "Коваль",
        "Іван",
        rnokpp=None,
        birth_date=datetime.date(1980, 5, 12),
        document_type=DocumentType.ID_CARD,
        document_number="001234567",
    )
    by_name = make_person(
        world.village_a, "Шевченко", "Олена", patronymic="Петрівна", rnokpp=None,
        document_type=DocumentType.PASSPORT_BOOK, document_number="АБ123456",
    )  # fmt: skip
    result = run(world, write_csv(tmp_path / "e.csv", [ivan(world), olena(world)]))
    assert (result.people_created, result.people_matched, result.episodes_created) == (0, 2, 2)
    assert by_document.episodes.count() == 1
    assert by_name.episodes.count() == 1
    assert by_name.identity.rnokpp is None  # what is known about a person is not changed


def test_rows_of_one_person_make_one_person(offers: World, tmp_path: Path) -> None:
    world = offers
    with_both = ivan(world, {"РНОКПП": "3333333333"})
    document_only = ivan(world, {"код послуги": "019.0"})
    result = run(world, write_csv(tmp_path / "e.csv", [with_both, document_only]))
    assert (result.people_created, result.episodes_created) == (1, 2)
    assert PersonIdentity.objects.get().rnokpp == "3333333333"


def test_reimport_of_same_file_changes_nothing(offers: World, tmp_path: Path) -> None:
    world = offers
    rows = [olena(world), olena(world, {"код послуги": "019.0"}), ivan(world)]
    path = write_csv(tmp_path / "episodes.csv", rows)
    run(world, path)
    before = _counts(), sorted(ServiceEpisode.objects.values_list("pk", "source_key"))
    again = run(world, path)
    assert (_counts(), sorted(ServiceEpisode.objects.values_list("pk", "source_key"))) == before
    assert (again.accepted, again.rows, again.people_created, again.people_matched) == (
        True,
        3,
        0,
        2,
    )
    assert (again.episodes_created, again.episodes_skipped) == (0, 3)


def test_an_episode_entered_by_hand_is_not_imported_again(offers: World, tmp_path: Path) -> None:
    world = offers
    person = make_person(world.village_a, rnokpp="1234567890")
    make_episode(person, world.provider_a, start=datetime.date(2021, 2, 1))
    result = run(world, write_csv(tmp_path / "e.csv", [olena(world)]))
    assert (result.episodes_created, result.episodes_skipped) == (0, 1)
    assert person.episodes.count() == 1


def test_a_dry_run_counts_but_writes_nothing(offers: World, tmp_path: Path) -> None:
    world = offers
    result = run(world, write_csv(tmp_path / "e.csv", [olena(world), ivan(world)]), dry_run=True)
    assert (result.accepted, result.written) == (True, False)
    assert (result.people_created, result.episodes_created) == (2, 2)
    assert _counts() == (0, 0, 0, 0)


def test_a_command_line_import_logs_no_user(offers: World, tmp_path: Path) -> None:
    world = offers
    run(world, write_csv(tmp_path / "e.csv", [olena(world)]), user=AnonymousUser())
    entry = PersonAccess.objects.get()
    assert (entry.user, entry.username, entry.role) == (None, "", "")


def test_a_big_file_is_checked_and_written_in_a_few_queries(
    offers: World, tmp_path: Path, django_assert_max_num_queries: Any
) -> None:
    world = offers
    rows = []
    for n in range(600):
        person = {"РНОКПП": f"{1_000_000_000 + n}", "прізвище": f"Особа{n}"}
        rows.append(olena(world, person))
        rows.append(olena(world, person | {"код послуги": "019.0"}))
    path = write_csv(tmp_path / "big.csv", rows)
    # SQLite takes at most 999 values per INSERT: a few dozen inserts, not thousands; each
    # round of inserts also reads and adds what it changes in the counts of people served
    with django_assert_max_num_queries(75):
        result = run(world, path)
    assert (result.rows, result.people_created, result.episodes_created) == (1200, 600, 1200)
    assert PersonAccess.objects.count() == 600


def test_the_template_names_every_column(db: None) -> None:
    book = openpyxl.load_workbook(io.BytesIO(write_template()))
    assert book.sheetnames == ["Інструкція", SHEET.name]
    header = next(book[SHEET.name].iter_rows(max_row=1, values_only=True))
    assert list(header) == HEADER


# --- rejected rows: nothing is written, the report says where and why -----------------


def _tomorrow() -> str:
    return f"{timezone.localdate() + datetime.timedelta(days=1):%d.%m.%Y}"


REJECTED_ROWS = [
    ({"код послуги": "999.9"}, "код послуги", "такого коду послуги немає в класифікаторі"),
    ({"дата завершення": "01.01.2021"}, "дата завершення",
     "дата завершення раніше за дату початку"),
    ({"код послуги": "009.1"}, "код послуги",
     "надавач «{provider}» не надає цієї послуги (за реєстром надавачів)"),
    ({"дата початку": "31.02.2021"}, "дата початку", "такої дати в календарі немає"),
    ({"дата народження": "31.12.1899"}, "дата народження",
     "дата народження — не раніше 01.01.1900"),
    ({"РНОКПП": "123456789"}, "РНОКПП", "РНОКПП — 10 цифр"),
    ({"РНОКПП": ""}, "РНОКПП", "вкажіть РНОКПП або вид і номер документа"),
    ({"стать": "x"}, "стать", "допустимі значення: «ж», «ч», «жінка», «чоловік»"),
    ({"прізвище": ""}, "прізвище", "обов'язкове значення не заповнено"),
    ({"одиниця обсягу": ""}, "одиниця обсягу", "вкажіть одиницю обсягу"),
    ({"код населеного пункту КАТОТТГ": "UA00000000000000001"}, "код населеного пункту КАТОТТГ",
     "такого коду немає в кодифікаторі КАТОТТГ"),
    ({"ЄДРПОУ надавача": "99999999"}, "ЄДРПОУ надавача",
     "у реєстрі надавачів громади немає надавача з таким кодом"),
    ({"обсяг": "1e30"}, "обсяг", "не більше 9 999 999,99 і не більше двох знаків після коми"),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "header", "reason"), REJECTED_ROWS)
def test_a_bad_row_rejects_the_whole_file(
    offers: World, tmp_path: Path, changes: dict[str, str], header: str, reason: str
) -> None:
    world = offers
    result = run(world, write_csv(tmp_path / "e.csv", [ivan(world), olena(world, changes)]))
    assert (result.accepted, result.written, result.problem_count) == (False, False, 1)
    assert _counts() == (0, 0, 0, 0)
    (row,) = report_rows(result)
    reason = reason.format(provider=world.provider_a)
    assert row == ["3", letter(header), header, str(changes[header]), reason]


def test_a_start_in_the_future_is_refused(offers: World, tmp_path: Path) -> None:
    world = offers
    future = olena(world, {"дата початку": _tomorrow(), "дата завершення": ""})
    result = run(world, write_csv(tmp_path / "e.csv", [future]))
    ((row, column, header, value, reason),) = report_rows(result)
    assert (row, column, header, value) == (
        "2",
        letter("дата початку"),
        "дата початку",
        _tomorrow(),
    )
    assert reason == "дата початку не може бути в майбутньому"


def test_places_of_another_hromada_are_refused(offers: World, tmp_path: Path) -> None:
    world = offers
    row = olena(
        world,
        {
            "код населеного пункту КАТОТТГ": world.village_b.code,
            "ЄДРПОУ надавача": world.provider_b.registry_code,
        },
    )
    result = run(world, write_csv(tmp_path / "e.csv", [row]))
    assert [(r[2], r[4]) for r in report_rows(result)] == [
        ("код населеного пункту КАТОТТГ", "цей населений пункт належить до іншої громади"),
        ("ЄДРПОУ надавача", "надавач з таким кодом належить до іншої громади"),
    ]


def test_a_code_that_is_not_a_settlement_is_refused(offers: World, tmp_path: Path) -> None:
    world = offers
    row = olena(world, {"код населеного пункту КАТОТТГ": world.hromada_a.code})
    result = run(world, write_csv(tmp_path / "e.csv", [row]))
    assert [r[4] for r in report_rows(result)] == [
        "це не населений пункт: потрібен код міста, селища чи села громади"
    ]


def test_a_duplicate_row_is_refused_naming_the_first(offers: World, tmp_path: Path) -> None:
    world = offers
    result = run(world, write_csv(tmp_path / "e.csv", [olena(world), ivan(world), olena(world)]))
    assert _counts() == (0, 0, 0, 0)
    assert report_rows(result) == [
        [
            "4",
            letter("дата початку"),
            "дата початку",
            "01.02.2021",
            "цей епізод (особа, послуга, надавач, дата початку) уже є в рядку 2",
        ]
    ]


def test_one_rnokpp_with_two_birth_dates_is_refused(offers: World, tmp_path: Path) -> None:
    world = offers
    rows = [olena(world), olena(world, {"код послуги": "019.0", "дата народження": "09.03.1950"})]
    result = run(world, write_csv(tmp_path / "e.csv", rows))
    assert [(r[0], r[2], r[4]) for r in report_rows(result)] == [
        ("3", "дата народження", "не збігається з даними тієї ж особи в рядку 2")
    ]


def test_a_person_of_another_hromada_is_refused(offers: World, tmp_path: Path) -> None:
    world = offers
    make_person(world.village_b, rnokpp="1234567890")
    result = run(world, write_csv(tmp_path / "e.csv", [olena(world)]))
    assert [(r[2], r[4]) for r in report_rows(result)] == [
        ("РНОКПП", "цей РНОКПП у реєстрі належить іншій особі: перевірте його")
    ]
    assert ServiceEpisode.objects.count() == 0


def test_an_xlsx_file_gets_an_xlsx_report(offers: World, tmp_path: Path) -> None:
    world = offers
    path = write_xlsx(tmp_path / "e.xlsx", [olena(world, {"код послуги": "999.9"})])
    result = run(world, path)
    assert result.report is not None
    assert result.report.suffix == ".xlsx"
    assert result.report.parent == Path(str(tmp_path / "media" / "import-reports"))
    assert report_rows(result) == [
        ["2", "J", "код послуги", "999.9", "такого коду послуги немає в класифікаторі"]
    ]


# --- files that cannot be read --------------------------------------------------------


def _wrong_header(path: Path) -> None:
    write_csv(path, [], header=["прізвище", "імя", *HEADER[2:]])


def _unclosed_quote(path: Path) -> None:
    path.write_text(";".join(HEADER) + '\nШевченко;"Олена;\nКоваль;Іван\n', encoding="utf-8")


def _binary_junk(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 40)


def _truncated_xlsx(path: Path) -> None:
    whole = io.BytesIO()
    openpyxl.load_workbook(io.BytesIO(write_template())).save(whole)
    path.write_bytes(whole.getvalue()[: len(whole.getvalue()) // 2])


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _header_only(path: Path) -> None:
    write_csv(path, [])


def _utf16(path: Path) -> None:
    path.write_bytes(";".join(HEADER).encode("utf-16"))  # with its byte-order mark


def _old_excel(path: Path) -> None:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500)


UNREADABLE = [
    (_wrong_header, [
        ["1", "B", "", "імя", "невідомий стовпець: назви стовпців мають бути як у шаблоні"],
        ["1", "", "", "", "у першому рядку немає обов'язкових стовпців: «ім'я»"],
    ]),
    (_unclosed_quote, [
        ["2", "", "", "", "рядок не вдалося прочитати як CSV: "
         "лапки, що відкривають поле, не закрито до кінця файлу"],
    ]),
    (_binary_junk, [
        ["", "", "", "", "файл не є таблицею CSV чи книгою Excel (.xlsx): у ньому двійкові дані"],
    ]),
    (_empty, [["", "", "", "", "файл порожній"]]),
    (_header_only, [["2", "", "", "", "у файлі немає жодного рядка з даними"]]),
    (_utf16, [["", "", "", "", "текст у кодуванні UTF-16: збережіть файл як «CSV UTF-8»"]]),
    (_old_excel, [
        ["", "", "", "", "це книга старого формату Excel (.xls): збережіть її як .xlsx або CSV"],
    ]),
]  # fmt: skip


@pytest.mark.parametrize(("make", "expected"), UNREADABLE)
def test_a_file_that_cannot_be_read_is_rejected_with_a_report(
    offers: World, tmp_path: Path, make: Any, expected: list[list[str]]
) -> None:
    path = tmp_path / "episodes.csv"
    make(path)
    result = run(offers, path)
    assert (result.accepted, result.written) == (False, False)
    assert report_rows(result) == expected
    assert _counts() == (0, 0, 0, 0)


def test_a_truncated_xlsx_file_is_rejected(offers: World, tmp_path: Path) -> None:
    path = tmp_path / "episodes.xlsx"
    _truncated_xlsx(path)
    result = run(offers, path)
    ((row, column, header, _, reason),) = report_rows(result)
    assert (row, column, header, reason) == (
        "",
        "",
        "",
        "файл пошкоджений або не є книгою Excel (.xlsx)",
    )
    assert _counts() == (0, 0, 0, 0)


def test_an_xlsx_file_damaged_inside_is_rejected(offers: World, tmp_path: Path) -> None:
    # given: a valid workbook whose sheet is cut in the middle inside the archive
    rows = [olena(offers, {"РНОКПП": f"{1_000_000_000 + n}"}) for n in range(300)]
    whole = zipfile.ZipFile(write_xlsx(tmp_path / "whole.xlsx", rows))
    path = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(path, "w") as damaged:
        for name in whole.namelist():
            data = whole.read(name)
            if name.startswith("xl/worksheets/") and len(data) > 10_000:
                data = data[: len(data) // 2]
            damaged.writestr(name, data)
    # when
    result = run(offers, path)
    # then
    ((row, _, _, _, reason),) = report_rows(result)
    assert (row, reason) == ("", "файл пошкоджений: не вдалося дочитати")
    assert _counts() == (0, 0, 0, 0)


def test_a_bad_row_after_good_ones_writes_none_of_them(offers: World, tmp_path: Path) -> None:
    world = offers
    rows = [olena(world, {"РНОКПП": f"{1_000_000_000 + n}"}) for n in range(1500)]
    rows.append(olena(world, {"код послуги": "999.9"}))
    result = run(world, write_csv(tmp_path / "e.csv", rows))
    assert (result.rows, result.problem_count) == (1501, 1)
    assert report_rows(result)[0][0] == "1502"
    assert _counts() == (0, 0, 0, 0)


def test_a_very_long_file_name_still_gets_its_report(offers: World, tmp_path: Path) -> None:
    world = offers
    path = write_csv(tmp_path / ("е" * 120 + ".csv"), [olena(world, {"код послуги": "999.9"})])
    result = run(world, path)
    assert result.report is not None
    assert result.report.is_file()
