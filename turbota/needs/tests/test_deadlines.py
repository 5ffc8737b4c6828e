"""The table of deadlines kept, on a case small enough to count by hand."""

from __future__ import annotations

import datetime
import re
from typing import Any

import openpyxl
import pytest
from django.urls import reverse

from conftest import World
from turbota.needs.documents import outline, write_report
from turbota.needs.enums import StudyStatus
from turbota.needs.models import NeedsStudy
from turbota.needs.queries import (
    ComplianceRow,
    deadline_compliance,
    needs_table,
    shown_compliance,
)
from turbota.needs.queries.deadlines import ComplianceCounts
from turbota.needs.tests.factories import make_method
from turbota.people.enums import Decision
from turbota.people.tests.factories import make_application, make_person
from turbota.reports.documents import Table

D = datetime.date
MONDAY = D(2022, 3, 7)  # under martial law: assessment due Monday 14.03, decision Tuesday 08.03
TODAY = D(2023, 1, 4)


def _study(world: World) -> NeedsStudy:
    """Hromada A in 2022 with the shipped rules.

    Home care (015.1, decision within 1 working day): assessed in time and decided in time;
    assessed a day late and decided a day late; never assessed and still pending; refused on
    the day, unassessed (in no column but the applications). Counselling (002.0, no decision
    rule): assessed in time; applied on 30.12.2022, due 06.01.2023, not yet due on TODAY.
    Not counted: an application of 30.12.2021 and one of a person of hromada B."""
    person = make_person(world.village_a)
    apply = make_application
    apply(person, applied_on=MONDAY, assessed_on=D(2022, 3, 14), decided_on=D(2022, 3, 8),
          decision=Decision.GRANTED)  # fmt: skip
    apply(person, applied_on=MONDAY, assessed_on=D(2022, 3, 15), decided_on=D(2022, 3, 9),
          decision=Decision.GRANTED)  # fmt: skip
    apply(person, applied_on=MONDAY)
    apply(person, applied_on=MONDAY, decision=Decision.REFUSED, decided_on=MONDAY)
    apply(person, "002.0", applied_on=MONDAY, assessed_on=D(2022, 3, 10),
          decision=Decision.GRANTED, decided_on=D(2022, 3, 20))  # fmt: skip
    apply(person, "002.0", applied_on=D(2022, 12, 30))
    apply(person, applied_on=D(2021, 12, 30))
    apply(make_person(world.village_b), applied_on=MONDAY)
    return NeedsStudy.objects.create(
        hromada=world.hromada_a, year=2022, method=make_method({}), groups_year=2021
    )


def _figures(rows: list[Any]) -> list[tuple[object, ...]]:
    return [
        (
            r.code,
            *[
                str(getattr(r, column))
                for column in (
                    "applications",
                    "assessed_on_time",
                    "assessed_late",
                    "not_assessed_overdue",
                    "decisions_late",
                )
            ],
        )
        for r in rows
    ]


def test_the_table_counts_each_deadline_kept_and_broken_per_service_and_in_total(
    world: World, django_assert_num_queries: Any
) -> None:
    study = _study(world)

    with django_assert_num_queries(3):  # the applications, the rules, the calendar
        rows = deadline_compliance(study=study, today=TODAY)

    assert [(r.code, r.name) for r in rows] == [
        ("002.0", "Консультування"),
        ("015.1", "Догляд вдома"),
        ("", "Усього"),
    ]
    counts = [r.counts for r in rows]
    assert counts == [
        ComplianceCounts(2, 1, 0, 0, None),
        ComplianceCounts(4, 1, 1, 1, 2),
        ComplianceCounts(6, 2, 1, 1, 2),
    ]


def test_the_published_table_hides_small_counts(world: World) -> None:
    rows = shown_compliance(deadline_compliance(study=_study(world), today=TODAY), suppress=True)

    assert _figures(rows) == [
        ("002.0", "<5", "<5", "0", "0", "None"),
        ("015.1", "<5", "<5", "<5", "<5", "<5"),
        ("", "6", "<5", "<5", "<5", "<5"),
    ]


def test_a_small_count_alone_in_its_column_or_row_is_protected_by_another() -> None:
    # given two services whose rows add up (nothing else), one late assessment of 2
    rows = [
        ComplianceRow("002.0", "Консультування", ComplianceCounts(40, 38, 2, 0)),
        ComplianceRow("015.1", "Догляд вдома", ComplianceCounts(50, 45, 5, 0)),
        ComplianceRow("", "Усього", ComplianceCounts(90, 83, 7, 0)),
    ]

    shown = _figures(shown_compliance(rows, suppress=True))

    # the total would give the 2 back down its column, and 40 − 38 − 0 along its row
    assert shown == [
        ("002.0", "40", "приховано", "<5", "0", "None"),
        ("015.1", "50", "приховано", "приховано", "0", "None"),
        ("", "90", "83", "7", "0", "None"),
    ]
    assert _figures(shown_compliance(rows, suppress=False))[0][1:4] == ("40", "38", "2")


def _section(html: str) -> str:
    match = re.search(r'id="deadlines-heading".*?</section>', html, re.S)
    assert match
    return match[0]


def _row(html: str, label: str) -> list[str]:
    row = re.search(rf'<th scope="row">{re.escape(label)}</th>(.*?)</tr>', html, re.S)
    assert row, label
    return [re.sub(r"<.*?>", "", c).strip() for c in re.findall(r"<td.*?</td>", row[1], re.S)]


@pytest.mark.parametrize(
    ("role", "total"),
    # today, counselling of 30.12.2022 is overdue too
    [("hromada_staff", ["6", "2", "1", "2", "2"]), ("anonymous", ["6", *["&lt;5"] * 4])],
)
def test_the_study_page_shows_the_table_in_full_to_staff_and_suppressed_to_the_public(
    world: World, role: str, total: list[str]
) -> None:
    study = _study(world)
    NeedsStudy.objects.filter(pk=study.pk).update(status=StudyStatus.PUBLISHED)

    response = world.client_for(role).get(reverse("needs:study_detail", args=[study.pk]))

    assert response.status_code == 200
    section = _section(response.content.decode())
    assert _row(section, "Усього") == total
    assert _row(section, "002.0 Консультування")[-1] == "—"


def test_the_reports_carry_the_table_and_the_published_one_hides_small_counts(
    world: World,
) -> None:
    study = _study(world)
    table = needs_table(study=study)

    def compliance(published: bool) -> list[list[str]]:
        (found,) = [
            block
            for block in outline(table, published=published).blocks
            if isinstance(block, Table) and block.title.startswith("Дотримання строків")
        ]
        return found.rows

    # today, counselling of 30.12.2022 is overdue too
    assert compliance(False)[-1] == ["", "Усього", "6", "2", "1", "2", "2"]
    assert compliance(True)[-1] == ["", "Усього", "6", "<5", "<5", "<5", "<5"]
    assert compliance(True)[0][-1] == "—"


def test_the_xlsx_report_has_a_sheet_with_the_table(world: World, tmp_path: Any) -> None:
    study = _study(world)
    path = tmp_path / "needs.xlsx"
    path.write_bytes(write_report(needs_table(study=study), "xlsx", published=True))

    book = openpyxl.load_workbook(path, read_only=True)
    cells = [
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    assert any(cell.startswith("Дотримання строків розгляду звернень") for cell in cells)
    assert "Не оцінено, строк минув" in cells
