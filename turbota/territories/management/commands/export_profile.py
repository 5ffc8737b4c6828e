from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from turbota.territories.exports import profile_workbook
from turbota.territories.models import Territory


class Command(BaseCommand):
    help = "Вивантажує профіль громади у файл Excel (у тому самому вигляді, що читає імпорт)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--hromada", required=True, help="код КАТОТТГ громади")
        parser.add_argument("--out", required=True, type=Path, help="куди записати .xlsx")

    def handle(self, *args: Any, hromada: str, out: Path, **options: Any) -> None:
        territory = Territory.objects.hromadas().filter(code=hromada.upper()).first()
        if territory is None:
            raise CommandError(f"Громаду з кодом {hromada} не знайдено.")
        out.write_bytes(profile_workbook(territory))
        self.stdout.write(f"Профіль {territory.display_name} записано у {out}")
