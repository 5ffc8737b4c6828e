from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from turbota.providers.workbook import write_export
from turbota.territories.models import Territory


class Command(BaseCommand):
    help = (
        "Вивантажує реєстр надавачів громади у файл XLSX (стовпці витягу з Реєстру "
        "надавачів, а також аркуші послуг, адрес, відділень і штату)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--hromada", required=True, help="код КАТОТТГ громади")
        parser.add_argument("--out", required=True, type=Path, help="куди записати .xlsx")

    def handle(self, *args: Any, hromada: str, out: Path, **options: Any) -> None:
        territory = Territory.objects.hromadas().filter(code=hromada).first()
        if territory is None:
            raise CommandError(f"Громади з кодом {hromada} немає.")
        out.write_bytes(write_export(territory))
        count = territory.providers.count()
        self.stdout.write(f"{territory.display_name}: надавачів — {count}; файл {out}")
