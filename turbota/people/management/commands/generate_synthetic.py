import argparse
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from turbota.people.synthetic import SyntheticSummary, add_synthetic_provider, generate_people
from turbota.territories.models import Territory


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"потрібне ціле число, більше за нуль, а не «{value}»")
    return int(value)


class Command(BaseCommand):
    help = (
        "Створює синтетичних отримувачів (вигадані особи, позначені як синтетичні) з "
        "епізодами надання послуг для демонстрації й перевірки швидкодії. Однаковий --seed "
        "дає однакові дані. Записи, внесені людьми, не змінює."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--hromadas",
            type=_positive,
            default=1,
            help="скільки громад заповнити: перші за абеткою, без Криму (типово 1)",
        )
        parser.add_argument(
            "--people", type=_positive, required=True, help="скільки осіб у кожній громаді"
        )
        parser.add_argument("--seed", type=int, default=2021, help="зерно (типово 2021)")
        parser.add_argument("--year", type=int, default=2021, help="рік даних (типово 2021)")
        parser.add_argument("--hromada", help="код КАТОТТГ однієї громади (замість --hromadas)")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="спершу видалити синтетичних осіб громади (лише їх) і створити заново",
        )

    def handle(
        self,
        *args: Any,
        hromadas: int,
        people: int,
        seed: int,
        year: int,
        hromada: str | None = None,
        replace: bool = False,
        **options: Any,
    ) -> None:
        if not 1991 <= year <= timezone.localdate().year:
            raise CommandError(f"Рік {year} поза межами: від 1991 до поточного.")
        targets = self._targets(code=hromada, count=hromadas)
        started = time.monotonic()
        created = episodes = 0
        for target in targets:
            try:
                summary = self._fill(target, people=people, seed=seed, year=year, replace=replace)
            except ValueError as error:
                if hromada:
                    raise CommandError(f"{target.display_name}: {error}") from error
                self.stderr.write(f"{target.display_name}: {error} Пропущено.")
                continue
            created += summary.people
            episodes += summary.episodes
        seconds = f"{time.monotonic() - started:.1f}".replace(".", ",")
        self.stdout.write(
            f"Разом створено: синтетичних осіб — {created}, епізодів — {episodes} "
            f"(громад: {len(targets)}, {seconds} с)."
        )

    def _targets(self, *, code: str | None, count: int) -> list[Territory]:
        if code:
            territory = Territory.objects.hromadas().filter(code=code).first()
            if territory is None:
                raise CommandError(f"Громади з кодом {code} немає.")
            return [territory]
        found = list(
            Territory.objects.hromadas()
            .outside_crimea()
            .current()
            .order_by("sort_key", "code")[:count]
        )
        if not found:
            raise CommandError("Громад немає. Спершу завантажте довідники: turbota load_reference")
        return found

    def _fill(
        self, hromada: Territory, *, people: int, seed: int, year: int, replace: bool
    ) -> SyntheticSummary:
        with transaction.atomic():  # a hromada that cannot be filled gets no provider either
            provider = add_synthetic_provider(hromada=hromada)
            summary = generate_people(
                hromada=hromada, people=people, seed=seed, year=year, replace=replace
            )
        if provider is not None:
            self.stdout.write(f"{hromada.display_name}: надавачів не було — додано синтетичного.")
        if summary.skipped:
            self.stdout.write(
                f"{hromada.display_name}: синтетичні особи вже є — пропущено "
                "(--replace, щоб створити заново)."
            )
        else:
            removed = f", видалено попередніх — {summary.removed}" if summary.removed else ""
            self.stdout.write(
                f"{hromada.display_name}: осіб — {summary.people}, епізодів — "
                f"{summary.episodes}, належностей до вразливих груп — {summary.memberships}"
                f"{removed}."
            )
        return summary
