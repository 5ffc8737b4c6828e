"""The unmet-demand register: services each hromada flagged in its current needs study as
in demand but impossible to provide alone (seed 003), with reasons and volumes; the
oblast's consolidated table per service and raion; and its regional planning notes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from turbota.catalog.models import Service
from turbota.needs.models import UnprovidableService
from turbota.oblast.models import PlanningNote
from turbota.oblast.queries.scope import (
    SEXES,
    ZERO,
    NeedFigures,
    current_studies,
    hromadas_of,
    raion_of,
    study_figures,
    sum_figures,
)
from turbota.territories.models import Territory


@dataclass(frozen=True)
class FlaggedService:
    """A service one hromada cannot provide alone, with its study's unmet need by sex."""

    hromada: Territory
    service: Service
    reason: str
    volume: int | None  # as the hromada declared it; None: not given
    study_year: int
    unmet: dict[str, NeedFigures]  # sex → the study's figures for the service

    @property
    def raion(self) -> Territory | None:
        return raion_of(self.hromada)


@dataclass(frozen=True)
class ConsolidatedRow:
    """Hromadas of one raion (or of the whole oblast: ``is_total``) flagging one service."""

    service: Service
    raion: Territory | None
    hromadas: int
    volume: int  # the sum of the volumes given
    without_volume: int  # hromadas that gave none
    figures: dict[str, NeedFigures]  # sex → the sum of their studies' figures
    is_total: bool = False


@dataclass(frozen=True)
class UnmetRegister:
    oblast: Territory
    year: int
    items: list[FlaggedService]
    rows: list[ConsolidatedRow]  # per service: its raions, then the service's total
    notes: list[PlanningNote]

    def totals(self) -> list[ConsolidatedRow]:
        return [row for row in self.rows if row.is_total]


def unmet_register(
    *,
    oblast: Territory,
    year: int,
    raion: Territory | None = None,
    service: Service | None = None,
) -> UnmetRegister:
    """What the hromadas (of ``raion``; for ``service``) flagged, as of reference ``year``."""
    hromadas = {h.pk: h for h in hromadas_of(oblast, raion)}
    studies = current_studies(hromadas.keys(), year)
    figures = study_figures(studies.values())
    flagged = UnprovidableService.objects.filter(study__in=studies.values()).select_related(
        "service", "study"
    )
    if service is not None:
        flagged = flagged.filter(service=service)
    items = [
        FlaggedService(
            hromada=hromadas[item.study.hromada_id],
            service=item.service,
            reason=item.reason,
            volume=item.volume,
            study_year=item.study.year,
            unmet={
                sex: figures.get(item.study.hromada_id, {}).get((item.service_id, sex), ZERO)
                for sex in SEXES
            },
        )
        for item in flagged
    ]
    items.sort(key=lambda i: (i.service.code, _raion_key(i.raion), i.hromada.sort_key))
    notes = PlanningNote.objects.filter(oblast=oblast).select_related("service", "raion", "hromada")
    if raion is not None:
        notes = notes.filter(raion=raion)
    if service is not None:
        notes = notes.filter(service=service)
    return UnmetRegister(
        oblast=oblast, year=year, items=items, rows=consolidate(items), notes=list(notes)
    )


def _raion_key(raion: Territory | None) -> str:
    return raion.sort_key if raion else ""


def consolidate(items: list[FlaggedService]) -> list[ConsolidatedRow]:
    """Per service (code order): a row per raion, then the service's oblast row, which is
    the sum of the hromadas — and so of its raion rows."""
    by_service: dict[str, list[FlaggedService]] = defaultdict(list)
    for item in items:
        by_service[item.service.code].append(item)
    rows: list[ConsolidatedRow] = []
    for code in sorted(by_service):
        flagged = by_service[code]
        by_raion: dict[int | None, list[FlaggedService]] = defaultdict(list)
        for item in flagged:
            by_raion[item.raion.pk if item.raion else None].append(item)
        for group in sorted(by_raion.values(), key=lambda g: _raion_key(g[0].raion)):
            rows.append(_row(group, group[0].raion))
        rows.append(_row(flagged, None, is_total=True))
    return rows


def _row(
    items: list[FlaggedService], raion: Territory | None, *, is_total: bool = False
) -> ConsolidatedRow:
    return ConsolidatedRow(
        service=items[0].service,
        raion=raion,
        hromadas=len(items),
        volume=sum(item.volume or 0 for item in items),
        without_volume=sum(1 for item in items if item.volume is None),
        figures={sex: sum_figures(item.unmet[sex] for item in items) for sex in SEXES},
        is_total=is_total,
    )
