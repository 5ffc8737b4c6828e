"""The reports as LibreOffice reads them: the council opens them there as often as in Word."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from conftest import World
from turbota.needs.documents import write_report
from turbota.needs.queries import needs_table
from turbota.needs.tests.factories import hand_computed


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    assert found, (
        "LibreOffice not found: install it (Debian: apt-get install libreoffice-writer-nogui "
        "libreoffice-calc-nogui); .ci/run does"
    )
    return found


def _converted(report: Path, to: str, tmp_path: Path) -> str:
    """What LibreOffice makes of ``report`` converted to ``to`` (txt or csv)."""
    profile = (tmp_path / "lo-profile").as_uri()  # its own profile: no lock with a running one
    subprocess.run(  # noqa: S603  # our own files and a found program, no shell
        [
            _soffice(),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(tmp_path),
            str(report),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    extension = to.split(":")[0]
    return (tmp_path / f"{report.stem}.{extension}").read_text(encoding="utf-8", errors="replace")


def test_libreoffice_reads_the_docx_report_text(world: World, tmp_path: Path) -> None:
    study = hand_computed(world)
    report = tmp_path / "needs.docx"
    report.write_bytes(write_report(needs_table(study=study), "docx", published=False))
    text = _converted(report, "txt:Text (encoded):UTF8", tmp_path)
    assert "Визначення потреб населення у соціальних послугах на 2021 рік" in text
    assert "Потреба в соціальних послугах по громаді" in text
    assert "015.1" in text


def test_libreoffice_reads_the_published_xlsx_report_cells(world: World, tmp_path: Path) -> None:
    study = hand_computed(world)
    report = tmp_path / "needs.xlsx"
    report.write_bytes(write_report(needs_table(study=study), "xlsx", published=True))
    # the first sheet: the title and the note on hidden counts
    text = _converted(report, "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path)
    assert "Визначення потреб населення у соціальних послугах на 2021 рік" in text
    assert "приховано" in text
