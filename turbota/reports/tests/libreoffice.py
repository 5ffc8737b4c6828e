"""Reading a report back as LibreOffice does (the council opens documents there as often
as in Word): shared by every app's document tests."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

DOCX_TO_TEXT = "txt:Text (encoded):UTF8"
XLSX_TO_CSV = "csv:Text - txt - csv (StarCalc):44,34,76"


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    assert found, (
        "LibreOffice not found: install it (Debian: apt-get install libreoffice-writer-nogui "
        "libreoffice-calc-nogui); .ci/run does"
    )
    return found


def converted(report: Path, to: str, tmp_path: Path) -> str:
    """What LibreOffice makes of ``report`` converted to ``to`` (txt or csv)."""
    profile = (tmp_path / "lo-profile").as_uri()  # its own profile: no lock with a running one
    subprocess.run(  # noqa: S603  # our own files and a found program, no shell
        [
            soffice(),
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
