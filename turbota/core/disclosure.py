"""Small-count suppression for anything published.

A published count between 1 and threshold-1 could point at a person, so it is shown as
"<5". Suppressing one cell of a female / male / total row is not enough — the other two
give it back by subtraction — so a row with any small cell hides at least two of its cells.
Zero is shown: it says nobody is there, which identifies no one.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


def threshold() -> int:
    return int(settings.TURBOTA_SMALL_COUNT_THRESHOLD)


def is_small(value: int | None) -> bool:
    return value is not None and 0 < value < threshold()


def suppressed_label() -> str:
    return f"<{threshold()}"


@dataclass(frozen=True)
class Cell:
    """A count as shown: ``value`` is None when hidden. A cell ``withheld`` is hidden not for
    being small but because, with the cells around it, it would give a small one back; it
    reads "приховано", since printing "<5" for a hidden total of 1003 would be false."""

    value: int | None
    hidden: bool = False
    withheld: bool = False

    def __str__(self) -> str:
        if self.withheld:
            return "приховано"
        if self.hidden:
            return suppressed_label()
        # Plain digits, as the hromadas' own tables print them (13970, not 13 970).
        return "" if self.value is None else str(self.value)


def shown(value: int | None) -> Cell:
    return Cell(value=value)


def withheld() -> Cell:
    return Cell(None, hidden=True, withheld=True)


def _hidden(value: int | None) -> Cell:
    return Cell(None, hidden=True) if is_small(value) else withheld()


def sex_row(female: int | None, male: int | None, *, suppress: bool) -> tuple[Cell, Cell, Cell]:
    """Female, male and total cells of one row, suppressed for publication if asked."""
    total = None if female is None and male is None else (female or 0) + (male or 0)
    if not suppress:
        return shown(female), shown(male), shown(total)
    hide = [is_small(female), is_small(male), is_small(total)]
    if sum(hide) == 1:
        # Only one part is small and the total is not: the total would give it back.
        hide[2] = True
    values = (female, male, total)
    cells = [
        _hidden(value) if hidden else shown(value)
        for value, hidden in zip(values, hide, strict=True)
    ]
    return cells[0], cells[1], cells[2]


def single(value: int | None, *, suppress: bool) -> Cell:
    if suppress and is_small(value):
        return Cell(None, True)
    return shown(value)
