from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from turbota.core.actions import import_now
from turbota.providers.imports import IMPORTER
from turbota.territories.models import Territory


class Command(BaseCommand):
    help = (
        "Імпортує реєстр надавачів громади з файлу XLSX (витяг із Реєстру надавачів або "
        "експорт із системи). Файл записують лише цілком; надавачів, яких немає у файлі, "
        "не видаляють."
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
        territory = Territory.objects.hromadas().filter(code=hromada).first()
        if territory is None:
            raise CommandError(f"Громади з кодом {hromada} немає.")
        if not file.is_file():
            raise CommandError(f"Файлу {file} немає.")
        with file.open("rb") as source:
            plan = import_now(importer=IMPORTER, hromada=territory, source=source, dry_run=dry_run)
        if plan.problems:
            lines = "\n".join(f"  {problem}" for problem in plan.problems)
            raise CommandError(f"Файл не прийнято, нічого не записано. Помилки:\n{lines}")
        for change in plan.changes:
            if change.action != "unchanged":
                verb = "додати" if change.action == "create" else "змінити"
                self.stdout.write(f"  {verb}: {change.what}")
        counts = plan.counts()
        summary = (
            f"додано {counts['create']}, змінено {counts['update']}, без змін {counts['unchanged']}"
        )
        if dry_run:
            summary = summary.replace("додано", "буде додано", 1)
            self.stdout.write(f"Перевірка: {summary}; нічого не записано.")
        else:
            self.stdout.write(f"Записано: {summary}.")
