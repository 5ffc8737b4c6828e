from __future__ import annotations

import io
import random
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from conftest import World
from turbota.core.actions import import_now
from turbota.core.imports import ImportPlan, importer_for
from turbota.reports.xlsx import FileProblem, write_workbook
from turbota.territories.exports import profile_workbook, template_workbook
from turbota.territories.imports import PROFILE_IMPORTER, SPECS
from turbota.territories.models import (
    DisabilityCount,
    PopulationCount,
    SettlementProfile,
    Territory,
    VitalStatistics,
    VulnerableGroupCount,
)
from turbota.territories.tests.factories import (
    add_population,
    add_vulnerable_groups,
    fill_profile,
    make_settlement_profile,
)


def _snapshot(hromada: Territory) -> dict[str, list[tuple[Any, ...]]]:
    """Every profile row of the hromada by its natural key (not ids or timestamps)."""
    counts = ("territory__code", "year", "sex", "count", "is_estimated")
    return {
        "settlements": sorted(
            SettlementProfile.objects.filter(hromada=hromada).values_list(
                "settlement__code",
                "population",
                "population_year",
                "area_km2",
                "is_urban",
                "distance_to_centre_km",
                "latitude",
                "longitude",
                "is_estimated",
            )
        ),
        "population": sorted(
            PopulationCount.objects.filter(hromada=hromada).values_list(
                "age_band__min_age", *counts
            )
        ),
        "vulnerable": sorted(
            VulnerableGroupCount.objects.filter(hromada=hromada).values_list("group__code", *counts)
        ),
        "disability": sorted(
            DisabilityCount.objects.filter(hromada=hromada).values_list("group", *counts)
        ),
        "vital": sorted(
            VitalStatistics.objects.filter(hromada=hromada).values_list(
                "year", "births", "deaths", "is_estimated"
            )
        ),
    }


@pytest.fixture
def filled(world: World) -> Territory:
    """Hromada A with something in every sheet, settlement-level rows and decimals included."""
    fill_profile(world.hromada_a)
    make_settlement_profile(
        world.city_a,
        population=32938,
        population_year=2021,
        area_km2=Decimal("40.25"),
        distance_to_centre_km=Decimal("0"),
        latitude=Decimal("48.147200"),
        longitude=Decimal("37.856100"),
    )
    make_settlement_profile(
        world.village_a, population=2682, population_year=2021, is_estimated=True
    )
    add_population(world.hromada_a, 2021, {"0-17": (70, 75)}, territory=world.village_a)
    add_vulnerable_groups(
        world.hromada_a, 2021, {"older_persons": (120, 80)}, territory=world.village_a
    )
    return world.hromada_a


def _plan(content: bytes, hromada: Territory) -> ImportPlan:
    return PROFILE_IMPORTER.plan(io.BytesIO(content), hromada=hromada)


def _book(**sheets: list[dict[str, Any]]) -> bytes:
    """A workbook of all five sheets; keyword names are the sheet specs' keys."""
    names = {
        "settlements": "Населені пункти",
        "population": "Населення",
        "vital": "Природний рух",
        "disability": "Інвалідність",
        "vulnerable": "Вразливі групи",
    }
    return write_workbook(SPECS, {names[key]: rows for key, rows in sheets.items()})


def _only_problem(plan: ImportPlan) -> FileProblem:
    assert not plan.is_valid
    assert len(plan.problems) == 1, [str(p) for p in plan.problems]
    return plan.problems[0]


# --- round trip -------------------------------------------------------------------------------


def test_reimport_of_an_export_changes_nothing(filled: Territory) -> None:
    # given the export of a filled profile
    before = _snapshot(filled)
    entries = LogEntry.objects.count()
    content = profile_workbook(filled)
    # when it is imported straight back
    plan = import_now(importer=PROFILE_IMPORTER, hromada=filled, source=io.BytesIO(content))
    # then every row is unchanged, nothing is written and nothing is logged
    assert plan.is_valid
    counts = plan.counts()
    assert (counts["create"], counts["update"]) == (0, 0)
    assert counts["unchanged"] == 2 + 11 + 2 + 4 + 15
    assert _snapshot(filled) == before
    assert LogEntry.objects.count() == entries


def test_export_then_import_into_an_emptied_profile_gives_the_same_rows(
    filled: Territory,
) -> None:
    before = _snapshot(filled)
    content = profile_workbook(filled)
    for model in (
        SettlementProfile,
        PopulationCount,
        VulnerableGroupCount,
        DisabilityCount,
        VitalStatistics,
    ):
        model._default_manager.filter(hromada=filled).delete()
    plan = import_now(importer=PROFILE_IMPORTER, hromada=filled, source=io.BytesIO(content))
    assert plan.counts() == {"create": 34, "update": 0, "unchanged": 0}
    assert _snapshot(filled) == before
    again = import_now(importer=PROFILE_IMPORTER, hromada=filled, source=io.BytesIO(content))
    assert again.counts() == {"create": 0, "update": 0, "unchanged": 34}


def test_exported_sheets_hold_the_seed_figures_by_sex_with_their_total(
    filled: Territory,
) -> None:
    book = openpyxl.load_workbook(io.BytesIO(profile_workbook(filled)), read_only=True)
    rows = list(book["Вразливі групи"].iter_rows(values_only=True))
    assert rows[0][:8] == (
        "Рік",
        "Код групи",
        "Назва групи (довідково)",
        "Код території",
        "Жінки",
        "Чоловіки",
        "Разом",
        "Оцінка",
    )
    assert rows[1][:7] == (
        2021,
        "internally_displaced",
        "Внутрішньо переміщені особи",
        None,
        8522,
        5448,
        13970,
    )
    assert sorted(book.sheetnames) == sorted(
        [
            "Інструкція",
            "Населені пункти",
            "Населення",
            "Природний рух",
            "Інвалідність",
            "Вразливі групи",
        ]
    )


def test_a_changed_cell_is_planned_as_one_update_showing_old_and_new(filled: Territory) -> None:
    book = openpyxl.load_workbook(io.BytesIO(profile_workbook(filled)))
    sheet = book["Вразливі групи"]
    sheet["E2"], sheet["G2"] = 8600, 14048  # internally displaced women
    buffer = io.BytesIO()
    book.save(buffer)
    plan = _plan(buffer.getvalue(), filled)
    updates = [change for change in plan.changes if change.action == "update"]
    assert len(updates) == 1
    assert updates[0].what == "Вразливі групи 2021, громада загалом: Внутрішньо переміщені особи"
    assert (updates[0].old, updates[0].new) == (
        "жінки 8522, чоловіки 5448",
        "жінки 8600, чоловіки 5448",
    )


def test_import_upserts_and_never_deletes_rows_the_file_leaves_out(filled: Territory) -> None:
    before = VulnerableGroupCount.objects.filter(hromada=filled).count()
    content = _book(
        vulnerable=[
            {"year": 2021, "group": "single_mothers", "female": 470, "male": 0, "total": 470},
            {"year": 2022, "group": "single_mothers", "female": 480, "male": 0},
        ]
    )
    plan = import_now(importer=PROFILE_IMPORTER, hromada=filled, source=io.BytesIO(content))
    assert plan.counts() == {"create": 1, "update": 1, "unchanged": 0}
    assert VulnerableGroupCount.objects.filter(hromada=filled).count() == before + 2
    mothers = VulnerableGroupCount.objects.get(
        hromada=filled, year=2021, group__code="single_mothers", sex="female"
    )
    assert mothers.count == 470


def test_reimport_keeps_the_source_noted_on_the_edit_page(filled: Territory) -> None:
    PopulationCount.objects.filter(hromada=filled).update(source="Головне управління статистики")
    import_now(
        importer=PROFILE_IMPORTER,
        hromada=filled,
        source=io.BytesIO(
            _book(population=[{"year": 2021, "age_band": "80+", "female": 1501, "male": 670}])
        ),
    )
    sources = set(PopulationCount.objects.filter(hromada=filled).values_list("source", flat=True))
    assert sources == {"Головне управління статистики"}


def test_the_template_lists_the_settlements_and_alone_imports_nothing(world: World) -> None:
    content = template_workbook(world.hromada_a)
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    codes = [row[0] for row in book["Населені пункти"].iter_rows(min_row=2, values_only=True)]
    assert codes == [world.city_a.code, world.village_a.code]
    problem = _only_problem(_plan(content, world.hromada_a))
    assert problem.message == "у файлі немає жодного рядка з даними"


def test_the_importer_is_registered_for_the_shared_import_flow() -> None:
    assert importer_for("territories.profile") is PROFILE_IMPORTER


# --- rejected files: each is a readable problem and leaves the database as it was ----------


Sheets = dict[str, list[dict[str, Any]]]
Expected = tuple[str, int, str, str]  # sheet, row, column letter, message
REJECTED: dict[str, tuple[Sheets, Expected]] = {
    "unknown settlement code": (
        {"settlements": [{"code": "UA99999999999999999", "population": 5}]},
        ("Населені пункти", 2, "A", "невідомий код КАТОТТГ"),
    ),
    "settlement of another hromada": (
        {"settlements": [{"code": "<village_b>", "population": 50, "population_year": 2021}]},
        ("Населені пункти", 2, "A", "населений пункт не входить до цієї громади"),
    ),
    "territory of another hromada": (
        {
            "population": [
                {
                    "year": 2021,
                    "territory": "<village_b>",
                    "age_band": "0-17",
                    "female": 1,
                    "male": 2,
                }
            ]
        },
        ("Населення", 2, "B", "ця територія не входить до громади"),
    ),
    "unknown age band": (
        {"population": [{"year": 2021, "age_band": "18-30", "female": 10, "male": 12}]},
        ("Населення", 2, "C", "невідома вікова група; допустимі: 0-17, 18-34, 35-59, 60-79, 80+"),
    ),
    "unknown vulnerable group": (
        {"vulnerable": [{"year": 2021, "group": "aliens", "female": 10, "male": 12}]},
        ("Вразливі групи", 2, "B", "невідомий код вразливої групи (див. аркуш «Інструкція»)"),
    ),
    "unknown disability group": (
        {"disability": [{"year": 2021, "group": "IV", "female": 10, "male": 12}]},
        ("Інвалідність", 2, "B", "допустимі значення: «I», «II», «III», «діти»"),
    ),
    "negative count": (
        {"population": [{"year": 2021, "age_band": "0-17", "female": -5, "male": 12}]},
        ("Населення", 2, "D", "кількість не може бути від'ємною"),
    ),
    "total that does not add up": (
        {
            "vulnerable": [
                {
                    "year": 2021,
                    "group": "older_persons",
                    "female": 6843,
                    "male": 3685,
                    "total": 10500,
                }
            ]
        },
        (
            "Вразливі групи",
            2,
            "G",
            "сума жінок і чоловіків (10528) не дорівнює значенню «Разом» (10500)",
        ),
    ),
    "text in a count": (
        {"disability": [{"year": 2021, "group": "I", "female": "багато", "male": 12}]},
        ("Інвалідність", 2, "C", "очікується ціле число"),
    ),
    "fraction in a count": (
        {"vital": [{"year": 2021, "births": 190.5, "deaths": 700}]},
        ("Природний рух", 2, "B", "очікується ціле число, а не дробове"),
    ),
    "year out of range": (
        {"vital": [{"year": 1890, "births": 190, "deaths": 700}]},
        ("Природний рух", 2, "A", "рік має бути між 1991 і 2100"),
    ),
    "yes or no expected": (
        {"vital": [{"year": 2021, "births": 190, "deaths": 700, "is_estimated": "можливо"}]},
        ("Природний рух", 2, "D", "очікується «так» або «ні»"),
    ),
    "latitude outside Ukraine": (
        {"settlements": [{"code": "<city_a>", "latitude": Decimal("60.1")}]},
        ("Населені пункти", 2, "H", "має бути між 44 і 52,5 (межі України)"),
    ),
    "population without a year": (
        {"settlements": [{"code": "<city_a>", "population": 900}]},
        ("Населені пункти", 2, "D", "вкажіть рік, на який наведено населення"),
    ),
    "no count at all": (
        {"population": [{"year": 2021, "age_band": "0-17"}]},
        ("Населення", 2, "D", "вкажіть кількість жінок і (або) чоловіків"),
    ),
    "missing required cell": (
        {"vital": [{"year": 2021, "births": 190}]},
        ("Природний рух", 2, "C", "обов'язкове значення не заповнено"),
    ),
}


def _fill_codes(rows: list[dict[str, Any]], world: World) -> list[dict[str, Any]]:
    codes = {"<village_b>": world.village_b.code, "<city_a>": world.city_a.code}
    return [{k: codes.get(v, v) if isinstance(v, str) else v for k, v in r.items()} for r in rows]


@pytest.mark.parametrize("case", REJECTED, ids=str)
def test_a_rejected_file_names_sheet_row_and_column_and_writes_nothing(
    world: World, filled: Territory, case: str
) -> None:
    sheets, (sheet, row, column, message) = REJECTED[case]
    before = _snapshot(filled)
    content = _book(**{name: _fill_codes(rows, world) for name, rows in sheets.items()})
    plan = import_now(importer=PROFILE_IMPORTER, hromada=filled, source=io.BytesIO(content))
    problem = _only_problem(plan)
    assert (problem.sheet, problem.row, problem.column, problem.message) == (
        sheet,
        row,
        column,
        message,
    )
    assert f"рядок {row}, стовпець {column}" in str(problem)
    assert _snapshot(filled) == before


def test_the_same_key_twice_in_a_file_is_refused_at_the_second_row(filled: Territory) -> None:
    row = {"year": 2021, "group": "II", "female": 700, "male": 520}
    problem = _only_problem(_plan(_book(disability=[row, row]), filled))
    assert (problem.sheet, problem.row, problem.column) == ("Інвалідність", 3, "B")
    assert "уже є в рядку 2" in problem.message


def test_one_bad_row_among_good_ones_stops_the_whole_file(filled: Territory) -> None:
    before = _snapshot(filled)
    content = _book(
        vital=[{"year": 2022, "births": 180, "deaths": 720}],
        population=[{"year": 2022, "age_band": "0-17", "female": 10, "male": 11, "total": 20}],
    )
    plan = import_now(importer=PROFILE_IMPORTER, hromada=filled, source=io.BytesIO(content))
    assert _only_problem(plan).sheet == "Населення"
    assert _snapshot(filled) == before


def test_every_problem_of_a_file_is_reported_in_sheet_order(filled: Territory) -> None:
    content = _book(
        vulnerable=[{"year": 2021, "group": "aliens", "female": 1, "male": 1}],
        settlements=[{"code": "UA99999999999999999"}],
        vital=[{"year": "колись", "births": 1, "deaths": 2}],
    )
    plan = _plan(content, filled)
    assert [p.sheet for p in plan.problems] == [
        "Населені пункти",
        "Природний рух",
        "Вразливі групи",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "файл порожній"),
        (random.Random(4).randbytes(4096), "файл пошкоджений або не є книгою Excel (.xlsx)"),
    ],
    ids=["empty file", "random bytes"],
)
def test_an_empty_or_corrupt_file_is_one_readable_problem(
    filled: Territory, content: bytes, message: str
) -> None:
    before = _snapshot(filled)
    problem = _only_problem(_plan(content, filled))
    assert problem.message == message
    assert _snapshot(filled) == before


def test_a_truncated_workbook_is_reported_as_damaged(filled: Territory) -> None:
    content = profile_workbook(filled)
    before = _snapshot(filled)
    problem = _only_problem(_plan(content[: len(content) // 2], filled))
    assert "пошкоджений" in problem.message
    assert _snapshot(filled) == before


def test_a_missing_sheet_is_named(filled: Territory) -> None:
    content = write_workbook(
        SPECS[:4], {"Природний рух": [{"year": 2022, "births": 1, "deaths": 9}]}
    )
    problem = _only_problem(_plan(content, filled))
    assert problem.message == "у файлі немає аркуша «Вразливі групи»"


def test_a_cyrillic_numeral_for_a_disability_group_is_understood(filled: Territory) -> None:
    content = _book(disability=[{"year": 2022, "group": "ІІ група", "female": 7, "male": 6}])
    plan = import_now(importer=PROFILE_IMPORTER, hromada=filled, source=io.BytesIO(content))
    assert plan.counts()["create"] == 1
    assert DisabilityCount.objects.filter(year=2022, group="II").count() == 2


# --- the shared upload → preview → confirm flow ---------------------------------------------


def test_staff_upload_preview_and_confirm_an_import(
    world: World, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    client = world.client_for("hromada_staff")
    content = _book(
        vulnerable=[{"year": 2021, "group": "single_mothers", "female": 463, "male": 0}]
    )
    upload = io.BytesIO(content)
    upload.name = "profile.xlsx"
    url = reverse("territories:profile_import", kwargs={"code": world.hromada_a.code})
    response = client.post(url, {"file": upload})
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert "буде додано" in preview.content.decode()
    assert not VulnerableGroupCount.objects.exists()
    job_url = response["Location"].rstrip("/") + "/apply/"
    done = client.post(job_url)
    assert done["Location"] == reverse("territories:profile", kwargs={"code": world.hromada_a.code})
    assert VulnerableGroupCount.objects.filter(hromada=world.hromada_a).count() == 2
    entry = LogEntry.objects.filter(additional_data__hromada_id=world.hromada_a.pk).first()
    assert entry is not None
    assert entry.actor == world.users["hromada_staff"]
