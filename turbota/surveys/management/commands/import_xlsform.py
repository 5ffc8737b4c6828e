"""``turbota import_xlsform FILE [--dry-run] [--format json] (--hromada CODE | --survey ID)``"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from turbota.surveys import actions
from turbota.surveys.models import Survey
from turbota.surveys.xlsform.reading import ImportedForm, MalformedFormError, read_xlsform
from turbota.territories.models import Territory


class Command(BaseCommand):
    help = (
        "Читає анкету XLSForm і друкує її питання та непідтримувані можливості (рядок і що "
        "саме). Без --dry-run створює опитування громади (--hromada) або нову версію анкети "
        "опитування (--survey); форму з непідтримуваними можливостями не імпортує. Для "
        "пошкодженої форми завершується з помилкою і причиною."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="файл XLSForm (.xlsx, .xls або .csv)")
        parser.add_argument("--dry-run", action="store_true", help="лише перевірити")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--hromada", help="код КАТОТТГ громади для нового опитування")
        parser.add_argument("--survey", type=int, help="номер опитування для нової версії анкети")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Файл не знайдено: {path}")
        content = path.read_bytes()
        try:
            imported = read_xlsform(content, fallback_title=path.stem)
        except MalformedFormError as error:
            raise CommandError(str(error)) from None
        self.report(imported, options["format"])
        if options["dry_run"]:
            return
        if not imported.is_supported:
            raise CommandError(
                f"Форму не імпортовано: непідтримуваних можливостей — {len(imported.unsupported)}."
            )
        self.save(content, path.name, options)

    def report(self, imported: ImportedForm, fmt: str) -> None:
        summary = imported.summary()
        if fmt == "json":
            self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"Анкета: {summary['title']}")
        self.stdout.write(f"Питань: {len(summary['questions'])}")
        for question in summary["questions"]:
            self.stdout.write(f"  {question['name']} ({question['type']}): {question['label']}")
        if summary["unsupported"]:
            self.stdout.write("Не підтримується:")
            for item in summary["unsupported"]:
                self.stdout.write(f"  рядок {item['row']}: {item['feature']}")

    def save(self, content: bytes, name: str, options: dict[str, Any]) -> None:
        nobody = AnonymousUser()
        try:
            if options["survey"]:
                survey = Survey.objects.filter(pk=options["survey"]).first()
                if survey is None:
                    raise CommandError(f"Опитування № {options['survey']} немає.")
                version = actions.add_version(
                    survey=survey, content=content, file_name=name, by=nobody
                )
                self.stderr.write(f"Опитування № {survey.pk}: додано версію {version.number}.")
                return
            code = options["hromada"]
            hromada = Territory.objects.hromadas().filter(code=code).first() if code else None
            if hromada is None:
                raise CommandError(
                    "Вкажіть --hromada КОД (нове опитування) або --survey ID (нова версія)."
                )
            survey = actions.import_survey(
                hromada=hromada, content=content, file_name=name, by=nobody
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stderr.write(f"Створено опитування № {survey.pk} (чернетка): {survey.title}.")
