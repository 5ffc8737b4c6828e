"""The protocol and the dashboard as LibreOffice reads them."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import World
from turbota.oblast.demo import load_protocol_003
from turbota.oblast.documents import dashboard_workbook, protocol_document
from turbota.oblast.queries import assignment_lines, dashboard
from turbota.oblast.tests.factories import study_a
from turbota.oblast.tests.test_assignments import D
from turbota.reports.tests.libreoffice import TEXT, converted, soffice


def test_libreoffice_reads_the_seed_003_protocol_with_its_assignments(
    world: World, tmp_path: Path
) -> None:
    meeting = load_protocol_003(world.oblast_a)
    assert meeting is not None
    lines = assignment_lines(meeting=meeting, today=D(2024, 4, 2))
    path = tmp_path / "protocol.docx"
    path.write_bytes(protocol_document(meeting, lines))
    text = converted(path, TEXT, tmp_path)
    assert "Протокол № 2 засідання від 20.03.2024" in text
    assert "Порядок денний" in text
    assert "до 25.03.2024" in text
    assert "прострочено на 8 дн." in text  # 1.3 on 02.04.2024
    assert "Департамент соціального захисту населення облдержадміністрації" in text
    assert text.count("постійно") == 3


def test_libreoffice_reads_the_dashboard_spreadsheet(world: World, tmp_path: Path) -> None:
    study_a(world)
    board = dashboard(user=world.users["oblast_analyst"], oblast=world.oblast_a, year=2021)  # type: ignore[arg-type]
    path = tmp_path / "oblast.xlsx"
    path.write_bytes(dashboard_workbook(board))
    # the 12th filter option picks the sheet: 2 — «Громади», after the instructions
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(  # noqa: S603  # our own file and a found program, no shell
        [
            soffice(),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = (tmp_path / "oblast-Громади.csv").read_text(encoding="utf-8")  # named by its sheet
    rows = {line.split(",")[0]: line for line in text.splitlines()}
    assert rows[world.hromada_a.code].endswith(",2021,немає даних,немає даних")
    assert rows[world.hromada_a2.code].endswith(",немає даних,немає даних,немає даних")
