"""The set-based import on PostgreSQL finds the same problems and writes the same rows as
the Python path (which SQLite uses, and which stays the reference)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, transaction
from django.utils import timezone

from conftest import World
from turbota.core.text import ukrainian_sort_key
from turbota.people.imports import EpisodeImport
from turbota.people.models import Person, PersonAccess, ServedChange, ServiceEpisode
from turbota.people.served import recount
from turbota.people.tests.episode_files import (
    HEADER,
    ivan,
    offer_services,
    olena,
    run,
    write_csv,
    write_xlsx,
)
from turbota.people.tests.factories import make_episode, make_person
from turbota.people.tests.test_imports import REJECTED_ROWS

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the set-based import is PostgreSQL's (COPY); SQLite has only the Python path",
)


@pytest.fixture
def offers(world: World) -> World:
    offer_services(world)
    return world


class _Undo(Exception):  # noqa: N818 (not an error: rolls a try back)
    pass


def _outcome(result: EpisodeImport) -> tuple[Any, ...]:
    problems = [(p.row, p.column, p.header, p.value, p.message, p.sheet) for p in result.problems]
    return (
        result.rows,
        result.people_created,
        result.people_matched,
        result.episodes_created,
        result.episodes_skipped,
        result.problem_count,
        result.written,
        problems,
    )


def _written() -> tuple[Any, ...]:
    """Everything an import writes, without ids and times."""
    people = sorted(
        (
            i.last_name,
            i.first_name,
            i.patronymic,
            i.rnokpp,
            i.document_type,
            i.document_number,
            i.birth_date,
            i.name_key,
            p.hromada.code,
            p.settlement.code,
            p.sex,
            p.birth_year,
            tuple(
                sorted(
                    (
                        e.service.code,
                        e.provider_id,
                        e.settlement.code,
                        e.start_date,
                        e.end_date,
                        e.payment_basis,
                        e.volume,
                        e.volume_unit,
                        e.status,
                        e.source_key,
                    )
                    for e in p.episodes.all()
                )
            ),
            tuple(sorted((a.username, a.role, a.action, a.via) for a in p.accesses.all())),
        )
        for p in Person.objects.select_related("identity", "hromada", "settlement")
        for i in [p.identity]
    )
    return tuple(people), _served()


def _served() -> list[tuple[object, ...]]:
    return sorted(
        ServedChange.objects.values_list(
            "hromada_id", "settlement_id", "service_id", "sex", "year", "change"
        )
    )


def _both(world: World, path: Path, **options: Any) -> tuple[Any, Any]:
    """The file imported by each path from the same register: (outcome, written) each."""
    done = []
    for set_based in (False, True):
        try:
            with transaction.atomic():
                result = run(world, path, set_based=set_based, **options)
                done.append((_outcome(result), _written()))
                raise _Undo
        except _Undo:
            pass
    return done[0], done[1]


def _same(world: World, path: Path, **options: Any) -> tuple[Any, Any]:
    python, sql = _both(world, path, **options)
    assert sql == python
    return python  # type: ignore[no-any-return]


# --- the same problems ----------------------------------------------------------------


@pytest.mark.parametrize(("changes", "header", "reason"), REJECTED_ROWS)
def test_a_bad_row_gets_the_same_report_from_both_paths(
    offers: World, tmp_path: Path, changes: dict[str, str], header: str, reason: str
) -> None:
    world = offers
    path = write_csv(tmp_path / "e.csv", [ivan(world), olena(world, changes), olena(world)])
    outcome, _ = _same(world, path)
    assert outcome[5] >= 1


def _tomorrow() -> str:
    return f"{timezone.localdate() + datetime.timedelta(days=1):%d.%m.%Y}"


# Rows of people known by РНОКПП alone: the person is found in SQL.
BY_RNOKPP: list[Callable[[World], list[dict[str, Any]]]] = [
    lambda w: [olena(w), olena(w), olena(w, {"код послуги": "019.0"})],
    lambda w: [olena(w), olena(w, {"код послуги": "019.0", "дата народження": "09.03.1950"})],
    lambda w: [olena(w), olena(w, {"код послуги": "019.0", "стать": "ч"})],
    lambda w: [olena(w), olena(w, {"код послуги": "019.0", "прізвище": "Шевчук"})],
    lambda w: [olena(w, {"прізвище": "ШЕВЧЕНКО ", "ім'я": "  олена"}), olena(w)],
    lambda w: [olena(w, {"дата початку": _tomorrow(), "дата завершення": ""})],
    lambda w: [olena(w, {"дата народження": _tomorrow()})],
    lambda w: [olena(w, {"дата початку": "01.01.1949", "дата завершення": ""})],
    lambda w: [olena(w, {"код населеного пункту КАТОТТГ": w.village_b.code})],
    lambda w: [olena(w, {"код населеного пункту КАТОТТГ": w.hromada_a.code})],
    lambda w: [olena(w, {"ЄДРПОУ надавача": w.provider_b.registry_code})],
    lambda w: [olena(w, {"ЄДРПОУ надавача": str(w.provider_a.pk)})],
    lambda w: [olena(w, {"вид документа": "ID-картка"})],
    lambda w: [olena(w, {"номер документа": "аб 123"})],
    lambda w: [olena(w, {"вид документа": "паспорт", "номер документа": "аб 123456"})],
    lambda w: [olena(w, {"обсяг": "", "одиниця обсягу": ""}), olena(w, {"обсяг": "1.500"})],
    lambda w: [olena(w, {"дата початку": "1.2.2021"}), olena(w, {"дата початку": "2021-02-02"})],
    lambda w: [olena(w, {"дата народження": "29.02.2000"}), olena(w, {"стан": "скасовано"})],
    lambda w: [olena(w, {"дата народження": "01.01.0999"})],
    lambda w: [olena(w, {"код населеного пункту КАТОТТГ": "ua" + w.village_a.code[2:]})],
    lambda w: [olena(w, {"РНОКПП": "12345 67890", "стать": "Ж."}), olena(w, {"стать": "жін"})],
    lambda w: [olena(w, {"прізвище": "Shevchenko"}), olena(w, {"ім'я": "Олена\tМарія"})],
    lambda w: [olena(w, {"ім'я": "Олена\u00a0"}), olena(w, {"стан": "\u00a0"})],
    lambda w: [olena(w, {"прізвище": "О" * 101}), olena(w, {"номер документа": "1" * 31})],
    lambda w: [olena(w, {"умови оплати": "платно"}), olena(w, {"одиниця обсягу": "ГОДИН"})],
    lambda w: [olena(w, {"обсяг": "abc"}), olena(w, {"обсяг": "12,5,1", "дата початку": "x"})],
    lambda w: [olena(w, {"РНОКПП": "12345678901"}), olena(w, {"ЄДРПОУ надавача": "12345678901"})],
]


@pytest.mark.parametrize("rows", BY_RNOKPP)
def test_rows_of_people_with_a_rnokpp_get_the_same_outcome(
    offers: World, tmp_path: Path, rows: Callable[[World], list[dict[str, Any]]]
) -> None:
    world = offers
    _same(world, write_csv(tmp_path / "e.csv", rows(world)))


def test_people_in_the_register_are_found_the_same_way(offers: World, tmp_path: Path) -> None:
    # given people already known, one of another hromada, one with another birth date
    world = offers
    maria = make_person(world.village_a, "Бондар", "Марія", rnokpp="2222222222")
    make_episode(maria, world.provider_a, "015.1", start=datetime.date(2020, 1, 1))
    make_person(world.village_b, rnokpp="3333333333")
    make_person(
        world.village_a, "Коваль", "Іван", document_type="id_card", document_number="001234567"
    )
    rows = [
        olena(world, {"РНОКПП": "2222222222", "прізвище": "Бондар", "ім'я": "Марія"}),
        olena(world, {"РНОКПП": "3333333333"}),
        olena(world, {"РНОКПП": "2222222222", "дата початку": "01.01.2020"}),
        olena(world),
        ivan(world),
        ivan(world, {"РНОКПП": "4444444444", "дата початку": "16.01.2023"}),
    ]
    # when, then
    _same(world, write_csv(tmp_path / "e.csv", rows))


def test_people_found_by_document_and_name_get_the_same_outcome(
    offers: World, tmp_path: Path
) -> None:
    world = offers
    make_person(world.village_a, "Коваль", "Іван", birth_date=datetime.date(1980, 5, 12))
    rows = [
        ivan(world),
        ivan(world, {"вид документа": "", "номер документа": "", "РНОКПП": "5555555555"}),
        ivan(world, {"дата початку": "20.01.2023", "номер документа": "009999999"}),
        olena(world, {"РНОКПП": "", "вид документа": "ID-картка", "номер документа": "7"}),
        olena(world, {"номер документа": "7", "вид документа": "ID-картка"}),
        ivan(world),
    ]
    _same(world, write_csv(tmp_path / "e.csv", rows))


def test_a_good_file_writes_the_same_people_episodes_log_and_counts(
    offers: World, tmp_path: Path
) -> None:
    world = offers
    rows = []
    for n in range(30):
        person = {"РНОКПП": f"{1_000_000_000 + n}", "прізвище": f"Особа{n}"}
        rows.append(olena(world, person))
        rows.append(olena(world, person | {"код послуги": "019.0", "дата завершення": ""}))
    rows.append(ivan(world))
    outcome, written = _same(world, write_csv(tmp_path / "e.csv", rows))
    assert outcome[:7] == (61, 31, 0, 61, 0, 0, True)
    assert len(written[0]) == 31


def test_a_file_unreadable_after_bad_rows_reports_the_same(offers: World, tmp_path: Path) -> None:
    # given 1,500 rows, the 10th and 1,200th bad, then an unclosed quote
    world = offers
    rows = []
    for n in range(1500):
        changes = {"РНОКПП": f"{1_000_000_000 + n}"}
        if n in (10, 1200):
            changes["стать"] = "x"
        if n in (20, 1300):
            changes["дата початку"] = "01.02.2021"
            changes["РНОКПП"] = "1000000000"
        rows.append(olena(world, changes))
    path = write_csv(tmp_path / "e.csv", rows)
    path.write_bytes(path.read_bytes() + '"Шевченко;Олена\n'.encode())
    # when, then
    outcome, _ = _same(world, path)
    # rows 12 and 1202 (sex), 22 (repeats row 2) and the quote; row 1302 repeats row 2
    # too, but its chunk of 1,000 rows was not finished when the file became unreadable
    assert outcome[0] == 1000
    assert outcome[5] == 4


def test_a_report_cut_at_10_000_problems_keeps_the_same_ones(offers: World, tmp_path: Path) -> None:
    # given 12,000 rows: every other one with a bad sex, the others repeating the first row
    world = offers
    rows = [olena(world, {"стать": "x"} if n % 2 else {}) for n in range(12_000)]
    # when, then (the Python path keeps what it meets first, chunk by chunk)
    outcome, _ = _same(world, write_csv(tmp_path / "e.csv", rows))
    assert outcome[5] == 11_999
    assert len(outcome[7]) == 10_000


def _naive(year: int, month: int, day: int) -> datetime.datetime:
    return datetime.datetime(year, month, day)  # noqa: DTZ001 (Excel's cells have no time zone)


def test_an_xlsx_file_with_number_and_date_cells_gets_the_same_outcome(
    offers: World, tmp_path: Path
) -> None:
    world = offers
    rows = [
        olena(world, {"РНОКПП": 234567890, "дата народження": datetime.date(1950, 3, 8)}),
        olena(world, {"код послуги": 15.1, "дата початку": _naive(2021, 3, 1)}),
        olena(world, {"код послуги": 1234.5, "обсяг": 12.25, "ЄДРПОУ надавача": 12}),
        olena(world, {"обсяг": True, "дата завершення": datetime.date(999, 1, 1)}),
    ]
    _same(world, write_xlsx(tmp_path / "e.xlsx", rows))


# --- what COPY must carry intact ------------------------------------------------------


def test_quotes_semicolons_newlines_and_apostrophes_survive_copy(
    offers: World, tmp_path: Path
) -> None:
    world = offers
    rows = [
        olena(world, {"прізвище": "Д’Артаньян", "ім'я": "Олена; Марія", "по батькові": "ʼ"}),
        olena(world, {"РНОКПП": "2", "прізвище": 'О"Коннор', "ім'я": "Ганна\nМарія"}),
        olena(world, {"РНОКПП": "1111111111", "прізвище": "Мар'ян", "ім'я": "Ім\\я"}),
    ]
    outcome, _ = _same(world, write_csv(tmp_path / "e.csv", rows))
    assert outcome[5] == 1  # the РНОКПП «2»
    rows[1]["РНОКПП"] = "2222222222"
    outcome, written = _same(world, write_csv(tmp_path / "e2.csv", rows))
    names = sorted((p[0], p[1]) for p in written[0])
    assert names == [
        ("Д'Артаньян", "Олена; Марія"),
        ("Мар'ян", "Ім\\я"),
        ('О"Коннор', "Ганна Марія"),
    ]


def test_the_name_key_is_that_of_the_whole_name_whatever_its_parts(
    offers: World, tmp_path: Path
) -> None:
    # given names in capitals, with inner and outer spaces, apostrophes, a hyphen, digits
    # and no patronymic — each part read once per distinct text, its key joined to others
    world = offers
    rows = [
        olena(world, {"прізвище": "  ҐАВРИЛЮК-ЄЩЕНКО ", "ім'я": "Ївга  Ірина", "по батькові": ""}),
        olena(world, {"РНОКПП": "2222222222", "прізвище": "Мар’ян", "ім'я": "олег"}),
        olena(world, {"РНОКПП": "3333333333", "прізвище": "Мар’ян", "ім'я": "Олег 2"}),
    ]
    _, written = _same(world, write_csv(tmp_path / "e.csv", rows))
    keys = {(p[0], p[1], p[2]): p[7] for p in written[0]}
    assert keys[("ҐАВРИЛЮК-ЄЩЕНКО", "Ївга Ірина", "")] == ukrainian_sort_key(
        "ҐАВРИЛЮК-ЄЩЕНКО Ївга Ірина"
    )
    assert len(set(keys.values())) == 3
    # and the same for a file that has no column for the patronymic at all
    header = [name for name in HEADER if name != "по батькові"]
    _, written = _same(world, write_csv(tmp_path / "e2.csv", rows, header=header))
    assert sorted(p[7] for p in written[0]) == sorted(
        ukrainian_sort_key(f"{p[0]} {p[1]}") for p in written[0]
    )


def test_a_windows_1251_file_with_blank_rows_is_read_the_same(
    offers: World, tmp_path: Path
) -> None:
    world = offers
    rows = [olena(world), {}, olena(world, {"код послуги": "019.0"}), {}, olena(world)]
    path = write_csv(tmp_path / "e.csv", rows, encoding="cp1251", delimiter=",")
    outcome, _ = _same(world, path)
    assert outcome[0] == 3


# --- the counts of people served --------------------------------------------------------


def test_served_counts_after_an_import_and_a_reimport_are_those_of_the_python_path(
    offers: World, tmp_path: Path
) -> None:
    # given someone already served in 2020 and a file adding to them and to new people
    world = offers
    maria = make_person(world.village_a, "Бондар", "Марія", rnokpp="2222222222")
    make_episode(maria, world.provider_a, "015.1", start=datetime.date(2020, 1, 1))
    rows = [
        olena(world, {"РНОКПП": "2222222222", "прізвище": "Бондар", "ім'я": "Марія"}),
        olena(world),
        olena(world, {"код послуги": "019.0", "дата завершення": ""}),
        ivan(world),
    ]
    path = write_csv(tmp_path / "e.csv", rows)
    counts = {}
    for set_based in (False, True):
        try:
            with transaction.atomic():
                run(world, path, set_based=set_based)
                after_import = _served()
                again = run(world, path, set_based=set_based)
                assert (again.episodes_created, again.episodes_skipped) == (0, 4)
                counts[set_based] = (after_import, _served(), PersonAccess.objects.count())
                recount()
                assert _served() == after_import  # what counting from scratch gives
                raise _Undo
        except _Undo:
            pass
    assert counts[True] == counts[False]
    assert ServiceEpisode.objects.count() == 1


# --- the import's own settings -----------------------------------------------------------


def _setting(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return str(cursor.fetchone()[0])


@pytest.mark.django_db(transaction=True)  # the import's transaction is the outermost one
def test_the_import_turns_jit_off_and_raises_work_memory_for_its_checks_only(
    offers: World, tmp_path: Path
) -> None:
    # given the session's own settings
    before = _setting("jit"), _setting("work_mem")
    seen: dict[str, set[tuple[str, str]]] = {}

    def progress(stage: str, rows: int) -> None:  # called inside the import's transaction
        seen.setdefault(stage, set()).add((_setting("jit"), _setting("work_mem")))

    # when a file is imported the set-based way
    path = write_csv(tmp_path / "e.csv", [olena(offers)])
    result = run(offers, path, set_based=True, progress=progress)
    assert result.written
    # then its checks ran with JIT off and 64 MB for each sort, its writes with JIT off
    # and the session's own memory …
    assert seen == {"checking": {("off", "64MB")}, "writing": {("off", before[1])}}
    # … and the session's settings are back once its transaction is over
    assert (_setting("jit"), _setting("work_mem")) == before
