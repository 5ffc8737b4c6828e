"""Reading a report back as LibreOffice reads it (the council opens files there as often as
in Word): shared by every app's document tests."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

TEXT = "txt:Text (encoded):UTF8"
CSV = "csv:Text - txt - csv (StarCalc):44,34,76"


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    assert found, (
        "LibreOffice not found: install it (Debian: apt-get install libreoffice-writer-nogui "
        "libreoffice-calc-nogui); .ci/run does"
    )
    return found


def converted(report: Path, to: str, tmp_path: Path) -> str:
    """What LibreOffice makes of ``report`` converted to ``to`` (txt, csv or pdf)."""
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
    target = tmp_path / f"{report.stem}.{extension}"
    if extension == "pdf":
        return str(target)
    return target.read_text(encoding="utf-8", errors="replace")
