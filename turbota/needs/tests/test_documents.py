"""The reports as LibreOffice reads them: the council opens them there as often as in Word."""

from __future__ import annotations

from pathlib import Path

from conftest import World
from turbota.needs.documents import write_report
from turbota.needs.queries import needs_table
from turbota.needs.tests.factories import hand_computed
from turbota.reports.tests.libreoffice import DOCX_TO_TEXT, XLSX_TO_CSV, converted


def test_libreoffice_reads_the_docx_report_text(world: World, tmp_path: Path) -> None:
    study = hand_computed(world)
    report = tmp_path / "needs.docx"
    report.write_bytes(write_report(needs_table(study=study), "docx", published=False))
    text = converted(report, DOCX_TO_TEXT, tmp_path)
    assert "Визначення потреб населення у соціальних послугах на 2021 рік" in text
    assert "Потреба в соціальних послугах по громаді" in text
    assert "015.1" in text


def test_libreoffice_reads_the_published_xlsx_report_cells(world: World, tmp_path: Path) -> None:
    study = hand_computed(world)
    report = tmp_path / "needs.xlsx"
    report.write_bytes(write_report(needs_table(study=study), "xlsx", published=True))
    # the first sheet: the title and the note on hidden counts
    text = converted(report, XLSX_TO_CSV, tmp_path)
    assert "Визначення потреб населення у соціальних послугах на 2021 рік" in text
    assert "приховано" in text
