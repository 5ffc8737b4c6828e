"""Action-plan tables: which column holds what, and the cells read as the document writes
them — amounts in thousands of UAH with a decimal comma, "-" for none, years and periods."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

_YEAR = re.compile(r"^((?:19|20)\d{2})(?:\s*(?:р\.?|рік))?$", re.IGNORECASE)
_YEARS_IN = re.compile(r"(?:19|20)\d{2}")
_RANGE = re.compile(r"((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})")
_NONE = {"", "-", "–", "—", "х", "x"}
_TOTAL_WORDS = ("усього", "всього", "разом", "загальний обсяг", "загалом")

COLUMN_WORDS = {
    "number": ("№", "номер"),
    "indicator": ("індикатор", "показник", "очікуваний результат"),
    "period": ("термін", "строк"),
    "executor": ("виконав",),
    "source": ("джерел",),
    "mark": ("відмітк", "стан виконання"),
    "title": ("завдання", "захід", "заходи", "найменування", "зміст", "ціл"),
    "funding": ("обсяг", "фінансуван", "тис. грн", "тис.грн"),
}


@dataclass
class Columns:
    """Where each kind of cell is in a plan table's rows."""

    roles: dict[str, int] = field(default_factory=dict)
    years: dict[int, int] = field(default_factory=dict)  # year → column
    total: int | None = None
    width: int = 0

    def cell(self, cells: Sequence[str], role: str) -> str:
        column = self.roles.get(role)
        return cells[column] if column is not None and column < len(cells) else ""


def year_label(text: str) -> int | None:
    found = _YEAR.match(text.strip())
    return int(found.group(1)) if found else None


def is_total_label(text: str) -> bool:
    lower = text.lower().strip().rstrip(":")
    return any(lower.startswith(word) for word in _TOTAL_WORDS)


def _role(text: str) -> str | None:
    lower = text.lower()
    for role, words in COLUMN_WORDS.items():
        if any(word in lower for word in words):
            return role
    return None


def header_columns(cells: Sequence[str], sub: Sequence[str] | None = None) -> Columns | None:
    """The columns of a plan table from its header row (and a second header row of years
    under "обсяг фінансування", if there is one); None if the row is not such a header."""
    labels = list(cells)
    if sub is not None:
        labels = _combined(labels, list(sub))
    columns = Columns(width=len(labels))
    for index, label in enumerate(labels):
        year = year_label(label)
        if year is not None:
            columns.years[year] = index
        elif is_total_label(label):
            columns.total = index
        else:
            role = _role(label)
            if role and role not in columns.roles:
                columns.roles[role] = index
    known = {"indicator", "period", "executor", "source"} & set(columns.roles)
    if len(known) < 2 or not ({"title", "number"} & set(columns.roles)):
        return None
    return columns


def sub_header(cells: Sequence[str]) -> bool:
    """A second header row: only years and a total ("усього")."""
    texts = [cell for cell in cells if cell.strip()]
    return (
        bool(texts)
        and any(year_label(t) for t in texts)
        and all(year_label(t) is not None or is_total_label(t) or _role(t) for t in texts)
    )


def _combined(top: list[str], sub: list[str]) -> list[str]:
    if len(sub) > len(top):  # DOCX: the second row repeats the cells merged down into it
        return list(sub)
    if len(sub) == len(top):  # the grid, with empty cells under the merged ones
        return [
            s if (year_label(s) or is_total_label(s)) else t for t, s in zip(top, sub, strict=True)
        ]
    group = next((i for i, t in enumerate(top) if _role(t) == "funding"), None)
    if group is None:
        return top
    sub_labels = [s for s in sub if s.strip()]
    return top[:group] + sub_labels + top[group + 1 :]


def amount(text: str) -> Decimal | None:
    """A figure in thousands of UAH: "1 234,5" → 1234.5; "-" or empty → None.
    Raises ValueError for anything else, which the caller reports."""
    compact = text.strip().replace("\u00a0", "").replace(" ", "")
    if compact.lower() in _NONE:
        return None
    compact = compact.replace(",", ".")
    try:
        value = Decimal(compact)
    except InvalidOperation as error:
        raise ValueError(text) from error
    if not value.is_finite():
        raise ValueError(text)
    return value


def period(text: str) -> tuple[int | None, int | None]:
    """Years of a period as written: "2022-2025", "2021 рік"; none for "постійно"."""
    found = _RANGE.search(text)
    if found:
        return int(found.group(1)), int(found.group(2))
    years = [int(year) for year in _YEARS_IN.findall(text)]
    if len(years) == 1:
        return years[0], years[0]
    if years:
        return min(years), max(years)
    return None, None


def split_executors(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;\n]", text) if part.strip()]


_STEM = 5


def _matches(alias: str, text: str) -> bool:
    """Every word of the alias begins a word of the text (Ukrainian endings vary:
    "місцевий бюджет" is found in "кошти місцевого бюджету")."""
    words = re.findall(r"\w+", text.lower())
    for wanted in re.findall(r"\w+", alias):
        stem = wanted[:_STEM] if len(wanted) > _STEM else wanted
        if not any(
            word.startswith(stem) if len(wanted) > _STEM else word == wanted for word in words
        ):
            return False
    return True


def match_sources(text: str, aliases: dict[str, list[str]]) -> tuple[list[str], list[str]]:
    """Source codes named in a cell, and the parts of it that match no known source."""
    found: list[str] = []
    unknown: list[str] = []
    for part in re.split(r"[,;\n]|\s+та\s+|\s+і\s+", text):
        part = part.strip().rstrip(".")
        if not part or part in _NONE:
            continue
        codes = [code for code, names in aliases.items() if any(_matches(a, part) for a in names)]
        if codes:
            found.extend(code for code in codes[:1] if code not in found)
        else:
            unknown.append(part)
    return found, unknown
