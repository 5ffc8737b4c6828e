"""The project as a newcomer meets it: settings that work on a fresh clone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def _show_migrations(**env: str) -> subprocess.CompletedProcess[str]:
    """``manage.py showmigrations`` in a new process: it opens the database."""
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | env
    return subprocess.run(
        [sys.executable, "manage.py", "showmigrations", "accounts"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_fresh_clone_gets_its_sqlite_database_folder_on_first_use(tmp_path: Path) -> None:
    data = tmp_path / "not" / "yet" / "there"
    done = _show_migrations(TURBOTA_DATA_DIR=str(data))
    assert done.returncode == 0, done.stderr
    assert (data / "turbota.sqlite3").exists()


def test_an_empty_database_url_means_the_default_sqlite_file(tmp_path: Path) -> None:
    done = _show_migrations(DATABASE_URL="", TURBOTA_DATA_DIR=str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "turbota.sqlite3").exists()
