"""Questionnaires shipped with Turbota as XLSForm files (``shipped/``), to import as they
are or adapt in a spreadsheet first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(__file__).parent / "shipped"


@dataclass(frozen=True)
class Template:
    name: str
    title: str
    description: str

    @property
    def path(self) -> Path:
        return FOLDER / f"{self.name}.xlsx"


TEMPLATES = {
    template.name: template
    for template in (
        Template(
            "satisfaction",
            "Оцінка задоволеності отримувачів соціальних послуг",
            "Питання анкетування отримувачів Селидівської громади (липень 2020): до яких "
            "надавачів зверталися, чи задоволені (задоволені / скоріше задоволені / "
            "скоріше не задоволені / не задоволені), чи важко отримати послугу, чи "
            "відповідають послуги потребам, яких послуг бракує; стать, вік, місцевість.",
        ),
        Template(
            "all-types",
            "Приклад з усіма типами питань",
            "Текст, ціле й дробове число, дата, один і кілька варіантів, примітка, група, "
            "повтор, умови показу (relevant), обов'язковість, обмеження з повідомленням, "
            "дві мови.",
        ),
    )
}
