from pathlib import Path
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError, CommandParser

from turbota.people.imports import EpisodeImport, import_episodes
from turbota.people.models import ColumnMapping
from turbota.territories.models import Territory

SHOWN_PROBLEMS = 10


class Command(BaseCommand):
    help = (
        "Імпортує отримувачів і епізоди надання послуг громади з файлу CSV або XLSX "
        "(один рядок — один епізод; стовпці описано в docs/imports-episodes.md). Файл "
        "записують лише цілком; повторний імпорт того самого файлу нічого не змінює."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="файл .csv або .xlsx")
        parser.add_argument("--hromada", required=True, help="код КАТОТТГ громади")
        parser.add_argument("--dry-run", action="store_true", help="лише перевірити файл")
        parser.add_argument(
            "--mapping", default="", help="назва збереженого зіставлення стовпців громади"
        )

    def handle(
        self,
        *args: Any,
        file: Path,
        hromada: str,
        dry_run: bool = False,
        mapping: str = "",
        **options: Any,
    ) -> None:
        territory = Territory.objects.hromadas().filter(code=hromada).first()
        if territory is None:
            raise CommandError(f"Громади з кодом {hromada} немає.")
        columns = None
        if mapping:
            saved = ColumnMapping.objects.filter(hromada=territory, name=mapping).first()
            if saved is None:
                raise CommandError(f"Зіставлення стовпців «{mapping}» у громади немає.")
            columns = saved.columns
        if not file.is_file():
            raise CommandError(f"Файлу {file} немає.")
        with file.open("rb") as source:
            result = import_episodes(
                source=source,
                name=file.name,
                hromada=territory,
                user=AnonymousUser(),
                dry_run=dry_run,
                mapping=columns,
            )
        if not result.accepted:
            raise CommandError(_rejection(result))
        self.stdout.write(_summary(result, dry_run=dry_run))


def _rejection(result: EpisodeImport) -> str:
    lines = [
        f"Файл не прийнято, нічого не записано. Помилок: {result.problem_count}.",
        f"Звіт про помилки: {result.report}",
    ]
    lines += [f"  {problem}" for problem in result.problems[:SHOWN_PROBLEMS]]
    if result.problem_count > SHOWN_PROBLEMS:
        lines.append("  … решта — у звіті.")
    return "\n".join(lines)


def _outcome(result: EpisodeImport, *, dry_run: bool) -> str:
    if dry_run:
        return "Перевірка: нічого не записано."
    if not result.episodes_created and not result.people_created:
        return "Нічого нового: усе з цього файлу вже є в реєстрі."
    return "Записано."


def _summary(result: EpisodeImport, *, dry_run: bool) -> str:
    will = "буде " if dry_run else ""
    lines = [
        f"Прочитано рядків: {result.rows}.",
        f"Осіб {will}додано: {result.people_created}, знайдено в реєстрі: {result.people_matched}.",
        f"Епізодів {will}додано: {result.episodes_created}, пропущено як уже імпортовані: "
        f"{result.episodes_skipped}.",
        _outcome(result, dry_run=dry_run),
    ]
    return "\n".join(lines)
