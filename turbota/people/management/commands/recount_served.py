import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from turbota.people.served import recount
from turbota.territories.models import Territory


class Command(BaseCommand):
    help = (
        "Перераховує кількість отримувачів послуг за роками з усіх епізодів (для зведених "
        "потреб громад): після запису епізодів в обхід системи, напряму в базу даних. "
        "Запускайте, коли ніхто не вносить епізодів."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--hromada", help="код КАТОТТГ однієї громади (типово — усі)")

    def handle(self, *args: Any, hromada: str | None = None, **options: Any) -> None:
        hromada_ids = None
        if hromada:
            found = Territory.objects.hromadas().filter(code=hromada).first()
            if found is None:
                raise CommandError(f"Громади з кодом {hromada} немає.")
            hromada_ids = [found.pk]
        started = time.monotonic()
        rows = recount(hromada_ids=hromada_ids)
        seconds = f"{time.monotonic() - started:.1f}".replace(".", ",")
        self.stdout.write(f"Перераховано з епізодів. Записів змін за роками: {rows} ({seconds} с).")
