"""Import of an existing strategy (plain-text export or DOCX) through the shared upload →
preview → confirm flow (decision 0007), and from ``import_strategy``.

A re-run never replaces anything silently (decision 0019): the same file again changes
nothing; a different file for a period that already has a strategy is refused unless the
user chose to replace the draft edition or to add a new edition."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from django.db import models
from django.urls import reverse

from turbota.core.imports import Change, ImportPlan, register
from turbota.reports.xlsx import FileProblem
from turbota.strategy.enums import StrategyStatus
from turbota.strategy.models import Strategy
from turbota.strategy.parsing import ParsedStrategy, parse_document
from turbota.strategy.reference import funding_sources
from turbota.strategy.writing import write_parsed

if TYPE_CHECKING:
    from turbota.accounts.permissions import AnyUser
    from turbota.territories.models import Territory

MAX_BYTES = 20 * 1024 * 1024


class ImportMode(models.TextChoices):
    REFUSE = "refuse", "нічого не змінювати (відмовити)"
    REPLACE_DRAFT = "replace_draft", "замінити чернетку новим файлом"
    NEW_EDITION = "new_edition", "додати нову редакцію (чернетку)"


@dataclass
class StrategyImportPlan(ImportPlan):
    parsed: ParsedStrategy | None = None
    outcome: str = ""

    def summary(self) -> dict[str, object]:
        base = super().summary()
        if self.parsed is not None:
            base["strategy"] = {**self.parsed.summary(), "outcome": self.outcome}
        return base


def plan_import(
    content: bytes,
    *,
    hromada: Territory,
    name: str = "",
    mode: ImportMode = ImportMode.REFUSE,
    period: tuple[int, int] | None = None,
) -> StrategyImportPlan:
    """Read the file and decide what importing it would do; write nothing."""
    aliases = {source.code: source.alias_list() for source in funding_sources()}
    kind = "document.docx" if content[:4] == b"PK\x03\x04" else "document.txt"
    parsed = parse_document(content, kind, aliases=aliases, period=period)
    plan = StrategyImportPlan(parsed=parsed)
    plan.problems = [_problem(p.line, p.reason, p.value) for p in parsed.problems]
    if len(content) > MAX_BYTES:
        plan.problems.append(_problem(0, "Файл завеликий: не більше 20 МБ."))
    if plan.problems:
        return plan
    assert parsed.period_start is not None
    assert parsed.period_end is not None
    checksum = hashlib.sha256(content).hexdigest()
    editions = list(
        Strategy.objects.filter(
            hromada=hromada, period_start=parsed.period_start, period_end=parsed.period_end
        ).order_by("-edition")
    )
    same = next((s for s in editions if s.source_checksum == checksum), None)
    if same is not None:
        plan.outcome = "unchanged"
        plan.changes = [Change("unchanged", f"{same} — цей файл уже імпортовано")]
        plan.write = lambda: None
        return plan
    _decide(plan, parsed, editions, mode, hromada=hromada, checksum=checksum, name=name)
    return plan


def _decide(
    plan: StrategyImportPlan,
    parsed: ParsedStrategy,
    editions: list[Strategy],
    mode: ImportMode,
    **where: Any,
) -> None:
    latest = editions[0] if editions else None
    what = f"{parsed.title} ({parsed.period_start}-{parsed.period_end})"
    if latest is None:
        plan.outcome = "create"
        plan.changes = [Change("create", f"{what}, редакція 1 (чернетка)")]
        plan.write = lambda: _write(parsed, edition=1, based_on=None, replace=None, **where)
    elif mode == ImportMode.REPLACE_DRAFT and latest.status == StrategyStatus.DRAFT:
        plan.outcome = "replace"
        plan.changes = [Change("update", f"{what}, редакція {latest.edition}", "чернетка", "файл")]
        plan.write = lambda: _write(
            parsed, edition=latest.edition, based_on=None, replace=latest, **where
        )
    elif mode == ImportMode.NEW_EDITION:
        plan.outcome = "new_edition"
        edition = latest.edition + 1
        plan.changes = [Change("create", f"{what}, редакція {edition} (чернетка)")]
        plan.write = lambda: _write(parsed, edition=edition, based_on=latest, replace=None, **where)
    elif mode == ImportMode.REPLACE_DRAFT:
        plan.problems.append(
            _problem(
                0,
                f"Остання редакція {latest.edition} має стан «{latest.get_status_display()}»: "
                "замінити можна лише чернетку. Імпортуйте файл як нову редакцію.",
            )
        )
    else:
        plan.problems.append(
            _problem(
                0,
                f"Стратегія громади на {latest.period} роки вже є (редакція {latest.edition}, "
                f"«{latest.get_status_display()}»). Нічого не записано: оберіть «замінити "
                "чернетку» (--replace-draft) або «нова редакція» (--new-edition).",
            )
        )


def _write(
    parsed: ParsedStrategy,
    *,
    edition: int,
    based_on: Strategy | None,
    replace: Strategy | None,
    hromada: Territory,
    checksum: str,
    name: str,
) -> None:
    write_parsed(
        parsed,
        hromada=hromada,
        edition=edition,
        based_on=based_on,
        replace=replace,
        checksum=checksum,
        source_name=name,
    )


def _problem(line: int, reason: str, value: str = "") -> FileProblem:
    return FileProblem(message=reason, row=line or None, value=value)


class StrategyImporter:
    """The shared flow's importer; one per choice of what to do with an existing strategy."""

    title = "Імпорт стратегії з файлу (DOCX або текст)"

    def __init__(self, mode: ImportMode) -> None:
        self.mode = mode
        self.kind = f"strategy:{mode.value}"

    def plan(self, source: IO[bytes], *, hromada: Territory) -> ImportPlan:
        name = Path(getattr(source, "name", "") or "").name
        return plan_import(source.read(), hromada=hromada, name=name, mode=self.mode)

    def can_import(self, user: AnyUser, hromada: Territory) -> bool:
        from turbota.strategy.permissions import can_import_strategy

        return can_import_strategy(user, hromada)

    def done_url(self, hromada: Territory) -> str:
        return reverse("strategy:list", kwargs={"code": hromada.code})


IMPORTERS = {mode: StrategyImporter(mode) for mode in ImportMode}
for _importer in IMPORTERS.values():
    register(_importer)
