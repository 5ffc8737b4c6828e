"""A minimal importer for testing the shared import flow: years with births and deaths."""

from __future__ import annotations

from typing import IO

from turbota.accounts.permissions import AnyUser, staff_hromada_ids
from turbota.core.imports import Change, ImportPlan, register
from turbota.reports.xlsx import Column, SheetSpec, parse_count, parse_year, read_workbook
from turbota.territories.models import Territory, VitalStatistics

SHEET = SheetSpec(
    name="Рух",
    columns=(
        Column("year", "Рік", parse_year, required=True),
        Column("births", "Народжені", parse_count, required=True),
        Column("deaths", "Померлі", parse_count, required=True),
    ),
)


class FakeVitalImporter:
    kind = "test-vital"
    title = "Тестовий імпорт природного руху"

    def plan(self, source: IO[bytes], *, hromada: Territory) -> ImportPlan:
        book = read_workbook(source.read(), [SHEET])
        if book.errors:
            return ImportPlan(problems=book.errors)
        rows = [row.values for row in book.sheet_rows(SHEET)]
        existing = {v.year: v for v in VitalStatistics.objects.filter(hromada=hromada)}
        changes = []
        for values in rows:
            old = existing.get(values["year"])
            new = f"{values['births']}/{values['deaths']}"
            if old is None:
                changes.append(Change("create", str(values["year"]), new=new))
            elif (old.births, old.deaths) != (values["births"], values["deaths"]):
                changes.append(
                    Change("update", str(values["year"]), old=f"{old.births}/{old.deaths}", new=new)
                )
            else:
                changes.append(Change("unchanged", str(values["year"])))

        def write() -> None:
            for values in rows:
                VitalStatistics.objects.update_or_create(
                    hromada=hromada,
                    year=values["year"],
                    defaults={"births": values["births"], "deaths": values["deaths"]},
                )

        return ImportPlan(changes=changes, write=write)

    def can_import(self, user: AnyUser, hromada: Territory) -> bool:
        return hromada.pk in staff_hromada_ids(user)

    def done_url(self, hromada: Territory) -> str:
        return "/"


IMPORTER = FakeVitalImporter()
register(IMPORTER)
