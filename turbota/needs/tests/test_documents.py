"""The reports as LibreOffice reads them: the council opens them there as often as in Word."""

from __future__ import annotations

from pathlib import Path

from conftest import World
from turbota.needs.documents import outline, write_report
from turbota.needs.queries import needs_table
from turbota.needs.tests.factories import hand_computed, survey_share
from turbota.reports.tests.libreoffice import CSV, TEXT, converted


def test_libreoffice_reads_the_docx_report_text(world: World, tmp_path: Path) -> None:
    study = hand_computed(world)
    report = tmp_path / "needs.docx"
    report.write_bytes(write_report(needs_table(study=study), "docx", published=False))
    text = converted(report, TEXT, tmp_path)
    assert "Визначення потреб населення у соціальних послугах на 2021 рік" in text
    assert "Потреба в соціальних послугах по громаді" in text
    assert "015.1" in text


def test_libreoffice_reads_the_published_xlsx_report_cells(world: World, tmp_path: Path) -> None:
    study = hand_computed(world)
    report = tmp_path / "needs.xlsx"
    report.write_bytes(write_report(needs_table(study=study), "xlsx", published=True))
    # the first sheet: the title and the note on hidden counts
    text = converted(report, CSV, tmp_path)
    assert "Визначення потреб населення у соціальних послугах на 2021 рік" in text
    assert "приховано" in text


def test_the_report_says_which_rates_a_survey_replaced_and_hides_the_share_when_published(
    world: World,
) -> None:
    study = hand_computed(world)
    survey_share(study, source="опитування, 7 з 16")
    table = needs_table(study=study)
    full = " ".join(outline(table, published=False).paragraphs)
    published = " ".join(outline(table, published=True).paragraphs)
    assert "015.1 × " in full
    assert "0,4375" in full
    assert "7 з 16" in full
    assert "015.1 × " in published
    assert "0,4375" not in published
    assert "7 з 16" not in published
