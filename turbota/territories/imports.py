"""The community profile as one XLSX workbook: the sheets, and the importer that reads them.

The same specs write the template and the export (``territories.exports``) and read an
upload. The importer checks every row (codes of this hromada, known age bands and groups,
women + men = total, no key twice) and writes nothing unless the whole file is valid. It
upserts what the file holds and never deletes what the file leaves out, so importing an
export changes nothing.
"""

from __future__ import annotations

from typing import IO

from django.urls import reverse

from turbota.accounts.permissions import AnyUser
from turbota.core.imports import ImportPlan, register
from turbota.reports.xlsx import (
    CellValueError,
    Column,
    FileProblem,
    SheetSpec,
    parse_count,
    parse_decimal,
    parse_text,
    parse_year,
    parse_yes_no,
    read_workbook,
)
from turbota.territories.import_sheets import (
    DISABILITY_COUNTS,
    POPULATION_COUNTS,
    VULNERABLE_COUNTS,
    PlanBuilder,
    plan_counts,
    plan_settlements,
    plan_vital,
)
from turbota.territories.models import Territory
from turbota.territories.permissions import can_edit_profile

DISABILITY_LABELS = {"I": "I", "II": "II", "III": "III", "child": "діти"}
_CHILDREN = {"діти", "діти з інвалідністю", "child"}


def parse_disability_group(value: object) -> str:
    """I, II, III or «діти»; a Cyrillic «І» typed for the Roman numeral is accepted."""
    text = parse_text(value).casefold().removesuffix(" група").strip()
    if text in _CHILDREN:
        return "child"
    roman = text.replace("і", "i").upper()  # Cyrillic і → Latin I
    if roman not in ("I", "II", "III"):
        raise CellValueError("допустимі значення: «I», «II», «III», «діти»")
    return roman


def parse_code(value: object) -> str:
    return parse_text(value).upper()


def parse_group_code(value: object) -> str:
    return parse_text(value).casefold()


_TERRITORY_HELP = "порожньо — громада загалом; або код КАТОТТГ її населеного пункту"
_ESTIMATED = Column(
    "is_estimated",
    "Оцінка",
    parse=parse_yes_no,
    width=10,
    help="«так», якщо значення оцінені, а не взяті з офіційного джерела",
)


def _sex_columns() -> tuple[Column, ...]:
    return (
        Column("female", "Жінки", parse=parse_count, width=10),
        Column("male", "Чоловіки", parse=parse_count, width=10),
        Column(
            "total", "Разом", parse=parse_count, width=10, help="має дорівнювати Жінки + Чоловіки"
        ),
        _ESTIMATED,
    )


SETTLEMENTS = SheetSpec(
    name="Населені пункти",
    description="Населені пункти громади: один рядок на населений пункт.",
    columns=(
        Column("code", "Код КАТОТТГ", parse=parse_code, required=True, width=22),
        Column("name", "Назва (довідково)", width=26, help="не імпортується"),
        Column("population", "Населення", parse=parse_count, width=12, help="осіб"),
        Column("population_year", "Рік", parse=parse_year, width=8, help="станом на 1 січня"),
        Column("area_km2", "Площа, км²", parse=parse_decimal, width=12),
        Column(
            "is_urban",
            "Міська місцевість",
            parse=parse_yes_no,
            width=12,
            help="«так» або «ні»; порожньо — за категорією в кодифікаторі",
        ),
        Column("distance_to_centre_km", "Відстань до центру громади, км", parse=parse_decimal),
        Column("latitude", "Широта", parse=parse_decimal, width=12, help="напр. 48,1472"),
        Column("longitude", "Довгота", parse=parse_decimal, width=12, help="напр. 37,8561"),
        _ESTIMATED,
    ),
)
POPULATION = SheetSpec(
    name="Населення",
    description="Населення за віковими групами і статтю на 1 січня року.",
    columns=(
        Column("year", "Рік", parse=parse_year, required=True, width=8),
        Column("territory", "Код території", parse=parse_code, width=22, help=_TERRITORY_HELP),
        Column("age_band", "Вікова група", required=True, width=12, help="напр. 0-17 або 80+"),
        *_sex_columns(),
    ),
)
VITAL = SheetSpec(
    name="Природний рух",
    description="Народжені й померлі за рік.",
    columns=(
        Column("year", "Рік", parse=parse_year, required=True, width=8),
        Column("births", "Народилося", parse=parse_count, required=True, width=12),
        Column("deaths", "Померло", parse=parse_count, required=True, width=12),
        _ESTIMATED,
    ),
)
DISABILITY = SheetSpec(
    name="Інвалідність",
    description="Особи з інвалідністю за групами і статтю (громада загалом).",
    columns=(
        Column("year", "Рік", parse=parse_year, required=True, width=8),
        Column(
            "group",
            "Група",
            parse=parse_disability_group,
            required=True,
            width=10,
            help="I, II, III або «діти»",
        ),
        *_sex_columns(),
    ),
)
VULNERABLE = SheetSpec(
    name="Вразливі групи",
    description="Вразливі групи населення за статтю (таблиця 1 стратегії).",
    columns=(
        Column("year", "Рік", parse=parse_year, required=True, width=8),
        Column(
            "group",
            "Код групи",
            parse=parse_group_code,
            required=True,
            width=28,
            help="код з довідника вразливих груп",
        ),
        Column("group_name", "Назва групи (довідково)", width=40, help="не імпортується"),
        Column("territory", "Код території", parse=parse_code, width=22, help=_TERRITORY_HELP),
        *_sex_columns(),
    ),
)
SPECS = (SETTLEMENTS, POPULATION, VITAL, DISABILITY, VULNERABLE)


class ProfileImporter:
    kind = "territories.profile"
    title = "Імпорт профілю громади з Excel"

    def plan(self, source: IO[bytes], *, hromada: Territory) -> ImportPlan:
        book = read_workbook(source, SPECS)
        if book.errors and not book.rows:
            return ImportPlan(problems=book.errors)
        bad_rows = {(p.sheet, p.row) for p in book.errors if p.row is not None}
        builder = PlanBuilder(hromada=hromada, bad_rows=bad_rows)
        plan_settlements(builder, book.sheet_rows(SETTLEMENTS))
        plan_counts(builder, book.sheet_rows(POPULATION), POPULATION_COUNTS)
        plan_vital(builder, book.sheet_rows(VITAL))
        plan_counts(builder, book.sheet_rows(DISABILITY), DISABILITY_COUNTS)
        plan_counts(builder, book.sheet_rows(VULNERABLE), VULNERABLE_COUNTS)
        problems = sorted(book.errors + builder.problems, key=_position)
        if not problems and not builder.data_rows:
            problems = [FileProblem(message="у файлі немає жодного рядка з даними")]
        if problems:
            return ImportPlan(problems=problems)
        return ImportPlan(changes=builder.changes, write=builder.write_all)

    def can_import(self, user: AnyUser, hromada: Territory) -> bool:
        return can_edit_profile(user, hromada)

    def done_url(self, hromada: Territory) -> str:
        return reverse("territories:profile", kwargs={"code": hromada.code})


def _position(problem: FileProblem) -> tuple[int, int]:
    order = [spec.name for spec in SPECS]
    sheet = order.index(problem.sheet) if problem.sheet in order else -1
    return sheet, problem.row or 0


PROFILE_IMPORTER = ProfileImporter()


def register_importers() -> None:
    register(PROFILE_IMPORTER)
