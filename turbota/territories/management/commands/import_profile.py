from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from turbota.core.actions import import_now
from turbota.territories.imports import PROFILE_IMPORTER
from turbota.territories.models import Territory


class Command(BaseCommand):
    help = (
        "Імпортує профіль громади з файлу Excel. Якщо у файлі є помилки, нічого не "
        "записується, а помилки виводяться (код завершення 1)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="файл .xlsx")
        parser.add_argument("--hromada", required=True, help="код КАТОТТГ громади")
        parser.add_argument(
            "--dry-run", action="store_true", help="лише перевірити й показати зміни"
        )

    def handle(
        self, *args: Any, file: Path, hromada: str, dry_run: bool = False, **options: Any
    ) -> None:
        territory = Territory.objects.hromadas().filter(code=hromada.upper()).first()
        if territory is None:
            raise CommandError(f"Громаду з кодом {hromada} не знайдено.")
        if not file.is_file():
            raise CommandError(f"Файл {file} не знайдено.")
        with file.open("rb") as source:
            plan = import_now(
                importer=PROFILE_IMPORTER, hromada=territory, source=source, dry_run=dry_run
            )
        if plan.problems:
            for problem in plan.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"Файл не імпортовано: помилок — {len(plan.problems)}.")
        counts = plan.counts()
        figures = (
            f"додано {counts['create']}, змінено {counts['update']}, без змін {counts['unchanged']}"
        )
        if dry_run:
            self.stdout.write(f"Помилок немає. Буде {figures}. Нічого не записано (--dry-run).")
        else:
            self.stdout.write(f"Імпортовано: {figures}.")
