import json
import re
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from turbota.strategy.imports import ImportMode, plan_import
from turbota.territories.models import Territory

_PERIOD = re.compile(r"^((?:19|20)\d{2})-((?:19|20)\d{2})$")


class Command(BaseCommand):
    help = (
        "Імпортує стратегію громади з DOCX або текстового експорту: місія, візія, цінності, "
        "робоча група, SWOT, дерево цілей з номерами як у документі, індикатори, план "
        "заходів з фінансуванням за роками. Нічого не вигадує: чого не прочитано, "
        "показано в зауваженнях. Повторний запуск того самого файлу нічого не змінює."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="файл .docx або .txt")
        parser.add_argument("--hromada", required=True, help="код КАТОТТГ громади")
        parser.add_argument("--dry-run", action="store_true", help="лише прочитати, не записувати")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--period", help="роки стратегії, якщо в документі їх немає: 2021-2027")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--replace-draft",
            action="store_true",
            help="якщо стратегія на цей період уже є і її остання редакція — чернетка, замінити її",
        )
        mode.add_argument(
            "--new-edition",
            action="store_true",
            help="якщо стратегія на цей період уже є, додати нову редакцію (чернетку)",
        )

    def handle(self, *args: Any, file: Path, hromada: str, **options: Any) -> None:
        territory = Territory.objects.hromadas().filter(code=hromada).first()
        if territory is None:
            raise CommandError(f"Громади з кодом {hromada} немає.")
        if not file.is_file():
            raise CommandError(f"Файлу {file} немає.")
        mode = ImportMode.REFUSE
        if options.get("replace_draft"):
            mode = ImportMode.REPLACE_DRAFT
        elif options.get("new_edition"):
            mode = ImportMode.NEW_EDITION
        plan = plan_import(
            file.read_bytes(),
            hromada=territory,
            name=file.name,
            mode=mode,
            period=_period(options.get("period")),
        )
        dry_run = bool(options.get("dry_run"))
        if plan.is_valid and not dry_run:
            assert plan.write is not None
            with transaction.atomic():
                plan.write()
        assert plan.parsed is not None
        summary = {
            **plan.parsed.summary(),
            "outcome": plan.outcome if plan.is_valid else "refused",
            "written": plan.is_valid and not dry_run and plan.outcome != "unchanged",
            "problems": [str(problem) for problem in plan.problems],
        }
        if options.get("format") == "json":
            self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))
        else:
            self._text(summary)
        if plan.problems:
            raise CommandError("Файл не прийнято, нічого не записано.")

    def _text(self, summary: dict[str, Any]) -> None:
        counts = summary["counts"]
        self.stdout.write(f"{summary['title']} ({summary['period']})")
        self.stdout.write(
            f"Стратегічних цілей {counts['strategic_goals']}, операційних "
            f"{counts['operational_goals']}, завдань {counts['tasks']}, заходів "
            f"{counts['measures']}, індикаторів {counts['indicators']}; фінансування "
            f"{summary['funding']['total']} тис. грн"
        )
        for warning in summary["warnings"]:
            self.stdout.write(f"  зауваження: {warning}")
        for problem in summary["problems"]:
            self.stdout.write(f"  помилка: {problem}")
        verdict = "записано" if summary["written"] else "нічого не записано"
        self.stdout.write(f"Результат: {summary['outcome']}; {verdict}.")


def _period(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    found = _PERIOD.match(text.strip())
    if not found or int(found.group(2)) < int(found.group(1)):
        raise CommandError("Період має вигляд 2021-2027.")
    return int(found.group(1)), int(found.group(2))
