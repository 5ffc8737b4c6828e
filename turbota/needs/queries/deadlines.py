"""How the applications of the study's year kept the deadlines of art. 20: per service and
in total, the applications, those assessed within the deadline and late, those not assessed
with the deadline passed, and — for services with a decision deadline — late decisions.

An application counts in the study's year by its date, for the hromada where its person
lives; its deadlines are those of the rule in force on that date (``people.queries``).
Published, the table adds up down every column (the services make the total) and, less
strictly, along a row (applications = within + late + not assessed + the rest: refused
unassessed, not yet due, no rule). A small count is hidden as "<5", and while a column, or
a row whose rest is nought, has exactly one hidden cell, its smallest other cell that is
not nought is hidden too (hiding a nought protects nothing)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field, fields

from turbota.core.disclosure import Cell, is_small, shown, withheld
from turbota.needs.models import NeedsStudy
from turbota.people.models import Application
from turbota.people.queries import ApplicationDeadlines, deadline_book, deadlines_for

ROW_PARTS = ("assessed_on_time", "assessed_late", "not_assessed_overdue")


@dataclass
class ComplianceCounts:
    applications: int = 0
    assessed_on_time: int = 0
    assessed_late: int = 0
    not_assessed_overdue: int = 0
    decisions_late: int | None = None  # None: no decision deadline for the service

    @property
    def rest(self) -> int:
        """Refused unassessed, not yet due, or under no rule."""
        return (
            self.applications
            - self.assessed_on_time
            - self.assessed_late
            - self.not_assessed_overdue
        )


@dataclass
class ComplianceRow:
    code: str  # "" in the total row
    name: str
    counts: ComplianceCounts = field(default_factory=ComplianceCounts)


@dataclass(frozen=True)
class ShownCompliance:
    """A row as a reader sees it; ``decisions_late`` is None where no rule applies."""

    code: str
    name: str
    applications: Cell
    assessed_on_time: Cell
    assessed_late: Cell
    not_assessed_overdue: Cell
    decisions_late: Cell | None


COLUMNS = tuple(f.name for f in fields(ComplianceCounts))
Grid = dict[tuple[int, str], int]  # (row, column) → value; the last row is the total


def deadline_compliance(*, study: NeedsStudy, today: datetime.date) -> list[ComplianceRow]:
    """The services with applications in the study's year, by code, then the total row.
    Three queries: the applications, the rules, the calendar."""
    start, end = datetime.date(study.year, 1, 1), datetime.date(study.year, 12, 31)
    applications = (
        Application.objects.filter(person__hromada=study.hromada, applied_on__range=(start, end))
        .order_by("service__code")
        .values_list(
            "service__code", "service__name", "applied_on", "assessed_on", "decision", "decided_on"
        )
    )
    book = deadline_book(start)
    rows: dict[str, ComplianceRow] = {}
    for code, name, applied, assessed, decision, decided in applications:
        due = deadlines_for(
            book,
            code=code,
            applied_on=applied,
            assessed_on=assessed,
            decision=decision,
            decided_on=decided,
            today=today,
        )
        _count(rows.setdefault(code, ComplianceRow(code, name)).counts, due, assessed is not None)
    if not rows:
        return []
    return [*rows.values(), ComplianceRow("", "Усього", _total(r.counts for r in rows.values()))]


def _count(counts: ComplianceCounts, due: ApplicationDeadlines, assessed: bool) -> None:
    counts.applications += 1
    if due.assessment_due is not None and assessed:
        if due.assessment_late:
            counts.assessed_late += 1
        else:
            counts.assessed_on_time += 1
    elif due.assessment_late:
        counts.not_assessed_overdue += 1
    if due.decision_due is not None:
        counts.decisions_late = (counts.decisions_late or 0) + due.decision_late


def _total(counts: Iterable[ComplianceCounts]) -> ComplianceCounts:
    total = ComplianceCounts()
    for item in counts:
        for column in COLUMNS:
            value = getattr(item, column)
            if value is not None:
                setattr(total, column, (getattr(total, column) or 0) + value)
    return total


def shown_compliance(rows: list[ComplianceRow], *, suppress: bool) -> list[ShownCompliance]:
    values: Grid = {
        (i, column): getattr(row.counts, column)
        for i, row in enumerate(rows)
        for column in COLUMNS
        if getattr(row.counts, column) is not None
    }
    hidden: set[tuple[int, str]] = set()
    if suppress:
        hidden = _close(values, {cell for cell, value in values.items() if is_small(value)}, rows)

    def cell(i: int, column: str) -> Cell:
        value = values[(i, column)]
        if (i, column) not in hidden:
            return shown(value)
        return Cell(None, hidden=True) if is_small(value) else withheld()

    return [
        ShownCompliance(
            row.code,
            row.name,
            applications=cell(i, "applications"),
            assessed_on_time=cell(i, "assessed_on_time"),
            assessed_late=cell(i, "assessed_late"),
            not_assessed_overdue=cell(i, "not_assessed_overdue"),
            decisions_late=cell(i, "decisions_late") if (i, "decisions_late") in values else None,
        )
        for i, row in enumerate(rows)
    ]


def _close(
    values: Grid, hidden: set[tuple[int, str]], rows: list[ComplianceRow]
) -> set[tuple[int, str]]:
    """``hidden`` grown until no line that adds up has exactly one hidden cell."""
    lines = [[cell for cell in values if cell[1] == column] for column in COLUMNS]
    lines += [
        [(i, "applications"), *[(i, part) for part in ROW_PARTS]]
        for i, row in enumerate(rows)
        if row.counts.rest == 0
    ]
    hidden = set(hidden)
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(cell in hidden for cell in line) != 1:
                continue
            others = [cell for cell in line if cell not in hidden and values[cell] > 0]
            if others:
                hidden.add(min(others, key=lambda cell: (values[cell], cell)))
                changed = True
    return hidden
