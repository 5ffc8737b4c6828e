"""Age bands for cross-tables when a survey asks age as a whole number (decision 0021,
amended): the survey names the lower bounds of its bands, "18, 35, 60" by default, which
make 18–34, 35–59 and 60+; an age below the first bound is "до 18", a column shown only
when someone gave such an age (a survey of adults has none)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from typing import Any

from django.core.exceptions import ValidationError

DEFAULT_BOUNDS = (18, 35, 60)
MAX_AGE = 150
NOT_GIVEN = ""  # the cross-table's "не вказано" column


def parse_bounds(text: str) -> tuple[int, ...]:
    """The lower bounds written as "18, 35, 60" (spaces or semicolons also separate);
    empty text gives the default. ``ValueError`` with the reason in Ukrainian."""
    parts = [part for part in text.replace(";", ",").replace(" ", ",").split(",") if part]
    if not parts:
        return DEFAULT_BOUNDS
    try:
        bounds = tuple(int(part) for part in parts)
    except ValueError:
        raise ValueError(
            "Межі вікових груп — цілі числа через кому, наприклад «18, 35, 60»."
        ) from None
    if any(bound < 0 or bound > MAX_AGE for bound in bounds):
        raise ValueError(f"Межі вікових груп мають бути від 0 до {MAX_AGE}.")
    if any(later <= earlier for earlier, later in pairwise(bounds)):
        raise ValueError("Межі вікових груп мають зростати: «18, 35, 60».")
    return bounds


def validate_bounds(text: str) -> None:
    try:
        parse_bounds(text)
    except ValueError as error:
        raise ValidationError(str(error)) from error


def _age(value: Any) -> int | None:
    """A whole number of years from an answer (45, "45", 45.0 of an imported file)."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return int(number) if number.is_finite() else None


@dataclass(frozen=True)
class AgeBands:
    bounds: tuple[int, ...] = DEFAULT_BOUNDS

    @classmethod
    def of(cls, text: str) -> AgeBands:
        """The survey's bands; the default where its setting cannot be read."""
        try:
            return cls(parse_bounds(text))
        except ValueError:
            return cls()

    @property
    def under(self) -> tuple[str, str]:
        first = self.bounds[0]
        return f"<{first}", f"до {first}"

    def bands(self) -> list[tuple[str, str]]:
        """(key, label) of every band from the first bound up: "18–34", …, "60+"."""
        found = []
        for low, high in zip(self.bounds, [*self.bounds[1:], None], strict=True):
            if high is None:
                found.append((f"{low}+", f"{low}+"))
            elif high - 1 == low:
                found.append((f"{low}", f"{low}"))
            else:
                found.append((f"{low}-{high - 1}", f"{low}–{high - 1}"))
        return found

    def key(self, value: Any) -> str:
        """The band an answer falls in; ``NOT_GIVEN`` for no answer or not a number."""
        age = _age(value)
        if age is None:
            return NOT_GIVEN
        if age < self.bounds[0]:
            return self.under[0]
        keys = [key for key, _label in self.bands()]
        below = [index for index, bound in enumerate(self.bounds) if age >= bound]
        return keys[below[-1]]

    def columns(self, present: set[str]) -> list[tuple[str, str]]:
        """The cross-table's columns: "до 18" where someone is younger, then every band."""
        under = [self.under] if self.under[0] in present else []
        return [*under, *self.bands()]

    @property
    def description(self) -> str:
        return ", ".join(label for _key, label in self.bands())
