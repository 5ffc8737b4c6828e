import argparse
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from turbota.oblast.synthetic import fill_oblast
from turbota.territories.enums import TerritoryCategory
from turbota.territories.models import Territory


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"потрібне ціле число, більше за нуль, а не «{value}»")
    return int(value)


class Command(BaseCommand):
    help = (
        "Заповнює всі громади області (крім тих, що вже мають профіль) синтетичними "
        "(вигаданими) даними: населення й координати населених пунктів, вразливі групи, "
        "надавачі з потужністю, синтетичні отримувачі, оприлюднене визначення потреб. "
        "Однаковий --seed дає однакові дані."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--oblast", required=True, help="код КАТОТТГ області")
        parser.add_argument(
            "--people", type=_positive, default=30, help="синтетичних осіб у громаді (30)"
        )
        parser.add_argument("--seed", type=int, default=2021, help="зерно (типово 2021)")
        parser.add_argument("--year", type=int, default=2021, help="рік даних (типово 2021)")

    def handle(
        self, *args: Any, oblast: str, people: int, seed: int, year: int, **options: Any
    ) -> None:
        if not 1991 <= year <= timezone.localdate().year:
            raise CommandError(f"Рік {year} поза межами: від 1991 до поточного.")
        found = Territory.objects.filter(code=oblast, category=TerritoryCategory.OBLAST).first()
        if found is None:
            raise CommandError(
                f"Області з кодом {oblast} немає. Спершу завантажте довідники: "
                "turbota load_reference"
            )
        started = time.monotonic()
        summary = fill_oblast(oblast=found, people=people, seed=seed, year=year)
        for reason in summary.skipped:
            self.stdout.write(f"Пропущено — {reason}.")
        seconds = f"{time.monotonic() - started:.1f}".replace(".", ",")
        self.stdout.write(
            f"{found.display_name}: заповнено громад — {len(summary.filled)}, синтетичних "
            f"осіб — {summary.people} ({seconds} с)."
        )
