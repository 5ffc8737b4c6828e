import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from turbota.needs.documents import FORMATS, write_report
from turbota.needs.models import NeedsStudy
from turbota.needs.queries import NeedsTable, needs_table, shown_table


class Command(BaseCommand):
    help = (
        "Таблиця потреб громади на рік: JSON у стандартний вивід або документ "
        "(DOCX, PDF, XLSX) у файл."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--hromada", required=True, help="код КАТОТТГ громади")
        parser.add_argument("--year", required=True, type=int, help="рік визначення потреб")
        parser.add_argument("--format", default="json", choices=["json", *FORMATS])
        parser.add_argument("--out", type=Path, help="файл для docx, pdf, xlsx")
        parser.add_argument(
            "--published",
            action="store_true",
            help="як для оприлюднення: малі кількості приховано (null у JSON, «<5» у документі)",
        )

    def handle(self, *args: Any, hromada: str, year: int, **options: Any) -> None:
        study = (
            NeedsStudy.objects.select_related("hromada", "method")
            .filter(hromada__code=hromada.upper(), year=year)
            .first()
        )
        if study is None:
            raise CommandError(f"Визначення потреб громади {hromada} на {year} рік не знайдено.")
        table = needs_table(study=study)
        published = bool(options["published"])
        if options["format"] == "json":
            self.stdout.write(json.dumps(as_json(table, published=published), ensure_ascii=False))
            return
        out = options["out"]
        if out is None:
            raise CommandError("Вкажіть --out ФАЙЛ для документа.")
        out.write_bytes(write_report(table, options["format"], published=published))
        self.stdout.write(f"Звіт записано у {out}")


def as_json(table: NeedsTable, *, published: bool) -> dict[str, Any]:
    return {
        "hromada": table.study.hromada.code,
        "year": table.study.year,
        "published": published,
        "rows": [
            {
                "service": shown.row.service.code,
                "settlement": shown.row.settlement_code,
                "sex": shown.row.sex,
                "need": shown.need.value,
                "served": shown.served.value,
                "capacity": shown.row.capacity,
                "unmet": shown.unmet.value,
                "coverage": None if shown.coverage is None else float(shown.coverage),
            }
            for shown in shown_table(table, suppress=published)
        ],
    }
