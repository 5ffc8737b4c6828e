"""The contract between an importing app and the shared upload → preview → apply flow.

An importer reads a file into an ``ImportPlan``: either the problems found (nothing may be
written) or the list of changes plus a function that writes them. The flow in
``core.actions`` keeps the file between preview and confirmation and re-plans it on apply,
so a confirmation never writes what the database has meanwhile made stale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Literal, Protocol

from turbota.reports.xlsx import FileProblem

if TYPE_CHECKING:
    from turbota.accounts.permissions import AnyUser
    from turbota.territories.models import Territory

ChangeAction = Literal["create", "update", "unchanged"]


@dataclass(frozen=True)
class Change:
    action: ChangeAction
    what: str
    old: str = ""
    new: str = ""


@dataclass
class ImportPlan:
    problems: list[FileProblem] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    write: Callable[[], None] | None = None

    @property
    def is_valid(self) -> bool:
        return not self.problems and self.write is not None

    def counts(self) -> dict[str, int]:
        counts = {"create": 0, "update": 0, "unchanged": 0}
        for change in self.changes:
            counts[change.action] += 1
        return counts

    def summary(self) -> dict[str, object]:
        return {
            "counts": self.counts(),
            "changes": [
                {"action": c.action, "what": c.what, "old": c.old, "new": c.new}
                for c in self.changes
                if c.action != "unchanged"
            ],
        }


class Importer(Protocol):
    kind: str
    title: str

    def plan(self, source: IO[bytes], *, hromada: Territory) -> ImportPlan: ...

    def can_import(self, user: AnyUser, hromada: Territory) -> bool: ...

    def done_url(self, hromada: Territory) -> str: ...


_IMPORTERS: dict[str, Importer] = {}


def register(importer: Importer) -> None:
    _IMPORTERS[importer.kind] = importer


def importer_for(kind: str) -> Importer:
    return _IMPORTERS[kind]
