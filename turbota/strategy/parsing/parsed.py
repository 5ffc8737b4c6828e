"""What the importer read from a document, before anything is written: the strategy's
parts, the goals tree as numbered in the document, and what it could not read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from turbota.strategy.enums import NodeKind


@dataclass
class ParsedFunding:
    year: int | None  # None: the document gives only a total for the whole period
    source: str | None  # a FundingSource code; None when several or none are named
    amount: Decimal


@dataclass
class ParsedIndicator:
    name: str
    line: int
    unit: str = ""
    by_area: bool = False
    by_sex: bool = False


@dataclass
class ParsedNode:
    kind: NodeKind
    number: str
    title: str
    line: int
    children: list[ParsedNode] = field(default_factory=list)
    slogan: str = ""
    result_indicator: str = ""
    period_text: str = ""
    period_start: int | None = None
    period_end: int | None = None
    executors: list[str] = field(default_factory=list)
    sources_text: str = ""
    source_codes: list[str] = field(default_factory=list)
    funding: list[ParsedFunding] = field(default_factory=list)
    mark: str = ""
    indicators: list[ParsedIndicator] = field(default_factory=list)

    def walk(self) -> list[ParsedNode]:
        found = [self]
        for child in self.children:
            found += child.walk()
        return found


@dataclass
class ParsedMember:
    full_name: str
    position: str
    role: str


@dataclass
class Problem:
    """Something that stops the import: nothing is written while there is one."""

    line: int
    reason: str
    value: str = ""


@dataclass
class ParsedStrategy:
    title: str = ""
    period_start: int | None = None
    period_end: int | None = None
    mission: str = ""
    vision: str = ""
    values: list[str] = field(default_factory=list)
    members: list[ParsedMember] = field(default_factory=list)
    swot: dict[str, list[str]] = field(default_factory=dict)
    scenarios: dict[str, str] = field(default_factory=dict)
    roots: list[ParsedNode] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def nodes(self) -> list[ParsedNode]:
        return [node for root in self.roots for node in root.walk()]

    def counts(self) -> dict[str, int]:
        kinds = [node.kind for node in self.nodes()]
        return {
            "strategic_goals": kinds.count(NodeKind.STRATEGIC_GOAL),
            "operational_goals": kinds.count(NodeKind.OPERATIONAL_GOAL),
            "tasks": kinds.count(NodeKind.TASK),
            "measures": kinds.count(NodeKind.MEASURE),
            "indicators": sum(len(node.indicators) for node in self.nodes()),
        }

    def funding(self) -> dict[str, Any]:
        by_year: dict[str, Decimal] = {}
        total = Decimal(0)
        for node in self.nodes():
            for item in node.funding:
                total += item.amount
                if item.year is not None:
                    key = str(item.year)
                    by_year[key] = by_year.get(key, Decimal(0)) + item.amount
        years: list[int] = []
        if self.period_start is not None and self.period_end is not None:
            years = list(range(self.period_start, self.period_end + 1))
        for year in years:
            by_year.setdefault(str(year), Decimal(0))
        return {
            "total": _number(total),
            "by_year": {year: _number(by_year[year]) for year in sorted(by_year)},
        }

    def _has_period(self) -> bool:
        return self.period_start is not None and self.period_end is not None

    def summary(self) -> dict[str, Any]:
        """The import's JSON summary (the shape issue 4 gives, with a few more keys)."""
        return {
            "title": self.title,
            "period": f"{self.period_start}-{self.period_end}" if self._has_period() else None,
            "counts": self.counts(),
            "funding": self.funding(),
            "tree": [_tree(root) for root in self.roots],
            "indicators": {
                node.number: [indicator.name for indicator in node.indicators]
                for node in self.nodes()
                if node.indicators
            },
            "mission": self.mission,
            "vision": self.vision,
            "values": self.values,
            "working_group": len(self.members),
            "swot": {quadrant: len(items) for quadrant, items in self.swot.items()},
            "scenarios": sorted(self.scenarios),
            "warnings": self.warnings,
            "problems": [
                {"line": problem.line, "reason": problem.reason, "value": problem.value}
                for problem in self.problems
            ],
        }


def _tree(node: ParsedNode) -> dict[str, Any]:
    return {
        "number": node.number,
        "title": node.title,
        "kind": node.kind.value,
        "line": node.line,
        "children": [_tree(child) for child in node.children],
    }


def _number(value: Decimal) -> int | float:
    """Thousands of UAH as a JSON number: 12 stays 12, 12.5 stays 12.5."""
    return int(value) if value == value.to_integral_value() else float(value)


def normalised(text: str) -> str:
    """A title for comparison: letters and digits only, lowercase."""
    return re.sub(r"[\W_]+", "", text.lower())
